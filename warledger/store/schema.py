"""The ledger's schema runner and engine: :func:`open_engine` opens a database and :func:`migrate` brings it to the
current schema.  ``wl_schema`` records which migration steps ran; the steps are in :mod:`warledger.store.migrations`,
the tables in :mod:`warledger.store.tables` (given here too, as the rest of the store imports them from this module).
"""
from __future__ import annotations

import logging
import os
import random
import sqlite3
import time
import re
from datetime import datetime, timezone
from typing import Any, Optional

from sqlalchemy import CursorResult, Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import ConnectionPoolEntry, StaticPool

from warledger.errors import StoreError
from warledger.store.migrations import MIGRATIONS, SCHEMA_VERSION, log_conflicts, refill_pair_facts
from warledger.store.tables import (FACTS_SETTING, apart, audit, checks, incidents, leases, metadata, overrides,
                                    records, reports, schema_table, settings, tokens, upload_jobs)

__all__ = ["FACTS_SETTING", "MIGRATIONS", "SCHEMA_VERSION", "apart", "audit", "checks", "current_version",
           "database_url", "incidents", "inserted_key", "leases", "log_conflicts", "metadata", "migrate",
           "open_engine", "overrides", "records", "redact", "refresh_pair_facts", "reports", "schema_table",
           "settings", "tokens", "upload_jobs", "writer_lock"]

log = logging.getLogger(__name__)


LEDGER_SCHEMES = ("sqlite", "postgresql", "postgres")   # the two databases the ledger is written and tested on


