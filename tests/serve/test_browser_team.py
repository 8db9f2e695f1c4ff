"""Two analysts in two browsers on one incident (Debian's Chromium): the second, correcting from the view
both opened, is told on the page who changed what since, and the first analyst's value stands (it was
overwritten silently before).  One server (SQLite) over the example reports."""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from browserkit import Tab, open_tab  # type: ignore[import-not-found]
from served import Running  # type: ignore[import-not-found]

from warledger.store import Ledger

pytestmark = pytest.mark.browser


@pytest.fixture
def tabs(browser: Any, running: Running) -> Iterator[tuple[Tab, Tab]]:
    for one in open_tab(browser, running.url):
        for two in open_tab(browser, running.url):
            yield one, two


def _correct(tab: Tab, token: str, field: str, value: str, reason: str) -> None:
    page = tab.page
    tab.use_token(token)
    page.get_by_label("Field").select_option(field)
    page.get_by_label("Value", exact=True).fill(value)
    page.get_by_label("Reason").first.fill(reason)
    page.get_by_role("button", name="Save correction").click()


def test_the_second_analyst_is_told_what_changed_and_overwrites_nothing(tabs: tuple[Tab, Tab],
                                                                         running: Running) -> None:
    alice_tab, bob_tab = tabs
    with Ledger(running.db) as ledger:
        alice, bob = ledger.create_token("alice"), ledger.create_token("bob")
    iid = next(i for i in running.get("/api/incidents?limit=1000").json()["items"]
               if i.get("location") == "Kafranbel")["incident_id"]
    alice_tab.goto(f"/incidents/{iid}")
    bob_tab.goto(f"/incidents/{iid}")   # both views before either correction
    _correct(alice_tab, alice, "killed.civilians", "8", "hospital list")
    alice_tab.page.locator("#history tr[data-action=correct]").wait_for()   # saved, and the page reloaded
    bob_tab.allow(r"409")   # the refused write's response, logged by the browser
    _correct(bob_tab, bob, "killed.civilians", "9", "my count")
    msg = bob_tab.page.locator("#correct-msg")
    msg.filter(has_text="Not saved").wait_for()
    said = msg.inner_text()
    assert "alice set killed.civilians" in said and "to 8" in said and "reload" in said, said
    line = running.get(f"/api/incidents/{iid}").json()
    assert line["killed"]["civilians"]["best"] == 8
    assert [h["who"] for h in line["history"] if h["action"] == "correct"] == ["alice"]
