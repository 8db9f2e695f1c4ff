"""Web texts' tolls (session 19): the people someone was killed with ("برفقة 3 أشخاص", "مع ثلاثة من زملائه") are
counted with that one person.  Short bulletins invented for these tests."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_text
from warledger.record import Incident


def _best(r) -> Optional[int]:
    return None if r is None else r.value()


def _civilians(text: str) -> list[Optional[int]]:
    recs: list[Incident] = extract_text(text, published="2023-05-10")
    return [_best(r.killed.civilians) for r in recs if r.kind == "incident"]


@pytest.mark.parametrize("text, civilians", [
    # a named man and three people with him: four dead, not three
    ('ارتقاء "سامر العبدو" قائد شرطة بلدة الحقل برفقة 3 أشخاص وإصابة 6 آخرين جراء قصف مدفعي على قرية الحقل بريف إدلب.', 4),
    # "he and two of his friends": three
    ("استشهد الشاب ماهر الخطيب مع اثنين من أصدقائه جراء غارة روسية على بلدة الحقل بريف إدلب.", 3),
    # the killer's verb with a pronoun, then "with four of his colleagues": five
    ("طالب جامعي قتلته قذيفة صاروخية على مدينة الحقل مع أربعة من زملائه.", 5),
])
def test_the_people_killed_with_someone_are_counted_with_him(text: str, civilians: int) -> None:
    assert _civilians(text) == [civilians]


@pytest.mark.parametrize("text, civilians", [
    # the companions are already among the victims read before them: nothing is added
    ("استشهاد مدني وإصابة 10 آخرين بجروح مع أربعة إعلاميين بقصف تركي على قرية الحقل.", 1),
    # going out with three friends is no death: only the civilian killed afterwards counts
    ("خرج مع 3 من أصدقائه إلى السوق في بلدة الحقل واستشهد مدني بغارة روسية على البلدة.", 1),
])
def test_a_companion_phrase_adds_nobody_the_sentence_has_counted(text: str, civilians: int) -> None:
    assert _civilians(text) == [civilians]
