"""Two things an analyst does on a big ledger, in Debian's Chromium: zoom the map to an area and keep only what is
in it ("Only the map's area": a bbox filter in the URL that the table, the timeline and the filter bar follow,
cleared with one link); and review several rows of the queue at once (checkboxes, Shift+click, x, "select all
on this page") with one reason, a row changed since the page was drawn refused by name and the rest done.
One server for the module (SQLite) over the example reports."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import Tab, open_tab, unlabelled_controls  # type: ignore[import-not-found]
from served import Running, serve_ledger  # type: ignore[import-not-found]

from warledger.store import Ledger

pytestmark = pytest.mark.browser


def _bbox(url: str) -> list[float]:
    [box] = parse_qs(urlsplit(url).query)["bbox"]
    return [float(v) for v in box.split(",")]


def test_only_the_map_area_filters_the_table_and_timeline_and_clears(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/?review_state=queue")
    page.wait_for_selector("#map[data-points]")
    everything = running.get("/api/incidents?review_state=queue&limit=1000").json()["total"]
    wide = page.evaluate("() => { const m = document.querySelector('#map'); return m.getBoundingClientRect().width; }")
    assert wide > 0
    for _ in range(2):   # closer: the view is a part of what the examples cover
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(400)
    page.get_by_role("button", name="Only the map's area").click()
    page.wait_for_url("**bbox=**")
    page.wait_for_selector("#map[data-points]")
    w, s, e, n = _bbox(page.url)
    assert -180 <= w < e <= 180 and -90 <= s < n <= 90
    assert parse_qs(urlsplit(page.url).query)["review_state"] == ["queue"], "the other filters are kept"
    api = running.get(f"/api/incidents?review_state=queue&limit=1000&bbox={w},{s},{e},{n}").json()
    assert 0 < api["total"] < everything
    assert int(page.locator("#match-count").inner_text()) == api["total"]
    assert all(w <= i["longitude"] <= e and s <= i["latitude"] <= n for i in api["items"])
    rows = page.locator("#incident-table tbody tr[data-incident]").evaluate_all("rs => rs.map(r => r.dataset.incident)")
    assert set(rows) == {i["incident_id"] for i in api["items"]}
    assert any("/api/timeline" in u and "bbox=" in u for u in tab.requests), "the timeline is of the area too"
    bar = page.locator("#bbox-filter")
    assert "Only the map's area: longitude" in bar.inner_text()
    unplaced = running.get("/api/incidents?review_state=queue&placed=false&limit=1").json()["total"]
    if unplaced:
        assert page.locator("#bbox-left-out").inner_text().startswith(f"{unplaced} incident")
    # the map draws the same incidents as the table
    view = page.evaluate("() => document.querySelector('#map').getAttribute('data-points')")
    assert int(view) == api["total"]
    tab.screenshot("map-area-filter")
    assert unlabelled_controls(page) == []
    page.locator("#bbox-clear").click()
    page.wait_for_load_state("load")
    assert "bbox" not in page.url and "review_state=queue" in page.url
    assert int(page.locator("#match-count").inner_text()) == everything
    tab.check_clean()


def test_bulk_reject_with_shift_click_and_x_refuses_a_row_changed_since(tab: Tab, running: Running) -> None:
    page, kb = tab.page, tab.page.keyboard
    tab.goto("/review")
    tab.use_token(running.token)
    ids = page.locator("#queue tbody tr[data-incident]").evaluate_all("rs => rs.map(r => r.dataset.incident)")
    assert len(ids) >= 5
    boxes = page.locator("#queue tbody tr[data-incident] input.pick")
    boxes.nth(0).click()
    boxes.nth(2).click(modifiers=["Shift"])           # rows 1-3
    assert page.locator("#bulk-count").inner_text() == "3 rows selected"
    page.locator(f"#queue tr[data-incident='{ids[4]}']").focus()
    kb.press("x")                                      # row 5 too
    assert page.locator("#bulk-count").inner_text() == "4 rows selected"
    kb.press("x")
    kb.press("x")
    picked = page.locator("#queue tbody tr.picked").evaluate_all("rs => rs.map(r => r.dataset.incident)")
    assert picked == [ids[0], ids[1], ids[2], ids[4]]
    select_all = page.get_by_label("Select all on this page")
    assert select_all.evaluate("b => b.indeterminate")
    # another analyst corrects the second row after this page was drawn
    with Ledger(running.db) as ledger:
        alice = {"Authorization": f"Bearer {ledger.create_token('alice-bulk')}"}
    r = running.client.patch(f"{running.url}/api/incidents/{ids[1]}", headers=alice,
                             json={"field": "strikes", "value": 4, "reason": "a second source"})
    assert r.status_code == 200, r.text
    page.get_by_label("Reason").fill("outside the period studied")
    page.get_by_role("button", name="Reject the selected").click()
    msg = page.locator("#queue-msg")
    msg.filter(has_text="rejected").wait_for()
    said = msg.inner_text()
    assert said.startswith("3 incidents rejected; 1 refused"), said
    assert "alice-bulk" in said and "strikes" in said
    for iid in (ids[0], ids[2], ids[4]):
        line = running.get(f"/api/incidents/{iid}").json()
        assert line["review_state"] == "rejected"
        assert [(h["new_value"], h["reason"]) for h in line["history"] if h["action"] == "review"] == [
            ("rejected", "outside the period studied")]
        assert page.locator(f"#queue tr[data-incident='{iid}'] .state").inner_text() == "rejected"
    assert running.get(f"/api/incidents/{ids[1]}").json()["review_state"] == "unreviewed"
    assert page.locator(f"#queue tr[data-incident='{ids[1]}']").get_attribute("data-refused") == "1"
    assert page.locator("#bulk-count").inner_text() == "1 row selected", "the refused row stays selected"
    # select all on this page, then none
    select_all.check()
    assert page.locator("#bulk-count").inner_text() == f"{len(ids)} rows selected"
    select_all.uncheck()
    assert page.locator("#bulk-count").inner_text() == "No row selected"
    assert page.get_by_role("button", name="Accept the selected").is_disabled()
    tab.screenshot("review-bulk")
    assert unlabelled_controls(page) == []
    tab.check_clean()


def test_a_capped_map_fetches_the_points_of_the_view_after_a_zoom(tab: Tab, running: Running) -> None:
    """A ledger with more placed incidents than the map draws at once (here ?map_limit=3 stands for the 2,000 of a
    big ledger): the first view shows the newest 3 and counts the rest in grey squares; after a zoom the map asks
    for the points of its view alone, and draws every one of them when they fit."""
    page = tab.page
    tab.goto("/?map_limit=3")
    page.wait_for_selector("#map[data-points='3'][data-scope='all']")
    placed = running.get("/api/map").json()["total"] - (running.get("/api/map").json()["unplaced"] or 0)
    assert placed > 3
    assert int(page.locator("#map").get_attribute("data-cells-left-out") or 0) == placed - 3
    assert "3 most recently added: zoom in" in page.locator("#map-note").inner_text()
    for _ in range(3):
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_timeout(300)
    page.wait_for_selector("#map[data-scope='view']:not([data-loading])")
    asked = [u for u in tab.requests if "/api/map?" in u and "bbox=" in u]
    assert asked, "the map asked for the points of its view"
    w, s, e, n = _bbox(asked[-1])
    in_view = running.get(f"/api/map?bbox={w},{s},{e},{n}&limit=3").json()
    drawn = int(page.locator("#map").get_attribute("data-points") or -1)
    assert drawn == min(3, in_view["total"]) == len(in_view["points"])
    assert page.locator("#map-note").inner_text().startswith(f"{drawn} of {in_view['total']} incidents in the map's view")
    tab.check_clean()


def _far_ledger(tmp: Any) -> Iterator[Running]:
    """60 incidents around Idleb and one placed in another continent (a place read from one report)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
    from handmade import counts, ev, incident  # type: ignore[import-not-found]

    from warledger.record import Place, Report

    reports = []
    for i in range(61):
        far = i == 60
        lat, lon = (51.4, -2.4) if far else (35.5 + (i % 10) * 0.05, 36.4 + (i // 10) * 0.05)
        text = f"Note {i}: a strike hit a village, killing {1 + i % 4} civilians."
        where = Place(phrase=f"village {i}", name=f"Village {i}", location=f"Village {i}", admin1="Somewhere",
                      country="United Kingdom" if far else "Syria", latitude=lat, longitude=lon, geo_precision=1)
        inc = incident(text, date=f"2021-03-{1 + i % 28:02d}", where=where, killed=counts(civilians=1 + i % 4),
                       evidence=[ev(text, "killed.civilians", f"{1 + i % 4} civilians")])
        reports.append(Report(id=f"far-{i}", text=text, published="2021-03-30", source="Test", incidents=[inc]))
    yield from serve_ledger(str(tmp / "far.db"), reports)


def test_the_first_view_frames_the_points_not_one_far_from_all_the_others(browser: Any,
                                                                          tmp_path: Path) -> None:
    for running in _far_ledger(tmp_path):
        for tab in open_tab(browser, running.url):
            page = tab.page
            tab.goto("/")
            page.wait_for_selector("#map[data-points='61']")
            assert page.locator("#map").get_attribute("data-outside") == "1"
            note = page.locator("#map-note").inner_text()
            assert "1 of the points drawn lies outside this first view" in note and "zoom out" in note, note
            # the view is of Idleb's villages, not of Europe and Syria together: its box (as the area button
            # reads it) holds the 60 villages and not the far one
            page.get_by_role("button", name="Only the map's area").click()
            page.wait_for_url("**bbox=**")
            w, s, e, n = _bbox(page.url)
            assert w <= 36.4 and e >= 36.65 and s <= 35.5 and n >= 35.95
            assert e - w < 10 and w > -2.4
            assert int(page.locator("#match-count").inner_text()) == 60
            tab.check_clean()
