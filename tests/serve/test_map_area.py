"""The map's area as a filter (bbox=W,S,E,N), on SQLite and PostgreSQL: every list the pages draw from holds only
what is in the box, and the filter bar of /, /tally and /duplicates shows the area in words with a link that
clears it (keeping the other filters and the grouping) and says how many incidents it leaves out for having
no coordinates."""
from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

from served import Running  # type: ignore[import-not-found]

BOX = "36.4,35.4,36.8,35.7"   # a part of Idleb's south: some of the examples are in it, most are not


def _items(server: Running, query: str) -> list[dict[str, Any]]:
    return list(server.get("/api/incidents?limit=1000&" + query).json()["items"])


def _inside(i: dict[str, Any]) -> bool:
    return i.get("longitude") is not None and 36.4 <= i["longitude"] <= 36.8 and 35.4 <= i["latitude"] <= 35.7


def test_every_list_api_holds_only_what_is_in_the_box(server: Running) -> None:
    everything = _items(server, "")
    inside = {i["incident_id"] for i in everything if _inside(i)}
    assert inside and len(inside) < len(everything)
    assert {i["incident_id"] for i in _items(server, "bbox=" + BOX)} == inside
    points = server.get("/api/map?bbox=" + BOX).json()
    assert {p["id"] for p in points["points"]} == inside and points["unplaced"] == 0
    timeline = server.get("/api/timeline?period=month&bbox=" + BOX).json()
    assert sum(r["incidents"] for r in timeline["rows"]) + timeline["undated"] == len(inside)
    tally = server.get("/api/tally?by=admin1&bbox=" + BOX).json()
    assert sum(r["incidents"] for r in tally["rows"]) == len(inside)
    lines = [json.loads(x) for x in server.get("/api/export?format=jsonl&bbox=" + BOX).text.splitlines() if x.strip()]
    assert {x["incident_id"] for x in lines if "incident_id" in x} == inside


def _clear_link(page: str) -> dict[str, list[str]]:
    box = re.search(r'<span class="bbox-filter" id="bbox-filter">(.*?)</span>\s*(?:</span>)?', page, re.S)
    assert box, "the filter bar shows the map's area"
    href = re.search(r'id="bbox-clear" href="([^"]*)"', page)
    assert href
    return parse_qs(urlsplit(html.unescape(href.group(1))).query)


def test_the_filter_bar_shows_the_area_in_words_with_a_way_to_clear_it(server: Running) -> None:
    everything = _items(server, "")
    unplaced = [i for i in everything if i.get("latitude") is None]
    assert unplaced, "the examples hold incidents with no coordinates"
    page = server.get("/?bbox=" + BOX + "&sort=-killed").text
    assert "longitude 36.4 to 36.8, latitude 35.4 to 35.7" in page
    assert _clear_link(page) == {"sort": ["-killed"]}
    said = re.search(r'<span id="bbox-left-out">(\d+) incidents? with no coordinates left out \(<a href="([^"]*)"', page)
    assert said and int(said.group(1)) == len(unplaced)
    listed = parse_qs(urlsplit(html.unescape(said.group(2))).query)
    assert listed == {"placed": ["false"]}
    count = re.search(r'<strong id="match-count">(\d+)</strong>', page)
    assert count and int(count.group(1)) == sum(1 for i in everything if _inside(i))
    # with another filter, the count left out is of that filter's incidents, and clearing keeps it
    state = "has_problems=true"
    page = server.get(f"/?{state}&bbox={BOX}").text
    left = re.search(r'<span id="bbox-left-out">(\d+) ', page)
    n = sum(1 for i in unplaced if i.get("problems"))
    assert (int(left.group(1)) if left else 0) == n
    assert _clear_link(page) == {"has_problems": ["true"]}
    # the tally keeps its grouping, the duplicates page its filters
    page = server.get(f"/tally?by=admin1&bbox={BOX}").text
    assert _clear_link(page) == {"by": ["admin1"]}
    assert "longitude 36.4 to 36.8" in page
    page = server.get(f"/duplicates?admin1=Idleb&bbox={BOX}").text
    assert _clear_link(page) == {"admin1": ["Idleb"]}
    # without an area, nothing of it is shown
    assert 'id="bbox-filter"' not in server.get("/").text
