"""The ledger's commands: ingest, incidents, tally, export, reconcile."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from handmade import RUSSIA, bulletin, contradiction, kafr_zita_series

from warledger.cli import build_parser, main
from warledger.store import Ledger


@pytest.fixture()
def ledger_db(tmp_path: Path) -> str:
    db = str(tmp_path / "l.db")
    with Ledger(db) as ledger:
        ledger.ingest(kafr_zita_series() + [bulletin(), contradiction()])
    return db


def test_commands_are_registered() -> None:
    text = build_parser().format_help()
    for cmd in ("ingest", "incidents", "tally", "export", "reconcile"):
        assert cmd in text


def test_ingest_command_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text("\n".join(json.dumps(x) for x in [
        {"id": "x1", "text": "Regime helicopters dropped barrel bombs on Kafr Nabl town in the southern countryside "
                             "of Idlib on Monday, killing 3 civilians.", "published": "2021-03-16", "source": "M"},
        {"id": "x2", "text": "Calm returned to the area.", "published": "2021-03-16"},
    ]) + "\nnot json\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", "--input", str(src), "--db", db, "--progress", "off"]) == 0
    err = capsys.readouterr().err
    assert "2 reports read (2 added" in err and "line 3" in err
    with Ledger(db) as ledger:
        before = list(ledger.incidents())
    assert main(["ingest", "--input", str(src), "--db", db, "--progress", "off"]) == 0
    assert "2 already in the ledger" in capsys.readouterr().err
    with Ledger(db) as ledger:
        assert list(ledger.incidents()) == before and ledger.counts()["reports"] == 2


def test_incidents_command(ledger_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["incidents", "--db", ledger_db, "--format", "jsonl"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 10 and all("incident_id" in x and x["reports"] for x in lines)
    kz = next(x for x in lines if x["location"] == "Kafr Zita")
    assert kz["reports"] == ["kz1", "kz2", "kz3", "b1"] and kz["killed"]["civilians"]["best"] == 7
    assert main(["incidents", "--db", ledger_db, "--format", "json", "--no-per-report"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert len(doc) == 10 and "per_report" not in doc[0]


def test_tally_command_formats(ledger_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tally", "--db", ledger_db, "--by", "actor1", "--format", "csv"]) == 0
    rows = {r["actor1"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows[RUSSIA]["killed_civilians"] == "13" and rows[RUSSIA]["incidents"] == "6"
    assert main(["tally", "--db", ledger_db, "--by", "month", "--where", "admin1=Daraa", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["killed_civilians"] == 6
    assert main(["tally", "--db", ledger_db, "--by", "admin1", "--to", "2022-05-31"]) == 0
    table = capsys.readouterr().out
    assert table.splitlines()[0].split()[:3] == ["admin1", "incidents", "reports"] and "Daraa" not in table and "Hama" in table
    assert main(["tally", "--db", ledger_db, "--by", "admin1", "--where", "admin1"]) == 1
    assert "FIELD=VALUE" in capsys.readouterr().err


def test_export_command(ledger_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "l.geojson"
    assert main(["export", "--db", ledger_db, "--format", "geojson", "--out", str(out)]) == 0
    assert len(json.loads(out.read_text())["features"]) == 10
    assert main(["export", "--db", ledger_db, "--format", "parquet"]) == 1
    assert "--out" in capsys.readouterr().err


def test_reconcile_command_flags_the_contradiction(ledger_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reconcile", "--db", ledger_db, "--problems"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("bad1  MISMATCH") and "add up to 6 (3 + 3)" in out and "'3 more civilians'" in out
    assert "1 mismatch" in err
    assert main(["reconcile", "--db", ledger_db, "--report", "b1", "--format", "jsonl"]) == 0
    checks = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert checks and {c["status"] for c in checks} == {"consistent", "unchecked"}


def test_reconcile_without_a_ledger_on_the_example_bulletins(capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.demo import example_reports_path

    assert main(["reconcile", "--input", str(example_reports_path()), "--report", "demo-1",
                 "--format", "jsonl"]) == 0
    checks = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    # the example's headline: 11 civilians dead = 5 (Kafr Nabl) + 4 (Hass) + 2 (al-Bara)
    civ = [c for c in checks if c["category"] == "killed.civilians" and c["claimed"]["best"] == 11]
    assert civ and civ[0]["status"] == "consistent" and civ[0]["parts_sum"] == {"low": 11, "high": 11}
    assert not [c for c in checks if c["status"] == "mismatch"]


def test_export_never_overwrites_the_ledger_or_another_database(tmp_path: Path) -> None:
    from warledger.store import Ledger

    db = tmp_path / "keep.db"
    other = tmp_path / "other.db"
    with Ledger(str(db)), Ledger(str(other)):
        pass
    before = db.read_bytes()
    assert main(["export", "--db", str(db), "--format", "acled-csv", "--out", str(db)]) == 1
    assert main(["export", "--db", str(db), "--format", "jsonl", "--out", str(other)]) == 1
    assert db.read_bytes() == before and other.read_bytes()[:15] == b"SQLite format 3"
    out = tmp_path / "fine.csv"
    assert main(["export", "--db", str(db), "--format", "acled-csv", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8-sig").startswith("event_id_cnty")
    assert not list(tmp_path.glob("*.partial-*"))


def test_export_to_a_missing_folder_or_a_folder_is_refused_in_words(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    # session 16 (ledger16): a traceback (FileNotFoundError, IsADirectoryError) on main
    from warledger.store import Ledger

    db = tmp_path / "keep.db"
    with Ledger(str(db)):
        pass
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "acled-csv", "--out", str(tmp_path / "no" / "x.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["export", "--db", str(db), "--format", "geojson", "--out", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.partial-*"))
