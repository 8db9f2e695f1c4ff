"""The ledger test suite runs on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

PG_URL = os.environ.get("WARLEDGER_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    """Drop the ledger's tables so each test starts from an empty database."""
    from sqlalchemy import create_engine, text

    from warledger.store.schema import database_url, metadata

    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ledger database: a SQLite file, or the test PostgreSQL database emptied."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not PG_URL:
        pytest.skip("WARLEDGER_TEST_POSTGRES_URL is not set (run: source .ci/postgres.sh)")
    _reset_postgres(PG_URL)
    yield PG_URL
    _reset_postgres(PG_URL)
