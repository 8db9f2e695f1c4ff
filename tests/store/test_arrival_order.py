"""The ledger's incidents do not depend on the order reports arrive in (robust19).  Three invented reports of
strikes on one invented hamlet: A names a day, B only a week around it, C a day four days after A.  A and B can
be one event, B and C can, A and C cannot (two different days).  Greedy placing gave {A, B} {C} for A-B-C and {A} {B, C}
for C-B-A; every order now gives the grouping of the content order.  SQLite and PostgreSQL."""
from __future__ import annotations

import itertools

import pytest

from warledger.record import Counts, Incident, Place, Range, Report
from warledger.store import Ledger

HAMLET = "Tell Qurmuz"   # invented


def report(rid: str, day: str, precision: int) -> Report:
    counts = Counts()
    counts.set("civilians", Range.exact(3))
    inc = Incident(kind="incident", event_date=day, date_range=(day, day), time_precision=precision,
                   event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                   actor1="Military Forces of Russia (2000-)", actor2="Civilians (Syria)", killed=counts,
                   place=Place(phrase=HAMLET, name=HAMLET, location=HAMLET, admin1="Idlib", admin2="Idlib",
                               country="Syria", latitude=35.61, longitude=36.52, geo_precision=1, where_prec=1))
    return Report(id=rid, text=f"Jets struck {HAMLET}; three civilians died.", published="2023-03-01",
                  source=f"Invented monitor {rid}", language="en", incidents=[inc])


CHAIN = {"a": ("2023-02-03", 1), "b": ("2023-02-05", 2), "c": ("2023-02-07", 1)}


def groups(ledger: Ledger) -> set[frozenset[str]]:
    return {frozenset(line["reports"]) for line in ledger.incidents()}


def test_a_chain_gives_the_same_incidents_in_every_order(db: str) -> None:
    seen = {}
    for order in itertools.permutations("abc"):
        with Ledger(db) as ledger:
            ledger.remove_reports(["a", "b", "c"])
            for rid in order:        # one report per ingest: each arrives after the others are stored
                ledger.ingest([report(rid, *CHAIN[rid])], process=False)
            seen["".join(order)] = groups(ledger)
    assert len({frozenset(g) for g in seen.values()}) == 1, seen
    first = next(iter(seen.values()))
    assert len(first) == 2 and frozenset({"a", "b"}) in first     # content order: B's window starts first, A joins


@pytest.mark.parametrize("split", [1, 2])
def test_two_files_in_either_order_give_one_ledger(db: str, split: int) -> None:
    reps = [report(rid, *CHAIN[rid]) for rid in "cba"]
    out = []
    for parts in ([reps[:split], reps[split:]], [reps[split:], reps[:split]], [reps]):
        with Ledger(db) as ledger:
            ledger.remove_reports(["a", "b", "c"])
            for part in parts:
                ledger.ingest(part, process=False)
            out.append(groups(ledger))
    assert out[0] == out[1] == out[2]


def placeless(rid: str, day: str, text: str) -> Report:
    rep = report(rid, day, 1)
    rep.incidents[0].place = Place()
    return Report(id=rid, text=text, published=day, source=f"Invented monitor {rid}", language="en",
                  incidents=rep.incidents)


def placed(rid: str, day: str, name: str, lat: float) -> Report:
    rep = report(rid, day, 1)
    pl = rep.incidents[0].place
    pl.phrase = pl.name = pl.location = name
    pl.latitude = lat
    return rep


def test_a_placeless_report_naming_two_places_settles_the_same_way_in_every_order(db: str) -> None:
    """P names no place of its own but its words name both X and Y (two invented hamlets struck that day):
    it goes with the same one of them whatever arrives first."""
    reps = {"p": lambda: placeless("p", "2023-02-03", "Jets struck Tell Qurmuz and Khirbet Sawda; three died."),
            "x": lambda: placed("x", "2023-02-03", "Tell Qurmuz", 35.61),
            "y": lambda: placed("y", "2023-02-03", "Khirbet Sawda", 35.90)}
    seen = {}
    for order in itertools.permutations("pxy"):
        with Ledger(db) as ledger:
            ledger.remove_reports(list(reps))
            for rid in order:
                ledger.ingest([reps[rid]()], process=False)
            seen["".join(order)] = frozenset(groups(ledger))
    assert len(set(seen.values())) == 1, seen
    assert any(len(g) == 2 for g in next(iter(seen.values())))
