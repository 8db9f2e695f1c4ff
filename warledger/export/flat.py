"""Flat exports: GeoJSON (RFC 7946), Parquet (typed columns, GeoParquet points) and JSON lines (the ledger as it is).

GeoJSON properties and Parquet rows share :data:`FLAT_COLUMNS`: no nested values, so QGIS, GDAL, DuckDB
and pandas read every column.  ``event_date`` is the date that stands for the incident (the middle of a
range, :func:`warledger.record.representative_date`); ``date_start``/``date_end`` keep the range.
``review_state`` and ``reviewed_fields`` say which values an analyst corrected (null when never reviewed).
"""
from __future__ import annotations

import json
import math
import struct
from datetime import date
from typing import IO, Any, Iterable, Iterator, Optional, Union

from warledger.errors import InputError
from warledger.export.common import Rec, place_guess, point, review_columns, sources, when

_COUNTS = ("total", "civilians", "children", "women", "men", "fighters")
FLAT_COLUMNS: tuple[str, ...] = (
    "incident_id", "event_date", "date_start", "date_end", "time_precision", "event_type", "sub_event_type",
    "weapon", "actor1", "actor2", "location", "place_phrase", "admin1", "admin2", "admin3", "country",
    "latitude", "longitude", "geo_precision", "where_prec", "place_guess", "strikes_low", "strikes_best", "strikes_high",
    *(f"{section}_{cat}_{part}" for section in ("killed", "injured") for cat in _COUNTS
      for part in ("low", "best", "high")),
    "fatalities", "n_reports", "reports", "sources", "damage", "problems", "review_state", "reviewed_fields",
)
INT_COLUMNS = frozenset(c for c in FLAT_COLUMNS if c.endswith(("_low", "_best", "_high"))) | {
    "time_precision", "geo_precision", "where_prec", "fatalities", "n_reports"}
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
BOOL_COLUMNS = frozenset({"place_guess"})   # the map's dashed circle: the point is a guess (export.common.place_guess)
DATE_COLUMNS = frozenset({"event_date", "date_start", "date_end"})  # Parquet: date32 (ISO strings in GeoJSON)


def _num(r: Optional[dict[str, Any]], key: str) -> Optional[int]:
    return None if not r else r.get(key)


def flat_row(inc: Rec) -> dict[str, Any]:
    """One ledger line as flat columns (GeoJSON properties, Parquet rows)."""
    w = when(inc)
    row: dict[str, Any] = {k: inc.get(k) for k in (
        "incident_id", "event_type", "sub_event_type", "weapon", "actor1", "actor2",
        "location", "place_phrase", "admin1", "admin2", "admin3", "country", "latitude", "longitude",
        "geo_precision", "where_prec", "fatalities")}
    xy = point(inc)  # a NaN or off-the-globe value is no coordinate (RFC 7946 JSON has no NaN)
    row["longitude"], row["latitude"] = xy if xy is not None else (None, None)
    row["place_guess"] = place_guess(inc)
    row["event_date"] = w.day.isoformat() if w.day else None
    row["time_precision"] = w.precision
    row["date_start"] = w.start.isoformat() if w.start else None
    row["date_end"] = w.end.isoformat() if w.end else None
    for part in ("low", "best", "high"):
        row[f"strikes_{part}"] = _num(inc.get("strikes"), part)
        for section in ("killed", "injured"):
            for cat in _COUNTS:
                row[f"{section}_{cat}_{part}"] = _num((inc.get(section) or {}).get(cat), part)
    reps = inc.get("reports") or []
    row["n_reports"] = len(reps)
    row["reports"] = "; ".join(reps)
    row["sources"] = "; ".join(sources(inc))
    row["damage"] = "; ".join(f"{d.get('object')}: {d.get('effect')}" if d.get("effect") else str(d.get("object"))
                              for d in inc.get("damage") or [])
    row["problems"] = "; ".join(inc.get("problems") or [])
    row.update(review_columns(inc))
    return {c: row.get(c) for c in FLAT_COLUMNS}


# ---------------------------------------------------------------- GeoJSON, JSON lines

def geojson_pieces(incs: Iterable[Rec]) -> Iterator[str]:
    """RFC 7946 FeatureCollection: Point [longitude, latitude] (null geometry when not geocoded),
    flat properties, one feature per piece."""
    yield '{"type": "FeatureCollection", "features": [\n'
    first = True
    for inc in incs:
        xy = point(inc)
        geom = {"type": "Point", "coordinates": [round(xy[0], 6), round(xy[1], 6)]} if xy is not None else None
        feat = {"type": "Feature", "id": inc["incident_id"], "geometry": geom, "properties": flat_row(inc)}
        yield ("" if first else ",\n") + json.dumps(feat, ensure_ascii=False, allow_nan=False)
        first = False
    yield "\n]}\n"


