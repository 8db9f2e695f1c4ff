"""Progress: a total counted beforehand, per-report updates, and summary lines off a terminal (issue 11)."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path
from typing import Iterator

import pytest

from warledger.cli import main
from warledger.ingest.progress import Progress, count_reports


class Recorder:
    def __init__(self) -> None:
        self.updates: list[int] = []
        self.closed = False

    def update(self, n: int = 1) -> None:
        self.updates.append(n)

    def close(self) -> None:
        self.closed = True


def test_reports_are_counted_by_a_newline_scan(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text('{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n{"id": 3, "text": "c"}', encoding="utf-8")
    assert count_reports([str(f)]) == 3                         # the last line has no newline
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "one.txt").write_text("x", encoding="utf-8")
    (folder / "two.html").write_text("<p>y</p>", encoding="utf-8")
    assert count_reports([str(f), str(folder)]) == 5            # a document is one report
    assert count_reports([str(f), "-"]) is None                 # standard input is never counted
    gz = tmp_path / "r.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"id": 1, "text": "a"}\n'))
    assert count_reports([str(gz)]) is None
    assert count_reports([str(f)], budget=-1.0) is None         # over the time budget: no total


def test_summary_lines_off_a_terminal_about_once_an_interval() -> None:
    now = [0.0]
    out = io.StringIO()
    p = Progress("ingest", total=100, mode="lines", interval=60, stream=out, clock=lambda: now[0])
    for _ in range(10):
        now[0] += 5.0
        p.update(1)
    assert out.getvalue() == ""                                 # 50 s: nothing yet
    for _ in range(2):
        now[0] += 5.0
        p.update(1)
    p.close()
    assert out.getvalue() == "ingest: 12/100 reports, 0/s, ETA 7m20s\n"


def test_auto_mode_prints_lines_when_not_a_terminal() -> None:
    assert Progress("x", mode="auto", stream=io.StringIO()).mode == "lines"
    with pytest.raises(ValueError):
        Progress("x", mode="sometimes")


def _reports(n: int) -> Iterator[dict[str, str]]:
    for i in range(n):
        yield {"id": f"p{i}", "text": f"Nothing was reported from the town on day {i}."}


def test_ledger_progress_advances_once_per_report(tmp_path: Path) -> None:
    from warledger.store import Ledger

    rec = Recorder()
    with Ledger(str(tmp_path / "l.db")) as ledger:
        stats = ledger.ingest(_reports(5), batch_size=200, progress=rec, total=5)
    assert stats.read == 5 and rec.updates == [1, 1, 1, 1, 1] and rec.closed


def test_ingest_command_prints_totals_and_eta_in_its_summary_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in _reports(3)), encoding="utf-8")
    monkeypatch.setenv("WARLEDGER_PROGRESS_INTERVAL", "0")
    assert main(["ingest", "--input", str(src), "--db", str(tmp_path / "l.db"), "--progress", "lines"]) == 0
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("ingest: ")]
    assert [x.split(",")[0] for x in lines] == ["ingest: 1/3 reports", "ingest: 2/3 reports", "ingest: 3/3 reports"]
    assert "ETA" in lines[0]
