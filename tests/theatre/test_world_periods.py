"""State forces of the countries with no bundle get ACLED's period of the note's date from the global table, and the
state is written as ACLED's actor names write it ("the Republic of Congo", "Ivory Coast"; country_codes.tsv's
actor_state).  The notes are written for these tests (invented places and wording)."""
from __future__ import annotations

from datetime import date

import pytest

from warledger.export.naming import period_name
from warledger.extract import extract_report
from warledger.record import Incident, Report
from warledger.theatre.actors import render


def _actors(text: str) -> set[str]:
    report = extract_report(Report(id="t", text=text))
    incs = [i for i in report.incidents if isinstance(i, Incident) and i.kind == "incident"]
    assert incs, text
    return {a for i in incs for a in (i.actor1, i.actor2) if a}


@pytest.mark.parametrize(("note", "police"), [
    ("On 14 May 2021, market traders protested against a new levy in Kumasi, Ghana. Police dispersed the "
     "protesters with tear gas. No fatalities.", "Police Forces of Ghana (2017-)"),
    ("On 3 September 2016, market traders protested against a new levy in Kumasi, Ghana. Police dispersed the "
     "protesters with tear gas. No fatalities.", "Police Forces of Ghana (2012-)"),     # before 2017: the earlier one
    ("On 9 June 2023, students protested over unpaid grants in Ziguinchor, Senegal. Police dispersed the "
     "protesters with tear gas. No fatalities.", "Police Forces of Senegal (2012-)"),
])
def test_a_protest_in_a_country_without_a_bundle_names_its_police_with_the_period(note: str, police: str) -> None:
    assert police in _actors(note)


def test_before_the_first_period_no_period_is_written() -> None:
    out, problem = render("Police Forces of {country} ({period})", "SN", 2010)   # Senegal's rows start in 2012
    assert out == "Police Forces of Senegal" and problem is not None and problem.startswith("W-ACTOR-PERIOD")


def test_the_state_is_written_as_acleds_actor_names_write_it() -> None:
    assert render("Police Forces of {country} ({period})", "CG", 2019)[0] == "Police Forces of the Republic of Congo (1997-)"
    assert render("Military Forces of {country} ({period})", "GB", 2020)[0] == \
        "Military Forces of the United Kingdom (2019-)"
    assert render("Military Forces of {country} ({period})", "SZ", 2021)[0] == "Military Forces of eSwatini (1986-)"
    assert render("Civilians ({country})", "CG", 2019)[0] == "Civilians (Republic of Congo)"
    # a bundle whose base is written without the article still gives its period
    assert render("Military Forces of {country} ({period})", "CD", 2020)[0] == \
        "Military Forces of the Democratic Republic of Congo (2019-)"


def test_the_exports_close_a_period_that_has_ended() -> None:
    assert period_name("Police Forces of Ghana (2017-)", date(2021, 5, 14)) == "Police Forces of Ghana (2017-2025)"
    assert period_name("Police Forces of the United Kingdom (2019-)", date(2020, 1, 1)) == \
        "Police Forces of the United Kingdom (2019-2022)"


@pytest.mark.parametrize(("iso2", "year", "name"), [
    ("CN", 2022, "Police Forces of China (2012-)"),
    ("VN", 2023, "Police Forces of Vietnam (2016-)"),
    ("RS", 2024, "Police Forces of Serbia (2017-)"),
    ("TJ", 2022, "Police Forces of Tajikistan (1994-)"),
    ("TM", 2023, "Police Forces of Turkmenistan (2022-)"),
    ("TM", 2019, "Police Forces of Turkmenistan (2007-)"),     # the earlier period, as notes of its time wrote it
    ("TL", 2024, "Police Forces of East Timor (2023-)"),
    ("LA", 2022, "Police Forces of Laos (2021-)"),
    ("MN", 2023, "Police Forces of Mongolia (2021-)"),
])
def test_states_that_had_no_period_row_get_one(iso2: str, year: int, name: str) -> None:
    # session 21: these states' forces were written with no period at all ("Police Forces of China")
    assert render("Police Forces of {country} ({period})", iso2, year)[0] == name
    assert render("Military Forces of {country} ({period})", iso2, year)[0] == name.replace("Police", "Military")


def test_a_note_in_a_state_that_had_no_period_row_names_its_police_with_one() -> None:
    note = ("On 4 June 2023, police in Dushanbe, Tajikistan, detained a blogger who had filmed queues at a bakery.")
    assert "Police Forces of Tajikistan (1994-)" in _actors(note)
