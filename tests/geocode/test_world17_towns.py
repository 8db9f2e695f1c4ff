"""Towns of any country named without a district, in notes from anywhere ACLED covers (world17).  Invented wording.

- A town the text names after a locative cue ("residents of Almaty", "in Lusaka") is the record's place when
  extraction gave no place phrase or one no gazetteer holds, even when the words after the town name no place
  ("Almaty gathered in front of ..."): the name alone is looked up.
"""
from __future__ import annotations

import pytest


def _places(text: str) -> list[tuple[str | None, str | None, str | None]]:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process
    from warledger.record import Report

    report = process(Report(id="n", text=text), load_geocoder(None))
    return [(i.place.location, i.place.admin1, i.place.country) for i in report.incidents]


TOWN_AFTER_A_CUE = [  # text, location, admin1, country
    ("On 4 June 2024, some 50 shopkeepers of Almaty gathered at the city hall to oppose a new rent scheme for "
     "their kiosks. [size=some 50]", "Almaty", "Almaty", "Kazakhstan"),
    ("On 4 June 2024, vendors at Nyamakoko stall lines in Lusaka rioted over a levy, stoning council guards.",
     "Lusaka", "Lusaka", "Zambia"),
]


@pytest.mark.parametrize("text, location, admin1, country", TOWN_AFTER_A_CUE)
def test_a_town_after_a_cue_is_looked_up_by_its_name_alone(text: str, location: str, admin1: str,
                                                           country: str) -> None:
    places = _places(text)
    assert places and places[0] == (location, admin1, country), places


ACLED_NAMES = [  # a country and its unit as ACLED's data names them, not GeoNames' local forms; text, admin1, country
    ("On 4 June 2024, taxi drivers held a slow drive in Prague (Prague) against a ride-hailing law. [size=dozens]",
     "Prague", "Czech Republic"),
    ("On 4 June 2024, fishermen protested in Rotterdam (South Holland) against a wind farm. [size=about 80]",
     "South Holland", "Netherlands"),
    ("On 4 June 2024, separatist fighters ambushed soldiers near Bamenda (Mezam, North-West region); 2 died.",
     "Nord-Ouest", "Cameroon"),
    ("On 4 June 2024, students marched in Heraklion (Crete) against fee rises. [size=hundreds]", "Crete", "Greece"),
    ("On 4 June 2024, dockers held a sit-in in Aktau (Mangystau region) over late wages. [size=about 50]",
     "Mangystau", "Kazakhstan"),
]


@pytest.mark.parametrize("text, admin1, country", ACLED_NAMES)
def test_countries_and_units_are_named_as_acled_names_them(text: str, admin1: str, country: str) -> None:
    places = _places(text)
    assert places and places[0][1:] == (admin1, country), places


BARE_TOWNS = [  # a town named with no unit and no country; text, ISO2
    # a country's capital named bare is that capital, not a smaller namesake elsewhere
    ("On 4 June 2024, hundreds of nurses marched to the parliament in Wellington for safe staffing. [size=hundreds]",
     "NZ"),
    ("On 4 June 2024, pensioners rallied outside the finance ministry in Athens against tax changes. [size=hundreds]",
     "GR"),
    # a town named as what a rally is for is no signal of where it is, the town the rally is in is
    ("On 4 June 2024, several thousand people rallied in Tel Aviv for a ceasefire in Gaza. [size=several thousand]",
     "IL"),
    ("On 4 June 2024, about 300 people marched in Vilnius supporting Ukraine. [size=about 300]", "LT"),
]


@pytest.mark.parametrize("text, iso2", BARE_TOWNS)
def test_a_bare_town_names_its_country(text: str, iso2: str) -> None:
    from warledger.theatre.country import find_country

    assert find_country(text).code == iso2


def test_a_country_name_after_a_cue_is_no_town() -> None:
    # "to Yemen", "in Saudi Arabia": a country's name, looked up alone, is no place of the country (a guarded case of
    # the look-up by a name alone above: it must not become a town of a like spelling)
    from warledger.geocode import _names_a_country

    assert _names_a_country("Saudi Arabia has an unclear position", 0)
    assert _names_a_country("Yemen said", 0)
    assert not _names_a_country("Almaty gathered", 0)
