"""Gazetteer sources: each reader turns one file into :class:`Entry` records.

Supported (detected from the file's contents, not only its name):

* ``geonames`` – a GeoNames dump (``SY.txt``, ``allCountries.txt`` or their ``.zip``): 19 tab-separated
  columns, alternate names included (only Latin and Arabic spellings are kept).
* ``places`` – a TSV with a header ``name latitude longitude admin1 admin2 admin3 kind source``.
* ``ocha`` – OCHA COD admin boundaries as GeoJSON (``admN_name``, ``admN_name1`` Arabic, ``admN_ref_n``,
  ``center_lat``/``center_lon``); polygons are kept to fill admin units of other sources' points.
* ``ocha_points`` – OCHA's admin capitals / label points CSV (``name``, ``name1`` Arabic, ``admN_name``,
  ``lat``/``lon`` or ``y_coord``/``x_coord``).
* ``acled`` – an ACLED CSV export (``location, admin1, admin2, admin3, latitude, longitude``).
* ``index`` – a SQLite index built by ``warledger gazetteer build``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator, Optional

from warledger.errors import GazetteerError

FORMATS = ("geonames", "places", "ocha", "ocha_points", "acled", "index")
_LATIN_OR_ARABIC = re.compile(r"^[\sA-Za-z\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff'’‘`ʿʾ\-.,()0-9]+$")


@dataclass(slots=True)
class Entry:
    """One gazetteer place as a source gives it."""

    name: str
    latitude: float
    longitude: float
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    admin3: Optional[str] = None
    kind: str = "place"      # place | admin1 | admin2 | admin3 | region | spot
    population: int = 0
    country: Optional[str] = None
    source: str = ""
    alternates: list[str] = field(default_factory=list)
    admin1_code: Optional[str] = None  # GeoNames admin1 code, mapped to a name when building


@dataclass(slots=True)
class Polygon:
    """An admin unit's outline (outer rings only), for point-in-polygon admin filling."""

    level: int
    admin1: Optional[str]
    admin2: Optional[str]
    admin3: Optional[str]
    bbox: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat
    rings: list[list[tuple[float, float]]]   # (lon, lat)

    def contains(self, lat: float, lon: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            return False
        inside = False
        for ring in self.rings:
            n = len(ring)
            j = n - 1
            for i in range(n):
                xi, yi = ring[i]
                xj, yj = ring[j]
                if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / ((yj - yi) or 1e-12) + xi:
                    inside = not inside
                j = i
        return inside


def _fnum(value: str, path: str, line: int) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise GazetteerError(f"{path} line {line}: {value!r} is not a number (latitude/longitude expected)") from None


def detect(path: str) -> str:
    """The format of a gazetteer source file (see the module docstring)."""
    p = Path(path)
    if not p.is_file():
        raise GazetteerError(f"gazetteer {path} not found: give a GeoNames dump, a places TSV, OCHA GeoJSON, "
                             f"an ACLED CSV or an index built by 'warledger gazetteer build'")
    with open(p, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"SQLite format 3\x00"):
        return "index"
    if head.startswith(b"PK"):
        return "geonames"
    text = head.decode("utf-8", "replace").lstrip("\ufeff")
    if text.lstrip().startswith("{"):
        return "ocha"
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    first = lines[0] if lines else ""
    cols = [c.strip().lower() for c in first.split("\t")]
    if {"name", "latitude", "longitude"} <= set(cols):
        return "places"
    ccols = [c.strip().strip('"').lower() for c in first.split(",")]
    if {"location", "latitude", "longitude"} <= set(ccols):
        return "acled"
    if "name" in ccols and ({"lat", "lon"} <= set(ccols) or {"x_coord", "y_coord"} <= set(ccols)):
        return "ocha_points"
    if len(cols) == 19 or (len(cols) >= 18 and cols[0].isdigit()):
        return "geonames"
    raise GazetteerError(f"{path}: not a recognised gazetteer (expected GeoNames' 19 tab-separated columns, a TSV "
                         f"with name/latitude/longitude columns, OCHA GeoJSON, an ACLED CSV or a warledger index)")


def read_source(path: str, fmt: Optional[str] = None, polygons: Optional[list[Polygon]] = None,
                country: Optional[str] = None) -> Iterator[Entry]:
    """Entries of one source file; OCHA outlines are appended to ``polygons`` when given."""
    fmt = fmt or detect(path)
    if fmt == "geonames":
        yield from read_geonames(path, country=country)
    elif fmt == "places":
        yield from read_places_tsv(path)
    elif fmt == "ocha":
        yield from read_ocha(path, polygons)
    elif fmt == "acled":
        yield from read_acled(path)
    elif fmt == "ocha_points":
        yield from read_ocha_points(path)
    else:
        raise GazetteerError(f"{path}: format {fmt!r} cannot be read as a source (one of {', '.join(FORMATS[:-1])})")


# ---------------------------------------------------------------- GeoNames
def _open_geonames(path: str) -> tuple[IO[str], Optional[zipfile.ZipFile]]:
    if zipfile.is_zipfile(path):
        zf = zipfile.ZipFile(path)
        names = [n for n in zf.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
        if not names:
            raise GazetteerError(f"{path}: zip holds no GeoNames .txt dump")
        return io.TextIOWrapper(zf.open(names[0]), encoding="utf-8"), zf
    return open(path, encoding="utf-8"), None


_GN_KIND = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3"}


def read_geonames(path: str, country: Optional[str] = None) -> Iterator[Entry]:
    f, zf = _open_geonames(path)
    try:
        for n, line in enumerate(f, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                if line.strip() and not line.startswith("#"):
                    raise GazetteerError(f"{path} line {n}: {len(cols)} columns where a GeoNames dump has 19")
                continue
            fclass, fcode, cc = cols[6], cols[7], cols[8]
            if country and cc != country:
                continue
            if fclass == "P":
                kind = "place"
            elif fclass == "A":
                kind = _GN_KIND.get(fcode, "region")
            elif fclass in ("L", "T"):
                kind = "region"
            else:
                kind = "spot"
            alts = [a for a in cols[3].split(",") if a and len(a) < 60 and _LATIN_OR_ARABIC.match(a)]
            if cols[2] and cols[2] != cols[1]:
                alts.append(cols[2])
            try:
                pop = int(cols[14] or 0)
            except ValueError:
                pop = 0
            yield Entry(name=cols[1], latitude=_fnum(cols[4], path, n), longitude=_fnum(cols[5], path, n),
                        kind=kind, population=pop, country=cc or None, source="GeoNames",
                        alternates=alts[:40], admin1_code=cols[10] or None)
    finally:
        f.close()
        if zf is not None:
            zf.close()


# ---------------------------------------------------------------- places TSV
def read_places_tsv(path: str) -> Iterator[Entry]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t",
                                quoting=csv.QUOTE_NONE)
        for n, row in enumerate(reader, 2):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            kind = (row.get("kind") or "place").strip()
            kind = {"national capital": "place", "admin1 capital": "place", "admin2 capital": "place",
                    "admin3 capital": "place"}.get(kind, kind)
            pop = 1000 if "capital" in (row.get("kind") or "") else 0
            alts = [a for a in (row.get("alternates") or "").split("|") if a]
            yield Entry(name=name, latitude=_fnum(row.get("latitude", ""), path, n),
                        longitude=_fnum(row.get("longitude", ""), path, n),
                        admin1=(row.get("admin1") or "").strip() or None,
                        admin2=(row.get("admin2") or "").strip() or None,
                        admin3=(row.get("admin3") or "").strip() or None,
                        kind=kind, population=pop, country=(row.get("country") or "").strip() or None,
                        source=(row.get("source") or "places TSV").strip(), alternates=alts)


# ---------------------------------------------------------------- OCHA GeoJSON
def _rings(geom: dict[str, Any]) -> list[list[tuple[float, float]]]:
    t, coords = geom.get("type"), geom.get("coordinates") or []
    polys = [coords] if t == "Polygon" else coords if t == "MultiPolygon" else []
    return [[(float(x), float(y)) for x, y, *_ in poly[0]] for poly in polys if poly]


def read_ocha(path: str, polygons: Optional[list[Polygon]] = None) -> Iterator[Entry]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except ValueError as exc:
        raise GazetteerError(f"{path}: not valid GeoJSON ({exc})") from None
    for i, feat in enumerate(data.get("features") or []):
        props = feat.get("properties") or {}
        level = max((k for k in range(4) if props.get(f"adm{k}_name")), default=-1)
        if level < 1:
            continue
        names = [props.get(f"adm{k}_name") or None for k in range(4)]
        rings = _rings(feat.get("geometry") or {})
        if polygons is not None and rings:
            xs = [x for r in rings for x, _ in r]
            ys = [y for r in rings for _, y in r]
            polygons.append(Polygon(level, names[1], names[2] if level >= 2 else None,
                                    names[3] if level >= 3 else None, (min(xs), min(ys), max(xs), max(ys)), rings))
        lat, lon = props.get("center_lat"), props.get("center_lon")
        if lat is None or lon is None:
            if not rings:
                continue
            pts = rings[0]
            lon = sum(x for x, _ in pts) / len(pts)
            lat = sum(y for _, y in pts) / len(pts)
        alts = [props.get(f"adm{level}_{k}") for k in ("name1", "name2", "name3", "ref_n")]
        yield Entry(name=names[level] or "", latitude=float(lat), longitude=float(lon),
                    admin1=names[1], admin2=names[2] if level >= 2 else None, admin3=names[3] if level >= 3 else None,
                    kind=f"admin{level}", country=props.get("adm0_pcode") or None, source="OCHA COD-AB",
                    alternates=[a for a in alts if a])


# ---------------------------------------------------------------- ACLED export
def read_acled(path: str) -> Iterator[Entry]:
    seen: set[tuple[str, str]] = set()
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        for n, row in enumerate(reader, 2):
            loc = (row.get("location") or "").strip()
            if not loc:
                continue
            key = (loc, row.get("admin1") or "")
            if key in seen:
                continue
            seen.add(key)
            yield Entry(name=loc, latitude=_fnum(row.get("latitude", ""), path, n),
                        longitude=_fnum(row.get("longitude", ""), path, n),
                        admin1=(row.get("admin1") or "").strip() or None,
                        admin2=(row.get("admin2") or "").strip() or None,
                        admin3=(row.get("admin3") or "").strip() or None,
                        country=(row.get("iso3") or row.get("country") or "").strip() or None, source="ACLED")


# ---------------------------------------------------------------- OCHA capitals / label points CSV
def read_ocha_points(path: str) -> Iterator[Entry]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), 2):
            name = (row.get("name") or "").strip()
            if not name:
                continue
            lat = row.get("lat") or row.get("y_coord") or ""
            lon = row.get("lon") or row.get("x_coord") or ""
            level = (row.get("admin_leve") or row.get("adm_p_lvl") or "").strip()
            capital = "adm_p_lvl" in row  # the capitals file: every row is a town
            kind = "place" if capital or level in ("", "4") else {"0": "region", "1": "admin1", "2": "admin2",
                                                                 "3": "admin3"}.get(level, "place")
            if kind == "region":
                continue  # the country itself
            alts = [a for a in (row.get("name1"), row.get("name2"), row.get("name3")) if a]
            yield Entry(name=name, latitude=_fnum(lat, path, n), longitude=_fnum(lon, path, n),
                        admin1=(row.get("adm1_name") or "").strip() or (name if kind == "admin1" else None),
                        admin2=(row.get("adm2_name") or "").strip() or (name if kind == "admin2" else None),
                        admin3=(row.get("adm3_name") or "").strip() or (name if kind == "admin3" else None),
                        kind=kind, population=1000 if capital else 0, country=(row.get("adm0_pcode") or "").strip() or None,
                        source="OCHA admin points", alternates=alts)
