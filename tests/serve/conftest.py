"""The serving suite runs against a real server (uvicorn on 127.0.0.1, a free port) over a ledger built
from the built-in example reports, on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL.

The browser tests' fixtures are here too: ``running`` (one SQLite server per module over the example reports),
``tab`` (a watched Chromium tab on whatever ``running`` the test module gives: a module serving other reports
defines its own ``running``) and ``pairs_running`` (a fresh server per test over the duplicates tests' reports)."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browserkit import Tab, open_tab  # noqa: E402
from duplicate_reports import DUPLICATE_REPORTS  # noqa: E402
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


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """One server for a test module (SQLite) over the example reports; a module that needs other reports, or a fresh
    ledger per test, defines its own ``running`` (``tab`` then opens on that one)."""
    yield from serve_ledger(str(tmp_path_factory.mktemp("examples") / "ledger.db"))


@pytest.fixture
def tab(browser: Any, running: Running) -> Iterator[Tab]:
    """A fresh browser context (empty sessionStorage: no token) on ``running``, whose requests, console and dialogs
    are checked when the test ends."""
    yield from open_tab(browser, running.url)


@pytest.fixture
def pairs_running(tmp_path: Path) -> Iterator[Running]:
    """A fresh server per test (SQLite) over the duplicates tests' reports (written for them): its tests answer pairs."""
    yield from serve_ledger(str(tmp_path / "ledger.db"), [dict(r) for r in DUPLICATE_REPORTS])
