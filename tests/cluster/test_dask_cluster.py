"""A real Dask cluster on 127.0.0.1: ``dask scheduler`` and two ``dask worker`` processes, started here and
torn down after the module.  Extraction on it is byte-identical to serial ``warledger extract``, a rerun is a
no-op, and ingest on it builds the same ledger (incidents and tallies) as a serial ingest.

The fixture (tests/cluster/reports.jsonl, our own words) holds a cross-source merge (three sources report the
Kafr Zita raid, in three different blocks of two lines), a report with no place, an undated report, and a
second merge whose two reports sit on either side of a block edge.  tests/cluster/edges.jsonl (our own words
too) adds what the deduplication blocks (country, admin1, month) cannot hold alone: a merge across a month's
edge, a place-less report whose words name the place of another's record, and a merge inside one block.
Dask is in the ``test`` extra: without it the module skips, except under CI=true, where it fails.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

from warledger.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ledgerdb import KINDS, fresh_ledger  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
REPORTS = Path(__file__).resolve().parent / "reports.jsonl"
EDGES = Path(__file__).resolve().parent / "edges.jsonl"
START_TIMEOUT = 45.0
ENV = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))

# a second input file, in our own words: a line without an id and a broken line (line numbers must agree)
MORE = ('{"id": "e1", "source": "Delta Watch", "published": "2022-06-02", "text": "A roadside bomb hit a bus '
        'near Maarat Misrin village north of Idlib on Wednesday, killing 4 passengers."}\n'
        'this line is not JSON\n'
        '{"source": "Delta Watch", "published": "2022-06-03", "text": "Regime shells fell on Sarmin town on '
        '2 June 2022, injuring 3 civilians."}\n')


def _dask_command() -> str:
    found = Path(sys.executable).with_name("dask")
    if found.exists():
        return str(found)
    which = shutil.which("dask")
    if which is None:
        _skip_or_fail("the 'dask' command is not installed (pip install 'warledger[dask]')")
    return str(which)


def _skip_or_fail(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why} (CI=true: the Dask tests must run; the test extra installs dask and distributed)")
    pytest.skip(why)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(proc: subprocess.Popen[Any]) -> None:
    """End a process group this module started (the worker's nanny and its worker process)."""
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait(timeout=5)


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    try:
        import distributed
    except ImportError:
        _skip_or_fail("dask/distributed are not installed (pip install 'warledger[dask]')")
    dask = _dask_command()
    logs = tmp_path_factory.mktemp("dask-logs")
    addr = f"tcp://127.0.0.1:{_free_port()}"
    procs: list[subprocess.Popen[Any]] = []

    def start(name: str, *args: str) -> None:
        log = open(logs / f"{name}.log", "wb")
        procs.append(subprocess.Popen([dask, *args], stdout=log, stderr=subprocess.STDOUT, env=ENV, cwd=logs,
                                      start_new_session=True))
        log.close()

    try:
        start("scheduler", "scheduler", "--host", "127.0.0.1", "--port", addr.rsplit(":", 1)[1], "--no-dashboard")
        for i in (1, 2):
            start(f"worker{i}", "worker", addr, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                  "--host", "127.0.0.1", "--local-directory", str(logs / f"w{i}"), "--name", f"w{i}")
        client = distributed.Client(addr, timeout=START_TIMEOUT)
        try:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        finally:
            client.close()
        yield addr
    except (OSError, TimeoutError) as exc:
        tails = {p.name: p.read_text(errors="replace")[-800:] for p in logs.glob("*.log")}
        pytest.fail(f"the Dask cluster did not start within {START_TIMEOUT:g} s: {exc}; logs: {tails}")
    finally:
        for proc in reversed(procs):
            _stop(proc)


def _cli(*args: str, env: dict[str, str] = ENV) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warledger.cli", *args], capture_output=True, text=True,
                          env=env, timeout=120)


