"""Three frictions an analyst met doing tasks on a real-notes ledger (session 18's walk), over the example reports
(SQLite and PostgreSQL for the API; Debian's Chromium for the pages):

- "every incident in Idlib in November 2019 with children killed": no filter said "children killed"; ``killed``
  (a count category) now does, in the API, the filter bar, the tally and the exports alike;
- "two reports merged: see both texts' figures side by side and which one the ledger's range came from": the
  incident page lists each report's figures in one table, marking the report that gives the range's low, best
  and high;
- "export the view so QGIS draws it as the map does": GeoJSON and Parquet carry ``place_guess``, the map's dashed
  circle (a guess an analyst's correction answered is none)."""
from __future__ import annotations

import io
import json
from typing import Any

import pytest

from browserkit import Tab  # type: ignore[import-not-found]
from served import Running  # type: ignore[import-not-found]


def _items(server: Running, query: str) -> list[dict[str, Any]]:
    r = server.get("/api/incidents?limit=1000" + query)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


def _best(inc: dict[str, Any], cat: str) -> int:
    return int(((inc.get("killed") or {}).get(cat) or {}).get("best") or 0)


def test_the_incidents_with_children_killed_are_one_filter(server: Running) -> None:
    every = _items(server, "")
    with_children = _items(server, "&killed=children")
    assert {i["incident_id"] for i in with_children} == {i["incident_id"] for i in every if _best(i, "children") >= 1}
    assert 0 < len(with_children) < len(every)
    assert all(i["admin1"] == "Idleb" for i in _items(server, "&killed=children&admin1=Idleb"))
    # combined with the others, in the tally and the export as in the list
    rows = server.get("/api/tally?by=admin1&killed=children").json()["rows"]
    assert sum(r["incidents"] for r in rows) == len(with_children)
    lines = server.get("/api/export?format=jsonl&killed=children").text.splitlines()
    assert len(lines) == len(with_children)
    r = server.get("/api/incidents?killed=babies")
    assert r.status_code == 400 and "children" in r.json()["detail"]
    page = server.get("/?killed=children", headers={"Accept": "text/html"}).text
    assert '<option value="children" selected>' in page and f'id="match-count">{len(with_children)}<' in page


def _merged(server: Running) -> dict[str, Any]:
    [inc] = _items(server, "&merged=true")
    return dict(server.get(f"/api/incidents/{inc['incident_id']}").json())


def _figures(html: str) -> dict[str, dict[str, str]]:
    """field -> report id -> the words 'gives ...' of the figures table (parsed from the page's HTML)."""
    import re
    table = html.split('id="figures"', 1)[1].split("</table>", 1)[0]
    out: dict[str, dict[str, str]] = {}
    for field, row in re.findall(r'<tr data-field="([^"]+)">(.*?)</tr>', table, re.S):
        out[field] = dict(re.findall(r'<td data-report="([^"]+)" data-gives="([^"]*)">', row))
    return out


def test_a_merged_incident_shows_each_reports_figures_and_which_gave_the_range(server: Running) -> None:
    inc = _merged(server)
    assert len(inc["reports"]) == 2
    low, high = sorted(inc["per_report"], key=lambda p: p["killed"]["civilians"]["best"])
    page = server.get(f"/incidents/{inc['incident_id']}").text
    figures = _figures(page)
    assert figures["killed.civilians"] == {low["report_id"]: "low", high["report_id"]: "best high"}
    assert set(figures) == {f"killed.{c}" for c in ("civilians", "children", "women")}
    # a corrected figure is the analyst's: no report gives it
    r = server.client.patch(f"{server.url}/api/incidents/{inc['incident_id']}", headers=server.auth(),
                            json={"field": "killed.civilians", "value": 6, "reason": "hospital list"})
    assert r.status_code == 200, r.text
    page = server.get(f"/incidents/{inc['incident_id']}").text
    assert _figures(page)["killed.civilians"] == {low["report_id"]: "", high["report_id"]: ""}
    # an incident of one report has no such table
    one = next(i for i in _items(server, "&merged=false"))
    assert 'id="figures"' not in server.get(f"/incidents/{one['incident_id']}").text


