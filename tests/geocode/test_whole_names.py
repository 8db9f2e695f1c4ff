"""A place whose own name ends in a descriptor word ("Cape Town", "Guatemala City") is found by its whole name, not
by what is left without the descriptor ("Cape" -> Northern Cape); "<town> city" still finds the town."""
from __future__ import annotations

import pytest

CASES = [  # phrase, ISO2, location, admin1
    ("Cape Town", "ZA", "Cape Town", "Western Cape"),
    ("Guatemala City", "GT", "Guatemala City", "Guatemala"),
    ("Kuwait City", "KW", "Kuwait City", None),
    ("Kherson city", "UA", "Kherson", "Kherson"),
]


@pytest.mark.parametrize("phrase, cc, location, admin1", CASES)
def test_a_descriptor_word_in_a_town_s_own_name_is_kept(phrase: str, cc: str, location: str,
                                                       admin1: str | None) -> None:
    from warledger.geocode import load_geocoder

    r = load_geocoder(None).resolution(phrase, country=cc)
    assert r.location == location, (r.location, r.admin1, r.problems)
    assert admin1 is None or r.admin1 == admin1, (r.location, r.admin1, r.problems)
    assert not any("ambiguous" in p for p in r.problems), r.problems
