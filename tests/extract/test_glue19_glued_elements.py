"""Web texts made from pages whose elements were joined with no space (session 19): a clock time run into the next
element's figure ("2:0015 dead") and a handle or hashtag run into the next element's word ("@news_24ضحايا").
A count never starts inside such a token.  Short posts invented for these tests."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_text
from warledger.extract.numbers import date_part
from warledger.record import Incident


def _civilians(text: str) -> list[Optional[int]]:
    recs: list[Incident] = extract_text(text, published="2024-03-02")
    return [None if r.killed.civilians is None else r.killed.civilians.value() for r in recs if r.kind == "incident"]


@pytest.mark.parametrize("text, start, end", [
    ("Video 3:45 watch", 8, 10),         # a clock time's minutes
    ("Video 3:4512 dead", 8, 12),      # the minutes with another element's figure glued on
    ("Updated 11:305 killed", 11, 14),
])
def test_digits_after_a_clock_times_colon_are_no_count(text: str, start: int, end: int) -> None:
    assert date_part(text, start, end) is not None


def test_a_count_after_a_plain_colon_is_still_a_count() -> None:
    text = "Toll: 12 killed"
    assert date_part(text, 6, 8) is None


def test_a_clock_time_glued_to_a_figure_gives_no_toll() -> None:
    # a video's length "2:14" run into a headline's "8 civilians killed": not 148 dead (main read 148)
    text = "Watch the report 2:148 civilians killed in an air strike on the town of Maarat al-Numan in Idlib."
    assert _civilians(text) in ([], [None])


def test_a_handles_digits_glued_to_an_arabic_word_are_no_toll() -> None:
    # a channel's handle "@news_17" run into the post's first word "ضحايا": the toll is the post's "3 قتلى"
    text = ("Post\n\nقناة الخبر@channel_news_17ضحايا في ريف إدلب.. 3 قتلى بقصف مدفعي على بلدة الحقل جنوبي إدلب\n\n"
            "3:15 PM · Mar 2, 2024")
    assert _civilians(text) == [3]