def database_url(db: str) -> str:
    """A file path, ``:memory:``, a ``sqlite://`` URL or a ``postgresql://`` URL -> a SQLAlchemy URL."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        scheme = db.split("://", 1)[0].lower()
        if scheme.split("+", 1)[0] not in LEDGER_SCHEMES:
            raise StoreError(redact(f"ledger database {db!r}: {scheme}:// is not a database warledger keeps a ledger "
                                    "in. Give a SQLite file path (ledger.db) or a postgresql://USER@HOST/DBNAME URL"))
        return db
    if db == ":memory:":
        return "sqlite://"
    return "sqlite:///" + os.path.abspath(db)


_URL_PASSWORD = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s/@:'\"]*:)[^\s'\"]*@", re.I)  # up to the last @
_DSN_PASSWORD = re.compile(r"(\bpassword\s*=\s*)('[^']*'|\S+)", re.I)


def redact(text: str) -> str:
    """``text`` with the password of every database URL in it masked (``postgresql://user:***@host/db``),
    and ``password=...`` in a libpq connection string too: error messages never echo a password."""
    return _DSN_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", text))


def _sqlite_pragmas(dbapi_conn: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=30000")    # first: the journal mode below may have to wait for a lock
    _wal(cur)                                   # readers never block the writer; kill -9 safe
    cur.execute("PRAGMA synchronous=NORMAL")    # durable against process crashes
    cur.close()


def _wal(cur: Any) -> None:
    """Turn the file to WAL.  Turning a new file takes an exclusive lock, and when processes open one new ledger
    at once SQLite may answer "database is locked" at once, without its busy wait (two connections that each hold
    a shared lock and want it exclusive): try again, a little later, for up to the busy timeout."""
    deadline = time.monotonic() + 30.0
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + random.random() * 0.08)


def open_engine(db: str) -> Engine:
    """An engine on ``db``, with the schema migrated to the current version."""
    url = database_url(db)
    try:
        if url == "sqlite://":
            engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
        else:
            engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        migrate(engine)
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
            _watch_file(engine, str(engine.url.database), db)
    except StoreError:
        raise
    except ModuleNotFoundError as exc:
        raise StoreError(redact(f"cannot open ledger database {db!r}: {exc}. For PostgreSQL install the extra: "
                                f"pip install 'warledger[postgres]'")) from exc
    except Exception as exc:
        raise StoreError(redact(f"cannot open ledger database {db!r}: {_why(db, exc)}") + ". "
                         + (what_to_do(exc) or "Give a writable SQLite file path or a "
                            "postgresql://user:password@host/dbname URL")) from exc
    return engine


def _watch_file(engine: Engine, path: str, db: str) -> None:
    """Refuse every use of ``engine`` once the SQLite file at ``path`` is deleted or replaced by another file while
    the process runs (``warledger serve`` for days; a backup restored, a file moved over it).  SQLite keeps
    reading and writing the file it opened: a deleted ledger's corrections would go to a file no one can open
    again, a replaced one's would be shown from the old file.  Each connection taken from the pool compares the
    path's device and inode with the file opened (one ``stat``); a new connection is not made to a path with no
    file (SQLite would create an empty one).  Once refused, always refused: the process must open the file anew."""
    opened = os.stat(path)
    known = (opened.st_dev, opened.st_ino)
    lost: list[str] = []
    gone = (f"the ledger file {db!r} ({path}) was deleted while this process had it open; nothing more is read from "
            "or written to it. Put the file back (or restore it from a backup) and start the command ('warledger "
            "serve') again")
    swapped = (f"the ledger file {db!r} ({path}) was replaced by another file while this process had it open; "
               "nothing more is read from or written to the old one. Start the command ('warledger serve') again "
               "to open the new file")

    def refuse(why: str) -> None:
        lost[:] = lost or [why]
        raise StoreError(lost[0])

    def check(*_args: Any) -> None:
        if lost:
            refuse(lost[0])
        try:
            st = os.stat(path)
        except FileNotFoundError:
            refuse(gone)
        except OSError:
            return  # cannot tell (a network disk's hiccup): SQLite itself will say what is wrong
        else:
            if (st.st_dev, st.st_ino) != known:
                refuse(swapped)

    event.listen(engine, "checkout", check)
    event.listen(engine, "do_connect", check)


# what the analyst can do about a database's refusal, by words of the driver's message (SQLite's, psycopg's)
_WHAT_TO_DO = (
    (("database is locked",), "Another process holds the ledger and kept it past the 30 s wait (an ingest, "
     "'warledger serve' or a tool that has it open): let it finish or stop it, then run the command again"),
    (("disk is full", "no space left"), "The disk that holds the ledger is full: free space on it (or copy the "
     "ledger to a disk with room), then run the command again"),
    (("readonly database", "read-only file system", "unable to open database file", "permission denied"),
     "The ledger's file or its folder cannot be written here (a read-only disk, a folder that does not exist or "
     "is not yours): give a SQLite file path in a folder you can write, or a postgresql://user:password@host/dbname "
     "URL"),
    (("does not exist",), "Create that database first (createdb NAME, or CREATE DATABASE) or correct the name in "
     "the URL"),
    (("connection refused", "could not translate host name", "name or service not known", "timeout expired"),
     "Check the host and port in the URL and that the PostgreSQL server there is running"),
)


def what_to_do(exc: BaseException) -> Optional[str]:
    """The step that mends a database's refusal (a lock held by another process, a full or read-only disk, a
    database or server that is not there), or None when its words name none of them."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    for words, advice in _WHAT_TO_DO:
        if any(w in text for w in words):
            return advice
    return None


def _why(db: str, exc: Exception) -> str:
    """What went wrong, in the driver's words (without SQLAlchemy's wrapper and its web link), or that a
    SQLite path names a folder or a file that is not a database."""
    path = db[len("sqlite:///"):] if db.startswith("sqlite:///") else db
    if "://" not in path and os.path.isdir(path):
        return "it is a folder, not a database file"
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    if "://" not in path and "file is not a database" in text:
        return "the file exists but is not a SQLite database (a ledger is made by 'warledger ingest')"
    return f"{type(orig).__name__}: {text}"


def inserted_key(res: CursorResult[Any]) -> int:
    """The integer primary key of the row an INSERT just wrote."""
    key = res.inserted_primary_key
    if key is None:
        raise StoreError("the database returned no primary key for a new row: the ledger's tables need "
                         "'warledger' to create them (run 'warledger ingest' on an empty database)")
    return int(key[0])


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema_table.name):
        return 0
    return int(conn.execute(select(func.coalesce(func.max(schema_table.c.version), 0))).scalar_one())


WRITER_LOCK_KEY = 0x77_6C_65_64  # PostgreSQL advisory lock shared by every warledger writer ("wled")


