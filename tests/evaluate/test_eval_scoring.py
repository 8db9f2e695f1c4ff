"""Scoring definitions on small hand-made gold and output lines (invented reports)."""
from __future__ import annotations

import math

import pytest

from warledger.evaluate.lexicon import actor_family, admin1_key, belligerent_families, name_key
from warledger.evaluate.scoring import (actor_matches, distance_km, range_value, score_acled, score_airwars,
                                        score_case, score_pairs, score_places, score_theatres)


def acled_gold(gid: str, text: str, **over: object) -> dict:
    gold = {"fatalities": 0, "event_date": "2021-03-14", "admin1": "Idleb", "admin2": "Ariha",
            "latitude": 35.81, "longitude": 36.61, "sub_event_type": "Air/drone strike",
            "actor1": "Military Forces of Russia (2000-)", "actor2": "Civilians (Syria)", "location": "Ariha"}
    gold.update(over)
    return {"id": gid, "text": text, "gold": gold}


def test_name_keys_drop_articles_and_spelling() -> None:
    assert name_key("Al-Bab") == name_key("al Bab") == "bab"
    assert name_key(None) == name_key("") == ""
    assert admin1_key("Idleb") == admin1_key("Idlib") == "idlib"
    assert admin1_key("Ar-Raqqa") == admin1_key("Raqqa")
    assert admin1_key("Hama") != admin1_key("Homs")


def test_actor_families_first_match_and_other() -> None:
    assert actor_family("Military Forces of Russia (2000-)") == "russia"
    assert actor_family("Military Forces of Syria (2000-)") == "syria_gov"
    assert actor_family("HTS: Hayat Tahrir al Sham") == "hts"
    assert actor_family("Sham Legion") == "other"
    assert actor_family("") is None and actor_family(None) is None
    assert belligerent_families("Russian Military") == {"russia"}
    assert belligerent_families("Unknown") == set()


def test_range_value_prefers_best_then_low() -> None:
    assert range_value({"low": 12, "best": None, "high": None}) == 12
    assert range_value({"low": 5, "best": 7, "high": 9}) == 7
    assert range_value(4) == 4 and range_value(None) is None


def test_distance_km_is_symmetric_and_infinite_without_coordinates() -> None:
    d = distance_km(35.0, 36.0, 35.1, 36.0)
    assert 11.0 < d < 11.2  # 0.1 degree of latitude is about 11.1 km
    assert distance_km(35.1, 36.0, 35.0, 36.0) == pytest.approx(d)
    assert distance_km(None, 36.0, 35.0, 36.0) == math.inf


def test_acled_fatalities_sum_unknown_as_zero_and_date_only_when_stated() -> None:
    gold = [acled_gold("a", "On 14 March 2021, Russian jets struck Ariha; 3 civilians were killed.", fatalities=3),
            acled_gold("b", "Russian jets struck near Ariha. Casualties unknown.", fatalities=0)]
    pred = [
        {"report_id": "a", "kind": "incident", "fatalities": 2, "event_date": "2021-03-14", "admin1": "Idlib",
         "admin2": "Ariha", "latitude": 35.82, "longitude": 36.60, "sub_event_type": "Air/drone strike",
         "actor1": "Military Forces of Russia (2000-)", "actor2": "Civilians (Syria)"},
        {"report_id": "a", "kind": "incident", "fatalities": None, "killed": {"total": {"low": 1, "best": None}}},
        {"report_id": "a", "kind": "aggregate", "fatalities": 40},          # aggregates are not counted
        {"report_id": "b", "kind": "incident", "fatalities": None, "event_date": "2020-01-01", "admin1": "Hama"},
    ]
    s = score_acled(gold, pred)
    m = s.metrics
    assert (m["fatalities"].right, m["fatalities"].scored) == (2, 2)   # 2 + 1 = 3; unknown counts as 0
    assert (m["date"].right, m["date"].scored) == (1, 1)               # note b states no year: not scored
    assert (m["admin1"].right, m["within_10km"].right, m["admin2"].right) == (1, 1, 1)
    assert m["actors"].right == 1 and m["some_incident"].right == 2
    assert m["within_10km"].failures[0].id == "b"


