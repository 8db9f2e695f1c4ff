"""The candidate-word jump (warledger/extract/jump.py): a Jumped pattern finds exactly the matches of its plain
pattern (search and finditer, spans and groups, any pos and endpos), and a jump is only built where the starts of a
match can be told."""
from __future__ import annotations

import random
import re

import pytest

import warledger.extract  # noqa: F401  (imports every extraction module: their Jumped patterns register)
from warledger.extract.jump import JUMPED, Jumped, start_jump

# invented sentences in the styles the dates read, with the edges a jump could get wrong: a date at a paragraph
# break, inside a word, glued to Arabic, Arabic-Indic digits, case folds (long s, Kelvin sign, dotted I)
TEXTS = [
    "On 3 March 2021, since the 2nd of this month, two days ago and yesterday: strikes hit Qarvel (Eastern Dolm).",
    "12/05/2020 then 2020-05-13; tonight, on Sunday, three days ago, in the past five days of fighting near Uzbor.",
    "Report of\n\n4 June\n\nthe 5th of June 2019 (x12/05/2020) A7.3.2021 1.2.2020.\n\nSEPT. 9, 2020 last night",
    "قتل ٣ مدنيين يوم ٣/٤/٢٠٢٠ في قرية تل زورين؛ since ٣ days, ۳/۴/2020 and 3/4/2020, في 2 June 2020.",
    "ſince Kelvin \u212a day: İstanbul-like İ, ﬁ ligature, ſeptember 3, \u212aOct 4 — “the 4th of May”, today's.",
    "antiyesterday, notoday, midJune 3, 19-05-2020, 2020-13-45, the eleventh of the current month, mayday 3",
    "During the last 3 days of fighting, earlier today and at dawn today, the day before yesterday; in 7 days.",
]


def _random_texts(n: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    alphabet = list("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 .,;:-/'()\n") + \
        list("ſ\u212aİıﬁ٣۳٠قتلمدنيوف ") + ["since ", "the ", "March ", "days ago ", "2020", "\n\n", "on Monday ",
                                          "12/", "2019-", "of June ", "yesterday", "two ", "in the past "]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(5, 200))) for _ in range(n)]


def _found(search: object, finditer: object, text: str) -> list[tuple[object, ...]]:
    spans = [(a, b) for a in range(0, len(text), 13) for b in (len(text), min(len(text), a + 30), a + 500)]
    out: list[tuple[object, ...]] = [(m.span(), m.groups()) for a, b in spans
                                     for m in finditer(text, a, b)]  # type: ignore[operator]
    out += [((m.span(), m.groups()) if (m := search(text, a, b)) else None,) for a, b in spans]  # type: ignore[operator]
    return out


def test_every_jumped_pattern_of_extraction_finds_what_the_pattern_finds() -> None:
    assert JUMPED and all(j.jump is not None for j in JUMPED)  # the dates' pattern at least, with a jump
    texts = TEXTS + _random_texts(200)
    found = 0
    for j in JUMPED:
        for text in texts:
            got = _found(j.search, j.finditer, text)
            assert got == _found(j.rx.search, j.rx.finditer, text), (j.pattern[:80], text)
            found += sum(1 for x in got if x[0])
    assert found > 100  # the texts do hold matches: the comparison says something


@pytest.mark.parametrize("pattern,flags,text", [
    (r"\bsince\s+\d+|\b(?:the\s+)?\d+(?:st|nd)\s+of\s+may", re.I, "since 3, xsince 4, The 1st of May, a2nd of may"),
    (r"(?<![\d/.])\d+/\d+", 0, "a12/3 and 4/5, .6/7 and ٣/٤"),
    (r"\b(?:al|el)-\w+|[A-Z]\w+", 0, "al-Bab, Sheikh el-Hadid, xal-no, Alsahara"),
    (r"\bon\s+(?:monday|sunday)\b", re.I | re.ASCII, "éon monday, on Sunday, ON MONDAY"),
    (r"(?:^|(?<=[.;]\s))\d+\s+fatalit(?:y|ies)\b|\beach\s+\d+", re.I | re.M, "3 fatalities. 4 fatalities; each 5"),
    (r"(?<![\w-])(?:one|two|a)\s+(?:young\s+)?men|(?<!\w)\d+\s+men", re.I, "xone men, pro-two men, two young men, 3 men"),
])
def test_a_jumped_pattern_finds_what_the_pattern_finds(pattern: str, flags: int, text: str) -> None:
    rx = re.compile(pattern, flags)
    j = Jumped(rx)
    JUMPED.remove(j)
    assert j.jump is not None
    for t in [text, *_random_texts(60, seed=len(pattern))]:
        assert _found(j.search, j.finditer, t) == _found(rx.search, rx.finditer, t), t
    assert any(m for m in rx.finditer(text))


def test_the_jump_stops_only_where_a_word_or_digit_can_begin_a_match() -> None:
    jump = start_jump(re.compile(r"\b(?:since|from)\s+\d+|(?<!\d)\d+\s+days", re.I))
    assert jump is not None
    text = "Wasince 12 from x, ſince"
    starts = [m.start() for m in jump.finditer(text)]
    # "since" inside "Wasince" is no word start; every digit is a start; "from" and "ſince" (a long s) are
    assert starts == [8, 9, 11, text.index("ſ")]
    # a look-behind for no word character ((?<!\w), (?<![\w-])) is a word start too; one for other characters is not
    behind = start_jump(re.compile(r"(?<![\w-])two\s+men|(?<![\d.])one"))
    assert behind is not None and [m.start() for m in behind.finditer("xtwo two xone one")] == [5, 10, 14]


@pytest.mark.parametrize("pattern", [r"(?:x)?", r".+\d", r"[^a]bc", r"(?<=a)|b"])
def test_no_jump_where_the_starts_cannot_be_told(pattern: str) -> None:
    rx = re.compile(pattern)
    assert start_jump(rx) is None
    j = Jumped(rx)
    JUMPED.remove(j)
    assert j.jump is None and [m.span() for m in j.finditer("ab 12-held bc")] == \
        [m.span() for m in rx.finditer("ab 12-held bc")]
