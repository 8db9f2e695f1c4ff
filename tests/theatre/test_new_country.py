"""Adding a country is adding data: an invented country's bundle in a temporary folder, named by
$WARLEDGER_THEATRES, is read, and a report from it gets its country, its actors and its places, with no code
change."""
from __future__ import annotations

from pathlib import Path

import pytest

from warledger.geocode import load_geocoder
from warledger.geocode.gazetteer import build_index
from warledger.pipeline import process
from warledger.record import Report

SOURCE = "# source: invented for a test of warledger; no real place or group\n"


def _write(folder: Path, name: str, body: str) -> None:
    (folder / name).write_text(SOURCE + body, encoding="utf-8")


@pytest.fixture()
def veloria(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    b = tmp_path / "bundles" / "XV"
    b.mkdir(parents=True)
    _write(b, "theatre.tsv", "iso2\tXV\niso3\tXVL\nname\tVeloria\nnames\tVeloria|Republic of Veloria\n"
                             "demonyms\tVelorian|Velorians\nadmin1\tcanton\n")
    _write(b, "admin.tsv",
           "admin1\tNorth Marrow\tNorth Marrow\t\t10.50\t20.50\t\tNorthmarrow|Marrow Nord\n"
           "admin1\tSouth Quell\tSouth Quell\t\t9.50\t20.90\t\tQuell\n")
    _write(b, "actors.tsv",
           "name\tfaction\tfamily\tkind\tpattern\n"
           "Crimson Hand Movement\tCrimson Hand\tcrimson\tarmed\tcrimson\\s+hand(?:\\s+movement)?|(?-i:CHM)\n")
    _write(b, "actor_periods.tsv",
           "country\tbase\tstart_year\tend_year\tacled_name\n"
           "Veloria\tMilitary Forces of Veloria\t2011\t\tMilitary Forces of Veloria (2011-)\n")
    monkeypatch.setenv("WARLEDGER_THEATRES", str(tmp_path / "bundles"))
    # the towns of the country, as a user's gazetteer (a places TSV with a country column)
    towns = tmp_path / "towns.tsv"
    towns.write_text("name\tlatitude\tlongitude\tadmin1\tadmin2\tadmin3\tkind\tsource\tcountry\n"
                     "Ostrel\t10.61\t20.44\tNorth Marrow\t\t\tplace\ttest\tXV\n"
                     "Brennick\t9.42\t20.95\tSouth Quell\t\t\tplace\ttest\tXV\n", encoding="utf-8")
    out = tmp_path / "veloria.sqlite"
    build_index([str(towns)], str(out), include_cities=False)
    return out


def test_a_new_country_is_data_only(veloria: Path) -> None:
    text = ("On 3 March 2021, fighters of the Crimson Hand clashed with Velorian soldiers in Ostrel village in "
            "North Marrow canton, killing 2 soldiers.")
    report = process(Report(id="v1", text=text), load_geocoder(str(veloria)))
    assert report.country == "XV"
    inc = next(i for i in report.incidents if i.kind == "incident")
    assert inc.place.country == "Veloria"
    assert inc.place.location == "Ostrel" and inc.place.admin1 == "North Marrow"
    assert abs((inc.place.latitude or 0) - 10.61) < 0.01
    assert {inc.actor1, inc.actor2} == {"Crimson Hand Movement", "Military Forces of Veloria (2011-)"}


def test_the_new_country_does_not_leak_into_others(veloria: Path) -> None:
    text = "On 3 March 2021, unknown gunmen shot a man in Brennick in South Quell."
    report = process(Report(id="v2", text=text), load_geocoder(str(veloria)))
    inc = report.incidents[0]
    assert report.country == "XV" and inc.place.admin1 == "South Quell"
    assert inc.actor1 == "Unidentified Armed Group (Veloria)"
