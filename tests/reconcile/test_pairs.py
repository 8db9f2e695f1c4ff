"""Possible duplicates (reconcile/pairs.py) on match data written for these tests: the automatic rules' contradictions
are never a pair, an area beside a village of its district is one with its reasons, and a record that is one of
several places its text lists sinks when its own name differs; the finder compares only what its blocks let meet."""
from __future__ import annotations

import json
from typing import Any, Optional

from warledger.reconcile.pairs import candidate_pairs, entries, pair_reasons

Rec = dict[str, Any]


def _rec(rid: str, place: Optional[str], day: str = "2021-06-01", admin1: str = "Idleb", admin2: Optional[str] = "Ariha",
         precision: int = 2, lat: float = 35.80, lon: float = 36.60, problems: tuple[str, ...] = (),
         killed: int = 4) -> Rec:
    return {"incident_id": "inc-" + rid, "kind": "incident", "reports": ["rep-" + rid], "event_date": day,
            "date_range": [day, day], "time_precision": 1, "location": place, "place_phrase": place,
            "latitude": lat, "longitude": lon, "geo_precision": precision, "admin1": admin1, "admin2": admin2,
            "actor1": "Military Forces of Russia (2000-)", "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike", "fatalities": killed, "killed": None, "problems": list(problems)}


def _codes(found: Any) -> set[str]:
    assert found is not None
    return {r.code for r in found[1]}


def test_an_area_and_a_village_of_its_district_are_a_pair_with_their_reasons() -> None:
    village, area = _rec("v", "Kafr Lata"), _rec("a", "Ariha", precision=3)
    assert _codes(pair_reasons(village, area)) >= {"same-day", "same-admin2", "same-actor1", "same-sub-event",
                                                  "killed-same"}


def test_what_the_automatic_rules_call_two_events_is_never_a_pair() -> None:
    village = _rec("v", "Kafr Lata")
    assert pair_reasons(village, _rec("d", "Ariha", precision=3, day="2021-06-09")) is None      # another day
    assert pair_reasons(village, _rec("o", "Aleppo", admin1="Aleppo", admin2=None, precision=3)) is None
    assert pair_reasons(village, _rec("s", "Idleb", admin2="Idleb", precision=3)) is None        # another district
    assert pair_reasons(village, _rec("f", "Sarmin", lat=35.90, lon=36.72)) is None              # another town
    one_report = dict(_rec("r", "Ariha", precision=3), reports=["rep-v"])
    assert pair_reasons(village, one_report) is None


def test_one_of_several_places_with_another_name_sinks() -> None:
    listed = _rec("l", "Hazarin", problems=("W-SPLIT-CODING: fatalities split between locations",))
    near_same = _rec("n", "Fleifel", lat=35.80, lon=36.60)
    found = pair_reasons(listed, near_same)
    assert "names-differ" in _codes(found)
    plain = pair_reasons(_rec("v", "Kafr Lata"), _rec("a", "Ariha", precision=3))
    assert found is not None and plain is not None and found[0] < plain[0]


def test_the_finder_pairs_within_a_block_only() -> None:
    rows = [(m["incident_id"], "2021-06-01", "2021-06-01", "Syria" if m["incident_id"] != "inc-x" else "Iraq",
             m["admin1"], json.dumps(m), {"country": None})
            for m in (_rec("v", "Kafr Lata"), _rec("a", "Ariha", precision=3), _rec("x", "Ariha", precision=3))]
    pairs = [(a.incident_id, b.incident_id) for _, _, a, b in candidate_pairs(entries(rows))]
    assert pairs == [("inc-a", "inc-v")]


def _far_apart(n: int) -> list[tuple[str, str, str, str, str, str, Rec]]:
    """n villages of one admin1 on one day, each about 22 km north of the last: windows all overlap, no two meet."""
    out = []
    for i in range(n):
        m = _rec(f"p{i}", f"Village {chr(65 + i)}{chr(97 + i % 7)}dar", lat=35.0 + 0.2 * i, lon=36.6)
        out.append((m["incident_id"], "2021-06-01", "2021-06-01", "Syria", "Idleb", json.dumps(m), {"country": "Syria"}))
    return out


