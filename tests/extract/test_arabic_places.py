"""Arabic places named without a settlement word, relative days, and event words (invented one-line posts)."""
from __future__ import annotations

from typing import Optional

from warledger.extract import extract_text
from warledger.record import Incident


def _incidents(text: str, published: Optional[str] = "2023-05-10") -> list[Incident]:
    return [r for r in extract_text(text, published=published) if r.kind == "incident"]


def _one(text: str, published: Optional[str] = "2023-05-10") -> Incident:
    got = _incidents(text, published)
    assert len(got) == 1, [r.to_json("t") for r in got]
    return got[0]


def test_hashtag_after_a_preposition_is_the_place() -> None:
    inc = _one("انفجار عبوة ناسفة في #سرمدا أدى إلى إصابة شابين")
    assert inc.place.phrase == "سرمدا"
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_multiword_hashtag_is_read_with_spaces() -> None:
    inc = _one("قصف مدفعي على #دير_حافر شرقي حلب يقتل مدنيا")
    assert inc.place.name == "دير حافر"
    assert inc.place.governorate == "Aleppo"


def test_name_before_its_governorate_countryside() -> None:
    inc = _one("قصف صاروخي استهدف جنديرس بريف حلب الشمالي")
    assert inc.place.phrase.startswith("جنديرس")
    assert inc.place.governorate == "Aleppo"


def test_country_hashtag_is_not_a_place() -> None:
    inc = _one("غارة جوية في #سوريا تقتل ثلاثة مدنيين")
    assert inc.place.phrase is None or "سوريا" not in inc.place.phrase


def test_a_settlement_word_place_wins_and_no_second_incident_appears() -> None:
    # the bare spelling later in the post is the same village: one incident, not two
    got = _incidents("مقتل طفلين بقصف مدفعي على بلدة كفرعويد بريف إدلب. القصف استهدف كفرعويد بريف إدلب الجنوبي")
    assert len(got) == 1
    assert got[0].place.phrase.startswith("بلدة كفرعويد")


def test_last_night_with_the_article_is_the_day_before() -> None:
    inc = _one("انفجار سيارة مفخخة ليلة الأمس في بلدة الراعي شمال حلب", published="2023-05-10")
    assert inc.event_date == "2023-05-09"
    inc = _one("قصف مدفعي البارحة على قرية معرزاف بريف حماة", published="2023-05-10")
    assert inc.event_date == "2023-05-09"


def test_airborne_raid_and_suicide_belt_are_event_words() -> None:
    assert _one("عملية الإنزال الجوي في بلدة أطمة ليلة أمس").sub_event_type == "Armed clash"
    assert _one("رجل يرتدي حزام ناسف فجر نفسه في مدينة الباب").sub_event_type == "Suicide bomb"
