"""The ledger's tables (SQLAlchemy Core) and its versioned migrations.

``wl_schema`` records which migration steps ran.  :data:`MIGRATIONS` is an ordered list of
``(version, description, step)``; :func:`migrate` runs, in one transaction each, the steps whose
version is above the database's.  To change the schema, append a step; never edit an applied one.
"""
from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from typing import Callable

from sqlalchemy import (Column, Connection, Engine, Float, Index, Integer, MetaData, String, Table, Text,
                        bindparam, create_engine, event, func, inspect, select, text)
from sqlalchemy.pool import StaticPool

from warledger.errors import StoreError

metadata = MetaData()

schema_table = Table(
    "wl_schema", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

reports = Table(
    "wl_reports", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(300), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String(300)),
    Column("url", Text),
    Column("published", String(32)),
    Column("language", String(16)),
    Column("problems", Text),
    Column("n_records", Integer, nullable=False),
    Column("ingested_at", String(40), nullable=False),
)

# one row per record read from a report: an incident or an aggregate claim (contract line as JSON)
records = Table(
    "wl_records", metadata,
    Column("record_id", String(40), primary_key=True),
    Column("report_id", String(300), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("report_seq", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("incident_id", String(40), index=True),
    Column("data", Text, nullable=False),
)

# one row per ledger incident: the merged line as JSON plus the columns tallies group and filter on
incidents = Table(
    "wl_incidents", metadata,
    Column("incident_id", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("date_lo", String(10)),
    Column("date_hi", String(10)),
    Column("place_key", String(200)),   # skeleton of the place phrase (reconcile.dedup.lookup_keys)
    Column("place_key2", String(200)),  # skeleton of the gazetteer name, when geocoded precisely
    Column("event_date", String(10)),
    Column("week", String(10)),
    Column("month", String(7)),
    Column("actor1", String(300)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("sub_event_type", String(100)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("strikes", Integer),
    Column("killed_total", Integer),
    Column("killed_civilians", Integer),
    Column("killed_children", Integer),
    Column("killed_women", Integer),
    Column("killed_men", Integer),
    Column("killed_fighters", Integer),
    Column("injured_total", Integer),
    Column("injured_civilians", Integer),
    Column("injured_children", Integer),
    Column("injured_women", Integer),
    Column("injured_men", Integer),
    Column("injured_fighters", Integer),
    Column("n_reports", Integer, nullable=False),
    Column("match_data", Text, nullable=False),  # the fields dedup compares (small, parsed per candidate)
    Column("data", Text, nullable=False),
    Index("ix_wl_incidents_dates", "date_lo", "date_hi"),
    Index("ix_wl_incidents_place", "place_key"),
    Index("ix_wl_incidents_place2", "place_key2"),
)

# within-report reconciliation: one row per (aggregate claim, category) checked
checks = Table(
    "wl_checks", metadata,
    Column("check_id", String(60), primary_key=True),
    Column("report_id", String(300), nullable=False, index=True),
    Column("record_id", String(40), nullable=False),
    Column("category", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("data", Text, nullable=False),
)


def _create(*tables: Table) -> Callable[[Connection], None]:
    def step(conn: Connection) -> None:
        metadata.create_all(conn, tables=list(tables))
    return step


def _rekey_places(conn: Connection) -> None:
    """Since version 3 incidents are looked up by the consonant skeletons of their place phrase and of
    their gazetteer name (two indexed columns).  A database made by version 1 gains the second column."""
    import json

    from warledger.reconcile.dedup import lookup_keys

    have = {col["name"] for col in inspect(conn).get_columns("wl_incidents")}
    if "place_key2" not in have:
        conn.execute(text("ALTER TABLE wl_incidents ADD COLUMN place_key2 VARCHAR(200)"))
    if "ix_wl_incidents_place2" not in {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}:
        conn.execute(text("CREATE INDEX ix_wl_incidents_place2 ON wl_incidents (place_key2)"))
    rows = conn.execute(select(incidents.c.incident_id, incidents.c.match_data)).all()
    update = (incidents.update().where(incidents.c.incident_id == bindparam("iid"))
              .values(place_key=bindparam("k1"), place_key2=bindparam("k2")))
    for at in range(0, len(rows), 1000):  # one executemany per thousand incidents, not one statement each
        batch = []
        for incident_id, match_data in rows[at:at + 1000]:
            key1, key2 = lookup_keys(json.loads(match_data))
            batch.append({"iid": incident_id, "k1": key1, "k2": key2})
        conn.execute(update, batch)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "reports, records and incidents", _create(reports, records, incidents)),
    (2, "within-report reconciliation checks", _create(checks)),
    (3, "incidents looked up by the skeleton of their place name", _rekey_places),
    (4, "place keys rebuilt with the geocoder's consonant skeleton", _rekey_places),
    (5, "place keys rebuilt: plural settlement words, province/governorate and lists cut", _rekey_places),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def database_url(db: str) -> str:
    """A file path, ``:memory:``, a ``sqlite://`` URL or a ``postgresql://`` URL -> a SQLAlchemy URL."""
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
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


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")      # readers never block the writer; kill -9 safe
    cur.execute("PRAGMA synchronous=NORMAL")    # durable against process crashes
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


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
    except StoreError:
        raise
    except ModuleNotFoundError as exc:
        raise StoreError(redact(f"cannot open ledger database {db!r}: {exc}. For PostgreSQL install the extra: "
                                f"pip install 'warledger[postgres]'")) from exc
    except Exception as exc:
        raise StoreError(redact(f"cannot open ledger database {db!r}: {type(exc).__name__}: {exc}") + ". Give a "
                         "writable SQLite file path or a postgresql://user:password@host/dbname URL") from exc
    return engine


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table(schema_table.name):
        return 0
    return int(conn.execute(select(func.coalesce(func.max(schema_table.c.version), 0))).scalar_one())


def migrate(engine: Engine) -> int:
    """Apply pending migration steps in order; return the schema version."""
    with engine.begin() as conn:
        metadata.create_all(conn, tables=[schema_table])
        have = current_version(conn)
    if have > SCHEMA_VERSION:
        raise StoreError(f"the ledger database has schema version {have}, newer than this warledger "
                         f"({SCHEMA_VERSION}): upgrade warledger")
    for version, description, step in MIGRATIONS:
        if version <= have:
            continue
        with engine.begin() as conn:
            step(conn)
            conn.execute(schema_table.insert().values(
                version=version, description=description, applied_at=datetime.now(timezone.utc).isoformat()))
    return SCHEMA_VERSION
