"""The scanner's jump (one search for the next word some row can begin: one branch per first character, then the
second characters, each with the third and fourth ones) stops at every word where a row matches: the scanner finds what one alternation tried
at every word start finds."""
from __future__ import annotations

import random
import re

from warledger.extract.scanner import LEFT, RIGHT, _STARTS, Scanner

# invented rows: capitalised (case-kept first letter) and lower-case ones, one-letter and Arabic ones
PATS = [r"(?P<p0>(?:zorvan\s+)?pikemen|pike\s+guard)", r"(?P<p1>(?-i:Q)uell\s+(?:militia|fighters))",
        r"(?P<p2>(?-i:[A-Z])orn\s+riders|ostrel)", r"(?P<p3>a\s+patrol|ambush(?:ed)?)", r"(?P<p4>x)",
        r"(?P<p5>قصف|غارة)", r"(?P<p6>\d+\s+lancers)", r"(?P<p7>ſtrike|strikes?)"]
PIECES = ["Zorvan pikemen", "PIKE guard", "pike", "Quell militia", "quell fighters", "Horn riders", "horn riders",
          "OSTREL", "a patrol", "ambushed", "x", "X", "xylem", "قصف", "بقصف", "12 lancers", "ſtrike",
          "STRIKES", " ", ", ", "-", "the ", "in ", "Kelvin ", "\u212aelvin ", "pre-",
          # third characters: "pik" and "pi " begin rows, "pin" none; "am", "amb", "am-"; "st", "str", "sto"
          "pin ", "pi ke", "amble", "am-bush", "am", "stone", "stri", "st rike", "ostrich", "os", "ZORVAN", "zo",
          # fourth characters: "ambu" and "ostr" begin rows, "ambi", "osti", "Ques" none; "amb-", "ost", "a pa"
          "ambit", "amb-", "ostia", "ost", "Quest", "Que", "a pa", "a pi", "pike-", "ambu"]


def _reference(text: str) -> list[tuple[int, int, str]]:
    rx = re.compile(LEFT + "(?:" + "|".join(PATS) + ")" + RIGHT, re.IGNORECASE)
    out, pos = [], 0
    while (w := _STARTS.search(text, pos)) is not None:
        m = rx.match(text, w.start())
        if m is not None and m.end() > w.start():
            out.append((m.start(), m.end(), (m.lastgroup or "").split("_")[0]))
            pos = m.end()
        else:
            pos = w.start() + 1
    return out


def test_the_scanner_finds_what_one_alternation_at_every_word_finds() -> None:
    sc = Scanner(PATS)
    rnd = random.Random(11)
    found = 0
    for _ in range(800):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randrange(1, 14)))
        got = [(m.start(), m.end(), sc.group(m)) for m in sc.finditer(text)]
        assert got == _reference(text), text
        found += len(got)
    assert found > 150


def test_the_jump_passes_over_a_word_whose_third_character_begins_no_row() -> None:
    sc = Scanner(PATS[:6])  # (a row that may begin with a letter outside ASCII and Arabic, "ſ", stops it everywhere)
    jump = sc._tame.jump
    assert jump.search("pin amid stone osprey") is None  # "pin", "ami", "sto", "osp": no row begins so
    assert [jump.search(w) is not None for w in ("pike", "ambush", "Quell", "ostrel", "am-")] == [True] * 5


def test_the_jump_passes_over_a_word_whose_fourth_character_begins_no_row() -> None:
    sc = Scanner(PATS[:6])
    jump = sc._tame.jump
    assert jump.search("ambit ostia Quest") is None  # "ambi", "osti", "Ques": the rows begin "ambu", "ostr", "Quel"
    assert [jump.search(w) is not None for w in ("ambush", "ostrel", "Quell", "amb-", "ost-", "Que.")] == [True] * 6
