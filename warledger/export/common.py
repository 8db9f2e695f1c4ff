"""What every export shares: country facts, the dates that stand for an incident, safe CSV cells.

Country facts (ISO codes, Gleditsch & Ward numbers, ACLED and UCDP regions) are read from
``warledger/data/country_codes.tsv``; nothing here defaults to a country: a ledger line that does not
say where it happened gets empty country columns.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from warledger.errors import AREA_PROBLEM, SPELLING_PROBLEM, TOWN_COUNTRY_PROBLEM, WarledgerError
from warledger.record import iso_day, representative_date
from warledger.theatre.countries import COUNTRY_CODES_TSV, COUNTRY_COLUMNS

Rec = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    iso: Optional[int]
    iso3: Optional[str]
    gwno: Optional[int]
    acled_region: Optional[str]
    ucdp_region: Optional[str]
    ucdp_name: Optional[str] = None   # GED's spelling when it differs ("Yemen (North Yemen)")
    ged_state: Optional[str] = None   # the state GED codes events here under, for a place with no G&W number

    def ged_location(self) -> "Country":
        """The country whose name, number and region GED's country columns carry for an event here: this one,
        or for a place with no Gleditsch & Ward number the state GED codes its events under (Palestine: Israel)."""
        state = country_facts(self.ged_state) if self.gwno is None and self.ged_state else None
        return state or self

    @property
    def ged_name(self) -> str:
        """The country as UCDP GED's country column and its "Government of ..." names spell it."""
        return self.ucdp_name or self.name


def _int(s: str) -> Optional[int]:
    return int(s) if s.strip() else None


@lru_cache(maxsize=1)
def _countries(path: Path = COUNTRY_CODES_TSV) -> dict[str, Country]:
    from warledger.theatre import table_rows

    out: dict[str, Country] = {}
    for no, cols in table_rows(path, COUNTRY_COLUMNS):
        name, iso, iso3, gw, acled_region, ucdp_region, ucdp_name, aliases, _, ged_state = cols
        try:
            c = Country(name, _int(iso), iso3 or None, _int(gw), acled_region or None, ucdp_region or None,
                        ucdp_name or None, ged_state or None)
        except ValueError as exc:
            raise WarledgerError(f"{path} line {no}: iso and gwno must be whole numbers: {exc}") from exc
        for key in [name, iso3, *aliases.split(";")]:
            if key.strip():
                out[key.strip().casefold()] = c
    return out


def country_facts(name: Optional[str]) -> Optional[Country]:
    """The facts of a country by its name, an alias or its ISO alpha-3 code; None when unknown."""
    return _countries().get(name.strip().casefold()) if name and name.strip() else None


def country_name(name: Optional[str]) -> Optional[str]:
    """The canonical name of a country (as the facts file spells it), or the name given when unknown."""
    c = country_facts(name)
    return c.name if c else (name.strip() if name and name.strip() else None)


# ---------------------------------------------------------------- dates

@dataclass(frozen=True, slots=True)
class When:
    """The dates of one ledger line as the exports write them.

    ``day`` stands for the incident (:func:`warledger.record.representative_date`), ``precision`` is its
    ACLED time_precision (never finer than the line's own), ``start``/``end`` the range the reports allow
    (the day itself when the line has no range)."""

    day: Optional[date]
    precision: Optional[int]
    start: Optional[date]
    end: Optional[date]
    has_range: bool


def when(inc: Rec) -> When:
    rng = inc.get("date_range") or None
    rep, precision = representative_date(inc.get("event_date"), rng)
    day = iso_day(rep)
    own = inc.get("time_precision")
    if day is not None and isinstance(own, int) and own in (1, 2, 3):
        precision = max(precision or 1, own)
    lo, hi = (iso_day(rng[0]), iso_day(rng[-1])) if rng else (None, None)
    if lo is not None and hi is not None:
        lo, hi = min(lo, hi), max(lo, hi)
        return When(day, precision, lo, hi, True)
    return When(day, precision, day, day, False)


