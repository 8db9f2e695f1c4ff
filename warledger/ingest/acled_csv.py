"""An ACLED CSV as input: each row a coded event (ACLED's columns, as its API and export write them, and as
``warledger export --format acled-csv`` writes them), read as a report whose record is the row's own coding.

A row is one event its coders already told apart from every other row (``Report.coded`` by
:func:`warledger.ingest.kinds.coded_input`, its ``event_id_cnty``: never merged with another row); its fields are
stored as the row states them, not extracted again from its notes.  What ACLED derives from other columns (year, inter codes, interaction, disorder type, civilian
targeting, iso, region) is derived again by the exports.  The report's id is the row's ``event_id_cnty`` (the ACLED
export writes it back); its text is the row's notes.  A row without an id, a date ACLED's formats do not give or a
fatalities figure that is no whole number is named and skipped; a day later than the one rule on late days allows
keeps the problem (:func:`warledger.record.late_day_problem`)."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from warledger.ingest.coded_csv import CodedTable, number, whole
from warledger.ingest.kinds import coded_input
from warledger.record import (ACLED_SIZE_NOTE, CROWD_EVENT_TYPES, CROWD_FIELD, Counts, Incident, Place, Range, Report,
                              iso_day, late_day_problem)

# the columns that make a CSV an ACLED table (ACLED's codebook; the rest are read when present)
ACLED_KEY_COLUMNS = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "country",
                     "latitude", "longitude", "fatalities")
_DAY_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")   # API; ACLED's Excel exports


def _day(value: str) -> Optional[str]:
    for fmt in _DAY_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _names(value: str) -> list[str]:
    return [n.strip() for n in (value or "").split(";") if n.strip()]


def _crowd_size(inc: Incident, row: dict[str, str]) -> None:
    """A demonstration's crowd size as the row's notes close with it ("[size=around 200]", ACLED's form), kept as
    evidence in the notes (the report's text) so that the ACLED export writes the same tag back."""
    notes = row.get("notes") or ""
    m = ACLED_SIZE_NOTE.search(notes) if inc.event_type in CROWD_EVENT_TYPES else None
    if m is not None and m.group(1).strip().lower() != "no report":
        inc.add_evidence(CROWD_FIELD, notes, m.start(1), m.end(1), "note's [size=]")


def row_incident(row: dict[str, str], received: Optional[str] = None) -> Incident:
    """The record of one ACLED row, as coded; ValueError naming the column for a value ACLED never writes."""
    day = _day(row.get("event_date") or "")
    if day is None:
        raise ValueError(f"event_date {row.get('event_date')!r} is not a date (write YYYY-MM-DD)")
    try:
        fatalities = whole(row.get("fatalities"), "fatalities")
        lat, lon = number(row.get("latitude"), "latitude"), number(row.get("longitude"), "longitude")
        precision = whole(row.get("time_precision"), "time_precision")
        geo = whole(row.get("geo_precision"), "geo_precision")
    except ValueError as exc:
        raise ValueError(f"a number column holds {str(exc)!r}") from None
    killed = Counts()
    if fatalities is not None:
        killed.set("total", Range.exact(fatalities))
    place = Place(location=row.get("location") or None, name=row.get("location") or None,
                  phrase=row.get("location") or None, admin1=row.get("admin1") or None,
                  admin2=row.get("admin2") or None, admin3=row.get("admin3") or None,
                  country=row.get("country") or None, latitude=lat, longitude=lon,
                  geo_precision=int(geo) if geo in (1, 2, 3) else None)
    inc = Incident(kind="incident", event_date=day, time_precision=int(precision) if precision in (1, 2, 3) else 1,
                   event_type=row.get("event_type") or None, sub_event_type=row.get("sub_event_type") or None,
                   actor1=row.get("actor1") or None, actor2=row.get("actor2") or None,
                   assoc_actor_1=_names(row.get("assoc_actor_1") or ""),
                   assoc_actor_2=_names(row.get("assoc_actor_2") or ""), place=place, killed=killed)
    _crowd_size(inc, row)
    why = late_day_problem(day, today=iso_day(received))
    if why is not None:
        inc.problems.append(why)
    return inc


def _row_report(row: dict[str, str], line: int, name: str, received: str) -> Report:
    """The report of one ACLED row; ValueError for a row without an id or with a value ACLED never writes."""
    rid = row.get("event_id_cnty", "").strip()
    if not rid:
        raise ValueError("no event_id_cnty")
    inc = row_incident(row, received)
    return Report(id=rid, text=row.get("notes") or f"ACLED event {rid}", source=row.get("source") or None,
                  source_scale=row.get("source_scale") or None, country=row.get("country") or None,
                  coded=coded_input(row), received=received, line=line, origin=name, incidents=[inc])


ACLED_TABLE = CodedTable("ACLED", ACLED_KEY_COLUMNS, _row_report)
