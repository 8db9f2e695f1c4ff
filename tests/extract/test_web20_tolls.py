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
