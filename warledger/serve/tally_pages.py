"""The tally page (``/tally``): what ``warledger tally`` and ``GET /api/tally`` give, for the list page's filters:
a table of incidents, strikes, killed and injured by category per perpetrator, admin unit, sub-event type or
period, each column's meaning said once under it, a bar chart of killed per group (drawn by
``static/js/tally.js`` from the table's own rows: no second query), and downloads (the tally as CSV, the
filtered incidents in every export format).  The list page and this one link to each other with the same
filters."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from warledger.errors import InputError
from warledger.export import FORMATS
from warledger.serve.api import FILTER_KEYS, filter_params
from warledger.serve.area import area_context, dates_context
from warledger.serve.pages import page_context, suggestions, templates
from warledger.serve.respell import respell
from warledger.serve.security import reader
from warledger.store.ledger import TALLY_KEYS
from warledger.store.periods import periods_note
from warledger.store.query import REVIEW_STATES, Filters

router = APIRouter(include_in_schema=False)
Rec = dict[str, Any]

GROUPINGS = {"actor1": "perpetrator (actor1)", "admin1": "admin 1 (governorate, province)",
             "admin2": "admin 2 (district)", "sub_event_type": "sub-event type", "day": "day",
             "week": "week (Monday to Sunday)", "month": "month"}
TIME = ("day", "week", "month")
# each tally column: its heading and, said once under the table, what it counts (ledger.tally's docstring)
COLUMNS: dict[str, tuple[str, str]] = {
    "incidents": ("Incidents", "ledger incidents, each counted once however many reports describe it (reports of "
                               "one incident are merged); aggregate claims (\u201c16 civilians since the 2nd\u201d) "
                               "are never counted"),
    "reports": ("Reports", "the reports behind those incidents (a report that describes two incidents counts in "
                           "both rows)"),
    "strikes": ("Strikes", "the strikes (air strikes, shells, drones) the reports state"),
    "killed_total": ("Killed", "each incident's best total of killed (ACLED's fatalities: never below its "
                               "civilians plus fighters, nor below its children, women or men)"),
    "killed_civilians": ("civilians", "killed stated as civilians"),
    "killed_children": ("children", "a sub-count (of the civilians, mostly): never added to any other column"),
    "killed_women": ("women", "a sub-count, as children"),
    "killed_men": ("men", "a sub-count, as children"),
    "killed_fighters": ("fighters", "killed stated as fighters (combatants of any side)"),
    "injured_total": ("Injured", "each incident's best total of injured"),
    "injured_civilians": ("civilians", "injured stated as civilians"),
    "injured_children": ("children", "a sub-count, as for the killed"),
    "injured_women": ("women", "a sub-count, as children"),
    "injured_men": ("men", "a sub-count, as children"),
    "injured_fighters": ("fighters", "injured stated as fighters"),
    "ranges_straddling": ("Ranges straddling", "incidents of the row known only by a date range (\u201cbetween 3 "
                                               "and 9 March\u201d) that reaches outside the row's period: each is "
                                               "counted once, in the period of its range's middle day (as ACLED "
                                               "codes it), never split between periods"),
}
ALWAYS = ("incidents", "reports", "killed_total")   # shown even when every row's figure is empty or 0


def period_bounds(by: str, value: str) -> Optional[tuple[str, str]]:
    """The first and last day of a time row's period ("2019-11" -> 2019-11-01, 2019-11-30)."""
    try:
        if by == "day":
            return value, value
        if by == "week":
            start = date.fromisoformat(value)
            return value, (start + timedelta(days=6)).isoformat()
        first = date.fromisoformat(value + "-01")
        nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
        return first.isoformat(), (nxt - timedelta(days=1)).isoformat()
    except ValueError:
        return None


