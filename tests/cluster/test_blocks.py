"""Block deduplication without Dask: the components the planner cuts are placed, each alone, exactly as one
ledger places all the records in their order; however the components are spread over tasks.  The records are
our own invention (made-up places, coordinates and tolls)."""
from __future__ import annotations

import random
from typing import Any

import pytest

import warledger.cluster.blocks as blocks
from warledger.cluster.blocks import components, place_components, plan_blocks
from warledger.reconcile.candidates import BlockLedger
from warledger.reconcile.dedup import TEXT_KEY, text_words

PLACES = [  # invented: name, admin1, lat, lon
    ("Tell Amber", "North Vale", 35.10, 36.20), ("Qasr Dunya", "North Vale", 35.13, 36.24),
    ("Zarqa Hill", "East Plain", 35.90, 38.40), ("Ain Sulaf", "East Plain", 35.95, 38.43),
    ("Kafr Lumi", "South Ridge", 33.20, 36.10),
]


def _rec(n: int, report: str, day: str | None, place: tuple[str, str, float, float] | None, killed: int,
         text: str = "") -> dict[str, Any]:
    rec: dict[str, Any] = {
        "record_id": f"rec-{n:016x}", "report_id": report, "kind": "incident", "event_date": day,
        "date_range": [day, day] if day else None, "time_precision": 1 if day else None,
        "actor1": "Invented Air Force", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "fatalities": killed, "killed": {"total": {"low": killed, "best": killed, "high": killed}},
        "problems": [], "published": day, "country": "Nowhere",
        "evidence": [{"field": "event_date", "text": f"on {day}"}] if day else [],
    }
    if place is not None:
        name, admin1, lat, lon = place
        rec.update(place_phrase=f"{name} town", location=name, admin1=admin1, latitude=lat, longitude=lon,
                   geo_precision=1)
    else:
        rec[TEXT_KEY] = text_words(text)
    return rec


def _dataset(seed: int) -> list[dict[str, Any]]:
    """Reports of the same strikes from several sources, across a month's edge and inside one month (in
    September), some with no place whose text names one, some undated."""
    rnd = random.Random(seed)
    recs = []
    for n in range(160):
        place = rnd.choice(PLACES)
        day = rnd.choice(("2023-05-30", "2023-05-31", "2023-06-01", "2023-06-02", "2023-09-14", "2023-09-15"))
        killed = rnd.choice((2, 3, 9))
        kind = rnd.random()
        if kind < 0.15 and day < "2023-09":
            recs.append(_rec(n, f"r{n}", day, None, killed, f"Strike reported near {place[0]} by locals"))
        elif kind < 0.22:
            recs.append(_rec(n, f"r{n}", None, place, killed))
        else:
            recs.append(_rec(n, f"r{n}", day, place, killed))
    return recs


def _serial(recs: list[dict[str, Any]]) -> dict[str, Any]:
    ledger = BlockLedger()
    return {r["record_id"]: ledger.place(dict(r)) for r in recs}


def _blocked(recs: list[dict[str, Any]], tasks: int, seed: int) -> dict[str, Any]:
    plan = plan_blocks(recs, tasks)
    out = dict(plan.alone)
    chunks = list(plan.chunks)
    random.Random(seed).shuffle(chunks)          # tasks finish in any order
    for chunk in chunks:
        out.update(place_components(chunk))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_components_placed_alone_are_the_serial_ledger_however_split(seed: int) -> None:
    recs = _dataset(seed)
    serial = _serial(recs)
    joined = sum(1 for rid, (iid, _) in serial.items() if iid != "inc-" + rid[4:])
    assert joined >= 10                                       # the data has merges to get right
    assert any(note for _, note in serial.values())           # and place-less records joining through their words
    plan = plan_blocks(recs, 4)
    assert plan.blocks >= 1 and plan.residual >= 1            # both kinds of task
    for tasks in (1, 3, 50):
        assert _blocked(recs, tasks, seed) == serial


def test_without_links_the_blocks_would_differ(monkeypatch: pytest.MonkeyPatch) -> None:
    """The equality above rests on the links: with none, every record is placed alone and merges are lost."""
    recs = _dataset(1)
    monkeypatch.setattr(blocks, "could_meet", lambda a, b: False)
    assert _blocked(recs, 3, 1) != _serial(recs)


def test_what_links_two_records() -> None:
    a = _rec(1, "a", "2023-05-31", PLACES[0], 3)
    b = _rec(2, "b", "2023-06-01", PLACES[0], 3)                  # same place, across the month's edge
    c = _rec(3, "c", "2023-06-01", None, 3, "A raid near Zarqa Hill yesterday")   # no place; its words name one
    d = _rec(4, "d", "2023-06-01", PLACES[2], 3)
    e = _rec(5, "e", None, PLACES[0], 3)                          # undated: can never match
    f = _rec(6, "f", "2023-12-01", PLACES[0], 3)                  # same place, half a year later
    comps = components([a, b, c, d, e, f])
    assert comps == [[0, 1], [2, 3], [4], [5]]
    plan = plan_blocks([a, b, c, d, e, f], 2)
    assert plan.residual == 2 and plan.blocks == 0               # a month's edge; a place-less record
    assert set(plan.alone) == {e["record_id"], f["record_id"]}


def test_a_record_that_may_meet_the_ledger_is_left_to_the_loader() -> None:
    a = _rec(1, "a", "2023-05-31", PLACES[0], 3)
    b = _rec(2, "b", "2023-06-01", PLACES[0], 3)
    far = _rec(3, "c", "2024-06-01", PLACES[1], 3)
    plan = plan_blocks([a, b, far], 2, reach=("2023-03-01", "2023-03-05"), pinned=set())
    assert plan.serial == 2 and set(plan.alone) == {far["record_id"]}
    plan = plan_blocks([a, b, far], 2, reach=None, pinned={far["record_id"]})
    assert plan.serial == 1 and plan.residual == 1


@pytest.mark.parametrize("seed", [3, 11])
def test_the_planner_needs_only_the_id_of_a_record_that_can_never_match(seed: int) -> None:
    recs = _dataset(seed)
    undated = next(r for r in recs if r["event_date"] is None)
    assert blocks.planned(undated) == {"record_id": undated["record_id"]}
    dated = next(r for r in recs if r["event_date"] and r.get("location"))
    assert blocks.planned(dated) == blocks.slim(dated)
    pinned = {undated["record_id"], recs[5]["record_id"]}
    for reach, pins in ((None, None), (("2023-05-31", "2023-06-01"), pinned)):
        full, small = plan_blocks([blocks.slim(r) for r in recs], 3, reach, pins), \
            plan_blocks([blocks.planned(r) for r in recs], 3, reach, pins)
        assert small.alone == full.alone and small.chunks == full.chunks
        assert (small.blocks, small.residual, small.serial) == (full.blocks, full.residual, full.serial)
        assert len(full.alone) > 5
