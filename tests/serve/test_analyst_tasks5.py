"""What session 21's workbench walk (wb21: two analysts on one ledger at once, two browser contexts) found and fixed,
over the example reports (SQLite and PostgreSQL for the API; Debian's Chromium for the pages):

- an incident's page learns that another analyst changed the incident after it was drawn, and says who changed what,
  before its analyst writes against the old view (``GET /api/incidents/ID/changes?since=VERSION``, asked when the
  page comes back into view); on main the first sign was the refusal of a write;
- a correction refused as stale (409) is not lost: "Reload, keeping my correction in the form" shows the newer state
  with the typed value and reason back in the form, beside what the field holds now; on main the reload emptied it;
- a correction of an incident another analyst merged away meanwhile (404 naming where it went) links the incident it
  is now part of, and the typed correction goes with it; on main the words named only the API's address."""
from __future__ import annotations

import re
from typing import Any, Iterator

import pytest

from browserkit import Tab, open_tab  # type: ignore[import-not-found]
from served import Running  # type: ignore[import-not-found]


def _token(server: Running, name: str) -> str:
    """A second analyst's token on the running server's ledger."""
    from warledger.store import Ledger

    with Ledger(server.db) as ledger:
        return str(ledger.create_token(name))


def _two_syrian(server: Running) -> tuple[str, str]:
    items = server.get("/api/incidents?country=Syria&limit=50").json()["items"]
    ids = [i["incident_id"] for i in items]
    assert len(ids) >= 2, ids
    return ids[0], ids[1]


def _changes(server: Running, iid: str, since: int) -> Any:
    r = server.get(f"/api/incidents/{iid}/changes", params={"since": since})
    assert r.status_code == 200, r.text      # on main: 404, no such route
    return r.json()


def test_changes_since_a_version_say_who_changed_what(server: Running) -> None:
    iid, other = _two_syrian(server)
    seen = server.get(f"/api/incidents/{iid}").json()["version"]
    assert _changes(server, iid, seen) == {"incident_id": iid, "since": seen, "version": seen, "changes": []}
    bob = {"Authorization": f"Bearer {_token(server, 'bob')}"}
    r = server.client.patch(f"{server.url}/api/incidents/{iid}", headers=bob,
                            json={"field": "killed.civilians", "value": 6, "reason": "the hospital's list"})
    assert r.status_code == 200, r.text
    got = _changes(server, iid, seen)
    assert got["version"] == r.json()["version"] > seen
    [change] = got["changes"]
    assert change["who"] == "bob" and change["action"] == "correct" and change["field"] == "killed.civilians"
    assert change["said"].startswith("bob set killed.civilians from ") and " to 6 at " in change["said"]
    assert "the hospital's list" in change["said"]
    assert _changes(server, iid, got["version"])["changes"] == []      # the page drawn since: nothing new
    # merged away into another incident: the change says where it went
    r = server.client.post(f"{server.url}/api/incidents/merge", headers=server.auth(),
                           json={"incident_ids": [other, iid], "reason": "one strike"})
    assert r.status_code == 200, r.text
    last = _changes(server, iid, got["version"])["changes"]
    assert [c["action"] for c in last] == ["merge"] and f"merged it into {other}" in last[0]["said"]
    assert server.get(f"/api/incidents/{iid}/changes").status_code == 422       # since is required


def test_changes_of_several_incidents_name_only_those_changed(server: Running) -> None:
    one, two = _two_syrian(server)
    v1, v2 = (server.get(f"/api/incidents/{i}").json()["version"] for i in (one, two))
    seen = f"{one}:{v1},{two}:{v2}"
    r = server.get("/api/changes", params={"seen": seen})
    assert r.status_code == 200 and r.json() == {"changed": {}}, r.text      # on main: 404
    r = server.client.post(f"{server.url}/api/incidents/{two}/review", headers=server.auth(),
                           json={"action": "accept", "reason": "read it"})
    assert r.status_code == 200, r.text
    changed = server.get("/api/changes", params={"seen": seen}).json()["changed"]
    assert list(changed) == [two] and changed[two]["version"] == r.json()["version"]
    assert [c["said"].split(" at ")[0] for c in changed[two]["changes"]] == ["tester marked it accepted (was unreviewed)"]
    bad = server.get("/api/changes", params={"seen": f"{one}:{v1},{two}"})
    assert bad.status_code == 400 and "is not INCIDENT_ID:VERSION" in bad.json()["detail"], bad.text


