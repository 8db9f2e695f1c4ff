"""Cross-report matching rules, range merging and the pairwise clustering score."""
from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from warledger.reconcile import match_score, merge_ranges, merge_records, pairwise_scores
from warledger.reconcile.dedup import date_window, place_key, place_keys, skeleton

RUSSIA = "Military Forces of Russia (2000-)"
SYRIA = "Military Forces of Syria (2000-)"


def rec(rid: str, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"report_id": rid, "record_id": f"rec-{rid}", "kind": "incident",
                            "event_date": "2022-05-17", "time_precision": 1, "actor1": RUSSIA,
                            "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
                            "location": "Kafr Zita", "admin1": "Hama", "latitude": 35.374, "longitude": 36.602,
                            "geo_precision": 1, "fatalities": 5,
                            "killed": {"civilians": {"low": 5, "best": 5, "high": 5}}}
    base.update(kw)
    return base


def test_same_event_told_twice_matches() -> None:
    assert match_score(rec("a"), rec("b", fatalities=7)) is not None
    # "earlier this week" (week precision) covers the day; two day-precise reports must name the same day
    assert match_score(rec("a"), rec("b", event_date="2022-05-19", time_precision=2)) is not None
    assert match_score(rec("a"), rec("b", event_date="2022-05-18")) is None


@pytest.mark.parametrize("change", [
    {"event_date": "2022-05-25"},                                       # another day in the same village
    {"location": "Ariha", "latitude": 35.812, "longitude": 36.609},     # another town
    {"actor1": "HTS: Hayat Tahrir al Sham", "event_type": "Battles", "sub_event_type": "Armed clash"},
    {"fatalities": 40},                                                 # a massacre is not a one-family strike
    {"report_id": "a"},                                                 # one report never repeats an incident
])
def test_different_events_stay_apart(change: dict[str, Any]) -> None:
    assert match_score(rec("a"), rec("b", **change)) is None


def test_week_precision_widens_the_window_and_a_close_spelling_matches_nearby() -> None:
    near = rec("b", event_date="2022-05-19", time_precision=2, location="Kafr Zeita", latitude=35.38, longitude=36.61)
    assert match_score(rec("a"), near) is not None


def test_a_date_that_is_only_the_reports_own_widens_backwards_not_days_forwards() -> None:
    told = ["W-DATE-REPORT: event date not stated: the report's date 2022-05-14 is used"]
    undated = rec("b", event_date="2022-05-14", time_precision=2, problems=told)
    assert date_window(undated) == (date(2022, 5, 10), date(2022, 5, 15))   # a day's margin for time zones
    assert match_score(rec("a", event_date="2022-05-12"), undated) is not None
    assert match_score(rec("a", event_date="2022-05-15"), undated) is not None
    assert match_score(rec("a", event_date="2022-05-17"), undated) is None  # three days after the report
    assert match_score(rec("a", event_date="2022-05-17"), dict(undated, problems=[])) is not None


def test_two_records_dated_only_by_reports_days_apart_are_no_evidence_of_one_day() -> None:
    # a busy city's strikes told without a day by reports three days apart: their windows touch, the day is unknown
    def told(day: str) -> list[str]:
        return [f"W-DATE-REPORT: event date not stated: the report's date {day} is used"]
    first = rec("a", event_date="2022-05-11", time_precision=2, problems=told("2022-05-11"))
    later = rec("b", event_date="2022-05-14", time_precision=2, problems=told("2022-05-14"))
    next_day = rec("c", event_date="2022-05-12", time_precision=2, problems=told("2022-05-12"))
    assert match_score(first, later) is None
    assert match_score(first, next_day) is not None    # a day apart: a report of the day after
    assert match_score(rec("d", event_date="2022-05-13"), later) is not None  # a stated day still matches


def test_a_date_known_only_to_the_month_or_a_long_span_is_no_evidence() -> None:
    # issue 11: a date with weeks of slack joined unrelated events
    assert match_score(rec("a"), rec("b", event_date="2022-05-01", time_precision=3)) is None
    spell = rec("b", date_range=["2022-05-02", "2022-05-17"], time_precision=2)
    assert match_score(spell, rec("a")) is None and match_score(rec("a"), spell) is None


def test_monitors_confusing_russian_and_syrian_jets_still_match_but_score_lower() -> None:
    same = match_score(rec("a"), rec("b"))
    confused = match_score(rec("a"), rec("b", actor1=SYRIA))
    assert same is not None and confused is not None and confused < same


