"""Report ids are unique per source, and a report is never replaced unless asked (issue 11).

Runs on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.store import Ledger

# invented wording and places
FIRST = "Artillery shells struck Qaryat Nimrin village in the eastern countryside of Hama on Tuesday, killing 2 civilians."
SECOND = "A drone strike hit a car near Tell Bazira in the northern countryside of Aleppo on Tuesday, killing 3 people."


def _files(tmp_path: Path) -> list[Path]:
    out = []
    for sub, text in (("a", FIRST), ("b", SECOND)):
        (tmp_path / sub).mkdir()
        f = tmp_path / sub / "report.txt"
        f.write_text(text, encoding="utf-8")
        out.append(f)
    return out


def _texts(db: str) -> dict[str, str]:
    with Ledger(db) as ledger:
        return {r["id"]: ledger.report_text(r["id"]) or "" for r in ledger.reports()}


def test_same_named_files_in_two_folders_are_two_reports_in_the_ledger(db: str, tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _files(tmp_path)
    assert main(["ingest", str(a), str(b), "--db", db, "--published", "2021-06-08", "--progress", "off"]) == 0
    texts = _texts(db)
    assert sorted(texts) == [a.as_posix(), b.as_posix()]
    assert texts[a.as_posix()] == FIRST and texts[b.as_posix()] == SECOND
    assert "0 replaced" in capsys.readouterr().err


def test_a_changed_report_is_kept_unless_replace_is_asked(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([{"id": "r1", "text": FIRST, "published": "2021-06-08"}])
        stats = ledger.ingest([{"id": "r1", "text": SECOND, "published": "2021-06-08"}])
        assert (stats.conflicts, stats.replaced, stats.added) == (1, 0, 0)
        assert ledger.report_text("r1") == FIRST
        (msg,) = stats.messages
        assert msg.startswith("W-ID-CONFLICT") and "'r1'" in msg and "--replace" in msg
        assert "1 conflicting, kept" in stats.summary()
        stats = ledger.ingest([{"id": "r1", "text": SECOND, "published": "2021-06-08"}], replace=True)
        assert (stats.conflicts, stats.replaced) == (0, 1)
        assert ledger.report_text("r1") == SECOND and ledger.counts()["reports"] == 1


def test_two_versions_of_one_id_in_one_input_keep_the_first(db: str) -> None:
    with Ledger(db) as ledger:
        stats = ledger.ingest([{"id": "dup", "text": FIRST}, {"id": "dup", "text": SECOND}])
        assert (stats.added, stats.conflicts) == (1, 1)
        assert ledger.report_text("dup") == FIRST


def test_ingest_command_reports_conflicts_and_replaces_on_request(db: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps({"id": "n7", "text": FIRST, "published": "2021-06-08"}) + "\n", encoding="utf-8")
    assert main(["ingest", "--input", str(src), "--db", db, "--progress", "off"]) == 0
    capsys.readouterr()
    src.write_text(json.dumps({"id": "n7", "text": SECOND, "published": "2021-06-08"}) + "\n", encoding="utf-8")
    assert main(["ingest", "--input", str(src), "--db", db, "--progress", "off"]) == 1
    err = capsys.readouterr().err
    assert "W-ID-CONFLICT" in err and "'n7'" in err and "--replace" in err and "1 conflicting, kept" in err
    assert _texts(db) == {"n7": FIRST}
    assert main(["ingest", "--input", str(src), "--db", db, "--progress", "off", "--replace"]) == 0
    assert "1 replaced" in capsys.readouterr().err
    assert _texts(db) == {"n7": SECOND}
