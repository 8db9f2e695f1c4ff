"""The workbench's pages, rendered on the server (Jinja2, autoescaped): ``/`` (filters, map, timeline, table),
``/incidents/{id}`` (each source report with its evidence marked, the values, claim checks, history and
correction forms) and ``/review`` (the queue).  Scripts are static files (``static/js``), never inline,
so the Content-Security-Policy can forbid inline script outright."""
from __future__ import annotations

import difflib
import re
from datetime import date, timedelta
from importlib import resources
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from warledger.export import FORMATS
from warledger.export.common import at_area, country_guessed, spelt_otherwise
from warledger.errors import InputError
from warledger.serve.api import FILTER_KEYS, filter_params
from warledger.serve.area import area_context, dates_context, without
from warledger.serve.cite import citation, fmt_range
from warledger.serve.highlight import highlight, mark_id
from warledger.serve.respell import respell
from warledger.serve.security import reader
from warledger.errors import problem_code
from warledger.reconcile.disagree import range_words
from warledger.store.corrections import CORRECTABLE, undos
from warledger.store.query import REVIEW_STATES, Filters, iso_date, order_by

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("warledger.serve").joinpath("templates")))
PAGE = 50
VALUE_FIELDS = ("event_date", "date_range", "time_precision", "event_type", "sub_event_type", "weapon", "actor1",
                "assoc_actor_1", "actor2", "assoc_actor_2", "location", "admin1", "admin2", "admin3", "country", "latitude", "longitude",
                "geo_precision", "strikes", "fatalities")
COUNT_CATS = ("total", "civilians", "children", "women", "men", "fighters")
QUEUES = {"all": ("Everything waiting for review", {}),
          "problems": ("With problems", {"has_problems": True}),
          "claims": ("A claim check failed", {"claim_failed": True}),
          "places": ("Low-precision places", {"low_precision": True}),
          "merged": ("Merged from several reports", {"merged": True})}


templates.env.filters["range"] = fmt_range
templates.env.globals["without"] = without


# the place's kind as the map draws it (warledger.export.common: the exports' place_guess is their union)
templates.env.tests["at_area"] = at_area
templates.env.tests["spelt_otherwise"] = spelt_otherwise
templates.env.tests["country_guessed"] = country_guessed


def place_label(inc: dict[str, Any]) -> str:
    """What the report calls the place; a place known only to its area keeps the report's words (the
    area it was placed at is shown beside them, flagged), so "Jabbala village" never reads as "Idlib"."""
    loc, phrase = inc.get("location"), inc.get("place_phrase")
    if (at_area(inc) or spelt_otherwise(inc)) and phrase and phrase != loc:
        return str(phrase)
    return str(loc or phrase or "(no place)")


templates.env.filters["place"] = place_label


def _value_rows(line: dict[str, Any]) -> list[dict[str, Any]]:
    """(field, shown value, corrected?, evidence spans) for the incident page's table of values."""
    reviewed = set(line.get("reviewed_fields") or [])
    ev: dict[str, list[dict[str, Any]]] = {}
    for e in line.get("evidence") or []:
        ev.setdefault(str(e.get("field")), []).append(e)
    rng = line.get("date_range")
    if rng and rng[0] != rng[-1]:  # the date's words stated the range (event_date is then its representative day)
        ev.setdefault("date_range", []).extend(ev.pop("event_date", []))
    rows = []
    for name in VALUE_FIELDS:
        value = line.get(name)
        joiner = "; " if name.startswith("assoc_") else " to "   # associates are names; date_range two days
        shown = fmt_range(value) if isinstance(value, dict) else (joiner.join(value) if isinstance(value, list)
                                                                  and all(isinstance(v, str) for v in value)
                                                                  else ("" if value is None else str(value)))
        rows.append({"field": name, "value": shown, "reviewed": name in reviewed, "evidence": ev.get(name, [])})
    for section in ("killed", "injured"):
        block = line.get(section) or {}
        for cat in COUNT_CATS:
            name = f"{section}.{cat}"
            if block.get(cat) is None and name not in reviewed and name not in ev:
                continue
            rows.append({"field": name, "value": fmt_range(block.get(cat)), "reviewed": name in reviewed,
                         "evidence": ev.get(name, [])})
    return rows


SORTABLE = {"date": "Date", "place": "Place", "killed": "Killed"}
SORT_WORDS = {"date": "oldest first", "-date": "newest first", "killed": "fewest killed first",
              "-killed": "most killed first", "place": "by place, A to Z", "-place": "by place, Z to A"}
