"""A huge JSON line is skipped without being held whole: the reader reads at most a limit of it, drops the rest in
chunks up to its end, names the line and reads on; line numbers stay those a Dask part counts.  Lines in our own
words."""
from __future__ import annotations

import io
import json
import random
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.cluster.parts import plan
from warledger.cluster.tasks import read_part
from warledger.ingest import ReadStats, read_jsonl, read_reports
from warledger.ingest import reader as reader_mod

LIMIT = 200
GOOD1 = json.dumps({"id": "a1", "text": "Shelling hit the mill at Qarn Sawda, killing 2 farmers."})
GOOD2 = json.dumps({"id": "a2", "text": "A drone struck a truck near Tell Ghurab, killing its driver."})
HUGE = json.dumps({"id": "big", "text": "word " * 500})


@pytest.fixture(autouse=True)
def _low_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_mod, "MAX_LINE_BYTES", LIMIT, raising=False)
    monkeypatch.setattr(reader_mod, "_DISCARD_CHUNK", 64, raising=False)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_a_line_over_the_limit_is_named_and_skipped_and_the_rest_is_read(tmp_path: Path, end: str) -> None:
    f = tmp_path / "huge.jsonl"
    f.write_bytes(end.join([GOOD1, HUGE, GOOD2]).encode() + end.encode())
    stats, messages = ReadStats(), []
    got = [(r.id, r.line) for r in read_reports(f, stats=stats, warn=messages.append)]
    assert got == [("a1", 1), ("a2", 3)]
    assert stats.read == 2 and stats.skipped == 1
    assert messages == [f"{f} line 2: longer than {LIMIT} bytes; line skipped"]


class _Spy(io.BytesIO):
    """A stream that remembers the largest read asked of it."""
    biggest = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.biggest = max(self.biggest, len(line))
        return line

    def __next__(self) -> bytes:
        line = super().__next__()
        self.biggest = max(self.biggest, len(line))
        return line


def test_the_long_line_is_never_read_whole() -> None:
    stream = _Spy((GOOD1 + "\n" + HUGE * 20 + "\n" + GOOD2 + "\n").encode())
    got = [r.id for r in read_jsonl(stream, "spy.jsonl", warn=lambda m: None)]
    assert got == ["a1", "a2"] and stream.biggest <= LIMIT + 2


def test_a_line_just_under_the_limit_is_read() -> None:
    pad = LIMIT - len(json.dumps({"id": "e", "text": ""}))
    exact = json.dumps({"id": "e", "text": "x" * pad})
    assert len(exact) == LIMIT
    for end in (b"\n", b"\r\n", b"\r", b""):
        assert [r.id for r in read_jsonl(io.BytesIO(exact.encode() + end), "e.jsonl")] == ["e"]
    stats = ReadStats()
    assert list(read_jsonl(io.BytesIO(exact.encode() + b" "), "e.jsonl", stats=stats, warn=lambda m: None)) == []
    assert stats.skipped == 1


def test_line_numbers_match_text_mode_whatever_the_cut() -> None:
    """Random lines of random lengths and ends, read with the limit: numbered as text mode numbers the lines,
    the long ones skipped, the others whole (a \\r\\n cut between two reads is one line end)."""
    rnd = random.Random(7)
    for _ in range(60):
        rows, data = [], b""
        for n in range(rnd.randint(1, 12)):
            text = "y" * rnd.choice([0, 5, 150, LIMIT - 30, LIMIT - 26, LIMIT, 3 * LIMIT])
            line = json.dumps({"id": f"r{n}", "text": text}).encode()
            rows.append((f"r{n}", len(line) <= LIMIT))
            data += line + rnd.choice([b"\n", b"\r\n", b"\r"])
        stats = ReadStats()
        got = [(r.id, r.line) for r in read_jsonl(io.BytesIO(data), "r.jsonl", stats=stats, warn=lambda m: None)]
        assert got == [(rid, n) for n, (rid, ok) in enumerate(rows, 1) if ok]
        assert stats.messages == [f"r.jsonl line {n}: longer than {LIMIT} bytes; line skipped"
                                  for n, (_, ok) in enumerate(rows, 1) if not ok]


def test_ingest_stores_the_other_lines_and_exits_as_for_any_skipped_line(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.store import Ledger

    huge, broken = tmp_path / "huge.jsonl", tmp_path / "broken.jsonl"
    huge.write_text("\n".join([GOOD1, HUGE, GOOD2]) + "\n", encoding="utf-8")
    broken.write_text("\n".join([GOOD1, "{not json", GOOD2]) + "\n", encoding="utf-8")
    code = main(["ingest", str(huge), "--db", str(tmp_path / "h.db"), "--progress", "off"])
    err = capsys.readouterr().err
    assert f"{huge} line 2: longer than {LIMIT} bytes; line skipped" in err
    assert code == main(["ingest", str(broken), "--db", str(tmp_path / "b.db"), "--progress", "off"])
    with Ledger(str(tmp_path / "h.db")) as ledger:
        assert sorted(r["id"] for r in ledger.reports()) == ["a1", "a2"]


@pytest.mark.parametrize("block_lines", [1, 2, 3])
def test_dask_parts_after_the_long_line_keep_its_numbering(tmp_path: Path, block_lines: int) -> None:
    f = tmp_path / "huge.jsonl"
    noid = json.dumps({"text": "Clashes at the Wadi Hurr crossing left 3 fighters dead."})
    f.write_bytes("\r".join([GOOD1, HUGE, noid, GOOD2]).encode() + b"\n")
    whole_stats, part_stats = ReadStats(), ReadStats()
    whole = [(r.id, r.line) for r in read_reports(str(f), stats=whole_stats, warn=lambda m: None)]
    assert whole == [("a1", 1), (f"{f}:3", 3), ("a2", 4)]
    parts = plan([str(f)], block_lines)
    pieces = [(r.id, r.line) for p in parts for r in read_part(p, None, part_stats)]
    assert pieces == whole and part_stats.messages == whole_stats.messages
    assert any("line 2: longer than" in m for m in part_stats.messages)
