"""What session 19's work and walk (wb19) asked of the workbench, over the example reports (SQLite and PostgreSQL for
the API and the CLI; Debian's Chromium for the pages):

- merged reports that state a figure differently are a W-REPORTS-DISAGREE an analyst answers by picking the figure
  that holds: the page offers each report's figure to the correction form, and the saved correction answers it;
- ``warledger incidents`` (and ``export``) take the API's filters, from one table (store/query.FILTER_HELP), and
  the same ``Filters.parse`` checks them: the CLI lists what the API lists; ``problem`` (an open problem's code)
  is one of them;
- the tally and duplicates pages fit a phone (375 px), as the queue and incident pages do since session 18;
- "every correction one analyst made in a day, and undo one": the audit trail page lists them by analyst and day with
  their values before and after, and undoes one (a new correction back to the value before, the trail keeps both);
- "a weekly timeline of civilians killed": with "Who was killed: civilians" the tally's chart draws civilians killed,
  where it drew every one killed in those incidents."""
from __future__ import annotations

import contextlib
import io
import json
from typing import Any, Iterator

import pytest

from browserkit import Tab, open_tab  # type: ignore[import-not-found]
from served import Running, serve_ledger  # type: ignore[import-not-found]

DISAGREE = "W-REPORTS-DISAGREE"


def _ids(server: Running, query: str) -> list[str]:
    r = server.get("/api/incidents?limit=1000" + query)
    assert r.status_code == 200, r.text
    return [i["incident_id"] for i in r.json()["items"]]


def _cli(*args: str) -> tuple[int, str, str]:
    from warledger.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return int(code or 0), out.getvalue(), err.getvalue()


def _cli_ids(server: Running, *args: str) -> list[str]:
    code, out, err = _cli("incidents", "--db", server.db, "--no-per-report", *args)
    assert code == 0, err
    return [json.loads(line)["incident_id"] for line in out.splitlines()]


def test_the_cli_lists_what_the_api_lists_with_the_same_filters(server: Running) -> None:
    every = _ids(server, "")
    assert sorted(_cli_ids(server)) == sorted(every)
    days = sorted({i["event_date"] for i in server.get("/api/incidents?limit=1000").json()["items"] if i["event_date"]})
    first, last = days[1], days[-2]
    for query, args in [("&country=Syria&killed=civilians", ("--country", "Syria", "--killed", "civilians")),
                        (f"&date_from={first}&date_to={last}", ("--from", first, "--to", last)),
                        ("&merged=true", ("--merged",)), ("&has_problems=false", ("--has-problems", "false")),
                        (f"&problem={DISAGREE}", ("--problem", DISAGREE))]:
        api = _ids(server, query)
        assert 0 < len(api) < len(every), query          # each filter keeps some and drops some
        assert sorted(_cli_ids(server, *args)) == sorted(api), query
    code, _, err = _cli("incidents", "--db", server.db, "--killed", "babies")    # checked as the API checks it
    assert code != 0 and "children" in err
    code, _, err = _cli("incidents", "--db", server.db, "--problem", "W-NO-SUCH")
    assert code != 0 and "problem code" in err
    assert server.get("/api/incidents?problem=W-NO-SUCH").status_code == 400
    code, out, err = _cli("tally", "--db", server.db, "--by", "admin1", "--country", "Syria", "--killed", "civilians",
                          "--format", "json")      # the tally's own --where knew no country
    assert code == 0, err
    assert json.loads(out) == server.get("/api/tally?by=admin1&country=Syria&killed=civilians").json()["rows"]
    code, out, _ = _cli("export", "--db", server.db, "--format", "jsonl", "--merged")
    assert code == 0 and [json.loads(x)["incident_id"] for x in out.splitlines()] == _ids(server, "&merged=true")


def test_a_picked_figure_answers_the_reports_disagreeing_and_leaves_the_problem_filter(server: Running) -> None:
    [iid] = _ids(server, "&merged=true")
    inc = server.get(f"/api/incidents/{iid}").json()
    [problem] = [p for p in inc["problems"] if p.startswith(DISAGREE + ": reports disagree on killed.civilians")]
    figures = sorted({p["killed"]["civilians"]["best"] for p in inc["per_report"]})
    assert len(figures) == 2 and all(f" {n} (" in problem or f": {n} (" in problem for n in figures)
    assert _ids(server, f"&problem={DISAGREE}") == [iid]
    page = server.get(f"/incidents/{iid}").text     # each report's figure is offered to the correction form
    offers = {b.split('data-value="', 1)[1].split('"', 1)[0]
              for b in page.split('class="use-figure"')[1:] if 'data-field="killed.civilians"' in b.split(">", 1)[0]}
    assert offers == {str(n) for n in figures}
    picks = {b.split('data-field="', 1)[1].split('"', 1)[0] for b in page.split('class="use-figure"')[1:]}
    assert picks == {"killed.civilians", "killed.children"}   # killed.women: both reports give 1, nothing to pick
    r = server.client.patch(f"{server.url}/api/incidents/{iid}", headers=server.auth(),
                            json={"field": "killed.civilians", "value": figures[0], "reason": "the lower holds"})
    assert r.status_code == 200, r.text
    inc = server.get(f"/api/incidents/{iid}").json()
    assert problem not in inc["problems"]
    assert [a["field"] for a in inc["answered_problems"] if a["problem"] == problem] == ["killed.civilians"]
    assert _ids(server, f"&problem={DISAGREE}") == []


