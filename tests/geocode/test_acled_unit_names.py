"""A town of a country no theatre's admin table describes takes its first-level unit under the name ACLED's data
gives it, where GeoNames' name differs (data/world_admin1.tsv): a short English or older form, a Hebrew district
name, Kyiv's city unit told from its oblast."""
from __future__ import annotations

import pytest

TOWNS = [  # town, ISO2, ACLED's admin1
    ("Zaporizhzhia", "UA", "Zaporizhia"), ("Kyiv", "UA", "Kyiv City"), ("Mogadishu", "SO", "Banadir"),
    ("Abuja", "NG", "Federal Capital Territory"), ("Islamabad", "PK", "Islamabad Capital Territory"),
    ("Nazareth", "IL", "HaZafon"), ("Gondar", "ET", "Amhara"), ("Mekele", "ET", "Tigray"),
    ("Timbuktu", "ML", "Timbuktu"), ("Manila", "PH", "Metropolitan Manila"), ("Zahle", "LB", "Bekaa"),
    ("Chittagong", "BD", "Chittagong"),
]


@pytest.mark.parametrize("town, cc, admin1", TOWNS)
def test_a_town_s_unit_is_named_as_acled_names_it(town: str, cc: str, admin1: str) -> None:
    from warledger.geocode import load_geocoder

    r = load_geocoder(None).resolution(town, country=cc)
    assert r.admin1 == admin1, (town, r.location, r.admin1, r.problems)
