"""Fresh ledger databases for the suites that run on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set,
on PostgreSQL (``.ci/run`` starts one).  Imported by the store, ingest and serve fixtures (tests/ is on the
import path through tests/conftest.py); test modules never import a conftest."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest

PG_URL = os.environ.get("WARLEDGER_TEST_POSTGRES_URL")
KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def reset_postgres(url: str) -> None:
    """Drop the ledger's tables so each test starts from an empty database."""
    from sqlalchemy import create_engine, text

    from warledger.store.schema import database_url, metadata

    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
    engine.dispose()


def fresh_ledger(kind: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ledger database (a SQLite file, or the test PostgreSQL database emptied), emptied
    again afterwards; skips the PostgreSQL case when no server is configured."""
    if kind == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not PG_URL:
        pytest.skip("WARLEDGER_TEST_POSTGRES_URL is not set (run: source .ci/postgres.sh)")
    reset_postgres(PG_URL)
    yield PG_URL
    reset_postgres(PG_URL)