FIRST_WAY = {"date": "-date", "place": "place", "killed": "-killed"}   # newest, A to Z, most killed


def sort_links(f: Filters, sort: Optional[str]) -> dict[str, dict[str, str]]:
    """Each sortable column's header link (the same filters, that column's order; a second click reverses
    it) and its ``aria-sort``."""
    out = {}
    for col in SORTABLE:
        now = sort or "date"
        on = now.lstrip("-") == col
        nxt = (col if now.startswith("-") else "-" + col) if on else FIRST_WAY[col]
        state = ("descending" if now.startswith("-") else "ascending") if on else "none"
        out[col] = {"href": "?" + urlencode(dict(f.as_params(), sort=nxt)), "aria": state,
                    "arrow": {"descending": " ↓", "ascending": " ↑"}.get(state, "")}
    return out


NAMED = ("actor", "actor1", "admin1", "admin2", "country", "event_type", "sub_event_type")   # exact-match filters


def suggestions(f: Filters, choices: dict[str, list[str]]) -> list[dict[str, Any]]:
    """For each exact-match filter whose typed value is no known name ("Russia", "Idlib"), the known names
    that hold it or are spelled close to it ("Military Forces of Russia (2000-)", "Idleb"), each with the
    link that filters by it instead."""
    out = []
    for name in NAMED:
        typed = getattr(f, name)
        known = choices.get(name) or []
        if not typed or typed in known:
            continue
        low = typed.lower()
        near = [v for v in known if low in v.lower()] or difflib.get_close_matches(typed, known, n=5, cutoff=0.6)
        out.append({"field": name, "typed": typed,
                    "near": [(v, "?" + urlencode(dict(f.as_params(), **{name: v}))) for v in near[:5]]})
    return out


def _page_links(request: Request, f: Filters, offset: int, total: int,
                sort: Optional[str] = None) -> dict[str, Optional[str]]:
    base = dict(f.as_params(), **({"sort": sort} if sort else {}))
    prev = urlencode(dict(base, offset=max(0, offset - PAGE))) if offset > 0 else None
    nxt = urlencode(dict(base, offset=offset + PAGE)) if offset + PAGE < total else None
    return {"prev": "?" + prev if prev is not None else None, "next": "?" + nxt if nxt is not None else None}