def _json_value(v: Any) -> Any:
    return None if isinstance(v, float) and not math.isfinite(v) else v


def jsonl_pieces(incs: Iterable[Rec]) -> Iterator[str]:
    """The ledger lines as they are (``review_state`` and ``reviewed_fields`` included when present), each a line of
    standard JSON: a value JSON has no number for (NaN, infinite: a broken point) is null, never the ``NaN`` that
    Python writes and that strict readers (jq, JavaScript, DuckDB's read_json) refuse."""
    for inc in incs:
        yield json.dumps({k: _json_value(v) for k, v in inc.items()}, ensure_ascii=False, allow_nan=False) + "\n"


# ---------------------------------------------------------------- Parquet

def _pyarrow() -> Any:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise InputError("Parquet export needs pyarrow: pip install 'warledger[parquet]' "
                         "(or choose --format acled-csv, ucdp-csv, geojson or jsonl)") from exc
    return pyarrow


GEOMETRY = "geometry"   # Parquet's point, as GeoParquet encodes it (WKB), after the flat columns
# GeoParquet's file metadata (https://geoparquet.org, version 1.1.0): one primary geometry column of WKB points; no
# "crs" member, which GeoParquet reads as OGC:CRS84 (longitude, latitude on WGS 84, as GeoJSON)
GEO_METADATA = {"version": "1.1.0", "primary_column": GEOMETRY,
                "columns": {GEOMETRY: {"encoding": "WKB", "geometry_types": ["Point"]}}}


def _pandas_metadata() -> dict[str, Any]:
    """pandas' own schema metadata for the count and flag columns, so that ``pandas.read_parquet`` gives them its
    nullable types (``Int64``, ``boolean``) rather than floats or Python objects when a value is missing (a line with
    no point has no place_guess)."""
    nullable = [(c, "int64", "Int64") for c in FLAT_COLUMNS if c in INT_COLUMNS]
    nullable += [(c, "bool", "boolean") for c in FLAT_COLUMNS if c in BOOL_COLUMNS]
    return {"index_columns": [], "column_indexes": [],
            "columns": [{"name": c, "field_name": c, "pandas_type": t, "numpy_type": n, "metadata": None}
                        for c, t, n in nullable]}


def parquet_schema() -> Any:
    """The Parquet columns: :data:`FLAT_COLUMNS` with explicit types, then the WKB point; the GeoParquet and pandas
    metadata in the file's key-value metadata.  The same for an empty export as for a full one."""
    pa = _pyarrow()
    fields = []
    for c in FLAT_COLUMNS:
        t = (pa.int64() if c in INT_COLUMNS else pa.float64() if c in FLOAT_COLUMNS
             else pa.bool_() if c in BOOL_COLUMNS else pa.date32() if c in DATE_COLUMNS else pa.string())
        fields.append(pa.field(c, t))
    fields.append(pa.field(GEOMETRY, pa.binary()))
    return pa.schema(fields, metadata={b"geo": json.dumps(GEO_METADATA).encode("utf-8"),
                                       b"pandas": json.dumps(_pandas_metadata()).encode("utf-8")})


def wkb_point(lon: Optional[float], lat: Optional[float]) -> Optional[bytes]:
    """A point as well-known binary (little-endian, type 1: x = longitude, y = latitude); None without one."""
    return None if lon is None or lat is None else struct.pack("<BIdd", 1, 1, lon, lat)


def _chunks(it: Iterable[Rec], n: int) -> Iterator[list[Rec]]:
    buf: list[Rec] = []
    for x in it:
        buf.append(x)
        if len(buf) >= n:
            yield buf
            buf = []
    if buf:
        yield buf


def _typed_dates(row: dict[str, Any]) -> dict[str, Any]:
    for c in DATE_COLUMNS:
        row[c] = date.fromisoformat(row[c]) if row[c] else None
    row[GEOMETRY] = wkb_point(row["longitude"], row["latitude"])
    return row


def write_parquet(incs: Iterable[Rec], path: Union[str, IO[bytes]], row_group: int = 10_000) -> int:
    """Flat columns (see :data:`FLAT_COLUMNS`) with explicit types and a GeoParquet point column (QGIS, GDAL,
    geopandas and DuckDB's spatial extension read it as a layer), written in row groups to a path or a binary
    file object."""
    pa = _pyarrow()
    import pyarrow.parquet as pq
    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(path, schema) as w:
        wrote = False
        for chunk in _chunks((_typed_dates(flat_row(i)) for i in incs), row_group):
            w.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
            wrote = True
        if not wrote:
            w.write_table(pa.Table.from_pylist([], schema=schema))
    return n
