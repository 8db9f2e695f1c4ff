"""State forces get ACLED's period for the record's year from the theatre's actor_periods.tsv."""
from __future__ import annotations

from warledger.theatre.actors import render


def test_period_by_year() -> None:
    name = "Military Forces of {country} ({period})"
    assert render(name, "IQ", 2019)[0] == "Military Forces of Iraq (2018-)"
    assert render(name, "IQ", 2021)[0] == "Military Forces of Iraq (2020-)"
    assert render(name, "IQ", 2020)[0] == "Military Forces of Iraq (2018-)"  # a shared year: the earlier period
    assert render(name, "IQ", 2024)[0] == "Military Forces of Iraq (2022-)"
    unit = "Military Forces of {country} ({period}) Popular Mobilization Forces"
    assert render(unit, "IQ", 2021)[0] == "Military Forces of Iraq (2020-) Popular Mobilization Forces"


def test_no_period_or_no_country_is_said() -> None:
    out, problem = render("Military Forces of {country} ({period})", "IQ", 2005)
    assert out == "Military Forces of Iraq" and problem is not None and problem.startswith("W-ACTOR-PERIOD")
    out, problem = render("Civilians ({country})", None, 2021)
    assert out == "Civilians" and problem is not None and problem.startswith("W-ACTOR-COUNTRY")
    assert render("Military Forces of Russia (2000-)", None, 2021) == ("Military Forces of Russia (2000-)", None)
