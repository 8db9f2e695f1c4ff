"""The possible duplicates queue in Debian's Chromium: two reports of one event side by side with the reasons,
answered "not the same" by keyboard, gone after a reload; on the incident page the pair offers no Merge button and
a merge typed by hand is refused in words; the answer undone from the incident's history lists the pair again.
A server per test (SQLite) over three reports written for these tests."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browserkit import Tab  # type: ignore[import-not-found]  # noqa: E402
from duplicate_reports import incident_of  # noqa: E402
from served import Running  # type: ignore[import-not-found]  # noqa: E402

pytestmark = pytest.mark.browser


@pytest.fixture
def running(pairs_running: Running) -> Running:
    return pairs_running   # a fresh server per test over the duplicates' reports (conftest.py)


def _pair(tab: Tab, a: str, b: str) -> Any:
    return tab.page.locator(f"section.pair[data-a='{a}'][data-b='{b}'], section.pair[data-a='{b}'][data-b='{a}']")


def test_the_queue_shows_one_event_side_by_side_and_not_the_same_survives_a_reload(tab: Tab, running: Running) -> None:
    items = running.get("/api/incidents?limit=100").json()["items"]
    ridge, plain, delta = (incident_of(items, r) for r in ("ridge-0602", "plain-0602", "delta-0602"))
    page = tab.page
    tab.goto("/")
    page.get_by_role("link", name="Duplicates").click()
    page.locator("h1", has_text="Possible duplicates").wait_for()
    pair = _pair(tab, ridge, plain)
    assert pair.count() == 1
    shown = pair.inner_text()
    assert "killed 4 vs 4" in shown and "same-admin2" in shown and "Ridge Monitor" in shown and "Plain Herald" in shown
    assert pair.locator("a[href='/reports/ridge-0602']").count() == 1
    assert _pair(tab, ridge, delta).count() == 0          # two towns: two events, not listed
    tab.use_token(running.token)
    pair.focus()
    page.keyboard.press("n")
    pair.locator(".pair-state", has_text="Kept apart").wait_for()
    tab.goto("/duplicates")
    assert _pair(tab, ridge, plain).count() == 0
    assert [h["action"] for h in running.get(f"/api/incidents/{ridge}").json()["history"]] == ["apart"]
    tab.check_clean()


def test_a_merge_of_a_pair_kept_apart_is_refused_in_words_and_undone_from_the_history(
        tab: Tab, running: Running) -> None:
    items = running.get("/api/incidents?limit=100").json()["items"]
    ridge, plain = incident_of(items, "ridge-0602"), incident_of(items, "plain-0602")
    res = running.client.post(running.url + "/api/duplicates/apart", json={"incident_ids": [ridge, plain],
                              "reason": "different villages"}, headers=running.auth())
    assert res.status_code == 200, res.text
    page = tab.page
    tab.allow(r"status of 400")
    tab.goto(f"/incidents/{ridge}")
    tab.use_token(running.token)
    row = page.locator(f"#candidates tr[data-incident='{plain}']")   # "may be this one": no Merge button now
    assert "kept apart" in row.inner_text() and row.locator("button").count() == 0
    page.locator("#m-other").fill(plain)
    page.locator("#m-reason").fill("one strike")
    page.locator("#merge-form").get_by_role("button", name="Merge").click()
    msg = page.locator("#dedup-msg")
    msg.filter(has_text="Not saved").wait_for()
    text = msg.inner_text()
    assert "tester kept incidents" in text and "not the same" in text and "Undo not the same" in text, text
    assert len(running.get("/api/incidents?limit=100").json()["items"]) == 3
    with page.expect_navigation():
        page.locator("#history").get_by_role("button", name="Undo 'not the same'").click()
    assert "undid 'not the same'" in page.locator("#history").inner_text()
    tab.goto("/duplicates")
    assert _pair(tab, ridge, plain).count() == 1


def test_a_merge_from_the_queue_links_to_the_incident_that_undoes_it_and_each_report_says_its_id(
        tab: Tab, running: Running) -> None:
    """Two reports of one monitor side by side read alike ("ACLED notes", "ACLED notes"): each names its report id;
    after "m" the pair says where the merged incident is, a link to the page whose history undoes the merge."""
    items = running.get("/api/incidents?limit=100").json()["items"]
    ridge, plain = incident_of(items, "ridge-0602"), incident_of(items, "plain-0602")
    page = tab.page
    tab.goto("/duplicates")
    pair = _pair(tab, ridge, plain)
    assert sorted(pair.locator("code.report-id").all_inner_texts()) == ["plain-0602", "ridge-0602"]
    tab.use_token(running.token)
    pair.focus()
    page.keyboard.press("m")
    link = pair.locator(".pair-state a")
    link.wait_for()
    merged = running.get("/api/incidents?limit=100").json()["items"]
    into = incident_of(merged, "ridge-0602")
    assert incident_of(merged, "plain-0602") == into and link.get_attribute("href") == f"/incidents/{into}"
    link.click()
    page.get_by_role("button", name="Undo this merge").wait_for()
    tab.check_clean()