def test_the_audit_page_says_what_undo_does(server: Running) -> None:
    page = server.get("/audit").text
    # on main: "sets a corrected field back to the value it had before, as a new correction" (wb19's undo; since
    # wb20 an undo takes the correction back out, the field no longer corrected)
    assert "as a new correction" not in page and "takes a correction back out" in page


@pytest.fixture
def alice(browser: Any, running: Running) -> Iterator[Tab]:
    yield from open_tab(browser, running.url)


@pytest.fixture
def bob(browser: Any, running: Running) -> Iterator[Tab]:
    yield from open_tab(browser, running.url)


def _open(tab: Tab, token: str, iid: str) -> None:
    tab.goto(f"/incidents/{iid}")
    tab.use_token(token)


def _type(tab: Tab, field: str, value: str, reason: str) -> None:
    tab.page.select_option("#c-field", field)
    tab.page.fill("#c-value", value)
    tab.page.fill("#c-reason", reason)


def _saved(tab: Tab) -> None:
    """Wait for the form's "Saved." (has-text is case-blind: "back in the form, not saved" would match it)."""
    tab.page.locator("#correct-msg", has_text=re.compile(r"^Saved")).wait_for()


def _value_shown(tab: Tab, field: str) -> str:
    return str(tab.page.inner_text(f"#values tr[data-field='{field}'] td.value")).strip()


@pytest.mark.browser
def test_another_analysts_change_is_told_before_writing_and_a_typed_correction_survives_the_reload(
        alice: Tab, running: Running) -> None:
    iid, _ = _two_syrian(running)
    _open(alice, running.token, iid)
    page = alice.page
    assert page.locator("#newer").is_hidden()
    _type(alice, "killed.civilians", "5", "alice: the morgue's count")      # typed, not saved yet
    # bob (another token, the API) corrects the same field meanwhile
    bob_token = _token(running, "bob")
    r = running.client.patch(f"{running.url}/api/incidents/{iid}", headers={"Authorization": f"Bearer {bob_token}"},
                             json={"field": "killed.civilians", "value": 7, "reason": "bob: the funeral list"})
    assert r.status_code == 200, r.text
    page.evaluate("() => window.dispatchEvent(new Event('focus'))")     # alice comes back to this window
    page.wait_for_selector("#newer:not([hidden])")     # on main: no such notice; the first sign was a 409
    words = page.inner_text("#newer-words")
    assert "bob set killed.civilians" in words and "to 7" in words and "bob: the funeral list" in words, words
    alice.screenshot("tasks5-newer-notice")
    page.click("#newer-reload")
    page.wait_for_selector("#correct-msg:has-text('back in the form')")
    assert page.input_value("#c-field") == "killed.civilians" and page.input_value("#c-value") == "5"
    assert page.input_value("#c-reason") == "alice: the morgue's count"
    assert "now holds 7" in page.inner_text("#correct-msg") and _value_shown(alice, "killed.civilians").startswith("7")
    assert page.locator("#newer").is_hidden()
    page.press("#c-reason", "Enter")          # the page now shows bob's version: alice's correction is saved over it
    _saved(alice)
    assert running.get(f"/api/incidents/{iid}").json()["killed"]["civilians"]["best"] == 5


@pytest.mark.browser
def test_a_correction_refused_as_stale_is_kept_through_the_reload(alice: Tab, bob: Tab, running: Running) -> None:
    _, iid = _two_syrian(running)
    bob_token = _token(running, "bob2")
    _open(alice, running.token, iid)
    _open(bob, bob_token, iid)                          # two analysts, two browser contexts, one incident
    bob.allow("409")
    _type(alice, "injured.civilians", "3", "alice: three wounded")
    alice.page.press("#c-reason", "Enter")
    _saved(alice)
    _type(bob, "injured.civilians", "4", "bob: four wounded in the second report")
    bob.page.press("#c-reason", "Enter")
    bob.page.wait_for_selector("#correct-msg:has-text('Not saved')")
    assert "tester set injured.civilians" in bob.page.inner_text("#correct-msg")
    bob.page.click("#reload-keep")           # on main: no such button; a reload emptied the form
    bob.page.wait_for_selector("#correct-msg:has-text('back in the form')")
    assert bob.page.input_value("#c-value") == "4"
    assert bob.page.input_value("#c-reason") == "bob: four wounded in the second report"
    assert "injured.civilians now holds 3" in bob.page.inner_text("#correct-msg")
    assert bob.page.locator("#reload-keep").is_hidden()
    bob.screenshot("tasks5-kept-through-reload")
    bob.page.press("#c-reason", "Enter")
    _saved(bob)
    history = running.get(f"/api/incidents/{iid}").json()["history"]
    said = [(h["who"], h["new_value"]) for h in history if h["field"] == "injured.civilians"]
    assert [w for w, _ in said] == ["tester", "bob2"], said


