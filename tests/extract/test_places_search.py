"""The place search without holders (``places._search_no_holder``) finds what the whole pattern's ``search`` finds:
the name-first alternative ("X village") is searched only in runs of name characters holding a capitalised word
before a type word, and must lose nothing by it."""
from __future__ import annotations

import random

from warledger.extract import places

# invented sentences: names before type words, quotes, hyphens, particles, apostrophes, line and paragraph breaks,
# a long run with no punctuation (longer than the look-back), type words in capitals ("LGA") and of two words
_TEXTS = [
    "Shelling hit Qarvel Tahta village and the town of Dolm, then “Bir Uzbor” farms and Kafr-Zarvel oil field.",
    "Militants attacked Zarvel LGA; al-Sahra hamlet and Umm el Dolm camp were hit. Faskor’s Qarvel' road was cut.",
    "Fighters entered Marvel\nvillage and Tell Qorin\n\ntown, near Ain Zarvel sub-district of the Dolm region.",
    "Qarvel Sharqi and Qarvel Gharbi and Dolm Kabir and Uzbor Saghir and Zarvel Tahta and Bir Fawqa "
    "and Tell Abyad Sharqi and Ain Dolm and Kafr Marvel and Abu Qorin and Umm Tahta and Qarvel Kabir and Dolm Saghir "
    "and Uzbor Tahta and Zarvel Fawqa and Bir Sharqi and Tell Gharbi and Ain Kabir lost Marvel Jadid village.",
    "قصف على قرية تل زورين in the Qarvel area; Dolm-Uzbor-Zarvel district, As-Safira township (Qarvel county).",
]
_WORDS = ["the ", "town ", "of ", "Qarvel ", "village ", "in ", "near ", "al-", "Dolm ", "west ", "\n\n", "\n", ", ",
          "countryside ", "captured ", "\"", "“", "’", "'", "Tahta ", "city ", "areas ", "between ", "and ", "of the ",
          "Ain ", "LGA ", "oil field ", "sub-district ", "-", ". ", "Umm ", "el ", "as-", "bin ", "\t", "( ", "A ",
          "camps ", "Hmeimim airbase ", "Uzbor", "towns", "Abc-Def "]


def _same(text: str) -> int:
    found = 0
    for pos in range(0, len(text) + 1, 3):
        for end in (len(text), min(len(text), pos + 40)):
            want = places._SETTLEMENT_NO_HOLDER.search(text, pos, end)
            got = places._search_no_holder(text, pos, end)
            assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups())), (text, pos, end)
            found += want is not None and want.group("n2") is not None
    return found


def test_the_search_without_holders_equals_the_whole_patterns_search() -> None:
    rng = random.Random(22)
    texts = _TEXTS + ["".join(rng.choice(_WORDS) for _ in range(rng.randrange(3, 60))) for _ in range(250)]
    named = sum(_same(text) for text in texts)
    assert named > 1000  # the name-first alternative is what is found at many starts


def test_a_name_first_mention_in_a_run_longer_than_the_look_back_is_found() -> None:
    text = _TEXTS[3]
    assert "," not in text[:-1] and text.index("Marvel Jadid") > places._LOOK_BACK
    m = places._search_no_holder(text, 0, len(text))
    assert m is not None and (m.group("n2"), m.group("t2")) == ("Marvel Jadid", "village")
    assert m.span() == places._SETTLEMENT_NO_HOLDER.search(text).span()  # type: ignore[union-attr]
