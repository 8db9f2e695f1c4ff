"""A blank line ends a date and a casualty phrase: "12" at the end of one paragraph and "May 2021" at the start of
the next are no date; an ACLED note read as one sentence gives no count, status or sub-count that runs into the
next paragraph or sentence.  Invented places and wording."""
from __future__ import annotations

from datetime import date

import pytest

from warledger.extract import extract_text
from warledger.extract.casualties import assign_status, find_groups
from warledger.extract.dates import find_dates, reference_date

BREAKS = ["\n\n", "\n \n", "\r\n\r\n", "\n\t\n"]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_day_and_a_month_in_two_paragraphs_are_no_date(brk: str) -> None:
    text = f"The shelters counted 12{brk}May 2021 brought more shelling of Kafr Zeitoun."
    found, _ = find_dates(text, 0, len(text), date(2021, 6, 30))
    assert [text[d.start:d.end] for d in found] == []


@pytest.mark.parametrize("brk", BREAKS)
def test_a_month_and_a_day_in_two_paragraphs_are_no_date(brk: str) -> None:
    text = f"Shelling resumed in March{brk}3 shelters were hit in Kafr Zeitoun."
    found, _ = find_dates(text, 0, len(text), date(2021, 6, 30))
    assert found == []


def test_a_date_over_one_line_break_is_still_read() -> None:
    text = "Shelling resumed on 3 June\n2021 in Kafr Zeitoun."
    found, _ = find_dates(text, 0, len(text), None)
    assert [(text[d.start:d.end], d.earliest) for d in found] == [("3 June\n2021", date(2021, 6, 3))]


@pytest.mark.parametrize("brk", BREAKS)
def test_the_reference_date_is_no_date_made_of_two_paragraphs(brk: str) -> None:
    text = f"Bulletin 14{brk}March 2020 was the worst month for Kafr Zeitoun."
    assert reference_date(text, 0, len(text), None) == (None, None)


@pytest.mark.parametrize("brk", BREAKS)
def test_since_in_the_paragraph_before_makes_no_range(brk: str) -> None:
    text = f"Nothing has changed since{brk}5 June 2021 was the day the mill at Kafr Zeitoun burned."
    found, _ = find_dates(text, 0, len(text), date(2021, 6, 30))
    assert len(found) == 1 and not found[0].since and found[0].latest == date(2021, 6, 5)


def _groups(text: str) -> list[tuple[str, str, object, object]]:
    groups = find_groups(text, 0, len(text))
    assign_status(text, groups, 0, len(text))
    return [(text[g.start:g.end], g.category, g.status, g.range.best if g.range else None) for g in groups]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_count_and_a_noun_in_two_paragraphs_are_no_group(brk: str) -> None:
    text = f"On 4 March 2022, gunmen fired on a checkpoint at Tell Warda (Hasakeh), injuring 3{brk}Soldiers searched the area later. 0 fatalities."
    incs = extract_text(text)
    assert len(incs) == 1 and incs[0].injured.fighters is None


@pytest.mark.parametrize("brk", BREAKS)
def test_a_verb_followed_by_a_paragraph_break_still_governs_the_group_before_it(brk: str) -> None:
    text = f"On 4 March 2022, a shell hit Tell Warda (Hasakeh) and 3 people were wounded{brk}A shepherd later died of his wounds. 0 fatalities."
    assert ("3 people", "total", "injured", 3) in _groups(text)


def test_later_died_in_the_next_paragraph_is_not_the_wounded_group_dying() -> None:
    text = ("On 4 March 2022, gunmen attacked a checkpoint at Tell Warda (Hasakeh) and two guards were wounded\n\n"
            "A farmer hurt in an earlier raid later died. 0 fatalities.")
    assert ("two guards", "fighters", "injured", 2) in _groups(text)


def test_later_died_in_the_next_sentence_of_a_note_still_counts() -> None:
    # ACLED's notes tell of the wounded dying in the sentence after ("He died later from his wounds")
    text = "On 6 May 2022, gunmen shot and injured a guard at Tell Warda (Hasakeh). He died later from his wounds."
    incs = extract_text(text)
    assert incs[0].killed.fighters is not None and incs[0].fatalities == 1


def test_later_died_in_the_same_sentence_still_turns_the_wounded_into_dead() -> None:
    text = "On 4 March 2022, a shell hit Tell Warda (Hasakeh) and 2 women were wounded and later died in hospital. 2 fatalities."
    assert ("2 women", "women", "killed", 2) in _groups(text)


@pytest.mark.parametrize("brk", BREAKS)
def test_a_sub_count_list_does_not_run_into_the_next_paragraph(brk: str) -> None:
    text = f"On 4 March 2022, a drone hit a car at Tell Warda (Hasakeh), killing 4 people{brk}including 2 children who had nothing to do with it, a witness said. 4 fatalities."
    groups = find_groups(text, 0, len(text))
    head = [g for g in groups if text[g.start:g.end] == "4 people"]
    assert head and head[0].subs == []


def test_a_date_after_a_match_dropped_at_a_break_is_still_found() -> None:
    text = "The shelters counted 12\n\nMay 4, 2021 brought more shelling of Kafr Zeitoun."
    found, _ = find_dates(text, 0, len(text), None)
    assert [d.earliest for d in found] == [date(2021, 5, 4)]
