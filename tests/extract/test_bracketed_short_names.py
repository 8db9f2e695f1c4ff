"""A named group written with its short form in brackets and a generic noun after it ("X (ABC) militants") is one
actor, not the group plus an unidentified armed group (session 16; invented notes)."""
from __future__ import annotations

from warledger.extract import extract_text


def test_a_name_its_short_form_and_a_generic_noun_are_one_actor() -> None:
    inc = extract_text("On 2 June 2023, Boko Haram (JAS) militants abducted four herders near Banki (Bama, "
                       "Borno).")[0]
    assert inc.actor1 == "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
    assert inc.actor2 == "Civilians (Nigeria)"


def test_the_folded_mention_keeps_its_evidence_on_the_name() -> None:
    text = "On 2 June 2023, Boko Haram (JAS) militants abducted four herders near Banki (Bama, Borno)."
    inc = extract_text(text)[0]
    ev = [e for e in inc.evidence if e.field == "actor1"]
    assert ev and text[ev[0].start:ev[0].end].startswith("Boko Haram")


def test_an_acronym_of_another_group_in_brackets_stays_apart() -> None:
    # the bracket names a different group: both sides stay
    inc = extract_text("On 2 June 2023, Boko Haram fighters clashed with ISWAP (Islamic State West Africa) militants "
                       "near Gwoza (Gwoza, Borno).")[0]
    assert inc.actor1 is not None and inc.actor2 is not None and inc.actor1 != inc.actor2
