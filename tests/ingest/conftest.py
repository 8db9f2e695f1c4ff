"""The ledger's ``db`` fixture (SQLite, and PostgreSQL when WARLEDGER_TEST_POSTGRES_URL is set), as in
tests/store, so that the ingest tests that store reports run on both databases."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from ledgerdb import KINDS, fresh_ledger


@pytest.fixture(params=KINDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_ledger(request.param, tmp_path)