def test_acled_actor_pair_is_unordered_and_by_family() -> None:
    gold = [acled_gold("a", "x", actor1="Military Forces of Syria (2000-)", actor2="Opposition Rebels (Syria)")]
    swapped = [{"report_id": "a", "actor1": "National Liberation Front", "actor2": "Syrian regime forces"}]
    one_side = [{"report_id": "a", "actor1": "Syrian regime forces", "actor2": None}]
    assert score_acled(gold, swapped).metrics["actors"].right == 1
    assert score_acled(gold, one_side).metrics["actors"].right == 0


def airwars_gold(gid: str, **over: object) -> dict:
    inc = {"airwars_id": "900", "incident_date": "2019-11-06", "latitude": "35.5", "longitude": "36.6",
           "geolocation_accuracy": "village", "belligerent": "Russian Military",
           "civilians_killed_min": "5", "civilians_killed_max": "7", "children_killed_min": None,
           "children_killed_max": None, "women_killed_min": "1", "women_killed_max": None,
           "civilians_injured_min": None, "civilians_injured_max": None}
    inc.update(over)
    return {"id": gid, "text": "invented", "gold": {"incidents": [inc]}}


def test_airwars_counts_inside_min_max_summed_over_records() -> None:
    gold = [airwars_gold("t1"), airwars_gold("t2"),
            {"id": "t3", "text": "two incidents", "gold": {"incidents": [{}, {}]}}]   # not scored
    pred = [
        {"report_id": "t1", "killed": {"civilians": {"best": 4}, "women": {"best": 1}}, "event_date": "2019-11-07",
         "latitude": 35.52, "longitude": 36.6, "actor1": "Military Forces of Russia (2000-)"},
        {"report_id": "t1", "killed": {"civilians": {"low": 2}}},
        {"report_id": "t2", "killed": {"civilians": {"best": 9}}, "event_date": "2019-11-09",
         "actor1": "Military Forces of Syria (2000-)"},
    ]
    s = score_airwars(gold, pred)
    m = s.metrics
    assert s.n == 2
    assert (m["civilians"].right, m["civilians"].scored) == (1, 2)   # 4+2=6 in [5,7]; 9 is not
    assert (m["women"].right, m["women"].scored) == (1, 2)           # max missing: range is [1,1]
    assert m["children"].scored == 0 and m["civ_injured"].scored == 0
    assert (m["date±1"].right, m["date±1"].scored) == (1, 2)         # one day off counts; three does not
    assert (m["within_10km"].right, m["perpetrator"].right) == (1, 1)


def test_airwars_unreadable_output_date_counts_as_missed() -> None:
    gold = [airwars_gold("t1")]
    pred = [{"report_id": "t1", "event_date": "November 2019"}, {"report_id": "t1", "event_date": "2019-11-06"}]
    assert score_airwars(gold, pred).metrics["date±1"].right == 0


def test_case_uses_first_record_and_skips_unseen_labels() -> None:
    gold = [{"id": "1", "text": "", "gold": {"label": "AIR_STRIKE"}},
            {"id": "2", "text": "", "gold": {"label": "AIR_STRIKE"}},
            {"id": "3", "text": "", "gold": {"label": "ARMED_CLASH"}},
            {"id": "4", "text": "", "gold": {"label": "NATURAL_DISASTER"}}]
    pred = [{"report_id": "1", "kind": "aggregate", "sub_event_type": "Air/drone strike"},
            {"report_id": "1", "sub_event_type": "Armed clash"},
            {"report_id": "2", "sub_event_type": "Armed clash"},
            {"report_id": "3", "sub_event_type": "Armed clash"},
            {"report_id": "4", "sub_event_type": "Armed clash"}]
    s = score_case(gold, pred)
    assert s.n == 3
    # AIR_STRIKE: p=1, r=1/2 -> f1 2/3; ARMED_CLASH: p=1/2, r=1 -> f1 2/3
    assert s.metrics["macro_f1"].value == pytest.approx(2 / 3)
    assert s.metrics["weighted_f1"].value == pytest.approx(2 / 3)
    assert s.metrics["accuracy"].right == 2
    assert s.confusion is not None and s.confusion[("AIR_STRIKE", "ARMED_CLASH")] == 1


def test_case_missing_output_is_none_label() -> None:
    gold = [{"id": "1", "text": "", "gold": {"label": "ARREST"}}]
    s = score_case(gold, [])
    assert s.confusion == {("ARREST", "NONE"): 1}
    assert s.metrics["weighted_f1"].value == 0.0


