"""The per-country geocoding tables cached on disk (warledger/geocode/tables.py): loaded from the cache they equal
freshly built ones and give the same answers, and a rebuilt index (or changed code) builds them again."""
from __future__ import annotations

import array
import os
import time
from pathlib import Path
from typing import Iterator

import pytest

from warledger import lexcache
from warledger.geocode import Geocoder
from warledger.geocode import tables as T
from warledger.geocode.gazetteer import build_index, load_index
from warledger.geocode.resolve import Resolution, Resolver, name_tables, place_cells

HEADER = "name\tlatitude\tlongitude\tadmin1\tadmin2\tadmin3\tkind\tsource\talternates\n"
# invented villages (names and points made up for this test)
ROWS = ["Zarvel Tahta\t35.71\t36.52\tIdlib\tAl Mara\tKafr Nobol\tplace\ttest\tZarfel",
        "Tal Quorrin\t35.74\t36.55\tIdlib\tAl Mara\tKafr Nobol\tplace\ttest\t",
        "Mazraat Bellun\t35.69\t36.58\tIdlib\tAl Mara\tKafr Nobol\tplace\ttest\t"]
PHRASES = ["Zarvel Tahta", "Zarfil village in Idlib", "Quorrin", "Bellun farms", "Zarvell", "the town of Idlib",
           "southern countryside of Idlib", "Maarrat al-Numan", "Dar Kabira", "Tell Safra close to Harim"]


