"""A scanner's big pair buckets ("al...", "Th...": dozens of a country's actor rows) are split by the third and fourth
characters (the mechanism :class:`warledger.extract.alternation.Alternation` uses): a word is tried only against the rows
that can begin with its first four characters, and a cached scanner rebuilds only that part of the pair's pattern.
The matches stay those of one alternation tried at every word start."""
from __future__ import annotations

import pickle
import random
import re
from typing import Optional

import pytest

from warledger.extract import scanner
from warledger.extract.scanner import LEFT, RIGHT, _STARTS, Scanner
from warledger.lexcache import dumps

# invented rows, many of them beginning "al" or "Al" (case kept: "(?-i:A)"), some with a first four characters that
# cannot be told ("al" then a word character), shorter than four, or spelt with letters that fold with ASCII ones
ROWS = [r"(?P<r0>al-hollow(?:\s+band)?)", r"(?P<r1>al\s+hareth)", r"(?P<r2>(?-i:A)lvar\s+riders|alvo)",
        r"(?P<r3>al-kaff|al-\w+\s+brigade)", r"(?P<r4>alma(?:ren)?)", r"(?P<r5>al)", r"(?P<r6>alx)",
        r"(?P<r7>al\u017fabri)", r"(?P<r8>al\u212aelvo|al-kelvin)", r"(?P<r9>al[0-9]th\s+gate)",
        r"(?P<r10>aloe|al-oe)", r"(?P<r11>(?-i:al)ban)", r"(?P<r12>al\u0130zro|alizmo)", r"(?P<r13>al\.bir)",
        r"(?P<r14>pike\s+guard)", r"(?P<r15>alhollowmere)", r"(?P<r16>al\d+th\s+wall)"]
PIECES = ["al-hollow", "AL-HOLLOW band", "al hareth", "Al\tHareth", "Alvar riders", "alvar riders", "ALVO", "al-kaff",
          "al-sabr brigade", "al-kaffir", "alma", "Almaren", "al", "AL", "alx", "alxo", "al\u017fabri", "alsabri",
          "ALSABRI", "al\u212aelvo", "alkelvo", "al-kelvin", "al-\u212aelvin", "al9th gate", "al9th", "aloe", "al-oe",
          "alban", "ALBAN", "Alban", "al\u0130zro", "alizro", "alizmo", "al\u0131zmo", "al.bir", "al.BIR",
          "pike guard", "alhollowmere", "alho", "al\u00a0hareth", "al\x1chareth", " ", ", ", "-", "the ", "a",
          "al\u0663th wall", "al3th wall", "al\u0663\u0663th wall", "alma\u060c", "alm\u060c", "al-h\u0131",
          "al\u0131zmo", "\u0130\u0130\u0130\u0130", "al\x00x", "ALMA\u00e9"]


def _reference(text: str, longest: Optional[int] = None) -> list[tuple[int, int, str]]:
    rx = re.compile(LEFT + "(?:" + "|".join(ROWS) + ")" + RIGHT, re.IGNORECASE)
    out, pos = [], 0
    while (w := _STARTS.search(text, pos)) is not None:
        p = w.start()
        m = rx.match(text, p, len(text) if longest is None else min(len(text), p + longest))
        if m is not None and m.end() > p:
            out.append((m.start(), m.end(), m.lastgroup or ""))
            pos = m.end()
        else:
            pos = p + 1
    return out


def _found(sc: Scanner, text: str, longest: Optional[int] = None) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), sc.group(m)) for m in sc.finditer(text, longest=longest)]


def test_a_split_pair_finds_what_one_alternation_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanner, "SPLIT_OVER", 3)
    sc = Scanner(ROWS)
    table, rest = sc._tame.splits["al"]
    assert "al-h" in table and "hareth" not in table["al-h"].pattern and "hollow" in table["al-h"].pattern
    assert rest is not None and r"al-\w+" in rest.pattern  # a row whose first four cannot be told is tried everywhere
    again = pickle.loads(dumps(sc))  # as a lexicon cache stores it: its patterns deferred
    rnd = random.Random(18)
    found = 0
    for _ in range(600):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randrange(1, 10)))
        for longest in (None, 3, 5, 12):
            want = _reference(text, longest)
            assert _found(sc, text, longest) == want, (text, longest)
            assert _found(again, text, longest) == want, (text, longest)
            found += len(want)
    assert found > 1000


def test_a_cached_scanner_rebuilds_only_the_part_of_a_pair_a_word_can_match(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading "al-hollow" rebuilds the rows that can begin "al-h" (and those whose first four cannot be told), not
    the whole "al" pair (a country's "Th" or "Mo" pair: thousands of words of SRE code)."""
    monkeypatch.setattr(scanner, "SPLIT_OVER", 3)
    again = pickle.loads(dumps(Scanner(ROWS)))
    assert _found(again, "an al-hollow band") == [(3, 17, "r0")]
    assert type(again._tame.pairs["al"]).__name__ == "Deferred"  # never rebuilt
    assert _found(again, "al\u017fabri") == [(0, 7, "r7")]  # the long s as the "s" it folds with: "alsa"'s part
    assert _found(again, "alma\u060c") == [(0, 4, "r4")]  # an Arabic comma fourth: only the rows of unknown four
    assert type(again._tame.pairs["al"]).__name__ == "Deferred"
    assert _found(again, "al\u00a0hareth") == [(0, 9, "r1")]  # a blank outside ASCII ("\\s"): the whole pair
    assert type(again._tame.pairs["al"]).__name__ == "Pattern"
