"""ACLED's notes put a place's first-level unit in brackets after it, and a word saying what kind of place it is may
stand between them ("a village in Kani township (Sagaing)", "Tarkwa village (Western)").  The pair still names the
country: a village no gazetteer knows, in a unit of that spelling in one country only, is placed in that country and
unit.  Invented wording and villages."""
from __future__ import annotations

import pytest

from warledger.theatre import country as C

NOTES = [  # text, ISO2, country, admin1
    ("On 2 April 2024, military jets bombed Thazi-gon village (Sagaing), killing 3 civilians.", "MM", "Myanmar", "Sagaing"),
    ("On 2 April 2024, soldiers burned houses in Ywar-thit-kone township (Magway).", "MM", "Myanmar", "Magway"),
    ("On 2 April 2024, soldiers arrested 6 youths in Kyonpyawlay ward (Ayeyarwady).", "MM", "Myanmar", "Ayeyarwady"),
]


@pytest.mark.parametrize("text, iso2, country, admin1", NOTES)
def test_a_kind_word_between_the_place_and_its_bracketed_unit(text: str, iso2: str, country: str, admin1: str) -> None:
    assert C.find_country(text).code == iso2

    from warledger.geocode import load_geocoder
    from warledger.pipeline import process
    from warledger.record import Report

    report = process(Report(id="n", text=text), load_geocoder(None))
    places = [(i.place.country, i.place.admin1) for i in report.incidents]
    assert places and all(p == (country, admin1) for p in places), places


def test_an_acronym_after_a_kind_word_names_no_country() -> None:
    # "(IS)" after "the camp" is the group's acronym, not a unit
    assert C.find_country("On 2 April 2024, fighters attacked a camp (IS) near the river.").code is None
