"""An analyst's fifth task walk (wb22: a monitor checking a week of Idleb, a coder on the queues, a journalist's map and
CSV, on a ledger of real dev reports) and the leftovers its brief named, over reports written for the tests (SQLite and
PostgreSQL for the API and pages; Debian's Chromium for the duplicates page and the pages' value words):

- /duplicates learns of another analyst's change to a pair since the list was drawn (``GET /api/changes?pairs=true``
  also tells the "not the same" answers): the pair says so and an answer to it is not sent; a merge refused because the
  pair was kept apart gives that answer in its 400 (``kept_apart``), for the page to put in its own words;
- the audit trail's Day is typed YYYY-MM-DD as the filter bar's dates are, an impossible day named in the same words;
- a place filter typed in another spelling of one unit the ledger holds ("Idlib", the theatre's variant of ACLED's
  "Idleb") lists that unit's incidents on the list, tally and duplicates pages, and says how it was read;
- the keyboard goes back where it was (a queue's row) once the token is set, so a key acts on the row at once;
- /duplicates answers a name that matches nothing with the names near it, as the list and the tally do;
- a dates filter says how many incidents it leaves out for having no date, with a link listing them (as the map's
  area says of those with no coordinates);
- one rule writes a value in words on the server (store/team.words: the 409s, the change notices) and on the pages
  (``WL.valueWords``): an empty text or list is "empty", names are joined with "; "."""
from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest

from browserkit import Tab  # type: ignore[import-not-found]
from duplicate_reports import incident_of  # type: ignore[import-not-found]
from served import Running  # type: ignore[import-not-found]

from warledger.store.team import words


def _two(server: Running) -> tuple[dict[str, Any], dict[str, Any]]:
    items = server.get("/api/incidents?limit=2&sort=date").json()["items"]
    a, b = (server.get(f"/api/incidents/{i['incident_id']}").json() for i in items)   # with their versions
    return a, b


def test_changes_asked_for_a_pairs_page_tell_another_analysts_not_the_same(server: Running) -> None:
    a, b = _two(server)
    seen = f"{a['incident_id']}:{a['version']},{b['incident_id']}:{b['version']}"
    r = server.client.post(f"{server.url}/api/duplicates/apart", headers=server.auth(),
                           json={"incident_ids": [a["incident_id"], b["incident_id"]], "reason": "two villages"})
    assert r.status_code == 200, r.text
    assert server.get("/api/changes", params={"seen": seen}).json()["changed"] == {}   # the queue's rows: no change
    changed = server.get("/api/changes", params={"seen": seen, "pairs": "true"}).json()["changed"]
    assert sorted(changed) == sorted([a["incident_id"], b["incident_id"]])   # on main: {} (pairs not asked)
    said = changed[a["incident_id"]]["changes"][0]["said"]
    assert said.startswith(f"tester said it is not the same event as {b['incident_id']}") and "two villages" in said


def test_a_merge_refused_for_a_pair_kept_apart_gives_that_answer_apart_from_its_words(server: Running) -> None:
    a, b = _two(server)
    ids = [a["incident_id"], b["incident_id"]]
    decision = server.client.post(f"{server.url}/api/duplicates/apart", headers=server.auth(),
                                  json={"incident_ids": ids, "reason": "two villages"}).json()["decision"]
    r = server.client.post(f"{server.url}/api/incidents/merge", headers=server.auth(),
                           json={"incident_ids": ids, "reason": "one strike"})
    assert r.status_code == 400 and "Undo not the same" in r.json()["detail"], r.text
    kept = r.json()["kept_apart"]   # on main: no such key, only the incident page's words
    assert kept["decision"] == decision and kept["said"].startswith("tester said it is not the same event as ")


