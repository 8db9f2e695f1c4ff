"""A UCDP GED CSV as input: each row a coded event (GED's columns, as its CSV releases, HDX's extract and
``warledger export --format ucdp-csv`` write them), read as a report whose record is the row's own coding.

As for ACLED's rows (:mod:`warledger.ingest.acled_csv`), a row is one event its coders already told apart from every
other (``Report.coded``: never merged with another row) and its fields are stored as the row states them:

* the report's id is ``ged-<id>`` (GED's integer ``id``; the UCDP export writes it back), its text the row's
  ``source_headline`` or ``source_article`` (GED publishes no notes), its ``source`` the ``source_office``, its
  publication date the first day ``source_date`` names;
* ``side_a`` and ``side_b`` are the record's actor1 and actor2 as GED names them ("Government of Syria",
  "Civilians"): the export derives ``type_of_violence`` again from them (a government side: 1; civilians: 3);
* ``best``, ``low`` and ``high`` are the killed range; ``deaths_civilians`` the civilians killed; ``deaths_a`` and
  ``deaths_b`` the dead of each side (killed groups named by the side), so GED's deaths columns come back;
* ``date_start`` and ``date_end`` are the record's day (one day) or its range, its ACLED time precision from GED's
  ``date_prec`` (1 a day; 2-3 up to a week; 4-5 longer); ``where_coordinates`` is the place's name, ``adm_1`` and
  ``adm_2`` its units, ``where_prec`` kept, ACLED's geo precision from it (1 exact, 2 near, else 3);
* GED codes no ACLED event type: none is guessed (the ACLED export leaves such a row out and says so).

The columns no record field holds (GED's sources: ``source_article``, ``source_headline``, ``source_original``,
``source_date`` whole, ``number_of_sources``; ``event_clarity``, ``active_year``; GED's own identities of conflicts,
dyads, actors and cells: ``relid``, ``code_status``, the ``*_dset_id`` and ``*_new_id`` columns, ``conflict_name``,
``priogrid_gid``) are carried as the row gives them (:data:`CARRIED_COLUMNS`, ``Report.coded_columns``): stored
with the row's record and in its ledger line's ``per_report``, written back by the UCDP export
(:func:`warledger.export.ucdp.write_back`).  A row without an id, with a date GED does not write or a death
column that is no whole number is named and skipped; a row whose ``low <= best <= high`` is broken (a few real GED
rows) is kept, its range widened to hold every figure given, with a ``W-COUNT-RANGE-WIDENED`` problem naming the row
and what was widened."""
from __future__ import annotations

import re
from datetime import date
from typing import Optional

from warledger.ingest.coded_csv import CodedTable, number, whole
from warledger.record import Counts, GroupCount, Incident, Place, Range, Report, iso_day, late_day_problem

# the columns that make a CSV a GED table (GED codebook; the rest are read when present)
GED_KEY_COLUMNS = ("id", "type_of_violence", "side_a", "side_b", "date_start", "date_end", "best", "latitude",
                   "longitude")
GED_REPORT_PREFIX = "ged-"
_ID = re.compile(r"^\d{1,18}$")
_FORMER_NAME = re.compile(r"\s*\([^()]*\)$")
# the columns of a GED row that no record field holds, carried as the row gives them, blank or not, when the CSV has
# them (Report.coded_columns), so the UCDP export writes them back: the sources, the event's clarity and active year,
# GED's ids of its conflict, dyad, sides and cell (with the sides and the point they belong to, so the export writes
# an id only beside them); where_description and source_office for the incident page (the record holds them too)
CARRIED_COLUMNS = ("relid", "active_year", "code_status", "conflict_dset_id", "conflict_new_id", "conflict_name",
                   "dyad_dset_id", "dyad_new_id", "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id",
                   "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office", "source_date",
                   "source_headline", "source_original", "where_description", "latitude", "longitude",
                   "geom_wkt", "priogrid_gid", "event_clarity")
_TIME_PRECISION = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3}   # GED date_prec -> ACLED time_precision
_GEO_PRECISION = {1: 1, 2: 2}                        # GED where_prec -> ACLED geo_precision (else 3)


def _whole(row: dict[str, str], column: str) -> Optional[int]:
    return whole(row.get(column), column)


def _day(row: dict[str, str], column: str) -> date:
    d = iso_day((row.get(column) or "").strip()[:10])
    if d is None:
        raise ValueError(f"{column} {row.get(column)!r} is not a date (GED writes YYYY-MM-DD)")
    return d


RANGE_WIDENED_CODE = "W-COUNT-RANGE-WIDENED"


def widened(low: int, best: int, high: int) -> tuple[Range, Optional[str]]:
    """The killed range of GED's three figures: as given when ``low <= best <= high``; else widened to hold every
    figure given (low the least, high the greatest, best GED's own) with the words saying what was widened (a few
    real GED rows break GED's own rule: HDX's Iraq extract holds 69 of them)."""
    lo, hi = min(low, best, high), max(low, best, high)
    if (lo, hi) == (low, high):
        return Range(low, best, high), None
    what = " and ".join(f"{name} {given} -> {now}" for name, given, now in (("low", low, lo), ("high", high, hi))
                        if given != now)
    return Range(lo, best, hi), (f"low {low}, best {best}, high {high} break GED's low <= best <= high; widened to "
                                 f"hold every figure given ({what}; best kept)")


