"""The analyst's edits that only a browser shows, in Debian's Chromium: a place searched by name on the incident
page, picked among candidates that say where each is, set as one change and undone from the history.
One server for the module (SQLite) over the example reports."""
from __future__ import annotations


import pytest

from browserkit import Tab  # type: ignore[import-not-found]
from served import Running  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser


def _id_at(running: Running, place: str) -> str:
    items = running.get("/api/incidents?limit=1000").json()["items"]
    return str(next(i for i in items if i.get("location") == place)["incident_id"])


def test_a_place_is_picked_by_its_arabic_name_and_undone_as_one_change(tab: Tab, running: Running) -> None:
    iid = _id_at(running, "Hish")
    before = running.get(f"/api/incidents/{iid}").json()
    page = tab.page
    tab.goto(f"/incidents/{iid}")
    tab.use_token(running.token)
    assert page.locator("#p-country").input_value() == "Syria"   # the incident's country, prefilled
    page.locator("#p-q").fill("تل أبيض")
    page.get_by_role("button", name="Search the gazetteer").click()
    option = page.locator("#place-results li", has_text="Tall Abyad").filter(has_text="place")
    option.first.wait_for()
    shown = option.first.inner_text()
    assert "Ar Raqqa" in shown and "Syria" in shown and "precision 1" in shown, shown
    option.first.locator("input[type=radio]").check()
    page.locator("#p-reason").fill("the report names it")
    with page.expect_navigation():
        page.get_by_role("button", name="Set this place").click()
    assert page.locator("h1").inner_text().startswith("Tall Abyad")
    after = running.get(f"/api/incidents/{iid}").json()
    assert (after["location"], after["admin1"], after["geo_precision"]) == ("Tall Abyad", "Ar Raqqa", 1)
    undo = page.locator("#history button.undo-group")
    assert undo.count() == 1 and "9 fields" in undo.inner_text()   # one change, one undo
    with page.expect_navigation():
        undo.click()
    again = running.get(f"/api/incidents/{iid}").json()
    assert (again["location"], again["admin1"], again["latitude"]) == (before["location"], before["admin1"],
                                                                       before["latitude"])
    tab.check_clean()


def test_an_actor_field_offers_acled_names_as_the_analyst_types(tab: Tab, running: Running) -> None:
    iid = _id_at(running, "Kafranbel")
    page = tab.page
    tab.goto(f"/incidents/{iid}")
    page.locator("#c-field").select_option("assoc_actor_1")
    page.locator("#c-value").press_sequentially("Militia (Pro-Government); tahrir", delay=10)
    # a function, not an expression: Playwright polls an expression with eval, which the workbench's CSP refuses
    # whenever the first try is not already true (under load)
    page.wait_for_function("() => document.querySelectorAll('#actor-names option').length > 0")
    offered = page.locator("#actor-names option").evaluate_all("os => os.map(o => o.value)")
    # the last name is completed after the ones already typed
    assert "Militia (Pro-Government); HTS: Hayat Tahrir al Sham" in offered, offered
    page.locator("#c-field").select_option("actor1")
    page.locator("#c-value").fill("")
    page.locator("#c-value").press_sequentially("military forces of sy", delay=10)
    page.wait_for_function("() => Array.from(document.querySelectorAll('#actor-names option')).some("
                           "o => o.value.indexOf('Syria') >= 0)")
    offered = page.locator("#actor-names option").evaluate_all("os => os.map(o => o.value)")
    assert "Military Forces of Syria (2000-)" in offered, offered
    tab.check_clean()


def test_a_report_is_added_on_its_page_and_what_was_stored_is_shown(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.allow(r"status of 401")
    tab.goto("/reports/new")
    text = ("On 5 January 2021, a regime air strike hit the town of Hish in Idlib countryside, killing 2 civilians. "
            "<img src=x onerror=alert(1)>")
    page.locator("#r-text").fill(text)
    page.locator("#r-published").fill("2021-01-32")
    page.get_by_role("button", name="Add the report").click()
    msg = page.locator("#add-msg")
    assert "'2021-01-32' is not a date" in msg.inner_text()       # refused before it is sent
    page.locator("#r-published").fill("2021-01-06")
    page.get_by_role("button", name="Add the report").click()
    msg.filter(has_text="token").wait_for()                      # no token yet: said where it goes
    assert "Not added" in msg.inner_text() and "Token box" in msg.inner_text()
    tab.use_token(running.token)
    page.get_by_role("button", name="Add the report").click()
    page.locator("#added-incidents tbody tr[data-incident]").first.wait_for()
    row = page.locator("#added-incidents tbody tr[data-incident]").first
    assert "Hish" in row.inner_text() and "2021-01-05" in row.inner_text() and "new" in row.inner_text()
    assert page.locator("#added img").count() == 0 and not tab.dialogs   # the report's words stay text
    with page.expect_navigation():
        row.get_by_role("link").click()
    assert page.locator("h1").inner_text().startswith("Hish")
    tab.check_clean()


def test_the_queue_says_held_by_you_to_the_analyst_who_holds_it(tab: Tab, running: Running) -> None:
    from warledger.store import Ledger

    with Ledger(running.db) as ledger:
        alice = ledger.create_token("alice")
    mine = running.client.post(running.url + "/api/review/next", headers=running.auth(), json={}).json()["incident"]
    theirs = running.client.post(running.url + "/api/review/next", headers={"Authorization": f"Bearer {alice}"},
                                 json={}).json()["incident"]
    page = tab.page
    tab.goto("/review")
    tab.use_token(running.token)
    tab.goto("/review")                       # the token stays in this tab
    row = page.locator(f"#queue tr[data-incident='{mine['incident_id']}']")
    row.locator(".held", has_text="held by you").wait_for()
    assert "tester" not in row.locator(".held").inner_text()
    other = page.locator(f"#queue tr[data-incident='{theirs['incident_id']}'] .held")
    assert other.inner_text().startswith("with alice")
    row.focus()
    page.keyboard.press("a")                  # no "X has this incident open" question for one's own hold
    row.locator(".state", has_text="accepted").wait_for()
    assert not tab.dialogs
    tab.check_clean()


def test_a_corrected_date_shows_its_problem_answered_by_whom(tab: Tab, running: Running) -> None:
    """The date range problem of the Kafranbel strike, answered by a correction of its day made from the keyboard:
    listed under "Answered by a correction" with the analyst's name, no longer under Problems."""
    iid = _id_at(running, "Kafranbel")
    page = tab.page
    tab.goto(f"/incidents/{iid}")
    tab.use_token(running.token)
    assert page.locator("ul.problems:not(.answered) li", has_text="W-DATE-RANGE").count() == 1
    page.locator("#c-field").select_option("event_date")
    page.locator("#c-value").fill("2022-05-18")
    page.locator("#c-reason").fill("the hospital gives the day")
    with page.expect_navigation():
        page.locator("#c-reason").press("Enter")
    answered = page.locator("ul.problems.answered li")
    answered.first.wait_for()
    assert answered.count() == 1 and "W-DATE-RANGE" in answered.inner_text()
    assert "tester" in answered.inner_text() and "event_date" in answered.inner_text()
    assert page.locator("ul.problems:not(.answered) li", has_text="W-DATE-RANGE").count() == 0
    tab.check_clean()
