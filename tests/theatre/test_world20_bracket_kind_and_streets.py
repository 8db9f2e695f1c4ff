"""A unit in brackets may carry the word saying what kind of unit it is ("Kwamouth (Mai-Ndombe province)", "Tuapse
(Krasnodar region)", "(Tamu district, Sagaing region)"): the unit is still a country signal and the place is still
looked for in it; "the streets of X" and "the railway station of X" name the town X; a country's mission abroad ("the
United States consulate") is no signal of the country, and a country's name before a unit word ("Niger state") is a
unit's, not the country's.  Invented wording."""
from __future__ import annotations

from warledger.extract.places import find_places
from warledger.theatre import country as C


def test_the_kind_word_in_brackets_is_not_part_of_the_unit_name() -> None:
    assert C.bracket_unit("Mai-Ndombe province") == "Mai-Ndombe"
    assert C.bracket_unit("Tamu district, Sagaing region") == "Sagaing"
    assert C.bracket_unit("County Louth") == "Louth"
    assert C.bracket_unit("Kasese") == "Kasese"
    assert C.bracket_unit("Ouest") == "Ouest"


def test_a_unit_with_its_kind_word_names_the_country() -> None:
    # no gazetteer town: the unit alone speaks (DR Congo's Mai-Ndombe)
    text = "On 3 May 2024, militiamen attacked an army post near Zabolinga (Mai-Ndombe province), killing two soldiers."
    assert C.find_country(text).code == "CD"
    # a town and its unit outweigh the demonym of the side that struck it
    text = "On 3 May 2024, Ukrainian drones set fire to a fuel depot in Tuapse (Krasnodar region)."
    assert C.find_country(text).code == "RU"


def _names(text: str) -> list[str]:
    return [p.name for p in find_places(text, 0, len(text))]


def test_the_streets_and_the_station_of_a_town_name_the_town() -> None:
    assert _names("On 2 May 2024, pensioners marched through the streets of Debrecen against the new tax.") == \
        ["Debrecen"]
    assert _names("On 2 May 2024, fans fought the police near the railway station of Utrecht.") == ["Utrecht"]
    assert C.find_country("On 2 May 2024, pupils formed a human chain along the streets of Pecs.").code == "HU"
    found = find_places(t := "On 2 May 2024, hundreds took to the streets of Debrecen over pay.", 0, len(t))
    assert [(p.name, p.excluded) for p in found] == [("Debrecen", False)]


def test_a_country_s_mission_is_not_where_the_rally_is() -> None:
    text = "On 2 May 2024, students rallied outside the United States consulate in Leipzig against the war."
    assert C.find_country(text).code != "US"
    text = "On 2 May 2024, hundreds marched to the embassy of France in Bamako."
    assert C.find_country(text).code != "FR"
    assert C.find_country("On 2 May 2024, hundreds marched to the Israeli embassy in Amman.").code == "JO"


def test_a_country_s_name_before_a_unit_word_is_the_unit() -> None:
    # Nigeria's Niger state, not the Republic of Niger
    assert C.find_country("On 2 May 2024, gunmen killed three farmers near Bida in Niger state.").code == "NG"
    assert C.find_country("On 2 May 2024, gunmen killed three farmers near Tahoua in Niger.").code == "NE"