@pytest.mark.parametrize("stub", [
    {"event_date": None, "time_precision": None, "published": "2022-05-17"},           # no date (the post's day is no event date)
    {"location": None, "latitude": None, "longitude": None, "admin1": None, "geo_precision": None},  # no place
])
def test_a_stub_never_merges_as_joiner_or_as_host(stub: dict[str, Any]) -> None:
    # issue 11: records with no place or no date matched by default and chained unrelated events
    assert match_score(rec("b", **stub), rec("a")) is None
    assert match_score(rec("a"), rec("b", **stub)) is None
    assert match_score(rec("b", **stub), rec("c", **stub)) is None


def test_place_keys_ignore_articles_and_spelling() -> None:
    assert place_key({"place_phrase": "al-Sahara village in the western countryside of Aleppo"}) == "sahara"
    # plural settlement words lead like singular ones, and a list keys by its first place
    assert place_key({"place_phrase": "villages of Tel Tamr"}) == place_key({"place_phrase": "Tel Tamr"}) == "teltamr"
    assert place_key({"place_phrase": "the towns of Marea and Tall Jibin"}) == "marea"
    assert place_key({"place_phrase": "Idlib province"}) == place_key({"place_phrase": "Idlib"})
    assert place_key({"location": "Kafr Nabl"}) == place_key({"place_phrase": "Kafr Nabbl town"})


def test_arabic_place_phrases_keep_only_the_toponym() -> None:
    assert place_key({"place_phrase": "مدينة #الباب في ريف حلب الشرقي"}) == "باب"
    assert place_key({"place_phrase": "بلدة سرمدا بريف إدلب"}) == place_key({"place_phrase": "سرمدا"})
    assert place_key({"place_phrase": "قرية تل رفعت شمال حلب"}) == "تلرفعت"


def test_spellings_of_one_name_share_a_skeleton_and_match() -> None:
    names = ["Ghwayran prison", "Gweiran prison", "Ghuwayran prison", "Ghweran prison"]
    assert len({skeleton(place_key({"place_phrase": n}) or "") for n in names}) == 1
    a = rec("a", place_phrase="Ghwayran prison in Hasakah", location=None, latitude=None, longitude=None,
            geo_precision=None, admin1="Al Hasakeh")
    assert match_score(a, dict(a, report_id="b", place_phrase="the Gweiran prison")) is not None
    assert match_score(a, dict(a, report_id="b", place_phrase="Ghazal farm")) is None
    assert skeleton("sarmada") != skeleton("sarmin")


def test_an_arabic_report_meets_an_english_one_through_the_gazetteer_name() -> None:
    # both geocoded to the same gazetteer place: the phrases differ in script, the name does not
    ar = rec("a", place_phrase="مدينة #كفرزيتا بريف حماة")
    en = rec("b", place_phrase="Kafr Zeita town")
    assert "kafrzita" in place_keys(ar) and match_score(ar, en) is not None
    # a phrase the geocoder only placed in its governorate (precision 3) keeps just its own key
    vague = dict(ar, location="Hama", geo_precision=3)
    assert place_keys(vague) == [place_key(vague)]


def test_ranges_merge_low_min_best_max_high_max() -> None:
    assert merge_ranges([{"low": 5, "best": 5, "high": 5}, {"low": 7, "best": 7, "high": 7},
                         {"low": 6, "best": None, "high": None}, None]) == {"low": 5, "best": 7, "high": 7}
    assert merge_ranges([None, None]) is None


def test_merged_record_notes_disagreements_and_keeps_every_report() -> None:
    m = merge_records([rec("a"), rec("b", actor1=SYRIA, fatalities=7,
                                     killed={"civilians": {"low": 7, "best": 7, "high": 7}})], "inc-x")
    assert m["reports"] == ["a", "b"] and m["actor1"] == RUSSIA and m["fatalities"] == 7
    assert any(p.startswith("W-REPORTS-DISAGREE: reports disagree on actor1") for p in m["problems"])


def test_pairwise_scores() -> None:
    gold = [{"a", "b", "c"}, {"d", "e"}, {"f"}]
    s = pairwise_scores(gold, [{"a", "b"}, {"c"}, {"d", "e", "f"}, {"zz", "a"}])
    # gold pairs ab ac bc de; predicted ab de df ef (zz is not in gold and is ignored)
    assert (s["true_pairs"], s["gold_pairs"], s["predicted_pairs"]) == (2, 4, 4)
    assert s["precision"] == 0.5 and s["recall"] == 0.5 and s["f1"] == 0.5
    assert pairwise_scores(gold, gold)["f1"] == 1.0


