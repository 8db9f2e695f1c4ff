"""A ledger the database refuses says what to do about it (robust21): a ledger locked by another process
was told "Give a writable SQLite file path", though its path was writable; a full disk, mid-ingest, was named
in SQLAlchemy's words with a web link.  Now the lock, a full or read-only disk and a missing database or server
each come with their own step, at opening and on a batch alike."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from warledger.errors import StoreError
from warledger.record import Report
from warledger.store import Ledger
from warledger.store import schema
from warledger.store.schema import open_engine, what_to_do


def refusal(words: str) -> OperationalError:
    return OperationalError("INSERT INTO wl_reports ...", {}, sqlite3.OperationalError(words))


@pytest.mark.parametrize("words, step", [
    ("database is locked", "Another process holds the ledger"),
    ("database or disk is full", "free space"),
    ("attempt to write a readonly database", "folder you can write"),
    ('connection failed: FATAL:  database "wl_typo" does not exist', "createdb"),
    ("connection failed: Connection refused", "server there is running"),
])
def test_each_refusal_has_its_step(words: str, step: str) -> None:
    advice = what_to_do(refusal(words))
    assert advice is not None and step in advice
    assert what_to_do(refusal("no such table: wl_something")) is None


def test_a_ledger_locked_by_another_process_is_said_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "held.db")
    open_engine(db).dispose()
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(schema, "_sqlite_pragmas", _short_wait)
    monkeypatch.setattr(schema, "WRITER_WAIT_SECONDS", 1.0, raising=False)  # held past the whole wait (robust22)
    try:
        with pytest.raises(StoreError) as err:
            open_engine(db).dispose()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    text = str(err.value)
    assert "held.db" in text and "Another process holds the ledger" in text and "writable SQLite" not in text


def _short_wait(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    dbapi_conn.execute("PRAGMA busy_timeout=200")


def test_a_full_disk_on_a_batch_names_the_batch_and_the_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "small.db")
    with Ledger(db) as ledger:
        def full(*_a: object, **_k: object) -> int:
            raise refusal("database or disk is full")
        monkeypatch.setattr(ledger, "_store_one", full)
        rep = Report(id="disk-1", text="On 3 May 2022 a shell hit the invented hamlet of Tell Qasr.",
                     published="2022-05-04")
        with pytest.raises(StoreError) as err:
            ledger.ingest([rep])
    text = str(err.value)
    assert "disk-1" in text and "free space" in text and "Ingest the same input again" in text
    assert "sqlalche.me" not in text and "INSERT INTO" not in text
    with Ledger(db) as ledger:
        assert ledger.counts()["reports"] == 0
