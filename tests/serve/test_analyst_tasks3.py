"""What session 20's brief (wb20) asked of the workbench, over the example reports (SQLite and PostgreSQL for the API;
Debian's Chromium for the pages):

- undoing a correction takes it back out (a new audit row that reverts it) rather than writing the old value as a new
  correction: the field is no longer corrected, shows the value under it, and the problem it answered is open again;
- a correction sent twice with one idempotency key (a retry after a dropped connection) is applied once, and the
  second answer says it repeats the first;
- the tally's bars open the incident list with that group's filter; the timeline shows the weeks without incidents
  as zero weeks; no two controls of a page share one accessible name."""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from browserkit import Tab, open_tab  # type: ignore[import-not-found]
from served import Running, serve_ledger  # type: ignore[import-not-found]

DISAGREE = "W-REPORTS-DISAGREE: reports disagree on killed.civilians"


def _merged(server: Running) -> dict[str, Any]:
    [item] = server.get("/api/incidents?merged=true&limit=10").json()["items"]
    inc: dict[str, Any] = server.get(f"/api/incidents/{item['incident_id']}").json()
    return inc


def _patch(server: Running, iid: str, value: int, **more: Any) -> Any:
    return server.client.patch(f"{server.url}/api/incidents/{iid}", headers=server.auth(),
                               json={"field": "killed.civilians", "value": value, "reason": "a list", **more})


def _last_correction(server: Running, iid: str) -> int:
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    return int(rows[0]["seq"])


def test_undo_takes_a_correction_back_out_and_reopens_the_problem_it_answered(server: Running) -> None:
    inc = _merged(server)
    iid, machine = inc["incident_id"], inc["killed"]["civilians"]
    assert any(p.startswith(DISAGREE) for p in inc["problems"]) and "killed.civilians" not in (inc.get("reviewed_fields") or [])
    first = machine["best"] + 1
    assert _patch(server, iid, first).status_code == 200
    one = _last_correction(server, iid)
    assert _patch(server, iid, first + 1).status_code == 200
    two = _last_correction(server, iid)
    r = server.client.post(f"{server.url}/api/audit/{two}/undo", headers=server.auth(), json={})
    assert r.status_code == 200, r.text
    line = r.json()   # back to the first correction, still corrected, the problem still answered by it
    assert line["killed"]["civilians"]["best"] == first and "killed.civilians" in (line.get("reviewed_fields") or [])
    assert not any(p.startswith(DISAGREE) for p in line["problems"])
    r = server.client.post(f"{server.url}/api/audit/{one}/undo", headers=server.auth(), json={})
    assert r.status_code == 200, r.text
    line = server.get(f"/api/incidents/{iid}").json()
    assert line["killed"]["civilians"] == machine          # on main: the old value written as a new correction
    assert "killed.civilians" not in (line.get("reviewed_fields") or [])
    assert any(p.startswith(DISAGREE) for p in line["problems"])
    assert not any(a["field"] == "killed.civilians" for a in line.get("answered_problems") or [])
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    assert len(rows) == 4 and rows[0]["data"] == {"reverts": one} and rows[0]["reason"] == f"undo #{one}"
    assert rows[0]["new_value"] == machine                  # the trail says what the field went back to
    # an undo is not undone; a correction made since refuses the undo of an older one (409)
    assert server.client.post(f"{server.url}/api/audit/{rows[0]['seq']}/undo", headers=server.auth(),
                              json={}).status_code == 400
    assert _patch(server, iid, 9).status_code == 200
    assert server.client.post(f"{server.url}/api/audit/{one}/undo", headers=server.auth(), json={}).status_code == 409
    assert server.get(f"/api/incidents/{iid}").json()["killed"]["civilians"]["best"] == 9


