"""The gazetteer look-up of a text (no place phrase extracted) keeps a cue, its name and the phrase's tail in one
paragraph.  Invented wording; places from the hand-made fixture gazetteer."""
from __future__ import annotations

from warledger.geocode import Geocoder
from warledger.geocode.scan import find_place


def test_phrase_tail_stops_at_a_paragraph_break(geocoder: Geocoder) -> None:
    text = "A shell fell near Tell Safra\n\nSeveral witnesses spoke to local media later."
    hit = find_place(geocoder.resolver, text)
    assert hit is not None and hit[2] == "Tell Safra"


def test_phrase_tail_runs_over_one_line_break(geocoder: Geocoder) -> None:
    text = "A shell fell near Tell Safra\nbehind the school"
    hit = find_place(geocoder.resolver, text)
    assert hit is not None and hit[2] == "Tell Safra\nbehind the school"


def test_cue_and_name_in_two_paragraphs_are_no_match(geocoder: Geocoder) -> None:
    text = "Strikes went on in\n\nTell Safra residents said nothing."
    assert find_place(geocoder.resolver, text) is None
    assert find_place(geocoder.resolver, text.replace("\n\n", " ")) is not None
