"""A paragraph break (two or more line breaks, blanks allowed between) ends a place phrase and a sentence, and
bounds a paragraph wherever extraction reads one (dates carried, recalled events, the lead's attacker).

Invented places and wording.  A phrase may still run over one line break (hard-wrapped text)."""
from __future__ import annotations

import random
import re

import pytest

from warledger.extract import extract_text
from warledger.extract.places import find_places
from warledger.extract.segment import GAP, GAP0, sentences, within_paragraph
from warledger.extract.spans import Paragraphs

BREAKS = ["\n\n", "\n \n", "\n\t\n  ", "\r\n\r\n", "\n\n\n"]


def _phrases(text: str) -> list[str]:
    return [p.phrase for p in find_places(text, 0, len(text))]


@pytest.mark.parametrize("brk", BREAKS)
def test_locative_tail_stops_at_a_paragraph_break(brk: str) -> None:
    text = f"A drone struck near Ain Qarmoun,{brk}in the countryside of Hama, two men said."
    assert _phrases(text)[0] == "Ain Qarmoun"


def test_locative_tail_runs_over_one_line_break() -> None:
    text = "A drone struck near Ain Qarmoun,\nin the countryside of Hama, two men said."
    assert _phrases(text)[0] == "Ain Qarmoun,\nin the countryside of Hama"


@pytest.mark.parametrize("brk", BREAKS)
def test_type_word_after_a_name_stays_in_its_paragraph(brk: str) -> None:
    text = f"Shells fell on Tell Dabbour{brk}village elders counted four dead."
    assert _phrases(text)[0] == "Tell Dabbour"


@pytest.mark.parametrize("brk", BREAKS)
def test_type_word_and_name_in_two_paragraphs_are_no_phrase(brk: str) -> None:
    text = f"Clashes went on near the hamlet of{brk}Beit Wazzan fighters said nothing."
    assert all("hamlet" not in p for p in _phrases(text))


def test_the_village_x_ends_at_a_paragraph_break() -> None:
    # "the town X" is a place when a full stop, comma or paragraph break follows the name, not a run of words
    text = "Rockets hit the town Qasr Mahin\n\nLocal medics said three were hurt."
    assert _phrases(text)[0] == "town Qasr Mahin"


def test_from_in_the_last_paragraph_does_not_exclude_the_next_place() -> None:
    text = "Families fled from\n\nthe village of Tell Nour, where a shell killed two."
    ps = find_places(text, 0, len(text))
    assert ps and ps[0].name == "Tell Nour" and not ps[0].excluded


@pytest.mark.parametrize("brk", BREAKS)
def test_sentences_end_at_a_paragraph_break(brk: str) -> None:
    text = f"Shelling hit Kafr Umran{brk}Northern Front fighters withdrew."
    got = [text[s.start:s.end] for s in sentences(text, 0, len(text), [])]
    assert got == ["Shelling hit Kafr Umran", "Northern Front fighters withdrew."]


def test_gaps_hold_at_most_one_line_break() -> None:
    for rx in (GAP, GAP0):
        assert re.fullmatch(rx, " \n  ") and re.fullmatch(rx, "\r\n")
        assert not re.fullmatch(rx, " \n \n") and not re.fullmatch(rx, "\n\n")
    assert re.fullmatch(GAP0, "") and not re.fullmatch(GAP, "")
    assert re.fullmatch(within_paragraph(r"a\s*,?\s+b"), "a ,\nb")
    assert not re.fullmatch(within_paragraph(r"a\s*,?\s+b"), "a\n\nb")
    with pytest.raises(ValueError, match="lone"):
        within_paragraph(r"a\sb")


def test_paragraph_lookups_equal_the_blank_line_search_on_plain_breaks() -> None:
    rnd = random.Random(7)
    for _ in range(200):
        text = "".join(rnd.choice("ab\n\n") for _ in range(rnd.randint(0, 40)))
        paras = Paragraphs(text)
        for pos in range(len(text) + 1):
            for lo in (0, pos // 2):
                assert paras.rfind(pos, lo) == text.rfind("\n\n", lo, pos), (text, pos, lo)
            assert paras.find(pos, len(text)) == text.find("\n\n", pos, len(text)), (text, pos)


@pytest.mark.parametrize("brk", ["\n \n", "\r\n\r\n", "\n\t\n"])
def test_a_blank_line_holding_blanks_is_a_paragraph_break(brk: str) -> None:
    text = "ab\ncd" + brk + "ef\n\ngh"
    paras = Paragraphs(text)
    assert paras.rfind(len(text)) == text.index("\n\n")
    assert paras.rfind(text.index("ef")) == text.index(brk) + brk.index("\n")
    assert paras.find(0, len(text)) == text.index(brk) + brk.index("\n")
    assert paras.find(0, text.index("ef") - 1) == -1  # the break has not ended there


# a recalled event in its own paragraph ("Earlier, ...") is background, its date not carried from the paragraph
# before; the same with blanks on the blank lines, or CRLF line ends
RECALLED = ("Regime shelling kills three in Tell Jadid\n\n"
            "Three civilians were killed on Tuesday in artillery shelling by regime forces on Tell Jadid village in "
            "the southern countryside of Idlib.\n\n"
            "Earlier, a child was killed by gunfire on the outskirts of Kafr Sajna.\n\n"
            "Two women were injured when a shell struck a house in Maarat Hamra.")


def _reading(text: str) -> list[tuple[object, ...]]:
    return [(r.kind, r.event_date, r.actor1, r.place.name, [p.split(":")[0] for p in r.problems])
            for r in extract_text(text, "2022-03-10")]


@pytest.mark.parametrize("brk", ["\n \n", "\r\n\r\n", "\n\t\n"])
def test_paragraphs_read_the_same_whatever_blanks_their_blank_lines_hold(brk: str) -> None:
    plain = _reading(RECALLED)
    assert [(k, d, p) for k, d, _, p, _ in plain] == [("incident", "2022-03-08", "Tell Jadid"),
                                                      ("aggregate", "2022-03-10", "Kafr Sajna"),
                                                      ("incident", "2022-03-10", "Maarat Hamra")]
    assert _reading(RECALLED.replace("\n\n", brk)) == plain
