"""country._any_of: a theatre's armed-group names searched as one Alternation find what the one pattern finds, and
the one pattern is kept where Alternation's first characters would not be exact."""
from __future__ import annotations

import re

from warledger.extract.alternation import Alternation
from warledger.theatre.country import _any_of

# invented group names, written as a bundle's actors.tsv patterns are
NAMES = [r"(?:zorvan\s+pikemen)", r"(?:brigade\s+of\s+the\s+(?:north|south)\s+wind)", r"(?:al-?qarith\s+legion)",
         r"(?:sons\s+of\s+ulm)"]
TEXTS = ["Fighters of the Zorvan  Pikemen ambushed a patrol.", "the Brigade of the North Wind and Al-Qarith Legion",
         "grandsons of Ulm", "sons of Ulmer", "Sons of Ulm, again", "pre-zorvan pikemen", "nothing here", "",
         "٣ Brigade of the south wind", "ZORVAN PIKEMEN-led"]


def _whole(alts: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])", re.IGNORECASE)


def _spans(rx: "re.Pattern[str] | Alternation", text: str) -> list[object]:
    return [(m.span() if (m := rx.search(text, a, b)) else None) for a in range(0, len(text) + 1, 3)
            for b in (len(text), min(len(text), a + 25))]


def test_group_names_are_searched_as_one_alternation_with_the_same_answers() -> None:
    rx = _any_of(NAMES)
    assert isinstance(rx, Alternation)
    whole = _whole(NAMES)
    assert any(whole.search(t) for t in TEXTS)
    for text in TEXTS:
        assert _spans(rx, text) == _spans(whole, text), text


def test_the_one_pattern_is_kept_where_a_name_may_begin_with_a_digit_or_be_empty() -> None:
    for alts in (NAMES + [r"(?:\d+(?:st|nd|rd|th)\s+brigade)"], NAMES + [r"(?:x)?"]):
        rx = _any_of(alts)
        assert not isinstance(rx, Alternation)
        for text in TEXTS + ["the ٣rd brigade moved"]:
            assert _spans(rx, text) == _spans(_whole(alts), text)
