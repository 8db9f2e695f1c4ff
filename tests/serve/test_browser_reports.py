"""The report page and the claims page in a real browser (Debian's Chromium through Playwright): the built-in
seed-like example report and an Arabic one with every value's words marked (the marked text is the words the
extractor quoted, right-to-left text included), a claim whose parts do not add up shown with both figures,
the claims page leading to it, and markup in a report staying text.  Reports written for these tests
(written_reports.py)."""
from __future__ import annotations

from typing import Any, Iterator
from urllib.parse import quote

import pytest

from browserkit import Tab, unlabelled_controls  # type: ignore[import-not-found]
from served import Running, serve_ledger  # type: ignore[import-not-found]
from written_reports import (ARABIC, HOSTILE, MISMATCH, PAYLOAD_IMG,  # type: ignore[import-not-found]
                             PAYLOAD_SCRIPT, with_written)

pytestmark = pytest.mark.browser

MARKS_JS = """() => Array.from(document.querySelectorAll('#report-text mark:not([data-part])')).map(m => ({
  start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent, title: m.title,
  tags: m.dataset.tags || '', visible: m.getBoundingClientRect().width > 0}))"""


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    from warledger.demo import example_reports_path
    from warledger.ingest import read_reports

    reports = with_written(list(read_reports(example_reports_path())))
    yield from serve_ledger(str(tmp_path_factory.mktemp("reports") / "ledger.db"), reports)


def _marked(tab: Tab, running: Running, report_id: str) -> tuple[dict[str, Any], dict[tuple[int, int], Any]]:
    rep = running.get("/api/reports/" + quote(report_id, safe="")).json()
    tab.goto("/reports/" + quote(report_id, safe=""))
    marks = {(m["start"], m["end"]): m for m in tab.page.evaluate(MARKS_JS)}
    return rep, marks


def _click(page: Any, link: Any) -> None:
    """Click a link in the middle of its words, as a person does (Playwright's own click picks a point at
    the left edge of an inline link whose quote starts with a generated quotation mark, and misses it)."""
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_example_and_an_arabic_report_show_each_value_on_its_words(tab: Tab, running: Running) -> None:
    for report_id in ("demo-1", ARABIC["id"]):
        rep, marks = _marked(tab, running, report_id)
        assert tab.page.locator("#report-text").inner_text() == rep["text"]   # the tags are not part of the text
        n, counted = 0, {"incident": 0, "aggregate": 0}
        for rec in rep["records"]:
            counted[rec["kind"]] += 1
            tag = ("I" if rec["kind"] == "incident" else "C") + str(counted[rec["kind"]])
            for e in rec["evidence"]:
                m = marks[(e["start"], e["end"])]
                # the highlighted words are the words the value was read from, as the extractor quoted them,
                # labelled with the record they belong to, the field and the value
                assert m["text"] == e["text"] and m["visible"], (report_id, e)
                assert f"{tag} {e['field']} = " in m["title"], m
                n += 1
        assert all(tag.startswith(("I", "C")) for m in marks.values() for tag in m["tags"].split())
        assert n >= (10 if report_id == "demo-1" else 4)
        if report_id == ARABIC["id"]:
            assert tab.page.locator("#report-text").get_attribute("lang") == "ar"
            assert tab.page.evaluate("() => getComputedStyle(document.querySelector('#report-text')).direction") \
                == "rtl"
            [e] = [e for e in rep["records"][0]["evidence"] if e["field"] == "killed.civilians"]
            assert "مدنيين" in marks[(e["start"], e["end"])]["text"]
        # each quote beside a value leads to its marked words
        link = tab.page.locator(".record-card a.ev-link").first
        target = link.get_attribute("href")
        _click(tab.page, link)
        tab.page.wait_for_function("h => location.hash === h", arg=target)
        assert tab.page.locator(f"mark{target}").is_visible()
        assert unlabelled_controls(tab.page) == []
    # the example's headline claim, added up from its incidents, on the same page as the words
    tab.goto("/reports/demo-1")
    sums = tab.page.locator(".claim-check[data-status=consistent] .parts-sum").all_inner_texts()
    assert "5 + 4 + 2 = 11" in sums
    tab.screenshot("report-page-example")


def test_a_mismatch_is_shown_with_both_figures_and_reached_from_the_claims_page(tab: Tab, running: Running) -> None:
    rep = running.get(f"/api/reports/{MISMATCH['id']}").json()
    [chk] = [c for c in rep["checks"] if c["status"] == "mismatch"]
    tab.goto("/claims")
    first = tab.page.locator("#claims tbody tr").first
    assert first.get_attribute("data-status") == "mismatch"
    assert tab.page.locator("#status-mismatch .n").inner_text() == str(
        running.get("/api/claims?status=mismatch").json()["total"])
    first.locator("a.report-link").click()
    tab.page.wait_for_url(f"**/reports/{MISMATCH['id']}#rec-{chk['record_id']}")
    box = tab.page.locator(f"#rec-{chk['record_id']} .claim-check[data-status=mismatch]")
    assert box.is_visible()
    claimed, parts = chk["claimed_bounds"]["low"], [p["value"]["low"] for p in chk["parts"]]
    assert box.locator(".claimed").inner_text() == str(claimed)
    assert box.locator(".parts-sum").inner_text() == " + ".join(map(str, parts)) + f" = {chk['parts_sum']['low']}"
    assert claimed != chk["parts_sum"]["low"]
    # the words behind the claim and behind each part are quoted there and marked in the text
    quoted = box.locator("q.ev").all_inner_texts()
    assert [e["text"] for e in chk["claim_evidence"]][0] in quoted
    assert all(e["text"] in quoted for p in chk["parts"] for e in p["evidence"])
    _click(tab.page, box.locator("a.ev-link").first)
    e = chk["claim_evidence"][0]
    tab.page.wait_for_function("h => location.hash === h", arg=f"#r-{e['start']}-{e['end']}")
    assert tab.page.locator(f"mark#r-{e['start']}-{e['end']}").inner_text().startswith(e["text"])
    tab.screenshot("report-page-mismatch")


def test_markup_in_a_report_stays_text_on_its_page(tab: Tab, running: Running) -> None:
    tab.goto("/reports/" + quote(HOSTILE["id"], safe=""))
    tab.page.wait_for_load_state("networkidle")
    shown = tab.page.locator("#report-text").inner_text()
    assert PAYLOAD_SCRIPT in shown and PAYLOAD_IMG in shown
    assert tab.page.evaluate("() => window.__wlPwned === undefined")
    assert tab.page.evaluate("() => document.querySelectorAll('#report-text *:not(mark), img').length") == 0
    assert tab.page.locator("h1 bdi").inner_text() == HOSTILE["source"]


def test_a_report_added_on_the_workbench_links_to_its_page(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/reports/new")
    tab.use_token(running.token)
    text = "On 3 June 2021, regime shelling hit the town of Saraqib in Idlib countryside, killing 2 civilians."
    page.locator("#r-text").fill(text)
    page.locator("#r-source").fill("Plain Notes")
    page.get_by_role("button", name="Add the report").click()
    link = page.locator("#added-report")
    link.wait_for()
    report_id = link.inner_text()
    assert report_id.startswith("hand-") and link.get_attribute("href") == f"/reports/{report_id}"
    with page.expect_navigation():
        link.click()
    assert page.locator("#report-id").inner_text() == report_id
    assert page.locator("#report-text").inner_text() == text
    assert page.locator("#report-incidents tbody tr[data-incident]").count() >= 1
