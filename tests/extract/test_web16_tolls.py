"""Tolls and perpetrators as web texts state them (session 16, web16): when the women and men counted are exactly
the civilians killed, no child was among them (children 0, with a W-COUNT-ADULTS problem; a child, an unnamed
remainder or an inexact figure keep children null); Arabic fire whose source names the regime and the SDF together
is the SDF's, factions named as Turkey-backed are Turkey's; a quoted toll, "another" before any victim, and a car's
passengers are read for what they are.  Fixtures are written for these tests."""
from __future__ import annotations

import warledger


def _incidents(text: str, published: str = "2024-05-20") -> list[warledger.record.Incident]:
    return [i for i in warledger.extract(text, published=published) if i.kind == "incident"]


def _children(incs: list[warledger.record.Incident]) -> list[int]:
    return [i.killed.children.value() or 0 for i in incs if i.killed.children is not None]


def test_adults_only_means_no_child_killed_english() -> None:
    incs = _incidents("A man and his wife were killed on Sunday when artillery shells hit their house "
                      "in the village of Kafr Zayta.")
    assert any(i.killed.civilians is not None and i.killed.civilians.value() == 2 for i in incs)
    assert _children(incs) == [0]
    assert any(p.startswith("W-COUNT-ADULTS:") for i in incs for p in i.problems)
    ev = [e for i in incs for e in i.evidence if e.field == "killed.children"]
    assert ev and all(e.text for e in ev)


def test_adults_only_means_no_child_killed_arabic() -> None:
    # "an old woman was killed when a shell fell on her house in the village of al-Bara; three neighbours were hurt"
    incs = _incidents("قتلت امرأة مسنة حين سقطت قذيفة على منزلها في قرية البارة، وجرح ثلاثة من جيرانها.")
    assert any(i.killed.women is not None and i.killed.women.value() == 1 for i in incs)
    assert _children(incs) == [0]


def test_a_child_among_the_dead_is_counted_not_zeroed() -> None:
    incs = _incidents("A woman and her son were killed on Sunday when artillery shells hit their house "
                      "in the village of Kafr Zayta.")
    assert 0 not in _children(incs)


def test_an_unnamed_remainder_keeps_children_null() -> None:
    incs = _incidents("Five civilians, among them two women, were killed on Sunday when artillery shells hit "
                      "houses in the village of Kafr Zayta.")
    assert _children(incs) == []


def test_at_least_keeps_children_null() -> None:
    incs = _incidents("At least three civilians were killed, including two women and a man, when shells hit "
                      "the market of Kafr Zayta on Sunday.")
    assert 0 not in _children(incs)


def test_fire_from_areas_the_regime_and_the_sdf_hold_is_coded_the_sdf() -> None:
    # "rockets fired from positions of the regime and the SDF hurt two farmers in the fields of Sawran"
    incs = _incidents('جرح مزارعان في حقول بلدة صوران بصواريخ مصدرها مواقع قوات النظام و"قسد" القريبة.')
    assert [i.actor1 for i in incs] == ["QSD: Syrian Democratic Forces"]
    assert any(p.startswith("W-ACTOR-JOINT:") for p in incs[0].problems)


def test_regime_fire_alone_stays_the_regime() -> None:
    incs = _incidents("أصيب ثلاثة مدنيين بقصف مدفعي لقوات النظام استهدف بلدة كنصفرة جنوبي إدلب.")
    assert [i.actor1 for i in incs] == ["Military Forces of Syria (2000-)"]


def test_a_quoted_toll_is_counted_once() -> None:
    # "local sources said the air raid killed 'four civilians: a man, a woman and two children' in al-Bara"
    incs = _incidents('قالت مصادر محلية إن الغارة أدت إلى مقتل "أربعة مدنيين، هم رجل وامرأة وطفلان" في قرية البارة.')
    k = incs[0].killed
    assert k.civilians is not None and k.civilians.value() == 4
    assert k.children is not None and k.children.value() == 2


def test_another_before_any_victim_is_no_victim() -> None:
    # "on the other side, activists said a sniper killed a man in the Kallaseh quarter": "another" (أخرى) qualifies
    # "side", it counts nobody
    incs = _incidents("من جهة أخرى، قال ناشطون إن قناصاً قتل رجلاً في حي الكلاسة بمدينة حلب.")
    assert [i.killed.civilians.value() for i in incs if i.killed.civilians is not None] == [1]


def test_another_after_a_casualty_word_is_one_more() -> None:
    incs = _incidents("قتل مدني بقذيفة هاون في حي الكلاسة بمدينة حلب، وقتل آخر في الحي ذاته.")
    assert sum(i.killed.civilians.value() or 0 for i in incs if i.killed.civilians is not None) == 2


def test_factions_named_as_backed_by_turkey_are_coded_turkey() -> None:
    # "a woman was killed by a shell the Turkey-backed National Army factions fired on a village near Manbij"
    incs = _incidents("قتلت امرأة بقذيفة أطلقتها فصائل الجيش الوطني المدعومة من تركيا على قرية قرب منبج.")
    assert [i.actor1 for i in incs] == ["Military Forces of Turkey (2016-)"]


def test_factions_alone_stay_rebels() -> None:
    incs = _incidents("قتلت امرأة بقذيفة أطلقتها فصائل المعارضة على قرية قرب منبج.")
    assert [i.actor1 for i in incs] == ["Opposition Rebels (Syria)"]


def test_the_passengers_of_a_struck_car_are_not_the_toll() -> None:
    # "a shell hit a pickup carrying five people near the village of al-Khafsa: a man was killed, another hurt"
    incs = _incidents("تعرضت شاحنة صغيرة تقل خمسة أشخاص لقصف مدفعي قرب قرية الخفسة، ما أدى إلى مقتل رجل وإصابة آخر.")
    assert sum(i.killed.civilians.value() or 0 for i in incs if i.killed.civilians is not None) == 1


def test_no_less_than_is_still_a_toll() -> None:
    incs = _incidents("قتل ما لا يقل عن ستة مدنيين في غارة جوية على بلدة الهبيط.")
    lows = [i.killed.civilians.low for i in incs if i.killed.civilians is not None]
    assert lows == [6]

