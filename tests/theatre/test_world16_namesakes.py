"""A town and its first-level unit in brackets name a country even when towns of that name lie in like-named units of
several countries, when one of them is far the biggest ("Cordoba (Cordoba)": Argentina's city, not a hamlet of
Colombia's Cordoba department).  And a unit of a country no theatre bundle describes is named as ACLED names it, in
English (Bavaria, not Bayern; Western Area; Gorno-Badakhshan; Vayots Dzor).  Invented wording."""
from __future__ import annotations

import pytest

from warledger.theatre import country as C


def _places(text: str) -> list[tuple[str, str]]:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process
    from warledger.record import Report

    report = process(Report(id="n", text=text), load_geocoder(None))
    return [(i.place.country, i.place.admin1) for i in report.incidents]


NAMESAKES = [  # text, ISO2, country, admin1
    ("On 3 May 2024, several thousand nurses marched in Cordoba (Cordoba) for a pay rise. [size=several thousand]",
     "AR", "Argentina", "Cordoba"),
    ("On 3 May 2024, teachers held a rally in La Paz (La Paz) against fuel shortages. [size=hundreds]",
     "BO", "Bolivia", "La Paz"),
]


@pytest.mark.parametrize("text, iso2, country, admin1", NAMESAKES)
def test_a_bracketed_pair_picks_the_biggest_namesake(text: str, iso2: str, country: str, admin1: str) -> None:
    assert C.find_country(text).code == iso2
    places = _places(text)
    assert places and all(p == (country, admin1) for p in places), places


def test_namesakes_of_like_size_decide_nothing() -> None:
    # neither country's town is ten times the other's: the pair says nothing of the country
    assert C._pair_country("Nowhere", "Nowhere", ("none",)) is None


ENGLISH_UNITS = [  # text, country, admin1
    ("On 3 May 2024, farmers protested in Munich (Bavaria) against diesel tax rises. [size=around 500]",
     "Germany", "Bavaria"),
    ("On 3 May 2024, police in Freetown, Sierra Leone, dispersed traders protesting a market levy.", "Sierra Leone",
     "Western Area"),
    ("On 3 May 2024, police detained a lawyer in Khorog, Gorno-Badakhshan, Tajikistan.", "Tajikistan",
     "Gorno-Badakhshan"),
    ("On 3 May 2024, villagers in Jermuk (Vayots Dzor) protested against a gold mine. [size=dozens]", "Armenia",
     "Vayots Dzor"),
]


@pytest.mark.parametrize("text, country, admin1", ENGLISH_UNITS)
def test_units_are_named_as_acled_names_them(text: str, country: str, admin1: str) -> None:
    places = _places(text)
    assert places and places[-1] == (country, admin1), places


UNIT_SIGNALS = [  # a unit of a country with no bundle names the country when nothing else does; text, ISO2, admin1
    ("On 3 May 2024, residents gathered outside the town hall of Leipzig, Saxony, against a planned shelter.", "DE",
     "Saxony"),
    ("On 3 May 2024, police detained a lawyer in a village in Gorno-Badakhshan after a rally.", "TJ",
     "Gorno-Badakhshan"),
    ("On 3 May 2024, police detained a lawyer in Khorog in Gorno-Badakhshan after a rally.", "TJ", "Gorno-Badakhshan"),
]


@pytest.mark.parametrize("text, iso2, admin1", UNIT_SIGNALS)
def test_a_unit_of_a_country_with_no_bundle_names_it(text: str, iso2: str, admin1: str) -> None:
    found = C.find_country(text)
    assert found.code == iso2 and iso2 in found.backed, found
    places = _places(text)
    assert places and places[0][1] == admin1, places


def test_a_unit_named_as_a_big_town_of_another_country_is_no_signal() -> None:
    # Trujillo is a Venezuelan state and Peru's third city: the unit does not outweigh the town
    assert C.find_country("On 3 May 2024, transport workers blocked roads in Trujillo over extortion.").code != "VE"
    from warledger.geocode.world_admin import unit_countries

    names = unit_countries()
    assert names.get("Saxony") == "DE" and "Trujillo" not in names and "Western" not in names


CAUSES = [  # what a rally is for names no country: the rally's own town does; text, ISO2
    ("On 3 May 2024, about 2000 people marched near the US embassy in Amman in support of Gaza. [size=about 2000]",
     "JO"),
    ("On 3 May 2024, a few hundred people held a vigil in Amman in solidarity with the people of Gaza.", "JO"),
]


@pytest.mark.parametrize("text, iso2", CAUSES)
def test_the_place_a_rally_is_for_is_no_country_signal(text: str, iso2: str) -> None:
    assert C.find_country(text).code == iso2


def test_a_strike_in_gaza_still_names_palestine() -> None:
    assert C.find_country("On 3 May 2024, an air strike hit a house in Gaza city, killing 4 civilians.").code == "PS"
