"""ledger22: an incident read from a GED row shows, beside its report, the row's columns no field of the ledger holds
(the headline, the whole source_date, GED's ids), in the API's detail and on the incident's page.  Row invented."""
from __future__ import annotations

from pathlib import Path

from served import serve_ledger  # type: ignore[import-not-found]

from warledger.ingest import read_reports

HEADER = ("id,year,type_of_violence,side_a,side_b,source_office,source_date,source_headline,where_prec,"
          "where_coordinates,latitude,longitude,country,date_prec,date_start,date_end,deaths_a,deaths_b,"
          "deaths_civilians,deaths_unknown,best,high,low,conflict_name")
ROW = ("900000000011,2021,1,Government of Iraq,Invented Front,Invented Wire,2021-03-09;2021-03-10,"
       "Made-up headline <b>one</b>,1,Made-up Ford village,33.5,44.1,Iraq,1,2021-03-08,2021-03-08,1,2,0,0,3,3,3,"
       "Iraq: Invented Front")


def test_the_evidence_view_shows_what_the_ged_row_gives(tmp_path: Path) -> None:
    src = tmp_path / "ged.csv"
    src.write_text(f"{HEADER}\n{ROW}\n", encoding="utf-8")
    for running in serve_ledger(str(tmp_path / "l.db"), list(read_reports(src))):
        (item,) = running.get("/api/incidents").json()["items"]
        (source,) = running.get(f"/api/incidents/{item['incident_id']}").json()["sources"]
        assert source["coded_columns"]["source_date"] == "2021-03-09;2021-03-10"
        assert source["coded_columns"]["conflict_name"] == "Iraq: Invented Front"
        page = running.get(f"/incidents/{item['incident_id']}").text
        assert ('<dt><code>source_date</code></dt><dd dir="auto">2021-03-09;2021-03-10</dd>' in page)
        assert "Made-up headline &lt;b&gt;one&lt;/b&gt;</dd>" in page        # escaped, as all report text