def test_the_finder_reads_each_incident_once_and_skips_points_surely_apart(monkeypatch: Any) -> None:
    from warledger.reconcile import pairs

    calls = {"is_area": 0, "date_window": 0, "pair_reasons": 0}

    def counted(name: str, fn: Any) -> Any:
        def wrapper(*args: Any) -> Any:
            calls[name] += 1
            return fn(*args)
        return wrapper

    for name in calls:
        monkeypatch.setattr(pairs, name, counted(name, getattr(pairs, name)))
    assert list(candidate_pairs(entries(_far_apart(20)))) == []
    assert calls == {"is_area": 20, "date_window": 20, "pair_reasons": 0}    # 190 pairs met, none compared in full


def test_what_the_finder_skips_the_full_comparison_would_reject() -> None:
    from warledger.reconcile.pairs import Facts, surely_apart

    recs = [_rec("v", "Kafr Lata"), _rec("a", "Ariha", precision=3), _rec("w", "Kafr Latah", lat=35.81),
            _rec("f", "Sarmin", lat=35.90, lon=36.72), _rec("n", "Kafr Lata", lat=35.95),
            _rec("d", "Kafr Lata", day="2021-06-09"), _rec("s", "Hazarin", problems=("W-PLACE-LIST: three towns",)),
            dict(_rec("r", "Ariha", precision=3), reports=["rep-v"]), dict(_rec("g", "Taftanaz"), kind="aggregate"),
            _rec("u", None, precision=3), dict(_rec("x", "Binnish", lat=35.95), longitude=None)]
    skipped = 0
    for a in recs:
        for b in recs:
            if a is not b and surely_apart(Facts.of(a), Facts.of(b)):
                skipped += 1
                assert pair_reasons(a, b) is None, (a["incident_id"], b["incident_id"])
    assert skipped >= 20


def test_the_sweeps_lanes_meet_every_pair_comparing_all_would() -> None:
    """The finder keeps open windows in lanes by admin1 and latitude band: it yields exactly the pairs a sweep
    over every open window yields (same country, windows that overlap, one admin1 or an unknown one, not
    surely_apart), on entries with areas, unknown admin1 units, points in neighbouring bands and far apart."""
    import random
    from datetime import date, timedelta

    from warledger.reconcile.pairs import Entry, Facts, meetings, surely_apart

    rng = random.Random(5)
    items = []
    for i in range(400):
        lo = date(2021, 6, 1) + timedelta(days=rng.randrange(20))
        hi = lo + timedelta(days=rng.choice((0, 0, 1, 3)))
        precise = rng.random() < 0.8
        lat, lon = 35.0 + rng.uniform(0, 0.8), 36.0 + rng.uniform(0, 0.3)
        facts = Facts(window=(lo, hi), vague_place=rng.random() < 0.15, latitude=lat if precise else None,
                      reports=frozenset({f"r{i}"}), incident=True, keys=(rng.choice(("kafrlata", "ariha", "sarmin")),),
                      point=(lat, lon) if precise else None)
        items.append(Entry(f"i{i:03d}", lo, hi, rng.choice(("Syria", "Syria", "Iraq")),
                           rng.choice(("Idleb", "Aleppo", None, "")), None, {}, facts.as_json()))
    found = {(a.incident_id, b.incident_id) for a, b in meetings(items)}
    every = set()
    for a in items:
        for b in items:
            if (a.lo, a.hi, a.incident_id) < (b.lo, b.hi, b.incident_id) and a.country == b.country and \
                    a.hi >= b.lo and not (a.admin1 and b.admin1 and a.admin1 != b.admin1) and \
                    not surely_apart(a.facts, b.facts):
                every.add((a.incident_id, b.incident_id))
    assert len(every) > 100 and found == every


def test_one_of_several_places_at_the_same_point_says_so_in_words() -> None:
    """A record one of several places its text lists, at the other's very point under the same name: the reason
    says the same place is named among several, not "0.0 km apart (one side's text lists several places)"."""
    listed = _rec("l", "Kafr Lata", problems=("W-PLACE-LIST: three villages",))
    found = pair_reasons(listed, _rec("v", "Kafr Lata"))
    assert found is not None
    near = [r.words for r in found[1] if r.code == "near"]
    assert near == ["the same point: the same place, named among several places one side's text lists"]
    other = pair_reasons(_rec("s", "Hazarin", problems=("W-SPLIT-CODING: split",)), _rec("f", "Fleifel", lat=35.85))
    assert other is not None
    assert [r.words for r in other[1] if r.code == "near"] == ["5.6 km apart, one side being one of several places "
                                                               "its text lists"]
