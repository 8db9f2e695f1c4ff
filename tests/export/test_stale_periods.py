"""ACLED's period suffix in the exports (session 15, ledger15): a state's forces carry the period that contains
the event's day; a name whose own period cannot hold the day (it starts after it, or the table's row it names
closed before it) loses its period rather than naming a government that was not in power."""
from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import pytest

from warledger.export import export
from warledger.export.naming import period_name


def line(day: str, actor1: str, country: str = "Syria") -> dict[str, Any]:
    return {
        "incident_id": "inc-00aa11bb22cc33dd", "kind": "incident", "event_date": day, "date_range": [day, day],
        "time_precision": 1, "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike",
        "actor1": actor1, "actor2": f"Civilians ({country})", "location": "Invented Mill", "admin1": None,
        "admin2": None, "admin3": None, "latitude": 35.5, "longitude": 38.25, "geo_precision": 2, "country": country,
        "fatalities": 2, "killed": {"civilians": {"low": 2, "best": 2, "high": 2}}, "injured": {},
        "killed_groups": [], "evidence": [], "problems": [], "reports": ["r1"],
        "per_report": [{"report_id": "r1", "source": "Invented Courier"}],
    }


def actor1(day: str, name: str, country: str = "Syria") -> str:
    buf = io.StringIO()
    export([line(day, name, country)], "acled-csv", out=buf)
    return list(csv.DictReader(io.StringIO(buf.getvalue().lstrip("\ufeff"))))[0]["actor1"]


def test_forces_after_a_government_fell_take_the_new_period() -> None:
    assert actor1("2025-03-10", "Military Forces of Syria (2000-)") == "Military Forces of Syria (2024-)"
    assert actor1("2024-12-01", "Military Forces of Syria (2000-)") == "Military Forces of Syria (2000-2024)"


def test_a_period_that_cannot_hold_the_day_is_dropped() -> None:
    # Turkey's table starts in 2016: a 2015 event has no period, and "(2016-)" would be false
    assert actor1("2015-08-10", "Military Forces of Turkey (2016-)", "Turkey") == "Military Forces of Turkey"
    # a row of the table that began in the name's year and closed before the day
    assert period_name("Military Forces of Nepal (2024-)", date(2025, 10, 1)) == "Military Forces of Nepal"
    # a period the table does not know but that may hold the day is kept as written
    assert period_name("Military Forces of Invented Land (2019-)", date(2025, 1, 1)) == \
        "Military Forces of Invented Land (2019-)"


@pytest.mark.parametrize("actor, day, expected", [
    ("Military Forces of Lebanon (2021-)", date(2025, 6, 1), "Military Forces of Lebanon (2025-)"),
    ("Military Forces of Lebanon (2021-)", date(2023, 6, 1), "Military Forces of Lebanon (2021-2025)"),
    ("Military Forces of Chile (2022-)", date(2026, 6, 1), "Military Forces of Chile (2026-)"),
    ("Police Forces of Madagascar (2019-)", date(2025, 11, 2), "Police Forces of Madagascar (2025-)"),
    ("Military Forces of Guinea-Bissau (2020-)", date(2024, 1, 5), "Military Forces of Guinea-Bissau (2020-2025)"),
    ("Military Forces of Hungary (2010-)", date(2024, 1, 5), "Military Forces of Hungary (2010-)"),
])
def test_governments_of_2025_and_2026_have_their_periods(actor: str, day: date, expected: str) -> None:
    assert period_name(actor, day) == expected


def test_a_unit_named_with_its_governments_word_is_named_the_same_again() -> None:
    # ledger19's round trip (ACLED CSV export read back): a unit after a period that carries the government's word
    # ("(2012-2022) Hadi") took the word twice, "Hadi Hadi Security Belt Forces"
    from warledger.export.naming import period_name

    day = date(2019, 8, 10)
    once = period_name("Military Forces of Yemen (2012-) Security Belt Forces", day)
    assert once == "Military Forces of Yemen (2012-2022) Hadi Security Belt Forces"
    assert period_name(once, day) == once
    assert period_name("Military Forces of Yemen (2012-2022) Hadi", day) == "Military Forces of Yemen (2012-2022) Hadi"
