"""The tally's API, its CSV and its page, given a date range and a time grouping, list every period of the range,
the quiet ones as zero rows, and say so (``periods`` in the JSON, the X-Warledger-Periods header of the CSV, the
table's caption); the chart still draws a quiet period as one without an incident.  Over the example reports."""
from __future__ import annotations

import re

from served import Running  # type: ignore[import-not-found]


def test_a_ranged_time_tally_lists_its_quiet_months_in_json_csv_and_on_the_page(server: Running) -> None:
    months = [r["month"] for r in server.get("/api/tally?by=month").json()["rows"] if r["month"]]
    first_year = int(months[0][:4])
    query = f"date_from={first_year - 1}-01-01&date_to={months[-1]}-01"
    got = server.get(f"/api/tally?by=month&{query}").json()
    listed = [r["month"] for r in got["rows"]]
    assert listed[0] == f"{first_year - 1}-01" and listed[-1] == months[-1] and len(listed) == len(set(listed))
    quiet = [r for r in got["rows"] if r["incidents"] == 0]
    assert len(quiet) >= 12 and len(listed) - len(quiet) <= len(months)
    assert all(v == 0 for r in quiet for k, v in r.items() if k != "month")
    assert got["periods"] == (f"every month from {first_year - 1}-01 to {months[-1]} is listed: {len(quiet)} with "
                              f"no incident, as zero rows")
    assert "periods" not in server.get("/api/tally?by=month").json()   # no range: as before
    csv = server.get(f"/api/tally?by=month&format=csv&{query}")
    assert csv.headers["x-warledger-periods"] == got["periods"]
    lines = csv.content[3:].decode("utf-8").splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == listed
    page = server.get(f"/tally?by=month&{query}").text
    assert f'<span id="tally-periods">{got["periods"]}</span>' in page
    assert len(re.findall(r'<tr data-group="[^"]*" data-killed="0" data-empty="1">', page)) == len(quiet)
