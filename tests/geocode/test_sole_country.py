"""A user's gazetteer of one country is the country of every phrase that names none, for the whole run: placing
another country's town (which loads the built-in gazetteer as fallback) must not change that for the next phrase."""
from __future__ import annotations

import pytest

import warledger.geocode as geocode
from warledger.geocode import WorldGeocoder


@pytest.fixture
def two_indexes(monkeypatch: pytest.MonkeyPatch) -> WorldGeocoder:
    covers = {"user.sqlite": ("SY",), "world.sqlite": ("SY", "IL", "IQ")}
    monkeypatch.setattr(geocode, "index_countries", lambda path: covers[path])
    monkeypatch.setattr(geocode, "_phrase_country",
                        lambda phrase, gov=None, alone=False, towns=True: "IL" if phrase and "Qiryat" in phrase else None)
    return WorldGeocoder(["user.sqlite"], fallback=lambda: "world.sqlite")


def test_a_phrase_naming_no_country_takes_the_users_one_country(two_indexes: WorldGeocoder) -> None:
    assert two_indexes.country_of("Tell Umbar") == "SY"


def test_loading_the_fallback_for_a_foreign_town_keeps_that_default(two_indexes: WorldGeocoder) -> None:
    assert two_indexes.country_of("Qiryat Nofel") == "IL"
    assert two_indexes._index_for("IL") == "world.sqlite"  # the fallback is loaded now
    assert two_indexes.country_of("Tell Umbar") == "SY"


def test_without_a_users_gazetteer_there_is_no_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(geocode, "index_countries", lambda path: ("SY", "IL"))
    monkeypatch.setattr(geocode, "_phrase_country", lambda phrase, gov=None, alone=False, towns=True: None)
    assert WorldGeocoder(["world.sqlite"]).country_of("Tell Umbar") is None
