"""The database connection dies in the middle of an ingest (PostgreSQL: the backend is terminated; SQLite: a
lost connection simulated): the run stops on that batch with a message that says so, names the batch's first
report and what to do; earlier batches are kept, and running the same ingest again gives the ledger an
uninterrupted run builds.  Before, each report of the batch was retried "text only" on the dead connection
and the run ended on SQLAlchemy's PendingRollbackError, with no word of the lost connection."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from handmade import generated
from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

from warledger.errors import StoreError
from warledger.store import Ledger
from warledger.store import ledger as ledger_module

N = 100
BATCH = 10
VICTIM = "g35"   # in the fourth batch (g30-g39): three batches are committed before the connection dies


def _lose_connection(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_terminate_backend(pg_backend_pid())"))   # raises: our own backend is gone
    conn.invalidate()
    raise OperationalError("INSERT INTO wl_reports ...", {}, sqlite3.OperationalError("disk I/O error"),
                           connection_invalidated=True)


def _snapshot(ledger: Ledger) -> list[str]:
    return [json.dumps(x, sort_keys=True) for x in ledger.incidents()]


def test_a_lost_connection_stops_the_batch_and_the_rerun_completes_the_ledger(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = ledger_module.Ledger._store_report
    killed: list[str] = []

    def store_report(self: Ledger, conn: Connection, rep: Any, *args: Any) -> int:
        if rep.id == VICTIM and not killed:
            killed.append(rep.id)
            _lose_connection(conn)
        return int(real(self, conn, rep, *args))

    monkeypatch.setattr(ledger_module.Ledger, "_store_report", store_report)
    with Ledger(db) as ledger:
        with pytest.raises(StoreError) as err:
            ledger.ingest(generated(N), batch_size=BATCH)
    message = str(err.value)
    assert killed == [VICTIM]
    assert "connection to the database was lost" in message
    assert "g30" in message and "Ingest the same input again" in message
    assert "PendingRollbackError" not in message and "[SQL:" not in message
    monkeypatch.undo()

    with Ledger(db) as ledger:
        assert ledger.counts()["reports"] == 30, "the three committed batches are kept, nothing of the fourth"
        assert not [r for r in ledger.reports() if r.get("problems")], "no report was stored 'text only'"
        stats = ledger.ingest(generated(N), batch_size=BATCH)
        assert (stats.unchanged, stats.added, stats.failed) == (30, N - 30, 0)
        resumed, counts = _snapshot(ledger), ledger.counts()
    with Ledger(str(tmp_path / "clean.db")) as clean:
        clean.ingest(generated(N), batch_size=BATCH)
        assert counts == clean.counts()
        assert resumed == _snapshot(clean)
