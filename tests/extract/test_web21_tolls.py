"""Web texts' tolls (session 21): an Arabic casualty verb that follows its noun after a death was told ("قتل شابان
... و3 مدنيين أصيبوا": two killed, three injured) gives that noun its own status.  Sentences invented for these tests."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract.arabic_counts import sentence_tally
from warledger.extract.arabic_lex import norm_word


def _counts(sentence: str) -> dict[str, dict[str, Optional[int]]]:
    ns = norm_word(sentence)
    tally = sentence_tally(ns, 0, len(ns))
    return {st: {cat: r.value() for cat, (r, _) in cats.items()} for st, cats in tally.counts.items()}


@pytest.mark.parametrize("sentence, killed, injured", [
    # the verb after the noun: the second group is injured, not killed
    ("قتل شابان برصاص مسلحين في بلدة الحمراء في حين أن 3 مدنيين أصيبوا بجروح", 2, 3),
    ("استشهد طفل في القصف و4 مدنيين أصيبوا بجروح متفاوتة", 1, 4),
    ("استشهد طفلان في قصف على القرية، وطفل آخر أصيب بجروح", 2, 1),
    # "بجروح" right after the second group: the same construction without a verb
    ("قتل رجل في القصف و5 مدنيين بجروح", 1, 5),
])
def test_injured_verb_after_its_noun_after_a_death(sentence: str, killed: int, injured: int) -> None:
    counts = _counts(sentence)
    assert counts["killed"]["civilians"] == killed
    assert counts["injured"]["civilians"] == injured


@pytest.mark.parametrize("sentence, killed, injured", [
    # the first group of the casualty word is its object: "قتل 3 مدنيين أصيبوا ... ثم فارقوا" stays 3 killed
    ("قتل 3 مدنيين أصيبوا بجروح خطيرة ثم فارقوا الحياة", 3, None),
    # a verb followed by its own noun governs that noun, not the one before it
    ("قتل شابان وامرأة أصيب طفل بجروح", 3, 1),
    # the ordinary order, verb before noun, is unchanged
    ("استشهد طفل وأصيب 3 مدنيين بجروح", 1, 3),
])
def test_first_object_and_ordinary_order_unchanged(sentence: str, killed: int, injured: Optional[int]) -> None:
    counts = _counts(sentence)
    assert counts["killed"]["civilians"] == killed
    assert counts.get("injured", {}).get("civilians") == injured


# ---- pages that yield no record say why (extract/walls.py, data/page_walls.tsv) ------------------------------------

def _why(text: str, url: Optional[str] = None) -> tuple[int, list[str]]:
    from warledger.extract import extract_report
    from warledger.ingest.clean import clean_report
    from warledger.record import Report

    report = Report(id="r1", text=text, url=url)
    clean_report(report)
    extract_report(report)
    return len(report.incidents), [p for p in report.problems if p.startswith("W-EVENT-NONE:")]


@pytest.mark.parametrize("text, kind", [
    ("English (US)Deutsch\nSign UpLog InMessengerPrivacy PolicyCookiesHelp", "sign-in wall"),
    ("This page isn't available right now. Try reloading this page.\nGo back", "removed or unavailable page"),
    ("Newsroom of Tal Hamra's Post\n\nNewsroom of Tal Hamra Verified account\n\n3w\n\n3w\n\n3w", "post shell"),
    ("Discover Popular Videos | Facebook\n\nVideo", "video page shell"),
])
def test_a_wall_gives_no_record_and_says_what_it_is(text: str, kind: str) -> None:
    n, why = _why(text)
    assert n == 0
    assert len(why) == 1 and f"the page is a {kind}" in why[0]


def test_a_text_naming_no_event_says_so_and_is_no_wall() -> None:
    # an Arabic article about prices: no attack or casualty, no record; not taken for a wall
    n, why = _why("ارتفعت أسعار الخبز في مدينة تل حمراء هذا الأسبوع بعد قرار جديد للمجلس المحلي بشأن الطحين والوقود")
    assert n == 0
    assert len(why) == 1 and "names no attack, casualty or other event" in why[0]


def test_a_short_post_in_a_platform_frame_is_read() -> None:
    # the frame's lines ("Post") do not make a wall of a post that tells a strike
    n, why = _why("Post\n\nPost\n\nاستشهاد 3 مدنيين بقصف مدفعي على بلدة تل حمراء اليوم")
    assert n == 1 and why == []
