"""An actor's name ends at a paragraph break: a unit's name read from the text, a lexicon alias, a named group
joined with the generic word after it.  Invented places and units; a name may still run over one line break
(hard-wrapped text)."""
from __future__ import annotations

import pytest

from warledger.extract import extract_text
from warledger.extract.actors import find_actors
from warledger.extract.segment import crosses_paragraph, paragraph_pieces
from warledger.theatre.context import reading_in

BREAKS = ["\n\n", "\n \n", "\n\t\n  ", "\r\n\r\n", "\n\n\n"]


def _spans(text: str) -> list[str]:
    with reading_in("SY"):
        return [text[m.start:m.end] for m in find_actors(text)]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_unit_named_in_the_text_stays_in_its_paragraph(brk: str) -> None:
    text = f"Drones struck near Tell Qarwan{brk}The Velmar{brk}Brigade shelled Deir Safsaf."
    assert not any(crosses_paragraph(s, 0, len(s)) for s in _spans(text))
    assert "Tell Qarwan" not in " ".join(_spans(text))


def test_a_unit_name_runs_over_one_line_break() -> None:
    text = "Gunmen of the Velmar Hills\nBrigade shelled Deir Safsaf."
    assert "Velmar Hills\nBrigade" in _spans(text)


@pytest.mark.parametrize("brk", BREAKS)
def test_a_lexicon_alias_stays_in_its_paragraph(brk: str) -> None:
    text = f"Two shepherds were hurt when Syrian Democratic{brk}Forces shelled Umm Jirwan."
    assert all("Democratic" not in s or "Forces" not in s for s in _spans(text))
    assert "Syrian Democratic\nForces" in _spans("Two shepherds were hurt when Syrian Democratic\nForces shelled Umm Jirwan.")


@pytest.mark.parametrize("brk", BREAKS)
def test_a_named_group_and_a_generic_word_in_two_paragraphs_are_two_mentions(brk: str) -> None:
    spans = _spans(f"Fighters of the Syrian Democratic Forces{brk}gunmen stormed Umm Jirwan.")
    assert spans[0] == "Syrian Democratic Forces"
    assert _spans("Fighters of the Syrian Democratic Forces\ngunmen stormed Umm Jirwan.")[0] == \
        "Syrian Democratic Forces\ngunmen"


def test_records_carry_no_actor_across_a_paragraph_break() -> None:
    text = "Warplanes struck near Ain Qarwan\n\nThe Syrian\n\nArmy shelled Deir Safsaf in the countryside of Hama."
    for rec in extract_text(text):
        for name in (rec.actor1, rec.actor2):
            assert name is None or "\n" not in name, name


def test_paragraph_pieces_leave_the_breaks_out() -> None:
    text = "ab\n\ncd\n \n\nef\ngh"
    assert [text[a:b] for a, b in paragraph_pieces(text, 0, len(text))] == ["ab", "cd", "\nef\ngh"]
    assert paragraph_pieces(text, 11, len(text)) == [(11, len(text))]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_weapon_trigger_stays_in_its_paragraph(brk: str) -> None:
    # a report of one event is classified on its whole body: its trigger words must still be one paragraph's
    text = f"Two farmers were killed in Kafr Samdun in the countryside of Hama.{brk}The regime air{brk}strikes hit the mill."
    for rec in extract_text(text):
        for ev in rec.evidence:
            if ev.field in ("sub_event_type", "weapon"):
                assert not crosses_paragraph(text, ev.start, ev.end), ev
    one = extract_text("Two farmers were killed in Kafr Samdun in the countryside of Hama.\n\nThe regime air\nstrikes hit the mill.")
    assert any(ev.field == "weapon" and ev.text == "air\nstrikes" for rec in one for ev in rec.evidence)


@pytest.mark.parametrize("brk", BREAKS)
def test_an_arabic_actor_name_stays_in_its_paragraph(brk: str) -> None:
    # "two civilians killed in the village of Kafr Samdun (invented) by shelling of the air force<break>Russian ..."
    text = f"مقتل مدنيين اثنين في قرية كفر سمدون بريف حماة جراء قصف الطيران{brk}الروسي على القرية"
    for rec in extract_text(text):
        for ev in rec.evidence:
            if ev.field == "actor1":
                assert not crosses_paragraph(text, ev.start, ev.end), ev
    one = extract_text("مقتل مدنيين اثنين في قرية كفر سمدون بريف حماة جراء قصف الطيران\nالروسي على القرية")
    assert any(ev.field == "actor1" and ev.text == "الطيران\nالروسي" for rec in one for ev in rec.evidence)


@pytest.mark.parametrize("brk", BREAKS)
def test_an_arabic_event_phrase_stays_in_its_paragraph(brk: str) -> None:
    # "two civilians killed in the village of Kafr Samdun (invented) by an explosive<break>device": no IED read
    text = f"مقتل مدنيين اثنين في قرية كفر سمدون بريف حماة جراء عبوة{brk}ناسفة"
    for rec in extract_text(text):
        for ev in rec.evidence:
            assert not crosses_paragraph(text, ev.start, ev.end), ev
    one = extract_text("مقتل مدنيين اثنين في قرية كفر سمدون بريف حماة جراء عبوة\nناسفة")
    assert [r.weapon for r in one] == ["IED"]
