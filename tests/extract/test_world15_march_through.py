"""A march or rally "through", "into" or "across" a place happened there (ACLED codes a protest march at the city it
crossed); other motion into or through a place ("shells fell into", "smuggled through") names no place of the event.
Invented wording."""
from __future__ import annotations

import pytest

from warledger.extract.places import find_places


@pytest.mark.parametrize("text, name", [
    ("On 4 May 2024, teachers marched through Lusaka to demand unpaid salaries.", "Lusaka"),
    ("On 4 May 2024, farmers marching into Quito blocked the main avenue.", "Quito"),
    ("On 4 May 2024, students paraded across Kampala with banners.", "Kampala"),
])
def test_a_march_through_a_place_is_there(text: str, name: str) -> None:
    assert [p.name for p in find_places(text, 0, len(text)) if not p.excluded] == [name]


@pytest.mark.parametrize("text", [
    "On 4 May 2024, weapons were smuggled through Qarvel by night.",
    "On 4 May 2024, gunmen fired into Ostrel from the hills.",
])
def test_other_motion_names_no_place(text: str) -> None:
    assert [p.name for p in find_places(text, 0, len(text))] == []


def test_the_march_is_placed_in_its_city() -> None:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process
    from warledger.record import Report

    text = "On 4 May 2024, thousands of people marched through Mexico City against the judicial reform."
    report = process(Report(id="n", text=text), load_geocoder(None))
    assert [(i.place.country, i.place.admin1) for i in report.incidents] == [("Mexico", "Mexico City")]
