"""Filters over the ledger's incidents: one typed :class:`Filters` serves the API's lists, its exports, the
tallies and the workbench, so a filter means the same thing everywhere.

Every value is bound as a parameter (never pasted into SQL).  Dates are validated ISO dates; the date
filter keeps an incident whose stated dates (the event date, or the range a
report gives: ``range_start``..``range_end``) overlaps the asked period, so incidents known only by a range are not lost.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Optional

from sqlalchemy import ColumnElement, Select, and_, case, exists, false, func, or_, select

from warledger.errors import AREA_PROBLEM, PROBLEM_CODES, SPELLING_PROBLEM, TOWN_COUNTRY_PROBLEM, InputError
from warledger.record import COUNT_CATEGORIES
from warledger.store.rows import MACHINE_PLACE_KEY, UNDATED_SORT_KEY
from warledger.store.schema import incidents, records, reports

REVIEW_STATES = ("unreviewed", "needs_review", "accepted", "rejected")
QUEUE_STATES = ("unreviewed", "needs_review")


def still_open(code: str) -> ColumnElement[bool]:
    """The stored line holds a problem of ``code`` no correction has answered: an open problem is stored as
    ``"CODE: words"``, an answered one names its code alone, ``"code": "CODE"``, under ``answered_problems``
    (:func:`warledger.store.corrections.apply_corrections`).  A line stored before that, of a place an analyst set,
    keeps the geocoder's problems under ``machine_place_problems``: they are answered too."""
    c = incidents.c
    answered: ColumnElement[bool] = c.data.like('%"' + code + '"%')
    if code.startswith("W-GEO-"):
        answered = or_(answered, c.data.like('%"' + MACHINE_PLACE_KEY + '"%'))
    return and_(c.data.like("%" + code + ":%"), ~answered)


def at_region_centre() -> ColumnElement[bool]:
    """Placed at precision 1-2 on a region's centre standing for a place the gazetteer lacks (the
    geocoder's W-GEO-CENTROID problem, not answered by a place an analyst set): a guess, as precision 3 is.
    Reads the wide row (a LIKE on the line) for the incidents with problems at precision below 3 only."""
    c = incidents.c
    return and_(c.has_problems == 1, c.latitude.is_not(None), c.geo_precision < 3, still_open(AREA_PROBLEM))


def placed_by_guess() -> ColumnElement[bool]:
    """Drawn as a guess on a map: a region's centre standing for a place (:func:`at_region_centre`), a point
    found only by a near spelling of the report's name (the geocoder's W-GEO-SPELLING problem: which place is
    meant is a guess), or one in a country that only a town's spelling points to (W-COUNTRY-BY-TOWN); a problem
    a correction answered (the place set, the country corrected) no longer makes it a guess."""
    c = incidents.c
    guessed = or_(still_open(SPELLING_PROBLEM), still_open(TOWN_COUNTRY_PROBLEM))
    return or_(at_region_centre(), and_(c.has_problems == 1, c.latitude.is_not(None), guessed))


