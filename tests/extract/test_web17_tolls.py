"""Web texts' tolls (session 17): a campaign's running total is no incident's toll, and one figure for two groups
of people ("5 أطفال ونساء") gives neither group alone.  Short bulletins invented for these tests."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_text
from warledger.record import Incident

_LEAD = "استشهاد مدني بقصف تركي على قرية الحقل بريف الحسكة اليوم.\n"


def _best(r) -> Optional[int]:
    return None if r is None else r.value()


def _recs(text: str) -> list[Incident]:
    return extract_text(text, published="2023-05-10")


@pytest.mark.parametrize("since", [
    "ومنذ 3 كانون الثاني الجاري، قصفت المسيرات التركية المنطقة عدة مرات ما أدى إلى مقتل 23 مدنياً.",
    "وبذلك يرتفع عدد الشهداء المدنيين منذ احتلالها للمنطقة إلى 28 شهيداً.",
    "وبذلك يرتفع عدد ضحايا الاشتباكات منذ بدايتها إلى 18 قتيلاً.",
    "وخلال الشهر الجاري قتل 14 مدنياً بقصف مماثل.",
])
def test_a_toll_since_a_campaign_began_is_an_aggregate(since: str) -> None:
    recs = _recs(_LEAD + since)
    assert [r.kind for r in recs] == ["incident", "aggregate"]
    assert _best(recs[0].killed.civilians) == 1
    assert _best(recs[1].killed.civilians) in (14, 18, 23, 28)


@pytest.mark.parametrize("text, civilians", [
    ("مقتل 9 مدنيين بينهم 5 أطفال ونساء بغارة جوية على قرية الحقل بريف إدلب اليوم.", 9),
    ("مقتل 9 مدنيين بينهم 4 نساء والأطفال بغارة جوية على قرية الحقل بريف إدلب اليوم.", 9),
    ("مقتل 5 أطفال ونساء بغارة جوية على قرية الحقل بريف إدلب اليوم.", 5),
])
def test_one_figure_for_children_and_women_gives_neither_alone(text: str, civilians: int) -> None:
    inc = [r for r in _recs(text) if r.kind == "incident"]
    assert len(inc) == 1
    assert _best(inc[0].killed.civilians) == civilians
    assert inc[0].killed.children is None and inc[0].killed.women is None
    assert any(p.startswith("W-COUNT-MIXED:") for p in inc[0].problems)


def test_each_group_with_its_own_figure_is_still_counted() -> None:
    inc = [r for r in _recs("مقتل 9 مدنيين بينهم 5 أطفال و3 نساء بغارة جوية على قرية الحقل بريف إدلب اليوم.")
           if r.kind == "incident"][0]
    assert (_best(inc.killed.civilians), _best(inc.killed.children), _best(inc.killed.women)) == (9, 5, 3)
    assert not any(p.startswith("W-COUNT-MIXED:") for p in inc.problems)


@pytest.mark.parametrize("text, civilians", [
    ("A drone strike on the village of Kafr Nabl in Idlib killed nine civilians, including five women and children, "
     "on Tuesday.", 9),
    ("Seven children and women were killed when shells hit the village of Kafr Nabl in Idlib on Tuesday.", 7),
])
def test_english_figure_for_women_and_children_gives_neither_alone(text: str, civilians: int) -> None:
    inc = [r for r in _recs(text) if r.kind == "incident"]
    assert len(inc) == 1
    assert _best(inc[0].killed.civilians) == civilians
    assert inc[0].killed.children is None and inc[0].killed.women is None
    assert any(p.startswith("W-COUNT-MIXED:") for p in inc[0].problems)


def test_english_sub_counts_with_their_own_figures_are_kept() -> None:
    inc = [r for r in _recs("A drone strike on the village of Kafr Nabl in Idlib killed nine civilians, including five "
                            "children and two women, on Tuesday.") if r.kind == "incident"][0]
    assert (_best(inc.killed.civilians), _best(inc.killed.children), _best(inc.killed.women)) == (9, 5, 2)