def test_a_correction_sent_twice_with_one_key_is_made_once(server: Running) -> None:
    inc = _merged(server)
    iid, version = inc["incident_id"], inc["version"]
    r1 = _patch(server, iid, 11, base_version=version, key="form-abc123")
    assert r1.status_code == 200, r1.text
    assert "repeat_of" not in r1.json()
    seq = _last_correction(server, iid)
    # the retry carries the version the page showed: on main a 409 (the first try changed the field since)
    r2 = _patch(server, iid, 11, base_version=version, key="form-abc123")
    assert r2.status_code == 200, r2.text
    assert r2.json()["repeat_of"] == seq and r2.json()["killed"]["civilians"]["best"] == 11
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    assert len(rows) == 1
    r3 = _patch(server, iid, 12, key="form-def456")          # another key: another correction
    assert r3.status_code == 200 and "repeat_of" not in r3.json()
    assert _patch(server, iid, 12, key="not a key!").status_code == 422


# ---------------------------------------------------------------- in Chromium

@pytest.mark.browser
def test_a_save_whose_answer_was_lost_is_made_once_and_the_page_says_so(tab: Tab, running: Running) -> None:
    iid = running.get("/api/incidents?limit=1").json()["items"][0]["incident_id"]
    page = tab.page
    lost: list[int] = []

    def cut_after_sending(route: Any) -> None:   # the server gets the correction, the answer never comes back
        if route.request.method == "PATCH" and not lost:
            lost.append(route.fetch().status)
            route.abort()
        else:
            route.fallback()
    tab.goto(f"/incidents/{iid}")
    tab.use_token(running.token)
    page.route("**/api/incidents/*", cut_after_sending)
    tab.allow(r"Failed to fetch|ERR_FAILED")
    page.select_option("#c-field", "weapon")
    page.fill("#c-value", "mortar")
    page.fill("#c-reason", "the text says mortar")
    page.press("#c-reason", "Enter")
    page.wait_for_selector("#correct-msg:has-text('Not known whether it was saved')")
    assert lost == [200]
    page.press("#c-reason", "Enter")      # Save again
    page.wait_for_selector("#correct-msg:has-text('Saved once')")
    rows = running.get(f"/api/audit?incident_id={iid}&action=correct", headers=running.auth()).json()["items"]
    assert len(rows) == 1 and rows[0]["new_value"] == "mortar"
    tab.screenshot("tasks3-saved-once")


@pytest.mark.browser
def test_a_tally_bar_opens_the_incident_list_of_its_group(tab: Tab, running: Running) -> None:
    for path in ("/tally?by=admin1", "/tally?by=week"):
        tab.goto(path)
        page = tab.page
        page.wait_for_selector("#tally-svg svg rect.bar")
        bar = page.locator("#tally-svg svg a.bar-link").first      # on main: bars are plain rects
        title = bar.locator("title").text_content() or ""
        group = title.rsplit(":", 1)[0]
        href = page.locator(f'#tally-table tbody tr[data-group="{group}"] th a').get_attribute("href")
        assert href and bar.get_attribute("href") == href, path
        bar.locator("rect").click()
        page.wait_for_url("**" + href)
        page.wait_for_load_state("load")
        assert page.url.endswith(href), path


def _clashes(snapshot: str) -> list[str]:
    import collections
    import re
    names = collections.Counter(re.findall(r'- ((?:button|textbox|combobox|checkbox|searchbox|link) "[^"]*")', snapshot))
    return [n for n, k in names.items() if k > 1 and not n.startswith("link")]


@pytest.mark.browser
def test_no_two_controls_of_a_page_share_an_accessible_name(tab: Tab, running: Running) -> None:
    [merged] = running.get("/api/incidents?merged=true&limit=10").json()["items"]
    for path in ("/review", f"/incidents/{merged['incident_id']}", "/tally?by=admin1", "/"):
        tab.goto(path)
        found = _clashes(tab.page.locator("body").aria_snapshot())
        assert found == [], (path, found)     # on main: 'button "Accept"' once a row, 'textbox "Reason"' four times
    assert tab.page.get_by_label("Reason for the merge").count() == 0   # the map page has none


