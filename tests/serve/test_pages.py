"""The workbench's pages as HTML (the browser suite drives them in Chromium): they render, carry the
filters in the URL, and an incident page marks every evidence span with the report's exact words."""
from __future__ import annotations

import html
import re
from pathlib import Path

from served import Running, serve_ledger  # type: ignore[import-not-found]
from test_highlight import parse  # type: ignore[import-not-found]


def test_index_lists_the_filtered_incidents_with_an_api_link(server: Running) -> None:
    r = server.get("/?admin1=Idleb")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    n = server.get("/api/incidents?admin1=Idleb").json()["total"]
    assert f'<strong id="match-count">{n}</strong>' in r.text
    assert 'href="/api/incidents?admin1=Idleb"' in r.text
    assert len(re.findall(r'<tr data-incident="inc-', r.text)) == n
    assert "<script>" not in r.text.replace('<script src=', '')


def test_incident_page_marks_the_words_at_the_stored_offsets(server: Running) -> None:
    items = server.get("/api/incidents?limit=100").json()["items"]
    inc = [i for i in items if len(i["reports"]) > 1][0]
    detail = server.get(f"/api/incidents/{inc['incident_id']}").json()
    page = server.get(f"/incidents/{inc['incident_id']}").text
    texts = {s["report_id"]: s["text"] for s in detail["sources"]}
    blocks = re.findall(r'<article class="source" data-report="([^"]+)">.*?<div class="report-text"[^>]*>(.*?)</div>',
                        page, flags=re.S)
    assert [b[0] for b in blocks] == list(texts)
    for rid, fragment in blocks:
        p = parse(fragment)
        assert p.text == texts[rid]
        assert p.marks
        for m in p.marks:
            if "data-part" not in m:
                assert m["text"] == texts[rid][int(m["data-start"]):int(m["data-end"])]
        spans = {(e["start"], e["end"]) for s in detail["sources"] if s["report_id"] == rid for e in s["evidence"]}
        assert spans <= {(int(m["data-start"]), int(m["data-end"])) for m in p.marks}


def test_review_page_lists_the_queue(server: Running) -> None:
    r = server.get("/review")
    assert r.status_code == 200
    assert len(re.findall(r'<tr tabindex="0" data-incident=', r.text)) == 7
    assert server.get("/review?queue=merged").text.count('<tr tabindex="0"') == 1


def test_the_review_queue_says_which_problems_by_code_with_their_words_in_the_title(server: Running) -> None:
    items = server.get("/api/incidents?has_problems=true&limit=100").json()["items"]
    inc = next(i for i in items if i["location"] == "Kafranbel")
    date, *figures = inc["problems"]    # its date's words, and its two reports' civilians and children figures
    assert date.startswith("W-DATE-RANGE") and len(figures) == 2
    assert all(f.startswith("W-REPORTS-DISAGREE: reports disagree on killed.") for f in figures)
    page = server.get("/review?queue=problems").text
    row = page[page.index(f'data-incident="{inc["incident_id"]}"'):]
    row = row[:row.index("</tr>")]
    assert "3 problems: W-DATE-RANGE, W-REPORTS-DISAGREE" in row
    assert f'title="{html.escape(date)}\n{html.escape(figures[0])}\n{html.escape(figures[1])}"' in row


def test_the_count_of_matches_is_english_for_one_and_for_many(server: Running) -> None:
    assert re.search(r'</strong> incidents match\.', server.get("/").text)
    one = server.get("/?date_from=2021-03-16&date_to=2021-03-16").text   # the Al Bab incident alone
    assert re.search(r'id="match-count">1</strong> incident matches\.', one)


def test_api_docs_are_served_offline_from_the_openapi_description(server: Running) -> None:
    r = server.get("/docs")
    assert r.status_code == 200
    assert "<code>/api/incidents/{incident_id}</code>" in r.text and "<code>PATCH</code>" in r.text
    assert "cdn" not in r.text.lower() and "https://" not in r.text


def test_each_quote_beside_a_value_links_to_its_marked_words(server: Running) -> None:
    items = server.get("/api/incidents?limit=100").json()["items"]
    inc = [i for i in items if len(i["reports"]) > 1][0]
    page = server.get(f"/incidents/{inc['incident_id']}").text
    links = re.findall(r'<a class="ev-link" href="#([^"]+)"[^>]*><q class="ev" data-report="([^"]+)" '
                       r'data-start="(\d+)" data-end="(\d+)"><bdi>(.*?)</bdi></q></a>', page)
    assert len(links) >= 6 and {rid for _, rid, *_ in links} == set(inc["reports"])
    for anchor, rid, start, end, quoted in links:
        [mark] = re.findall(r'<mark data-start="%s" data-end="%s"[^>]*id="%s"' % (start, end, re.escape(anchor)), page)
        block = page.split(f'<article class="source" data-report="{rid}">')[1].split("</article>")[0]
        assert f'id="{anchor}"' in block, (anchor, rid)   # the mark is in that report's text, not another's
    assert len({a for a, *_ in links}) == len({(r, s, e) for _, r, s, e, _ in links})