def test_extraction_on_the_cluster_is_the_serial_output_and_a_rerun_is_a_no_op(scheduler: str,
                                                                               tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy(REPORTS, archive / "a.jsonl")
    (archive / "b.jsonl").write_text(MORE, encoding="utf-8")
    out = tmp_path / "recs"
    args = ("extract", "--input", str(archive / "*.jsonl"), "--scheduler", scheduler, "--out-dir", str(out),
            "--block-lines", "2", "--with-reports", "--progress", "off")
    cluster_run = subprocess.Popen([sys.executable, "-m", "warledger.cli", *args], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=ENV)
    serial = tmp_path / "serial.jsonl"      # meanwhile, the serial run here
    assert main(["extract", "--input", str(archive / "a.jsonl"), "--input", str(archive / "b.jsonl"),
                 "--with-reports", "--progress", "off", "--out", str(serial)]) == 0
    _, err = cluster_run.communicate(timeout=120)
    first = subprocess.CompletedProcess(cluster_run.args, cluster_run.returncode, "", err)
    assert first.returncode == 0, first.stderr[-3000:]
    shards = sorted(out.glob("part-*.jsonl"))
    assert len(shards) == 6     # a.jsonl: 4 blocks of 2 lines; b.jsonl: 2
    joined = b"".join(s.read_bytes() for s in shards)
    assert joined == serial.read_bytes() and len(joined) > 0
    assert "b.jsonl:3" in joined.decode("utf-8")           # the line without an id, named as serial names it
    assert "b.jsonl line 2: not valid JSON" in first.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [p["shard"] for p in manifest["parts"]] == [s.name for s in shards]
    assert manifest["reports"] == 10

    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    again = _cli(*args)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "nothing to do: all 6 parts" in again.stderr
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps


def _ledger_view(db: str) -> dict[str, Any]:
    from warledger.store import Ledger

    with Ledger(db) as ledger:
        return {"incidents": list(ledger.incidents()),
                "tallies": {by: ledger.tally(by) for by in ("actor1", "admin1", "day", "month")},
                "records": [r["record_id"] for r in ledger.records()],
                "counts": ledger.counts()}


def test_ingest_on_the_cluster_builds_the_serial_ledger(scheduler: str, tmp_path: Path) -> None:
    serial_db, dask_db = str(tmp_path / "serial.db"), str(tmp_path / "dask.db")
    assert main(["ingest", "--input", str(REPORTS), "--db", serial_db, "--progress", "off"]) == 0
    run = _cli("ingest", "--input", str(REPORTS), "--db", dask_db, "--scheduler", scheduler, "--block-lines", "2",
               "--batch-size", "3", "--progress", "off")
    assert run.returncode == 0, run.stderr[-3000:]
    serial, dask = _ledger_view(serial_db), _ledger_view(dask_db)
    assert dask == serial

    # the fixture holds what the acceptance asks for, so the comparison above means something
    by_reports = {tuple(inc["reports"]): inc for inc in serial["incidents"]}
    assert ("a1", "b1", "d1") in by_reports            # three sources, three blocks of two lines
    assert ("a3", "b2") in by_reports                  # across the edge between two blocks
    assert by_reports[("c1",)]["location"] is None     # no place: a stub, merged with nothing
    assert by_reports[("c2",)]["event_date"] is None   # undated: merged with nothing

    # the loader stored the hash of each report as read: ingesting the same input again changes nothing
    assert main(["ingest", "--input", str(REPORTS), "--db", dask_db, "--progress", "off"]) == 0
    assert _ledger_view(dask_db) == dask


@pytest.fixture(params=KINDS)
def target_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_ledger(request.param, tmp_path)


def test_blocked_dedup_on_the_cluster_is_serial_ingest(scheduler: str, target_db: str, tmp_path: Path) -> None:
    serial_db = str(tmp_path / "serial.db")
    inputs = ("--input", str(REPORTS), "--input", str(EDGES))
    assert main(["ingest", *inputs, "--db", serial_db, "--progress", "off"]) == 0
    # Dask warns of a task graph over this size (the part tasks here are about 550 B, the dedup chunks were
    # 1.8-2.7 kB before): the records reach the workers as data, never inside the graph
    # (at a million reports the dedup tasks' graphs were hundreds of MB)
    small = dict(ENV, DASK_DISTRIBUTED__ADMIN__LARGE_GRAPH_WARNING_THRESHOLD="1500B")
    run = _cli("ingest", *inputs, "--db", target_db, "--scheduler", scheduler, "--block-lines", "3",
               "--progress", "off", env=small)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Sending large graph" not in run.stderr, run.stderr[-3000:]
    serial, dask = _ledger_view(serial_db), _ledger_view(target_db)
    assert dask == serial

    # the deduplication ran in block tasks and in the residual pass, so the comparison above means something
    plan = re.search(r"dedup of (\d+) incident records: (\d+) alone, (\d+) blocks and (\d+) residual", run.stderr)
    assert plan is not None, run.stderr[-3000:]
    assert int(plan[3]) >= 2 and int(plan[4]) >= 2
    by_reports = {tuple(sorted(inc["reports"])): inc for inc in serial["incidents"]}
    assert ("m1", "m2") in by_reports                    # 31 May ('yesterday', a day's slack) and 1 June
    assert by_reports[("m4", "p3")]["location"]          # p3 names no place of its own; its words name Saraqib
    assert ("r1", "r2") in by_reports                    # inside one block
    assert by_reports[("n1",)]["event_date"] is None     # undated: alone

    again = _cli("ingest", *inputs, "--db", target_db, "--scheduler", scheduler, "--progress", "off")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 added" in again.stderr and "15 already in the ledger" in again.stderr
    assert _ledger_view(target_db) == dask



def test_into_a_ledger_that_is_not_empty_the_loader_places_what_may_meet_it(scheduler: str, tmp_path: Path) -> None:
    """EDGES' reports fall in the weeks of REPORTS', already stored: the loader looks them up itself, and the
    ledger is the one two serial ingests build."""
    serial_db, dask_db = str(tmp_path / "serial.db"), str(tmp_path / "dask.db")
    for db in (serial_db, dask_db):
        assert main(["ingest", "--input", str(REPORTS), "--db", db, "--progress", "off"]) == 0
    assert main(["ingest", "--input", str(EDGES), "--db", serial_db, "--progress", "off"]) == 0
    run = _cli("ingest", "--input", str(EDGES), "--db", dask_db, "--scheduler", scheduler, "--block-lines", "2",
               "--progress", "off")
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.search(r"\d+ by the loader \(they may meet incidents already in the ledger\)", run.stderr)
    assert _ledger_view(dask_db) == _ledger_view(serial_db)
