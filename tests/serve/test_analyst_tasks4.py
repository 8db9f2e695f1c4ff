"""What session 20's second workbench brief (wb20b) asked, over the example reports (SQLite and PostgreSQL for the
API; Debian's Chromium for the pages):

- undoing a place pick takes its grouped correction back out (revert rows, as an undo of one correction does): the
  place is no longer corrected, the place problem it answered is open again, a pick corrected since refuses the undo
  (409) and an undo is not undone;
- a place pick sent twice with one idempotency key is made once, and the second answer says it repeats the first;
- "Next with this problem": an incident opened from a list filtered by a problem code goes on, in one click, to the
  next incident of that list where the code is still open, the filter kept (a run of answers needs no list trips)."""
from __future__ import annotations

from typing import Any, Iterator

import pytest

from browserkit import Tab, open_tab  # type: ignore[import-not-found]
from served import Running, serve_ledger  # type: ignore[import-not-found]

PLACE_FIELDS = ("location", "admin1", "admin2", "admin3", "country", "latitude", "longitude", "geo_precision",
                "where_prec")


def _guessed(server: Running) -> dict[str, Any]:
    """The example incident placed by a near spelling only (a W-GEO-SPELLING problem a place pick answers)."""
    items = server.get("/api/incidents?limit=1000").json()["items"]
    line = next(i for i in items if i.get("location") == "Hish")
    return dict(server.get(f"/api/incidents/{line['incident_id']}").json())


def _tall_abyad(server: Running) -> dict[str, Any]:
    r = server.get("/api/places", params={"q": "Tall Abyad", "country": "Syria"})
    return dict(next(c for c in r.json()["items"] if c["name"] == "Tall Abyad" and c["kind"] == "place"))


def _pick(server: Running, iid: str, **more: Any) -> Any:
    cand = _tall_abyad(server)
    return server.client.post(f"{server.url}/api/incidents/{iid}/place", headers=server.auth(),
                              json={"place": cand["id"], "name": cand["name"], "reason": "the report's town", **more})


def _group(server: Running, iid: str) -> str:
    rows = [h for h in server.get(f"/api/incidents/{iid}").json()["history"]
            if h["action"] == "correct" and (h.get("data") or {}).get("group")]
    groups = list(dict.fromkeys(h["data"]["group"] for h in rows))
    assert len(groups) == 1, groups
    return str(groups[0])


def test_undoing_a_place_pick_takes_it_back_out_and_reopens_the_place_problem(server: Running) -> None:
    before = _guessed(server)
    iid = before["incident_id"]
    spelling = [p for p in before["problems"] if p.startswith("W-GEO-")]
    assert spelling and not set(PLACE_FIELDS) & set(before.get("reviewed_fields") or [])
    r = _pick(server, iid, base_version=before["version"])
    assert r.status_code == 200, r.text
    group = _group(server, iid)
    url = f"{server.url}/api/incidents/{iid}/undo"
    r = server.client.post(url, headers=server.auth(), json={"group": group, "base_version": r.json()["version"]})
    assert r.status_code == 200, r.text
    line = server.get(f"/api/incidents/{iid}").json()
    for f in PLACE_FIELDS:
        assert line.get(f) == before.get(f), f
    # on main: the old values written as a new grouped correction, so every place field stayed "corrected"
    assert not set(PLACE_FIELDS) & set(line.get("reviewed_fields") or [])
    assert [p for p in line["problems"] if p.startswith("W-GEO-")] == spelling
    assert not any(a["field"] == "location" for a in line.get("answered_problems") or [])
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    picked = {h["seq"] for h in rows if (h.get("data") or {}).get("group") == group}
    undone = [h for h in rows if (h.get("data") or {}).get("undoes") == group]
    assert len(picked) == len(PLACE_FIELDS) and {h["data"]["reverts"] for h in undone} == picked
    assert all("group" not in h["data"] and h["reason"] == "undo" for h in undone)
    assert next(h for h in undone if h["field"] == "location")["new_value"] == before["location"]
    # an undo is not undone; the page no longer offers an undo of the pick
    again = server.client.post(url, headers=server.auth(), json={"group": group})
    assert again.status_code == 400 and "already undone" in again.json()["detail"], again.text
    page = server.get(f"/incidents/{iid}", headers={"Accept": "text/html"}).text
    assert 'class="undo-group"' not in page and "no longer corrected by it" in page


