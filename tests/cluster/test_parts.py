"""The Dask work without a cluster: cutting the input into parts, reading a part as serial reading reads
it, a task's shard and marker, the version check, and the core never importing Dask."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from warledger.cluster.parts import Part, expand_inputs, fingerprint, plan
from warledger.cluster.tasks import (Options, VersionMismatch, check_fingerprint, extract_part, marker_name,
                                     read_part, shard_name)
from warledger.errors import ClusterError, InputError
from warledger.ingest import ReadStats, read_reports

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

# lines in our own words: one without an id (named FILE:LINE), a broken line, Windows and old-Mac line ends
AWKWARD = (b'{"id": "x1", "text": "Shelling hit the mill at Qarn Sawda on 3 May 2021, killing 2 farmers."}\r\n'
           b'{"text": "A drone struck a truck near Tell Ghurab on 4 May 2021, killing its driver."}\n'
           b'not json at all\r'
           b'{"id": "x3", "text": "Clashes at the Wadi Hurr crossing on 5 May 2021 left 3 fighters dead."}\n'
           b'\n'
           b'{"id": "x4", "text": "Two shepherds were hurt by a mine east of Jubb Rimal on 6 May 2021."}')


def _seen(reports: Any) -> list[tuple[str, int, str]]:
    return [(r.id, r.line, r.text) for r in reports]


@pytest.mark.parametrize("block_lines", [1, 2, 3, 50])
def test_parts_read_as_serial_reading_reads_the_file(tmp_path: Path, block_lines: int) -> None:
    f = tmp_path / "awkward.jsonl"
    f.write_bytes(AWKWARD)
    whole_stats, part_stats = ReadStats(), ReadStats()
    whole = _seen(read_reports(str(f), stats=whole_stats, warn=lambda m: None))
    parts = plan([str(f)], block_lines)
    assert len(parts) == (1 if block_lines == 50 else len(parts)) and [p.index for p in parts] == list(range(len(parts)))
    if block_lines == 1:
        assert len(parts) > 3      # really cut
    pieces = [r for p in parts for r in read_part(p, None, part_stats)]
    assert _seen(pieces) == whole
    assert ("awkward.jsonl:2" in whole[1][0]) and whole[1][1] == 2   # named after its line, as serial names it
    assert part_stats.messages == whole_stats.messages and part_stats.skipped == whole_stats.skipped == 1
    assert parts[-1].end == len(AWKWARD) and parts[0].start == 0


def test_plan_follows_input_order_and_folders(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.jsonl").write_text('{"id": "p", "text": "t"}\n' * 3)
    (tmp_path / "b" / "1.txt").write_text("A plain note about Qarn Sawda.")
    (tmp_path / "a.jsonl").write_text('{"id": "q", "text": "t"}\n')
    parts = plan([str(tmp_path / "b"), str(tmp_path / "a.jsonl")], 2)
    assert [(Path(p.path).name, p.start, p.end is None) for p in parts] == [
        ("1.txt", 0, True), ("2.jsonl", 0, False), ("2.jsonl", parts[2].start, False), ("a.jsonl", 0, False)]
    assert parts[2].first_line == 3


def test_expand_inputs_patterns(tmp_path: Path) -> None:
    for name in ("c.jsonl", "a.jsonl", "b.txt"):
        (tmp_path / name).write_text("{}\n")
    assert expand_inputs([str(tmp_path / "*.jsonl")]) == [str(tmp_path / "a.jsonl"), str(tmp_path / "c.jsonl")]
    with pytest.raises(InputError, match="matches no file"):
        expand_inputs([str(tmp_path / "*.csv")])
    with pytest.raises(InputError, match="standard input"):
        expand_inputs(["-"])
    with pytest.raises(InputError, match="not found"):
        expand_inputs([str(tmp_path / "missing.jsonl")])


def test_task_writes_shard_and_marker_and_a_failing_report_is_a_problem_line(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import warledger.pipeline

    real = warledger.pipeline.process

    def flaky(report: Any, geocoder: Any = None) -> Any:
        if report.id == "x3":
            raise RuntimeError("a rule tripped")
        return real(report, geocoder)

    monkeypatch.setattr(warledger.pipeline, "process", flaky)
    f = tmp_path / "in.jsonl"
    f.write_bytes(AWKWARD)
    out = tmp_path / "out"
    out.mkdir()
    part = plan([str(f)], 100)[0]
    res = extract_part(part, Options(with_reports=True), str(out), fingerprint())
    lines = [json.loads(ln) for ln in (out / shard_name(0, "jsonl")).read_text(encoding="utf-8").splitlines()]
    failed = [ln for ln in lines if ln["report_id"] == "x3"]
    assert len(failed) == 1 and failed[0]["kind"] == "none"
    assert any(p.startswith("E-EXTRACT-FAILED") and "a rule tripped" in p for p in failed[0]["problems"])
    assert {ln["report_id"] for ln in lines} >= {"x1", "x4"}
    done = json.loads((out / marker_name(0)).read_text(encoding="utf-8"))
    assert done["key"] == part.key() and done["records"] == len(lines) == res.records
    assert done["bytes"] == (out / shard_name(0, "jsonl")).stat().st_size
    assert not [p for p in out.iterdir() if ".tmp-" in p.name]


def test_parquet_shard_keeps_each_line(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    f = tmp_path / "in.jsonl"
    f.write_bytes(AWKWARD)
    for fmt in ("jsonl", "parquet"):
        (tmp_path / fmt).mkdir()
        extract_part(plan([str(f)], 100)[0], Options(fmt=fmt), str(tmp_path / fmt), fingerprint())
    table = pq.read_table(tmp_path / "parquet" / shard_name(0, "parquet"))
    text = (tmp_path / "jsonl" / shard_name(0, "jsonl")).read_text(encoding="utf-8").splitlines()
    assert table.column("record").to_pylist() == text and len(text) > 0
    assert table.column("report_id").to_pylist() == [json.loads(t)["report_id"] for t in text]


def test_version_mismatch_is_a_clear_error() -> None:
    from warledger.cluster.run import check_workers

    with pytest.raises(VersionMismatch, match="install the same warledger"):
        check_fingerprint("0.0.1+000000000000")

    class FakeClient:
        def run(self, fn: Any) -> dict[str, str]:
            return {"tcp://10.0.0.7:4000": "0.0.9+abcdef", "tcp://10.0.0.8:4000": fn()}

    with pytest.raises(ClusterError, match=r"tcp://10\.0\.0\.7:4000 has 0\.0\.9\+abcdef"):
        check_workers(FakeClient())


def test_part_key_changes_when_the_file_changes(tmp_path: Path) -> None:
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "a", "text": "t"}\n')
    before = plan([str(f)])[0]
    f.write_text('{"id": "a", "text": "t2"}\n')
    os.utime(f, ns=(before.mtime_ns + 10**9, before.mtime_ns + 10**9))
    assert plan([str(f)])[0].key() != before.key()
    assert isinstance(before, Part)


def test_the_core_never_imports_dask(tmp_path: Path) -> None:
    """extract and ingest without --workers/--scheduler, and --help, import neither dask nor distributed."""
    script = (
        "import sys\n"
        "from warledger.cli import main\n"
        f"main(['extract', '--input', {str(HERE / 'reports.jsonl')!r}, '--progress', 'off', '--out', {str(tmp_path / 'o.jsonl')!r}])\n"
        f"main(['ingest', '--input', {str(HERE / 'reports.jsonl')!r}, '--progress', 'off', '--db', {str(tmp_path / 'l.db')!r}])\n"
        "try:\n    main(['extract', '--help'])\nexcept SystemExit:\n    pass\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
        "print('DASK-MODULES', bad)\n"
    )
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert "DASK-MODULES []" in run.stdout, run.stdout[-2000:] + run.stderr[-2000:]
    assert (tmp_path / "o.jsonl").stat().st_size > 0


@pytest.mark.parametrize("extra, message", [
    (["--format", "parquet"], "--format parquet writes shards"),
    (["--out-dir", "RECS"], "--out-dir needs a Dask cluster"),
    (["--workers", "2"], "give --out-dir DIR"),
    (["--workers", "2", "--out-dir", "RECS", "--format", "json"], "writes jsonl or parquet shards"),
])
def test_extract_cluster_options_are_checked_before_anything_runs(extra: list[str], message: str, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.cli import main

    args = [str(tmp_path / "recs") if a == "RECS" else a for a in extra]
    assert main(["extract", "--input", str(HERE / "reports.jsonl"), *args]) == 1
    assert message in capsys.readouterr().err
    assert not (tmp_path / "recs").exists()


def test_parts_open_absolute_paths_but_keep_the_names_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's working folder is not the client's: parts open absolute paths, and name reports as serial
    reading names them (the path as given)."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "note.txt").write_text("Shelling hit Qarn Sawda on 3 May 2021, killing 2 farmers.")
    (tmp_path / "in" / "b.jsonl").write_text('{"text": "A drone struck near Tell Ghurab on 4 May 2021."}\n')
    monkeypatch.chdir(tmp_path)
    serial = _seen(read_reports("in"))
    parts = plan(["in"], 10)
    assert all(Path(p.path).is_absolute() for p in parts)
    monkeypatch.chdir("/")
    assert _seen(r for p in parts for r in read_part(p, None, ReadStats())) == serial
    assert [s[0] for s in serial] == ["in/b.jsonl:1", "in/note.txt"]


def test_processed_reports_keep_the_hash_of_the_report_as_read(tmp_path: Path) -> None:
    """Cleaning rewrites an HTML report's text; the loader must store the hash of the text as read, or a
    serial ingest of the same file would take it for another version (a W-ID-CONFLICT)."""
    from warledger.cluster.tasks import process_part
    from warledger.store import Ledger

    page = ("<html><body><h1>Night raid</h1><p>Warplanes struck Kafr Zita town in the Hama countryside on "
            "17 May 2022, killing 4 civilians.</p></body></html>")
    f = tmp_path / "page.jsonl"
    f.write_text(json.dumps({"id": "h1", "text": page, "published": "2022-05-18"}) + "\n", encoding="utf-8")
    res = process_part(plan([str(f)])[0], Options(), fingerprint())
    done = res.processed()
    assert len(done) == 1 and done[0].report.text != page        # cleaned on the worker
    db = str(tmp_path / "l.db")
    with Ledger(db) as ledger:
        first = ledger.ingest(done)
        again = ledger.ingest(read_reports(str(f)))
    assert first.added == 1 and again.unchanged == 1 and again.conflicts == 0


def test_a_processed_part_is_held_packed_until_the_loader_takes_it(tmp_path: Path) -> None:
    """A worker keeps every processed part until the loader stores it: compressed bytes, not Python objects."""
    import pickle

    from warledger.cluster.tasks import process_part

    f = tmp_path / "many.jsonl"
    f.write_text("".join(json.dumps({"id": f"n{i}", "published": "2022-05-18", "text":
                                     f"Shelling hit Kafr Zita town on 17 May 2022, killing {i % 7 + 1} civilians "
                                     f"and wounding {i % 5 + 2} others, a local monitor said."}) + "\n"
                         for i in range(40)), encoding="utf-8")
    res = process_part(plan([str(f)])[0], Options(), fingerprint())
    assert res.reports == [] and res.packed is not None and res.read == 40
    done = res.processed()
    assert [p.report.id for p in done] == [f"n{i}" for i in range(40)]
    assert done[3].report.incidents and res.records == sum(len(p.report.incidents) for p in done)
    assert len(res.packed) * 4 < len(pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL))
