"""Word lists moved from code to warledger/data/ (issue 15): the code reads every row, and only those rows."""
from __future__ import annotations

from warledger.extract import arabic, classify
from warledger.extract.arabic_lex import norm_word
from warledger.extract.lexicon import rows


def test_every_listed_acronym_makes_an_arrest_of_armed_men() -> None:
    listed = rows("armed_acronyms.tsv", 3)
    assert len(listed) >= 5
    for acronym, after_members_of, _ in listed:
        assert classify._ARREST_ARMED.search(f"police arrested two {acronym} men in the town"), acronym
        lower = classify._ARREST_ARMED.search(f"they detained members of the {acronym.lower()} near the market")
        assert (lower is not None) == (after_members_of != "-"), acronym
    assert classify._ARREST_ARMED.search("police arrested two QXZ men in the town") is None
    assert classify._ARREST_ARMED.search("police arrested two sdf men in the town") is None  # case-sensitive there


def test_arabic_place_words_come_from_the_data_file() -> None:
    by_role: dict[str, set[str]] = {}
    for role, word in rows("ar_place_words.tsv", 2):
        by_role.setdefault(role, set()).add(norm_word(word))
    assert set(by_role) == {"stop", "generic", "not-place"}
    assert arabic._NAME_STOP == by_role["stop"] and arabic._GENERIC_NAME == by_role["generic"]
    assert arabic._NOT_BARE_PLACE == by_role["not-place"]
    assert norm_word("بريف") in arabic._NAME_STOP and norm_word("القرية") in arabic._GENERIC_NAME
