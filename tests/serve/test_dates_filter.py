"""The dates the timeline puts in the address (date_from/date_to), on SQLite and PostgreSQL: the filter bar of /,
/tally and /duplicates says them and clears them with one link that keeps every other filter and the grouping;
the list page's timeline hint and its keyboard way to the date fields are there."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

from served import Running  # type: ignore[import-not-found]


def _clear(page: str) -> dict[str, list[str]]:
    said = re.search(r'<span class="dates-filter" id="dates-filter">Dates: ([^<]*?)\s*<a id="dates-clear" '
                     r'href="([^"]*)">all dates</a>', page)
    assert said, "the filter bar says the dates"
    return {"said": [said.group(1)], **parse_qs(urlsplit(html.unescape(said.group(2))).query)}


def test_the_filter_bar_says_the_dates_and_clears_them(server: Running) -> None:
    page = server.get("/?date_from=2021-03-08&date_to=2021-03-14&review_state=queue&sort=-killed&offset=50").text
    assert _clear(page) == {"said": ["2021-03-08 to 2021-03-14"], "review_state": ["queue"], "sort": ["-killed"]}
    assert _clear(server.get("/?date_to=2021-03-14").text) == {"said": ["any to 2021-03-14"]}
    tally = server.get("/tally?by=admin1&date_from=2021-03-08").text
    assert _clear(tally) == {"said": ["2021-03-08 to any"], "by": ["admin1"]}
    assert _clear(server.get("/duplicates?date_from=2021-03-08&admin1=Idleb").text)["admin1"] == ["Idleb"]
    plain = server.get("/?review_state=queue").text
    assert 'id="dates-filter"' not in plain
    assert 'id="choose-dates"' in plain and "/static/js/timeline-filter.js" in plain
