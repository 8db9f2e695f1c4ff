"""A pattern tried only on spans that hold one of the words every match holds (extract/needs.py): the words are
read from the parsed pattern, the skip loses no match, odd case folds included.  Invented wording."""
from __future__ import annotations

import random
import re

import pytest

from warledger.extract import acled as AC
from warledger.extract import casualties as CA
from warledger.extract import classify as CL
from warledger.extract import damage as DA
from warledger.extract import english as EN
from warledger.extract import incidents as INC
from warledger.extract import segment as SEG
from warledger.extract.needs import Needing, folded, needed


def test_the_words_are_read_from_the_pattern() -> None:
    assert needed(re.compile(r"\b(?:killed|died)\s+\d+", re.I)) == ("died", "killed")
    # the most telling set: the longer word of a sequence; a word that holds another is left out
    assert needed(re.compile(r"\d+\s+(?:air\s*strikes|strikes?|shelling|shells)\b")) == ("shelling", "shells", "strike")
    assert needed(re.compile(r"(?:an?\s+)?family\s+of\s+\w+", re.I)) == ("family",)


@pytest.mark.parametrize("pattern", [
    r"(?:killed)?\s+\d+",            # an optional word is no word a match must hold
    r"(?:killed|\d+)\s+people?",     # ... nor is a branch with an alternative of no word ("people?": "peopl")
    r"(?=killed)\w+",                # a look-ahead's words are not the match's own
    r"[Kk]illed",                    # a class is no literal: "illed" is still read
    r"ab\s+cd",                      # words shorter than three characters tell too little
])
def test_no_word_where_a_match_need_not_hold_one(pattern: str) -> None:
    got = needed(re.compile(pattern))
    assert got is None or all(w in ("peopl", "illed") for w in got), got


def test_folding_keeps_offsets_and_reads_the_odd_case_folds() -> None:
    text = "İdlib ſtrike ıraq KILLED Kelvin"
    low = folded(text)
    assert len(low) == len(text)
    assert "idlib" in low and "strike" in low and "iraq" in low and "killed" in low and low.endswith("kelvin")
    # every one of them matches the ASCII word case-insensitively, so the skip must not skip it
    rx = Needing(re.compile(r"\d+\s+strikes?\b", re.I))
    assert [m.group(0) for m in rx.finditer("after 3 ſtrikes on the town")] == ["3 ſtrikes"]


VOCAB = ["3", "two", "a", "airstrikes", "air strikes", "strike", "shelling", "raids", "barrel bombs", "rockets",
         "killed", "killing", "injuring", "wounded", "another", "a second", "family", "of", "five", "the", "toll",
         "rose", "to", "lives", "claimed", "seriously", "injured", "critical", "condition", "child", "kills", "man",
         "Russian", "drone", "ſtrikes", "İ", "KİLLED", "FAMILY", "on", "in", ",", ".", "\n", "village", "Qarvel",
         # whole phrases each pattern reads, some in odd case folds
         "4 Russian airstrikes", "three ſhells", "the death toll is expected to rise", "in critical condition",
         "seriously wounded", "the toll rose to 9", "the number of dead rose to 11", "killing 4", "wounding two",
         "a family of six", "forces kill shepherd", "shelling İnjures child", "claimed 3 lives", "took the 2 civilian lives",
         "killing one and injuring another", "the death of a third", "the hospital was destroyed", "a school",
         "set on fire", "out of service", "three separate attacks", "5 operations", "the total", "tally",
         # the sub-count lead, relatives, a later death, split coding and clause joiners (session 18)
         "including", "among them", "of whom", "incl.", "his", "her", "their", "other", "wife", "son", "his young son",
         "later died", "subsequently passed away", "died of his wounds", "succumbed to her injuries", "split",
         "allocated as follows:", "distributed evenly", "fatalities coded as 3", "no fatalities", "casualties unknown",
         ", while", "; whereas", ", as well as", ", meanwhile", "; in addition to", ";", "WHİLE",
         "no casualties", "neither injuries nor deaths", "no one was killed", "the toll rose to", "death toll reached to",
         "4 of whom", "two of them", "since", "since the start of the year", "in the past", "these attacks",
         "supported by", "backed by the", "air cover of", "participation of", "with air support from"]


@pytest.mark.parametrize("rx", [INC.STRIKES, INC._TOLL_RISE, CA._TOLL, CA._BARE, CA._FAMILY_OF, CA._VERB_ONE, CA._LIVES,
                                CA._ANOTHER, DA._FAC_ANY, DA._EFFECT, EN._SEVERAL, EN._TALLY_INTRO, CA._INCLUDING,
                                CA._KIN, CA._LATER_DIED, AC._SPLIT_LIST, AC.CODING, SEG._WHILE, CA.NEGATION,
                                CA._TOLL_BEFORE, CA._OF_WHOM_WORDS, INC.TALLY, CL._SUPPORT_BEFORE], ids=lambda r: r.pattern[:30])
def test_the_skip_loses_no_match(rx: Needing) -> None:
    assert isinstance(rx, Needing) and rx.words, "the pattern is searched only where its words are"
    rnd = random.Random(14)
    found = 0
    for _ in range(300):
        text = rnd.choice([" ", "  ", " \t"]).join(rnd.choice(VOCAB) for _ in range(rnd.randrange(1, 14)))
        for pos in range(0, len(text), 3):
            end = rnd.randrange(pos, len(text) + 1)
            want = [(m.span(), m.groupdict()) for m in rx.rx.finditer(text, pos, end)]
            assert [(m.span(), m.groupdict()) for m in rx.finditer(text, pos, end)] == want, (text, pos, end)
            one = rx.rx.search(text, pos, end)
            got = rx.search(text, pos, end)
            assert (got and got.span()) == (one and one.span())
            found += len(want)
    assert found > 5


class _Refusing:
    """A stand-in pattern that fails the test when it is run."""
    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the pattern ran ({name}) on a span holding none of its words")


@pytest.mark.parametrize("rx", [CA._INCLUDING, CA._KIN, CA._LATER_DIED, AC._SPLIT_LIST, AC.CODING, SEG._WHILE,
                                CA.NEGATION, CA._TOLL_BEFORE, CA._OF_WHOM_WORDS, INC.TALLY, CL._SUPPORT_BEFORE],
                         ids=lambda r: r.pattern[:30])
def test_a_span_without_the_words_is_not_scanned(rx: Needing, monkeypatch: pytest.MonkeyPatch) -> None:
    """Session 18's prefilters: sub-count leads, relatives, later deaths, split coding, clause joiners."""
    assert isinstance(rx, Needing) and rx.words
    text = "Armed men fired on a convoy near the bridge at dawn; 3 soldiers were wounded."
    assert not rx.holds(text, 0, len(text))
    monkeypatch.setattr(rx, "rx", _Refusing())
    assert rx.search(text) is None and rx.match(text, 10) is None and list(rx.finditer(text, 0, 40)) == []
