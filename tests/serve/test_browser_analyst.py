"""The workbench as an analyst meets it, in Debian's Chromium: what only a browser shows.  A count typed
wrong is refused before it is sent (it used to go out as null and clear the value); a ledger of many
years draws every period of its timeline inside the chart; a merge is undone from the incident's history.
One server for the module (SQLite): the example reports plus two invented ones years earlier."""
from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import urlsplit

import pytest

from browserkit import Tab, open_tab  # type: ignore[import-not-found]
from served import Running, serve_ledger  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

# Written for this test: two incidents nine years before the example reports, so the ledger spans more
# weeks than a timeline has room for.
EARLY = [
    {"id": "early-1", "published": "2012-05-04", "source": "Hill Courier",
     "text": "On 3 May 2012, regime artillery shelled the town of Kafranbel in Idlib, killing 6 civilians."},
    {"id": "early-2", "published": "2012-09-12", "source": "Hill Courier",
     "text": "On 11 September 2012, a regime air strike on the town of Hish in Idlib killed 2 civilians."},
    {"id": "undated-1", "source": "Hill Courier",   # no date in the text and no publication date
     "text": "A regime air strike on the town of Maarrat al-Nu'man in Idlib killed 3 civilians."},
]


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    from warledger.demo import example_reports_path
    from warledger.ingest import read_reports

    reports = list(read_reports(example_reports_path())) + [dict(r) for r in EARLY]
    yield from serve_ledger(str(tmp_path_factory.mktemp("analyst") / "ledger.db"), reports)


def _id_at(running: Running, place: str, day: str) -> str:
    items = running.get("/api/incidents?limit=1000").json()["items"]
    # day "": the incident known only by a range of days (its event_date is the range's representative day)
    ranged = [i for i in items if i.get("date_range") and i["date_range"][0] != i["date_range"][-1]]
    [inc] = [i for i in (items if day else ranged) if i.get("location") == place and (not day or i.get("event_date") == day)]
    return str(inc["incident_id"])


@pytest.mark.parametrize("typed", ["abc", "6-9", "7 civilians", "2-x-4"])
def test_a_count_typed_wrong_is_refused_before_it_is_sent(tab: Tab, running: Running, typed: str) -> None:
    iid = _id_at(running, "Kafranbel", "2021-03-14")
    before = running.get(f"/api/incidents/{iid}").json()
    tab.goto(f"/incidents/{iid}")
    tab.use_token(running.token)
    page = tab.page
    page.get_by_label("Field").select_option("killed.civilians")
    page.get_by_label("Value", exact=True).fill(typed)
    page.get_by_label("Reason").first.fill("checking the form")
    page.get_by_role("button", name="Save correction").click()
    msg = page.locator("#correct-msg")
    msg.filter(has_text="Not saved").wait_for()
    assert "whole number" in msg.inner_text()
    assert not any(urlsplit(u).path == f"/api/incidents/{iid}" for u in tab.requests), "nothing may be sent"
    after = running.get(f"/api/incidents/{iid}").json()
    assert after["killed"] == before["killed"] and after["history"] == before["history"]


SVG_JS = """() => {
  const svg = document.querySelector('#timeline svg');
  const width = Number(svg.getAttribute('width'));
  const bars = Array.from(svg.querySelectorAll('rect')).map(r => Number(r.getAttribute('x')) + Number(r.getAttribute('width')));
  const labels = Array.from(svg.querySelectorAll('text')).map(t => t.textContent);
  return {width, right: Math.max(...bars), bars: bars.length, labels,
          unit: document.getElementById('timeline').dataset.unit,
          swatches: document.querySelectorAll('#timeline .legend .swatch').length};
}"""


def test_a_timeline_of_many_years_draws_every_period_inside_the_chart(tab: Tab, running: Running) -> None:
    tab.goto("/")
    tab.page.wait_for_selector("#timeline svg")
    got = tab.page.evaluate(SVG_JS)
    assert got["unit"] == "month", got             # 2012 to 2021: too many weeks for the chart's width
    assert got["right"] <= got["width"], got       # the last bars (2021) are inside the chart, not cut off
    assert got["labels"] == ["2012-05", "2021-03"], got
    assert 0 < got["swatches"] <= 8
    assert tab.page.locator("#timeline-note").inner_text().startswith("Killed per month")
    cells = tab.page.locator("#timeline-table tr").evaluate_all(  # the table is folded away: read its text
        "rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")
    assert cells[0][0] == "Month" and ["2012-05", "Military Forces of Syria (2000-)", "1", "6"] in cells, cells