def test_geojson_and_parquet_carry_the_maps_guess_flag(server: Running) -> None:
    points = {p["id"]: p["guess"] for p in server.get("/api/map").json()["points"]}
    feats = server.get("/api/export?format=geojson").json()["features"]
    flags = {f["id"]: f["properties"]["place_guess"] for f in feats}
    assert {i: flags[i] for i in points} == points and True in points.values() and False in points.values()
    assert all(flags[f["id"]] is None for f in feats if f["geometry"] is None)
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(io.BytesIO(server.get("/api/export?format=parquet").content))
    assert str(table.schema.field("place_guess").type) == "bool"
    assert dict(zip(table.column("incident_id").to_pylist(), table.column("place_guess").to_pylist())) == flags
    # the place an analyst set answers the guess: the export says so as the map does
    guessed = next(i for i, g in points.items() if g and server.get(f"/api/incidents/{i}").json()["geo_precision"] < 3)
    cand = next(c for c in server.get("/api/places", params={"q": "Tall Abyad", "country": "Syria"}).json()["items"]
                if c["kind"] == "place")
    r = server.client.post(f"{server.url}/api/incidents/{guessed}/place", headers=server.auth(),
                           json={"place": cand["id"], "name": cand["name"], "reason": "named in the report"})
    assert r.status_code == 200, r.text
    feats = json.loads(server.get("/api/export?format=geojson").text)["features"]
    assert next(f for f in feats if f["id"] == guessed)["properties"]["place_guess"] is False


# ---------------------------------------------------------------- in Chromium

@pytest.mark.browser
def test_an_analyst_keeps_the_incidents_with_children_killed_by_keyboard(tab: Tab, running: Running) -> None:
    expected = len(_items(running, "&killed=children"))
    tab.goto("/")
    page = tab.page
    page.get_by_label("Who was killed").select_option("children")
    page.get_by_label("Admin 1").press("Enter")          # the form is sent as any filter is
    page.wait_for_load_state("load")
    assert "killed=children" in page.url
    assert page.get_by_label("Who was killed").input_value() == "children"
    assert f"{expected} incident" in page.locator("main").inner_text()
    tab.screenshot("tasks-children-filter")


@pytest.mark.browser
def test_the_figures_of_a_merged_incident_fit_a_phone(tab: Tab, running: Running) -> None:
    inc = _merged(running)
    tab.page.set_viewport_size({"width": 375, "height": 800})
    tab.goto(f"/incidents/{inc['incident_id']}")
    table = tab.page.locator("#figures")
    assert table.is_visible()
    cells = table.locator("td[data-gives]")
    assert cells.count() == 6 and "gives low" in table.inner_text()
    # the table scrolls in its own box: the page itself is no wider than the phone
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    tab.screenshot("tasks-figures-phone", "#figures")


@pytest.mark.browser
def test_the_review_queue_on_a_phone_keeps_accept_and_reject_in_reach(tab: Tab, running: Running) -> None:
    tab.page.set_viewport_size({"width": 375, "height": 800})
    tab.goto("/review")
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 375 + 1   # 754 px before: a sideways scroll
    row = tab.page.locator("#queue tbody tr").first
    for name in ("Accept", "Reject"):
        box = row.get_by_role("button", name=name).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, (name, box)
    tab.screenshot("tasks-review-phone")


@pytest.mark.browser
def test_a_place_is_picked_from_the_candidates_by_keyboard_alone(tab: Tab, running: Running) -> None:
    """Search, Enter: the focus is on the first candidate (not picked); Space picks it, Tab to the reason, Enter."""
    iid = next(i for i in _items(running, "") if i.get("location") == "Hish")["incident_id"]
    tab.goto(f"/incidents/{iid}")
    tab.use_token(running.token)
    page = tab.page
    page.locator("#p-q").focus()
    page.keyboard.type("Tall Abyad")
    page.keyboard.press("Enter")
    page.locator("#pc-0").wait_for()
    assert page.evaluate("document.activeElement.id") == "pc-0"        # it stayed in the search box before
    assert not page.locator("#pc-0").is_checked()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "p-reason"
    page.keyboard.type("the report names it")
    page.keyboard.press("Enter")
    page.wait_for_event("load")                                    # saved: the page reloads
    line = running.get(f"/api/incidents/{iid}").json()
    assert line["location"] == "Tall Abyad" and line["history"][-1]["reason"] == "the report names it"