def test_a_place_pick_corrected_since_refuses_its_undo(server: Running) -> None:
    iid = _guessed(server)["incident_id"]
    assert _pick(server, iid).status_code == 200
    group = _group(server, iid)
    r = server.client.patch(f"{server.url}/api/incidents/{iid}", headers=server.auth(),
                            json={"field": "latitude", "value": 35.25, "reason": "the map"})
    assert r.status_code == 200, r.text
    r = server.client.post(f"{server.url}/api/incidents/{iid}/undo", headers=server.auth(), json={"group": group})
    assert r.status_code == 409, r.text    # on main: 200, the newer latitude overwritten by the pick's old one
    assert "latitude" in r.json()["detail"]
    line = server.get(f"/api/incidents/{iid}").json()
    assert line["latitude"] == 35.25 and line["location"] == "Tall Abyad"


def test_a_place_pick_sent_twice_with_one_key_is_made_once(server: Running) -> None:
    before = _guessed(server)
    iid, version = before["incident_id"], before["version"]
    r1 = _pick(server, iid, base_version=version, key="pick-0123abcd")
    assert r1.status_code == 200, r1.text and "repeat_of" not in r1.json()
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    first = min(h["seq"] for h in rows)
    # the retry carries the version the page showed: on main a second grouped correction (or a 409)
    r2 = _pick(server, iid, base_version=version, key="pick-0123abcd")
    assert r2.status_code == 200, r2.text
    assert r2.json()["repeat_of"] == first and r2.json()["location"] == "Tall Abyad"
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    assert len(rows) == len(PLACE_FIELDS)
    # another key is another pick
    r3 = _pick(server, iid, key="pick-other")
    assert r3.status_code == 200 and "repeat_of" not in r3.json()



def test_next_with_this_problem_is_the_next_open_one_of_the_filter(server: Running) -> None:
    code = "W-DATE-RANGE"
    one, two = [i["incident_id"] for i in server.get(f"/api/incidents?problem={code}").json()["items"]]
    listed = server.get(f"/?problem={code}").text
    assert f'href="/incidents/{one}?problem={code}"' in listed      # on main: the link dropped the filter
    page = server.get(f"/incidents/{one}?problem={code}").text
    assert f'id="next-problem" href="/incidents/{one}/next?problem={code}"' in page
    assert 'id="next-problem"' not in server.get(f"/incidents/{one}").text   # not opened from such a list
    nxt = server.client.get(f"{server.url}/incidents/{one}/next?problem={code}", follow_redirects=False)
    assert nxt.status_code == 303 and nxt.headers["location"] == f"/incidents/{two}?problem={code}"
    end = server.client.get(f"{server.url}/incidents/{two}/next?problem={code}", follow_redirects=False)
    assert end.status_code == 303 and end.headers["location"] == f"/?problem={code}"
    # the first answered (a day in its range) leaves the filter: from it, the next is the first still open
    day = server.get(f"/api/incidents/{one}").json()["date_range"][0]
    r = server.client.patch(f"{server.url}/api/incidents/{one}", headers=server.auth(),
                            json={"field": "event_date", "value": day, "reason": "the first day"})
    assert r.status_code == 200 and not any(p.startswith(code) for p in r.json()["problems"])
    nxt = server.client.get(f"{server.url}/incidents/{one}/next?problem={code}", follow_redirects=False)
    assert nxt.headers["location"] == f"/incidents/{two}?problem={code}"
    assert server.client.get(f"{server.url}/incidents/{one}/next", follow_redirects=False).status_code == 400


