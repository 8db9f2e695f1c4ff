"""kill -9 in the middle of a large ingest, then ingest again: nothing committed is lost, no incident is
half-written or duplicated, and the ledger equals the one an uninterrupted run builds."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from handmade import generated

from warledger.store import Ledger

HERE = Path(__file__).resolve().parent
N = 3000
SCRIPT = f"""
import sys
sys.path.insert(0, {str(HERE)!r})
from handmade import generated
from warledger.store import Ledger
Ledger(sys.argv[1]).ingest(generated({N}), batch_size=25)
"""


def _snapshot(ledger: Ledger) -> list[str]:
    return [json.dumps(x, sort_keys=True) for x in ledger.incidents()]


def test_kill_9_mid_ingest_then_resume(db: str, tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, db], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watcher = Ledger(db)
    deadline = time.time() + 120
    committed = 0
    try:
        while time.time() < deadline and proc.poll() is None:
            committed = watcher.counts()["reports"]
            if committed >= 300:
                break
            time.sleep(0.02)
        assert proc.poll() is None, f"the ingest ended before it could be killed: {proc.stderr.read()!r}"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    after_kill = watcher.counts()
    assert committed <= after_kill["reports"] < N, "killed in the middle"
    assert after_kill["reports"] % 25 == 0, "only whole batches are committed"
    assert after_kill["records"] == after_kill["reports"]  # each generated report holds one incident

    # every committed report survived, and its incident is whole
    stored = [r["id"] for r in watcher.reports()]
    assert stored == [f"g{i}" for i in range(after_kill["reports"])]
    members = {}
    for rec in watcher.records():
        members.setdefault(rec["report_id"], rec)
    for inc in watcher.incidents():
        assert inc["reports"] and all(r in members for r in inc["reports"])

    stats = watcher.ingest(generated(N), batch_size=500)
    assert stats.unchanged == after_kill["reports"] and stats.added == N - after_kill["reports"]
    resumed = _snapshot(watcher)
    counts = watcher.counts()
    watcher.close()

    with Ledger(str(tmp_path / "clean.db")) as clean:
        clean.ingest(generated(N), batch_size=500)
        assert counts == clean.counts()
        assert resumed == _snapshot(clean)
    ids = [json.loads(x)["incident_id"] for x in resumed]
    assert len(ids) == len(set(ids))
    every_report = [r for x in resumed for r in json.loads(x)["reports"]]
    assert sorted(every_report) == sorted(f"g{i}" for i in range(N)), "each report in exactly one incident"
