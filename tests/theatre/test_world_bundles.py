"""The bundles of the countries beyond Syria, Iraq and Yemen: each country's state forces get ACLED's period for
the note's date, its named groups and acronyms their ACLED names, and none of it applies in another country.
The notes are written for these tests (invented villages, our own wording)."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_report
from warledger.record import Incident, Report
from warledger.theatre import data_lines, theatres
from warledger.theatre.actors import period_rows, render


def _actors(text: str, country: Optional[str] = None) -> set[str]:
    report = extract_report(Report(id="t", text=text, country=country))
    incs = [i for i in report.incidents if isinstance(i, Incident) and i.kind == "incident"]
    assert incs, text
    return {a for i in incs for a in (i.actor1, i.actor2) if a}


CASES = [
    # (note, the actors ACLED would name)
    ("On 12 March 2022, ISWAP fighters overran an army base near the village of Kolori in Borno state, Nigeria, "
     "killing 4 soldiers.",
     {"Islamic State (West Africa) - Lake Chad Faction", "Military Forces of Nigeria (2015-)"}),
    ("On 2 July 2024, Nigerian troops repelled Boko Haram fighters who attacked Kolori in Borno state, Nigeria. "
     "3 fatalities.",
     {"Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", "Military Forces of Nigeria (2023-)"}),
    ("On 3 March 2022, al-Shabaab militants ambushed SNA troops near the village of Dhuuxo in Somalia. "
     "3 fatalities.",
     {"Al Shabaab", "Military Forces of Somalia (2017-)"}),
    ("On 9 February 2022, the RSF clashed with the SAF in the village of Um Dabakir in Sudan. 2 fatalities.",
     {"Military Forces of Sudan (2019-) Rapid Support Forces", "Military Forces of Sudan (2019-)"}),
    ("On 20 June 2024, the RSF clashed with the SAF in the village of Um Dabakir in Sudan. 2 fatalities.",
     {"Rapid Support Forces", "Military Forces of Sudan (2019-)"}),
    ("On 14 April 2022, OLF-Shane fighters clashed with the ENDF near the village of Gada Buno in Ethiopia. "
     "5 fatalities.",
     {"OLF-Shane: Oromo Liberation Front-Shane", "Military Forces of Ethiopia (2018-)"}),
    ("On 21 May 2022, M23 rebels attacked FARDC soldiers near the village of Kishenge in the Democratic Republic "
     "of Congo. 6 fatalities.",
     {"M23: March 23 Movement", "Military Forces of the Democratic Republic of Congo (2019-)"}),
    ("On 10 March 2022, the Tatmadaw clashed with the PDF near the village of Ywathit in Myanmar. 4 fatalities.",
     {"Military Forces of Myanmar (2021-)", "PDF: People's Defense Force"}),
    ("On 15 January 2022, JNIM militants ambushed a FAMa patrol near the village of Tenkoro in Mali. 5 fatalities.",
     {"JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2021-)"}),
    ("On 9 May 2020, the Taliban attacked an ANA checkpoint in the village of Deh Sabz Kalan, Afghanistan. "
     "7 fatalities.",
     {"Taliban", "Military Forces of Afghanistan (2014-)"}),
    ("On 9 May 2022, NRF fighters clashed with Taliban forces in the village of Sangin Kalay, Afghanistan. "
     "7 fatalities.",
     {"NRF: National Resistance Front", "Military Forces of Afghanistan (2021-)"}),
    ("On 2 May 2020, NPA members clashed with the AFP near the village of San Isidro Alto in the Philippines. "
     "2 fatalities.",
     {"Military Forces of the Philippines (2016-)", "NPA: New People's Army"}),
    ("On 4 April 2022, Israeli forces shot and killed a young man during a raid near the village of Beit Qarun in "
     "the West Bank, Palestine. 1 fatality.",
     {"Military Forces of Israel (2021-)", "Civilians (Palestine)"}),
]


@pytest.mark.parametrize("text,want", CASES, ids=[c[0][c[0].index(",") + 2:][:24] for c in CASES])
def test_a_countrys_forces_groups_and_acronyms(text: str, want: set[str]) -> None:
    assert _actors(text) == want


def test_acronyms_of_one_country_do_not_fire_in_another() -> None:
    # "RSF" and "SAF" are Sudan's; "PDF" Myanmar's; in Yemen they name nobody ACLED knows
    note = "On 9 February 2022, the RSF clashed with the SAF near the village of Bayt Hadir. 2 fatalities."
    assert _actors(note, country="SD") == {"Military Forces of Sudan (2019-) Rapid Support Forces",
                                            "Military Forces of Sudan (2019-)"}
    got = _actors(note, country="YE")
    assert not any("Sudan" in a or "Rapid Support" in a for a in got)
    got = _actors("On 10 March 2022, fighters of the PDF clashed with the army near Bayt Hadir. 4 fatalities.",
                  country="YE")
    assert "PDF: People's Defense Force" not in got


def test_the_state_of_a_foreign_force_gives_its_period() -> None:
    # Israel's forces named in a report from Palestine take Israel's periods (not the report's country's)
    assert render("Military Forces of Israel ({period})", "PS", 2020)[0] == "Military Forces of Israel (2009-)"
    assert render("Military Forces of Israel ({period})", "PS", 2023)[0] == "Military Forces of Israel (2022-)"


def test_a_group_whose_name_changed_with_the_government() -> None:
    assert render("Taliban ({period})", "AF", 2020)[0] == "Taliban"
    assert render("Taliban ({period})", "AF", 2022)[0] == "Military Forces of Afghanistan (2021-)"
    assert render("Rapid Support Forces ({period})", "SD", 2016)[0] == \
        "Military Forces of Sudan (1989-) Rapid Support Forces"


def test_every_bundle_names_its_acled_country_and_its_periods_do_not_overlap() -> None:
    ths = theatres()
    for cc in ("UA", "MM", "SD", "NG", "SO", "ET", "CD", "ML", "BF", "NE", "CM", "AF", "PK", "IN", "MX", "CO", "BR",
               "IL", "PS", "SS", "MZ", "PH", "KE", "BD"):
        th = ths[cc]
        path = th.file("actors.tsv")
        assert path is not None and th.name
        assert all(len(cols) == 5 for _, cols in data_lines(path))
    by_base: dict[tuple[str, str], list[tuple[object, object]]] = {}
    for row in period_rows():
        by_base.setdefault((row.country, row.base), []).append((row.start, row.end))
    for key, spans in by_base.items():
        spans.sort(key=lambda s: s[0])  # type: ignore[arg-type,return-value]
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end is not None and end < start, f"{key}: periods overlap"  # type: ignore[operator]


def test_group_names_as_country_signals() -> None:
    from warledger.theatre.country import _group_weights

    def weights(text: str) -> dict[str, float]:
        return {cc: round(w, 2) for cc, w in _group_weights(text, 0, len(text)).items()}
    # a group several theatres' bundles name is a third of a sign for each of the three
    assert weights("JNIM fighters attacked a convoy.") == {"ML": 0.33, "BF": 0.33, "NE": 0.33}
    # words a group of the global bundle is read from name no one country, whichever bundle also reads them
    assert weights("The Islamic State claimed the attack.") == {}
    # a theatre's own group stays a full sign, though "<Name>i forces" has the shape of a demonym and a force
    assert weights("Houthi forces shelled a village.") == {"YE": 1.0}


def test_another_countrys_forces_named_by_their_demonym() -> None:
    # "Ethiopian troops" in Somalia: Ethiopia's forces, with Ethiopia's period (was the nameless "State Forces")
    got = _actors("On 3 March 2022, Ethiopian troops clashed with al-Shabaab near the village of Dhuuxo in Somalia. "
                  "2 fatalities.")
    assert got == {"Military Forces of Ethiopia (2018-)", "Al Shabaab"}
    assert render("Military Forces of Kenya ({period})", None, 2020) == ("Military Forces of Kenya (2013-)", None)
