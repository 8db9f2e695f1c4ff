"""The first-character guard (warledger/extract/scanner.py ``guarded``): a guarded pattern finds exactly the matches
of the pattern it guards, and the guard is only built where the first character can be told."""
from __future__ import annotations

import random
import re

import pytest

import warledger.extract  # noqa: F401  (imports every extraction module: their guarded patterns register)
import warledger.extract.arabic  # noqa: F401  (imported by extraction when a text has Arabic letters)
import warledger.extract.arabic_counts  # noqa: F401
from warledger.extract.scanner import GUARDED, first_class, guarded

# invented sentences in the styles the patterns read (dates, tolls, strikes, Arabic counts)
TEXTS = [
    "On 3 March 2021, since the 2nd of this month, two days ago and yesterday: strikes hit Qarvel (Eastern Dolm).",
    "Local sources said 7 civilians, including 2 children, were killed; the toll rose to 12 after a drone strike.",
    "12/05/2020 then 2020-05-13; tonight, on Sunday, three days ago, in the past five days of fighting near Uzbor.",
    "ACLED codes this event at an Ilvarian location. Fatalities: 3. Several houses were destroyed by shelling.",
    "قتل ٣ مدنيين بينهم طفلان في قصف على قرية تل زورين يوم ٣/٤/٢٠٢٠ واصيب ٥ اخرون",
    "ſince Kelvin K day: İstanbul-like İ, ﬁ ligature, ٣ days ago, ۳/۴/2020 and 3/4/2020.",
]


def _random_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    alphabet = list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:-/'()") + \
        list("ſKİıﬁ٣۳٠قتلمدنيوف ") + ["killed ", "since ", "the ", "March ", "days ago ", "2020", "strike ", "قتل "]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(5, 200))) for _ in range(n)]


def _found(rx: re.Pattern[str], text: str) -> list[tuple[object, ...]]:
    spans = [(a, b) for a in range(0, len(text), 17) for b in (len(text), min(len(text), a + 40))]
    return [(m.span(), m.groups()) for a, b in spans for m in rx.finditer(text, a, b)] + \
        [(m.span() if (m := rx.match(text, a)) else None,) for a in range(0, len(text), 5)]


def test_every_guarded_pattern_of_extraction_finds_what_the_pattern_finds() -> None:
    assert len(GUARDED) >= 30
    texts = TEXTS + _random_texts(150)
    found_any = 0
    for rx, guard in GUARDED:
        assert guard.flags == rx.flags and guard.groups == rx.groups and guard.groupindex == rx.groupindex
        for text in texts:
            got = _found(guard, text)
            assert got == _found(rx, text), (rx.pattern[:80], text)
            found_any += any(x[0] for x in got)
    assert found_any > 0  # the texts do hold matches: the comparison says something


def test_the_first_class_keeps_categories_and_cases() -> None:
    # "\d" is every Unicode digit, as in the pattern (not only 0-9)
    digits = guarded(re.compile(r"(?<!\w)(?:since\s+)?\d+\s+days"))
    assert digits.search("for ٣ days") is not None and digits.search("for 3 days") is not None
    # a case-insensitive pattern keeps its folds ("ſ" is an "s", the Kelvin sign a "k")
    folded = guarded(re.compile(r"\bsince|\bkm\b", re.I))
    assert folded.search("ſince") is not None and folded.search("5 \u212am") is not None
    assert first_class(r"\b(?:on|last)\s+(?:monday|sunday)", re.I) == "[" + "".join(
        "\\U%08x" % ord(c) for c in "ol") + "]"


@pytest.mark.parametrize("pattern,flags", [
    (r"(?:x)?", 0),            # may match the empty string
    (r"[^a]bc", 0),            # a negated class
    (r".+", 0),                # any character
])
def test_no_guard_where_the_first_character_cannot_be_told(pattern: str, flags: int) -> None:
    rx = re.compile(pattern, flags)
    assert first_class(pattern, flags) is None
    assert guarded(rx) is rx


def test_global_inline_flags_and_verbose_patterns_are_kept() -> None:
    inline = guarded(re.compile(r"(?i)\bdrone\s+strikes?"))
    assert inline is not None and inline.search("a DRONE Strike hit") is not None
    verbose = guarded(re.compile(r"\bshell(?:ing|ed)  # artillery words", re.X))
    assert verbose.search("heavy shelling") is not None and verbose.search("shell") is None


def test_a_first_character_matched_case_insensitively_inside_only_makes_the_guard_case_insensitive() -> None:
    rx = re.compile(r"(?<!\w)(?i:zorvan)\s+pikemen|(?<!\w)Ostrel")
    guard = guarded(rx)
    assert guard is not rx and first_class(rx.pattern, rx.flags) is not None
    for text in ("ZORVAN pikemen", "zorvan pikemen", "Zorvan Pikemen", "ostrel", "Ostrel", "xzorvan pikemen"):
        assert [m.span() for m in guard.finditer(text)] == [m.span() for m in rx.finditer(text)], text
    assert guard.search("ZORVAN pikemen") is not None


def test_atomic_groups_and_possessive_repeats_are_read() -> None:
    rx = re.compile(r"\b(?>[A-Z][a-z]+)(?:\s+[A-Z][a-z]++)*\s+village")
    guard = guarded(rx)
    assert guard is not rx
    for text in ("in Tell Safra village", "in tell safra village", "Qarn village and Bo Lim village"):
        assert [m.span() for m in guard.finditer(text)] == [m.span() for m in rx.finditer(text)], text
