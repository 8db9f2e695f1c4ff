"""The ledger test suite runs on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledgerdb import KINDS, fresh_ledger  # noqa: E402


@pytest.fixture(params=KINDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty ledger database: a SQLite file, or the test PostgreSQL database emptied."""
    yield from fresh_ledger(request.param, tmp_path)
