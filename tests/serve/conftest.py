"""The serving suite's fixtures: a running server per test (SQLite and PostgreSQL) and one Chromium per
browser test module.  The helpers behind them are in serving.py and browserkit.py."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx")

from browserkit import launch  # type: ignore[import-not-found]  # noqa: E402
from serving import PG_URL, Running, _reset_postgres, make_db, serve_ledger  # type: ignore[import-not-found]  # noqa: E402


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
    yield from launch()
