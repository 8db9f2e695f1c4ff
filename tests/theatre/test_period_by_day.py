"""A state force's ACLED period follows the event's day, not only its year (session 16, ledger16): Syria's
government changed on 8 December 2024, so an event of 20 December 2024 is "Military Forces of Syria (2024-)"
in the record itself, not only in the exports.  One rule (:func:`warledger.theatre.actors.name_for_day`) for
extraction and for the ledger (tests/store/test_period_follows_date.py)."""
from __future__ import annotations

from datetime import date

import pytest

from warledger import extract
from warledger.theatre.actors import name_for_day


@pytest.mark.parametrize("name, day, expected", [
    ("Military Forces of Syria (2000-)", "2024-12-20", "Military Forces of Syria (2024-)"),
    ("Military Forces of Syria (2000-)", "2024-12-07", "Military Forces of Syria (2000-)"),
    ("Military Forces of Syria (2024-)", "2024-11-30", "Military Forces of Syria (2000-)"),
    ("Police Forces of Syria (2000-) Military Intelligence", "2025-02-01",
     "Police Forces of Syria (2024-) Military Intelligence"),
    ("Military Forces of Bangladesh (2009-)", "2024-09-01", "Military Forces of Bangladesh (2024-)"),
    ("Military Forces of Syria (2000-)", date(2025, 1, 3), "Military Forces of Syria (2024-)"),
])
def test_the_period_is_the_one_holding_the_day(name: str, day: "str | date", expected: str) -> None:
    assert name_for_day(name, day) == expected


@pytest.mark.parametrize("name, day", [
    ("Civilians (Syria)", "2025-01-03"),                            # no period
    ("Military Forces of Invented Land (2019-)", "2025-01-03"),     # no rows for the base
    ("Military Forces of Syria (2000-)", "2024-12"),                # not a day
    ("Military Forces of Syria (2000-)", None),
    (None, "2025-01-03"),
])
def test_no_day_or_no_rows_leaves_the_name(name: "str | None", day: "str | None") -> None:
    assert name_for_day(name, day) == name


def test_extraction_names_the_period_of_the_events_day() -> None:
    text = ("On 20 December 2024, Syrian government forces shelled the village of Kafr Nabl in Idlib, "
            "killing three civilians.")
    incs = [i for i in extract(text, published="2024-12-21") if i.kind == "incident"]
    assert incs and incs[0].event_date == "2024-12-20"
    assert incs[0].actor1 == "Military Forces of Syria (2024-)"
    before = [i for i in extract(text.replace("20 December", "3 December"), published="2024-12-04")
              if i.kind == "incident"]
    assert before[0].actor1 == "Military Forces of Syria (2000-)"