def test_the_audit_trails_day_is_typed_and_an_impossible_day_is_named_as_the_filter_bar_names_it(
        server: Running) -> None:
    page = server.get("/audit", params={"day": "2020-02-30"}, headers={"Accept": "text/html"})
    assert page.status_code == 400   # on main: 200, and the browser's date picker
    field = re.search(r'<input class="isoday" name="day" id="a-day"[^>]*>', page.text)
    assert field and 'type="date"' not in field.group(0) and 'value="2020-02-30"' in field.group(0)
    listed = server.get("/", params={"date_from": "2020-02-30"}, headers={"Accept": "text/html"}).text
    bar = re.search(r'id="filter-error">([^<]*)<', listed)
    audit = re.search(r'id="filter-error">([^<]*)<', page.text)
    assert bar and audit and html.unescape(audit.group(1)) == html.unescape(bar.group(1)).replace("date_from", "day")
    assert 'data-error="1"' in page.text   # the page's script asks the trail nothing until the day can be read
    fine = server.get("/audit", params={"day": "2020-02-29"}, headers={"Accept": "text/html"})
    assert fine.status_code == 200 and "filter-error" not in fine.text


def test_a_place_filter_typed_in_another_spelling_of_one_unit_lists_that_units_incidents(server: Running) -> None:
    from warledger.geocode.gazetteer import admin_table   # the theatres' units with their other spellings

    held = {i["admin1"] for i in server.get("/api/incidents?limit=1000").json()["items"] if i.get("admin1")}
    names: dict[str, set[str]] = {}
    for row in admin_table():
        if row.level == "admin1":
            for v in (row.name, *row.variants):
                names.setdefault(v.casefold(), set()).add(row.name)
    typed, name = next((v, next(iter(n))) for v, n in sorted(names.items()) if v.isascii() and len(n) == 1
                       and n <= held and v not in {h.casefold() for h in held})
    want = server.get("/api/incidents", params={"admin1": name}).json()["total"]
    assert want > 0 and server.get("/api/incidents", params={"admin1": typed}).json()["total"] == 0   # the API: exact
    for path in ("/", "/tally", "/duplicates"):
        page = server.get(path, params={"admin1": typed}, headers={"Accept": "text/html"}).text
        note = re.search(r'<span class="respelt"[^>]*>([^<]*)<', page)
        assert note and html.unescape(note.group(1)).startswith(f"Admin 1 “{typed}” read as “{name}”"), path
        assert f'name="admin1" value="{html.escape(name)}"' in page   # the form, links and exports: the ledger's name
    listed = server.get("/", params={"admin1": typed}, headers={"Accept": "text/html"}).text
    assert re.search(r'id="match-count">(\d+)<', listed).group(1) == str(want)   # type: ignore[union-attr]
    low = server.get("/", params={"admin1": name.lower()}, headers={"Accept": "text/html"}).text   # other capitals
    assert re.search(r'id="match-count">(\d+)<', low).group(1) == str(want)   # type: ignore[union-attr]


def test_a_name_that_matches_nothing_on_the_duplicates_page_is_answered_with_the_names_that_would(
        server: Running) -> None:
    page = server.get("/duplicates", params={"admin1": "Idleeb"}, headers={"Accept": "text/html"}).text
    [hint] = re.findall(r'<p class="error suggest" role="status" data-field="admin1">(.*?)</p>', page, flags=re.S)
    assert "Did you mean" in hint and 'href="?admin1=Idleb"' in hint   # on main: no hint on this page
    tally = server.get("/tally", params={"admin1": "Idleeb", "by": "month"}, headers={"Accept": "text/html"}).text
    assert 'href="?admin1=Idleb&amp;by=month"' in tally   # the tally's links keep its grouping


UNDATED = {"id": "undated-note-1", "source": "ACLED notes", "published": None,
           "text": "Government forces shelled the outskirts of Kafr Nabl in Idleb countryside. No casualties were reported."}


def test_a_dates_filter_says_how_many_undated_incidents_it_leaves_out_and_lists_them(server: Running) -> None:
    r = server.client.post(f"{server.url}/api/reports", headers=dict(server.auth(), **{
        "Content-Type": "application/x-ndjson"}), content=json.dumps(UNDATED) + "\n")
    assert r.status_code == 200, r.text
    undated = server.get("/api/incidents", params={"dated": "false"}).json()["total"]
    assert undated >= 1   # the note states no day
    for path in ("/", "/tally", "/duplicates"):
        page = server.get(path, params={"date_from": "1990-01-01"}, headers={"Accept": "text/html"}).text
        said = re.search(r'<span id="dates-left-out">([^(]*)\(<a href="([^"]*)"', page)
        assert said, path   # on main: the dates filter says nothing of the undated it leaves out
        assert said.group(1).strip() == f"{undated} incident{'' if undated == 1 else 's'} with no date left out"
    listed = server.get(html.unescape(said.group(2)), headers={"Accept": "text/html"}).text
    assert re.search(r'id="match-count">(\d+)<', listed).group(1) == str(undated)   # type: ignore[union-attr]
    plain = server.get("/", params={"admin1": "Nowhere"}, headers={"Accept": "text/html"}).text
    assert "dates-left-out" not in plain   # no dates asked: nothing said


