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


def test_the_coding_statement_is_read_only_where_location_is_written() -> None:
    assert C._coded_country("ACLED uses a Syrian location close to the border.", 0, 60) == "SY"
    assert C._coded_country("Events were coded to a location in Iraq.", 0, 45) == "IQ"
    # the statement's own word cut off by the span's end: no statement (as the pattern itself finds none)
    text = "ACLED uses a Syrian location close to the border."
    assert C._coded_country(text, 0, text.index("location") + 5) is None
    assert C._CODED_IN.search(text, 0, text.index("location") + 5) is None


def test_the_bracketed_unit_pattern_finds_what_the_plain_one_found() -> None:
    plain = re.compile(r"(?<![\w'’-])([A-Z][\w'’.]*(?:-[\w'’.]+)*(?:\s[A-Z][\w'’.]*(?:-[\w'’.]+)*){0,3})\s\(([A-Z][^()\d]{1,40})\)")
    rnd = random.Random(7)
    pieces = ["Qarvel", "Bint", "Jbeil", " ", "(", ")", "Nabatieh", "x", "-", "'", "’", "É", "3", ",", "Lac", "(Ouest)"]
    found = 0
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 14)))
        for pos in (0, 1, 2):
            want = [m.groups() + m.span() for m in plain.finditer(text, pos)]
            assert [m.groups() + m.span() for m in C._bracketed().finditer(text, pos)] == want, (text, pos)
            found += len(want)
    assert found > 20
