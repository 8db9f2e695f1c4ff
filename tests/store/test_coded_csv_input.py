"""A coded dataset's CSV as input, ACLED's (session 19, ledger19) and UCDP GED's (ledger20), through the one reading
frame of :mod:`warledger.ingest.coded_csv` (ledger21): each table is read as coded rows (each row one event, never
merged with another, even two of one day and one place; its fields stored as coded, not extracted again; a bad row
named with its line and skipped), and warledger's own export of such a ledger read back into a new ledger exports
the same rows (each row keeps its id).  The same tests run on both datasets' tables; what each codebook adds has its
own test.  Rows invented for the test.  SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.errors import InputError
from warledger.export.ucdp import UCDP_COLUMNS
from warledger.store import Ledger


@dataclass(frozen=True)
class Table:
    name: str
    header: str
    rows: tuple[str, ...]       # two good rows of one day and one place, then bad ones
    bad: dict[int, str]         # line -> words of its message
    export: str                 # the export format that writes the table back
    ids: tuple[str, ...]        # the good rows' report ids
    id_column: str
    fatalities: tuple[int, int]

    def csv(self, rows: tuple[str, ...]) -> str:
        return "\n".join([self.header, *rows]) + "\n"


ACLED = Table(
    name="acled",
    header=("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
            "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
            "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,"
            "timestamp"),
    rows=(
        'SYR700001,2022-09-14,2022,1,Political violence,Explosions/Remote violence,Shelling/artillery/missile attack,'
        'Military Forces of Syria (2000-2024),,State forces,Civilians (Syria),,Civilians,State forces-Civilians,'
        'Civilian targeting,760,Middle East,Syria,Idlib,Ariha,Ariha,Made-up Orchard,35.80,36.60,2,Invented Monitor,'
        'Other,"On 14 September 2022, shells fell on a made-up orchard, killing three pickers.",3,,1700000000',
        'SYR700002,14 September 2022,2022,1,Political violence,Explosions/Remote violence,'
        'Shelling/artillery/missile attack,Military Forces of Syria (2000-2024),,State forces,Civilians (Syria),,'
        'Civilians,State forces-Civilians,Civilian targeting,760,Middle East,Syria,Idlib,Ariha,Ariha,Made-up Orchard,'
        '35.80,36.60,2,Invented Monitor,Other,"On 14 September 2022, a second salvo hit the orchard, killing one.",1,,'
        '1700000000',
        'SYR700003,2022-02-31,2022,1,,Battles,Armed clash,X,,,,,,,,,,Syria,,,,,35,36,1,,,an impossible day,0,,',
        'SYR700004,2022-02-03,2022,1,,Battles,Armed clash,X,,,,,,,,,,Syria,,,,,35,36,1,,,half a death,2.5,,',
        ',2022-02-03,2022,1,,Battles,Armed clash,X,,,,,,,,,,Syria,,,,,35,36,1,,,no id,1,,',
    ),
    bad={4: "event_date '2022-02-31' is not a date",
         5: "fatalities '2.5' is not a whole number of 0 or more",      # the column named (ledger21)
         6: "no event_id_cnty"},
    export="acled-csv", ids=("SYR700001", "SYR700002"), id_column="event_id_cnty", fatalities=(3, 1))

GED = Table(
    name="ged",
    header=("id,relid,year,type_of_violence,side_a,side_b,source_office,source_date,where_prec,where_coordinates,"
            "adm_1,adm_2,latitude,longitude,country,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,"
            "deaths_unknown,best,high,low"),
    rows=(
        "900000000001,INV-2022-1-1-1,2022,1,Government of Syria,Invented Brigade,Invented Monitor,2022-09-15,1,"
        "Made-up Orchard village,Idlib governorate,Ariha district,35.80,36.60,Syria,1,2022-09-14,2022-09-14,2,5,0,0,7,"
        "9,7",
        "900000000002,INV-2022-3-1-2,2022,3,Invented Brigade,Civilians,Invented Monitor,2022-09-16,1,"
        "Made-up Orchard village,Idlib governorate,Ariha district,35.80,36.60,Syria,2,2022-09-13,2022-09-16,0,0,3,0,3,"
        "4,3",
        "900000000003,,2022,3,Invented Brigade,Civilians,,,1,Nowhere,,,35,36,Syria,1,2022-02-31,2022-02-31,0,0,1,0,1,"
        "1,1",
        "900000000004,,2022,3,Invented Brigade,Civilians,,,1,Nowhere,,,35,36,Syria,1,2022-02-03,2022-02-03,0,0,1,0,2.5,"
        "4,1",
        "GED-5,,2022,3,Invented Brigade,Civilians,,,1,Nowhere,,,35,36,Syria,1,2022-02-03,2022-02-03,0,0,1,0,1,1,1",
    ),
    bad={4: "date_start '2022-02-31' is not a date", 5: "best '2.5' is not a whole number of 0 or more",
         6: "id 'GED-5' is not GED's integer id"},
    export="ucdp-csv", ids=("ged-900000000001", "ged-900000000002"), id_column="id", fatalities=(7, 3))


def _rows(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [{k: v for k, v in r.items() if k != "timestamp"} for r in rows]    # ACLED's: when the row last changed


@pytest.fixture(params=[ACLED, GED], ids=lambda t: t.name)
def table(request: pytest.FixtureRequest) -> Table:
    chosen: Table = request.param
    return chosen


def test_a_coded_table_is_read_as_coded_rows(table: Table, db: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / f"{table.name}.csv"
    src.write_text(table.csv(table.rows), encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    err = capsys.readouterr().err
    for line, words in table.bad.items():
        assert f"{src.name} line {line}: " in err and words in err and "; row skipped" in err, (line, err)
    with Ledger(db) as ledger:
        lines = sorted(ledger.incidents(), key=lambda ln: ln["reports"])
        assert [ln["reports"] for ln in lines] == [[i] for i in table.ids]      # kept apart
        assert tuple(ln["fatalities"] for ln in lines) == table.fatalities
        assert lines[0]["latitude"] == pytest.approx(35.80) and lines[0]["location"].startswith("Made-up Orchard")


def test_our_export_read_back_exports_the_same_rows(table: Table, db: str, tmp_path: Path) -> None:
    src = tmp_path / f"{table.name}.csv"
    src.write_text(table.csv(table.rows[:2]), encoding="utf-8")
    first, second, again = tmp_path / "first.db", tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["ingest", str(src), "--db", str(first), "--progress", "off"]) == 0
    assert main(["export", "--db", str(first), "--format", table.export, "--out", str(second)]) == 0
    assert main(["ingest", str(second), "--db", db, "--progress", "off"]) == 0
    assert main(["export", "--db", db, "--format", table.export, "--out", str(again)]) == 0
    one, two = _rows(second), _rows(again)
    assert len(one) == 2 and one == two
    assert sorted(r[table.id_column] for r in one) == [i.removeprefix("ged-") for i in table.ids]


def test_a_csv_of_neither_dataset_names_the_columns_it_lacks(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.ingest.acled_csv import ACLED_TABLE
    from warledger.ingest.coded_csv import read_coded_csv

    with pytest.raises(InputError, match="without ACLED's columns .*event_id_cnty.*; warledger reads ACLED and UCDP"):
        list(read_coded_csv("a,b\n1,2\n", "x.csv", [], ACLED_TABLE))
    src = tmp_path / "other.csv"
    src.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(tmp_path / "l.db"), "--progress", "off"]) == 1
    assert "other.csv: a CSV file without ACLED's columns" in capsys.readouterr().err


def test_an_acled_row_keeps_its_date_forms_and_precision(db: str, tmp_path: Path) -> None:
    src = tmp_path / "acled.csv"
    src.write_text(ACLED.csv(ACLED.rows[:2]), encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    with Ledger(db) as ledger:
        lines = sorted(ledger.incidents(), key=lambda ln: ln["reports"])
        assert lines[1]["event_date"] == "2022-09-14"           # "14 September 2022", ACLED's Excel form
        assert lines[0]["geo_precision"] == 2


def test_a_ged_row_keeps_its_sides_range_and_where_prec(db: str, tmp_path: Path) -> None:
    src = tmp_path / "ged.csv"
    src.write_text(GED.csv(GED.rows[:2]), encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    with Ledger(db) as ledger:
        lines = sorted(ledger.incidents(), key=lambda ln: ln["reports"])
        assert lines[0]["event_date"] == "2022-09-14" and lines[1]["date_range"] == ["2022-09-13", "2022-09-16"]
        assert lines[0]["actor1"] == "Government of Syria" and lines[1]["actor2"] == "Civilians"
        assert lines[0]["location"] == "Made-up Orchard village" and lines[0]["where_prec"] == 1


def test_the_ged_export_of_ged_rows_gives_back_their_columns(tmp_path: Path) -> None:
    src, first, out = tmp_path / "ged.csv", tmp_path / "first.db", tmp_path / "one.csv"
    src.write_text(GED.csv(GED.rows[:2]), encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(first), "--progress", "off"]) == 0
    assert main(["export", "--db", str(first), "--format", "ucdp-csv", "--out", str(out)]) == 0
    one = _rows(out)
    assert list(one[0]) == list(UCDP_COLUMNS)
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


ROUND_TRIP_HEADER = (
    "id,year,start_year,end_year,type_of_violence,dyad_name,gwnoa,side_a,gwnob,side_b,number_of_sources,"
    "source_office,source_date,source_headline,where_prec,where_coordinates,where_description,adm_1,adm_2,"
    "latitude,longitude,country,country_id,iso3,region,event_clarity,date_prec,date_start,date_end,deaths_a,"
    "deaths_b,deaths_civilians,deaths_unknown,low,best,high,conflict_name,priogrid_gid,relid,active_year,"
    "conflict_new_id,dyad_new_id,side_a_new_id,side_b_new_id,source_article,source_original")
ROUND_TRIP_ROW = (
    "900000000007,2021,2021,2021,1,Government of Iraq - Invented Front,645,Government of Iraq,,Invented Front,3,"
    "Invented Wire,2021-03-09;2021-03-10,Invented headline;A second made-up headline,2,Made-up Ford village,"
    "near the made-up ford,Invented province,Invented district,33.5,44.1,Iraq,645,IRQ,Middle East,2,2,2021-03-04,"
    "2021-03-08,1,2,0,3,5,6,8,Iraq: Invented Front,180000,IRQ-2021-1-999-7,1,999,9999,116,99999,,Witness")
# its source_article blank: it comes back blank (not the ledger's "ged-<id>")


def test_a_ged_csv_round_trip_gives_back_every_column(db: str, tmp_path: Path) -> None:
    """ledger22: every column of a GED row comes back as GED wrote it: the sources (headline, original, whole
    source_date, number_of_sources, source_article, blank when the row's is), event_clarity, active_year and GED's
    own ids (ledger21 lost them: no record held them).  SQLite and PostgreSQL."""
    src, out = tmp_path / "ged.csv", tmp_path / "out.csv"
    src.write_text(f"{ROUND_TRIP_HEADER}\n{ROUND_TRIP_ROW}\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    assert main(["export", "--db", db, "--format", "ucdp-csv", "--out", str(out)]) == 0
    given, back = next(csv.DictReader(io.StringIO(src.read_text()))), _rows(out)[0]
    assert {c: back[c] for c in given} == given


def test_a_corrected_side_drops_geds_ids_of_the_dyad(db: str, tmp_path: Path) -> None:
    """ledger22: GED's conflict, dyad and side ids name the row's sides: after a correction of a side they would
    name another dyad, so they are left empty; the sources stay."""
    src, out = tmp_path / "ged.csv", tmp_path / "out.csv"
    src.write_text(f"{ROUND_TRIP_HEADER}\n{ROUND_TRIP_ROW}\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    with Ledger(db) as ledger:
        (line,) = list(ledger.incidents())
        ledger.correct(line["incident_id"], "actor2", "Another Invented Front", who="tester", reason="test")
    assert main(["export", "--db", db, "--format", "ucdp-csv", "--out", str(out)]) == 0
    back = _rows(out)[0]
    assert back["side_b"] == "Another Invented Front"
    assert [back[c] for c in ("conflict_name", "relid", "dyad_new_id", "side_b_new_id")] == ["", "", "", ""]
    assert (back["source_headline"], back["priogrid_gid"]) == ("Invented headline;A second made-up headline",
                                                               "180000")


def test_a_ged_csv_round_trip_gives_back_every_column_the_records_hold(tmp_path: Path) -> None:
    """ledger21: the columns the UCDP export's docs list as kept come back as GED wrote them; ledger22: the rest
    too (they were the ledger's own: empty, or its reports)."""
    header = ("id,year,start_year,end_year,type_of_violence,dyad_name,gwnoa,side_a,gwnob,side_b,number_of_sources,"
              "source_office,source_date,source_headline,where_prec,where_coordinates,where_description,adm_1,adm_2,"
              "latitude,longitude,country,country_id,iso3,region,event_clarity,date_prec,date_start,date_end,deaths_a,"
              "deaths_b,deaths_civilians,deaths_unknown,low,best,high,conflict_name,priogrid_gid")
    row = ("900000000007,2021,2021,2021,1,Government of Iraq - Invented Front,645,Government of Iraq,,Invented Front,3,"
           "Invented Wire,2021-03-09,Invented headline,2,Made-up Ford village,near the made-up ford,Invented province,"
           "Invented district,33.5,44.1,Iraq,645,IRQ,Middle East,2,2,2021-03-04,2021-03-08,1,2,0,3,5,6,8,"
           "Iraq: Invented Front,180000")
    src, ledger, out = tmp_path / "ged.csv", tmp_path / "l.db", tmp_path / "out.csv"
    src.write_text(f"{header}\n{row}\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(ledger), "--progress", "off"]) == 0
    assert main(["export", "--db", str(ledger), "--format", "ucdp-csv", "--out", str(out)]) == 0
    given, back = next(csv.DictReader(io.StringIO(src.read_text()))), _rows(out)[0]
    kept = ("id", "year", "start_year", "end_year", "type_of_violence", "dyad_name", "gwnoa", "side_a", "gwnob",
            "side_b", "source_office", "source_date", "where_prec", "where_coordinates", "where_description", "adm_1",
            "adm_2", "latitude", "longitude", "country", "country_id", "iso3", "region", "date_prec", "date_start",
            "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best", "high")
    assert {c: back[c] for c in kept} == {c: given[c] for c in kept}
    assert (back["conflict_name"], back["priogrid_gid"], back["source_headline"]) == (
        "Iraq: Invented Front", "180000", "Invented headline")
    assert (back["number_of_sources"], back["source_article"], back["event_clarity"]) == ("3", "ged-900000000007", "2")


def test_hdx_hashtag_row_is_passed_over_in_silence(db: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """ledger21: HDX's extracts put a row of HXL hashtags under the header; it was named as "line 2: no id"."""
    tags = ",".join("#meta+id" if c == "id" else "#date+start" if c == "date_start" else ""
                    for c in GED.header.split(","))
    src = tmp_path / "hdx.csv"
    src.write_text(GED.csv((tags, *GED.rows[:2])), encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    assert "line 2" not in capsys.readouterr().err
    with Ledger(db) as ledger:
        assert len(list(ledger.incidents())) == 2


@pytest.mark.parametrize("low,best,high,kept,widened", [
    (1, 5, 4, (1, 5, 5), "high 4 -> 5"),
    (6, 3, 9, (3, 3, 9), "low 6 -> 3"),
    (9, 8, 7, (7, 8, 9), "low 9 -> 7 and high 7 -> 9"),
])
def test_a_ged_row_breaking_its_own_range_is_kept_widened(db: str, tmp_path: Path, low: int, best: int, high: int,
                                                          kept: tuple[int, int, int], widened: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """ledger22: a GED row whose low <= best <= high is broken (69 of HDX's Iraq rows) was skipped; it is kept, the
    range widened to hold every figure given (best GED's own), with a problem naming the row and what was widened."""
    row = ("900000000009,,2022,3,Invented Brigade,Civilians,,,1,Nowhere,,,35,36,Syria,1,2022-02-03,2022-02-03,0,0,"
           f"0,{best},{best},{high},{low}")
    src = tmp_path / "ged.csv"
    src.write_text(GED.csv((row,)), encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    assert "row skipped" not in capsys.readouterr().err
    with Ledger(db) as ledger:
        (line,) = list(ledger.incidents())
    total = line["killed"]["total"]
    assert (total["low"], total["best"], total["high"]) == kept and line["fatalities"] == best
    (problem,) = [p for p in line["problems"] if p.startswith("W-COUNT-RANGE-WIDENED:")]
    assert "GED row 900000000009" in problem and widened in problem and f"best {best}" in problem


@pytest.mark.parametrize("side_a,gwnoa", [
    ("Government of Australia, Government of United Kingdom, Government of United States of America", "900, 200, 2"),
    ("Government of United States of America, Government of Iraq", "2, 645"),
    ("Government of Iraq", "645"),
    ("Government of Iraq, Invented Front", ""),        # not every name a state's: no number is made up
])
def test_a_side_of_several_governments_gets_each_number_in_order(side_a: str, gwnoa: str) -> None:
    """ledger22: gwnoa was empty for a side A of several governments (94 of HDX's Iraq rows); UCDP writes the
    numbers of each, comma-separated in the order of the names.  gwnob likewise for a side B of several states."""
    from warledger.export.ucdp import ucdp_row

    line = {"incident_id": "inc-0123456789ab", "event_type": "Battles", "event_date": "2016-06-04",
            "actor1": side_a, "actor2": "Invented Front", "fatalities": 3,
            "killed": {"total": {"low": 3, "best": 3, "high": 3}}, "country": "Iraq", "latitude": 35.4,
            "longitude": 44.3, "reports": ["r1"]}
    row = ucdp_row(line)
    assert (row["side_a"], row["gwnoa"]) == (side_a, gwnoa)
    swapped = ucdp_row({**line, "actor1": "Invented Front", "actor2": side_a})
    if gwnoa:    # a state side goes to side A in a state-based row
        assert (swapped["side_a"], swapped["gwnoa"], swapped["type_of_violence"]) == (side_a, gwnoa, 1)
    two_states = ucdp_row({**line, "actor2": "Government of Syria, Government of Iran"})
    assert two_states["gwnob"] == "652, 630"

