"""The workbench's pages, rendered on the server (Jinja2, autoescaped): ``/`` (filters, map, timeline, table),
``/incidents/{id}`` (each source report with its evidence marked, the values, claim checks, history and
correction forms) and ``/review`` (the queue).  Scripts are static files (``static/js``), never inline,
so the Content-Security-Policy can forbid inline script outright."""
from __future__ import annotations

from importlib import resources
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from warledger.export import FORMATS
from warledger.serve.api import filters
from warledger.serve.highlight import highlight
from warledger.store.corrections import CORRECTABLE
from warledger.store.query import REVIEW_STATES, Filters

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("warledger.serve").joinpath("templates")))
PAGE = 50
VALUE_FIELDS = ("event_date", "date_range", "time_precision", "event_type", "sub_event_type", "weapon", "actor1",
                "actor2", "location", "admin1", "admin2", "admin3", "country", "latitude", "longitude",
                "geo_precision", "strikes", "fatalities")
COUNT_CATS = ("total", "civilians", "children", "women", "men", "fighters")
QUEUES = {"all": ("Everything waiting for review", {}),
          "problems": ("With problems", {"has_problems": True}),
          "claims": ("A claim check failed", {"claim_failed": True}),
          "places": ("Low-precision places", {"low_precision": True}),
          "merged": ("Merged from several reports", {"merged": True})}


def fmt_range(r: Any) -> str:
    """{"low": 126, "best": None, "high": None} -> "more than 125" style text an analyst reads at a glance."""
    if not isinstance(r, dict):
        return "" if r is None else str(r)
    lo, best, hi = r.get("low"), r.get("best"), r.get("high")
    if lo is not None and lo == best == hi:
        return str(best)
    if best is not None and lo is None and hi is None:
        return f"about {best}"
    if lo is not None and hi is None:
        return f"at least {lo}" + (f" (best {best})" if best is not None and best != lo else "")
    if lo is None and hi is not None:
        return f"at most {hi}" + (f" (best {best})" if best is not None else "")
    return f"{lo}-{hi}" + (f" (best {best})" if best is not None else "")


templates.env.filters["range"] = fmt_range


def place_label(inc: dict[str, Any]) -> str:
    """What the report calls the place; a place known only to its area keeps the report's words (the
    area it was placed at is shown beside them, flagged), so "Jabbala village" never reads as "Idlib"."""
    loc, phrase = inc.get("location"), inc.get("place_phrase")
    if (inc.get("geo_precision") or 0) >= 3 and phrase and phrase != loc:
        return str(phrase)
    return str(loc or phrase or "(no place)")


templates.env.filters["place"] = place_label


def _value_rows(line: dict[str, Any]) -> list[dict[str, Any]]:
    """(field, shown value, corrected?, evidence spans) for the incident page's table of values."""
    reviewed = set(line.get("reviewed_fields") or [])
    ev: dict[str, list[dict[str, Any]]] = {}
    for e in line.get("evidence") or []:
        ev.setdefault(str(e.get("field")), []).append(e)
    if line.get("event_date") is None and line.get("date_range"):  # the date's words stated the range
        ev.setdefault("date_range", []).extend(ev.pop("event_date", []))
    rows = []
    for name in VALUE_FIELDS:
        value = line.get(name)
        shown = fmt_range(value) if isinstance(value, dict) else (" to ".join(value) if isinstance(value, list)
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


def _page_links(request: Request, f: Filters, offset: int, total: int) -> dict[str, Optional[str]]:
    base = f.as_params()
    prev = urlencode(dict(base, offset=max(0, offset - PAGE))) if offset > 0 else None
    nxt = urlencode(dict(base, offset=offset + PAGE)) if offset + PAGE < total else None
    return {"prev": "?" + prev if prev is not None else None, "next": "?" + nxt if nxt is not None else None}


def _common(request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    return {"request": request, "title": settings.title, "tile_url": settings.tile_url or "",
            "read_auth": settings.read_auth}


@router.get("/", response_class=HTMLResponse)
def index(request: Request, offset: int = 0, f: Filters = Depends(filters)) -> HTMLResponse:
    ledger = request.app.state.ledger
    offset = max(0, offset)
    items, total = ledger.page(f, limit=PAGE, offset=offset)
    query = urlencode(f.as_params())
    return templates.TemplateResponse(request, "index.html", dict(
        _common(request), items=items, total=total, offset=offset, f=f, query=query,
        api_link="/api/incidents" + ("?" + query if query else ""), formats=FORMATS,
        states=REVIEW_STATES, links=_page_links(request, f, offset, total)))


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, incident_id: str) -> HTMLResponse:
    ledger = request.app.state.ledger
    line = ledger.detail(incident_id)
    for src in line["sources"]:
        src["html"] = Markup(highlight(src["text"] or "", src["evidence"]))
    return templates.TemplateResponse(request, "incident.html", dict(
        _common(request), inc=line, values=_value_rows(line), correctable=sorted(CORRECTABLE)))


def why_queued(inc: dict[str, Any]) -> list[str]:
    """The reasons an incident waits in the review queue, as short phrases for its row."""
    out = []
    if inc.get("review_conflicts"):
        out.append("changed under a correction")
    n = len(inc.get("problems") or [])
    if n:
        out.append(f"{n} problem{'' if n == 1 else 's'}")
    if len(inc.get("reports") or []) > 1:
        out.append(f"merged from {len(inc['reports'])} reports")
    if (inc.get("geo_precision") or 0) >= 3:
        out.append("place known to its area")
    if not out:
        out.append("not reviewed yet" if inc.get("review_state") == "unreviewed" else "sent back for review")
    return out


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request, queue: str = "all", offset: int = 0) -> HTMLResponse:
    ledger = request.app.state.ledger
    queue = queue if queue in QUEUES else "all"
    label, extra = QUEUES[queue]
    offset = max(0, offset)
    f = Filters.parse(dict({"review_state": "queue"}, **{k: "true" for k in extra}))
    items, total = ledger.page(f, limit=PAGE, offset=offset)
    links = {"prev": f"?{urlencode({'queue': queue, 'offset': max(0, offset - PAGE)})}" if offset > 0 else None,
             "next": f"?{urlencode({'queue': queue, 'offset': offset + PAGE})}" if offset + PAGE < total else None}
    return templates.TemplateResponse(request, "review.html", dict(
        _common(request), items=items, total=total, queue=queue, queues=QUEUES, label=label, offset=offset,
        links=links, why=why_queued))


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
    return templates.TemplateResponse(request, "docs.html", dict(_common(request), routes=routes,
                                                                  version=spec.get("info", {}).get("version")))
