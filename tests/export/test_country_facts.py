"""The country facts the ACLED and UCDP GED exports write (warledger/data/country_codes.tsv): the table's own
invariants, every name the ledger can carry resolves to a row, and rows of countries outside the Middle East
get ACLED's and GED's codes.  Ledger lines are written by hand (invented places, groups and numbers)."""
from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

from warledger.export import export
from warledger.export.common import COUNTRY_CODES_TSV, country_facts
from warledger.theatre.countries import COUNTRY_COLUMNS
from warledger.export.naming import _STATE
from warledger.theatre import table_rows, theatres
from warledger.theatre.actors import period_rows
from warledger.theatre.countries import geonames_countries

ACLED_REGIONS = {"Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
                 "Middle East", "Europe", "Caucasus and Central Asia", "South Asia", "Southeast Asia", "East Asia",
                 "North America", "Central America", "South America", "Caribbean", "Oceania"}
UCDP_REGIONS = {"Africa", "Americas", "Asia", "Europe", "Middle East"}


def table() -> list[dict[str, str]]:
    return [dict(zip(COUNTRY_COLUMNS, cols)) for _, cols in table_rows(COUNTRY_CODES_TSV, COUNTRY_COLUMNS)]


def test_names_aliases_and_codes_are_unique_and_well_formed() -> None:
    rows = table()
    assert len(rows) >= 190   # every independent state ACLED covers, and a few territories
    owner: dict[str, str] = {}
    for r in rows:
        keys = {k.strip().casefold() for k in [r["country"], r["iso3"], *r["aliases"].split(";")] if k.strip()}
        for k in keys:   # a name, alias or code must lead to one country only
            assert owner.setdefault(k, r["country"]) == r["country"], (k, owner[k], r["country"])
    for col in ("iso3", "iso", "gwno"):
        values = [r[col] for r in rows if r[col]]
        assert len(values) == len(set(values)), col
    for r in rows:
        assert re.fullmatch(r"[A-Z]{3}", r["iso3"]), r
        assert r["iso"] == "" or (r["iso"].isdigit() and 0 < int(r["iso"]) < 1000), r
        assert r["gwno"] == "" or (r["gwno"].isdigit() and 0 < int(r["gwno"]) < 1000), r
        assert r["acled_region"] in ACLED_REGIONS | {""}, r
        assert r["ucdp_region"] in UCDP_REGIONS | {""}, r
        assert r["ucdp_name"] != r["country"], r   # empty when GED spells it the same


def test_every_theatre_and_every_geonames_spelling_resolves() -> None:
    """The ledger's country is a theatre's ACLED name or, elsewhere, GeoNames' name (the geocoder's)."""
    for th in theatres().values():
        facts = country_facts(th.name)
        assert facts is not None and facts.name == th.name and facts.iso3 == th.iso3, th.name
    ours = {r["iso3"]: r["country"] for r in table()}
    missed = []
    for c in geonames_countries().values():
        if c.get("iso3") in ours:
            facts = country_facts(c["name"])
            if facts is None or facts.name != ours[c["iso3"]]:
                missed.append(c["name"])
    assert not missed
    assert set(ours) <= {c.get("iso3") for c in geonames_countries().values()}   # every row a GeoNames country


def test_every_state_the_actor_lexicons_name_has_facts() -> None:
    """GED's "Government of <country>" and gwnoa/gwnob come from the state an ACLED actor name names."""
    states = {m.group("state") for row in period_rows() if (m := _STATE.match(row.acled_name))}
    facts = {s: country_facts(s) for s in states}
    assert len(states) > 40 and not [s for s, f in facts.items() if f is None]
    assert not [s for s, f in facts.items() if f is not None and f.gwno is None and s != "Palestine"]   # no G&W number


@pytest.mark.parametrize("spelling, name", [
    ("DRC", "Democratic Republic of Congo"), ("Cote d'Ivoire", "Ivory Coast"), ("Burma", "Myanmar"),
    ("Swaziland", "eSwatini"), ("Czechia", "Czech Republic"), ("Republic of the Congo", "Republic of Congo"),
    ("Cabo Verde", "Cape Verde"), ("NGA", "Nigeria"),
])
def test_other_spellings_lead_to_acleds_name(spelling: str, name: str) -> None:
    facts = country_facts(spelling)
    assert facts is not None and facts.name == name