def test_places_distance_bands_and_resolved() -> None:
    gold = [{"id": "p1", "place": "a village", "gold": {"latitude": 35.0, "longitude": 36.0}},
            {"id": "p2", "place": "a town", "gold": {"latitude": 35.0, "longitude": 36.0}},
            {"id": "p3", "place": "nowhere", "gold": {"latitude": 35.0, "longitude": 36.0}}]
    pred = [{"id": "p1", "latitude": 35.02, "longitude": 36.0},      # ~2 km
            {"id": "p2", "latitude": 35.1, "longitude": 36.0},       # ~11 km
            {"id": "p3", "latitude": None, "longitude": None}]
    m = score_places(gold, pred).metrics
    assert (m["within_5km"].right, m["within_25km"].right, m["resolved"].right) == (1, 2, 2)


def test_pairwise_dedup() -> None:
    gold = [["r1", "r2", "r3"], ["r4"]]
    # ledger merged r1+r2 (right), r3+r4 (wrong), and an unscored report x
    s = score_pairs(gold, [["r1", "r2", "x"], ["r3", "r4"]])
    m = s.metrics
    assert (m["pair_precision"].right, m["pair_precision"].scored) == (1, 2)
    assert (m["pair_recall"].right, m["pair_recall"].scored) == (1, 3)
    assert m["pair_f1"].value == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
    # a text linked to two incidents pairs with the texts of both
    s2 = score_pairs([["a", "b"], ["b", "c"]], [["a", "b", "c"]])
    assert (s2.metrics["pair_recall"].right, s2.metrics["pair_precision"].scored) == (2, 3)


def theatre_gold(gid: str, country: str, **over: object) -> dict:
    gold = {"fatalities": 1, "event_date": "2020-05-02", "country": country, "admin1": "Northshire",
            "latitude": 15.0, "longitude": 44.0, "event_type": "Battles", "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Freedonia (2015-)", "actor2": "Unidentified Armed Group (Freedonia)",
            "location": "Lowtown"}
    gold.update(over)
    return {"id": gid, "text": "On 2 May 2020 soldiers clashed with gunmen in Lowtown, killing one.", "gold": gold}


def test_theatres_country_admin1_actor_names_and_per_country_rows() -> None:
    gold = [theatre_gold("a", "Freedonia"), theatre_gold("b", "Freedonia"), theatre_gold("c", "Sylvania")]
    right = {"kind": "incident", "fatalities": 1, "event_date": "2020-05-02", "country": "Freedonia",
             "admin1": "Northshire", "latitude": 15.1, "longitude": 44.1, "event_type": "Battles",
             "sub_event_type": "Armed clash", "actor1": "Unidentified Armed Group (Freedonia)",
             "actor2": "Military Forces of Freedonia (2015-)"}
    pred = [dict(right, report_id="a"),
            # b: a second record in another country makes the country wrong; admin1 counts only in the
            # note's country; one of the two actors alone, or with another, is not the pair
            dict(right, report_id="b", actor2=None),
            dict(right, report_id="b", country="Sylvania", admin1="X", actor1="Civilians (Freedonia)"),
            # c: placed 200 km away, in the right country
            dict(right, report_id="c", country="Sylvania", admin1="Northshire", latitude=17.0, actor1=None,
                 actor2=None)]
    s = score_theatres(gold, pred)
    v = s.values()
    assert v["country"] == pytest.approx(2 / 3)
    assert v["admin1"] == 1.0
    assert v["within_25km"] == pytest.approx(2 / 3)
    assert v["actor_names"] == pytest.approx(1 / 3)
    assert v["date"] == 1.0 and v["fatalities"] == pytest.approx(2 / 3)   # b sums 1 + 1
    assert set(s.groups) == {"Freedonia", "Sylvania"}
    assert s.groups["Freedonia"].n == 2 and s.groups["Freedonia"].values()["country"] == 0.5
    assert s.groups["Sylvania"].values()["within_25km"] == 0.0


def test_theatre_actor_names_allow_a_sub_unit_after_a_state_force_period_only() -> None:
    assert actor_matches("Military Forces of Freedonia (2015-)", "Military Forces of Freedonia (2015-) Border Guard")
    assert actor_matches("Civilians (Freedonia)", "civilians  (freedonia)")
    assert not actor_matches("Military Forces", "Military Forces of Freedonia (2015-)")
    assert not actor_matches(None, "Civilians (Freedonia)")
