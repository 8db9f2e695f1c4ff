"""The workbench in a real browser (Debian's Chromium through Playwright), over a running server and a ledger
of the built-in example reports plus one hostile report: filter through the form, open an incident, see its
evidence marked at the stored offsets, correct a count with and without a token, accept from the review
queue by keyboard, render hostile report text inert; on every page no request leaves 127.0.0.1, no console
error, labelled controls and a visible keyboard focus.  Screenshots go to $WARLEDGER_SCREENSHOTS (default
test-artifacts/screenshots/)."""
from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from browserkit import Tab, focus_stops, unlabelled_controls  # type: ignore[import-not-found]
from served import Running, serve_ledger  # type: ignore[import-not-found]

pytestmark = pytest.mark.browser

# A report written for this test: the news part is ordinary; the rest is markup a hostile page might carry.
# None of it may run.  (No <p>, <a>, <div> or <span>: those would make the reader treat the text as HTML
# and convert it, and the payload would never reach the page.)
PAYLOAD_SCRIPT = "<script>window.__wlPwned = 'script'; document.title = 'pwned';</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__wlPwned = 'img'; alert('img')\">"
PAYLOAD_IFRAME = "<iframe src=\"javascript:parent.__wlPwned = 'iframe'\"></iframe>"
PAYLOAD_SVG = "<svg onload=\"window.__wlPwned = 'svg'\"></svg>"
HOSTILE = {
    "id": "hostile-1", "published": "2021-03-03", "url": "javascript:window.__wlPwned = 'url'",
    "source": "<i onmouseover=\"window.__wlPwned = 'source'\">Rooftop Bulletin</i>",
    "text": ("On 2 March 2021, regime artillery shelled the village of Kansafra in the southern countryside of "
             "Idlib, killing 3 civilians. A comment under the bulletin carried " + PAYLOAD_SCRIPT + " and then "
             + PAYLOAD_IMG + " and " + PAYLOAD_IFRAME + " and " + PAYLOAD_SVG + " before the moderators removed "
             "it."),
}
PAYLOADS = (PAYLOAD_SCRIPT, PAYLOAD_IMG, PAYLOAD_IFRAME, PAYLOAD_SVG)


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One server for the module (SQLite): the example reports and the hostile one."""
    from warledger.demo import example_reports_path
    from warledger.ingest import read_reports

    reports = list(read_reports(example_reports_path())) + [dict(HOSTILE)]
    yield from serve_ledger(str(tmp_path_factory.mktemp("browser") / "ledger.db"), reports)


def _api_items(running: Running, query: str = "") -> dict[str, Any]:
    r = running.get("/api/incidents?limit=1000" + ("&" + query if query else ""))
    assert r.status_code == 200, r.text
    return dict(r.json())


def _by_place(running: Running, place: str) -> dict[str, Any]:
    found = [i for i in _api_items(running)["items"] if i.get("location") == place]
    assert len(found) == 1, place
    return found[0]


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


# ---- filter, open, evidence --------------------------------------------------------------------------------

def test_filter_form_state_in_url_then_open_an_incident_with_its_evidence_marked(tab: Tab, running: Running) -> None:
    page = tab.page
    tab.goto("/")
    everything = _api_items(running)["total"]
    assert page.locator("#match-count").inner_text() == str(everything)

    page.get_by_label("Admin 1").fill("Idleb")
    page.get_by_label("has problems").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    wanted = {"admin1": ["Idleb"], "has_problems": ["true"]}
    assert _query(page.url) == wanted, f"the URL should carry exactly the filter: {page.url}"

    api = _api_items(running, "admin1=Idleb&has_problems=true")
    assert 0 < api["total"] < everything
    assert page.locator("#match-count").inner_text() == str(api["total"])
    link = page.locator("#api-link").get_attribute("href") or ""
    assert urlsplit(link).path == "/api/incidents" and _query(link) == wanted
    assert running.get(link).json()["total"] == api["total"]
    rows = page.locator("#incident-table tbody tr[data-incident]")
    assert rows.count() == api["total"]
    assert {r.get_attribute("data-incident") for r in rows.all()} == {i["incident_id"] for i in api["items"]}
    for href in page.locator("a.export").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert {k: v for k, v in _query(href).items() if k != "format"} == wanted, href
    page.wait_for_selector("#map[data-points]")
    placed = sum(1 for i in api["items"] if i.get("latitude") is not None)
    assert page.locator("#map-note").inner_text().startswith(f"{placed} of {api['total']} incidents on the map")

    # open an incident from the filtered table
    inc = _by_place(running, "Kafranbel")
    with page.expect_navigation():
        page.locator(f"#incident-table tr[data-incident='{inc['incident_id']}'] a").click()
    assert urlsplit(page.url).path == f"/incidents/{inc['incident_id']}"
    assert page.locator("h1").inner_text().startswith("Kafranbel")
    _check_evidence_marks(tab, running, inc["incident_id"])
    tab.screenshot("incident")


MARKS_JS = """() => Array.from(document.querySelectorAll('article.source')).map(a => ({
  report: a.dataset.report,
  text: a.querySelector('.report-text').textContent,
  marks: Array.from(a.querySelectorAll('.report-text mark')).map(m => ({
    start: Number(m.dataset.start), end: Number(m.dataset.end), part: m.hasAttribute('data-part'),
    fields: (m.dataset.fields || '').split(' '), text: m.textContent,
    background: getComputedStyle(m).backgroundColor}))}))"""


def _check_evidence_marks(tab: Tab, running: Running, incident_id: str) -> None:
    """Every <mark> holds exactly the report's text at its data-start..data-end (offsets in code points, as
    the API gives them), the page shows the report text whole, and every evidence span is marked."""
    detail = running.get(f"/api/incidents/{incident_id}").json()
    shown = {s["report"]: s for s in tab.page.evaluate(MARKS_JS)}
    assert set(shown) == {s["report_id"] for s in detail["sources"]}
    n_marks = 0
    for src in detail["sources"]:
        text = running.get(f"/api/reports/{src['report_id']}").json()["text"]
        page_src = shown[src["report_id"]]
        assert page_src["text"] == text, "the page should show the report's text exactly, markup only around it"
        for m in page_src["marks"]:
            if not m["part"]:
                n_marks += 1
            assert m["text"] == text[m["start"]:m["end"]], m
            assert m["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), "a mark should be visibly highlighted"
        for ev in src["evidence"]:
            whole = [m for m in page_src["marks"] if not m["part"] and (m["start"], m["end"]) == (ev["start"], ev["end"])]
            parts = sorted((m["start"], m["end"]) for m in page_src["marks"] if m["part"] and ev["field"] in m["fields"]
                           and ev["start"] <= m["start"] and m["end"] <= ev["end"])
            tiled = bool(parts) and parts[0][0] == ev["start"] and parts[-1][1] == ev["end"] and all(
                a[1] == b[0] for a, b in zip(parts, parts[1:]))
            assert any(ev["field"] in m["fields"] for m in whole) or tiled, f"evidence not marked: {ev}"
    assert n_marks >= 6


# ---- corrections -------------------------------------------------------------------------------------------

def _acled_rows(running: Running, location: str) -> list[dict[str, str]]:
    r = running.get("/api/export?format=acled-csv")
    assert r.status_code == 200, r.text
    return [row for row in csv.DictReader(io.StringIO(r.text)) if row["location"] == location]


def _russia_civilians(running: Running) -> int:
    rows = running.get("/api/tally?by=actor1").json()["rows"]
    return int(next(r["killed_civilians"] for r in rows if r["actor1"] == "Military Forces of Russia (2000-)"))


def _fill_correction(tab: Tab, value: str, reason: str) -> None:
    page = tab.page
    page.get_by_label("Field").select_option("killed.civilians")
    page.get_by_label("Value", exact=True).fill(value)
    page.get_by_label("Reason").first.fill(reason)


def test_correction_without_a_token_fails_visibly_and_changes_nothing(tab: Tab, running: Running) -> None:
    inc = _by_place(running, "Kafranbel")
    before = running.get(f"/api/incidents/{inc['incident_id']}").json()
    tally = _russia_civilians(running)
    tab.allow(r"status of 401")     # the browser logs the refused request itself
    tab.goto(f"/incidents/{inc['incident_id']}")
    _fill_correction(tab, "9", "a hospital list names nine")
    tab.page.get_by_role("button", name="Save correction").click()
    msg = tab.page.locator("#correct-msg")
    msg.filter(has_text="token").wait_for()
    assert msg.is_visible() and "Not saved" in msg.inner_text()
    after = running.get(f"/api/incidents/{inc['incident_id']}").json()
    assert after["history"] == before["history"] and after["killed"] == before["killed"]
    assert after.get("reviewed_fields") == before.get("reviewed_fields")
    assert _russia_civilians(running) == tally
    tab.goto(f"/incidents/{inc['incident_id']}")
    kept = tab.page.locator("#history tbody tr").all_inner_texts()
    assert len(kept) == max(1, len(before["history"])) and not any("a hospital list names nine" in r for r in kept)


def test_correction_with_a_token_shows_in_history_tally_and_acled_export(tab: Tab, running: Running) -> None:
    inc = _by_place(running, "Kafranbel")
    tally = _russia_civilians(running)
    [acled] = _acled_rows(running, "Kafranbel")
    assert acled["fatalities"] == "7"
    page = tab.page
    tab.goto(f"/incidents/{inc['incident_id']}")
    tab.use_token(running.token)
    assert page.locator("#token-state").inner_text() == "token set"
    _fill_correction(tab, "8", "a hospital list names eight")
    with page.expect_navigation():                 # the page reloads to show the new state
        page.get_by_role("button", name="Save correction").click()
    rows = page.locator("#history tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").all_inner_texts()[1:] == [
        "tester", "correct", "killed.civilians", "5-7 (best 7)", "8", "a hospital list names eight"]
    value = page.locator("#values tr[data-field='killed.civilians'] td.value")
    assert value.inner_text().split() == ["8", "reviewed"]
    assert _russia_civilians(running) == tally + 1
    [acled] = _acled_rows(running, "Kafranbel")
    assert acled["fatalities"] == "8" and "8 civilians" in acled["notes"], acled


# ---- review queue by keyboard ------------------------------------------------------------------------------

FOCUSED_ROW_JS = "() => { const r = document.activeElement; return r && r.matches('tr[data-incident]') ? r.dataset.incident : null; }"


def test_accept_from_the_review_queue_by_keyboard_only(tab: Tab, running: Running) -> None:
    page, kb = tab.page, tab.page.keyboard
    tab.goto("/review")
    ids = page.locator("#queue tbody tr[data-incident]").evaluate_all("rs => rs.map(r => r.dataset.incident)")
    assert len(ids) >= 3
    why = page.locator("#queue tbody tr[data-incident] td.why").all_inner_texts()
    assert all(w.strip() and not w.strip().endswith(";") for w in why), why
    assert page.evaluate(FOCUSED_ROW_JS) == ids[0], "the queue's first row has the focus when the page opens"
    # the token, by keyboard: Shift+Tab back to its field, type, Enter; then Tab on to the first row
    for _ in range(12):
        kb.press("Shift+Tab")
        if page.evaluate("() => document.activeElement.id") == "token":
            break
    else:
        pytest.fail("the token field could not be reached with Shift+Tab")
    kb.type(running.token)
    kb.press("Enter")
    assert page.locator("#token-state").inner_text() == "token set"
    for _ in range(15):
        kb.press("Tab")
        if page.evaluate(FOCUSED_ROW_JS):
            break
    assert page.evaluate(FOCUSED_ROW_JS) == ids[0]
    kb.press("j")
    assert page.evaluate(FOCUSED_ROW_JS) == ids[1]
    kb.press("k")
    kb.press("ArrowDown")
    assert page.evaluate(FOCUSED_ROW_JS) == ids[1]
    target = ids[1]
    kb.press("a")
    row = page.locator(f"#queue tr[data-incident='{target}']")
    row.locator(".state", has_text="accepted").wait_for()
    assert page.evaluate(FOCUSED_ROW_JS) == ids[2], "after accepting, the focus moves to the next row"
    assert "Accepted" in page.locator("#queue-msg").inner_text()
    detail = running.get(f"/api/incidents/{target}").json()
    assert detail["review_state"] == "accepted"
    assert [(h["action"], h["field"], h["old_value"], h["new_value"], h["who"]) for h in detail["history"]][-1:] == [
        ("review", "review_state", "unreviewed", "accepted", "tester")]
    assert target not in {i["incident_id"] for i in _api_items(running, "review_state=queue")["items"]}
    assert running.get(f"/api/incidents/{ids[0]}").json()["review_state"] == "unreviewed"


# ---- hostile report text -----------------------------------------------------------------------------------

def test_hostile_report_text_renders_inert(tab: Tab, running: Running) -> None:
    stored = running.get(f"/api/reports/{HOSTILE['id']}").json()
    for payload in PAYLOADS:   # the test means something only if the markup reached the stored text
        assert payload in stored["text"], "the reader changed the hostile text: rewrite this test's report"
    [inc] = [i for i in _api_items(running)["items"] if HOSTILE["id"] in i["reports"]]
    page = tab.page
    for path in (f"/incidents/{inc['incident_id']}", "/?q=moderators", "/review"):
        response = tab.goto(path)
        served_title = re.search(r"<title>(.*?)</title>", response.text(), re.S)
        assert served_title is not None
        page.wait_for_load_state("networkidle")
        if path.startswith("/incidents/"):
            page.locator("article.source h3").hover()
            page.locator("article.source .report-text").hover()
            shown = page.locator("article.source .report-text").inner_text()
            for payload in PAYLOADS:
                assert payload in shown, "the payload should be visible as text"
            assert page.locator("article.source h3").inner_text().startswith(HOSTILE["source"])
            assert page.get_by_text(HOSTILE["url"]).is_visible()
            assert page.evaluate("() => Array.from(document.querySelectorAll('.report-text *'))"
                                 ".every(e => e.tagName === 'MARK')")
        assert page.evaluate("() => window.__wlPwned === undefined"), path
        assert page.title() == html.unescape(served_title.group(1)) != "pwned"
        assert page.evaluate("() => Array.from(document.scripts).every(s => s.src.startsWith(location.origin + '/static/'))")
        assert page.evaluate("() => document.querySelectorAll('img, iframe, a[href^=\"javascript:\" i]').length") == 0
    assert tab.dialogs == []


# ---- the map, and what every page must do ------------------------------------------------------------------

DRAWN_JS = """() => {
  const clusters = Array.from(document.querySelectorAll('.leaflet-marker-pane .marker-cluster'))
    .reduce((n, c) => n + Number(c.textContent.trim()), 0);
  return {clusters: clusters, markers: document.querySelectorAll('path.wl-marker').length,
          outlines: document.querySelectorAll('.leaflet-overlay-pane path:not(.wl-marker)').length,
          bars: document.querySelectorAll('#timeline svg rect').length};
}"""


def test_map_draws_every_placed_incident_offline(tab: Tab, running: Running) -> None:
    page = tab.page
    with page.expect_response(lambda r: urlsplit(r.url).path == "/api/map") as got:
        tab.goto("/")
    points = got.value.json()["points"]
    page.wait_for_selector("#map[data-points]")
    page.wait_for_function("() => document.querySelectorAll('.leaflet-overlay-pane path:not(.wl-marker)').length > 0")
    page.wait_for_selector("#timeline svg")
    drawn = page.evaluate(DRAWN_JS)
    assert drawn["clusters"] + drawn["markers"] == len(points) == int(page.locator("#map").get_attribute("data-points") or 0)
    assert len(points) == sum(1 for i in _api_items(running)["items"] if i.get("latitude") is not None)
    assert drawn["outlines"] > 0 and drawn["bars"] > 0, drawn
    assert any(urlsplit(u).path.endswith("countries-50m.json") for u in tab.requests)
    # incidents known only by a date range sit on its middle day: the page says how many
    ranged = sum(1 for i in _api_items(running)["items"] if i.get("date_range") and i["date_range"][0] != i["date_range"][-1])
    assert ranged >= 1
    note = page.locator("#timeline-note")
    assert note.inner_text().startswith(f"{ranged} incident{' is' if ranged == 1 else 's are'} known only by a "
                                        f"date range and drawn on the middle day")
    tab.screenshot("map")


def _some_incident(running: Running) -> str:
    return str(_by_place(running, "Hish")["incident_id"])


@pytest.mark.parametrize("path", ["/", "/?admin1=Idleb&review_state=queue", "/review", "/review?queue=merged",
                                  "incident"])
def test_page_is_quiet_labelled_and_shows_keyboard_focus(tab: Tab, running: Running, path: str) -> None:
    page = tab.page
    tab.goto(f"/incidents/{_some_incident(running)}" if path == "incident" else path)
    page.wait_for_load_state("networkidle")
    assert unlabelled_controls(page) == []
    if path == "incident":   # Hish is known by a date range: the words that state it stand beside the range
        shown = page.locator("#values tr[data-field='event_date'] td.value").inner_text()  # the range's middle day
        assert page.locator("#values tr[data-field='event_date'] q.ev").count() == 0 and shown.startswith("20")
        assert page.locator("#values tr[data-field='date_range'] q.ev").count() >= 1
    stops = focus_stops(page, presses=40 if path.startswith("/?") or path == "/" else 14)
    assert len(stops) >= 8
    hidden = [s for s in stops if not (s["ring"] and s["visible"])]
    assert hidden == [], f"focus without a visible ring: {hidden}"


def test_a_capped_map_counts_the_points_it_leaves_out_in_grey_squares(tab: Tab, running: Running) -> None:
    # the map asks for at most 2 points here (a ledger of 100,000 meets the default cap of 5,000 the same way)
    page = tab.page
    page.route("**/api/map*", lambda route: route.continue_(
        url=route.request.url + ("&" if "?" in route.request.url else "?") + "limit=2"))
    tab.goto("/")
    page.wait_for_selector("#map[data-points]")
    placed = sum(1 for i in _api_items(running)["items"] if i.get("latitude") is not None)
    assert placed > 2 and page.locator("#map").get_attribute("data-points") == "2"
    assert int(page.locator("#map").get_attribute("data-cells-left-out") or 0) == placed - 2
    assert page.locator("path.wl-cell").count() >= 1
    assert f"the other {placed - 2} are counted in grey squares" in page.locator("#map-note").inner_text()