def test_acled_and_ucdp_regions_follow_their_own_conventions() -> None:
    def regions(name: str) -> tuple[Any, ...]:
        f = country_facts(name)
        assert f is not None
        return f.acled_region, f.ucdp_region
    assert regions("Mexico") == ("Central America", "Americas")
    assert regions("Sudan") == ("Northern Africa", "Africa")
    assert regions("Kazakhstan") == ("Caucasus and Central Asia", "Asia")
    assert regions("Armenia") == ("Caucasus and Central Asia", "Europe")
    assert regions("Turkey") == ("Middle East", "Europe")
    assert regions("Papua New Guinea") == ("Oceania", "Asia")


def line(n: int, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "incident_id": f"inc-{n:04x}9f8e7d6c5b4a30", "kind": "incident", "event_date": "2022-05-09",
        "date_range": ["2022-05-09", "2022-05-09"], "time_precision": 1, "event_type": "Violence against civilians",
        "sub_event_type": "Attack", "location": "Invented Ford", "admin1": None, "admin2": None, "admin3": None,
        "latitude": 9.5, "longitude": 8.25, "geo_precision": 2, "fatalities": 3,
        "killed": {"total": {"low": 3, "best": 3, "high": 3}}, "injured": {}, "killed_groups": [], "evidence": [],
        "problems": [], "reports": [f"r{n}"], "per_report": [{"report_id": f"r{n}", "source": "Invented Courier"}],
    }
    base.update(kw)
    return base


def rows(lines: list[dict[str, Any]], fmt: str) -> list[dict[str, str]]:
    buf = io.StringIO()
    export(lines, fmt, out=buf)
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


def test_a_nigerian_line_gets_acleds_codes() -> None:
    row = rows([line(1, country="Nigeria", actor1="Unidentified Armed Group (Nigeria)",
                     actor2="Civilians (Nigeria)")], "acled-csv")[0]
    assert (row["country"], row["iso"], row["region"]) == ("Nigeria", "566", "Western Africa")
    assert row["event_id_cnty"].startswith("NGA") and row["event_id_cnty"][3:].isdigit()


def test_a_dr_congo_line_gets_geds_codes() -> None:
    g = rows([line(1, country="Democratic Republic of Congo", actor1="Invented Hill Militia",
                   actor2="Civilians (Democratic Republic of Congo)", latitude=-1.5, longitude=29.1),
              line(2, country="DRC", event_type="Battles", sub_event_type="Armed clash",
                   actor1="Military Forces of Democratic Republic of Congo (2019-)", actor2="Invented Hill Militia",
                   latitude=-1.6, longitude=29.2)], "ucdp-csv")
    assert len(g) == 2
    for r in g:
        assert (r["country"], r["country_id"], r["region"]) == ("DR Congo (Zaire)", "490", "Africa")
    assert (g[1]["side_a"], g[1]["gwnoa"]) == ("Government of DR Congo (Zaire)", "490")


def test_every_ged_row_has_a_gleditsch_ward_country() -> None:
    # GED's country_id is always a G&W number: a place with none of its own (Palestine) is coded under the
    # state GED files its events under, named by the facts table's ged_state column
    g = rows([line(1, country="Palestine", actor1="Military Forces of Israel (2022-)", actor2="Civilians (Palestine)",
                   latitude=31.5, longitude=34.45),
              line(2, country="Kosovo", actor1="Invented Hill Militia", actor2="Civilians (Kosovo)",
                   latitude=42.6, longitude=21.1)], "ucdp-csv")
    assert [(r["country"], r["country_id"], r["region"]) for r in g] == [
        ("Israel", "666", "Middle East"), ("Kosovo", "347", "Europe")]
    assert g[0]["iso3"] == "PSE"   # HDX's iso3 stays the place's own
    states = {r["country"]: country_facts(r["ged_state"]) for r in table() if r["ged_state"]}
    assert {"Palestine", "Puerto Rico"} <= set(states)
    assert all(s is not None and s.gwno for s in states.values()), states
