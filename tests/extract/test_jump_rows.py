"""The jumps read each row's beginnings one by one.  alternation.Alternation's: a row that can also be a short acronym
("(?-i:3Q) fighters" or "return to ...") lets anything follow only the acronym's own letters, and a row whose third
or fourth character is a mark ("ta'vel") lets only that mark (or any other character the jump passes anyway)
follow; the jump used to stop at every word of the row's first two (three) letters ("retweet", "target").
scanner.Scanner's: a mark third or fourth likewise.  The matches stay those of the whole alternation (random texts of
the rows' words and near-misses)."""
from __future__ import annotations

import random
import re

from warledger.extract.alternation import Alternation
from warledger.extract.scanner import LEFT as SCAN_LEFT, RIGHT as SCAN_RIGHT, _STARTS, Scanner

# invented rows in the shape of the armed groups' lexicon: an acronym kept case-sensitive, a long name, a mark
ROWS = [r"(?:(?-i:3Q)(?:\s+(?:fighters|members))?|reclaimers\s+of\s+the\s+vale)",
        r"(?:ta['’]?vel\s+defence\s+army|(?-i:TDA))",
        r"(?:fo'?ra\s+militia)",
        r"(?:(?-i:KX)|kestrel\s+brigade)"]
LEFT, RIGHT = r"(?<![\w-])", r"(?![\w-])"


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in matches]  # type: ignore[attr-defined]


def test_the_jump_passes_words_no_row_can_begin() -> None:
    jump = Alternation(ROWS, LEFT, RIGHT)._jump
    for word in ("retweet", "report", "result", "target", "taxi", "tavas", "forward", "forum", "kettle"):
        assert jump.match(word) is None, word
    for word in ("3Q", "3q", "reclaimers", "ta'vel", "tavel", "TDA", "fo'ra", "fora", "KX", "kestrel"):
        assert jump.match(word) is not None, word  # (the jump is as loose about an acronym's case as before)


def test_the_same_matches_as_the_whole_alternation() -> None:
    rnd = random.Random(11)
    words = ["3Q", "3q", "3Q fighters", "reclaimers of the vale", "Reclaimers  of the Vale", "retweet", "re", "TDA",
             "tda", "Ta'vel defence army", "ta’vel Defence Army", "tavel defence army", "ta-vel", "fo'ra militia",
             "fora militia", "fo'rum", "KX", "kx", "Kestrel brigade", "kestrels", "ta'", "fo'", "re'"]
    pieces = words + [" ", "-", ", ", "x", "'", "’", "\n"]
    alt = Alternation(ROWS, LEFT, RIGHT)
    whole = re.compile(LEFT + "(?:" + "|".join(ROWS) + ")" + RIGHT, re.IGNORECASE)
    for _ in range(2000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 14)))
        assert _spans(alt.finditer(text)) == _spans(whole.finditer(text)), text
        cut = rnd.randrange(0, len(text) + 1)
        assert _spans(alt.finditer(text, 0, cut)) == _spans(whole.finditer(text, 0, cut)), (text, cut)


SCAN_ROWS = [r"(?P<g0>ta['’]?vel\s+riders)", r"(?P<g1>fo'?ra\s+militia|forge\s+guard)", r"(?P<g2>tarn\s+watch)"]
SCAN_WORDS = ["ta'vel riders", "ta’vel riders", "tavel riders", "fo'ra militia", "fora militia", "forge guard",
              "Tarn watch", "target", "taxi", "forum", "fork", "ta'", "fo'", "tarn", "ta", "fo"]


def _scan_reference(text: str) -> list[tuple[int, int, str]]:
    rx = re.compile(SCAN_LEFT + "(?:" + "|".join(SCAN_ROWS) + ")" + SCAN_RIGHT, re.IGNORECASE)
    out, pos = [], 0
    while (w := _STARTS.search(text, pos)) is not None:
        m = rx.match(text, w.start())
        if m is not None and m.end() > w.start():
            out.append((m.start(), m.end(), m.lastgroup or ""))
            pos = m.end()
        else:
            pos = w.start() + 1
    return out


def test_the_scanner_jump_passes_words_after_a_mark_row() -> None:
    sc = Scanner(SCAN_ROWS)
    jump = sc._full.jump
    for word in ("target", "taxi", "forum", "fork"):
        assert jump.match(word) is None, word
    for word in ("ta'vel", "tavel", "ta’vel", "fo'ra", "fora", "forge", "tarn"):
        assert jump.match(word) is not None, word
    rnd = random.Random(5)
    pieces = SCAN_WORDS + [" ", "-", ", ", "'", "’", "\n"]
    for _ in range(1500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 12)))
        assert [(m.start(), m.end(), sc.group(m)) for m in sc.finditer(text)] == _scan_reference(text), text
