"""What session 19's work and walk (wb19) asked of the workbench, over the example reports (SQLite and PostgreSQL for
the API and the CLI; Debian's Chromium for the pages):

- merged reports that state a figure differently are a W-REPORTS-DISAGREE an analyst answers by picking the figure
  that holds: the page offers each report's figure to the correction form, and the saved correction answers it;
- ``warledger incidents`` (and ``export``) take the API's filters, from one table (store/query.FILTER_HELP), and
  the same ``Filters.parse`` checks them: the CLI lists what the API lists; ``problem`` (an open problem's code)
  is one of them;
- the tally and duplicates pages fit a phone (375 px), as the queue and incident pages do since session 18."""
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
    r = server.client.patch(f"{server.url}/api/incidents/{iid}", headers=server.auth(),
                            json={"field": "killed.civilians", "value": figures[0], "reason": "the lower holds"})
    assert r.status_code == 200, r.text
    inc = server.get(f"/api/incidents/{iid}").json()
    assert problem not in inc["problems"]
    assert [a["field"] for a in inc["answered_problems"] if a["problem"] == problem] == ["killed.civilians"]
    assert _ids(server, f"&problem={DISAGREE}") == []


# ---------------------------------------------------------------- in Chromium

@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    yield from serve_ledger(str(tmp_path_factory.mktemp("tasks2") / "ledger.db"))   # the example reports


@pytest.fixture
def tab(browser: Any, running: Running) -> Iterator[Tab]:
    yield from open_tab(browser, running.url)


def _page_width(tab: Tab) -> int:
    return int(tab.page.evaluate("document.documentElement.scrollWidth"))


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/tally?by=admin1", "/tally?by=actor1", "/duplicates"])
def test_the_tally_and_duplicates_pages_fit_a_phone(tab: Tab, running: Running, path: str) -> None:
    tab.page.set_viewport_size({"width": 375, "height": 800})
    tab.goto(path)
    assert tab.page.locator("main").is_visible()
    assert _page_width(tab) <= 375, path
    tab.screenshot("tasks2-phone-" + path.strip("/").replace("?", "-").replace("=", "-"))


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
