"""Shared test fixtures.  Real-data tests read ../shared and skip cleanly when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WARLEDGER_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (or ``$WARLEDGER_SHARED``); skips the test when it is not there."""
    if not (SHARED / "data" / "eval").is_dir():
        pytest.skip(f"real data not available at {SHARED} (set WARLEDGER_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def fake_world_index_build(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The built-in world gazetteer's build (a minute for real) replaced by an empty index; the list of the paths
    built, in order, for the test to read."""
    from warledger.geocode import gazetteer

    built: list[str] = []

    def fake_build(sources: list[str], out: str, **kw: object) -> int:
        built.append(out)
        gazetteer.write_index([], out, [], set())
        return 0

    monkeypatch.setattr(gazetteer, "build_index", fake_build)
    return built