@pytest.mark.browser
def test_next_with_this_problem_goes_on_through_the_list_the_analyst_came_from(tab: Tab, running: Running) -> None:
    code = "W-DATE-RANGE"   # two example incidents give a date range only; a corrected day answers it
    listed = [i["incident_id"] for i in running.get(f"/api/incidents?problem={code}").json()["items"]]
    assert len(listed) == 2
    page = tab.page
    tab.goto(f"/?problem={code}")
    tab.use_token(running.token)
    page.click(f"a[href^='/incidents/{listed[0]}']")
    page.wait_for_selector("#next-problem")
    assert f"problem={code}" in page.url and listed[0] in page.url    # on main: the list's filter was dropped
    first = running.get(f"/api/incidents/{listed[0]}").json()
    page.select_option("#c-field", "event_date")
    page.fill("#c-value", first["date_range"][0])
    page.fill("#c-reason", "the first day the report names")
    page.press("#c-reason", "Enter")
    page.wait_for_selector("#correct-msg:has-text('Saved')")
    page.wait_for_selector(f"text=answered by")
    assert f"problem={code}" in page.url          # the reload after saving keeps the filter
    page.click("#next-problem")
    page.wait_for_url(f"**/incidents/{listed[1]}?*")
    assert f"problem={code}" in page.url and page.inner_text("#next-problem") == f"Next with {code}"
    # skipped without an answer: the next goes past it; none left: back to the list (one incident now)
    page.click("#next-problem")
    page.wait_for_url(f"**/?problem={code}*")
    assert page.locator(f"a[href^='/incidents/{listed[1]}']").count() == 1
    assert page.locator(f"a[href^='/incidents/{listed[0]}']").count() == 0
    tab.screenshot("tasks4-next-with-problem")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    from written_reports import with_written  # type: ignore[import-not-found]

    yield from serve_ledger(str(tmp_path_factory.mktemp("tasks4w") / "ledger.db"), with_written([]))


QUOTE_SIDES_JS = """() => Array.from(document.querySelectorAll('q.ev')).filter(q => /[\\u0600-\\u06ff]/.test(q.textContent) && q.getClientRects().length === 1)
  .map(q => { const r = document.createRange();
    r.selectNodeContents(document.createTreeWalker(q, NodeFilter.SHOW_TEXT).nextNode()); const t = r.getClientRects();
    const box = q.getBoundingClientRect(), words = Array.from(t).filter(x => x.width > 0);
    const left = Math.min(...words.map(x => x.left)), right = Math.max(...words.map(x => x.right));
    return {text: q.textContent, open_gap_left: left - box.left, close_gap_right: box.right - right}; })"""


@pytest.mark.browser
def test_a_right_to_left_quote_keeps_its_marks_where_the_page_reads_them(browser: Any, written: Running) -> None:
    """An Arabic quote on an English page: its opening mark sits before it in the page's left-to-right line (the
    left) and its closing mark after it (the right).  On main the quote element itself was right-to-left
    (dir=auto), so its opening mark went to the right end and the closing one to the left: "quoted" mirrored."""
    from written_reports import ARABIC  # type: ignore[import-not-found]

    for tab in open_tab(browser, written.url):
        tab.goto(f"/reports/{ARABIC['id']}")
        # the marks made unequal (the opening one five marks wide) so the layout says which side each sits on
        tab.page.evaluate("""() => { const sheets = document.styleSheets, sheet = sheets[sheets.length - 1];   // the page's own (CSP allows it)
          sheet.insertRule('q.ev::before { content: "\\201C\\201C\\201C\\201C\\201C"; }', sheet.cssRules.length);
          sheet.insertRule('q.ev::after { content: "\\201D"; }', sheet.cssRules.length);
          sheet.insertRule('q.ev { white-space: nowrap; }', sheet.cssRules.length); }""")
        sides = tab.page.evaluate(QUOTE_SIDES_JS)
        assert len(sides) >= 3, "no Arabic quote on one line beside a value"
        for s in sides:
            assert s["open_gap_left"] > 2 * s["close_gap_right"] > 0, s
        tab.screenshot("tasks4-arabic-quotes")
