"""The index's ``name_rows`` table (warledger/geocode/gazetteer.py): ``places_named`` reads it instead of joining
``names`` to ``places`` and gives the very rows of the join, in its order; the spelling filter keeps exactly the
rows asked for; an index written before the table is still read (by the join); one connection per thread; and the
built-in world index is built again when an admin table or the building code changes."""
from __future__ import annotations

import random
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest

from warledger.geocode import gazetteer as G
from warledger.geocode.gazetteer import PlaceRow, build_index, places_named

SOURCE = "# source: invented for a test of warledger; no real place\n"
HEADER = "name\tlatitude\tlongitude\tadmin1\tadmin2\tadmin3\tkind\tsource\tcountry\talternates\n"
# invented towns: several share a skeleton key ("Qarvel", "Korvil", "Qarvil"), one spelling is two countries'; a
# capital's population is 1000 in a places TSV (see warledger/geocode/sources.py), any other's 0
ROWS = ["Qarvel\t10.1\t20.1\tNorth Marrow\t\t\tplace\ttest\tXV\tKorvil|Qarvil",
        "Korvil\t10.2\t20.2\tSouth Quell\t\t\tadmin1 capital\ttest\tXV\t",
        "Qarvil\t11.1\t21.1\tEast Ondra\t\t\tplace\ttest\tXW\tQar Vil",
        "Ostrel\t10.6\t20.4\tNorth Marrow\t\t\tplace\ttest\tXV\tOstrell",
        "Tal Ostrel\t10.7\t20.5\tNorth Marrow\t\t\tplace\ttest\tXV\t",
        "Brennick\t9.4\t20.9\tSouth Quell\t\t\tnational capital\ttest\tXV\tBrenik",
        "Brenik\t11.4\t21.9\tEast Ondra\t\t\tplace\ttest\tXW\t"]
JOIN = ("SELECT n.key, n.folded, p.country, p.population, p.kind, p.admin1, p.folded FROM names n JOIN places p "
        "ON p.id = n.place_id WHERE n.key IN (%s)")


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("names")
    src = folder / "towns.tsv"
    src.write_text(SOURCE + HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    out = folder / "towns.sqlite"
    build_index([str(src)], str(out), include_cities=False)
    return str(out)


@pytest.fixture(scope="module")
def old_index(index: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same index as written before ``name_rows``: its ``names`` indexed by key for the join."""
    old = tmp_path_factory.mktemp("old") / "old.sqlite"
    shutil.copy(index, old)
    con = sqlite3.connect(old)
    con.executescript("DROP TABLE name_rows; CREATE INDEX names_key ON names(key);")
    con.close()
    return str(old)


def _keys(path: str) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return sorted(k for (k,) in con.execute("SELECT DISTINCT key FROM names"))
    finally:
        con.close()


def _join(path: str, keys: list[str]) -> list[PlaceRow]:
    ks = sorted(set(keys))
    con = sqlite3.connect(path)
    try:
        return [tuple(r) for r in con.execute(JOIN % ",".join("?" * len(ks)), ks)]
    finally:
        con.close()


def test_the_table_gives_the_rows_of_the_join_in_its_order(index: str, old_index: str) -> None:
    con = sqlite3.connect(index)
    assert con.execute("SELECT count(*) FROM name_rows").fetchone() == con.execute("SELECT count(*) FROM names").fetchone()
    con.close()
    keys = _keys(index)
    assert len(keys) > 10
    rnd = random.Random(3)
    for size in (1, 2, 5, len(keys)):
        for _ in range(20):
            ks = rnd.sample(keys, min(size, len(keys))) + ["no-such-key"]
            assert places_named(index, ks) == _join(old_index, ks)


def test_the_spelling_filter_keeps_exactly_the_rows_asked_for(index: str) -> None:
    keys = _keys(index)
    rows = places_named(index, keys)
    for spellings, floor in ((["qarvil"], None), (["qarvil", "tallostrel"], None), (["brenik"], 1000),
                             ([], 1000), (["nothing"], None)):
        want = [r for r in rows if r[1].replace(" ", "") in spellings or (floor is not None and r[3] >= floor)]
        assert places_named(index, keys, spellings, floor) == want
    assert places_named(index, keys, ["qarvil"]) and places_named(index, keys, [], 1000)  # not vacuous
    assert len(places_named(index, keys, ["qarvil"])) < len(rows)


def test_an_index_written_before_the_table_is_read_by_the_join(index: str, old_index: str) -> None:
    keys = _keys(index)
    assert not G._reader(old_index)[1] and G._reader(index)[1]
    assert places_named(old_index, keys) == places_named(index, keys)
    assert places_named(old_index, keys, ["qarvil"], 1000) == places_named(index, keys, ["qarvil"], 1000)


def test_one_connection_per_thread(index: str) -> None:
    first = G._reader(index)[0]
    places_named(index, _keys(index))
    assert G._reader(index)[0] is first
    other: list[sqlite3.Connection] = []
    t = threading.Thread(target=lambda: other.append(G._reader(index)[0]))
    t.start()
    t.join()
    assert other and other[0] is not first


def test_the_world_index_is_built_again_when_an_admin_table_or_the_code_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_world_index_build: list[str]) -> None:
    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path / "cache"))
    built = fake_world_index_build
    first = G.builtin_index()
    assert G.builtin_index() == first and built == [first]
    bundle = tmp_path / "bundles" / "XV"
    bundle.mkdir(parents=True)
    (bundle / "theatre.tsv").write_text(SOURCE + "iso2\tXV\niso3\tXVL\nname\tVeloria\n", encoding="utf-8")
    (bundle / "admin.tsv").write_text(SOURCE + "admin1\tNorth Marrow\tNorth Marrow\t\t10.5\t20.5\t\t\n", encoding="utf-8")
    monkeypatch.setenv("WARLEDGER_THEATRES", str(tmp_path / "bundles"))
    second = G.builtin_index()
    assert second != first and built == [first, second]
    (bundle / "admin.tsv").write_text(SOURCE + "admin1\tNorth Marrow\tNorth Marrow\t\t10.5\t20.6\t\t\n", encoding="utf-8")
    third = G.builtin_index()
    assert third not in (first, second) and built == [first, second, third]
    code = tmp_path / "code"  # the building modules, one of them changed
    code.mkdir()
    for name in ("gazetteer.py", "normalize.py", "sources.py", "world_admin.py"):
        shutil.copy(Path(G.__file__).parent / name, code / name)
    with open(code / "normalize.py", "a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    monkeypatch.setattr(G, "__file__", str(code / "gazetteer.py"))
    fourth = G.builtin_index()
    assert fourth not in (first, second, third) and built[-1] == fourth