@pytest.fixture()
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty user cache (the gazetteer indexes of the tests are built into their own folders)."""
    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(T.ENV_OFF, raising=False)
    yield tmp_path / "cache" / "warledger" / "tables"


def _index(folder: Path, rows: list[str]) -> str:
    src = folder / "villages.tsv"
    src.write_text("# invented villages for a test of the table cache\n" + HEADER + "\n".join(rows) + "\n",
                   encoding="utf-8")
    out = folder / "villages.sqlite"
    build_index([str(src)], str(out), include_cities=False)
    return str(out)


def _plain(fields: tuple[object, ...]) -> tuple[object, ...]:
    """The fields with a loaded array as the list it stands for."""
    return tuple(list(f) if isinstance(f, array.array) else f for f in fields)


def _answers(geo: Geocoder) -> list[Resolution]:
    return [geo.resolution(p) for p in PHRASES] + [geo.resolution(p, "Idlib") for p in PHRASES]


def test_cached_tables_equal_fresh_ones_and_give_the_same_answers(own_cache: Path, fixture_index: Path) -> None:
    path = str(fixture_index)
    fresh = load_index(path, ["SY"])
    built0, loaded0 = T.STATS["built"], T.STATS["loaded"]
    first = T.CountryTables(path, "SY")
    Geocoder(first.gazetteer(), "SY", first).resolver._near_keys(None)
    assert T.STATS["built"] == built0 + 3 and T.STATS["loaded"] == loaded0  # places, name tables, fuzzy keys
    assert len(list(own_cache.glob("*.marshal"))) == 3

    again = T.CountryTables(path, "SY")  # as a new process would: everything from the files
    cached = again.gazetteer()
    geo = Geocoder(cached, "SY", again)
    assert T.STATS["built"] == built0 + 3 and T.STATS["loaded"] == loaded0 + 2
    assert _plain(T.gazetteer_fields(cached)) == T.gazetteer_fields(fresh)
    assert (geo.resolver.units, geo.resolver._unprefixed, geo.resolver.airbases) == name_tables(fresh)
    plain = Geocoder(fresh, "SY")
    assert geo.resolver._near_keys(None) == plain.resolver._near_keys(None)
    assert _answers(geo) == _answers(plain)
    assert geo.resolver._cells == place_cells(fresh)
    assert any(r.latitude is not None for r in _answers(geo))  # the phrases do resolve: the comparison says something


def test_a_cached_gazetteer_loads_its_numbers_as_arrays_of_the_same_values(own_cache: Path, tmp_path: Path) -> None:
    path = _index(tmp_path, ROWS)
    fresh = load_index(path, ["SY"])
    T.CountryTables(path, "SY").gazetteer()  # builds and writes the file
    cached = T.CountryTables(path, "SY").gazetteer()  # as a new process would: loaded
    for name in ("lat", "lon", "population"):
        got, want = getattr(cached, name), getattr(fresh, name)
        assert isinstance(got, array.array), name  # one array, not a Python object per place
        assert list(got) == want and [type(v) for v in got] == [type(v) for v in want], name
    assert cached.lat[1] == 35.71 and cached.population[0] == 0


def test_a_cached_gazetteer_decodes_only_the_chunks_of_names_asked_for(own_cache: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(T, "CHUNK", 2)
    path = _index(tmp_path, ROWS)
    fresh = load_index(path, ["SY"])
    T.CountryTables(path, "SY").gazetteer()
    cached = T.CountryTables(path, "SY").gazetteer()
    names = cached.names
    assert isinstance(names, T.LazyStrings) and isinstance(cached.folded, T.LazyStrings)
    assert names[3] == fresh.names[3] and names._chunks[0] is None  # only the chunk of place 3 was decoded
    assert names[-1] == fresh.names[-1] and len(names) == len(fresh.names) > 4
    assert names[1:3] == fresh.names[1:3] and list(names) == fresh.names and names == fresh.names
    assert cached.folded == fresh.folded and cached.folded != fresh.folded[:2]
    with pytest.raises(IndexError):
        names[len(fresh.names)]


def test_numbers_an_array_cannot_hold_stay_a_list() -> None:
    assert T.unpacked_numbers(T.packed_numbers([0.0, None, 1.5], "d", float), "d") == [0.0, None, 1.5]
    assert T.unpacked_numbers(T.packed_numbers([0, 2**70], "q", int), "q") == [0, 2**70]
    assert T.unpacked_numbers(T.packed_numbers([0, 1.0], "q", int), "q") == [0, 1.0]
    assert list(T.unpacked_numbers(T.packed_numbers([0, 7], "q", int), "q")) == [0, 7]


def test_a_rebuilt_index_builds_its_tables_again(own_cache: Path, tmp_path: Path) -> None:
    path = _index(tmp_path, ROWS[:2])
    assert "Mazraat Bellun" not in T.CountryTables(path, "SY").gazetteer().names
    assert "Mazraat Bellun" not in T.CountryTables(path, "SY").gazetteer().names  # from the cache
    old = list(own_cache.glob("*-gazetteer-*.marshal"))
    assert len(old) == 1

    _index(tmp_path, ROWS)  # the same path, one village more
    built = T.STATS["built"]
    tables = T.CountryTables(path, "SY")
    assert "Mazraat Bellun" in tables.gazetteer().names
    assert T.STATS["built"] == built + 1
    assert Geocoder(tables.gazetteer(), "SY", tables).resolution("Bellun farms").location == "Mazraat Bellun"
    now = list(own_cache.glob("*-gazetteer-*.marshal"))
    assert len(now) == 2 and old[0] in now  # the other stamp's file is kept while it was used this week

    week_ago = time.time() - lexcache.KEEP_UNUSED_SECONDS - 60
    os.utime(old[0], (week_ago, week_ago))
    _index(tmp_path, ROWS[1:])  # rebuilt again: a file unused for a week goes
    assert "Zarvel Tahta" not in T.CountryTables(path, "SY").gazetteer().names
    assert not old[0].exists() and len(list(own_cache.glob("*-gazetteer-*.marshal"))) == 2


def test_changed_code_builds_the_tables_again(own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _index(tmp_path, ROWS)
    T.CountryTables(path, "SY").gazetteer()
    built = T.STATS["built"]
    T.CountryTables(path, "SY").gazetteer()
    assert T.STATS["built"] == built
    monkeypatch.setattr(T, "TABLES_VERSION", T.TABLES_VERSION + "-changed")
    T.code_stamp.cache_clear()
    try:
        T.CountryTables(path, "SY").gazetteer()
        assert T.STATS["built"] == built + 1
    finally:
        monkeypatch.undo()
        T.code_stamp.cache_clear()


def test_the_cache_can_be_switched_off(own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _index(tmp_path, ROWS)
    monkeypatch.setenv(T.ENV_OFF, "off")
    tables = T.CountryTables(path, "SY")
    assert "Zarvel Tahta" in tables.gazetteer().names
    assert Resolver(tables.gazetteer(), "SY", tables).units
    assert not own_cache.exists() or not list(own_cache.iterdir())


def test_a_lazy_map_reads_as_the_plain_map() -> None:
    plain = {"zrvl": [(1, "zarvel tahta"), (2, "zarfel")], "qrn": [(3, "tal quorrin")], "blln": []}
    lazy = T.LazyMap(T.packed(plain))
    assert dict.__len__(lazy) == 0  # nothing decoded yet
    assert lazy.get("zrvl") == plain["zrvl"] and lazy.get("nope") is None and lazy.get("nope", ()) == ()
    assert lazy["qrn"] == plain["qrn"] and lazy == plain and plain == lazy and T.LazyMap(T.packed(plain)) == lazy
    assert dict(lazy.items()) == plain and list(lazy.values()) == list(plain.values()) and list(lazy) == list(plain)
    with pytest.raises(KeyError):
        lazy["nope"]
    assert lazy != {**plain, "qrn": []}


def test_a_lazy_map_decodes_only_the_bucket_asked_for_and_keeps_the_plain_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(T, "BUCKET_SIZE", 4)
    plain = {f"k{n * 7919 % 1000:03d}": [(n, f"place {n}")] for n in range(200)}  # an order that is not sorted
    packed = T.packed(plain)
    assert len(packed) == 3 and len(packed[1]) == 50 * 8  # the keys in order, 200 / 4 buckets' ends, one blob of them
    lazy = T.LazyMap(packed)
    key = next(iter(plain))
    assert key in lazy and "nope" not in lazy and lazy[key] == plain[key]
    assert 0 < dict.__len__(lazy) < 40  # one bucket decoded, not the map
    assert len(lazy) == 200 and list(lazy) == list(plain) and list(lazy.keys()) == list(plain.keys())
    assert list(T.LazyMap(packed).items()) == list(plain.items())  # the plain map's order, whatever was asked first
    fresh = T.LazyMap(packed)
    assert [fresh.get(k) for k in reversed(plain)] == list(reversed(list(plain.values())))
    assert list(fresh) == list(plain) and fresh == plain
    with pytest.raises(TypeError, match="keys must be strings"):
        T.packed({(1, 2): 3})  # type: ignore[dict-item]
