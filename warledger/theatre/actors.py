"""Actor names of a theatre: templates in the bundles' ``actors.tsv`` rendered for one record, and the one table
of ACLED's actor periods.

A name may hold ``{country}`` (ACLED's name of the country: "Civilians ({country})"; after "of", the state as ACLED's
actor names write it, from ``country_codes.tsv``: "Police Forces of the United Kingdom") and ``({period})``
after a state force's base name ("Military Forces of {country} ({period}) Popular Mobilization Forces"): the
period is ACLED's for the record's year, from the ``actor_periods.tsv`` files (:func:`period_rows`: the global
bundle's, for states that are not theatres, and each theatre's own; columns ``country base start_year end_year
acled_name [written]``).  Extraction writes a period's ``written`` name, the one ACLED used while the period
was current ("(2018-)"), and in a year two periods share takes the earlier one; the exports
(:mod:`warledger.export.naming`) write ``acled_name``, the period's name now ("(2018-2020)"), by the event's day.
A group whose ACLED name changed with a government writes ``({period})`` after its own name and its rows give each
period's whole name ("Taliban ({period})": "Taliban", then "Military Forces of Afghanistan (2021-)").  A state's
forces named in another country's report take that state's rows.  Bases are compared without an article after
"of" (:func:`base_key`): "Military Forces of the Philippines" and "Military Forces of Philippines" are one base.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional

from warledger.errors import InputError
from warledger.record import iso_day
from warledger.theatre import bundle_files, data_lines, global_files, root_key, theatres
from warledger.theatre.countries import acled_names, country_name

PERIOD_COLUMNS = ("country", "base", "start_year", "end_year", "acled_name")

# a state's other forces ("Police Forces of France"), whose period is its military's when they have no rows of their own
_OTHER_FORCES = re.compile(r"^(?:Police|Gendarmerie|Border|Naval|Air) Forces of (.+)$")
_PERIOD = re.compile(r"^(?P<base>.*?)\s*\(\{period\}\)(?P<rest>.*)$")
_WITHOUT_COUNTRY = re.compile(r"\s+of\s+\{country\}|\s*\(\{country\}\)|\s*\(\{period\}\)|\{country\}\s*")
Period = tuple[int, Optional[int], str]  # start year, end year (None: open), ACLED name


def is_template(name: Optional[str]) -> bool:
    return name is not None and "{" in name


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """One row of an ``actor_periods.tsv``: a state force's ACLED period."""

    country: str
    base: str
    start: date
    end: Optional[date]          # None while the period is open
    acled_name: str              # the period's name now (exports)
    written: str                 # the name while the period was current (extraction)
    path: Path
    line: int

    def contains(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def _bound(s: str, first: bool) -> Optional[date]:
    """A period bound written as a year (its first or last day) or a day; None when empty."""
    s = s.strip()
    if not s or s == "-":
        return None
    if re.fullmatch(r"\d{4}", s):
        return date(int(s), 1, 1) if first else date(int(s), 12, 31)
    d = iso_day(s)
    if d is None or len(s) != 10:
        raise ValueError(f"{s!r} is neither a year (YYYY) nor a day (YYYY-MM-DD)")
    return d


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def base_key(base: str) -> str:
    """A base name as periods are looked up by: spaces squashed, an article after "of" dropped."""
    return re.sub(r"\bof the ", "of ", _squash(base))


@lru_cache(maxsize=8)
def _period_rows(key: tuple[str, ...]) -> tuple[PeriodRow, ...]:
    files = global_files("actor_periods.tsv") + [p for _, p in bundle_files("actor_periods.tsv")]
    out: list[PeriodRow] = []
    for path in files:
        for n, cols in data_lines(path):
            if cols[0] == PERIOD_COLUMNS[0]:
                continue
            if len(cols) not in (len(PERIOD_COLUMNS), len(PERIOD_COLUMNS) + 1):
                raise InputError(f"{path} line {n}: expected {len(PERIOD_COLUMNS)} or {len(PERIOD_COLUMNS) + 1} "
                                 f"tab-separated columns ({', '.join(PERIOD_COLUMNS)}, optional written), found {len(cols)}")
            country, base, start, end, name = cols[:5]
            try:
                lo, hi = _bound(start, True), _bound(end, False)
            except ValueError as exc:
                raise InputError(f"{path} line {n}: {exc}; write start_year/end_year as YYYY or YYYY-MM-DD") from None
            if lo is None or not base or not name or (hi is not None and hi < lo):
                raise InputError(f"{path} line {n}: a row needs a base, a start_year, an acled_name and an end_year "
                                 "(if any) not before its start")
            written = cols[5] if len(cols) > 5 and cols[5] else name
            out.append(PeriodRow(country, _squash(base), lo, hi, name, written, path, n))
    return tuple(out)


def period_rows() -> tuple[PeriodRow, ...]:
    """Every actor period, the global bundle's rows first, then each theatre's, in file order."""
    return _period_rows(root_key())


@lru_cache(maxsize=8)
def _periods(key: tuple[str, ...]) -> dict[tuple[str, str], list[Period]]:
    """(country name, base) -> extraction's periods (years and the written name), in file order."""
    out: dict[tuple[str, str], list[Period]] = {}
    for row in _period_rows(key):
        out.setdefault((row.country, base_key(row.base)), []).append(
            (row.start.year, row.end.year if row.end else None, row.written))
    return out


@lru_cache(maxsize=8)
def _periods_by_base(key: tuple[str, ...]) -> dict[str, list[Period]]:
    """base -> its periods, for the bases whose rows are all one country's (the state the forces belong to)."""
    countries: dict[str, set[str]] = {}
    for country, base in _periods(key):
        countries.setdefault(base, set()).add(country)
    return {base: _periods(key)[(next(iter(cs)), base)] for base, cs in countries.items() if len(cs) == 1}


def period_name(country: str, base: str, year: Optional[int]) -> Optional[str]:
    """ACLED's name of ``base`` (e.g. "Military Forces of Iraq") with its period for ``year``: the report's
    country's rows for that base, else the rows of the one state that has it (Israel's forces in a report from
    Palestine take Israel's periods)."""
    key = root_key()
    rows = _periods(key).get((country, base_key(base))) or _periods_by_base(key).get(base_key(base), [])
    if not rows:
        other = _OTHER_FORCES.match(base)
        if other is None:
            return None
        # "Police Forces of France" with no rows of its own takes its military's period (the header's convention)
        military = period_name(country, "Military Forces of " + other.group(1), year)
        return None if military is None else other.group(0)[:other.start(1)] + military[len("Military Forces of "):]
    if year is None:
        open_rows = [r for r in rows if r[1] is None]
        return open_rows[0][2] if len(open_rows) == 1 else None
    for start, end, name in sorted(rows, key=lambda r: r[0]):
        if start <= year and (end is None or year <= end):
            return name
    return None


UNDATED_FILE = "undated_period.tsv"


@lru_cache(maxsize=8)
def _undated_year(key: tuple[str, ...]) -> Optional[int]:
    for path in global_files(UNDATED_FILE):  # extra roots first: the first file with a row decides
        for n, cols in data_lines(path):
            if len(cols) != 2 or cols[0] != "year" or not re.fullmatch(r"\d{4}", cols[1]):
                raise InputError(f"{path} line {n}: expected 'year<TAB>YYYY'")
            return int(cols[1])
    return None


def undated_year() -> Optional[int]:
    """The year whose ACLED periods name the state forces of a record with no year at all (neither its date
    nor the report's publication gives one): the global bundle's ``undated_period.tsv`` (its header says
    why); None when no bundle has one (the open period is taken).  It picks a name, never a date."""
    return _undated_year(root_key())


def render(name: Optional[str], iso2: Optional[str], year: Optional[int]) -> tuple[Optional[str], Optional[str]]:
    """(name for the record, problem or None).  Without a country the generic parts are dropped
    ("Civilians", "Military Forces") and the problem says so."""
    if not is_template(name):
        return name, None
    assert name is not None
    names = acled_names(iso2)
    cname, state = names if names else (country_name(iso2) if iso2 else None,) * 2
    if cname is None and "{country}" in name:
        bare = _WITHOUT_COUNTRY.sub("", name).strip() or name
        return bare, (f"W-ACTOR-COUNTRY: {bare!r} written without the country ACLED names it by: the report's "
                      "country is unknown")
    # "Military Forces of Kenya ({period})", "... of the United Kingdom": a state
    filled = name.replace("of {country}", f"of {state}").replace("{country}", cname) if cname else name
    m = _PERIOD.match(filled)
    if m is None:
        return filled, None
    base, rest = m.group("base"), m.group("rest")
    full = period_name(cname or "", base, year)
    if full is None:
        return base + rest, (f"W-ACTOR-PERIOD: no ACLED period of {base!r} for {year or 'an unknown year'} in the "
                             f"actor_periods.tsv files; written without one")
    return full + rest, None


def known_theatres() -> list[str]:
    return sorted(theatres())


_DATED_NAME = re.compile(r"^(?P<base>.*?)\s*\((?P<period>\d{4}-(?:\d{4})?)\)(?P<rest>.*)$")


@lru_cache(maxsize=8)
def _rows_by_base(key: tuple[str, ...]) -> dict[str, tuple[PeriodRow, ...]]:
    """base -> its period rows, for the bases whose rows are all one country's."""
    out: dict[str, list[PeriodRow]] = {}
    for row in _period_rows(key):
        out.setdefault(base_key(row.base), []).append(row)
    return {b: tuple(rows) for b, rows in out.items() if len({r.country for r in rows}) == 1}


@lru_cache(maxsize=8)
def _rows_by_name(key: tuple[str, ...]) -> dict[str, tuple[PeriodRow, ...]]:
    """a whole name a row writes ("Military Forces of Sudan (1989-) Rapid Support Forces") -> the rows of its base
    (a group whose ACLED name changed with a government: its own rows, not its state's)."""
    rows = _period_rows(key)
    return {n: tuple(o for o in rows if o.base == r.base and o.country == r.country)
            for r in rows for n in (r.written, r.acled_name)}


@lru_cache(maxsize=4096)
def _dated(name: str, day: date, key: tuple[str, ...]) -> str:
    m = _DATED_NAME.match(name)
    if m is None:
        return name
    own = _rows_by_name(key).get(name) if m.group("rest") else None
    rows = own or _rows_by_base(key).get(base_key(m.group("base")))
    hits = [r for r in rows or () if r.contains(day)]
    if not hits:
        return name
    row = min(hits, key=lambda r: r.start)
    if name in (row.written, row.acled_name) or (not own and row.start.year == int(m.group("period")[:4])):
        return name   # already the day's period, as written then or as closed since ("(2021-)", "(2021-2025)")
    return row.written if own else row.written + m.group("rest")


def name_for_day(name: Optional[str], day: Optional[date | str]) -> Optional[str]:
    """``name`` ("Military Forces of Syria (2000-) Military Intelligence") with the period that contains ``day``,
    as extraction writes it (the row's ``written`` name: "(2024-)" for 2025-01-03, "(2000-)" for 2024-12-07), a
    unit after the period kept; a name whose period starts in the year the day's row starts is that period already
    and is kept as it is written ("(2021-)" and "(2021-2025)" are one period).  The one rule by which a state force's period follows an event's date wherever a
    name is written: extraction once the record's day is known (:func:`render` only knows the year, and in a year
    two periods share takes the earlier), the ledger when a merge or a correction changes an incident's date.
    Unchanged for a name with no period, a base with no rows (or rows of several countries), a day no row holds,
    and with no day (``day`` may be a ``date`` or an ISO day; anything else is no day)."""
    if not name or day is None:
        return name
    if isinstance(day, str):
        parsed = iso_day(day) if len(day) == 10 else None
        if parsed is None:
            return name
        day = parsed
    return _dated(name, day, root_key())
