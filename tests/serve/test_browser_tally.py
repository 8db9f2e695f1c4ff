"""The tally page and the bulk upload in Debian's Chromium: the tally's table holds the figures `warledger tally`
gives on the same ledger, its chart draws them, and the list and the tally carry the same filters to each other;
two files added at once (one good .jsonl, one empty) show the progress reaching done and both results in words.
One server for the module (SQLite) over the example reports; reports written for this test."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import Tab, unlabelled_controls  # type: ignore[import-not-found]
from served import Running  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

GOOD = "\n".join(json.dumps(x) for x in [
    {"id": "page-1", "published": "2021-05-03",
     "text": "On 2 May 2021, a regime air strike hit the town of Binnish in Idlib countryside, killing 2 civilians."},
    {"id": "page-2", "published": "2021-05-04",
     "text": "On 3 May 2021, regime artillery shelled Taftanaz in Idlib countryside, killing a child."},
]) + "\n"


def cli_rows(db: str, by: str) -> list[dict[str, Any]]:
    from warledger.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["tally", "--db", db, "--by", by, "--format", "json"]) == 0
    return list(json.loads(out.getvalue()))


TABLE_JS = """() => {
  const cols = Array.from(document.querySelectorAll('#tally-table thead th[data-col]')).map(th => th.dataset.col);
  const cells = tr => Object.fromEntries(Array.from(tr.querySelectorAll('td')).map((td, i) =>
      [cols[i], td.textContent.trim() === '' ? null : Number(td.textContent)]));
  return {cols: cols, rows: Array.from(document.querySelectorAll('#tally-table tbody tr[data-group]')).map(tr =>
      Object.assign({group: tr.querySelector('th').textContent.trim()}, cells(tr))),
      total: cells(document.querySelector('#tally-total'))};
}"""


@pytest.mark.parametrize("by", ["admin1", "day"])
def test_the_tally_table_holds_the_figures_of_warledger_tally(tab: Tab, running: Running, by: str) -> None:
    page = tab.page
    tab.goto(f"/tally?by={by}")
    got = page.evaluate(TABLE_JS)
    want = cli_rows(running.db, by)
    none = "(none)" if by == "admin1" else "(undated)"
    assert [r["group"] for r in got["rows"]] == [w[by] or none for w in want]
    assert "incidents" in got["cols"] and "killed_total" in got["cols"]
    for row, w in zip(got["rows"], want):
        assert {c: row[c] for c in got["cols"]} == {c: w[c] for c in got["cols"]}
    for c in got["cols"]:   # the totals row adds the groups, as a sum of the CLI's rows does
        figures = [w[c] for w in want if w[c] is not None]
        assert got["total"][c] == (sum(figures) if figures else None), c
    # the chart: a bar per group that states a figure of killed; by period, a column per dated period (and a flat
    # zero mark, rect.zero, per period between without an incident: session 20)
    bars = page.locator("#tally-svg svg rect.bar:not(.zero)")
    assert bars.count() == len([w for w in want if (w[by] if by == "day" else w["killed_total"]) is not None])
    assert page.locator("#tally-svg svg title").first.text_content().endswith(" killed")
    if by == "day":   # on a time axis: a day with no incident is a gap, so x grows with the days between bars
        from datetime import date

        placed = bars.evaluate_all("rs => rs.map(r => [r.querySelector('title').textContent.slice(0, 10), "
                                   "parseFloat(r.getAttribute('x'))])")
        days = [(date.fromisoformat(d).toordinal(), x) for d, x in placed]
        steps = [(x2 - x1) / (d2 - d1) for (d1, x1), (d2, x2) in zip(days, days[1:])]
        assert len(steps) >= 2 and max(steps) - min(steps) < 1.0, placed
        assert any(d2 - d1 > 1 for (d1, _), (d2, _) in zip(days, days[1:])), placed   # the ledger has a gap
    assert unlabelled_controls(page) == []
    tab.screenshot(f"tally-{by}")
    tab.check_clean()


def test_the_list_and_the_tally_carry_the_same_filters(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/?admin1=Idleb&has_problems=true")
    with page.expect_navigation():
        page.locator("#tally-link").click()
    assert urlsplit(page.url).path == "/tally"
    assert parse_qs(urlsplit(page.url).query) == {"admin1": ["Idleb"], "has_problems": ["true"]}
    assert page.locator("input[name=admin1]").input_value() == "Idleb"
    page.locator("#tally-by").select_option("month")
    with page.expect_navigation():
        page.get_by_role("button", name="Tally").click()
    assert parse_qs(urlsplit(page.url).query) == {"by": ["month"], "admin1": ["Idleb"], "has_problems": ["true"]}
    shown = page.locator("#tally-count").inner_text()
    with page.expect_navigation():
        page.locator("#list-link").click()
    assert urlsplit(page.url).path == "/" and parse_qs(urlsplit(page.url).query) == {
        "admin1": ["Idleb"], "has_problems": ["true"]}
    assert page.locator("#match-count").inner_text() == shown   # the same incidents, counted the same
    tab.check_clean()


def test_two_files_at_once_show_the_progress_reaching_done_and_both_results(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/reports/new")
    tab.use_token(running.token)
    page.locator("#f-files").set_input_files([
        {"name": "may.jsonl", "mimeType": "application/json", "buffer": GOOD.encode("utf-8")},
        {"name": "nothing.txt", "mimeType": "text/plain", "buffer": b""}])
    page.get_by_role("button", name="Add the files").click()
    progress = page.locator("#upload-progress")
    progress.filter(has_text="Done").wait_for(timeout=120_000)
    assert progress.inner_text().startswith("Done: 2 of 2 reports stored")
    assert page.locator("#upload-bar").evaluate("b => b.value === b.max && b.max === 2")
    good = page.locator("article.upload-file[data-name='may.jsonl']")
    assert good.get_attribute("data-state") == "done"
    text = good.inner_text()
    assert "done: 2 reports" in text and "Stored: 2 reports added" in text and "2 new incidents" in text
    assert good.locator("tr[data-incident]").count() == 2 and "Binnish" in text and "Taftanaz" in text
    empty = page.locator("article.upload-file[data-name='nothing.txt']")
    assert empty.get_attribute("data-state") == "refused"
    assert "nothing.txt is empty" in empty.inner_text() and "choose the file" in empty.inner_text()
    assert unlabelled_controls(page) == []
    tab.screenshot("upload-two-files")
    with page.expect_navigation():
        good.locator("tr[data-incident] a").first.click()
    assert page.url.split("/incidents/")[1].startswith("inc-")
    tab.check_clean()


def test_a_file_over_the_server_limit_is_refused_in_words_and_never_sent(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/reports/new")
    tab.use_token(running.token)
    big = (GOOD * 20_000).encode("utf-8")   # over the server's 2,000,000-byte body limit
    page.locator("#f-files").set_input_files([{"name": "archive.jsonl", "mimeType": "application/json", "buffer": big}])
    page.get_by_role("button", name="Add the files").click()
    box = page.locator("article.upload-file[data-name='archive.jsonl']")
    box.wait_for()
    assert box.get_attribute("data-state") == "refused"
    words = box.inner_text()
    assert "archive.jsonl is " in words and "at most 2,000 kB" in words and "Split it" in words
    assert page.locator("#upload-progress").inner_text() == "Nothing was sent."
    assert not [u for u in tab.requests if "/api/uploads" in u]
    tab.check_clean()