@pytest.mark.browser
def test_a_correction_of_an_incident_merged_away_links_where_it_went(bob: Tab, running: Running) -> None:
    items = running.get("/api/incidents?country=Syria&limit=50").json()["items"]
    into, gone = items[2]["incident_id"], items[3]["incident_id"]
    _open(bob, _token(running, "bob3"), gone)
    bob.allow("404")
    r = running.client.post(f"{running.url}/api/incidents/merge", headers=running.auth(),
                            json={"incident_ids": [into, gone], "reason": "one strike, two reports"})
    assert r.status_code == 200, r.text
    _type(bob, "killed.children", "2", "bob: two children named")
    bob.page.press("#c-reason", "Enter")
    bob.page.wait_for_selector("#correct-msg:has-text('Not saved')")
    link = bob.page.locator("#correct-msg a#merged-into")       # on main: words only, naming the API's address
    assert link.get_attribute("href") == f"/incidents/{into}"
    link.click()
    bob.page.wait_for_url(f"**/incidents/{into}")
    bob.page.wait_for_selector("#correct-msg:has-text('back in the form')")
    assert bob.page.input_value("#c-field") == "killed.children" and bob.page.input_value("#c-value") == "2"
    assert bob.page.input_value("#c-reason") == "bob: two children named"


@pytest.mark.browser
def test_the_correction_form_is_a_few_keys_from_the_top_of_an_incident(alice: Tab, running: Running) -> None:
    """Keyboard only: on main the correction form's Field was 26 Tab stops from the top of a real incident's page
    (every quote beside a value is a link); the page's "On this page" links reach it in a few keys."""
    iid, _ = _two_syrian(running)
    alice.goto(f"/incidents/{iid}")
    page = alice.page
    page.evaluate("() => { if (document.activeElement) document.activeElement.blur(); window.scrollTo(0, 0); }")
    tabs = 0
    while tabs < 20:
        page.keyboard.press("Tab")
        tabs += 1
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Correct a value":
            break
    assert tabs < 20, "no 'Correct a value' link among the first 20 Tab stops"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "c-field"
    for section, first in (("Correct the place", "p-q"), ("History", None)):
        link = page.locator("nav.jump a", has_text=section)
        assert link.count() == 1, section
        if first:
            link.focus()
            page.keyboard.press("Enter")
            page.keyboard.press("Tab")
            assert page.evaluate("() => document.activeElement.id") == first


@pytest.mark.browser
def test_the_queue_tells_a_row_another_analyst_reviewed_and_sends_no_stale_key(alice: Tab, running: Running) -> None:
    alice.goto("/review")
    alice.use_token(running.token)
    page = alice.page
    page.wait_for_selector("#queue tbody tr[data-incident]")
    ids = page.eval_on_selector_all("#queue tbody tr[data-incident]", "rows => rows.map(r => r.dataset.incident)")
    target = ids[1]
    bob = {"Authorization": f"Bearer {_token(running, 'bob4')}"}
    r = running.client.post(f"{running.url}/api/incidents/{target}/review", headers=bob,
                            json={"action": "reject", "reason": "bob: not an event"})
    assert r.status_code == 200, r.text
    page.evaluate("() => window.dispatchEvent(new Event('focus'))")     # alice comes back to the queue
    row = page.locator(f"#queue tr[data-incident='{target}']")
    row.locator(".changed").wait_for()                  # on main: nothing on the row
    assert "bob4 marked it rejected" in row.inner_text() and "'bob: not an event'" in row.inner_text()
    assert page.locator("#queue .changed").count() == 1
    row.focus()
    page.keyboard.press("a")            # on main: sent with the row's old version, refused (409)
    page.wait_for_selector("#queue-msg:has-text('Not sent')")
    assert "changed since this page was drawn: bob4 marked it rejected" in page.inner_text("#queue-msg")
    assert running.get(f"/api/incidents/{target}").json()["review_state"] == "rejected"
    alice.screenshot("tasks5-queue-changed-row")