def iso_date(value: Optional[str], what: str) -> Optional[str]:
    """``value`` as a checked ISO date (``YYYY-MM-DD``), or None; a clear error otherwise."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2019-11-07") from None


def _flag(value: Any, what: str) -> Optional[bool]:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    v = str(value).strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("0", "false", "no", "off"):
        return False
    raise InputError(f"{what} {value!r}: write true or false")


# Every filter, once: its name in the API's query string and the library's Filters.parse, and what it keeps.  The
# CLI's options are made from it (store/commands.add_filter_options: --country, --from/--to, --problem ...).
FILTER_HELP: dict[str, str] = {
    "date_from": "first event date, YYYY-MM-DD (an incident known by a range matches when the range overlaps)",
    "date_to": "last event date, YYYY-MM-DD",
    "actor": "actor1 or actor2 (the exact ACLED name)",
    "actor1": "actor1 (the exact ACLED name)",
    "admin1": "admin1 (governorate, province ...)", "admin2": "admin2 (district ...)", "country": "country",
    "event_type": "ACLED event type", "sub_event_type": "ACLED sub-event type",
    "bbox": "min_lon,min_lat,max_lon,max_lat",
    "review_state": "unreviewed, needs_review, accepted, rejected, or queue (the first two)",
    "has_problems": "true/false: has a problem no correction has answered",
    "claim_failed": "true/false: a report's total disagrees with its parts",
    "low_precision": "true/false: placed at a region's centre or not placed",
    "merged": "true/false: told by more than one report",
    "q": "free text over the incident's reports' texts",
    "dated": "true/false (false: the undated)", "placed": "true/false (false: those with no coordinates)",
    "killed": f"{', '.join(COUNT_CATEGORIES)}: at least one of them killed",
    "problem": "a problem code (W-REPORTS-DISAGREE ...) an incident has and no correction has answered",
}
FLAG_FILTERS = ("has_problems", "claim_failed", "low_precision", "merged", "dated", "placed")


@dataclass
class Filters:
    """What to show.  Empty fields filter nothing."""
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    actor: Optional[str] = None          # actor1 or actor2 (exact ACLED name)
    actor1: Optional[str] = None
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    country: Optional[str] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    bbox: Optional[tuple[float, float, float, float]] = None   # min lon, min lat, max lon, max lat
    review_state: Optional[str] = None   # one state, or "queue" (unreviewed and needs_review)
    has_problems: Optional[bool] = None
    claim_failed: Optional[bool] = None
    low_precision: Optional[bool] = None  # geo_precision 3, a region's centre for a place, or no coordinates
    merged: Optional[bool] = None         # described by more than one report
    q: Optional[str] = None               # free text over the incident's report texts
    dated: Optional[bool] = None          # has an event date (false: the undated, which no time chart shows)
    placed: Optional[bool] = None         # has coordinates (false: those no map shows)
    killed: Optional[str] = None          # a category of COUNT_CATEGORIES: at least one of it killed ("children")
    problem: Optional[str] = None         # a problem code (errors.PROBLEM_CODES) no correction has answered

    @classmethod
    def parse(cls, params: dict[str, Any]) -> "Filters":
        """From query-string-like values (strings), validating each."""
        f = cls()
        for name in ("actor", "actor1", "admin1", "admin2", "country", "event_type", "sub_event_type", "q"):
            v = params.get(name)
            setattr(f, name, str(v).strip() or None if v is not None else None)
        f.date_from = iso_date(params.get("date_from") or params.get("from"), "date_from")
        f.date_to = iso_date(params.get("date_to") or params.get("to"), "date_to")
        if f.date_from and f.date_to and f.date_from > f.date_to:
            raise InputError(f"date_from {f.date_from} is after date_to {f.date_to}")
        for name in ("has_problems", "claim_failed", "low_precision", "merged", "dated", "placed"):
            setattr(f, name, _flag(params.get(name), name))
        state = params.get("review_state")
        if state:
            if state not in REVIEW_STATES + ("queue",):
                raise InputError(f"review_state {state!r}: use one of {', '.join(REVIEW_STATES)} or queue")
            f.review_state = str(state)
        if params.get("bbox"):
            f.bbox = parse_bbox(str(params["bbox"]))
        killed = str(params.get("killed") or "").strip()
        if killed and killed not in COUNT_CATEGORIES:
            raise InputError(f"killed {killed!r}: use one of {', '.join(COUNT_CATEGORIES)} (at least one of them killed)")
        f.killed = killed or None
        problem = str(params.get("problem") or "").strip().upper()
        if problem and problem not in PROBLEM_CODES:
            raise InputError(f"problem {problem!r}: not a problem code; use one ARCHITECTURE.md lists under "
                             f"'Problems', e.g. W-REPORTS-DISAGREE or W-GEO-CENTROID")
        f.problem = problem or None
        if f.q and len(f.q) > 200:
            raise InputError("q: search text longer than 200 characters")
        return f

    def as_params(self) -> dict[str, str]:
        """The query-string form of these filters (the workbench's "API link")."""
        out: dict[str, str] = {}
        for fl in fields(self):
            v = getattr(self, fl.name)
            if v is None:
                continue
            if fl.name == "bbox":
                out["bbox"] = ",".join(f"{x:g}" for x in v)
            elif isinstance(v, bool):
                out[fl.name] = "true" if v else "false"
            else:
                out[fl.name] = str(v)
        return out

    def where(self) -> list[ColumnElement[bool]]:
        c = incidents.c
        conds: list[ColumnElement[bool]] = []
        if self.date_from:
            conds.append(c.range_end >= self.date_from)
        if self.date_to:
            conds.append(c.range_start <= self.date_to)
        if self.actor:
            # coalesce() keeps the planner off a two-index OR (which reads every matching wide row to sort
            # them): the page index (schema v9) holds both actors, so a page walks it in order and stops
            conds.append(or_(func.coalesce(c.actor1, "") == self.actor, func.coalesce(c.actor2, "") == self.actor))
        for name in ("actor1", "admin1", "admin2", "country", "event_type", "sub_event_type"):
            v = getattr(self, name)
            if v:
                conds.append(c[name] == v)
        if self.bbox:
            x0, y0, x1, y1 = self.bbox
            conds.append(and_(c.longitude.between(x0, x1), c.latitude.between(y0, y1)))
        if self.review_state == "queue":
            conds.append(c.review_state.in_(QUEUE_STATES))
        elif self.review_state:
            conds.append(c.review_state == self.review_state)
        if self.has_problems is not None:
            conds.append(c.has_problems == (1 if self.has_problems else 0))
        if self.claim_failed is not None:
            conds.append(c.claim_failed == (1 if self.claim_failed else 0))
        if self.low_precision is not None:
            # precision 3, no point at all, or a region's centre standing for a place the gazetteer lacks
            # (precision 2 with the geocoder's W-GEO-CENTROID problem: the map draws it as a guess too)
            low = or_(c.geo_precision >= 3, c.latitude.is_(None), at_region_centre())
            conds.append(low if self.low_precision else ~low)
        if self.merged is not None:
            conds.append(c.n_reports > 1 if self.merged else c.n_reports <= 1)
        if self.dated is not None:
            conds.append(c.event_date.is_not(None) if self.dated else c.event_date.is_(None))
        if self.placed is not None:
            conds.append(c.latitude.is_not(None) if self.placed else c.latitude.is_(None))
        if self.killed:   # the tally's column: a best figure (a ceiling alone, "up to 12", states no one killed)
            conds.append(getattr(c, f"killed_{self.killed}") >= 1)
        if self.problem:  # an open one: a problem a correction answered is no longer the incident's problem
            conds.append(and_(c.has_problems == 1, still_open(self.problem)))
        if self.q:
            pattern = "%" + self.q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conds.append(exists(
                select(records.c.record_id).join(reports, reports.c.id == records.c.report_id)
                .where(records.c.incident_id == c.incident_id, func.lower(reports.c.text).like(pattern, escape="\\"))))
        return conds

    def apply(self, query: Select[Any]) -> Select[Any]:
        for cond in self.where():
            query = query.where(cond)
        return query


SORTS = ("date", "-date", "killed", "-killed", "place", "-place")


def order_keys(sort: Optional[str]) -> list[tuple[Any, bool]]:
    """The columns a page sorted by ``sort`` (one of SORTS; a leading '-' is descending) is ordered by, each with
    whether it descends.  What has no date, no count or no place comes last either way; ties keep the order
    incidents were added in (``seq``, unique, last)."""
    c = incidents.c
    sort = sort or "date"
    if sort not in SORTS:
        raise InputError(f"sort {sort!r}: use one of {', '.join(SORTS)} (a leading '-' sorts descending)")
    if sort == "date":
        return [(c.sort_key, False), (c.seq, False)]
    desc = sort.startswith("-")
    key = {"date": c.sort_key, "killed": c.killed_total, "place": func.lower(c.location)}[sort.lstrip("-")]
    missing = case((c.sort_key == UNDATED_SORT_KEY, 1), else_=0) if sort.lstrip("-") == "date" else case(
        (key.is_(None), 1), else_=0)
    return [(missing, False), (key, desc), (c.seq, desc)]


def order_by(sort: Optional[str]) -> list[Any]:
    """The ORDER BY of a page sorted by ``sort`` (:func:`order_keys`).  The default (by date, oldest first) is read
    in order from the page indexes (schema v9); the others sort the matching incidents."""
    return [col.desc() if desc else col for col, desc in order_keys(sort)]


def after_in_order(keys: list[tuple[Any, bool]], values: tuple[Any, ...]) -> ColumnElement[bool]:
    """The incidents after the one whose order columns (``keys``, :func:`order_keys`) hold ``values``, in that
    order: a keyset condition (the first column past the value, or equal and the rest after), so the next of a
    list is read without reading the list up to it.  A NULL value is equal only to NULL and has nothing after it
    in its column (a NULL key only occurs where the 'missing' column before it is 1)."""
    (col, desc), value = keys[0], values[0]
    if value is None:
        past: ColumnElement[bool] = false()
        same: ColumnElement[bool] = col.is_(None)
    else:
        past, same = (col < value) if desc else (col > value), col == value
    if len(keys) == 1:
        return past
    return or_(past, and_(same, after_in_order(keys[1:], values[1:])))


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        x0, y0, x1, y1 = (float(p) for p in text.split(","))
    except ValueError:
        raise InputError(f"bbox {text!r}: write min_lon,min_lat,max_lon,max_lat, e.g. 35.5,35.0,37.5,36.8") from None
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise InputError(f"bbox {text!r}: need -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90")
    return (x0, y0, x1, y1)