def test_a_clash_told_from_either_side_matches() -> None:
    a = rec("a", actor1="QSD: Syrian Democratic Forces", actor2="Islamic State (Syria)",
            event_type="Battles", sub_event_type="Armed clash")
    b = dict(a, report_id="b", actor1="Islamic State (Syria)", actor2="QSD: Syrian Democratic Forces")
    assert match_score(a, b) is not None
    c = dict(a, report_id="c", actor1="HTS: Hayat Tahrir al Sham", actor2=None)
    assert match_score(a, c) is None


def test_villages_the_gazetteer_lacks_stay_apart_even_geocoded_to_one_governorate() -> None:
    fallback = dict(location="Deir ez Zor", admin1="Deir ez Zor", admin2=None, latitude=35.33, longitude=40.14,
                    geo_precision=3, actor1="Islamic State (Syria)", event_type="Battles",
                    sub_event_type="Armed clash")
    a = rec("a", place_phrase="Jdid Ekeidat town in Deir ez Zor countryside", **fallback)
    b = rec("b", place_phrase="Dahleh town in Deir ez Zor countryside", **fallback)
    assert match_score(a, b) is None
    # the same village in other words matches: the name, not the centroid, is the evidence
    assert match_score(a, dict(b, place_phrase="the town of Jdid Ekeidat east of Deir ez Zor")) is not None


@pytest.mark.parametrize("area", ["Idlib countryside", "the southern countryside of Idlib", "Idlib province"])
def test_an_area_is_no_evidence_of_one_place(area: str) -> None:
    # issue 11: clashes in two villages of one governorate merged through the governorate
    village = rec("a", place_phrase="Kafr Hamra village", location="Kafr Hamra", admin1="Idlib")
    wide = rec("b", place_phrase=area, location="Idlib", admin1="Idlib", latitude=35.93, longitude=36.63,
               geo_precision=3)
    assert match_score(village, wide) is None and match_score(wide, village) is None
    assert match_score(wide, dict(wide, report_id="c")) is None  # one area, two reports: still many events


def test_a_close_spelling_needs_precise_coordinates_and_one_name_far_apart_is_two_places() -> None:
    centroid = dict(location="Hama", latitude=35.13, longitude=36.75, geo_precision=3)
    a = rec("a", place_phrase="Umm Batna", **centroid)
    assert match_score(a, rec("b", place_phrase="Umm Batnat", **centroid)) is None       # similar, unconfirmed
    assert match_score(a, rec("b", place_phrase="Umm Batna town", **centroid)) is not None  # one name
    precise = dict(location="Umm Batna", latitude=35.30, longitude=36.70, geo_precision=1)
    assert match_score(rec("a", place_phrase="Umm Batna", **precise),
                       rec("b", place_phrase="Umm Batnat", **dict(precise, latitude=35.31))) is not None
    # two villages called alike in two governorates, each geocoded precisely, are two places
    twin = rec("b", place_phrase="Kafr Zita", location="Kafr Zita", latitude=36.10, longitude=37.20)
    assert match_score(rec("a", place_phrase="Kafr Zita"), twin) is None


def test_two_names_the_geocoder_took_for_one_place_stay_two_places() -> None:
    one = dict(location="Ghassaniyeh", latitude=35.01, longitude=36.40, geo_precision=1)
    a = rec("a", place_phrase="Deir Hanash village", **one)
    assert match_score(a, rec("b", place_phrase="Ghassaniyeh village", **one)) is None
    assert match_score(a, rec("b", place_phrase="Deir Hanesh", **one)) is not None  # a spelling of one name


def test_a_record_that_is_one_of_several_listed_events_never_merges() -> None:
    for code in ("W-PLACE-LIST: the clause names 2 places", "W-SPLIT-CODING: the note shares its fatalities out"):
        listed = rec("b", place_phrase="Kafr Zita", problems=[code])
        assert match_score(listed, rec("a", place_phrase="Kafr Zita")) is None
        assert match_score(rec("a", place_phrase="Kafr Zita"), listed) is None


