"""Arabic-script extraction on short invented bulletins (written for these tests, not taken from any source)."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_text
from warledger.extract.arabic import arabic_date, extract_arabic
from warledger.extract.arabic_lex import NormText, mostly_arabic, number_value, norm_word
from warledger.record import Incident, Report


def _incidents(text: str, published: Optional[str] = "2023-05-10") -> list[Incident]:
    return [r for r in extract_text(text, published=published) if r.kind == "incident"]


def _one(text: str, published: Optional[str] = "2023-05-10") -> Incident:
    got = _incidents(text, published)
    assert len(got) == 1, [r.to_json("t") for r in got]
    return got[0]


def _best(r) -> Optional[int]:
    return None if r is None else r.value()


def _ev(inc: Incident, field: str) -> str:
    texts = [e.text for e in inc.evidence if e.field == field]
    assert texts, f"no evidence for {field}"
    return texts[0]


def test_count_with_among_is_not_additive() -> None:
    text = "استشهاد 4 مدنيين بينهم طفلان وامرأة بقصف مدفعي لقوات النظام على قرية الزيتون بريف إدلب الجنوبي اليوم."
    inc = _one(text)
    assert _best(inc.killed.civilians) == 4
    assert _best(inc.killed.children) == 2
    assert _best(inc.killed.women) == 1
    assert inc.actor1 == "Military Forces of Syria (2000-)"
    assert inc.sub_event_type == "Shelling/artillery/missile attack"
    assert inc.place.governorate == "Idlib"
    assert inc.place.name == "الزيتون"
    assert inc.event_date == "2023-05-10"
    assert _ev(inc, "killed.civilians") == "4 مدنيين"


def test_arabic_indic_digits_and_killed_and_injured() -> None:
    text = "٥ شهداء و١٢ جريحاً جراء غارة جوية روسية على مدينة النور في ريف حلب أمس"
    inc = _one(text)
    assert _best(inc.killed.civilians) == 5
    assert _best(inc.injured.civilians) == 12
    assert inc.actor1 == "Military Forces of Russia (2000-)"
    assert inc.sub_event_type == "Air/drone strike" and inc.weapon == "warplanes"
    assert inc.event_date == "2023-05-09"
    assert inc.place.governorate == "Aleppo"
    assert _ev(inc, "killed.civilians") == "٥ شهداء"


def test_list_of_singular_and_dual_nouns_adds_up() -> None:
    text = "قصفت المدفعية التركية منزلاً في قرية السهل، مما أدى إلى استشهاد رجلين وطفل وإصابة امرأتين."
    inc = _one(text)
    assert _best(inc.killed.civilians) == 3
    assert _best(inc.killed.men) == 2
    assert _best(inc.killed.children) == 1
    assert _best(inc.injured.civilians) == 2
    assert _best(inc.injured.women) == 2
    assert inc.actor1 == "Military Forces of Turkey (2016-)"


def test_female_martyr_is_a_woman_and_others_follow_the_group_before() -> None:
    inc = _one("ارتقاء شهيدة وإصابة 3 آخرين بقصف صاروخي على بلدة الوادي")
    assert _best(inc.killed.women) == 1 and _best(inc.killed.civilians) == 1
    assert _best(inc.injured.civilians) == 3
    assert inc.injured.women is None


def test_number_words_and_bounds() -> None:
    inc = _one("مقتل ثلاثة عشر مدنياً على الأقل وإصابة أكثر من عشرين آخرين بانفجار عبوة ناسفة في مدينة الميدان")
    assert inc.killed.civilians is not None and inc.killed.civilians.low == 13 and inc.killed.civilians.high is None
    assert inc.injured.civilians is not None and inc.injured.civilians.low == 21 and inc.injured.civilians.best is None
    assert inc.sub_event_type == "Remote explosive/landmine/IED" and inc.weapon == "IED"
    inc = _one("إصابة عشرات المدنيين بقصف الطيران الحربي على بلدة الربيع")
    assert inc.injured.civilians is not None and (inc.injured.civilians.low, inc.injured.civilians.best) == (10, 10)
    inc = _one("مقتل نحو 15 شخصاً بغارة على قرية الضفة")
    assert inc.killed.civilians is not None and inc.killed.civilians.best == 15 and inc.killed.civilians.low is None


def test_fighters_are_not_civilians() -> None:
    inc = _one("مقتل 3 عناصر من قسد بقصف طائرة مسيرة تركية على قرية الجسر شرقي الحسكة")
    assert inc.killed.civilians is None
    assert _best(inc.killed.fighters) == 3
    assert inc.actor1 == "Military Forces of Turkey (2016-)"
    assert inc.weapon == "drone"
    assert inc.place.governorate == "Hasakah"


def test_combined_killed_and_injured_figure_is_not_a_death_toll() -> None:
    inc = _one("30 قتيلاً وجريحاً بقصف على مدينة السوق")
    assert inc.killed.civilians is None and inc.injured.civilians is None


def test_headline_and_body_telling_one_event_make_one_incident() -> None:
    text = ("مقتل طفلين بقصف لقوات النظام على ريف إدلب\n\n"
            "قتل طفلان اليوم الثلاثاء 9 أيار 2023 جراء قصف مدفعي لقوات النظام استهدف قرية التلة بريف إدلب الشرقي.")
    inc = _one(text, published=None)
    assert _best(inc.killed.children) == 2 and _best(inc.killed.civilians) == 2
    assert inc.event_date == "2023-05-09"
    assert inc.place.name == "التلة"


def test_period_tally_is_an_aggregate() -> None:
    text = ("استشهاد مدني بقصف على قرية الحقل بريف حماة.\n"
            "وبذلك يرتفع إلى 40 عدد المدنيين الذين قتلوا بالقصف منذ مطلع العام.")
    recs = extract_text(text, published="2023-05-10")
    assert [r.kind for r in recs] == ["incident", "aggregate"]
    assert _best(recs[0].killed.civilians) == 1
    assert _best(recs[1].killed.civilians) == 40


def test_explicit_dates_levantine_and_egyptian_months() -> None:
    assert arabic_date("20 سبتمبر 2025").isoformat() == "2025-09-20"  # type: ignore[union-attr]
    assert arabic_date("3 تشرين الثاني 2021").isoformat() == "2021-11-03"  # type: ignore[union-attr]
    inc = _one("استشهاد طفلة بغارة على بلدة الغيث يوم 8 آذار", published="2024-04-02")
    assert inc.event_date == "2024-03-08"
    inc = _one("استشهاد طفلة بغارة على بلدة الغيث يوم 28 كانون الأول", published="2024-01-03")
    assert inc.event_date == "2023-12-28"  # a day-month after the publication date is last year's


def test_arabic_publication_date_is_the_reference() -> None:
    inc = _one("إصابة مدني بقصف على قرية الريح اليوم", published="12 أكتوبر 2022")
    assert inc.event_date == "2022-10-12"
    assert _best(inc.injured.civilians) == 1


def test_numeric_dateline_of_an_arabic_page_is_day_first() -> None:
    # no publication date: the page's dateline under the headline dates "اليوم"; Arabic writes the day first
    text = ("قصف على بلدة النجمة\n\nموقع الوادي\n\n04/09/2022\n\n"
            "استشهاد طفل بقصف مدفعي على بلدة النجمة بريف إدلب اليوم.")
    inc = _one(text, published=None)
    assert inc.event_date == "2022-09-04"


def test_a_photo_caption_date_is_not_the_dateline() -> None:
    # an archive photo's caption (date, then its credit in brackets) comes before the page's own dateline
    text = ("قصف على بلدة النجمة\n\nآثار قصف سابق على البلدة - 12 من أيار 2021 (وكالة الوادي)\n\n"
            "موقع الوادي\n\n04/09/2022\n\n3:10 م\n\n"
            "استشهاد طفل بقصف مدفعي على بلدة النجمة بريف إدلب اليوم.")
    assert _one(text, published=None).event_date == "2022-09-04"


def test_year_first_numeric_dates() -> None:
    assert arabic_date("2021/08/07").isoformat() == "2021-08-07"  # type: ignore[union-attr]
    assert arabic_date("2021.8.7 | 10:15").isoformat() == "2021-08-07"  # type: ignore[union-attr]
    assert arabic_date("2021/08/07/12") is None  # no date: a fourth number follows
    inc = _one("الأحد 2023/02/12\n\nمقتل امرأة بقصف على قرية السهلة بريف حماة", published=None)
    assert inc.event_date == "2023-02-12"


def test_month_day_comma_year_dates() -> None:
    # "مارس 5, 2023": the month first, as some news sites print their datelines
    assert arabic_date("الأحد، مارس 5, 2023").isoformat() == "2023-03-05"  # type: ignore[union-attr]
    inc = _one("الأحد، آذار 5, 2023\n\nمقتل رجل بقصف مدفعي على قرية الصفصاف بريف إدلب اليوم.", published=None)
    assert inc.event_date == "2023-03-05"


def test_weekday_tells_the_year_of_a_day_and_month() -> None:
    # no publication date; the text names two years, and 9 March falls on a Thursday only in 2023 of them
    text = ("مقتل امرأة بقصف على قرية الوردة بريف حلب اليوم الخميس 9 آذار. "
            "وكانت القرية قد تعرضت لقصف مماثل في عام 2021 وفي عام 2023 أيضا.")
    inc = _one(text, published=None)
    assert inc.event_date == "2023-03-09"
    assert any(p.startswith("W-DATE-WEEKDAY-YEAR:") for p in inc.problems)
    # the weekday beats the reference year: Friday 13 May is 2022's, not 2023's (a Saturday)
    inc = _one("مقتل امرأة بقصف على قرية الوردة بريف حلب يوم الجمعة 13 أيار، بعد عام 2022 الهادئ.",
               published="2023-05-20")
    assert inc.event_date == "2022-05-13"
    # no year in the text fits the weekday: the date stays unstated
    inc = _one("مقتل امرأة بقصف على قرية الوردة بريف حلب اليوم الأحد 9 آذار في عام 2023.", published=None)
    assert inc.event_date is None


def test_obfuscated_words_and_evidence_offsets() -> None:
    text = "مقـ.ـتل 2 مدنيين بقـ.ـصف على مدينة الهدى"
    report = Report(id="t", text=text, published="2023-05-10")
    recs = extract_arabic(report, 0, len(text))
    inc = [r for r in recs if r.kind == "incident"][0]
    assert _best(inc.killed.civilians) == 2
    for e in inc.evidence:
        assert text[e.start:e.end] == e.text


def test_normalisation_maps_back_to_the_text() -> None:
    text = "xx قـ.ـصفٌ أمس"
    nt = NormText(text, 3, len(text))
    assert nt.s == "قصف امس"
    i = nt.s.index("امس")
    assert text[nt.orig(i):nt.orig_end(i + 3)] == "أمس"


def test_a_dot_cutting_off_one_letter_is_obfuscation_but_a_missing_space_is_not() -> None:
    def norm(t: str) -> str:
        return NormText(t, 0, len(t)).s

    assert norm("ثلاث غار.ة على سوق ا.ستهدفت المدينة") == "ثلاث غارة علي سوق استهدفت المدينة"
    assert norm("اعـ. ـ دمت مجموعة مسلحة") == "اعدمت مجموعة مسلحة"
    assert norm("ريف حلب الشمالي.وقال المراسل") == "ريف حلب الشمالي.وقال المراسل"
    # a dot inside a word of the lexicons goes; one between two words (or in a site name) stays
    assert norm("الق.صف التر.كي على للشهد.اء") == "القصف التركي علي للشهداء"
    assert norm("موقع السورية.نت") == "موقع السورية.نت"


def test_killed_them_execution_and_aircraft() -> None:
    inc = _one("4 مواطنين قتلتهم طائرات الاحتلال مساء اليوم قرب بلدة عين قنية")
    assert _best(inc.killed.civilians) == 4
    assert inc.sub_event_type == "Air/drone strike"
    inc = _one("أعدمت مجموعة مسلحة شابين في قرية البصيرة بريف دير الزور")
    assert inc.sub_event_type == "Attack"


@pytest.mark.parametrize("words,value", [("ثلاثة", 3), ("خمسة عشر", 15), ("ثلاث وعشرين", 23), ("١٧", 17), ("۲۵", 25),
                                         ("عشرات", 10)])
def test_number_words(words: str, value: int) -> None:
    assert number_value(norm_word(words))[0] == value


def test_dispatch_only_arabic_bodies() -> None:
    assert mostly_arabic("قصف مدفعي على القرية اليوم وإصابة مدني", 0, 37)
    assert not mostly_arabic("Regime shelling hit the village of al-Ain (العين) today.", 0, 55)
    # an English report still goes through the English reader
    recs = extract_text("Two civilians were killed in regime shelling on Kafr Nabl in Idlib countryside.", published="2023-05-10")
    assert any(_best(r.killed.civilians) == 2 for r in recs)


def test_apposed_nouns_are_the_same_people() -> None:
    inc = _one("شهيد مدني وثلاثة جرحى جراء قصف صاروخي على مدينة الورد")
    assert _best(inc.killed.civilians) == 1
    assert _best(inc.injured.civilians) == 3


def test_arabic_post_inside_english_page_furniture() -> None:
    text = ("Copy link to Tweet\n\nEmbed Tweet\n\nاستشهاد سيدة وإصابة أخرى بقصف مدفعي على بلدة النهر غرب درعا\n\n"
            "Back to top\n\nLoading seems to be taking a while. Try again later or visit the status page for more.")
    inc = _one(text)
    assert _best(inc.killed.women) == 1 and _best(inc.killed.civilians) == 1
    assert _best(inc.injured.civilians) == 1
    assert inc.place.governorate == "Dara"


def test_killed_and_injured_together_and_survivors_are_not_counted() -> None:
    inc = _one("قتل وجرح 12 شخصاً بغارات على بلدة الصخر")
    assert inc.killed.civilians is None and inc.injured.civilians is None
    inc = _one("مقتل صحفي ونجاة آخر بغارة جوية على مدينة الأمل")
    assert _best(inc.killed.civilians) == 1


def test_noun_then_status_noun() -> None:
    inc = _one("سقوط طفل شهيد و4 إصابات بقصف مدفعي على مخيم الزهور")
    assert _best(inc.killed.children) == 1 and _best(inc.killed.civilians) == 1
    assert _best(inc.injured.civilians) == 4


def test_victims_named_before_their_verb() -> None:
    inc = _one("قالت مصادر محلية إن 3 مدنيين بينهم امرأة قتلوا وأصيب 4 آخرين بقصف على قرية النخيل")
    assert _best(inc.killed.civilians) == 3 and _best(inc.killed.women) == 1
    assert _best(inc.injured.civilians) == 4


def test_family_words_and_civil_defence() -> None:
    inc = _one("قال الدفاع المدني إن غارتين على قرية السوسن أدتا إلى مقتل رجل وإصابة زوجته وطفليهما")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.men) == 1
    assert _best(inc.injured.civilians) == 3
    assert _best(inc.injured.women) == 1 and _best(inc.injured.children) == 2


def test_lists_of_other_headlines_are_furniture() -> None:
    body = ("استشهد مدني اليوم بقصف مدفعي لقوات النظام على قرية الكرمة بريف حماة الشمالي، بحسب مصادر محلية "
            "أكدت أن القصف استهدف منازل المدنيين في وقت مبكر من الصباح وأن فرق الإسعاف نقلت الجثمان إلى المشفى.")
    furniture = "\n\n".join(["مقتل 20 شخصاً بحادث سير على طريق دولي بعيد", "افتتاح معرض للكتاب في العاصمة هذا الأسبوع",
                             "إصابة 7 أشخاص بحريق في سوق شعبي بمدينة أخرى", "ارتفاع أسعار الخبز في الأسواق المحلية"])
    inc = _one(body + "\n\nأخبار ذات صلة\n\n" + furniture)
    assert _best(inc.killed.civilians) == 1
    assert inc.injured.civilians is None
    # a post made only of short lines keeps them all
    inc = _one("هنا تبكي القلوب\nطفل استشهد اليوم بقصف على بلدة الورود\nصورة الطفل تحت الركام\nحسبنا الله")
    assert _best(inc.killed.children) == 1


def test_headlines_cut_short_with_dots_are_furniture_but_long_previews_are_not() -> None:
    body = ("استشهد مدني اليوم بقصف مدفعي لقوات النظام على قرية الكرمة بريف حماة الشمالي، بحسب مصادر محلية "
            "أكدت أن القصف استهدف منازل المدنيين في وقت مبكر من الصباح وأن فرق الإسعاف نقلت الجثمان إلى المشفى.")
    sidebar = "\n\n".join(["حصيلة جديدة: مقتل 9 أشخاص بانفجار مستودع في...", "افتتاح معرض للكتاب في...",
                            "إصابة 7 أشخاص بحريق في سوق شعبي..."])
    inc = _one(body + "\n\n" + sidebar)
    assert _best(inc.killed.civilians) == 1
    assert inc.injured.civilians is None
    preview = ("طفلان فقدا حياتهما وجرح رجلان حين سقطت قذائف قوات النظام على بيوت قرية الكرمة بريف حماة الشمالي "
               "في ساعة مبكرة من يوم الخميس بينما كان الأهالي يستعدون للخروج إلى الحقول...")
    inc = _one("يوم حزين\n" + preview + "\n\nيوم حزين\n" + preview)
    assert _best(inc.killed.children) == 2


def test_civilians_among_a_wider_toll() -> None:
    inc = _one("أدى القصف إلى ارتقاء 5 شهداء بينهم مدني واحد وجرح 7 آخرين في بلدة الساحل")
    assert _best(inc.killed.total) == 5 and _best(inc.killed.civilians) == 1


def test_prefixed_definite_nouns() -> None:
    inc = _one("الرحمة للشهيدين اللذين ارتقيا بقصف صاروخي على مدينة الزهراء")
    assert _best(inc.killed.civilians) == 2


def test_definite_source_is_not_a_victim() -> None:
    inc = _one("أفاد الناشط الميداني بأن قصفاً مدفعياً استهدف قرية الشروق وأدى إلى إصابة طفلين")
    assert inc.injured.civilians is not None and _best(inc.injured.civilians) == 2
    inc = _one("تشييع الصحفي الذي استشهد بغارة جوية على مدينة البيان")
    assert _best(inc.killed.civilians) == 1


def test_named_victim_after_casualty_noun_counts_one() -> None:
    inc = _one("استشهاد محمود سليم الحسن وإصابة 4 آخرين بقصف صاروخي على بلدة الكروم")
    assert _best(inc.killed.civilians) == 1
    assert _best(inc.injured.civilians) == 4
    assert _ev(inc, "killed.civilians") == "محمود"


def test_background_and_since_dates_are_not_the_event_date() -> None:
    text = ("استشهاد مدني بقصف مدفعي على قرية الجبل.\n\n"
            "يذكر أن اتفاقاً لوقف إطلاق النار وقع في 5 آذار 2020، والقصف مستمر منذ 2 أيار 2023 على المنطقة.")
    inc = _one(text, published="2023-05-10")
    assert inc.event_date == "2023-05-10" and inc.time_precision == 2
    undated = ("قصف مدفعي على بلدة الوادي يوم 9 أيار 2023.\n\nوأدى القصف إلى مقتل مدنيين اثنين.\n\n"
               "وكانت البلدة قد تعرضت لقصف مماثل في 3 شباط 2021.")
    inc = _one(undated, published=None)
    assert inc.event_date == "2023-05-09"  # no publication date: the latest date the report states
    assert any("elsewhere in the report" in p for p in inc.problems)


def test_martyrs_who_are_fighters() -> None:
    inc = _one("سقوط 3 شهداء من عناصر الفصائل بقصف مدفعي على قرية التلال")
    assert inc.killed.civilians is None
    assert _best(inc.killed.fighters) == 3


def test_killed_or_injured_between() -> None:
    recs = _incidents("سقط 15 مدنياً بين قتيل وجريح بقصف صاروخي على مدينة الغدير")
    assert all(r.killed.civilians is None and r.injured.civilians is None for r in recs)


def test_joint_operation_with_coalition_support() -> None:
    inc = _one("مقتل مدني خلال مداهمة نفذتها قسد بدعم من التحالف الدولي في بلدة الصفا")
    assert inc.actor1 == "Global Coalition Against Daesh"
    assert any("coalition" in p for p in inc.problems)


# ---- background: earlier events recalled after the lead ---------------------------------------------------

def test_recalled_earlier_attack_is_background() -> None:
    text = ("قتل مدنيان بقصف مدفعي لقوات النظام على قرية الوردة بريف إدلب الجنوبي اليوم الأحد.\n\n"
            "وكانت قوات النظام قد قصفت بلدة التين في الشهر الفائت ما أدى لمقتل 5 مدنيين بينهم طفلان.")
    recs = extract_text(text, published="2023-05-14")
    inc = [r for r in recs if r.kind == "incident"]
    assert len(inc) == 1 and _best(inc[0].killed.civilians) == 2
    old = [r for r in recs if r.kind == "aggregate" and _best(r.killed.civilians) == 5]
    assert old and any(p.startswith("W-BACKGROUND:") for p in old[0].problems)


def test_similar_attack_last_month_is_background() -> None:
    text = ("استشهاد 3 مدنيين بغارة جوية روسية على قرية السنديان بريف إدلب الغربي اليوم.\n\n"
            "وفي 20 آذار الماضي أدت غارة مماثلة على قرية الرمان إلى مقتل 7 مدنيين.")
    inc = _one(text, published="2023-05-10")
    assert _best(inc.killed.civilians) == 3


def test_source_had_reported_is_not_a_recall() -> None:
    # "وكان المرصد قد وثق ...": the story's own toll, told again by its source, still counts
    text = ("سقط جرحى بقصف تركي على قرية الخزامى بريف الحسكة.\n\n"
            "وكان المرصد قد وثق أمس استشهاد سيدة جراء القصف على قرية الخزامى.")
    inc = _one(text, published="2023-05-10")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.women) == 1


def test_later_incident_dated_days_before_the_lead_is_background() -> None:
    text = ("مقتل 4 مدنيين بقصف صاروخي على قرية الزعتر بريف حلب الغربي يوم السبت 12 آذار 2022.\n\n"
            "وشهدت قرية البلوط يوم الأربعاء 2 آذار 2022 قصفا أسفر عن مقتل 6 مدنيين.")
    recs = extract_text(text, published="2022-03-12")
    inc = [r for r in recs if r.kind == "incident"]
    assert [_best(r.killed.civilians) for r in inc] == [4]


def test_war_total_is_not_an_incident() -> None:
    text = ("استشهاد طفل بقصف مدفعي على قرية الصنوبر بريف إدلب اليوم.\n\n"
            "وبلغ عدد الضحايا منذ اندلاع الحرب نحو 3500 مدني بينهم 900 طفل.")
    inc = _one(text)
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.children) == 1


def test_injured_count_and_one_martyr_are_two_counts() -> None:
    # "3 إصابات وشهيد": three injured and one killed, not one figure for both
    inc = _one("عاجل: 3 إصابات وشهيد جراء قصف مدفعي لقوات النظام على بلدة الكرز بريف إدلب الشرقي")
    assert _best(inc.killed.civilians) == 1
    assert _best(inc.injured.civilians) == 3


def test_combined_figure_stays_combined() -> None:
    inc = _one("سقوط 12 قتيلاً وجريحاً بقصف مدفعي على بلدة الكرز بريف إدلب الشرقي اليوم.")
    assert inc.killed.civilians is None and inc.injured.civilians is None


def test_attackers_after_at_the_hands_of_are_not_victims() -> None:
    inc = _one("مقتل شخصين على يد عناصر قسد خلال مداهمة فجر اليوم في قرية الصفصاف بريف دير الزور الشرقي")
    assert _best(inc.killed.civilians) == 2
    assert inc.killed.fighters is None


def test_quoted_names_after_each_of_count_one_each() -> None:
    inc = _one('مقتل كل من "سالم ياسين العبد" و"فادي حمود النجم" إثر غارة جوية على قرية الريحان شرق دير الزور')
    assert _best(inc.killed.civilians) == 2


def test_quoted_list_of_names_with_ages() -> None:
    text = ('قصفت مسيرة تركية منازل في قرية النخيل ما أدى إلى إصابة المدنيين "نادر سليم/ 30 عاماً، '
            'وجابر عيسى/ 41 عاماً" بجروح.')
    inc = _one(text)
    assert _best(inc.injured.civilians) == 2


def test_quoted_statement_is_not_a_list_of_names() -> None:
    text = ('قتل مدني بقصف مسيرة على قرية الورد. وقال المصدر إن القصف أدى لمقتل "أحد العمال (وهو أب لثلاثة '
            'أطفال كان يعمل في الحقل منذ الصباح)".')
    inc = _one(text)
    assert _best(inc.killed.civilians) == 1


def test_so_called_names_one_person() -> None:
    inc = _one("نفذت قوات التحالف عملية إنزال جوي في قرية الشيح انتهت بمقتل المدعو سامر الخلف")
    assert _best(inc.killed.civilians) == 1


def test_pronoun_after_a_named_person_gives_the_status() -> None:
    # "شخصاً ... ما أدى لمقتله": the person just named was killed (counted once)
    inc = _one("استهدفت مسيرة شخصاً مجهول الهوية قرب قرية البيدر ما أدى لمقتله على الفور.")
    assert _best(inc.killed.civilians) == 1


def test_dual_pronoun_counts_two() -> None:
    inc = _one("تسلم الأهالي جثماني رجل وابنه بعد مقتلهما برصاص مجهولين في قرية الجسر بريف الرقة")
    assert _best(inc.killed.civilians) == 2


def test_succumbed_to_his_wounds_is_not_an_injury() -> None:
    inc = _one("توفي شاب متأثراً بإصابته جراء قصف مدفعي على قرية التوت بريف حلب الغربي.")
    assert _best(inc.killed.civilians) == 1
    assert inc.injured.civilians is None


def test_headline_glued_to_its_text_is_not_counted_twice() -> None:
    # a post whose headline runs into its body with no stop: the same deaths told twice in one "sentence"
    text = "مقتل 3 أشخاص بقصف صاروخي على بلدة الغار بريف حماة مقتل 3 أشخاص وإصابة 4 آخرين بقصف صاروخي على بلدة الغار"
    inc = _one(text)
    assert _best(inc.killed.civilians) == 3
    assert _best(inc.injured.civilians) == 4


def test_two_different_groups_in_one_sentence_still_add() -> None:
    inc = _one("استشهاد طفلين وامرأة بقصف مدفعي على قرية الغار بريف حماة اليوم")
    assert _best(inc.killed.civilians) == 3


def test_readers_comments_are_not_the_report() -> None:
    text = ("صفحة أخبار الريف\nDecember 2, 2024 · Shared with Public"
            "استشهاد طفل بقصف مدفعي لقوات النظام على قرية الدوالي بريف إدلب الجنوبي صباح اليوم"
            "All reactions:120 comments3 sharesLikeCommentMost relevant"
            "أبو خالدرحم الله الشهداء الثلاثة وشفى الجرحى1yأم سعيدالله يرحم 5 شهداء سقطوا أمس في قريتنا1y")
    inc = _one(text, published=None)
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.children) == 1


def test_martyrs_described_as_children() -> None:
    inc = _one("3 شهداء أطفال و 4 جرحى من عائلة واحدة نتيجة قصف مدفعي على بلدة العنب جنوب إدلب")
    assert _best(inc.killed.civilians) == 3 and _best(inc.killed.children) == 3
    assert _best(inc.injured.civilians) == 4


def test_girl_martyr_is_one_child_not_a_woman_too() -> None:
    inc = _one("طفلة شهيدة وإصابتان باستهداف الطيران الحربي لمحيط بلدة التفاح بريف إدلب")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.children) == 1
    assert inc.killed.women is None


def test_bare_figure_after_injury_noun() -> None:
    inc = _one("قتل مدنيان بقصف على قرية الرمان بريف إدلب، وأسفر القصف أيضاً عن إصابة 5.")
    assert _best(inc.killed.civilians) == 2
    assert _best(inc.injured.civilians) == 5


def test_toll_rose_to_a_bare_figure_replaces_not_adds() -> None:
    inc = _one("استشهاد 3 مدنيين بقصف على بلدة الزيتونة بريف حلب وارتفاع عدد الشهداء إلى 5 بعد وفاة جريحين")
    assert _best(inc.killed.civilians) == 5


def test_month_named_as_the_period_is_a_tally() -> None:
    text = ("قتل مدني بقصف على قرية الجوز بريف درعا اليوم.\n\n"
            "وشهد الشهر المذكور 40 عملية اغتيال أسفرت عن مقتل 25 شخصاً وإصابة 12.")
    inc = _one(text)
    assert _best(inc.killed.civilians) == 1 and inc.injured.civilians is None


def test_since_a_month_is_a_period_total() -> None:
    # "منذ 3 من آب الجاري" / "منذ تموز الماضي": a toll since a day or month is a period's, not an incident's
    for since in ("منذ 3 من آب الجاري", "منذ تموز الماضي"):
        text = ("مقتل رجل بقصف على قرية التوت بريف حلب اليوم.\n\n"
                f"وتتعرض قرى المنطقة لقصف متواصل {since}، وقتل حتى الآن ستة مدنيين بينهم طفلان.")
        recs = extract_text(text, published="2023-08-20")
        assert [_best(r.killed.civilians) for r in recs if r.kind == "incident"] == [1], since
        assert [_best(r.killed.civilians) for r in recs if r.kind == "aggregate"] == [6], since


def test_hours_before_is_a_recall() -> None:
    text = ("استشهاد امرأة بقصف مدفعي على قرية الكمون جنوب إدلب فجر اليوم.\n\n"
            "وقبل ساعات، سقط أربعة شهداء جراء قصف مدفعي على بلدة القرفة.")
    inc = _one(text)
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.women) == 1


def test_these_attacks_caused_is_a_tally() -> None:
    text = ("قتل مدني بقصف على قرية الحور بريف إدلب اليوم.\n\n"
            "وصعدت قوات النظام قصفها على المنطقة، وأدت هذه الهجمات إلى مقتل 40 شخصاً.")
    inc = _one(text)
    assert _best(inc.killed.civilians) == 1


def test_same_toll_told_again_with_a_detail_is_one_incident() -> None:
    text = ("قتل ثلاثة أشخاص بقصف جوي على قرية العليق بريف إدلب اليوم.\n\n"
            "وقال الدفاع المدني إن غارة على أطراف بلدة الصفصافة أدت لمقتل 3 أشخاص بينهم طفل.")
    inc = _one(text)
    assert _best(inc.killed.civilians) == 3 and _best(inc.killed.children) == 1


def test_same_toll_in_two_governorates_stays_two_incidents() -> None:
    text = ("قتل مدني بقصف مدفعي على قرية العليق بريف إدلب.\n\n"
            "وفي درعا، قتل مدني برصاص مجهولين في بلدة الغارية بريف درعا.")
    got = _incidents(text)
    assert [_best(r.killed.civilians) for r in got] == [1, 1]


def test_her_three_children_after_the_noun() -> None:
    inc = _one("استشهاد سيدة وأطفالها الثلاثة بقصف مدفعي على قرية الرمان بريف حمص الشمالي")
    assert _best(inc.killed.civilians) == 4
    assert _best(inc.killed.children) == 3 and _best(inc.killed.women) == 1


def test_digits_after_the_noun_with_article() -> None:
    inc = _one("مقتل الأطفال الـ4 بقصف مدفعي على قرية الرمان بريف حمص الشمالي")
    assert _best(inc.killed.children) == 4


def test_title_before_a_name_is_one_person() -> None:
    inc = _one("أسفر القصف على قرية اللوز عن استشهاد الطفل أحمد سليم وإصابة والدته بجروح.")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.children) == 1


def test_headline_glued_without_space_is_not_counted_twice() -> None:
    inc = _one("إصابة مواطن بقصف تركي على ريف كوبانيأصيب مواطن بجروح اليوم في قصف تركي على قرية الجلبية")
    assert _best(inc.injured.civilians) == 1


def test_a_death_without_a_count_is_still_one_incident() -> None:
    text = "ندعو الجميع للمشاركة في عزاء سامر خليل الذي قُتل صباح اليوم في قرية الورد بريف الحسكة"
    inc = _one(text)
    assert inc.killed.civilians is None  # no count stated: null, never invented
    assert any(p.startswith("W-COUNT-NONE: no casualty counts") for p in inc.problems)


def test_figure_in_parentheses() -> None:
    inc = _one("ارتقاء مدني وإصابة (6) أشخاص آخرين بينهم طفل إثر قصف على مدينة الورد بريف حلب")
    assert _best(inc.killed.civilians) == 1
    assert _best(inc.injured.civilians) == 6 and _best(inc.injured.children) == 1


def test_parenthesised_breakdown_is_still_a_breakdown() -> None:
    inc = _one("إصابة 5 مدنيين (3 أطفال وامرأتان) بقصف مدفعي على قرية الورد بريف حلب")
    assert _best(inc.injured.civilians) == 5
    assert _best(inc.injured.children) == 3 and _best(inc.injured.women) == 2


def test_toll_figure_right_after_the_toll_word() -> None:
    inc = _one("إنزال جوي على بلدة الغار بريف إدلب، عدد الضحايا 7 جلهم من النساء والأطفال")
    assert _best(inc.killed.civilians) == 7
    assert inc.killed.children is None and inc.killed.women is None  # "mostly women and children": no figure


def test_martyr_then_child_is_one_person() -> None:
    inc = _one("شهيدة طفلة وإصابة رجل باستهداف الطيران الحربي لمحيط بلدة التين بريف إدلب")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.children) == 1
    assert _best(inc.injured.civilians) == 1


def test_injury_word_glued_after_final_ta_marbuta() -> None:
    inc = _one("استشهاد رجلين وطفل من عائلة واحدةوإصابة أربع نساء بقصف على قرية التين بريف إدلب")
    assert _best(inc.killed.civilians) == 3 and inc.killed.women is None
    assert _best(inc.injured.women) == 4


def test_names_after_they_are_do_not_add() -> None:
    inc = _one("سقوط ثلاث ضحايا وهم: أحمد سليم، وخالد حسن، وعمر فارس بقصف مدفعي على قرية التين")
    assert _best(inc.killed.civilians) == 3


def test_dual_pronoun_after_plural_looking_noun() -> None:
    inc = _one("استهدف القصف قرية الورد ما أسفر عن استشهاد مدنيين، وهما: سامر علي (30 عاماً) ورنا علي (9 أعوام)")
    assert _best(inc.killed.civilians) == 2


def test_first_toll_with_bare_figure_takes_the_status_in_force() -> None:
    inc = _one("مجزرة باستهداف سوق مدينة الورد، وراح ضحيتها في حصيلة أولية 9 وأصيب 14 آخرون.")
    assert _best(inc.killed.civilians) == 9 and _best(inc.injured.civilians) == 14


def test_these_attacks_after_the_figures_is_comment_not_a_tally() -> None:
    text = ("قصفت قوات النظام قرية الورد ما أسفر عن استشهاد 3 مدنيين، هذه الهجمات تشكل انتهاكاً صارخاً "
            "لحقوق الإنسان")
    inc = _one(text)
    assert _best(inc.killed.civilians) == 3


def test_after_hours_of_an_earlier_killing_is_background() -> None:
    text = ("وصباح اليوم، فقد ثلاثة أطفال حياتهم جراء قصف مدفعي على بلدة التين، وذلك بعد أقل من 24 ساعة "
            "من مقتل خمسة مدنيين بينهم طفلان في بلدة الجوز.")
    recs = extract_text(text, published="2023-05-10")
    inc = [r for r in recs if r.kind == "incident"]
    assert len(inc) == 1 and _best(inc[0].killed.children) == 3 and _best(inc[0].killed.civilians) == 3
    assert any(r.kind == "aggregate" and _best(r.killed.civilians) == 5 for r in recs)


def test_list_after_a_new_casualty_word_is_not_the_earlier_groups() -> None:
    inc = _one("قتلت طفلة، وأصيب شقيقاها (طفلة وشاب) بجروح، إثر قصف مدفعي على منزل في بلدة التين")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.children) == 1


def test_wounded_in_an_armed_sides_ranks_are_fighters() -> None:
    inc = _one("أوقعت الاشتباكات في قرية الورد عشرة جرحى في صفوف هيئة تحرير الشام.")
    assert _best(inc.injured.fighters) == 10 and inc.injured.civilians is None


def test_wounded_in_the_ranks_of_civilians_stay_civilians() -> None:
    inc = _one("أوقع القصف على قرية الورد خمسة جرحى في صفوف المدنيين.")
    assert _best(inc.injured.civilians) == 5


def test_victims_home_town_opens_no_new_incident() -> None:
    text = ("ارتفاع حصيلة شهداء القصف الصاروخي على بلدة الكرمة إلى ثلاثة مدنيين.\n"
            "عرف منهم الشهيد سالم حمود من مدينة التين\nشهيد لم تعرف هويته")
    got = _incidents(text)
    assert len(got) == 1 and _best(got[0].killed.civilians) == 3


def test_later_sentence_about_yesterday_is_background() -> None:
    text = ("استشهاد 5 مدنيين بقصف مسيرة على سوق بلدة الكرمة اليوم.\n\n"
            "وكانت المسيرات قد ارتكبت أمس مجزرة في قرية التوت راح ضحيتها 9 مدنيين.\n\n"
            "حيث ارتكب الاحتلال يوم أمس مجزرة في قرية الجوز راح ضحيتها 3 مواطنين.")
    inc = _one(text)
    assert _best(inc.killed.civilians) == 5


def test_bound_after_and() -> None:
    inc = _one("ثلاث شهداء وأكثر من 6 إصابات في صفوف المدنيين جراء الغارات على قرية الورد")
    assert _best(inc.killed.civilians) == 3
    assert inc.injured.civilians is not None and inc.injured.civilians.low == 7 and inc.injured.civilians.best is None


def test_qada_is_a_death_verb() -> None:
    inc = _one("قضى طفل وأصيب آخر بجروح جراء سقوط قذائف على بلدة الورد بريف حلب")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.children) == 1
    assert _best(inc.injured.civilians) == 1


def test_children_among_them_without_a_figure_is_null_with_a_problem() -> None:
    inc = _one("استشهاد 5 مدنيين بينهم أطفال بقصف مدفعي على قرية الورد بريف إدلب")
    assert _best(inc.killed.civilians) == 5  # the total still stands
    assert inc.killed.children is None
    assert any(p.startswith("W-COUNT-VAGUE: killed children:") for p in inc.problems)


def test_list_of_the_deads_names_counts_one_each() -> None:
    inc = _one("قصف مدفعي على قرية الورد بريف إدلب.\nالشهداء: سامر علي، خالد حسن، وفادي عمر (12 عاماً).")
    assert _best(inc.killed.civilians) == 3


def test_names_list_on_lines_and_cut_short_is_a_lower_bound() -> None:
    inc = _one("غارة جوية على قرية الورد بريف إدلب\n#الشهداء:\n1- سامر علي\n2- خالد حسن\n3- فادي...")
    r = inc.killed.civilians
    assert r is not None and r.low == 3 and r.best is None


def test_heading_followed_by_prose_is_not_a_list() -> None:
    inc = _one("الشهداء: سقطوا جراء قصف مدفعي على قرية الورد بريف إدلب، وأصيب 4 مدنيين")
    assert inc.killed.civilians is None and _best(inc.injured.civilians) == 4


def test_noun_then_describing_noun_is_one_person() -> None:
    inc = _one("استشهدت امرأة مسنة وأصيب حفيدها في استهداف لسيارة على جسر قرب قرية الورد")
    assert _best(inc.killed.civilians) == 1 and _best(inc.killed.women) == 1


def test_two_people_joined_by_and_still_add() -> None:
    inc = _one("استشهاد امرأة وامرأة أخرى بقصف على قرية الورد")
    assert _best(inc.killed.women) == 2


def test_figure_then_who_they_were_is_a_breakdown() -> None:
    inc = _one("أفاد الدفاع المدني باستشهاد 3 مدنيين طفلان وامرأة بغارات جوية على قرية الورد")
    assert _best(inc.killed.civilians) == 3
    assert _best(inc.killed.children) == 2 and _best(inc.killed.women) == 1


def test_relative_in_a_genitive_is_not_a_victim() -> None:
    inc = _one("قتل شاب برصاص مجهولين أمام منزل والده في قرية الورد بريف درعا")
    assert _best(inc.killed.civilians) == 1 and inc.killed.women is None


# ---- places named without a settlement word, relative days, event words ----------------------------------
def test_hashtag_after_a_preposition_is_the_place() -> None:
    inc = _one("انفجار عبوة ناسفة في #سرمدا أدى إلى إصابة شابين")
    assert inc.place.phrase == "سرمدا"
    assert inc.sub_event_type == "Remote explosive/landmine/IED"


def test_multiword_hashtag_is_read_with_spaces() -> None:
    inc = _one("قصف مدفعي على #دير_حافر شرقي حلب يقتل مدنيا")
    assert inc.place.name == "دير حافر"
    assert inc.place.governorate == "Aleppo"


def test_name_before_its_governorate_countryside() -> None:
    inc = _one("صواريخ أطلقت مساء اليوم استهدفت جنديرس بريف حلب الشمالي")
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
    assert _one("نفذت قوة أجنبية عملية الإنزال الجوي قرب قرية البارة ليلة أمس").sub_event_type == "Armed clash"
    assert _one("رجل يرتدي حزام ناسف فجر نفسه في مدينة الباب").sub_event_type == "Suicide bomb"


def test_verbs_of_shelling_and_targeting_and_snipers_are_event_words() -> None:
    assert _one("منذ الصباح يقصف الجيش التركي قرية تل شنان في ريف الحسكة").sub_event_type == (
        "Shelling/artillery/missile attack")
    assert _one("خلفت صواريخ استهدفت مدينة #أريحا مساء اليوم أضراراً في المحلات").sub_event_type == (
        "Shelling/artillery/missile attack")
    inc = _one("راع جرح حين استهدف قناصة الجيش التركي قطيعه قرب قرية الهوشان في ريف عين عيسى")
    assert inc.sub_event_type == "Attack" and inc.actor1 == "Military Forces of Turkey (2016-)"


def test_a_place_stays_on_its_line_and_in_its_sentence() -> None:
    # a digest's next section header is not the governorate of the incident before it
    inc = _one("قتل مدني بقذيفة سقطت على مدينة سلقين صباح اليوم.\n\nدرعا\nتشييع جنازة في المدينة")
    assert inc.place.phrase == "مدينة سلقين" and inc.place.governorate != "Dara"
    # ... but a header above the incident is its section's governorate
    inc = _one("إدلب:\nقتل مدني بقذيفة سقطت على مدينة سلقين صباح اليوم.")
    assert inc.place.governorate == "Idlib"
    # a tag cloud ("بلدة" and "الأربعاء" on lines of their own) names no place; a quoted name is read
    inc = _one('جرح أربعة مدنيين بقذائف سقطت على مدينة "سرمين"\n\nبلدة\n\nالأربعاء')
    assert inc.place.name == "سرمين"




def test_a_date_elsewhere_on_another_weekday_does_not_date_the_incident() -> None:
    # an undated page: the incident's sentence says "on Sunday" and states no date; the only full date is a
    # background one further down (15 January 2020, a Wednesday): another day, not the incident's
    text = ("قتل مدنيان وأصيب ثلاثة آخرون يوم الأحد جراء قصف مدفعي استهدف بلدة الوردة بريف إدلب.\n\n"
            "وكانت البلدة قد شهدت نزوح عشرات العائلات في 15 كانون الثاني 2020 بسبب المعارك.")
    inc = _one(text, published=None)
    assert inc.event_date is None
    assert any(p.startswith("W-DATE-WEEKDAY-MISMATCH:") for p in inc.problems)
    # a date elsewhere on that Sunday (19 January 2020), or on the Monday after it, still dates it
    assert _one(text.replace("15 كانون", "19 كانون"), published=None).event_date == "2020-01-19"
    assert _one(text.replace("15 كانون", "20 كانون"), published=None).event_date == "2020-01-20"
    # a sentence naming no weekday keeps the date from elsewhere
    assert _one(text.replace(" يوم الأحد", ""), published=None).event_date == "2020-01-15"


def test_the_day_an_agreement_was_signed_does_not_date_an_incident() -> None:
    # an undated page: the incident's sentence states no date; the only full dates are the days a truce was
    # signed, or a deal reached, which a background paragraph recalls: neither dates the incident
    text = ("قتل مدني وأصيب اثنان آخران جراء قصف مدفعي استهدف بلدة الوردة بريف إدلب.\n\n"
            "ويأتي القصف رغم سريان اتفاق وقف إطلاق النار الموقع بين الطرفين في 9 شباط 2021.")
    inc = _one(text, published=None)
    assert inc.event_date is None
    later = text + "\n\nوفي 3 نيسان 2022، توصل الطرفان إلى تفاهم جديد حول المنطقة."
    assert _one(later, published=None).event_date is None
    # a date in the same place that no agreement word stands beside is still taken from elsewhere
    plain = text.replace("رغم سريان اتفاق وقف إطلاق النار الموقع بين الطرفين في", "بعد نزوح عشرات العائلات في")
    assert _one(plain, published=None).event_date == "2021-02-09"
