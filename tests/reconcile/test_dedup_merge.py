"""Cross-report matching rules, range merging and the pairwise clustering score."""
from __future__ import annotations

from typing import Any

import pytest

from warledger.reconcile import match_score, merge_ranges, merge_records, pairwise_scores
from warledger.reconcile.dedup import place_key, place_keys, skeleton

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


def test_month_precision_widens_the_window_and_nearby_coordinates_match() -> None:
    vague = rec("b", event_date="2022-05-01", time_precision=3, location="Kafr Zeita",
                latitude=35.38, longitude=36.61)
    assert match_score(rec("a"), vague) is not None


def test_monitors_confusing_russian_and_syrian_jets_still_match_but_score_lower() -> None:
    same = match_score(rec("a"), rec("b"))
    confused = match_score(rec("a"), rec("b", actor1=SYRIA))
    assert same is not None and confused is not None and confused < same


def test_undated_record_needs_same_place_and_the_same_week_of_publication() -> None:
    undated = rec("b", event_date=None, time_precision=None, published="2022-05-19")
    assert match_score(undated, rec("a")) is not None
    assert match_score(dict(undated, published="2022-06-19"), rec("a")) is None   # a month later
    # no date at all, not even the same death toll at the same place ties them: small tolls repeat
    assert match_score(dict(undated, published=None), rec("a")) is None
    assert match_score(dict(undated, location="Ariha", place_phrase="Ariha", latitude=35.812,
                            longitude=36.609), rec("a")) is None
    both = rec("c", event_date=None, time_precision=None, published="2022-05-20")
    assert match_score(undated, both) is not None


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
    assert any("disagree on actor1" in p for p in m["problems"])


def test_pairwise_scores() -> None:
    gold = [{"a", "b", "c"}, {"d", "e"}, {"f"}]
    s = pairwise_scores(gold, [{"a", "b"}, {"c"}, {"d", "e", "f"}, {"zz", "a"}])
    # gold pairs ab ac bc de; predicted ab de df ef (zz is not in gold and is ignored)
    assert (s["true_pairs"], s["gold_pairs"], s["predicted_pairs"]) == (2, 4, 4)
    assert s["precision"] == 0.5 and s["recall"] == 0.5 and s["f1"] == 0.5
    assert pairwise_scores(gold, gold)["f1"] == 1.0


def test_a_record_without_a_place_joins_a_same_day_event_by_the_same_perpetrator() -> None:
    placeless = rec("b", location=None, latitude=None, longitude=None, admin1=None, geo_precision=None)
    assert match_score(placeless, rec("a")) is not None
    # but not when the perpetrators are only possibly the same (Russian or Syrian jets?)
    assert match_score(dict(placeless, actor1=SYRIA), rec("a")) is None


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
    # the same village in other words, and a report naming only the governorate, do match
    assert match_score(a, dict(b, place_phrase="the town of Jdid Ekeidat east of Deir ez Zor")) is not None
    assert match_score(a, dict(b, place_phrase="Deir ez Zor countryside")) is not None


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
