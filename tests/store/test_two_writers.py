"""Two processes writing one SQLite ledger at once (robust22): a second ingest waits for the first one's write
transaction, however long a batch takes under load, instead of failing with "database is locked" once SQLite's busy
timeout ran out (which stopped it there, the rest of its input unread).  The other writer is a raw connection holding
the write lock, its busy timeout lowered to keep the test short.  Reports in our own words."""
from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest

from warledger.record import Report
from warledger.store import Ledger, schema


def _short_wait(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.execute("PRAGMA busy_timeout=100")
    dbapi_conn.execute("PRAGMA journal_mode=WAL")


def test_a_second_writer_waits_for_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             caplog: pytest.LogCaptureFixture) -> None:
    db = str(tmp_path / "shared.db")
    Ledger(db).close()
    monkeypatch.setattr(schema, "_sqlite_pragmas", _short_wait)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")            # another process's batch, longer than the busy timeout
    release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    release.start()
    reps = [Report(id=f"w{i}", text=f"On 3 May 2022 a shell hit the invented hamlet of Tell Qasr {i}.",
                   published="2022-05-04") for i in range(2)]
    try:
        with caplog.at_level(logging.WARNING), Ledger(db) as ledger:
            ledger.ingest(reps)
            stored = sorted(r["id"] for r in ledger.reports())
    finally:
        release.join()
        holder.close()
    assert stored == ["w0", "w1"]
    assert any("being written by another process" in r.getMessage() and "shared.db" in r.getMessage()
               for r in caplog.records)
