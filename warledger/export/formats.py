"""Exports of the reconciled ledger: ACLED CSV, UCDP GED CSV, GeoJSON, Parquet and JSON lines.

Every writer takes an iterable of ledger lines (``Ledger.incidents()``) and streams it, so memory
stays flat (Parquet is written in row groups).  Unknown values stay empty; the ACLED ``fatalities``
column follows ACLED's own convention (0 when no figure is known, with the tag ``fatalities unknown``).
"""
from __future__ import annotations

import csv
import hashlib
import json
import time
from datetime import date
from typing import IO, Any, Iterable, Iterator, Optional

from warledger.record import range_value
from warledger.errors import InputError

Rec = dict[str, Any]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# UCDP GED's columns, in the order of its CSV release.
UCDP_COLUMNS: tuple[str, ...] = (
    "id", "year", "active_year", "start_year", "end_year", "type_of_violence", "conflict_new_id", "conflict_name",
    "dyad_new_id", "dyad_name", "side_a_new_id", "gwnoa", "side_a", "side_b_new_id", "gwnob", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline", "source_original",
    "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid",
    "country", "country_id", "iso3", "region", "event_clarity", "date_prec", "date_start", "date_end",
    "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best", "high",
)

# Country facts (ISO 3166 numeric and alpha-3, Gleditsch-Ward number, ACLED region): general knowledge.
COUNTRIES: dict[str, dict[str, Any]] = {
    "Syria": {"iso": 760, "iso3": "SYR", "gw": 652, "region": "Middle East"},
    "Iraq": {"iso": 368, "iso3": "IRQ", "gw": 645, "region": "Middle East"},
    "Turkey": {"iso": 792, "iso3": "TUR", "gw": 640, "region": "Europe"},
    "Lebanon": {"iso": 422, "iso3": "LBN", "gw": 660, "region": "Middle East"},
    "Jordan": {"iso": 400, "iso3": "JOR", "gw": 663, "region": "Middle East"},
}
DEFAULT_COUNTRY = "Syria"

DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}

FLAT_COLUMNS: tuple[str, ...] = (
    "incident_id", "event_date", "date_start", "date_end", "time_precision", "event_type", "sub_event_type",
    "weapon", "actor1", "actor2", "location", "place_phrase", "admin1", "admin2", "admin3", "country",
    "latitude", "longitude", "geo_precision", "where_prec", "strikes_low", "strikes_best", "strikes_high",
    "killed_total_low", "killed_total_best", "killed_total_high",
    "killed_civilians_low", "killed_civilians_best", "killed_civilians_high",
    "killed_children_low", "killed_children_best", "killed_children_high",
    "killed_women_low", "killed_women_best", "killed_women_high",
    "killed_men_low", "killed_men_best", "killed_men_high",
    "killed_fighters_low", "killed_fighters_best", "killed_fighters_high",
    "injured_total_low", "injured_total_best", "injured_total_high",
    "injured_civilians_low", "injured_civilians_best", "injured_civilians_high",
    "injured_children_low", "injured_children_best", "injured_children_high",
    "injured_women_low", "injured_women_best", "injured_women_high",
    "injured_men_low", "injured_men_best", "injured_men_high",
    "injured_fighters_low", "injured_fighters_best", "injured_fighters_high",
    "fatalities", "n_reports", "reports", "sources", "damage", "problems",
)
INT_COLUMNS = frozenset(c for c in FLAT_COLUMNS if c.endswith(("_low", "_best", "_high"))) | {
    "time_precision", "geo_precision", "where_prec", "fatalities", "n_reports"}
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})
FORMATS = ("acled-csv", "ucdp-csv", "geojson", "parquet", "jsonl")


# ---------------------------------------------------------------- helpers

def _num(r: Optional[dict[str, Any]], key: str) -> Optional[int]:
    return None if not r else r.get(key)


