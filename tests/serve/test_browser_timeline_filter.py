"""The timeline as a filter, in Debian's Chromium: a drag across the killed-per-period chart puts the days it spans
in the address (date_from/date_to, the filter bar's own fields), so the table, the map, the timeline and the tally
link follow; a click on one bar keeps that bar's period; the filter bar says the dates and clears them with one
link; from the keyboard, "Choose dates" takes the focus to the From field.  One server (SQLite) over the examples."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import Tab, unlabelled_controls  # type: ignore[import-not-found]
from served import Running  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser


def _dates(url: str) -> tuple[date, date]:
    q = parse_qs(urlsplit(url).query)
    return date.fromisoformat(q["date_from"][0]), date.fromisoformat(q["date_to"][0])


def _chart(tab: Tab) -> tuple[Any, str]:
    page = tab.page
    page.wait_for_selector("#timeline svg rect.bar")
    page.locator("#timeline svg").scroll_into_view_if_needed()
    box = page.locator("#timeline svg").bounding_box()
    return box, str(page.locator("#timeline").get_attribute("data-unit"))


def test_a_drag_across_the_timeline_filters_the_page_and_clears(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/?review_state=queue")
    everything = running.get("/api/incidents?review_state=queue&limit=1").json()["total"]
    box, _ = _chart(tab)
    y = box["y"] + box["height"] / 3
    page.mouse.move(box["x"] + box["width"] * 0.2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=5)
    assert float(page.locator("#timeline rect.brush").get_attribute("width") or 0) > 10, "the band follows the drag"
    page.mouse.up()
    page.wait_for_url("**date_from=**")
    lo, hi = _dates(page.url)
    assert lo < hi
    assert parse_qs(urlsplit(page.url).query)["review_state"] == ["queue"], "the other filters are kept"
    api = running.get(f"/api/incidents?review_state=queue&limit=1&date_from={lo}&date_to={hi}").json()["total"]
    assert int(page.locator("#match-count").inner_text()) == api
    assert page.locator("input[name=date_from]").input_value() == lo.isoformat()
    assert f"date_from={lo}" in str(page.locator("#tally-link").get_attribute("href"))
    assert f"date_to={hi}" in str(page.locator("a.export").first.get_attribute("href"))
    page.wait_for_selector("#timeline svg")
    assert any("/api/timeline" in u and f"date_from={lo}" in u for u in tab.requests), "the timeline follows"
    assert any("/api/map" in u and f"date_from={lo}" in u for u in tab.requests), "the map follows"
    assert page.locator("#dates-filter").inner_text().startswith(f"Dates: {lo} to {hi}")
    tab.screenshot("timeline-dates-filter")
    assert unlabelled_controls(page) == []
    page.locator("#dates-clear").click()
    page.wait_for_load_state("load")
    assert "date_from" not in page.url and "review_state=queue" in page.url
    assert int(page.locator("#match-count").inner_text()) == everything
    tab.check_clean()


def test_a_click_on_one_bar_keeps_its_period(tab: Tab) -> None:
    page = tab.page
    tab.goto("/")
    _chart(tab)
    bar = page.locator("#timeline svg rect.bar").first
    bar.scroll_into_view_if_needed()
    bb = bar.bounding_box()
    unit = str(page.locator("#timeline").get_attribute("data-unit"))
    title = str(bar.locator("title").text_content())   # "week of 2021-03-01: ..." / "2021-03: ..." / "2021: ..."
    period = title.split(":")[0].replace("week of ", "")
    page.mouse.click(bb["x"] + bb["width"] / 2, bb["y"] + bb["height"] / 2)
    page.wait_for_url("**date_from=**")
    lo, hi = _dates(page.url)
    if unit == "week":
        assert (lo.isoformat(), hi) == (period, lo + timedelta(days=6))
    elif unit == "month":
        assert lo.isoformat() == period + "-01" and hi.month == lo.month and (hi + timedelta(days=1)).day == 1
    else:
        assert (lo.isoformat(), hi.isoformat()) == (period + "-01-01", period + "-12-31")
    assert int(page.locator("#match-count").inner_text()) >= 1
    tab.check_clean()


def test_choose_dates_takes_the_keyboard_to_the_from_field(tab: Tab) -> None:
    page = tab.page
    tab.goto("/")
    _chart(tab)
    page.locator("#choose-dates").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.name") == "date_from"
    tab.check_clean()


def test_a_narrow_window_keeps_each_day_on_one_line(tab: Tab) -> None:
    """At 1024 pixels the list and the review queue wrapped their dates at the hyphen (2021-\\n03-14)."""
    page = tab.page
    page.set_viewport_size({"width": 1024, "height": 720})
    for path in ("/", "/review"):
        tab.goto(path)
        lines = page.evaluate("""() => [...document.querySelectorAll('tbody tr td:nth-child(-n+2)')]
            .filter(td => /^\\d{4}-\\d\\d-\\d\\d$/.test(td.textContent.trim())).map(td => {
              const r = document.createRange(); r.selectNodeContents(td);
              return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
        assert lines and max(lines) == 1, (path, lines)
    tab.check_clean()
