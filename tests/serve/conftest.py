"""The serving suite runs against a real server (uvicorn on 127.0.0.1, a free port) over a ledger built
from the built-in example reports, on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledgerdb import KINDS, fresh_ledger  # noqa: E402
from served import Running, serve_ledger  # noqa: E402


@pytest.fixture(params=KINDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    """A running server over a fresh ledger of the example reports (one per test: tests write to it)."""
    for db in fresh_ledger(request.param, tmp_path):
        yield from serve_ledger(db)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Debian Chromium per test module, driven by Playwright (skips without it; fails under CI=true)."""
    from browserkit import launch  # type: ignore[import-not-found]

    yield from launch()