def writer_lock(conn: Connection) -> None:
    """Serialise writers for the rest of this transaction: deduplication reads the ledger, then writes to
    it, so two ingests (or an ingest and a correction) must not interleave or they count one event twice.
    PostgreSQL: a transaction-scoped advisory lock.  SQLite: ``BEGIN IMMEDIATE`` takes the write lock at
    once (waiting up to the busy timeout) instead of failing when a read transaction tries to upgrade."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK_KEY})
    elif conn.dialect.name == "sqlite":
        raw = conn.connection.dbapi_connection
        if raw is not None and not getattr(raw, "in_transaction", True):
            _begin_immediate(conn)


WRITER_WAIT_SECONDS = 1800.0  # how long a SQLite writer waits for another process's write transactions to end


def _begin_immediate(conn: Connection) -> None:
    """``BEGIN IMMEDIATE``, waiting while another process writes the ledger: each try waits SQLite's busy timeout
    (30 s); a second ingest into the same file waits for the first one's batch (which may take longer under load)
    instead of failing with "database is locked" and leaving the rest of its input unread.  Said once on the log;
    after :data:`WRITER_WAIT_SECONDS` of waiting the lock error is raised as before (its advice names the holder)."""
    deadline: Optional[float] = None
    while True:
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            return
        except OperationalError as exc:
            now = time.monotonic()
            if "locked" not in str(exc.orig) or (deadline is not None and now > deadline):
                raise
            if deadline is None:
                deadline = now + WRITER_WAIT_SECONDS
                log.warning("the ledger %s is being written by another process (an ingest, 'warledger serve'); "
                            "waiting for it (up to %d minutes)", conn.engine.url.database,
                            WRITER_WAIT_SECONDS // 60)


def migrate(engine: Engine) -> int:
    """Apply pending migration steps in order; return the schema version.  Each step runs in its own
    transaction under the writer lock and re-reads the version first, so two processes opening a new
    ledger at once apply every step exactly once."""
    for attempt in range(2):
        try:
            with engine.begin() as conn:
                writer_lock(conn)
                metadata.create_all(conn, tables=[schema_table])
                have = current_version(conn)
            break
        except Exception:  # two first opens racing to create wl_schema: the loser sees it next time
            if attempt:
                raise
    if have > SCHEMA_VERSION:
        raise StoreError(f"the ledger database has schema version {have}, newer than this warledger "
                         f"({SCHEMA_VERSION}): upgrade warledger")
    for version, description, step in MIGRATIONS:
        if version <= have:
            continue
        with engine.begin() as conn:
            writer_lock(conn)
            if current_version(conn) >= version:  # another process applied it meanwhile
                continue
            if have:  # a ledger that holds data: its upgrade may take minutes, so it is said (a new one is silent)
                log.warning("upgrading the ledger to schema step %d of %d (%s): once per ledger; a big ledger "
                            "takes a while", version, SCHEMA_VERSION, description)
            step(conn)
            conn.execute(schema_table.insert().values(
                version=version, description=description, applied_at=datetime.now(timezone.utc).isoformat()))
    refresh_pair_facts(engine)
    return SCHEMA_VERSION


def refresh_pair_facts(engine: Engine) -> int:
    """When the ledger's stored pair facts are of another FACTS_VERSION than this warledger's (or their version was
    never recorded: a ledger older than schema v19), work out again those not of this version and record the
    version, under the writer lock.  One small read when they are current.  Returns how many incidents got new
    facts."""
    from warledger.reconcile.pairs import FACTS_VERSION

    def stored(conn: Connection) -> Any:
        return conn.execute(select(settings.c.value).where(settings.c.name == FACTS_SETTING)).scalar()

    with engine.connect() as conn:
        if stored(conn) == str(FACTS_VERSION):
            return 0
    with engine.begin() as conn:
        writer_lock(conn)
        if stored(conn) == str(FACTS_VERSION):   # another process refreshed them meanwhile
            return 0
        done = refill_pair_facts(conn, only_stale=True)
        conn.execute(settings.delete().where(settings.c.name == FACTS_SETTING))
        conn.execute(settings.insert().values(name=FACTS_SETTING, value=str(FACTS_VERSION)))
    return done

