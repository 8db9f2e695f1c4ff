"""Actor names of a theatre: templates in the bundles' ``actors.tsv`` rendered for one record.

A name may hold ``{country}`` (the theatre's ACLED country name: "Civilians ({country})") and ``({period})``
after a state force's base name ("Military Forces of {country} ({period}) Popular Mobilization Forces"): the
period is ACLED's year range for the record's year, from the theatre's ``actor_periods.tsv`` (columns
``country base start_year end_year acled_name``; ``warledger/data/actor_periods.tsv`` is read too when present).
In a year both periods share (one ended, the next began), the earlier one is used.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

from warledger.errors import InputError
from warledger.theatre import bundle_files, roots, table_rows, theatres

PERIOD_COLUMNS = ("country", "base", "start_year", "end_year", "acled_name")
from warledger.theatre.countries import country_name

_PERIOD = re.compile(r"^(?P<base>.*?)\s*\(\{period\}\)(?P<rest>.*)$")
_WITHOUT_COUNTRY = re.compile(r"\s+of\s+\{country\}|\s*\(\{country\}\)|\s*\(\{period\}\)|\{country\}\s*")
Period = tuple[int, Optional[int], str]  # start year, end year (None: open), ACLED name


def is_template(name: Optional[str]) -> bool:
    return name is not None and "{" in name


@lru_cache(maxsize=8)
def _periods(key: tuple[str, ...]) -> dict[tuple[str, str], list[Period]]:
    """(country name, base) -> periods, in file order."""
    # the bundles' periods name forces as ACLED wrote them while each period ran (what extraction emits);
    # warledger/data/actor_periods.tsv is the export's table of ACLED's current names (warledger.export.naming)
    files: list[Path] = [p for _, p in bundle_files("actor_periods.tsv")]
    out: dict[tuple[str, str], list[Period]] = {}
    for path in files:
        for n, cols in table_rows(path, PERIOD_COLUMNS):
            try:
                start, end = int(cols[2]), (int(cols[3]) if cols[3] else None)
            except ValueError:
                raise InputError(f"{path} line {n}: start_year/end_year must be years (end_year may be empty)") from None
            out.setdefault((cols[0], cols[1]), []).append((start, end, cols[4]))
    return out


def period_name(country: str, base: str, year: Optional[int]) -> Optional[str]:
    """ACLED's name of ``base`` (e.g. "Military Forces of Iraq") with its period for ``year``."""
    rows = _periods(tuple(str(r) for r in roots())).get((country, base), [])
    if not rows:
        return None
    if year is None:
        open_rows = [r for r in rows if r[1] is None]
        return open_rows[0][2] if len(open_rows) == 1 else None
    for start, end, name in sorted(rows, key=lambda r: r[0]):
        if start <= year and (end is None or year <= end):
            return name
    return None


def render(name: Optional[str], iso2: Optional[str], year: Optional[int]) -> tuple[Optional[str], Optional[str]]:
    """(name for the record, problem or None).  Without a country the generic parts are dropped
    ("Civilians", "Military Forces") and the problem says so."""
    if not is_template(name):
        return name, None
    assert name is not None
    cname = country_name(iso2) if iso2 else None
    if cname is None:
        bare = _WITHOUT_COUNTRY.sub("", name).strip() or name
        return bare, (f"W-ACTOR-COUNTRY: {bare!r} written without the country ACLED names it by: the report's "
                      "country is unknown")
    filled = name.replace("{country}", cname)
    m = _PERIOD.match(filled)
    if m is None:
        return filled, None
    base, rest = m.group("base"), m.group("rest")
    full = period_name(cname, base, year)
    if full is None:
        return base + rest, (f"W-ACTOR-PERIOD: no ACLED period of {base!r} for {year or 'an unknown year'} in the "
                             f"theatre's actor_periods.tsv; written without one")
    return full + rest, None


def known_theatres() -> list[str]:
    return sorted(theatres())
