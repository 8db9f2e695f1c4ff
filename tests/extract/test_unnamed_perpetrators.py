"""ACLED's codebook on invented notes (session 16): violence against civilians always has a perpetrator, an
unidentified armed group when the note names none ("was shot at"); one unknown gunman or militant is such a group as
much as several; forces written as a party's ("pro-Islah forces" in Yemen) are the government's side."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def test_an_attack_on_civilians_with_no_side_named_is_an_unidentified_groups() -> None:
    inc = first("On 3 March 2021, a minibus carrying farm workers was shot at near Kifri, Diyala, with no casualties "
                "reported.")
    assert inc.event_type == "Violence against civilians"
    assert (inc.actor1, inc.actor2) == ("Unidentified Armed Group (Iraq)", "Civilians (Iraq)")
    assert any(p.startswith("W-ACTOR-UNNAMED") for p in inc.problems)


def test_one_unknown_militant_is_an_unidentified_armed_group() -> None:
    inc = first("On 3 March 2021, an unknown militant shot dead a shopkeeper in his store in the Al Jumhuriya area of "
                "Basrah city.")
    assert inc.actor1 == "Unidentified Armed Group (Iraq)"
    assert not any(p.startswith("W-ACTOR-UNNAMED") for p in inc.problems)  # named, if unknown


def test_pro_islah_forces_are_the_yemeni_government_side() -> None:
    assert first("On 3 March 2021, pro-Islah forces detained a journalist at a checkpoint in Ataq (Ataq, "
                 "Shabwah).").actor1 == "Military Forces of Yemen (2012-)"


def test_bodies_found_killed_are_civilians_killed_by_an_unidentified_group() -> None:
    inc = first("Around 3 March 2021 (as reported), two bodies were found shot dead in an olive grove near Sarmin in "
                "Idleb governorate. 2 fatalities.")
    assert inc.event_type == "Violence against civilians"
    assert (inc.actor1, inc.actor2) == ("Unidentified Armed Group (Syria)", "Civilians (Syria)")
