"""Counts of one incident merged from several reports (session 15, ledger15): a report's "at least 11" is a floor
the merged best and high never fall below, so the ledger never says 10 killed when a source counts 11 or more."""
from __future__ import annotations

from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
from warledger.record import Range, Report
from warledger.reconcile.merge import merge_ranges
from warledger.store import Ledger


def _report(rid: str, text: str, killed: Range, quote: str, source: str) -> Report:
    inc = incident(text, date="2022-05-17", where=place("Kafr Zita"), killed=counts(civilians=killed),
                   evidence=[ev(text, "killed.civilians", quote)])
    return Report(id=rid, text=text, published="2022-05-18", source=source, language="en", incidents=[inc])


def test_a_floor_lifts_the_merged_best_and_high() -> None:
    assert merge_ranges([{"low": 10, "best": 10, "high": 10}, {"low": 11, "best": None, "high": None}]) == \
        {"low": 10, "best": 11, "high": 11}
    assert merge_ranges([{"low": 5, "best": 7, "high": 7}, {"low": 6, "best": None, "high": None}]) == \
        {"low": 5, "best": 7, "high": 7}
    assert merge_ranges([{"low": 5, "best": None, "high": None}]) == {"low": 5, "best": None, "high": None}


def test_the_ledger_never_counts_fewer_than_a_sources_floor(db: str) -> None:
    a = "Warplanes struck Kafr Zita on Tuesday, killing 10 civilians, the monitor said."
    b = "An air raid on Kafr Zita on Tuesday killed at least 11 civilians, a rescue network said."
    with Ledger(db) as ledger:
        ledger.ingest([_report("m1", a, Range.exact(10), "10 civilians", "Example Monitor"),
                       _report("m2", b, Range(11, None, None), "at least 11 civilians", "Example Network")])
        [line] = list(ledger.incidents())
        assert len(line["reports"]) == 2
        civ = line["killed"]["civilians"]
        assert civ["best"] == 11 and civ["high"] == 11 and civ["low"] == 10
        assert line["fatalities"] == 11
        assert sum(r["killed_total"] or 0 for r in ledger.tally("actor1")) == 11
