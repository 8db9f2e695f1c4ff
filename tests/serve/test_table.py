"""The incident table as an analyst uses it: sorted by a column's heading (newest first, most killed
first, by place), the order kept across pages, in the API link and the next-page link, and the filter bar's
two boxes for what the map cannot place exactly and what was merged.  SQLite and PostgreSQL."""
from __future__ import annotations

import html
import re
from typing import Any

from served import Running  # type: ignore[import-not-found]


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr data-incident="(inc-[0-9a-f]+)">', page)


def _api(server: Running, query: str) -> dict[str, Any]:
    r = server.get("/api/incidents?" + query)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_api_sorts_newest_and_most_killed_first_with_the_unknown_last(server: Running) -> None:
    items = _api(server, "limit=100&sort=-date")["items"]
    days = [i.get("event_date") or (i.get("date_range") or [None])[0] for i in items]
    assert days == sorted(days, reverse=True) and days[0] == "2021-03-17"
    killed = [i.get("fatalities") for i in _api(server, "limit=100&sort=-killed")["items"]]
    known = [k for k in killed if k is not None]
    assert known == sorted(known, reverse=True) and killed[:len(known)] == known and known[0] == 7
    assert killed[len(known):] == [None] * (len(killed) - len(known))
    # paging keeps the order: two pages of 3 are the first 6 of the whole list
    whole = [i["incident_id"] for i in _api(server, "limit=100&sort=-killed")["items"]]
    first = _api(server, "limit=3&sort=-killed")
    second = server.get(first["next"]).json()
    assert "sort=-killed" in first["next"]
    assert [i["incident_id"] for i in first["items"] + second["items"]] == whole[:6]
    r = server.get("/api/incidents?sort=size")
    assert r.status_code == 400 and "-date" in r.json()["detail"]


def test_table_headings_sort_and_say_how(server: Running) -> None:
    page = server.get("/?admin1=Idleb").text
    assert 'aria-sort="ascending"><a class="sort" href="?admin1=Idleb&amp;sort=-date">Date' in page
    newest = server.get("/?admin1=Idleb&sort=-date")
    assert newest.status_code == 200 and "newest first" in newest.text
    api = _api(server, "admin1=Idleb&sort=-date&limit=100")
    assert _rows(newest.text) == [i["incident_id"] for i in api["items"]]
    assert 'href="/api/incidents?admin1=Idleb&amp;sort=-date"' in newest.text          # the API link: same order
    assert '<input type="hidden" name="sort" value="-date">' in newest.text           # the filter form keeps it
    assert 'aria-sort="descending"' in newest.text and "sort=date" in html.unescape(newest.text)  # a click reverses
    most = server.get("/?sort=-killed")
    assert _rows(most.text) == [i["incident_id"] for i in _api(server, "sort=-killed&limit=50")["items"]]
    bad = server.get("/?sort=size")
    assert bad.status_code == 400 and "sort" in bad.text and 'id="filter-error"' in bad.text


def test_filter_bar_offers_the_inexact_places_and_the_merged(server: Running) -> None:
    for name in ("low_precision", "merged"):
        page = server.get(f"/?{name}=true").text
        assert f'name="{name}" value="true" checked' in page
        assert len(_rows(page)) == _api(server, f"{name}=true")["total"] > 0


def test_the_undated_and_the_unplaced_can_be_listed(server: Running) -> None:
    every = _api(server, "limit=1000")["items"]
    for name, has in (("dated", lambda i: i.get("event_date") or i.get("date_range")), ("placed", lambda i: i.get("latitude") is not None)):
        yes, no = _api(server, f"{name}=true&limit=1000"), _api(server, f"{name}=false&limit=1000")
        assert yes["total"] + no["total"] == len(every)
        assert all(has(i) for i in yes["items"]) and not any(has(i) for i in no["items"])
    assert _api(server, "placed=false")["total"] >= 1
    r = server.get("/api/incidents?dated=maybe")
    assert r.status_code == 400 and "true or false" in r.json()["detail"]


def test_a_filtered_export_is_saved_under_a_name_that_says_what_it_holds(server: Running) -> None:
    def name(query: str) -> str:
        r = server.get("/api/export?" + query)
        assert r.status_code == 200, r.text
        return str(r.headers["content-disposition"])

    assert name("format=acled-csv") == 'attachment; filename="warledger-ledger.csv"'
    assert name("format=acled-csv&admin1=Idleb&date_from=2021-03-01") == \
        'attachment; filename="warledger-date_from-2021-03-01-admin1-Idleb.csv"'
    odd = name("format=geojson&actor=Military Forces of Russia (2000-)&q=\"a;b\"")
    assert odd == 'attachment; filename="warledger-actor-Military_Forces_of_Russia_2000-_-q-_a_b.geojson"'


def test_a_name_that_matches_nothing_is_answered_with_the_names_that_would(server: Running) -> None:
    page = server.get("/?actor=Russia").text
    assert 'id="match-count">0<' in page
    [hint] = re.findall(r'<p class="error suggest" role="status" data-field="actor">(.*?)</p>', page, flags=re.S)
    assert "Did you mean" in hint and 'href="?actor=Military+Forces+of+Russia+%282000-%29"' in hint
    # a spelling close to a known one, and no spelling of the theatre's ("Idlib", one, is read as Idleb at once:
    # test_analyst_tasks7.py): a typo of the governorate ACLED writes Idleb
    page = server.get("/?admin1=Idleeb&date_from=2021-03-01").text
    [hint] = re.findall(r'data-field="admin1">(.*?)</p>', page, flags=re.S)
    assert 'href="?date_from=2021-03-01&amp;admin1=Idleb"' in hint
    # the boxes offer the ledger's names as one types
    assert '<datalist id="dl-actor">' in page and '<option value="Military Forces of Russia (2000-)">' in page
    assert 'name="admin1" value="Idleeb" list="dl-admin1"' in page
    # a known name that matches nothing under the other filters gets no hint
    page = server.get("/?admin1=Idleb&date_from=2030-01-01").text
    assert 'id="match-count">0<' in page and "suggest" not in page


def test_the_table_is_one_link_away_from_the_top(server: Running) -> None:
    # at a laptop's 1280x720 the table starts two screens down, under the map and the timeline: the summary line
    # at the top links straight to it, and the link's target is the table's own heading
    page = server.get("/").text
    link = re.search(r'<a id="to-table" href="#([\w-]+)">', page)
    assert link is not None
    target = page.index(f'id="{link.group(1)}"')
    assert page.index('id="map"') < target < page.index('id="incident-table"')
