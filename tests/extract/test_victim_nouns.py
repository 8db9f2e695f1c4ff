"""The victim-noun anchor of casualty counts (casualties._NOUN_ONLY, an Alternation loaded from the lexicon cache)
finds what the one pattern of the nouns finds: the same spans, from any start to any end."""
from __future__ import annotations

import random
import re

from warledger.extract import casualties as CA

WHOLE = re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % CA._NOUN, re.I)
WORDS = ["three", "civilians", "Civilian", "CHILDREN", "child", "men", "women", "man", "members", "member-", "menace",
         "civil", "fighters", "Fighter's", "displaced  people", "displaced persons", "fatalities", "the", "in", "a",
         "elderly man", "elderly-men", "soldiers", "soldiering", "people", "peoples", "-", ", ", " ", "\n", "2"]


def test_the_anchor_finds_what_the_one_pattern_finds() -> None:
    rnd = random.Random(5)
    found = 0
    for _ in range(300):
        text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(1, 16)))
        want = [m.span() for m in WHOLE.finditer(text)]
        assert [m.span() for m in CA._NOUN_ONLY.finditer(text)] == want, text
        found += len(want)
        for start in range(0, len(text), 5):
            end = rnd.randrange(start, len(text) + 1)
            got, first = CA._NOUN_ONLY.search(text, start, end), WHOLE.search(text, start, end)
            assert (got.span() if got else None) == (first.span() if first else None), (text, start, end)
    assert found > 300
