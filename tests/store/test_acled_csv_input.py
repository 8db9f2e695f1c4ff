"""An ACLED CSV as input (session 19, ledger19): a coder's own ACLED table is read as coded rows (each row one
event, never merged with another; its fields stored as coded, not extracted again from its notes; a bad row named
and skipped), and warledger's own ACLED CSV export read back into a new ledger exports the same rows (the row keeps
its event_id_cnty).  Rows invented for the test.  SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.store import Ledger

HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
          "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
          "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp")
ROWS = [
    # two rows of one day and one place: a coder told them apart, the ledger must keep them apart
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
]


def _rows(path: Path) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [{k: v for k, v in r.items() if k != "timestamp"} for r in rows]


def test_a_coders_acled_table_is_read_as_coded_rows(db: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "coder.csv"
    src.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    assert "coder.csv line 4" in capsys.readouterr().err        # the impossible day, named and skipped
    with Ledger(db) as ledger:
        lines = sorted(ledger.incidents(), key=lambda ln: ln["reports"])
        assert [ln["reports"] for ln in lines] == [["SYR700001"], ["SYR700002"]]   # kept apart
        assert [ln["fatalities"] for ln in lines] == [3, 1]
        assert lines[1]["event_date"] == "2022-09-14" and lines[0]["location"] == "Made-up Orchard"
        assert lines[0]["latitude"] == pytest.approx(35.80) and lines[0]["geo_precision"] == 2


def test_our_acled_export_read_back_exports_the_same_rows(db: str, tmp_path: Path) -> None:
    src = tmp_path / "coder.csv"
    src.write_text("\n".join([HEADER, *ROWS[:2]]) + "\n", encoding="utf-8")
    first, second, again = tmp_path / "first.db", tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["ingest", str(src), "--db", str(first), "--progress", "off"]) == 0
    assert main(["export", "--db", str(first), "--format", "acled-csv", "--out", str(second)]) == 0
    assert main(["ingest", str(second), "--db", db, "--progress", "off"]) == 0
    assert main(["export", "--db", db, "--format", "acled-csv", "--out", str(again)]) == 0
    one, two = _rows(second), _rows(again)
    assert len(one) == 2 and one == two
    assert sorted(r["event_id_cnty"] for r in one) == ["SYR700001", "SYR700002"]
