"""Arabic bulletins (invented for these tests): named victims, tolls that rise, and a side named as the target.

- "استشهاد سامي الحسن وعمار الخطيب": each given name joined by "و" is one more person (a title before a later
  name gives that person's category); "استشهاد سامي الحسن وإصابة عمار": the second name is another status.
- "ارتفاع عدد الشهداء إلى 10 ...، حيث توفي شاب متأثراً بإصابته": the toll includes the death that raised it.
- "غارات على مواقع تنظيم الدولة": the side after "مواقع"/"مناطق"/"ضد"/"المناهض لـ" is the target, not the
  attacker; "قصف مصدره مناطق سيطرة قسد" names where the fire came from, the attacker.
- "ميليشيا pkk", "ب ك ك", "ميليشيات أسد", "غارتين روسيتين", "التـ*ـركي": spellings of a side that web posts use.
"""
from __future__ import annotations

from typing import Optional

from warledger.extract import extract_text
from warledger.record import Incident, Range


def _one(text: str) -> Incident:
    got = [r for r in extract_text(text, published="2023-05-10") if r.kind == "incident"]
    assert len(got) == 1, [r.to_json("t") for r in got]
    return got[0]


def _best(r: Optional[Range]) -> Optional[int]:
    return None if r is None else r.value()


def test_names_joined_by_and_are_each_one_victim() -> None:
    inc = _one("قصفت قوات النظام بلدة الكرمة بريف حماة ما أدى إلى استشهاد سامي الحسن وعمار الخطيب.")
    assert _best(inc.killed.civilians) == 2


def test_names_with_ages_and_commas() -> None:
    inc = _one("أسفر القصف المدفعي على قرية التلول عن مقتل ماهر العبدو 40 عاماً، وعادل الجاسم 33 عاماً، ويحيى الحمد.")
    assert _best(inc.killed.civilians) == 3


def test_a_title_before_a_later_name_gives_its_category() -> None:
    inc = _one("قصفت مسيرة تركية قرية الصفا ما أدى إلى استشهاد هشام السالم 45 عاماً والطفلة ريم السالم.")
    assert _best(inc.killed.civilians) == 2
    assert _best(inc.killed.children) == 1


def test_a_name_after_another_casualty_word_is_not_added() -> None:
    inc = _one("قصفت قوات النظام بلدة الكرمة ما أدى إلى استشهاد سامي الحسن وإصابة عمار الخطيب بجروح.")
    assert _best(inc.killed.civilians) == 1


def test_the_side_whose_positions_were_struck_is_not_the_attacker() -> None:
    inc = _one("شن التحالف الدولي فجر اليوم غارات جوية على مواقع تنظيم الدولة في بادية دير الزور.")
    assert inc.actor1 == "Global Coalition Against Daesh"


def test_a_side_named_after_against_is_not_the_attacker() -> None:
    inc = _one("قتل مدني في ضربة جوية ضد تنظيم داعش نفذتها طائرة للتحالف الدولي قرب بلدة الشعفة.")
    assert inc.actor1 == "Global Coalition Against Daesh"


def test_areas_the_fire_came_from_name_the_attacker() -> None:
    inc = _one("استشهاد مدني إثر قصف صاروخي على مدينة مارع مصدره مناطق سيطرة قسد.")
    assert inc.actor1 == "QSD: Syrian Democratic Forces"


def test_the_death_that_raised_a_toll_is_in_it() -> None:
    # the toll's new total (10), then how it rose: one died of wounds, added to the 9 killed at once
    inc = _one("أفاد ناشطون بارتفاع عدد الشهداء إلى 10 مدنيين جراء قصف قوات النظام على قرية البارة، حيث توفي شاب "
               "متأثراً بإصابته، يضاف إلى 9 شهداء قضوا في القصف مباشرة.")
    assert _best(inc.killed.civilians) == 10


def test_others_after_a_toll_are_more_people() -> None:
    inc = _one("ارتفع عدد القتلى إلى 5 مدنيين في قصف لقوات النظام على بلدة البارة، ومقتل 3 آخرين في قصف على بلدة كنصفرة.")
    assert _best(inc.killed.civilians) == 8


def test_web_spellings_of_a_side_name_it() -> None:
    # Latin acronyms in lower case, acronyms spelled letter by letter, "أسد" without the article
    for said, name in (("ميليشيا pkk", "YPG: Peoples Protection Units"), ("ميليشيا ب ك ك", "YPG: Peoples Protection Units"),
                       ("ميليشيات #PYD", "YPG: Peoples Protection Units"), ("ميليشيات أسد", "Military Forces of Syria (2000-)"),
                       ("الحرس الثوري", "Military Forces of Iran (1989-)"), ("عصابات الPKk", "YPG: Peoples Protection Units"),
                       ("شبيحة بشار", "Military Forces of Syria (2000-)")):
        inc = _one(f"إصابة ثلاثة مدنيين جراء قصف صاروخي من {said} استهدف بلدة الراعي شمال حلب")
        assert inc.actor1 == name, said


def test_dual_adjective_names_the_side() -> None:
    inc = _one("قُتل رجل وأصيبت زوجته في غارتين جويتين روسيتين استهدفتا منزلهم في قرية الرملة شرق حلب ليلة أمس.")
    assert inc.actor1 == "Military Forces of Russia (2000-)"
    assert inc.killed.civilians is not None and inc.killed.civilians.value() == 1


def test_star_inside_a_word_is_an_obfuscation() -> None:
    # "استـ*ـشهاد", "التـ*ـركي": a star between tatweels, written to dodge filters, is no letter
    inc = _one("استـ*ـشهاد مدنيين اثنين جراء هجـ*ـوم بطائرة مسيرة لجيش الاحتـ*ـلال التـ*ـركي على قرية الجسر.")
    assert inc.actor1 == "Military Forces of Turkey (2016-)"
    assert inc.killed.civilians is not None and inc.killed.civilians.value() == 2
