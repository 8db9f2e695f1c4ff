"""The filter bar's two days from the keyboard, in Debian's Chromium: each is one Tab stop (Chromium's date field took
four: day, month, year and its calendar button), a day typed as YYYY-MM-DD filters the page, and a day the browser
finds malformed is marked and not sent.  One server (SQLite) over the examples."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import Tab  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser


def _focused(tab: Tab) -> str:
    return str(tab.page.evaluate("() => document.activeElement.name"))


@pytest.mark.parametrize("path", ["/", "/tally"])
def test_each_day_is_one_tab_stop_and_filters_the_page(tab: Tab, path: str) -> None:
    page = tab.page
    tab.goto(path)
    page.locator("input[name=date_from]").focus()
    page.keyboard.type("2021-03-08")
    page.keyboard.press("Tab")
    assert _focused(tab) == "date_to"
    page.keyboard.type("2021-03-14")
    page.keyboard.press("Tab")
    assert _focused(tab) == "actor"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**date_to=2021-03-14**")
    q = parse_qs(urlsplit(page.url).query)
    assert (q["date_from"], q["date_to"]) == (["2021-03-08"], ["2021-03-14"])
    assert page.locator("input[name=date_from]").input_value() == "2021-03-08"
    tab.check_clean()


def test_a_malformed_day_is_marked_and_not_sent(tab: Tab) -> None:
    page = tab.page
    tab.goto("/")
    field = page.locator("input[name=date_from]")
    field.fill("8/3/2021")
    assert field.evaluate("f => f.validity.patternMismatch") is True
    field.press("Enter")
    page.wait_for_timeout(300)
    assert "date_from" not in page.url
