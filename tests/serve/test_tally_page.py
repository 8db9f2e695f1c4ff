"""The tally on the workbench, through the running server on SQLite and PostgreSQL: ``GET /api/tally?format=csv``
is the CSV ``warledger tally --format csv`` prints (after the BOM every CSV download starts with), and the
``/tally`` page shows the same rows with the list page's filters, says what each column counts, and links
to the list with the same filters (and back).  Over the built-in example reports."""
from __future__ import annotations

import html
import io
import re
from contextlib import redirect_stdout
from urllib.parse import parse_qs, urlsplit

import pytest

from served import Running  # type: ignore[import-not-found]


def cli_tally(db: str, *args: str) -> str:
    from warledger.cli import main

    out = io.StringIO()
    with redirect_stdout(out):
        assert main(["tally", "--db", db, *args]) == 0
    return out.getvalue()


@pytest.mark.parametrize("by, query, cli", [("admin1", "", ()), ("day", "date_from=2021-03-14&date_to=2021-03-16",
                                                                   ("--from", "2021-03-14", "--to", "2021-03-16"))])
def test_the_tally_csv_is_the_cli_csv_after_a_bom(server: Running, by: str, query: str, cli: tuple[str, ...]) -> None:
    r = server.get(f"/api/tally?by={by}&format=csv" + ("&" + query if query else ""))
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith(b"\xef\xbb\xbf")
    text = r.content[3:].decode("utf-8")
    assert text == cli_tally(server.db, "--by", by, "--format", "csv", *cli)
    assert text.count("\n") >= 2 and text.startswith(f"{by},incidents,reports,")
    name = re.search(r'filename="([^"]+)"', r.headers["content-disposition"])
    assert name and name.group(1).startswith(f"warledger-tally-by-{by}") and name.group(1).endswith(".csv")
    assert server.get(f"/api/tally?by={by}&format=xml").status_code == 400


def _table(page: str) -> list[list[str]]:
    """The tally table's body rows as cell texts (the group's name first)."""
    body = page.split('id="tally-table"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
        rows.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return rows


def test_the_tally_page_shows_the_api_rows_and_says_what_they_count(server: Running) -> None:
    api = server.get("/api/tally?by=actor1").json()["rows"]
    r = server.get("/tally?by=actor1")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    rows = _table(r.text)
    assert [row[0] for row in rows] == [a["actor1"] or "(none)" for a in api]
    header = re.findall(r'<th scope="col" class="num" data-col="([a-z_]+)"', r.text)
    for row, a in zip(rows, api):
        assert row[1:] == ["" if a[c] is None else str(a[c]) for c in header]
    total = re.search(r'<tr id="tally-total">(.*?)</tr>', r.text, re.S)
    assert total and f">{sum(a['incidents'] for a in api)}<" in total.group(1)
    for words in ("counted once however many reports", "its low end", "not a zero", "(none)"):
        assert words in html.unescape(r.text), words
    # a report with no date and no publication date: its incident falls in no week, and is the last row
    r = server.client.post(server.url + "/api/reports/one", headers=server.auth(),
                           json={"text": "Regime shelling killed 2 civilians in Kafranbel in Idlib countryside."})
    assert r.status_code == 200 and r.json()["incidents"][0]["event_date"] is None
    week = server.get("/tally?by=week")
    assert "Ranges straddling" in week.text and "middle day" in week.text
    assert _table(week.text)[-1][0] == "(undated)" and "fall in no week" in week.text


def test_the_list_and_the_tally_link_to_each_other_with_the_same_filters(server: Running) -> None:
    query = "admin1=Idleb&date_from=2019-01-01"
    listed = server.get("/?" + query).text
    link = re.search(r'id="tally-link" href="([^"]+)"', listed)
    assert link and parse_qs(urlsplit(html.unescape(link.group(1))).query) == parse_qs(query)
    page = server.get(html.unescape(link.group(1)) + "&by=sub_event_type").text
    back = re.search(r'id="list-link" href="([^"]+)"', page)
    assert back and parse_qs(urlsplit(html.unescape(back.group(1))).query) == parse_qs(query)
    csv_link = re.search(r'id="tally-csv" class="export" href="([^"]+)"', page)
    assert csv_link and parse_qs(urlsplit(html.unescape(csv_link.group(1))).query) == dict(
        parse_qs(query), by=["sub_event_type"], format=["csv"])
    export = re.search(r'href="(/api/export\?format=jsonl[^"]*)"', page)
    assert export and parse_qs(urlsplit(html.unescape(export.group(1))).query) == dict(parse_qs(query), format=["jsonl"])
    # each group's name lists its incidents: the same filters and the group
    row = re.search(r'<th scope="row" dir="auto"><a href="([^"]+)">', page)
    assert row and parse_qs(urlsplit(html.unescape(row.group(1))).query)["admin1"] == ["Idleb"]
    assert "sub_event_type" in parse_qs(urlsplit(html.unescape(row.group(1))).query)


def test_a_tally_that_cannot_be_read_keeps_the_form_and_says_why(server: Running) -> None:
    r = server.get("/tally?by=colour&admin1=Idleb")
    assert r.status_code == 400 and "cannot tally by 'colour'" in html.unescape(r.text)
    assert 'value="Idleb"' in r.text and 'name="by"' in r.text
    r = server.get("/tally?by=month&date_from=2019-13-01")
    assert r.status_code == 400 and "is not a date" in r.text


def test_a_page_not_found_names_the_tally_among_the_pages(server: Running) -> None:
    r = server.get("/tallies", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "/tally," in r.text and "/reports/new" in r.text
