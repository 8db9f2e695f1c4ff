"""The "of whom" sub-count (casualties._OF_WHOM) is tried only where its words ("of whom", "of them") occur
(casualties._OF_WHOM_WORDS, a cheap scan): the scan must find them wherever the whole pattern matches, so that
skipping the pattern elsewhere loses no sub-count.  Invented wording."""
from __future__ import annotations

import random

from warledger.extract import casualties as CA

WORDS = ["four", "people", "were", "killed", ",", "two", "2", "of", "whom", "them", "of whom", "OF\tTHEM", "Of  Whom",
         "were", "are", "is", "children", "women", "civilians", "all", "also", "and", ".", ";", "\n", "a", "ofwhom",
         "several", "dozens", "the", "in", "Qarvel"]


def test_the_scan_finds_the_words_wherever_the_pattern_matches() -> None:
    rnd = random.Random(13)
    matched = 0
    for _ in range(400):
        words = [rnd.choice(WORDS) for _ in range(rnd.randrange(1, 12))]
        at = rnd.randrange(len(words) + 1)  # most texts hold one told sub-count, some of it cut or changed
        words[at:at] = [rnd.choice(["two", "2", "all", "three"]), rnd.choice(["of", "OF", "of\n"]),
                        rnd.choice(["whom", "them", "Whom"]), rnd.choice(["were", "are", "was"]),
                        rnd.choice(["children", "women", "also women", "all civilians", "men"])][:rnd.randrange(3, 6)]
        text = rnd.choice([" ", "  ", "\t"]).join(words)
        for pos in range(len(text)):
            for end in (len(text), rnd.randrange(pos, len(text) + 1)):
                if CA._OF_WHOM.match(text, pos, end):
                    matched += 1
                    assert CA._OF_WHOM_WORDS.search(text, pos, end), (text, pos, end)
    assert matched > 200


def test_sub_counts_after_a_group_are_still_read() -> None:
    text = "Five people were killed in Qarvel, two of whom were children."
    groups = CA.find_groups(text, 0, len(text))
    assert [(g.category, g.range and g.range.best, [(s.category, s.range and s.range.best) for s in g.subs]) for g in groups] == \
        [("total", 5, [("children", 2)])]


SHARED = ["11", "eleven", "regime", "Asayish", "and", "And", "sand", "and-", "7", "fighters", "of", "the", "\n", "\t",
          ",", "a", "few", "Qarvel", "brand", "\u00a0", "\u2003"]


def test_the_ending_check_holds_wherever_the_shared_noun_pattern_matches() -> None:
    # "11 regime and 7 Asayish fighters": _ELLIPTIC is searched only where the window ends with "and" and blank
    rnd = random.Random(17)
    matched = 0
    for _ in range(400):
        words = [rnd.choice(SHARED) for _ in range(rnd.randrange(1, 9))]
        words[rnd.randrange(len(words) + 1):0] = [rnd.choice(["11", "two", "a few"]), "regime", "and"]
        text = rnd.choice([" ", "  ", "\n", "\u00a0"]).join(words) + rnd.choice(["", " ", "\n", " \u2003", " 7 men"])
        for hi in range(len(text) + 1):
            for lo in {0, max(0, hi - 60), rnd.randrange(hi + 1)}:
                if CA._ELLIPTIC.search(text, lo, hi):
                    matched += 1
                    assert CA._ends_with_and(text, lo, hi), (text, lo, hi)
                elif text[lo:hi].endswith("and"):
                    assert not CA._ends_with_and(text, lo, hi), (text, lo, hi)
    assert matched > 200


def test_str_strip_and_the_blank_class_agree() -> None:
    import re
    blank = re.compile(r"\s")
    assert all((blank.match(chr(c)) is not None) == chr(c).isspace() for c in range(0x110000))


BEFORE = ["5", "five", "two", "others", "more", "were", "have been", "killed", "ki*lled", "k-i-l-l-e-d", "Killed",
          "dead", "DIED", "martyred", "in-jured", "injured", "wounded", "wound", "killers", "and", "that", ",", ";",
          "\n", "(", "in", "Qarvel", "the", "deadly"]


def test_the_verb_scan_finds_a_verb_wherever_a_count_before_its_verb_matches() -> None:
    # "Eight killed and over 29 injured": _BARE_BEFORE is tried only in clauses where _BARE_BEFORE_VERB finds a verb
    rnd = random.Random(23)
    matched = 0
    for _ in range(400):
        text = rnd.choice([" ", "  ", "\n"]).join(rnd.choice(BEFORE) for _ in range(rnd.randrange(1, 10)))
        for start in range(len(text) + 1):
            for end in {len(text), rnd.randrange(start, len(text) + 1)}:
                if CA._BARE_BEFORE.search(text, start, end):
                    matched += 1
                    assert CA._BARE_BEFORE_VERB.search(text, start, end), (text, start, end)
    assert matched > 200
