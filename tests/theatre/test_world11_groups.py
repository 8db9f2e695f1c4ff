"""Named groups and state forces of countries ACLED codes many events in (the TD, CF, UG and ID bundles; the PKK
and Jaish al Adl in the global bundle), a capital that is a place and a foreign state's weapons.  The notes are
written for these tests (invented villages and wording; real countries and units)."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_report
from warledger.record import Incident, Report


def _records(text: str, country: Optional[str] = None) -> list[Incident]:
    report = extract_report(Report(id="t", text=text, country=country))
    incs = [i for i in report.incidents if isinstance(i, Incident) and i.kind == "incident"]
    assert incs, text
    return incs


def _actors(text: str, country: Optional[str] = None) -> set[str]:
    return {a for i in _records(text, country) for a in (i.actor1, i.actor2) if a}


@pytest.mark.parametrize("text,country,want", [
    ("On 4 May 2023, Boko Haram militants attacked a Chadian army post near the village of Kourmaye, Chad. "
     "3 fatalities.", "TD",
     {"Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Military Forces of Chad (2021-)"}),
    ("On 4 May 2023, 3R fighters clashed with FACA soldiers near the village of Bokoumba. 2 fatalities.", "CF",
     {"3R: Return, Reclamation, Rehabilitation", "Military Forces of the Central African Republic (2016-)"}),
    ("On 4 May 2023, anti-Balaka militiamen clashed with UPC rebels near the village of Ndoumbou. 2 fatalities.",
     "CF", {"Anti-Balaka", "UPC: Union for Peace in the Central African Republic"}),
    ("On 4 May 2023, armed Karimojong cattle raiders clashed with UPDF soldiers near the village of Lokwakal. "
     "2 fatalities.", "UG", {"Karimojong Ethnic Militia (Uganda)", "Military Forces of Uganda (1986-)"}),
    ("On 4 May 2023, ADF rebels clashed with UPDF soldiers near the village of Kinyamaseke. 2 fatalities.", "UG",
     {"ADF: Allied Democratic Forces", "Military Forces of Uganda (1986-)"}),
    ("On 4 May 2023, TPNPB rebels clashed with TNI soldiers near the village of Yugumuak. 2 fatalities.", "ID",
     {"TPNPB: West Papua National Liberation Army", "Military Forces of Indonesia (2014-)"}),
    ("On 4 May 2023, PKK militants clashed with Turkish soldiers near the village of Yesilkoy. 2 fatalities.", "TR",
     {"PKK: Kurdistan Workers Party", "Military Forces of Turkey (2016-)"}),
    ("On 4 May 2023, Jaish al-Adl militants clashed with Iranian soldiers near the village of Kalgan. "
     "2 fatalities.", "IR", {"Jaish al Adl", "Military Forces of Iran (1989-)"}),
])
def test_named_groups_of_countries_with_few_bundles(text: str, country: str, want: set[str]) -> None:
    assert _actors(text, country) == want


def test_a_capital_is_a_place_in_its_own_country() -> None:
    got = _actors("On 4 May 2023, police in Moscow detained a journalist accused of treason.", "RU")
    assert "Military Forces of Russia (2000-)" not in got and "Police Forces of Russia (2000-)" in got


def test_a_foreign_states_drone_names_its_forces() -> None:
    got = _actors("On 4 May 2024, a Ukrainian drone struck a fuel depot near the village of Sosnovka.", "RU")
    assert "Military Forces of Ukraine (2019-)" in got
