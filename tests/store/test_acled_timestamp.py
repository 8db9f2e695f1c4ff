"""ACLED's ``timestamp`` is when the event row last changed, not when the file was written (session 16,
ledger16): two exports of an unchanged ledger agree row for row, and a correction moves its own incident's time
and no other's.  SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import time
from pathlib import Path

from warledger.cli import main
from warledger.store import Ledger

from handmade import contradiction


def stamps(db: str, path: Path) -> dict[str, int]:
    assert main(["export", "--db", db, "--format", "acled-csv", "--out", str(path)]) == 0
    with open(path, encoding="utf-8-sig") as f:
        return {r["event_id_cnty"]: int(r["timestamp"]) for r in csv.DictReader(f)}


def test_timestamp_is_the_rows_last_change(db: str, tmp_path: Path) -> None:
    before = int(time.time())
    with Ledger(db) as ledger:
        ledger.ingest([contradiction()], process=False)
        ids = {line["incident_id"]: line for line in ledger.incidents()}
    time.sleep(1.2)
    first = stamps(db, tmp_path / "a.csv")
    assert len(first) >= 2
    assert all(before <= t <= int(time.time()) - 1 for t in first.values())   # the ingest's time, not this export's
    time.sleep(1.2)
    assert stamps(db, tmp_path / "b.csv") == first
    target = next(i for i, line in ids.items() if line.get("location") == "Nawa")
    with Ledger(db) as ledger:
        ledger.correct(target, "killed.civilians", 4, who="tester", reason="hospital list")
    after = stamps(db, tmp_path / "c.csv")
    changed = {k for k in first if after.get(k) != first[k]}
    assert len(changed) == 1 and after[changed.pop()] > max(first.values())
