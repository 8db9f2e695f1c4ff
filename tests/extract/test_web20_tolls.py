"""Web texts' tolls (session 20): a total of people with the civilians among them counted apart ("killed five
people, including one civilian") gives civilians the civilians' figure, not the total.  Short bulletins invented
for these tests."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_text
from warledger.record import Incident


def _best(r) -> Optional[int]:
    return None if r is None else r.value()


def _killed(text: str) -> list[tuple[Optional[int], Optional[int]]]:
    recs: list[Incident] = extract_text(text, published="2023-05-10")
    return [(_best(r.killed.civilians), _best(r.killed.total)) for r in recs if r.kind == "incident"]


@pytest.mark.parametrize("text, civilians, total", [
    # the total holds people of unknown status; only one of them is said to be a civilian
    ("A drone strike on a car near the town of Tal Hamra killed five people, including one civilian, on Tuesday.", 1, 5),
    ("The raid on the village of Tal Hamra killed seven people, among them two civilians.", 2, 7),
])
def test_civilians_told_among_a_total_are_not_the_total(text: str, civilians: int, total: int) -> None:
    assert _killed(text) == [(civilians, total)]


@pytest.mark.parametrize("text, civilians", [
    # people with no fighter noun are still inferred to be civilians; a child among them does not stop it
    ("Four people were killed, including two children, when a shell hit a house in the village of Tal Hamra.", 4),
    ("Three civilians were killed, including a child, in shelling on the village of Tal Hamra.", 3),
])
def test_people_with_no_civilian_sub_count_are_still_inferred_civilians(text: str, civilians: int) -> None:
    assert [c for c, _ in _killed(text)] == [civilians]


def _arabic_civilians(text: str) -> list[Optional[int]]:
    recs: list[Incident] = extract_text(text, published="2023-05-10")
    return [_best(r.killed.civilians) for r in recs if r.kind == "incident"]


@pytest.mark.parametrize("text, civilians", [
    # "although the two young men are civilians": the clause says what the dead were, it adds nobody
    ("قتل شابان برصاص مسلحين في قرية الحقل فجر اليوم، رغم أن الشابين مدنيان يعملان في الزراعة.", 2),
    # "the residents said that the two victims were civilians"
    ("قتل رجلان بقصف على قرية الحقل، وأكد الأهالي بأن الضحيتين مدنيون.", 2),
])
def test_a_clause_stating_the_victims_status_adds_no_victims(text: str, civilians: int) -> None:
    assert _arabic_civilians(text) == [civilians]


@pytest.mark.parametrize("text, civilians", [
    # a figure after "that" is a count of its own: "the monitor said that 3 civilians were killed"
    ("قصفت طائرة حربية قرية الحقل، وأفاد المرصد أن 3 مدنيين قتلوا في القصف.", 3),
    # no civilian noun after the subject: "that the martyrs" is not a status clause
    ("أفاد الأهالي أن الشهداء الثلاثة سقطوا بقصف على قرية الحقل.", 3),
])
def test_counts_after_that_are_still_read(text: str, civilians: int) -> None:
    assert _arabic_civilians(text) == [civilians]