def row_link(f: Filters, by: str, value: Any) -> Optional[str]:
    """The list page of one row's incidents: the page's filters and the row's value (a period's first and
    last day, narrowed by the page's own dates; the undated: ``dated=false``); None for a category's
    "(none)" row, which no filter names."""
    params = f.as_params()
    if by in TIME:
        if value is None:
            params["dated"] = "false"
        else:
            bounds = period_bounds(by, str(value))
            if bounds is None:
                return None
            params["date_from"] = max(bounds[0], f.date_from or bounds[0])
            params["date_to"] = min(bounds[1], f.date_to or bounds[1])
    elif value is None:
        return None
    else:
        params[by] = str(value)
    return "/?" + urlencode(params)


def shown_columns(rows: list[Rec], by: str) -> tuple[list[str], list[str]]:
    """The columns the table shows (as ``warledger tally``'s table: those some row has a figure for, and
    incidents, reports, killed always) and those left out because no row has one."""
    present = [c for c in (rows[0].keys() if rows else ("incidents",)) if c != by]
    shown = [c for c in present if c in ALWAYS or any(r.get(c) for r in rows)]
    return shown, [c for c in present if c not in shown]


def totals(rows: list[Rec], cols: list[str]) -> Rec:
    """Each column's sum over the rows: None (a blank total) when no row with an incident has a figure, as a
    quiet period's zero row (store/periods.py) gives none; the incidents column counts every row."""
    out: Rec = {}
    for c in cols:
        vals = [r[c] for r in rows if r.get(c) is not None and (c == "incidents" or r.get("incidents"))]
        out[c] = sum(vals) if vals else None
    return out


def _label(by: str, value: Any) -> str:
    if value is not None:
        return str(value)
    return "(undated)" if by in TIME else "(none)"


def tally_view(ledger: Any, f: Filters, by: str) -> Rec:
    """Everything the page shows of a tally: rows with their labels and list links, columns, totals."""
    rows = ledger.tally(by, filters=f)
    cols, empty = shown_columns(rows, by)
    # a period of the filter's range with no incident is a zero row (store/periods.py), marked for the chart
    lines = [{"label": _label(by, r[by]), "missing": r[by] is None, "empty": r[by] is not None and not r["incidents"],
              "link": row_link(f, by, r[by]) if r["incidents"] else None, "cells": r} for r in rows]
    query = urlencode(f.as_params())
    # the chart draws the killed the filter asks about ("Who was killed: civilians": civilians killed), else all
    chart = f"killed_{f.killed}" if f.killed and f.killed != "total" and f"killed_{f.killed}" in cols else "killed_total"
    return {"rows": lines, "cols": cols, "chart_col": chart,
            "chart_words": "Killed" if chart == "killed_total" else f"{f.killed.capitalize() if f.killed else ''} killed", "empty_cols": empty, "totals": totals(rows, cols), "by": by,
            "time": by in TIME, "columns": COLUMNS, "query": query,
            "periods_note": periods_note(rows, by, f.date_from, f.date_to),
            "csv_link": "/api/tally?" + urlencode(dict(by=by, format="csv", **f.as_params())),
            "api_link": "/api/tally?" + urlencode(dict(by=by, **f.as_params())),
            "list_link": "/" + ("?" + query if query else "")}


@router.get("/tally", response_class=HTMLResponse)
def tally_page(request: Request, by: str = "actor1", _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    ledger = request.app.state.ledger
    base = dict(page_context(request), groupings=GROUPINGS, formats=FORMATS, states=REVIEW_STATES,
                choices=ledger.choices())
    try:
        if by not in TALLY_KEYS:
            raise InputError(f"cannot tally by {by!r}: choose one of {', '.join(GROUPINGS)}")
        f = Filters.parse(filter_params(request))
    except InputError as exc:   # the form stays, with what was typed, and says what to mend
        raw = {k: v for k, v in request.query_params.items() if k in FILTER_KEYS}
        return templates.TemplateResponse(request, "tally.html", dict(
            base, error=str(exc), form=raw, by=by if by in GROUPINGS else "actor1"), status_code=400)
    respelt = respell(f, base["choices"])
    view = tally_view(ledger, f, by)
    return templates.TemplateResponse(request, "tally.html", dict(
        base, form=f.as_params(), suggest=suggestions(f, base["choices"]) if not view["rows"] else [], respelt=respelt,
        area=area_context(ledger, f), dates=dates_context(ledger, f), **view))
