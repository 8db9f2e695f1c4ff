"""Numbers that belong to a date are never counts (issue 11: "a 2019 airstrike" gave strikes = 2019), and
one incident never states more strikes than the plausible bound (invented sentences and places)."""
from __future__ import annotations

import pytest

from warledger.extract import extract_text
from warledger.extract.casualties import assign_status, find_groups
from warledger.extract.numbers import PLAUSIBLE_BOUND, date_part, parse_quantity
from warledger.record import Incident


def _incidents(text: str) -> list[Incident]:
    return [i for i in extract_text(text, published="2031-05-20") if i.kind == "incident"]


@pytest.mark.parametrize("text,number", [
    ("a 1998 raid", "1998"),
    ("the 2027 shelling", "2027"),
    ("on 14 Oct. 2030 strike", "2030"),
    ("the Sept. 9 strike", "9"),
    ("the Feb 27 raid", "27"),
    ("on 6 November Kurdish fighters", "6"),
    ("the 12 of March shelling", "12"),
    ("a 3rd raid", "3"),
])
def test_date_parts_are_named(text: str, number: str) -> None:
    at = text.index(number)
    assert date_part(text, at, at + len(number)) is not None


@pytest.mark.parametrize("text,number", [
    ("carried out 12 raids in May", "12"),      # the month comes later, after the noun
    ("fired 40 shells", "40"),
    ("fired 1,998 shells", "1,998"),            # a thousands separator: a count
    ("fired 5000 shells", "5000"),              # outside the span of years
    ("it may 3 times", "3"),                    # "may" the verb, not the month
    ("died on the 4th of May 1 fatality", "1"),  # the month has its day already
])
def test_counts_stay_counts(text: str, number: str) -> None:
    at = text.index(number)
    assert date_part(text, at, at + len(number)) is None


def test_a_bounded_year_like_figure_is_a_count() -> None:
    assert parse_quantity("more than 2020").range is not None
    assert parse_quantity("2020").range is None


@pytest.mark.parametrize("text,strikes", [
    ("The 2029 raids on Tell Zarqa killed three farmers.", None),
    ("The Aug. 30 drone strike on Tell Zarqa killed three farmers.", None),
    ("The page now lists the 17 March 2030 strike on Tell Zarqa that killed three farmers.", None),
    ("A 2026 airstrike on Tell Zarqa killed three farmers.", 1),        # the article counts; the year qualifies
    ("Three farmers died in a Sept. 4 raid on Tell Zarqa.", 1),
])
def test_a_date_before_a_strike_noun_is_no_strike_count(text: str, strikes: int | None) -> None:
    incs = _incidents(text)
    assert incs and [i.strikes.value() if i.strikes else None for i in incs] == [strikes]
    if strikes is None:
        assert any(p.startswith("W-STRIKE-YEAR:") for p in incs[0].problems)
    assert incs[0].killed.civilians is not None and incs[0].killed.civilians.value() == 3


def test_a_count_after_a_dated_strike_is_still_read() -> None:
    incs = _incidents("Months after the 2029 airstrike, jets carried out 4 raids on Tell Zarqa, killing two farmers.")
    assert incs and incs[0].strikes is not None and incs[0].strikes.value() == 4


@pytest.mark.parametrize("text", [
    "On 11 May 2030 civilians were killed by shelling on Tell Zarqa.",
    "On June 11 civilians were killed by shelling on Tell Zarqa.",
    "On 11 June Kurdish fighters were killed by shelling on Tell Zarqa.",
])
def test_a_date_before_a_victim_noun_is_no_casualty_count(text: str) -> None:
    groups = find_groups(text, 0, len(text))
    assign_status(text, groups, 0, len(text))
    assert all(g.range is None or g.range.value() != int(n) for g in groups for n in ("11", "2030"))
    for inc in _incidents(text):
        assert all(c is None for c in (inc.killed.civilians, inc.killed.fighters, inc.killed.total))


def test_a_campaign_total_is_no_incident_strike_count() -> None:
    bound = PLAUSIBLE_BOUND["strikes"]
    text = f"Jets flew more than {bound * 3:,} sorties over Tell Zarqa on Monday, killing two farmers."
    incs = _incidents(text)
    assert incs and all(i.strikes is None or (i.strikes.value() or 0) < bound for i in incs)
    assert any(p.startswith("W-STRIKE-BOUND:") for i in incs for p in i.problems)


def test_a_count_below_the_bound_is_kept() -> None:
    incs = _incidents("Jets carried out 35 raids on Tell Zarqa on Monday, killing two farmers.")
    assert incs and incs[0].strikes is not None and incs[0].strikes.value() == 35
