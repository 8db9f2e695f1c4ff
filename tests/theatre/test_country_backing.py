"""A report whose text points to several countries: a place phrase's town may settle the place's country
only for a country the text names by more than towns (warledger/theatre/country.py, geocode_report)."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.geocode import WorldGeocoder, geocode_report
from warledger.record import Incident, Place, Report
from warledger.theatre import country as country_mod
from warledger.theatre.country import find_country, settle_country

# a theatre's own armed group (a Syrian one) and a town that, in this test, is also a town of another country
TEXT = "QSD fighters clashed with gunmen on the outskirts of the town of Vellorin, killing two fighters."


@pytest.fixture
def vellorin_abroad(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(country_mod, "_town_weights", lambda text, start, end, floor=0, undecided=None: {"JP": 1.0})


def test_an_ambiguous_finding_says_which_countries_more_than_a_town_backs(vellorin_abroad: None) -> None:
    f = find_country(TEXT)
    assert f.code is None and f.problem and f.problem.startswith("W-COUNTRY-AMBIGUOUS")
    assert f.backed == ("SY",)
    r = Report(id="r", text=TEXT)
    settle_country(r)
    assert r.country is None and r.country_backed == ("SY",)


def test_a_settled_country_leaves_no_backing() -> None:
    r = Report(id="r", text="Shelling hit a farm in Idlib countryside.")
    settle_country(r)
    assert r.country == "SY" and r.country_backed is None


class _Stub(WorldGeocoder):
    """A world geocoder whose phrase countries are set by the test; records which countries it placed in."""

    def __init__(self, by_town: Optional[str], by_name: Optional[str]) -> None:
        self.by_town, self.by_name, self.placed_in = by_town, by_name, []

    def country_of(self, phrase: Optional[str], governorate: Optional[str] = None, alone: bool = False,
                   towns: bool = True) -> Optional[str]:
        return self.by_town if towns else self.by_name

    def for_country(self, country: Optional[str]):  # type: ignore[no-untyped-def]
        self.placed_in.append(country)
        raise RuntimeError("stop here: the test only checks the country chosen")


def _report(backed: Optional[tuple[str, ...]]) -> Report:
    r = Report(id="r", text=TEXT)
    r.country_backed = backed
    inc = Incident(kind="incident", span=(0, len(TEXT)))
    inc.place = Place(phrase="town of Vellorin", name="Vellorin")
    r.incidents.append(inc)
    return r


def test_a_town_of_a_country_only_towns_point_to_is_not_placed() -> None:
    g = _Stub(by_town="JP", by_name=None)
    r = _report(("SY", "IQ"))
    geocode_report(r, g)
    assert g.placed_in == []
    assert any(p.startswith("W-COUNTRY-UNKNOWN") for p in r.incidents[0].problems)


def test_the_one_country_named_by_more_than_towns_is_where_the_place_is_looked_for() -> None:
    g = _Stub(by_town="JP", by_name=None)
    with pytest.raises(RuntimeError):
        geocode_report(_report(("SY",)), g)
    assert g.placed_in == ["SY"]


def test_a_phrase_that_names_its_own_country_is_placed_there() -> None:
    g = _Stub(by_town="JP", by_name="IQ")
    with pytest.raises(RuntimeError):
        geocode_report(_report(("SY",)), g)
    assert g.placed_in == ["IQ"]


def test_a_town_of_a_backed_country_is_placed() -> None:
    g = _Stub(by_town="SY", by_name=None)
    with pytest.raises(RuntimeError):
        geocode_report(_report(("SY",)), g)
    assert g.placed_in == ["SY"]


def test_without_ambiguity_the_town_still_decides() -> None:
    g = _Stub(by_town="JP", by_name=None)
    with pytest.raises(RuntimeError):
        geocode_report(_report(None), g)
    assert g.placed_in == ["JP"]