VALUES: list[Any] = [None, "", [], {}, "Idleb", 7, 35.0, 35.5, 0, True, False, ["Civilians (Syria)", "Farmers"],
                     {"low": 6, "best": 7, "high": 9}, {"low": 5, "best": 5, "high": 5}, {"low": None, "best": 4,
                     "high": None}, {"low": None, "best": None, "high": None}, {"best": 3}, {"a": [1, "b"]}, [3, None]]


def test_the_servers_words_write_empty_text_and_lists_as_empty_and_names_with_semicolons() -> None:
    got = [words(v) for v in VALUES[:4]] + [words(["Civilians (Syria)", "Farmers"]), words(True), words(35.0)]
    assert got == ["empty"] * 4 + ["Civilians (Syria); Farmers", "true", "35"]   # main: "", "[]", "{}", '["Ci..', 'True'


# ---------------------------------------------------------------- in Chromium

@pytest.fixture
def running(pairs_running: Running) -> Running:
    return pairs_running   # a fresh server per test over the duplicates' reports (conftest.py)


@pytest.mark.browser
def test_a_pair_another_analyst_answered_since_is_told_and_an_answer_to_it_is_not_sent(
        tab: Tab, running: Running) -> None:
    items = running.get("/api/incidents?limit=100").json()["items"]
    ridge, plain = incident_of(items, "ridge-0602"), incident_of(items, "plain-0602")
    page = tab.page
    tab.goto("/duplicates")
    tab.use_token(running.token)
    pair = page.locator(f"section.pair[data-a='{ridge}'][data-b='{plain}'], "
                        f"section.pair[data-a='{plain}'][data-b='{ridge}']")
    r = running.client.post(f"{running.url}/api/duplicates/apart", headers=running.auth(),
                            json={"incident_ids": [ridge, plain], "reason": "another analyst: two ridges"})
    assert r.status_code == 200, r.text
    sent: list[str] = []
    page.on("request", lambda req: sent.append(req.url) if req.method == "POST" else None)
    page.evaluate("window.dispatchEvent(new Event('focus'))")   # the analyst comes back to the tab
    state = pair.locator(".pair-state", has_text="Changed since this list was drawn")
    state.wait_for()   # on main: the pair says nothing
    assert "said it is not the same event" in state.inner_text() and "two ridges" in state.inner_text()
    pair.focus()
    page.keyboard.press("m")
    pair.locator(".pair-state", has_text="Not sent").wait_for()
    assert "Reload this list of pairs" in pair.locator(".pair-state").inner_text()
    assert sent == []   # on main: the merge was sent and refused (400) in the incident page's words
    tab.check_clean()


@pytest.mark.browser
def test_the_pages_write_every_value_in_the_words_the_server_writes(tab: Tab) -> None:
    tab.goto("/duplicates")
    shown = tab.page.evaluate("values => values.map(v => WL.valueWords(v))", json.loads(json.dumps(VALUES)))
    assert shown == [words(v) for v in VALUES]   # on main: [] "" vs "[]", lists, True, 35.0 differ


@pytest.mark.browser
def test_the_keyboard_goes_back_to_the_queues_row_once_the_token_is_set(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/review")
    first = page.locator("#queue tbody tr[data-incident]").first
    iid = first.get_attribute("data-incident")
    assert page.evaluate("() => document.activeElement.dataset.incident") == iid   # the queue opens on its first row
    tab.use_token(running.token)   # a click into the Token box, the token, Use
    assert page.evaluate("() => document.activeElement.dataset.incident") == iid   # on main: the Use button
    page.keyboard.press("a")
    first.locator(".state", has_text="accepted").wait_for()
    assert running.get(f"/api/incidents/{iid}").json()["review_state"] == "accepted"
