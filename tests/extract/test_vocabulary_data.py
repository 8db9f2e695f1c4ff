"""Word lists moved from code to warledger/data/ (issue 15): the code reads every row, and only those rows."""
from __future__ import annotations

import re

import pytest

from warledger.errors import InputError
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


def _example(noun: str) -> str:
    """A word a noun pattern of target_nouns.tsv matches ("militiam[ae]n" -> "militiaman"; a group that may be
    left out, "(?:...){0,3}", is)."""
    word = re.sub(r"\(\?:[^()]*(?:\([^()]*\)[^()]*)*\)\{0,\d+\}", "", noun)
    word = re.sub(r"\(\?:([^|)]*)[^)]*\)", r"\1", word)
    word = re.sub(r"\[(.)[^\]]*\]", r"\1", word).replace(r"\s+", " ")
    return word.replace("?", "")


def test_target_and_captive_nouns_come_from_the_data_file() -> None:
    listed = rows("target_nouns.tsv", 2)
    patterns = {"armed_target": classify._ARMED_TARGET, "civil_target": classify._CIVIL_TARGET,
                "armed_captive": classify._CAPTIVE_ARMED, "civil_captive": classify._CIVIL_CAPTIVE}
    assert {kind for kind, _ in listed} == set(patterns) | {"armed_apposition"} == set(classify.TARGET_LISTS)
    for kind, noun in listed:
        word = _example(noun)
        assert re.fullmatch(noun, word, re.IGNORECASE), noun
        if kind == "armed_apposition":  # "a young man, a member of ...": the man is armed
            hit = classify._ARMED_APPOSITION.match(f", a {word.upper()} of the brigade")
            assert hit is not None and hit.group(0).lower().endswith(word.lower()), noun
            continue
        hit = patterns[kind].search(f"they saw the {word.upper()} near the road")
        assert hit is not None and hit.group(0).lower() == word.lower(), (kind, noun)
    for kind, rx in patterns.items():
        assert rx.search("they saw the tractor near the road") is None, kind
    assert classify._ARMED_APPOSITION.match(", a tractor of the brigade") is None
    assert classify.TARGET_NOUNS["civil_captive"] == [n for k, n in listed if k == "civil_captive"]


def test_a_target_noun_row_of_an_unknown_list_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classify, "rows", lambda name, n: (("armed_target", "fighters?"), ("hostile", "ogres?")))
    with pytest.raises(InputError, match="target_nouns.tsv.*'hostile'"):
        classify._target_nouns()
    monkeypatch.setattr(classify, "rows", lambda name, n: (("armed_target", "fighters?"), ("civil_target", "man(")))
    with pytest.raises(InputError, match="no valid pattern"):
        classify._target_nouns()