def _killed(row: dict[str, str]) -> tuple[Counts, list[GroupCount], Optional[str]]:
    best, low, high = (_whole(row, c) for c in ("best", "low", "high"))
    low = best if low is None else low
    high = best if high is None else high
    killed = Counts()
    why = None
    if best is not None and low is not None and high is not None:
        total, why = widened(low, best, high)
        killed.set("total", total)
    civilians = _whole(row, "deaths_civilians")
    if civilians:
        killed.set("civilians", Range.exact(civilians))
    groups = [GroupCount(row[side].strip(), Range.exact(n)) for side, n in
              (("side_a", _whole(row, "deaths_a")), ("side_b", _whole(row, "deaths_b")))
              if n and (row.get(side) or "").strip()]
    return killed, groups, why


def country_of(row: dict[str, str]) -> Optional[str]:
    """The row's country: HDX's ``iso3`` when the country facts know it (GED's ``country`` codes the West Bank under
    Israel, as its Gleditsch & Ward numbers do), else ``country`` without the former name GED writes after it
    ("Yemen (North Yemen)", "Russia (Soviet Union)")."""
    from warledger.export.common import country_facts

    facts = country_facts((row.get("iso3") or "").strip() or None)
    return facts.name if facts else _FORMER_NAME.sub("", (row.get("country") or "").strip()) or None


def _place(row: dict[str, str]) -> Place:
    lat, lon = (number(row.get(c), c) for c in ("latitude", "longitude"))
    where = _whole(row, "where_prec")
    name = (row.get("where_coordinates") or "").strip() or None
    return Place(location=name, name=name, phrase=(row.get("where_description") or "").strip() or None,
                 admin1=(row.get("adm_1") or "").strip() or None, admin2=(row.get("adm_2") or "").strip() or None,
                 country=country_of(row), latitude=lat, longitude=lon,
                 geo_precision=_GEO_PRECISION.get(where or 0, 3 if where else None), where_prec=where)


def row_incident(row: dict[str, str], received: Optional[str] = None) -> Incident:
    """The record of one GED row, as coded; ValueError naming the column for a value GED never writes."""
    start, end = _day(row, "date_start"), _day(row, "date_end")
    if end < start:
        raise ValueError(f"date_end {end} is before date_start {start}")
    try:
        killed, groups, widening = _killed(row)
        place = _place(row)
        prec = _whole(row, "date_prec")
    except ValueError as exc:
        raise ValueError(f"a number column holds {str(exc)!r}") from None
    one_day = start == end
    inc = Incident(kind="incident", event_date=start.isoformat() if one_day else None,
                   date_range=None if one_day else (start.isoformat(), end.isoformat()),
                   time_precision=1 if one_day else _TIME_PRECISION.get(prec or 0, 3),
                   actor1=(row.get("side_a") or "").strip() or None, actor2=(row.get("side_b") or "").strip() or None,
                   place=place, killed=killed, killed_groups=groups)
    if widening is not None:
        gid = (row.get("id") or "").strip()
        inc.problems.append(f"{RANGE_WIDENED_CODE}: GED row {gid or 'without an id'}: {widening}")
    why = late_day_problem(end.isoformat(), today=iso_day(received))
    if why is not None:
        inc.problems.append(why)
    return inc


def _published(row: dict[str, str]) -> Optional[str]:
    for piece in re.split(r"[;,\s]+", row.get("source_date") or ""):
        d = iso_day(piece.strip()[:10])
        if d is not None:
            return d.isoformat()
    return None


def _row_report(row: dict[str, str], line: int, name: str, received: str) -> Report:
    """The report of one GED row; ValueError for a row without GED's integer id or with a value GED never writes."""
    gid = row.get("id", "").strip()
    if not _ID.match(gid):
        raise ValueError(f"id {gid!r} is not GED's integer id" if gid else "no id")
    inc = row_incident(row, received)
    published = _published(row)
    why = late_day_problem(published, what="publication date", today=iso_day(received))
    text = (row.get("source_headline") or "").strip() or (row.get("source_article") or "").strip()
    return Report(id=GED_REPORT_PREFIX + gid, text=text or f"UCDP GED event {gid}",
                  source=(row.get("source_office") or "").strip() or None,
                  published=None if why else published, country=country_of(row),
                  coded=True, received=received, line=line, origin=name, incidents=[inc],
                  problems=[why] if why else [],
                  coded_columns={c: row[c].strip() for c in CARRIED_COLUMNS if c in row})   # a blank one too


GED_TABLE = CodedTable("UCDP GED", GED_KEY_COLUMNS, _row_report)