def test_a_day_told_relative_to_publication_may_be_off_by_one() -> None:
    said = lambda words: [{"field": "event_date", "start": 0, "end": len(words), "text": words}]  # noqa: E731
    told_yesterday = rec("b", event_date="2022-05-18", evidence=said("yesterday"))
    assert match_score(told_yesterday, rec("a", evidence=said("17 May 2022"))) is not None
    assert match_score(rec("b", event_date="2022-05-18", evidence=said("اليوم")), rec("a")) is not None
    # two stated day numbers a day apart are two days: different events
    assert match_score(rec("b", event_date="2022-05-18", evidence=said("18 May")),
                       rec("a", evidence=said("17 May 2022"))) is None
    # two days off is too far even for a relative day
    assert match_score(dict(told_yesterday, event_date="2022-05-19"), rec("a")) is None
    # the merged incident remembers whose date it kept
    assert merge_records([told_yesterday], "inc-y")["date_relative"] is True


def _placeless(rid: str, words: str | None, **kw: Any) -> dict[str, Any]:
    from warledger.reconcile.dedup import TEXT_KEY, text_words

    out = rec(rid, location=None, latitude=None, longitude=None, admin1=None, geo_precision=None, **kw)
    if words is not None:
        out[TEXT_KEY] = text_words(words)
    return out


def test_a_record_with_no_place_joins_the_place_its_report_names() -> None:
    # issue 11 (recall): a post whose sentence names no place, but whose text does ("#Kafr_Zita"), is positive
    # evidence of the place; in both directions (joiner or host), and only as whole words
    told = _placeless("b", "Photos from #Kafr_Zita: five civilians killed by Russian jets today.")
    assert match_score(told, rec("a")) is not None and match_score(rec("a"), told) is not None
    assert match_score(_placeless("b", "Photos from #KafrZitaCamp today."), rec("a")) is None
    assert match_score(_placeless("b", "Five civilians were killed by Russian jets today."), rec("a")) is None
    assert match_score(_placeless("b", None), rec("a")) is None  # no report words: still a stub


def test_an_arabic_name_in_the_text_matches_however_its_hamza_and_ta_marbuta_are_written() -> None:
    # the placed record says "قرية أبو الزهرة", the place-less post "في ابو الزهره" (no hamza, ha for ta marbuta):
    # one name; the settlement word ("قرية") is no part of it, and a prefix glued to the name is no whole word
    placed = rec("a", place_phrase="قرية أبو الزهرة", location=None, latitude=None, longitude=None, geo_precision=None)
    told = _placeless("b", "عاجل | غارة جوية على تجمع في ابو الزهره صباح اليوم")
    assert match_score(told, placed) is not None and match_score(placed, told) is not None
    told = _placeless("b", "غارة جوية على #أبو_الزهرة")
    assert match_score(told, placed) is not None
    assert match_score(_placeless("b", "غارة جوية على ابو الزهرات"), placed) is None
    assert match_score(_placeless("b", "غارة جوية على قرية أخرى"), placed) is None


@pytest.mark.parametrize("change", [
    {"event_date": "2022-05-18"},                                    # another day
    {"fatalities": 40, "killed": None},                              # another toll
    {"actor1": "HTS: Hayat Tahrir al Sham", "event_type": "Battles", "sub_event_type": "Armed clash"},
    {"event_date": None, "time_precision": None},                    # no date either
])
def test_a_place_named_in_the_text_still_needs_the_rest_of_the_evidence(change: dict[str, Any]) -> None:
    told = _placeless("b", "Kafr Zita mourns its dead.", **change)
    assert match_score(told, rec("a")) is None and match_score(rec("a"), told) is None


def test_two_placeless_records_or_an_area_never_meet_through_the_text() -> None:
    words = "Kafr Zita, Hama: Russian jets struck again."
    assert match_score(_placeless("b", words), _placeless("c", words)) is None
    area = rec("a", place_phrase="Hama countryside", location="Hama", geo_precision=3)
    assert match_score(_placeless("b", words), area) is None


def test_merged_associates_follow_the_side_the_line_names() -> None:
    a = rec("a", assoc_actor_1=["Militia (Pro-Government)"])
    b = rec("b", assoc_actor_1=["Hezbollah", "Militia (Pro-Government)"])
    c = rec("c", actor1=SYRIA, assoc_actor_1=["Invented Brigade"])  # the outvoted perpetrator's backers stay out
    line = merge_records([a, b, c], "inc-1")
    assert line["actor1"] == RUSSIA and line["assoc_actor_1"] == ["Militia (Pro-Government)", "Hezbollah"]
    assert line["assoc_actor_2"] == []