def test_a_region_centre_standing_for_a_village_is_shown_as_a_guess(server: Running) -> None:
    items = server.get("/api/incidents?limit=100").json()["items"]
    [inc] = [i for i in items if any(p.startswith("W-GEO-CENTROID") for p in i.get("problems") or [])
             and (i.get("geo_precision") or 0) < 3]
    page = server.get("/").text
    row = page.split(f'<tr data-incident="{inc["incident_id"]}">')[1].split("</tr>")[0]
    assert html.unescape(inc["place_phrase"]) in html.unescape(row)      # the report's words, not the region's name
    assert f'<span class="flag" title="placed at its area, not the exact place">at {inc["location"]}</span>' in row
    detail = server.get(f"/incidents/{inc['incident_id']}").text
    assert f"placed at {inc['location']}</span>" in detail
    queued = server.get("/review").text.split(f'data-incident="{inc["incident_id"]}"')[1].split("</tr>")[0]
    assert "place known to its area" in queued
    # the map draws it dashed, as a guess; a place found at precision 1 stays solid
    points = {p["id"]: p for p in server.get("/api/map").json()["points"]}
    assert points[inc["incident_id"]]["guess"] is True and points[inc["incident_id"]]["precision"] < 3
    exact = [i["incident_id"] for i in items if i.get("geo_precision") == 1 and not any(
        p.startswith(("W-GEO-CENTROID", "W-GEO-SPELLING")) for p in i.get("problems") or [])]
    assert exact and not any(points[i]["guess"] for i in exact)
    # and it is among the low-precision places: the filter and the review queue's "Low-precision places"
    low = {i["incident_id"] for i in server.get("/api/incidents?low_precision=true&limit=100").json()["items"]}
    assert inc["incident_id"] in low and not low & set(exact)
    assert f'data-incident="{inc["incident_id"]}"' in server.get("/review?queue=places").text


def test_incident_page_lists_the_incidents_that_may_be_the_same_one(server: Running) -> None:
    items = server.get("/api/incidents?limit=100").json()["items"]
    by_place = {i.get("location"): i for i in items}
    kaf = by_place["Kafranbel"]
    page = server.get(f"/incidents/{kaf['incident_id']}").text
    table = page.split('<table class="incidents candidates" id="candidates">')[1].split("</table>")[0]
    listed = set(re.findall(r'<tr data-incident="(inc-[0-9a-f]+)">', table))
    near = server.get("/api/incidents?admin1=Idleb&date_from=2021-03-13&date_to=2021-03-15&limit=100").json()["items"]
    assert listed == {i["incident_id"] for i in near} - {kaf["incident_id"]}
    assert by_place["Hish"]["incident_id"] in listed and by_place["Al Bab"]["incident_id"] not in listed
    assert f'data-other="{by_place["Hish"]["incident_id"]}"' in table
    assert 'href="/?admin1=Idleb&amp;date_from=2021-03-13&amp;date_to=2021-03-15"' in table


def test_a_merged_incident_shows_what_each_report_states(server: Running) -> None:
    items = server.get("/api/incidents?limit=100").json()["items"]
    [kaf] = [i for i in items if i.get("location") == "Kafranbel"]
    page = server.get(f"/incidents/{kaf['incident_id']}").text
    says = dict(re.findall(r'<article class="source" data-report="([^"]+)">.*?<p class="says">This report states: '
                           r'(.*?)\.</p>', page, flags=re.S))
    assert says == {"demo-1": "killed 5: civilians 5, children 3, women 1",
                    "demo-2": "killed 7: civilians 7, children 4, women 1"}
    single = next(i for i in items if len(i["reports"]) == 1)
    assert 'class="says"' not in server.get(f"/incidents/{single['incident_id']}").text


def test_the_export_links_say_what_the_acled_and_ucdp_tables_leave_out(server: Running) -> None:
    items = server.get("/api/incidents?limit=1000").json()["items"]
    out = [i for i in items if i.get("event_date") is None or i.get("latitude") is None]
    assert out  # the example reports hold an incident with no date or no point
    page = server.get("/").text
    note = page.split('<span id="outside-tables">')[1].split("</span>")[0]
    assert f"leave out the {len(out)} with no date or no point" in note
    rows = server.get("/api/export?format=acled-csv").text.lstrip("\ufeff").strip().splitlines()
    assert len(rows) - 1 == len(items) - len(out)
    # a filter that leaves only dated, placed incidents has no such note
    assert 'id="outside-tables"' not in server.get("/?dated=true&placed=true").text
    # and the UCDP table's scope is said beside its link, as GED's rows are fewer than the ledger's
    assert "organized violence that killed someone, between two" in page.split('<span id="ged-scope">')[1]
    ged = server.get("/api/export?format=ucdp-csv").text.lstrip("\ufeff").strip().splitlines()
    assert len(ged) - 1 < len(rows) - 1


def test_a_point_in_a_country_only_a_towns_spelling_points_to_is_a_guess(tmp_path: Path) -> None:
    """A report that names no country, placed by a town's spelling alone: its point is drawn dashed and its row
    says "in <country>?"; the same report naming its country is drawn solid."""
    reports = [{"id": "bare", "text": "On 3 March 2021 gunmen attacked a checkpoint in Bamenda, killing two guards."},
               {"id": "named", "text": "On 9 March 2021 gunmen attacked a checkpoint in Bamenda, Cameroon, "
                                       "killing three guards."}]
    for run in serve_ledger(str(tmp_path / "l.db"), reports):
        items = {i["reports"][0]: i for i in run.get("/api/incidents?limit=10").json()["items"]}
        points = {p["id"]: p for p in run.get("/api/map").json()["points"]}
        bare, named = items["bare"], items["named"]
        assert points[bare["incident_id"]]["guess"] is True and points[named["incident_id"]]["guess"] is False
        row = run.get("/").text.split(f'<tr data-incident="{bare["incident_id"]}">')[1].split("</tr>")[0]
        assert 'class="flag country-guess"' in row and "in Cameroon?" in row
