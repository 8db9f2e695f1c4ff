"""country._group_weights tries, at a word its finder stopped at, only the theatres whose groups can begin with the
word's first character (country._by_first): every theatre whose pattern matches there is among them."""
from __future__ import annotations

import pytest

from warledger.theatre import country

AT = tuple((cc, country._at(pats)) for cc, pats in [
    ("AA", [r"(?:zorvan\s+pikemen)", r"(?:ZPF)"]),
    ("BB", [r"(?:(?-i:QLB))", r"(?:quell\s+brigade)"]),
    ("CC", [r"(?:\d+(?:st|nd|rd|th)\s+lancers)"]),           # a digit first
    ("DD", [r"(?:\w+\s+rangers)"]),                           # any word first: tried everywhere
    ("EE", [r"(?:\u212aestrel\s+guard)", r"(?:جند\s+الوادي)"]),   # Kelvin sign K (case-folds to k), Arabic
    ("FF", [r"(?:zephyr\s+band)"]),
])
TEXTS = ["Zorvan Pikemen and the ZPF met QLB and qlb near the Quell Brigade; the 12th Lancers and Ashvale Rangers "
         "held; kestrel guard, KESTREL GUARD and the جند الوادي; Zephyr band.", "zpf ZORVAN  pikemen 3rd lancers"]


def test_every_theatre_that_matches_at_a_word_is_tried_there() -> None:
    by_first = country._by_first(AT)
    checked = 0
    for text in TEXTS:
        for p in range(len(text)):
            ch = text[p]
            tried = by_first.get(ch.lower(), by_first[""]) if ch.isascii() else AT
            for entry in AT:
                if entry[1].match(text, p) is not None:
                    assert entry in tried, (text[p:p + 20], entry[0])
                    checked += 1
            assert [e for e in AT if e in tried] == list(tried)  # in the theatres' order
    assert checked >= 12
    assert [cc for cc, _ in by_first["q"]] == ["BB", "DD", "EE"]  # a word in q: never Zorvan's or Zephyr's groups
    assert [cc for cc, _ in by_first[""]] == ["DD", "EE"]


def test_group_weights_are_those_of_trying_every_theatre(monkeypatch: pytest.MonkeyPatch) -> None:
    """On the built-in bundles, the weights equal those of the plain loop (every theatre at every finder stop)."""
    from warledger.theatre import root_key

    gs = country._group_scanners(root_key())
    assert gs is not None
    text = ("Fighters of the regime and the SDF clashed with ISIS near a village; HTS and the Houthis (Ansar Allah) "
            "fired; al-Shabaab, JNIM and the ISWAP were named; قسد and Hamas too; the 4th Armored Division moved.")
    plain = country._GroupScanners(gs.finder, gs.at, gs.common, {"": gs.at, **{c: gs.at for c in "abcdefghijklmnopqrstuvwxyz0123456789"}})
    monkeypatch.setattr(country, "_group_scanners", lambda key: plain)
    want = country._group_weights(text, 0, len(text))
    monkeypatch.setattr(country, "_group_scanners", lambda key: gs)
    assert country._group_weights(text, 0, len(text)) == want and want
