"""Tallies over incidents known only by a date range, and tally columns that agree with each other
(issue 11): a range is counted in a period it lies in, a straddling range is reported, a category
column never exceeds the total column."""
from __future__ import annotations

import pytest

from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
from warledger.errors import InputError
from warledger.record import GroupCount, Range, Report
from warledger.store import Ledger
from warledger.store.query import Filters

TEXT = ("Since the 2nd, warplanes raided Ariha city, killing 4 civilians. Between the end of October and the "
        "3rd, shelling on Sarmin town killed 2 civilians. On the 5th a clash near Binnish killed 4 people, "
        "among them 7 fighters of the Valley Regiment by a later count.")


def report() -> Report:
    t = TEXT
    incs = [
        incident(t, date=None, date_range=("2019-11-02", "2019-11-07"), precision=2, where=place("Ariha"),
                 killed=counts(civilians=4), evidence=[ev(t, "killed.civilians", "4 civilians")]),
        incident(t, date=None, date_range=("2019-10-28", "2019-11-01"), precision=2, where=place("Sarmin"),
                 killed=counts(civilians=2), evidence=[ev(t, "killed.civilians", "2 civilians")]),
        incident(t, date="2019-11-05", where=place("Binnish"), killed=counts(total=4, fighters=7),
                 groups=[GroupCount("Valley Regiment", Range.exact(7))],
                 evidence=[ev(t, "killed.total", "4 people")]),
    ]
    return Report(id="ranges", text=t, published="2019-11-07", source="Example Monitor", incidents=incs)


def test_a_range_is_counted_in_the_month_it_lies_in(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([report()])
        months = {r["month"]: r for r in ledger.tally("month")}
        assert None not in months, "no incident falls into a blank month row"
        assert months["2019-11"]["incidents"] == 2 and months["2019-10"]["incidents"] == 1
        assert months["2019-11"]["killed_civilians"] == 4
        nov = ledger.tally("actor1", date_from="2019-11-01", date_to="2019-11-30")
        assert sum(r["incidents"] for r in nov) == 3, "a range overlapping November is kept by --from/--to"
        assert months["2019-10"]["ranges_straddling"] == 1 and months["2019-11"]["ranges_straddling"] == 0
        days = {r["day"]: r for r in ledger.tally("day")}
        assert days["2019-11-04"]["incidents"] == 1 and days["2019-11-04"]["ranges_straddling"] == 1
        assert [x["incident_id"] for x in ledger.incidents(filters=Filters(date_from="2019-11-06",
                                                                           date_to="2019-11-06"))] \
            == [x["incident_id"] for x in ledger.incidents() if x["location"] == "Ariha"]


def test_category_columns_never_exceed_the_total(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([report()])
        binnish = [x for x in ledger.incidents() if x["location"] == "Binnish"][0]
        assert binnish["fatalities"] == 7, "4 killed and 7 fighters of the same clash: at least 7"
        for row in ledger.tally("month") + ledger.tally("actor1"):
            parts = (row["killed_civilians"] or 0) + (row["killed_fighters"] or 0)
            assert (row["killed_total"] or 0) >= parts, row


def test_a_sub_count_never_exceeds_the_total(db: str) -> None:
    # children, women and men are sub-counts, never added; but the total is at least the largest of them
    t = "Shelling on Ariha killed 3 civilians, 4 children among the dead; 2 men were wounded in Sarmin."
    incs = [incident(t, date="2019-11-05", where=place("Ariha"), killed=counts(civilians=3, children=4),
                     evidence=[ev(t, "killed.civilians", "3 civilians"), ev(t, "killed.children", "4 children")]),
            incident(t, date="2019-11-06", where=place("Sarmin"), injured=counts(men=2),
                     evidence=[ev(t, "injured.men", "2 men")])]
    with Ledger(db) as ledger:
        ledger.ingest([Report(id="subs", text=t, published="2019-11-07", source="Example Monitor", incidents=incs)])
        ariha = [x for x in ledger.incidents() if x["location"] == "Ariha"][0]
        assert ariha["fatalities"] == 4
        for row in ledger.tally("month") + ledger.tally("day") + ledger.tally("admin1"):
            for what in ("killed", "injured"):
                for c in ("civilians", "fighters", "children", "women", "men"):
                    assert (row[f"{what}_{c}"] or 0) <= (row[f"{what}_total"] or 0), (what, c, row)


def test_bad_tally_dates_are_refused(db: str) -> None:
    with Ledger(db) as ledger:
        with pytest.raises(InputError, match="YYYY-MM-DD"):
            ledger.tally("month", date_from="2020-13-01")
