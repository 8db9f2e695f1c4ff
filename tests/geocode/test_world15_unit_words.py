"""ACLED's notes outside the Middle East name a place by the unit below the first level it lies in: "X township of
Yangon", "X LGA of Kaduna", "X territory", "X county".  The unit word belongs to the place phrase (its tail "of Y"
then says where it is), and is no part of the place's name when it is looked up.  Invented wording."""
from __future__ import annotations

import pytest

NOTES = [  # text, country, admin1, location
    ("On 5 May 2024, protesters marched in Thingangyun township of Yangon.", "Myanmar", "Yangon", "Thin Gan Kyun Gyi"),
    ("On 5 May 2024, gunmen killed 3 farmers in Kauru LGA of Kaduna.", "Nigeria", "Kaduna", "Kauru"),
]


@pytest.mark.parametrize("text, country, admin1, location", NOTES)
def test_a_place_named_by_its_unit_word(text: str, country: str, admin1: str, location: str) -> None:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process
    from warledger.record import Report

    report = process(Report(id="n", text=text), load_geocoder(None))
    places = [(i.place.country, i.place.admin1, i.place.location) for i in report.incidents]
    assert places and all(p == (country, admin1, location) for p in places), places


def test_the_unit_word_is_part_of_the_place_phrase() -> None:
    from warledger.extract.places import find_places

    text = "Soldiers raided homes in Kitwanga county of Ruvero and in Lumbo territory."
    assert [p.phrase for p in find_places(text, 0, len(text))] == ["Kitwanga county of Ruvero", "Lumbo territory"]