# ---------------------------------------------------------------- in Chromium

def _page_width(tab: Tab) -> int:
    return int(tab.page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/tally?by=admin1", "/tally?by=actor1"])
def test_the_tally_page_fits_a_phone(tab: Tab, running: Running, path: str) -> None:
    tab.page.set_viewport_size({"width": 375, "height": 800})
    tab.goto(path)
    assert tab.page.locator("#tally-svg svg").is_visible()
    assert _page_width(tab) <= 375, path      # 500: the chart's width
    tab.screenshot("tasks2-phone-" + path.strip("/").replace("?", "-").replace("=", "-"))


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """The duplicates tests' reports (written for them), with report ids as long as the Airwars posts' ids."""
    from duplicate_reports import DUPLICATE_REPORTS  # type: ignore[import-not-found]

    def shelled(text: str) -> str:   # the same reports told as shelling: a sub-event type of 33 letters, no space
        return text.replace("warplanes struck", "artillery shelled").replace("aircraft bombed", "artillery shelled")
    reports = [dict(r, id="source-" + f"{n:x}" * 24, text=shelled(r["text"])) for n, r in enumerate(DUPLICATE_REPORTS, 10)]
    yield from serve_ledger(str(tmp_path_factory.mktemp("pairs") / "ledger.db"), reports)


@pytest.mark.browser
def test_the_duplicates_page_fits_a_phone(browser: Any, pairs: Running) -> None:
    for tab in open_tab(browser, pairs.url):
        tab.page.set_viewport_size({"width": 375, "height": 800})
        tab.goto("/duplicates")
        assert tab.page.locator("section.pair").count() >= 1
        assert "Shelling/artillery/missile attack" in tab.page.locator("table.pair-table").first.inner_text()
        assert _page_width(tab) <= 375      # 420 px on main: 'Shelling/artillery/missile attack' did not wrap
        box = tab.page.locator("section.pair button[data-action=apart]").first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 375
        tab.screenshot("tasks2-phone-duplicates")


@pytest.mark.browser
def test_a_reports_figure_goes_to_the_correction_form_in_one_click(tab: Tab, running: Running) -> None:
    [iid] = _ids(running, "&merged=true")
    inc = running.get(f"/api/incidents/{iid}").json()
    low = min(p["killed"]["civilians"]["best"] for p in inc["per_report"])
    tab.goto(f"/incidents/{iid}")
    page = tab.page
    page.locator(f'button.use-figure[data-field="killed.civilians"][data-value="{low}"]').click()
    assert page.locator("#c-field").input_value() == "killed.civilians"
    assert page.locator("#c-value").input_value() == str(low)
    assert "figure holds" in page.locator("#c-reason").input_value()
    assert page.evaluate("document.activeElement.id") == "c-reason"   # Enter saves it


def test_the_tallys_chart_draws_the_killed_the_filter_asks_about(server: Running) -> None:
    import re
    page = server.get("/tally?by=admin1&killed=children").text
    assert 'data-col="killed_children"' in page and ">Children killed</span> per" in page
    rows = {r["admin1"]: r for r in server.get("/api/tally?by=admin1&killed=children").json()["rows"]}
    drawn = dict(re.findall(r'<tr data-group="([^"]*)" data-killed="([^"]*)"', page))
    assert drawn and all(int(k) == rows[g]["killed_children"] for g, k in drawn.items())
    assert any(rows[g]["killed_children"] != rows[g]["killed_total"] for g in drawn)   # not the total
    assert 'data-col="killed_total"' in server.get("/tally?by=admin1").text


@pytest.mark.browser
def test_one_analysts_corrections_of_a_day_are_listed_and_one_is_undone(tab: Tab, running: Running) -> None:
    from datetime import datetime, timezone
    ids = _ids(running, "")[:2]
    before = [running.get(f"/api/incidents/{i}").json()["weapon"] for i in ids]
    for iid in ids:
        r = running.client.patch(f"{running.url}/api/incidents/{iid}", headers=running.auth(),
                                 json={"field": "weapon", "value": "drone", "reason": "the text says a drone"})
        assert r.status_code == 200, r.text
    who = running.get("/api/whoami", headers=running.auth()).json()["name"]
    page = tab.page
    tab.goto("/")
    page.fill("#token", running.token)
    page.press("#token", "Enter")
    page.get_by_role("link", name="Audit trail").click()
    page.fill("#a-who", who)
    page.fill("#a-day", datetime.now(timezone.utc).date().isoformat())
    page.select_option("#a-action", "correct")
    page.press("#a-who", "Enter")
    page.wait_for_selector("#audit-table tbody tr")
    rows = page.locator("#audit-table tbody tr")
    assert rows.count() == 2
    assert rows.first.locator("td.from").inner_text() == (before[1] or "empty")
    assert rows.first.locator("td.to").inner_text() == "drone"
    rows.first.locator("button.undo-correction").click()
    page.wait_for_selector("#audit-table tbody tr:nth-child(3)")
    assert "undo #" in rows.first.inner_text() and "undone by" in rows.nth(1).inner_text()
    tab.screenshot("tasks2-audit-undo")
    assert running.get(f"/api/incidents/{ids[1]}").json()["weapon"] == before[1]
    assert running.get(f"/api/incidents/{ids[0]}").json()["weapon"] == "drone"
    # another analyst corrected the field since the page was drawn: the undo is refused, their value kept
    r = running.client.patch(f"{running.url}/api/incidents/{ids[0]}", headers=running.auth(),
                             json={"field": "weapon", "value": "rockets", "reason": "a later report"})
    assert r.status_code == 200, r.text
    tab.allow(r"status of 409")     # the browser logs the refused request itself
    rows.nth(2).locator("button.undo-correction").click()
    page.wait_for_selector("#audit-msg:has-text('Not saved')")
    assert running.get(f"/api/incidents/{ids[0]}").json()["weapon"] == "rockets"


def test_an_incidents_citation_holds_its_link_figures_words_and_sources(server: Running) -> None:
    import html
    [iid] = _ids(server, "&merged=true")
    inc = server.get(f"/api/incidents/{iid}").json()
    page = server.get(f"/incidents/{iid}").text
    text = html.unescape(page.split('id="citation"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0])
    assert f"incident {iid} (version {inc['version']}" in text and f"/incidents/{iid}" in text
    civ = inc["killed"]["civilians"]
    line = next(x for x in text.splitlines() if "killed (civilians)" in x)
    quotes = {e["text"] for e in inc["evidence"] if e["field"] == "killed.civilians"}
    assert quotes and all(f"\u201c{q}\u201d" in line for q in quotes)
    assert str(civ["best"]) in line
    for s in inc["sources"]:            # every source: its name and report id
        assert f"report {s['report_id']}" in text and (s["source"] or "source not named") in text


@pytest.mark.browser
def test_the_citation_is_copied_in_one_step(tab: Tab, running: Running) -> None:
    [iid] = _ids(running, "&merged=true")
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=running.url)
    tab.goto(f"/incidents/{iid}")
    tab.page.get_by_role("button", name="Copy the citation").click()
    tab.page.wait_for_selector("#cite-msg:has-text('Copied')")
    copied = tab.page.evaluate("navigator.clipboard.readText()")
    assert copied == tab.page.locator("#citation").input_value() and copied.startswith(f"warledger incident {iid}")
    tab.screenshot("tasks2-citation")


@pytest.mark.browser
def test_two_keys_pressed_before_the_server_answers_review_two_rows(tab: Tab, running: Running) -> None:
    """The walk's 10 queue items by keyboard: one 'a' pressed before the server had answered the last acted on the
    same row again, with its old version (409, 'changed since'); the focus now moves on at once."""
    page = tab.page
    tab.goto("/review")
    page.fill("#token", running.token)
    page.press("#token", "Enter")
    ids = page.locator("#queue tbody tr[data-incident]").evaluate_all("rs => rs.map(r => r.dataset.incident)")
    held: list[Any] = []
    page.route("**/api/incidents/*/review", lambda route: held.append(route))   # the server answers late
    page.locator(f"#queue tr[data-incident='{ids[0]}']").focus()
    page.keyboard.press("a")
    page.keyboard.press("a")
    for _ in range(100):
        if len(held) == 2:
            break
        page.wait_for_timeout(50)
    assert len(held) == 2
    for route in held:
        route.continue_()
    for iid in ids[:2]:
        page.locator(f"#queue tr[data-incident='{iid}'] .state", has_text="accepted").wait_for()
    assert [running.get(f"/api/incidents/{i}").json()["review_state"] for i in ids[:3]] == \
        ["accepted", "accepted", running.get(f"/api/incidents/{ids[2]}").json()["review_state"]]
    assert running.get(f"/api/incidents/{ids[2]}").json()["review_state"] != "accepted"
