"""The serving suite runs against a real server (uvicorn on 127.0.0.1, a free port) over a ledger built
from the built-in example reports, on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from served import PG_URL, Running, _reset_postgres, make_db, serve_ledger  # noqa: E402


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    """A running server over a fresh ledger of the example reports (one per test: tests write to it)."""
    db = make_db(request.param, tmp_path)
    yield from serve_ledger(db)
    if request.param == "postgres" and PG_URL:
        _reset_postgres(PG_URL)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One Debian Chromium per test module, driven by Playwright (skips without it; fails under CI=true)."""
    from browserkit import launch  # type: ignore[import-not-found]

    yield from launch()
