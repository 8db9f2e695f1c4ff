"""One rule of a failed input for extract and ingest (session 19, ledger19): a path given from which no report
could be read (binary, empty, nothing but unreadable lines) is a failed input, named on stderr, and makes the exit
status 1 while the other inputs are still read or stored; a bad line inside a path that gave reports is named and
skipped.  Also: a progress total that was an estimate never shows more done than the total, and a ledger URL of a
database warledger does not keep ledgers in is refused with a message naming the two it does."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.ingest.progress import Progress

TEXT = "Shelling killed two shepherds near an invented hamlet outside Sarmin on 3 May 2022."


def _inputs(tmp_path: Path) -> dict[str, Path]:
    paths = {"good": tmp_path / "good.txt", "empty": tmp_path / "empty.txt", "blob": tmp_path / "blob.bin",
             "bad_lines": tmp_path / "bad.jsonl", "mixed": tmp_path / "mixed.jsonl"}
    paths["good"].write_text(TEXT + "\n", encoding="utf-8")
    paths["empty"].write_bytes(b"")
    paths["blob"].write_bytes(b"\x00\x07\x01" * 300)
    paths["bad_lines"].write_text("{{{\nnot json\n", encoding="utf-8")
    paths["mixed"].write_text('{"id": "m1", "text": "' + TEXT + '"}\nnot json\n', encoding="utf-8")
    return paths


@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("failed", ["empty", "blob", "bad_lines"])
def test_a_path_that_gives_no_report_fails_the_run(command: str, failed: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    paths = _inputs(tmp_path)
    extra = ["--db", str(tmp_path / "l.db")] if command == "ingest" else ["--out", str(tmp_path / "o.jsonl")]
    assert main([command, str(paths[failed]), str(paths["good"]), "--progress", "off", *extra]) == 1
    err = capsys.readouterr().err
    assert paths[failed].name in err and "held no report" in err


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_a_bad_line_among_good_ones_is_no_failed_input(command: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    paths = _inputs(tmp_path)
    extra = ["--db", str(tmp_path / "l.db")] if command == "ingest" else ["--out", str(tmp_path / "o.jsonl")]
    assert main([command, str(paths["mixed"]), str(paths["good"]), "--progress", "off", *extra]) == 0
    assert "mixed.jsonl line 2" in capsys.readouterr().err


def test_progress_never_shows_more_done_than_an_estimated_total() -> None:
    out = io.StringIO()
    bar = Progress("ingest", 1, "lines", stream=out)
    for _ in range(4):
        bar.update(1)
    line = bar.line()
    assert "4 reports" in line and "/1" not in line and "ETA" not in line


def test_a_ledger_url_of_another_database_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tally", "--db", "mysql://coder:secret@db.invalid/ledger", "--by", "actor1"]) == 1
    err = capsys.readouterr().err
    assert "mysql:// is not a database" in err and "postgresql://" in err and "secret" not in err