@pytest.fixture(scope="module")
def disagreeing(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """Two invented reports of one raid that name different weapons (and figures)."""
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
    from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
    from warledger.record import Range, Report

    def report(rid: str, text: str, n: int, source: str, weapon: str) -> Report:
        inc = incident(text, date="2022-05-17", where=place("Kafr Zita"), killed=counts(civilians=Range.exact(n)),
                       evidence=[ev(text, "killed.civilians", f"{n} civilians")])
        inc.weapon = weapon
        return Report(id=rid, text=text, published="2022-05-18", source=source, language="en", incidents=[inc])
    reports = [report("m1", "Warplanes struck Kafr Zita on Tuesday, killing 4 civilians, a monitor said.", 4,
                      "Example Monitor", "bombs"),
               report("m2", "Missiles hit Kafr Zita on Tuesday and killed 3 civilians, a network said.", 3,
                      "Example Network", "missiles")]
    yield from serve_ledger(str(tmp_path_factory.mktemp("disagree") / "ledger.db"), reports)


@pytest.mark.browser
def test_a_value_the_reports_disagree_on_goes_to_the_form_in_one_click(browser: Any, disagreeing: Running) -> None:
    [item] = disagreeing.get("/api/incidents?problem=W-REPORTS-DISAGREE").json()["items"]
    iid = item["incident_id"]
    assert any("disagree on weapon" in p for p in item["problems"])
    for tab in open_tab(browser, disagreeing.url):
        tab.goto(f"/incidents/{iid}")
        tab.use_token(disagreeing.token)
        page = tab.page
        page.get_by_role("button", name="m2's weapon (missiles) holds").click()   # on main: no such button
        assert page.locator("#c-field").input_value() == "weapon"
        assert page.locator("#c-value").input_value() == "missiles"
        assert page.evaluate("document.activeElement.id") == "c-reason"
        page.keyboard.press("Enter")
        page.wait_for_selector("#correct-msg:has-text('Saved')")
        tab.screenshot("tasks3-weapon-holds")
    line = disagreeing.get(f"/api/incidents/{iid}").json()
    assert line["weapon"] == "missiles" and not any("disagree on weapon" in p for p in line["problems"])
    assert [a["field"] for a in line["answered_problems"]] == ["weapon"]


@pytest.mark.browser
def test_the_weekly_chart_spans_the_filters_dates_with_quiet_weeks_as_zero(tab: Tab, running: Running) -> None:
    weeks = [r["week"] for r in running.get("/api/tally?by=week").json()["rows"] if r["week"]]
    tab.goto(f"/tally?by=week&date_from=2021-02-01&date_to=2021-04-30")
    page = tab.page
    page.wait_for_selector("#tally-svg svg rect.bar")
    drawn = page.eval_on_selector_all("#tally-svg svg rect.bar", "rs => rs.map(r => r.getAttribute('data-period'))")
    zero = page.eval_on_selector_all("#tally-svg svg rect.zero", "rs => rs.map(r => r.getAttribute('data-period'))")
    assert drawn[0] == "2021-02-01" and drawn[-1] == "2021-04-26"      # on main: the first to the last week with one
    assert len(drawn) == 13 and all(w not in weeks for w in zero) and len(zero) == 13 - len(
        [w for w in weeks if "2021-02-01" <= w <= "2021-04-26"])
    assert "without an incident drawn as zero" in page.locator("#tally-chart-note").inner_text()
    tab.screenshot("tasks3-weeks-zero")
    tab.goto("/?date_from=2021-02-01&date_to=2021-04-30")     # the map page's timeline: the same span
    page.wait_for_selector("#timeline svg text.axis")
    labels = page.eval_on_selector_all("#timeline svg text.axis", "ts => ts.map(t => t.textContent)")
    assert labels == ["week of 2021-02-01", "week of 2021-04-26"], labels
    tab.check_clean()