def test_a_merge_is_undone_from_the_incident_history(tab: Tab, running: Running) -> None:
    keep, gone = _id_at(running, "Hish", "2012-09-11"), _id_at(running, "Kafranbel", "2012-05-03")
    r = running.client.post(running.url + "/api/incidents/merge", headers=running.auth(),
                            json={"incident_ids": [keep, gone], "reason": "one raid"})
    assert r.status_code == 200, r.text
    page = tab.page
    tab.goto(f"/incidents/{keep}")
    tab.use_token(running.token)
    row = page.locator("#history tr[data-action='merge']")
    assert gone in row.inner_text()
    with page.expect_navigation():
        row.get_by_role("button", name="Undo this merge").click()
    assert urlsplit(page.url).path == f"/incidents/{gone}"
    assert running.get(f"/api/incidents/{gone}").json()["records"] == ["rec-" + gone[4:]]
    kept = running.get(f"/api/incidents/{keep}").json()
    assert [h["action"] for h in kept["history"]] == ["merge", "split"]
    tab.goto(f"/incidents/{keep}")
    assert page.locator("button.undo-merge").count() == 0   # undone: no second undo offered


def test_a_write_without_a_token_says_once_where_the_token_goes(tab: Tab, running: Running) -> None:
    iid = _id_at(running, "Kafranbel", "2021-03-14")
    tab.allow(r"status of 401")
    tab.goto(f"/incidents/{iid}")
    tab.page.get_by_role("button", name="Accept").click()
    msg = tab.page.locator("#action-msg")
    msg.filter(has_text="Not saved").wait_for()
    text = msg.inner_text()
    assert "Token box at the top" in text and "warledger token create" in text
    assert text.lower().count("token") == 3 and "Bearer" not in text, text   # said once, in the page's words
    assert running.get(f"/api/incidents/{iid}").json()["review_state"] == "unreviewed"


def test_what_the_charts_leave_out_is_one_click_away(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/?q=killed")
    page.wait_for_selector("#timeline svg")
    page.wait_for_selector("#map[data-points]")
    for name, api_query in (("dated", "dated=false"), ("placed", "placed=false")):
        expected = running.get(f"/api/incidents?q=killed&{api_query}&limit=100").json()
        assert expected["total"] >= 1, name
        link = page.locator(f"a.left-out[data-filter='{name}']")
        assert str(expected["total"]) in link.inner_text()
        with page.expect_navigation():
            link.click()
        assert dict(p.split("=") for p in urlsplit(page.url).query.split("&")) == {"q": "killed", name: "false"}
        rows = page.locator("#incident-table tbody tr[data-incident]")
        assert {r.get_attribute("data-incident") for r in rows.all()} == {i["incident_id"] for i in expected["items"]}
        with page.expect_navigation():     # the filter form keeps the hidden filter
            page.get_by_role("button", name="Filter").click()
        assert f"{name}=false" in page.url
        tab.goto("/?q=killed")
        page.wait_for_selector("#timeline svg")
        page.wait_for_selector("#map[data-points]")


def test_a_candidate_fills_the_merge_form_and_merges_nothing_by_itself(tab: Tab, running: Running) -> None:
    kaf, hish = _id_at(running, "Kafranbel", "2021-03-14"), _id_at(running, "Hish", "")
    tab.goto(f"/incidents/{kaf}")
    page = tab.page
    page.locator(f"#candidates button[data-other='{hish}']").click()
    assert page.locator("#m-other").input_value() == hish
    assert page.evaluate("document.activeElement.id") == "m-reason"
    assert not any(urlsplit(u).path == "/api/incidents/merge" for u in tab.requests)
    assert running.get(f"/api/incidents/{hish}").status_code == 200


def test_with_read_auth_the_token_box_opens_the_workbench(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    from warledger.demo import example_reports_path
    from warledger.ingest import read_reports

    db = str(tmp_path_factory.mktemp("closed") / "ledger.db")
    for closed in serve_ledger(db, list(read_reports(example_reports_path())), read_auth=True):
        for tab in open_tab(browser, closed.url):
            tab.allow(r"status of 401")     # the page itself, before the token is given
            page = tab.page
            assert page.goto("/").status == 401
            assert "Token box" in page.locator("#error-msg").inner_text()
            page.get_by_label("Token").fill(closed.token)
            with page.expect_navigation():
                page.get_by_role("button", name="Use").click()
            page.wait_for_selector("#map[data-points]")
            page.wait_for_selector("#timeline svg")
            assert int(page.locator("#map").get_attribute("data-points") or 0) > 0
            assert page.locator("#incident-table tbody tr[data-incident]").count() > 0
            # after the token, nothing more was refused: the map's and the timeline's reads got in
            assert len([e for e in tab.errors if "401" in e]) == 1, tab.errors
