"""Mechanisms measured on the world notes (tests/realdata/world_notes.jsonl): a town with its own unit in
brackets names the country, a country with no bundle knows its own demonym, a violent crowd is a riot even when
force answers it, "riot police" are no riot, and rioters, worshippers or patients killed are counted.  The notes are written for
these tests (our own wording; real towns, so that the built-in world gazetteer can place them)."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_report
from warledger.extract.actor_lexicon import _demonym_of_name
from warledger.record import Incident, Report
from warledger.theatre.country import _bracket_weights, find_country


def _incidents(text: str, country: Optional[str] = None) -> list[Incident]:
    report = extract_report(Report(id="t", text=text, country=country))
    incs = [i for i in report.incidents if isinstance(i, Incident) and i.kind == "incident"]
    assert incs, text
    return incs


@pytest.mark.parametrize("text, country", [
    # a demonym of another country names the force, the bracketed unit the place
    ("On 4 March 2024, Ukrainian drones hit a depot in Belgorod (Belgorod). No casualties reported.", "RU"),
    ("On 2 April 2024, an Israeli drone hit a motorbike near Bint Jbeil (Nabatieh). 1 fatality.", "LB"),
    # a name shared by two countries' cities: the unit in brackets settles it
    ("On 6 May 2023, unidentified men kidnapped a shopkeeper in Tripoli (Tripoli).", "LY"),
])
def test_a_town_with_its_own_unit_in_brackets_names_the_country(text: str, country: str) -> None:
    assert find_country(text).code == country


def test_a_bracketed_name_that_is_not_the_towns_unit_names_only_the_units_country() -> None:
    # Belgorod is not in Nabatieh: the pair does not give the town's country; only the unit speaks, at half weight,
    # as for a village no gazetteer knows (a namesake of a foreign town: "Bal'ad (Middle Shabelle)"), world13
    text = "On 4 March 2024, a depot was hit in Belgorod (Nabatieh)."
    assert _bracket_weights(text, 0, len(text))[0] == {"LB": 1.5}
    text = "On 4 March 2024, a depot was hit in Belgorod (Belgorod)."
    assert _bracket_weights(text, 0, len(text))[0] == {"RU": 3.0}


@pytest.mark.parametrize("word, name, own", [
    ("venezuelan", "venezuela", True), ("chadian", "chad", True), ("thai", "thailand", True),
    ("lebanese", "lebanon", True), ("turkish", "turkey", True), ("iraqi", "iran", False),
    ("indian", "indonesia", False), ("austrian", "australia", False),
])
def test_a_demonym_by_the_spelling_of_its_countrys_name(word: str, name: str, own: bool) -> None:
    assert _demonym_of_name(word, name) is own


def test_a_countrys_own_soldiers_where_it_has_no_bundle() -> None:
    incs = _incidents("On 3 May 2022, Venezuelan soldiers clashed with armed men near Guasdualito. 2 fatalities.",
                      country="VE")
    assert "Military Forces of Venezuela (2013-)" in {a for i in incs for a in (i.actor1, i.actor2)}


def test_a_violent_crowd_met_with_live_fire_is_a_riot() -> None:
    incs = _incidents("On 5 June 2022, rioters threw stones at the police in Moundou, who fired live rounds. "
                      "2 rioters were killed.", country="TD")
    assert {(i.event_type, i.sub_event_type) for i in incs} == {("Riots", "Violent demonstration")}
    assert sum(i.fatalities or 0 for i in incs) == 2


def test_riot_police_do_not_make_a_riot() -> None:
    incs = _incidents("On 9 June 2021, riot police used water cannon to disperse students protesting in Bangkok.",
                      country="TH")
    assert {i.sub_event_type for i in incs} == {"Protest with intervention"}


def test_worshippers_and_patients_killed_are_counted() -> None:
    incs = _incidents("On 2 July 2023, a bomb went off in a mosque in Peshawar, killing 4 worshippers.", country="PK")
    assert sum(i.fatalities or 0 for i in incs) == 4
    incs = _incidents("On 8 May 2024, a drone hit the hospital of El Fasher, killing 6 patients.", country="SD")
    assert sum(i.fatalities or 0 for i in incs) == 6
