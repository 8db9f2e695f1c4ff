"""Flat exports: GeoJSON (RFC 7946), Parquet (typed columns) and JSON lines (the ledger as it is).

GeoJSON properties and Parquet rows share :data:`FLAT_COLUMNS`: no nested values, so QGIS, GDAL, DuckDB
and pandas read every column.  ``event_date`` is the date that stands for the incident (the middle of a
range, :func:`warledger.record.representative_date`); ``date_start``/``date_end`` keep the range.
``review_state`` and ``reviewed_fields`` say which values an analyst corrected (null when never reviewed).
"""
from __future__ import annotations

import json
from datetime import date
from typing import IO, Any, Iterable, Iterator, Optional, Union

from warledger.errors import InputError
from warledger.export.common import Rec, point, review_columns, sources, when

_COUNTS = ("total", "civilians", "children", "women", "men", "fighters")
FLAT_COLUMNS: tuple[str, ...] = (
    "incident_id", "event_date", "date_start", "date_end", "time_precision", "event_type", "sub_event_type",
    "weapon", "actor1", "actor2", "location", "place_phrase", "admin1", "admin2", "admin3", "country",
    "latitude", "longitude", "geo_precision", "where_prec", "strikes_low", "strikes_best", "strikes_high",
    *(f"{section}_{cat}_{part}" for section in ("killed", "injured") for cat in _COUNTS
      for part in ("low", "best", "high")),
    "fatalities", "n_reports", "reports", "sources", "damage", "problems", "review_state", "reviewed_fields",
)
INT_COLUMNS = frozenset(c for c in FLAT_COLUMNS if c.endswith(("_low", "_best", "_high"))) | {
    "time_precision", "geo_precision", "where_prec", "fatalities", "n_reports"}
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
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


def jsonl_pieces(incs: Iterable[Rec]) -> Iterator[str]:
    """The ledger lines as they are (``review_state`` and ``reviewed_fields`` included when present)."""
    for inc in incs:
        yield json.dumps(inc, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- Parquet

def _pyarrow() -> Any:
    try:
        import pyarrow  # noqa: F401
        import pyarrow.parquet  # noqa: F401
    except ImportError as exc:
        raise InputError("Parquet export needs pyarrow: pip install 'warledger[parquet]' "
                         "(or choose --format acled-csv, ucdp-csv, geojson or jsonl)") from exc
    return pyarrow


def parquet_schema() -> Any:
    pa = _pyarrow()
    fields = []
    for c in FLAT_COLUMNS:
        t = (pa.int64() if c in INT_COLUMNS else pa.float64() if c in FLOAT_COLUMNS
             else pa.date32() if c in DATE_COLUMNS else pa.string())
        fields.append(pa.field(c, t))
    return pa.schema(fields)


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
    return row


def write_parquet(incs: Iterable[Rec], path: Union[str, IO[bytes]], row_group: int = 10_000) -> int:
    """Flat columns (see :data:`FLAT_COLUMNS`) with explicit types, written in row groups to a path or a
    binary file object."""
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