def _date(s: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _sources(inc: Rec) -> list[str]:
    return list(dict.fromkeys(h.get("source") for h in inc.get("per_report") or [] if h.get("source")))


def _country(inc: Rec) -> str:
    return inc.get("country") or DEFAULT_COUNTRY


def flat_row(inc: Rec) -> dict[str, Any]:
    """One ledger line as flat columns (GeoJSON properties, Parquet rows)."""
    rng = inc.get("date_range") or [None, None]
    row: dict[str, Any] = {k: inc.get(k) for k in (
        "incident_id", "event_date", "time_precision", "event_type", "sub_event_type", "weapon", "actor1", "actor2",
        "location", "place_phrase", "admin1", "admin2", "admin3", "country", "latitude", "longitude",
        "geo_precision", "where_prec", "fatalities")}
    row["date_start"], row["date_end"] = (rng[0] or inc.get("event_date"), rng[1] or inc.get("event_date"))
    for part in ("low", "best", "high"):
        row[f"strikes_{part}"] = _num(inc.get("strikes"), part)
        for section in ("killed", "injured"):
            for cat in ("total", "civilians", "children", "women", "men", "fighters"):
                row[f"{section}_{cat}_{part}"] = _num((inc.get(section) or {}).get(cat), part)
    reps = inc.get("reports") or []
    row["n_reports"] = len(reps)
    row["reports"] = "; ".join(reps)
    row["sources"] = "; ".join(_sources(inc))
    row["damage"] = "; ".join(f"{d.get('object')}: {d.get('effect')}" if d.get("effect") else str(d.get("object"))
                              for d in inc.get("damage") or [])
    row["problems"] = "; ".join(inc.get("problems") or [])
    return {c: row.get(c) for c in FLAT_COLUMNS}


# ---------------------------------------------------------------- ACLED

def inter_code(actor: Optional[str]) -> Optional[int]:
    """ACLED's numeric actor types: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
    5 rioters, 6 protesters, 7 civilians, 8 external/other forces."""
    if not actor:
        return None
    a = actor.lower()
    if a.startswith("civilians"):
        return 7
    if a.startswith("protesters"):
        return 6
    if a.startswith("rioters"):
        return 5
    if a.startswith(("military forces of", "police forces of")):
        return 1 if "syria" in a else 8
    if "militia" in a or a.startswith("unidentified"):
        return 3
    return 2


def interaction(i1: Optional[int], i2: Optional[int]) -> Optional[int]:
    if i1 is None:
        return None
    if i2 is None:
        return i1 * 10
    lo, hi = sorted((i1, i2))
    return lo * 10 + hi


def acled_event_id(inc: Rec) -> str:
    """A stable ACLED-style id: ISO alpha-3 plus digits derived from the incident id."""
    digits = int(hashlib.sha1(str(inc["incident_id"]).encode()).hexdigest()[:12], 16) % 10**10
    return f"{COUNTRIES.get(_country(inc), {}).get('iso3', 'XXX')}{digits}"


def generated_notes(inc: Rec) -> str:
    """ACLED-style notes written from the coded fields (never copied from a report)."""
    d = _date(inc.get("event_date"))
    when = f"On {d.day} {d.strftime('%B %Y')}" if d else "On an unknown date"
    who = inc.get("actor1") or "an unidentified actor"
    what = (inc.get("sub_event_type") or inc.get("event_type") or "event").lower()
    where = ", ".join(x for x in (inc.get("location") or inc.get("place_phrase"), inc.get("admin2"),
                                  inc.get("admin1")) if x) or "an unknown place"
    s = f"{when}, {who}: {what}"
    if inc.get("weapon"):
        s += f" ({inc['weapon']})"
    s += f" in {where}."
    k = inc.get("killed") or {}
    one = {"civilians": "civilian", "children": "child", "women": "woman", "fighters": "fighter"}
    parts = [f"{n} {one[c] if n == 1 else c}" for c in ("civilians", "children", "women", "fighters")
             if (n := range_value(k.get(c))) is not None]
    if inc.get("fatalities") is not None:
        s += f" {inc['fatalities']} killed" + (f" ({', '.join(parts)})" if parts else "") + "."
    inj = (inc.get("injured") or {}).get("total") or (inc.get("injured") or {}).get("civilians")
    if inj:
        s += f" {range_value(inj)} injured."
    for dmg in inc.get("damage") or []:
        s += f" {str(dmg.get('object')).capitalize()} {dmg.get('effect') or 'damaged'}."
    n = len(inc.get("reports") or [])
    s += f" [{n} report{'s' if n != 1 else ''}]"
    return s


def acled_row(inc: Rec, timestamp: int) -> dict[str, Any]:
    d = _date(inc.get("event_date"))
    country = _country(inc)
    facts = COUNTRIES.get(country, {})
    i1, i2 = inter_code(inc.get("actor1")), inter_code(inc.get("actor2"))
    tags = []
    if inc.get("fatalities") is None:
        tags.append("fatalities unknown")
    if inc.get("reports") and len(inc["reports"]) > 1:
        tags.append(f"{len(inc['reports'])} reports merged")
    return {
        "event_id_cnty": acled_event_id(inc),
        "event_date": d.strftime("%d %B %Y") if d else "",
        "year": d.year if d else "",
        "time_precision": inc.get("time_precision") or "",
        "disorder_type": DISORDER.get(inc.get("event_type") or "", ""),
        "event_type": inc.get("event_type") or "",
        "sub_event_type": inc.get("sub_event_type") or "",
        "actor1": inc.get("actor1") or "", "assoc_actor_1": "", "inter1": i1 if i1 is not None else "",
        "actor2": inc.get("actor2") or "", "assoc_actor_2": "", "inter2": i2 if i2 is not None else "",
        "interaction": interaction(i1, i2) or "",
        "civilian_targeting": "Civilian targeting" if i2 == 7 else "",
        "iso": facts.get("iso", ""), "region": facts.get("region", ""), "country": country,
        "admin1": inc.get("admin1") or "", "admin2": inc.get("admin2") or "", "admin3": inc.get("admin3") or "",
        "location": inc.get("location") or "",
        "latitude": inc.get("latitude") if inc.get("latitude") is not None else "",
        "longitude": inc.get("longitude") if inc.get("longitude") is not None else "",
        "geo_precision": inc.get("geo_precision") or "",
        "source": "; ".join(_sources(inc)),
        "source_scale": "",
        "notes": generated_notes(inc),
        "fatalities": inc.get("fatalities") if inc.get("fatalities") is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": timestamp,
    }


def write_acled_csv(incs: Iterable[Rec], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    w.writeheader()
    ts = int(time.time())
    n = 0
    for inc in incs:
        w.writerow(acled_row(inc, ts))
        n += 1
    return n


# ---------------------------------------------------------------- UCDP GED

UCDP_WHERE = {1: 1, 2: 2, 3: 4}   # ACLED geo_precision -> UCDP where_prec (1 exact, 2 near, 4 admin-1)
UCDP_DATE = {1: 1, 2: 3, 3: 4}    # ACLED time_precision -> UCDP date_prec (1 day, 3 week, 4 month)


def type_of_violence(inc: Rec) -> int:
    """UCDP: 1 state-based, 2 non-state, 3 one-sided violence against civilians."""
    i1, i2 = inter_code(inc.get("actor1")), inter_code(inc.get("actor2"))
    if i2 == 7 or (inc.get("event_type") == "Violence against civilians"):
        return 3
    if i1 in (1, 8) or i2 in (1, 8):
        return 1
    return 2


def ucdp_row(inc: Rec) -> dict[str, Any]:
    d = _date(inc.get("event_date"))
    rng = inc.get("date_range") or [inc.get("event_date"), inc.get("event_date")]
    country = _country(inc)
    facts = COUNTRIES.get(country, {})
    k = inc.get("killed") or {}
    civ, fighters = range_value(k.get("civilians")), range_value(k.get("fighters"))
    if fighters is None and inc.get("killed_groups"):
        gv = [range_value(g.get("count")) for g in inc["killed_groups"]]
        fighters = sum(v for v in gv if v is not None) if None not in gv else None
    best = inc.get("fatalities")
    total = k.get("total")
    low = _num(total, "low") if total else None
    high = _num(total, "high") if total else None
    if not total:
        lows = [_num(k.get(c), "low") for c in ("civilians", "fighters") if k.get(c)]
        highs = [_num(k.get(c), "high") for c in ("civilians", "fighters") if k.get(c)]
        low = sum(x for x in lows if x is not None) if lows and None not in lows else None
        high = sum(x for x in highs if x is not None) if highs and None not in highs else None
    known = (civ or 0) + (fighters or 0)
    unknown = best - known if best is not None and best > known else (0 if best is not None else None)
    lat, lon = inc.get("latitude"), inc.get("longitude")
    wp = inc.get("where_prec") or UCDP_WHERE.get(inc.get("geo_precision") or 0)
    a, b = inc.get("actor1") or "", inc.get("actor2") or ""
    hist = inc.get("per_report") or []
    return {
        "id": inc["incident_id"], "year": d.year if d else "", "active_year": "", "start_year": "", "end_year": "",
        "type_of_violence": type_of_violence(inc), "conflict_new_id": "", "conflict_name": "",
        "dyad_new_id": "", "dyad_name": f"{a} - {b}" if a and b else "",
        "side_a_new_id": "", "gwnoa": facts.get("gw", "") if inter_code(a) == 1 else "", "side_a": a,
        "side_b_new_id": "", "gwnob": "", "side_b": b,
        "number_of_sources": len(inc.get("reports") or []),
        "source_article": "; ".join(inc.get("reports") or []),
        "source_office": "; ".join(_sources(inc)),
        "source_date": "; ".join(dict.fromkeys(h["published"] for h in hist if h.get("published"))),
        "source_headline": "", "source_original": "",
        "where_prec": wp or "", "where_coordinates": inc.get("location") or "",
        "adm_1": inc.get("admin1") or "", "adm_2": inc.get("admin2") or "",
        "latitude": lat if lat is not None else "", "longitude": lon if lon is not None else "",
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": "", "country": country, "country_id": facts.get("gw", ""), "iso3": facts.get("iso3", ""),
        "region": facts.get("region", ""), "event_clarity": 1 if len(inc.get("reports") or []) else "",
        "date_prec": UCDP_DATE.get(inc.get("time_precision") or 0, ""),
        "date_start": rng[0] or "", "date_end": rng[1] or "",
        "deaths_a": "", "deaths_b": fighters if fighters is not None else "",
        "deaths_civilians": civ if civ is not None else "",
        "deaths_unknown": unknown if unknown is not None else "",
        "low": low if low is not None else (best if best is not None else ""),
        "best": best if best is not None else "",
        "high": high if high is not None else (best if best is not None else ""),
    }


def write_ucdp_csv(incs: Iterable[Rec], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=list(UCDP_COLUMNS), lineterminator="\n")
    w.writeheader()
    n = 0
    for inc in incs:
        w.writerow(ucdp_row(inc))
        n += 1
    return n


# ---------------------------------------------------------------- GeoJSON, JSON lines

def write_geojson(incs: Iterable[Rec], out: IO[str]) -> int:
    """RFC 7946 FeatureCollection: Point [longitude, latitude] (null geometry when not geocoded),
    flat properties (no nested objects) so QGIS and GDAL read every column."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for inc in incs:
        props = flat_row(inc)
        lat, lon = inc.get("latitude"), inc.get("longitude")
        geom = ({"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}
                if lat is not None and lon is not None else None)
        feat = {"type": "Feature", "id": inc["incident_id"], "geometry": geom, "properties": props}
        out.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_jsonl(incs: Iterable[Rec], out: IO[str]) -> int:
    n = 0
    for inc in incs:
        out.write(json.dumps(inc, ensure_ascii=False) + "\n")
        n += 1
    return n


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
        t = pa.int64() if c in INT_COLUMNS else pa.float64() if c in FLOAT_COLUMNS else pa.string()
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


def write_parquet(incs: Iterable[Rec], path: str, row_group: int = 10_000) -> int:
    """Flat columns (see :data:`FLAT_COLUMNS`) with explicit types, written in row groups."""
    pa = _pyarrow()
    import pyarrow.parquet as pq
    schema = parquet_schema()
    n = 0
    with pq.ParquetWriter(path, schema) as w:
        wrote = False
        for chunk in _chunks((flat_row(i) for i in incs), row_group):
            w.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
            wrote = True
        if not wrote:
            w.write_table(pa.Table.from_pylist([], schema=schema))
    return n


def export(incs: Iterable[Rec], fmt: str, out: Optional[IO[str]] = None, path: Optional[str] = None) -> int:
    """Write ``incs`` in ``fmt``; text formats go to ``out``, Parquet needs ``path``.  Returns the count."""
    if fmt == "parquet":
        if not path:
            raise InputError("Parquet is a binary format: give --out FILE.parquet")
        return write_parquet(incs, path)
    writers = {"acled-csv": write_acled_csv, "ucdp-csv": write_ucdp_csv, "geojson": write_geojson,
               "jsonl": write_jsonl}
    if fmt not in writers:
        raise InputError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    assert out is not None
    return writers[fmt](incs, out)