def page_context(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    return {"request": request, "title": settings.title, "tile_url": settings.tile_url or "",
            "read_auth": settings.read_auth}


def wants_page(request: Request) -> bool:
    """A workbench page (not the API, not a static file) was asked for: its errors are pages too, with the
    message and the way back, not a JSON body in the browser's window."""
    path = request.url.path
    return not path.startswith(("/api/", "/static/", "/openapi.json")) and path != "/api"


def error_page(request: Request, status: int, message: str, merged_into: Optional[str] = None) -> HTMLResponse:
    heading = {400: "That filter cannot be read", 401: "This ledger needs a token to read",
               404: "Not found", 422: "That address cannot be read"}.get(status, "The ledger cannot answer")
    if status == 401:
        message = "Enter your token in the Token box at the top; the page opens once it is set " \
                  "(warledger token create NAME makes one)."
    if merged_into:
        heading = "Merged into another incident"
    return templates.TemplateResponse(request, "error.html", dict(
        page_context(request), heading=heading, message=message, merged_into=merged_into, status=status),
        status_code=status, headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)


@router.get("/", response_class=HTMLResponse)
def index(request: Request, offset: int = 0, sort: Optional[str] = None,
          _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    ledger = request.app.state.ledger
    offset = max(0, offset)
    try:
        f = Filters.parse(filter_params(request))
        if sort is not None:
            order_by(sort)   # refused here, with the filter bar, when it is not a known order
    except InputError as exc:   # the filter bar stays, with what was typed, and says what to mend
        raw = {k: v for k, v in request.query_params.items() if k in FILTER_KEYS}
        return templates.TemplateResponse(request, "index.html", dict(
            page_context(request), error=str(exc), form=raw, items=[], total=0, offset=0, query="", api_link="",
            formats=FORMATS, states=REVIEW_STATES, links={}, sort="", sorts={}, choices=ledger.choices(),
            suggest=[]), status_code=400)
    choices = ledger.choices()
    respelt = respell(f, choices)   # "Idlib" read as the ledger's "Idleb", and said
    items, total = ledger.page(f, limit=PAGE, offset=offset, sort=sort)
    query = urlencode(f.as_params())
    listed = urlencode(dict(f.as_params(), **({"sort": sort} if sort else {})))
    return templates.TemplateResponse(request, "index.html", dict(
        page_context(request), items=items, total=total, offset=offset, form=f.as_params(), query=query,
        outside_tables=ledger.outside_tables(f) if total else 0, area=area_context(ledger, f),
        dates=dates_context(ledger, f),
        api_link="/api/incidents" + ("?" + listed if listed else ""), formats=FORMATS, sort=sort or "",
        order=SORT_WORDS[sort or "date"], sorts=sort_links(f, sort), states=REVIEW_STATES,
        links=_page_links(request, f, offset, total, sort), choices=choices, came=listed,
        suggest=suggestions(f, choices) if total == 0 else [], respelt=respelt))


def report_says(entry: dict[str, Any]) -> str:
    """What one report of a merged incident states of its toll ("killed 3: civilians 3; injured:
    civilians 10"), so that the sources can be compared beside the merged range; "" when it states none."""
    out = []
    for section in ("killed", "injured"):
        block = entry.get(section) or {}
        cats = [f"{cat} {fmt_range(block[cat])}" for cat in COUNT_CATS if cat != "total" and block.get(cat)]
        total = block.get("total") or (entry.get("fatalities") if section == "killed" else None)
        head = f"{section} {fmt_range(total)}" if total is not None else section
        if total is not None or cats:
            out.append(head + (": " + ", ".join(cats) if cats else ""))
    return "; ".join(out)


def figures_by_report(line: dict[str, Any]) -> list[dict[str, Any]]:
    """Each report's own figures of a merged incident side by side, one row per count any of them states: the
    ledger's value, and each report's figure with which end of the ledger's range it gives ("low", "best",
    "high": the range spans what the reports say).  A corrected field is the analyst's value: no report gave it.
    [] for an incident of one report."""
    per = line.get("per_report") or []
    if len(per) < 2:
        return []
    reviewed = set(line.get("reviewed_fields") or [])
    rows = []
    for section in ("killed", "injured"):
        for cat in COUNT_CATS:
            field = f"{section}.{cat}"
            merged = (line.get(section) or {}).get(cat)
            cells = [(p.get(section) or {}).get(cat) for p in per]
            if merged is None and not any(cells):
                continue
            words = {range_words(c) for c in cells if isinstance(c, dict)}
            rows.append({"field": field, "value": fmt_range(merged), "corrected": field in reviewed,
                         "differ": len(words) > 1,   # the reports disagree: "this holds" picks one of them
                         "cells": [{"report_id": p.get("report_id"), "value": fmt_range(c),
                                    "words": range_words(c) if isinstance(c, dict) else "",
                                    "gives": [] if field in reviewed or not isinstance(merged, dict) or not c else
                                    [k for k in ("low", "best", "high") if c.get(k) is not None
                                     and c.get(k) == merged.get(k)]} for p, c in zip(per, cells)]})
    return rows


def mark_undoable(line: dict[str, Any]) -> None:
    """Give the incident's last merge an ``undo`` (the records it brought in) when nothing has moved records
    since and they are all still here: the history's "Undo this merge" splits exactly those out."""
    moves = [h for h in line.get("history") or [] if h.get("action") in ("merge", "split")]
    if not moves or moves[-1].get("action") != "merge":
        return
    last = moves[-1]
    brought = list((last.get("data") or {}).get("records") or [])
    members = set(line.get("records") or [])
    if brought and set(brought) <= members and len(brought) < len(members):
        last["undo"] = brought


CANDIDATES = 10   # merge candidates listed on an incident's page


def merge_candidates(ledger: Any, line: dict[str, Any]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Other incidents that may be this one: the same admin1 (else the same country) on a day within one
    day of its dates.  The list only helps the analyst find an id for the merge form; it merges nothing."""
    days = line.get("date_range") or ([line["event_date"]] * 2 if line.get("event_date") else None)
    area = {"admin1": line["admin1"]} if line.get("admin1") else (
        {"country": line["country"]} if line.get("country") else None)
    if not days or not area or not all(isinstance(d, str) for d in days):
        return [], {}
    try:
        lo = (date.fromisoformat(days[0]) - timedelta(days=1)).isoformat()
        hi = (date.fromisoformat(days[-1]) + timedelta(days=1)).isoformat()
    except ValueError:
        return [], {}
    params = dict(area, date_from=lo, date_to=hi)
    items, _ = ledger.page(Filters.parse(params), limit=CANDIDATES + 1)
    found = [i for i in items if i["incident_id"] != line["incident_id"]][:CANDIDATES]
    apart = ledger.kept_apart_from(line["incident_id"], [i["incident_id"] for i in found])
    for i in found:   # an analyst said "not the same": no Merge button (a merge would be refused)
        i["kept_apart"] = apart.get(i["incident_id"])
    return found, params


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str, _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    ledger = request.app.state.ledger
    line = ledger.detail(incident_id)
    prefix = {}
    for n, src in enumerate(line["sources"], 1):
        prefix[src["report_id"]] = f"ev{n}"
        src["html"] = Markup(highlight(src["text"] or "", src["evidence"], prefix=f"ev{n}"))
    for e in line.get("evidence") or []:   # each quote beside a value links to its words in the report
        if e.get("report_id") in prefix and isinstance(e.get("start"), int) and isinstance(e.get("end"), int):
            e["anchor"] = mark_id(prefix[e["report_id"]], e["start"], e["end"])
    mark_undoable(line)
    corrections = [h for h in line.get("history") or [] if h.get("action") == "correct"]
    line["undone_groups"] = sorted(undos(corrections))   # a pick whose old undo was taken back out: undoable again
    says = {e.get("report_id"): report_says(e) for e in line.get("per_report") or []}
    for src in line["sources"]:
        src["says"] = says.get(src["report_id"], "") if len(line["sources"]) > 1 else ""
    candidates, near = merge_candidates(ledger, line)
    return templates.TemplateResponse(request, "incident.html", dict(
        page_context(request), inc=line, values=_value_rows(line), correctable=sorted(CORRECTABLE),
        figures=figures_by_report(line), citation=citation(line, str(request.base_url)),
        disagree=disagreeing_values(line), run=problem_run(request),
        candidates=candidates, near=urlencode(near)))


def problem_run(request: Request) -> Optional[dict[str, str]]:
    """The filtered list an incident page was opened from (its query: any filter or order of the list page): the
    page's "Next" goes on to the next incident of that list, in the list's order; ``code`` names the problem the
    list is filtered by, "" for another filter (None: not opened from a filtered list)."""
    try:
        f = Filters.parse(filter_params(request))
        sort = request.query_params.get("sort")
        if sort:
            order_by(sort)
    except InputError:
        return None
    query = urlencode(dict(f.as_params(), **({"sort": sort} if sort else {})))
    if not query:
        return None
    return {"code": f.problem or "", "query": query}


@router.get("/incidents/{incident_id}/next", response_class=HTMLResponse)
def next_with_problem(request: Request, incident_id: str, _who: Optional[str] = Depends(reader)) -> Response:
    """The next incident of the list filter after this one, in the list's order: its page, with the filter kept, so
    a run of answers needs no trip back to the list; the list itself when none is left.  Found from this incident's
    place in the order, however far down (:meth:`~warledger.store.Ledger.next_in_list`): one just answered has
    left a problem filter but not its place, so the next is the one after it, as after one skipped."""
    run = problem_run(request)
    if run is None:
        raise InputError("next in this list: the address names no filter of the list (e.g. problem=CODE, country=...)")
    nxt = request.app.state.ledger.next_in_list(incident_id, Filters.parse(filter_params(request)),
                                                request.query_params.get("sort"))
    if nxt is None:
        return RedirectResponse("/?" + run["query"], status_code=303)
    return RedirectResponse(f"/incidents/{nxt}?{run['query']}", status_code=303)


DISAGREE_PART = re.compile(r"(.+?) \(([^()]+)\)(?=; |$)")


def disagreeing_values(line: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Per open problem naming a field the reports disagree on, each value with the reports that give it, read from
    the problem's words ("reports disagree on actor1: A (r1); B (r2, r3)"), for its "holds" buttons: a value only
    when every report it names is one of the incident's, a field only when a correction can set it.  Counts are left
    to the figures table's "this holds"."""
    from warledger.errors import named_field, problem_code

    reports, out = set(line.get("reports") or []), {}
    for problem in line.get("problems") or []:
        field = named_field(problem) if problem_code(problem) == "W-REPORTS-DISAGREE" else None
        if not field or field not in CORRECTABLE or field.startswith(("killed.", "injured.")):
            continue
        parts = []
        for m in DISAGREE_PART.finditer(problem.split(f"on {field}: ", 1)[-1]):
            ids = [i.strip() for i in m.group(2).split(",")]
            if all(i in reports for i in ids):
                parts.append({"value": m.group(1).lstrip("; "), "reports": ids})
        if len(parts) > 1:
            out[problem] = [dict(p, field=field) for p in parts]
    return out


def why_queued(inc: dict[str, Any]) -> list[str]:
    """The reasons an incident waits in the review queue, as short phrases for its row."""
    out = []
    if inc.get("review_conflicts"):
        out.append("changed under a correction")
    codes = list(dict.fromkeys(problem_code(p) for p in inc.get("problems") or []))
    if codes:   # which problems, by code (the row's title has their words): "3 problems" said nothing to triage by
        n = len(inc.get("problems") or [])
        out.append(f"{n} problem{'' if n == 1 else 's'}: {', '.join(codes)}")
    if len(inc.get("reports") or []) > 1:
        out.append(f"merged from {len(inc['reports'])} reports")
    if at_area(inc):
        out.append("place known to its area")
    elif spelt_otherwise(inc):
        out.append("place found by a near spelling")
    if not out:
        out.append("not reviewed yet" if inc.get("review_state") == "unreviewed" else "sent back for review")
    return out


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, queue: str = "all", offset: int = 0,
                _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    ledger = request.app.state.ledger
    queue = queue if queue in QUEUES else "all"
    label, extra = QUEUES[queue]
    offset = max(0, offset)
    f = Filters.parse(dict({"review_state": "queue"}, **{k: "true" for k in extra}))
    items, total = ledger.page(f, limit=PAGE, offset=offset)
    ids = [i["incident_id"] for i in items]
    versions, held = ledger.versions(ids), ledger.holders(ids)
    for inc in items:   # what a review from this row was made against, and who has it open (store/team.py)
        inc["version"], inc["held"] = versions.get(inc["incident_id"], 0), held.get(inc["incident_id"])
    links = {"prev": f"?{urlencode({'queue': queue, 'offset': max(0, offset - PAGE)})}" if offset > 0 else None,
             "next": f"?{urlencode({'queue': queue, 'offset': offset + PAGE})}" if offset + PAGE < total else None}
    return templates.TemplateResponse(request, "review.html", dict(
        page_context(request), items=items, total=total, queue=queue, queues=QUEUES, label=label, offset=offset,
        links=links, why=why_queued))


AUDIT_ACTIONS = ("", "correct", "review", "merge", "split", "export", "apart", "unapart", "recheck")


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    """The audit trail by analyst, day, action and incident: the page's script asks GET /api/audit with the
    analyst's token (the trail needs one) and offers an Undo on each correction."""
    q = request.query_params
    form = {k: q.get(k, "").strip() for k in ("who", "day", "action", "incident_id")}
    try:   # the day checked as the filter bar's dates are, in the same words
        iso_date(form["day"], "day")
    except InputError as exc:
        return templates.TemplateResponse(request, "audit.html", dict(page_context(request), form=form,
                                          actions=AUDIT_ACTIONS, error=str(exc)), status_code=400)
    return templates.TemplateResponse(request, "audit.html", dict(page_context(request), form=form,
                                                                  actions=AUDIT_ACTIONS))


@router.get("/reports/new", response_class=HTMLResponse)
def add_report_page(request: Request, _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    """A form to paste one report (any language) with its source, address and date; the script sends it to
    POST /api/reports/one with the analyst's token and shows what was stored."""
    from warledger.serve.adding import MAX_TEXT

    return templates.TemplateResponse(request, "add_report.html", dict(
        page_context(request), max_text=MAX_TEXT, max_body=request.app.state.settings.max_body))


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's reference, rendered here from its OpenAPI description (``/openapi.json``): no CDN-hosted
    documentation viewer, so it works offline and under the same Content-Security-Policy."""
    spec = request.app.openapi()
    routes = []
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p.get("name"), "where": p.get("in"), "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type") or "", "doc": p.get("description") or ""}
                      for p in op.get("parameters", [])]
            body = (op.get("requestBody") or {}).get("content", {})
            routes.append({"method": method.upper(), "path": path, "summary": op.get("summary") or "",
                           "doc": op.get("description") or "", "params": params,
                           "body": ", ".join(body), "auth": method.upper() != "GET" or path == "/api/audit"})
    return templates.TemplateResponse(request, "docs.html", dict(page_context(request), routes=routes,
                                                                  version=spec.get("info", {}).get("version")))
