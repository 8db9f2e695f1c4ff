"""A demonym or an actor's acronym followed by a noun for armed men or their posts names forces, not a place:
"attacked Kenyan troops near X", "shelled FARDC positions near Y" are placed at X and Y.  Demonyms and actor
names come from the theatre bundles; invented villages and wording."""
from __future__ import annotations

import pytest

from warledger.extract import extract_text
from warledger.extract.forces import is_forces
from warledger.extract.places import find_places
from warledger.theatre.context import reading_in


def _phrases(text: str) -> list[str]:
    return [i.place.phrase or "" for i in extract_text(text) if i.kind == "incident"]


@pytest.mark.parametrize("text, demonym, place", [
    ("On 3 May 2023, al-Shabaab fighters attacked Kenyan troops near Gatundu Mbili in Lamu county, killing 2 soldiers.",
     "Kenyan", "Gatundu Mbili"),
    ("On 3 May 2023, ISWAP militants ambushed Nigerian soldiers near Kware Dutsi in Borno, killing 4 soldiers.",
     "Nigerian", "Kware Dutsi"),
    ("On 3 May 2023, JNIM fighters shelled Malian positions near Tin Awsa in Gao, killing 3 soldiers.",
     "Malian", "Tin Awsa"),
])
def test_a_demonym_before_a_unit_noun_is_no_place(text: str, demonym: str, place: str) -> None:
    phrases = _phrases(text)
    assert phrases and not any(p.startswith(demonym) for p in phrases)
    assert any(place in p for p in phrases)


def test_an_acronym_of_the_theatres_forces_before_a_unit_noun_is_no_place() -> None:
    text = "On 3 May 2023, M23 rebels shelled FARDC positions near Kamatembe in North Kivu, killing 3 soldiers."
    phrases = _phrases(text)
    assert phrases and "FARDC" not in " ".join(phrases) and any("Kamatembe" in p for p in phrases)


def test_a_place_before_a_unit_noun_is_still_a_place() -> None:
    # "Baidoa checkpoints": a town's name before the noun stays a place (no demonym, no actor's name)
    text = "Gunmen attacked Dusamareeb checkpoints on Monday."
    with reading_in("SO"):
        mentions = find_places(text, 0, len(text))
        assert mentions and not any(is_forces(text, p) for p in mentions)


def test_a_demonym_with_no_unit_noun_after_it_is_left_to_the_place_reader() -> None:
    text = "Shelling hit Kenyan border villages near Gatundu Mbili."
    with reading_in("KE"):
        assert not any(is_forces(text, p) for p in find_places(text, 0, len(text)))


def test_a_mention_whose_phrase_runs_past_the_name_is_kept_for_its_tail() -> None:
    # "targeted JTS at the outskirts of Tell Warda village": the geocoder places the phrase by its tail
    text = "On 3 May 2021, regime forces targeted JTS at the outskirts of Tell Warda village."
    with reading_in("SY"):
        mentions = find_places(text, 0, len(text))
        jts = [p for p in mentions if p.name == "JTS"]
        assert jts and jts[0].phrase.endswith("Tell Warda village") and not is_forces(text, jts[0])
