"""The fuzz suite: mutated reports through the real commands (see mutate.py); the ledger part runs on SQLite
and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ledgerdb import KINDS, fresh_ledger  # noqa: E402


@pytest.fixture(params=KINDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from fresh_ledger(request.param, tmp_path)
