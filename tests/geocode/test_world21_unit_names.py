"""Units of European and other countries named as ACLED's data names them (data/world_admin1.tsv, world21): the
regions of Italy and Spain and the states of Austria in English, Denmark's, Belgium's and Croatia's units in English,
Belarus' regions by their seats' English names, Taiwan's city units, Azad Kashmir, Doha, Dhofar, Alger, Lisboa; the
GeoNames form of the name stays one of the unit's names, so a text that writes it still finds the unit.  Invented
wording."""
from __future__ import annotations

import pytest

TOWNS = [  # town, ISO2, ACLED's admin1
    ("Milan", "IT", "Lombardy"), ("Turin", "IT", "Piedmont"), ("Palermo", "IT", "Sicily"),
    ("Seville", "ES", "Andalusia"),
    ("Bilbao", "ES", "Basque Country"), ("Graz", "AT", "Styria"), ("Aarhus", "DK", "Central Jutland"),
    ("Liege", "BE", "Wallonia"), ("Split", "HR", "Split-Dalmatia"), ("Grodno", "BY", "Grodno"),
    ("Kaohsiung", "TW", "Kaohsiung City"), ("Muzaffarabad", "PK", "Azad Kashmir"), ("Doha", "QA", "Doha"),
    ("Salalah", "OM", "Dhofar"), ("Lisbon", "PT", "Lisboa"),
]


@pytest.mark.parametrize("town, cc, admin1", TOWNS)
def test_a_town_s_unit_is_named_as_acled_names_it(town: str, cc: str, admin1: str) -> None:
    from warledger.geocode import load_geocoder

    r = load_geocoder(None).resolution(town, country=cc)
    assert r.admin1 == admin1, (town, r.location, r.admin1, r.problems)


def test_the_geonames_name_still_finds_the_unit() -> None:
    from warledger.geocode import load_geocoder

    r = load_geocoder(None).resolution("Lombardia", country="IT")
    assert r.admin1 == "Lombardy", (r.location, r.admin1, r.problems)
