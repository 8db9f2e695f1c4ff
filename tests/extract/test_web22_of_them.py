"""Arabic "قتل منهم" (of them, N were killed): a pool of people hit, then its parts, each with its own casualty verb
(session 22).  The pool is no count of the verb's status; each part is.  Sentences invented for these tests."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_text
from warledger.record import Incident, Range


def _best(r: Optional[Range]) -> Optional[int]:
    return None if r is None else r.value()


def _one(text: str) -> Incident:
    recs = [r for r in extract_text(text, published="2024-02-11") if r.kind == "incident"]
    assert len(recs) == 1
    return recs[0]


@pytest.mark.parametrize("text, killed, injured", [
    # a pool with no status of its own (hit, targeted), then a killed part and an injured part
    ("استهدف قصف مدفعي أربعة أطفال في قرية الخان، قتل منهم طفل وأصيب ثلاثة.", 1, 3),
    ("استهدفت طائرة مسيرة سيارة تقل خمسة مدنيين في قرية الخان، استشهد منهم اثنان وأصيب ثلاثة.", 2, 3),
    # the pool counts the killed and the injured together: only the part is the killed
    ("سقط ستة مدنيين بين قتيل وجريح بقصف على قرية الخان، قتل منهم أربعة.", 4, None),
])
def test_the_parts_after_of_them_are_the_counts_not_the_pool(text: str, killed: int, injured: Optional[int]) -> None:
    inc = _one(text)
    assert _best(inc.killed.civilians) == killed
    assert _best(inc.injured.civilians) == injured


def test_a_child_part_is_a_child_killed_not_one_more_of_the_pool() -> None:
    inc = _one("استهدف قصف مدفعي أربعة أطفال في قرية الخان، قتل منهم طفل وأصيب ثلاثة.")
    assert _best(inc.killed.children) == 1


def test_injured_who_later_died_keep_their_injured_figure() -> None:
    inc = _one("أصيب خمسة مدنيين بجروح بقصف على قرية الخان، توفي منهم اثنان في المشفى.")
    assert _best(inc.killed.civilians) == 2
    assert _best(inc.injured.civilians) == 5


@pytest.mark.parametrize("text, killed, children", [
    ("استشهد خمسة مدنيين بقصف على قرية الخان بينهم طفلان.", 5, 2),
    ("قتل أربعة مدنيين منهم طفل بقصف على قرية الخان.", 4, 1),
])
def test_among_them_after_a_toll_is_still_a_sub_count(text: str, killed: int, children: int) -> None:
    inc = _one(text)
    assert _best(inc.killed.civilians) == killed
    assert _best(inc.killed.children) == children


# The name "علي" against the preposition "على" (one spelling once normalised): the last word of a victim's name when an
# age or the next named victim follows it, never the preposition, which governs neither.
@pytest.mark.parametrize("text, killed", [
    ("أسفر قصف على قرية الخان عن استشهاد الطفلة سلمى محمود شيخ علي 11 عاماً وعبد الله محمود شيخ علي 30 عاماً.", 2),
    ("أسفر قصف على قرية الخان عن استشهاد الشاب حسن أحمد علي وخالد محمود الحسن.", 2),
    ("أسفر قصف على قرية الخان عن استشهاد حسن أحمد (40 عاماً) ومحمد كمال علي (35 عاماً).", 2),
])
def test_ali_ending_a_name_before_the_next_victim_is_part_of_the_name(text: str, killed: int) -> None:
    assert _best(_one(text).killed.civilians) == killed


@pytest.mark.parametrize("text", [
    "أسفر هجوم على حاجز في قرية الخان عن مقتل حسن أحمد على يد مسلحين مجهولين.",
    "أسفر قصف على قرية الخان عن استشهاد حسن أحمد على الفور.",
])
def test_the_preposition_after_a_name_ends_it(text: str) -> None:
    assert _best(_one(text).killed.civilians) == 1


@pytest.mark.parametrize("text, cat, killed", [
    ("اشتبكت قوات الجيش مع عناصر التنظيم قرب قرية الخان وقتلت منهم ستة.", "fighters", 6),
    ("استهدف قصف مدفعي ثلاثة أطفال في قرية الخان، قتل منهم اثنان وأصيب واحد.", "children", 2),
])
def test_a_bare_figure_of_them_is_of_the_pool_s_people(text: str, cat: str, killed: int) -> None:
    inc = _one(text)
    assert _best(getattr(inc.killed, cat)) == killed
    if cat == "fighters":
        assert _best(inc.killed.civilians) in (None, 0)
