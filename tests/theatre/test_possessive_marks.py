"""Country detection drops a possessive's apostrophe and every mark before it reads the signals: the possessive is
found from its apostrophe (country._POSSESSIVE) and the marks dropped by replaces (country._unmarked); both give
what the plain forms gave.  Invented wording."""
from __future__ import annotations

import random
import re

from warledger.theatre import country as C

_PLAIN_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_PLAIN_MARKS = str.maketrans("", "", "'’‘`ʿʾ")
PIECES = ["Qarvel", "'s", "’s", "s", "‘", "`", "ʿ", "ʾ", " ", "-", "_", "٣", "İ", "é", "\n", "x", "'", "’", "sb", "."]


def test_the_same_text_as_the_plain_forms() -> None:
    rnd = random.Random(14)
    for _ in range(3000):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randrange(0, 12)))
        assert C._POSSESSIVE.sub("~s", text) == _PLAIN_POSSESSIVE.sub("~s", text), text
        assert C._unmarked(text) == text.translate(_PLAIN_MARKS), text


def test_a_possessive_is_marked_and_the_marks_dropped() -> None:
    text = "Hama’s countryside and Nu‘man's edge; the 'village'"
    assert C._unmarked(C._POSSESSIVE.sub("~s", text)) == "Hama~s countryside and Numan~s edge; the village"
