"""A UCDP GED CSV as input (ledger20): a GED table is read as coded rows (each row one event, never merged with
another; its sides, deaths, dates and place stored as coded; a bad row named and skipped), and the UCDP export of
such a ledger read back into a new ledger exports the same rows: every id kept, and every column GED's identities
rest on.  Rows invented for the test.  SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.export.ucdp import UCDP_COLUMNS
from warledger.store import Ledger

HEADER = ("id,relid,year,type_of_violence,side_a,side_b,source_office,source_date,where_prec,where_coordinates,"
          "adm_1,adm_2,latitude,longitude,country,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
          "deaths_unknown,best,high,low")
ROWS = [
    # two rows of one day and one place: GED's coders told them apart, the ledger must keep them apart
    "900000000001,INV-2022-1-1-1,2022,1,Government of Syria,Invented Brigade,Invented Monitor,2022-09-15,1,"
    "Made-up Orchard village,Idlib governorate,Ariha district,35.80,36.60,Syria,1,2022-09-14,2022-09-14,2,5,0,0,7,9,7",
    "900000000002,INV-2022-3-1-2,2022,3,Invented Brigade,Civilians,Invented Monitor,2022-09-16,1,"
    "Made-up Orchard village,Idlib governorate,Ariha district,35.80,36.60,Syria,2,2022-09-13,2022-09-16,0,0,3,0,3,4,3",
    "900000000003,,2022,3,Invented Brigade,Civilians,,,1,Nowhere,,,35,36,Syria,1,2022-02-31,2022-02-31,0,0,1,0,1,1,1",
    "900000000004,,2022,3,Invented Brigade,Civilians,,,1,Nowhere,,,35,36,Syria,1,2022-02-03,2022-02-03,0,0,1,0,5,4,1",
]


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_a_ged_table_is_read_as_coded_rows(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "ged.csv"
    src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    err = capsys.readouterr().err
    assert "ged.csv line 4" in err and "ged.csv line 5" in err      # an impossible day; low <= best <= high broken
    with Ledger(db) as ledger:
        lines = sorted(ledger.incidents(), key=lambda ln: ln["reports"])
        assert [ln["reports"] for ln in lines] == [["ged-900000000001"], ["ged-900000000002"]]   # kept apart
        assert [ln["fatalities"] for ln in lines] == [7, 3]
        assert lines[0]["event_date"] == "2022-09-14" and lines[1]["date_range"] == ["2022-09-13", "2022-09-16"]
        assert lines[0]["actor1"] == "Government of Syria" and lines[1]["actor2"] == "Civilians"
        assert lines[0]["location"] == "Made-up Orchard village" and lines[0]["where_prec"] == 1


def test_our_ged_export_read_back_exports_the_same_rows(db: str, tmp_path: Path) -> None:
    src = tmp_path / "ged.csv"
    src.write_text("\n".join([HEADER, *ROWS[:2]]) + "\n", encoding="utf-8")
    first, second, again = tmp_path / "first.db", tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["ingest", str(src), "--db", str(first), "--progress", "off"]) == 0
    assert main(["export", "--db", str(first), "--format", "ucdp-csv", "--out", str(second)]) == 0
    assert main(["ingest", str(second), "--db", db, "--progress", "off"]) == 0
    assert main(["export", "--db", db, "--format", "ucdp-csv", "--out", str(again)]) == 0
    one, two = _rows(second), _rows(again)
    assert len(one) == 2 and one == two and list(one[0]) == list(UCDP_COLUMNS)
    assert sorted(r["id"] for r in one) == ["900000000001", "900000000002"]
    by_id = {r["id"]: r for r in one}
    first_row = by_id["900000000001"]
    assert (first_row["type_of_violence"], first_row["side_a"], first_row["side_b"]) == ("1", "Government of Syria",
                                                                                         "Invented Brigade")
    assert [first_row[c] for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high",
                                   "low")] == ["2", "5", "0", "0", "7", "9", "7"]
    second_row = by_id["900000000002"]
    assert (second_row["type_of_violence"], second_row["date_start"], second_row["date_end"]) == ("3", "2022-09-13",
                                                                                                  "2022-09-16")
    assert second_row["deaths_civilians"] == "3" and second_row["where_coordinates"] == "Made-up Orchard village"


def test_a_side_b_written_civilians_carries_no_state_number() -> None:
    from warledger.export.ucdp import ucdp_row

    line = {"incident_id": "inc-0123456789ab", "event_type": "Violence against civilians", "event_date": "2022-06-04",
            "actor1": "Unidentified Armed Group (Iraq)", "actor2": "Police Forces of Iraq (2003-)", "fatalities": 1,
            "killed": {"total": {"low": 1, "best": 1, "high": 1}}, "country": "Iraq", "latitude": 35.4,
            "longitude": 44.3, "reports": ["r1"]}
    row = ucdp_row(line)
    assert (row["type_of_violence"], row["side_b"], row["gwnob"]) == (3, "Civilians", "")