def _placed_with(inc: Rec, code: str) -> bool:
    """Placed on the map, with an open problem of ``code`` (answered ones are under ``answered_problems``)."""
    return inc.get("latitude") is not None and any(str(p).startswith(code) for p in inc.get("problems") or [])


def at_area(inc: Rec) -> bool:
    """Placed at its area, not at the place the report names: an admin unit's point (precision 3), or a
    region's centre standing in for a village the gazetteer lacks (precision 2 with the geocoder's
    W-GEO-CENTROID problem, UCDP where_prec 5)."""
    if (inc.get("geo_precision") or 0) >= 3:
        return True
    return _placed_with(inc, AREA_PROBLEM)


def spelt_otherwise(inc: Rec) -> bool:
    """Placed at a place found only by a near spelling of the report's name (W-GEO-SPELLING): which place is
    meant is a guess, shown beside the report's own words."""
    return not at_area(inc) and _placed_with(inc, SPELLING_PROBLEM)


def country_guessed(inc: Rec) -> bool:
    """Placed in a country the report never names, which only a town's spelling points to (W-COUNTRY-BY-TOWN)."""
    return _placed_with(inc, TOWN_COUNTRY_PROBLEM)


def place_guess(inc: Rec) -> Optional[bool]:
    """Whether the incident's point is a guess, as the workbench's map draws it (dashed): at its area, found by a
    near spelling, or in a country only a town's spelling points to; a problem an analyst's correction answered
    is no guess.  None: no point."""
    if point(inc) is None:
        return None
    return at_area(inc) or spelt_otherwise(inc) or country_guessed(inc)


def point(inc: Rec) -> Optional[tuple[float, float]]:
    """The line's (longitude, latitude) when both are finite numbers on the globe; None otherwise (not geocoded,
    or a value no map can draw: NaN, infinite, out of range)."""
    try:
        lat, lon = float(inc.get("latitude")), float(inc.get("longitude"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


NO_DATE_OR_POINT = "with no date or no point (the format gives every event both)"


def table_leaves_out(inc: Rec) -> Optional[str]:
    """Why an ACLED or GED table cannot hold the line (:data:`NO_DATE_OR_POINT`), None when it can."""
    return None if dated_and_placed(inc) else NO_DATE_OR_POINT


def dated_and_placed(inc: Rec) -> bool:
    """Whether a line can be a row of ACLED's or UCDP GED's tables: both give every event a date and a point (ACLED's
    codebook: event_date, year, latitude, longitude are never empty; GED: date_start, latitude, longitude).  A line
    with neither a day nor a range, or with no point, is left out of those exports (and counted) rather than written
    with empty cells that turn pandas' and R's integer columns into floats; JSON lines, GeoJSON and Parquet keep it."""
    return when(inc).day is not None and point(inc) is not None


# ---------------------------------------------------------------- CSV cells

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def csv_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula: text starting with ``= + - @``, a tab or a carriage
    return gets a leading single quote (OWASP's advice for CSV injection).  Numbers, and text that is
    a plain number such as ``-36.5``, are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_line(values: Iterable[Any]) -> str:
    """One CSV line (RFC 4180 quoting, ``\\n`` ending) of neutralised cells."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([csv_safe(v) for v in values])
    return buf.getvalue()


def blank(v: Any) -> Any:
    """None as an empty cell; everything else as it is."""
    return "" if v is None else v


# ---------------------------------------------------------------- sources, review

def sources(inc: Rec) -> list[str]:
    return list(dict.fromkeys(h.get("source") for h in inc.get("per_report") or [] if h.get("source")))


def joined(value: Any, sep: str = "; ") -> Optional[str]:
    """A list of names as one cell (``None`` when empty); a string as it is."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    items = [str(v).strip() for v in value if v is not None and str(v).strip()]
    return sep.join(dict.fromkeys(items)) or None


def review_columns(inc: Rec) -> dict[str, Optional[str]]:
    """``review_state`` and ``reviewed_fields`` (the dotted fields an analyst corrected), flat."""
    state = inc.get("review_state")
    return {"review_state": str(state) if state not in (None, "") else None,
            "reviewed_fields": joined(inc.get("reviewed_fields"))}
