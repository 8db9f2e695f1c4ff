"""State forces get ACLED's period for the record's year from the theatre's actor_periods.tsv."""
from __future__ import annotations

import pytest

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


def test_one_table_gives_extraction_the_written_name_and_the_exports_the_name_now() -> None:
    from datetime import date

    from warledger.export.naming import period_name
    written = render("Military Forces of {country} ({period})", "IQ", 2019)[0]
    assert written == "Military Forces of Iraq (2018-)"
    assert period_name(written, date(2019, 6, 1)) == "Military Forces of Iraq (2018-2020)"
    # the Houthi-led authorities are a government of their own: their forces keep their name in the exports
    spc = "Military Forces of Yemen (2016-) Supreme Political Council"
    assert period_name(spc, date(2020, 3, 1)) == spc
    assert period_name("Police Forces of Yemen (2016-) Supreme Political Council", date(2023, 3, 1)) == \
        "Police Forces of Yemen (2016-) Supreme Political Council"


def test_a_bundles_period_row_serves_extraction_and_export(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from warledger.export.naming import period_name
    b = tmp_path / "XV"
    b.mkdir()
    src = "# source: invented for a test of warledger; no real country\n"
    (b / "theatre.tsv").write_text(src + "iso2\tXV\niso3\tXVL\nname\tVeloria\n", encoding="utf-8")
    (b / "actor_periods.tsv").write_text(
        src + "country\tbase\tstart_year\tend_year\tacled_name\twritten\n"
        "Veloria\tMilitary Forces of Veloria\t2011-03-02\t2019-08-31\tMilitary Forces of Veloria (2011-2019)\t"
        "Military Forces of Veloria (2011-)\n"
        "Veloria\tMilitary Forces of Veloria\t2019-09-01\t\tMilitary Forces of Veloria (2019-)\n", encoding="utf-8")
    monkeypatch.setenv("WARLEDGER_THEATRES", str(tmp_path))
    assert render("Military Forces of {country} ({period})", "XV", 2015)[0] == "Military Forces of Veloria (2011-)"
    assert render("Military Forces of {country} ({period})", "XV", 2021)[0] == "Military Forces of Veloria (2019-)"
    assert period_name("Military Forces of Veloria (2011-)", date(2019, 5, 1)) == "Military Forces of Veloria (2011-2019)"
    assert period_name("Military Forces of Veloria (2011-)", date(2019, 9, 2)) == "Military Forces of Veloria (2019-)"


@pytest.mark.parametrize("name, iso2, year, expected", [
    # the United States' police: the base the template renders, ACLED's name with its article
    ("Police Forces of {country} ({period})", "US", 2026, "Police Forces of the United States (2025-)"),
    ("Police Forces of {country} ({period})", "US", 2023, "Police Forces of the United States (2021-2025)"),
    # states of the 2026-12-06 rows (general knowledge of their terms of office); a closed period is written as
    # a note of the time wrote it
    ("Police Forces of {country} ({period})", "NP", 2025, "Police Forces of Nepal (2024-)"),
    ("Military Forces of {country} ({period})", "AZ", 2023, "Military Forces of Azerbaijan (2003-)"),
    ("Military Forces of {country} ({period})", "AM", 2022, "Military Forces of Armenia (2018-)"),
    ("Police Forces of {country} ({period})", "EC", 2024, "Police Forces of Ecuador (2023-)"),
    ("Police Forces of {country} ({period})", "GT", 2025, "Police Forces of Guatemala (2024-)"),
])
def test_periods_of_states_with_no_bundle(name: str, iso2: str, year: int, expected: str) -> None:
    assert render(name, iso2, year)[0] == expected


def test_an_undated_note_names_state_forces_by_the_undated_notes_year() -> None:
    """A note with a day and month but no year, and no publication date: ACLED's older note style, so the
    state forces take the period of the bundles' undated year (2020: "(2018-)"), not the period open today;
    the date stays null and a problem says how the period was chosen."""
    from warledger import extract
    from warledger.theatre.actors import undated_year

    assert undated_year() == 2020
    text = "On Mar 14 two Iraqi soldiers were wounded by a roadside bomb near Tikrit in Salah al-Din province."
    inc = extract(text)[0]
    assert inc.event_date is None
    assert "Military Forces of Iraq (2018-)" in (inc.actor1, inc.actor2)
    assert any(p.startswith("W-ACTOR-PERIOD:") and "2020" in p for p in inc.problems)
    # a publication date gives the year: the period of that year, and no such problem
    inc = extract(text, published="2021-03-15")[0]
    assert "Military Forces of Iraq (2020-)" in (inc.actor1, inc.actor2)
    assert not any(p.startswith("W-ACTOR-PERIOD:") for p in inc.problems)


def test_an_extra_roots_undated_year_comes_first(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from warledger.theatre.actors import undated_year
    g = tmp_path / "global"
    g.mkdir()
    (g / "undated_period.tsv").write_text("# source: invented for a test of warledger\nyear\t2016\n", encoding="utf-8")
    monkeypatch.setenv("WARLEDGER_THEATRES", str(tmp_path))
    assert undated_year() == 2016  # an extra root's file comes first


def test_israels_forces_in_another_theatre_take_the_period_of_the_year() -> None:
    """Israel's forces in a Syrian note of 2020 are "(2009-)", the period then, not today's."""
    from warledger import extract
    inc = extract("On 9 March 2020 Israeli warplanes struck regime positions near Quneitra city in Syria.")[0]
    assert "Military Forces of Israel (2009-)" in (inc.actor1, inc.actor2)
    inc = extract("On 9 March 2024 Israeli warplanes struck regime positions near Quneitra city in Syria.")[0]
    assert "Military Forces of Israel (2022-)" in (inc.actor1, inc.actor2)
