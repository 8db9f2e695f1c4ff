"""The workbench's pages for reports and their claim checks: ``/reports/{id}`` (one report's text with every
value read from it marked and labelled, the incidents it made or joined, its aggregate claims added up
against their parts, its problems) and ``/claims`` (every claim check, by status, each linking to its
report).  Rendered on the server like :mod:`warledger.serve.pages`, with its templates and filters."""
from __future__ import annotations

import re
from typing import Any, Optional
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup

from warledger.errors import InputError
from warledger.serve.highlight import highlight, mark_id
from warledger.serve.cite import fmt_range
from warledger.serve.pages import PAGE, templates
from warledger.serve.security import reader
from warledger.store.corrections import get_field
from warledger.store.review import CHECK_STATES, NotFound

router = APIRouter(include_in_schema=False)
Rec = dict[str, Any]
MARK_PREFIX = "r"   # the report page's marks are r-START-END (highlight.mark_id)
PROBLEM = re.compile(r"([A-Z]-[A-Z0-9]+(?:-[A-Z0-9]+)*):\s*(.*)", re.S)
STATUS_ORDER = ("mismatch", "unchecked", "consistent")   # the claims page lists the failed checks first
STATUS_WORDS = {"mismatch": "the parts do not add up to the claim",
                "unchecked": "nothing in the report to check against",
                "consistent": "the parts add up to the claim"}


def report_href(report_id: str) -> str:
    """The report page's address (a report id may hold '/' when it is a file's path)."""
    return "/reports/" + quote(report_id, safe="")


templates.env.filters["report_href"] = report_href


def fmt_bounds(b: Any) -> str:
    """A check's interval {"low": 7, "high": 9} as "7-9"; {"low": 126, "high": None} as "at least 126"."""
    if not isinstance(b, dict) or b.get("low") is None:
        return "?"
    lo, hi = b["low"], b.get("high")
    return f"at least {lo}" if hi is None else (str(lo) if lo == hi else f"{lo}-{hi}")


def shown_value(rec: Rec, name: str) -> str:
    """What a record holds for one evidence field, as the page shows it ("5", "Kafranbel", "2021-03-12 to
    2021-03-15", "school (out of service)")."""
    if name == "event_date" and not rec.get("event_date") and rec.get("date_range"):
        return " to ".join(str(d) for d in rec["date_range"])
    value = get_field(rec, name)
    if isinstance(value, dict):
        return fmt_range(value)
    if isinstance(value, list):
        return "; ".join(_item(v) for v in value)
    return "" if value is None else str(value)


def _item(v: Any) -> str:
    if isinstance(v, dict) and "object" in v:      # damage: {"object": "school", "effect": "out of service"}
        return str(v["object"]) + (f" ({v['effect']})" if v.get("effect") else "")
    if isinstance(v, dict) and "group" in v:       # killed_groups: {"group": ..., "count": {...}}
        return f"{v['group']} {fmt_range(v.get('count'))}"
    return str(v)


def problem_parts(problem: str) -> tuple[str, str]:
    """ "W-DATE-RANGE: event date only known..." -> ("W-DATE-RANGE", "event date only known..."); a problem
    without a code keeps its whole text."""
    m = PROBLEM.fullmatch(problem.strip())
    return (m.group(1), m.group(2)) if m else ("", problem)


def _tagged(recs: list[Rec]) -> dict[str, str]:
    """Each record's short name on the page: incidents I1, I2, ... and aggregate claims C1, C2, ... in the
    order of the report."""
    tags: dict[str, str] = {}
    n = {"incident": 0, "aggregate": 0}
    for rec in recs:
        kind = "aggregate" if rec.get("kind") == "aggregate" else "incident"
        n[kind] += 1
        tags[str(rec.get("record_id"))] = ("C" if kind == "aggregate" else "I") + str(n[kind])
    return tags


def _rows(rec: Rec, tag: str, text: str) -> tuple[list[Rec], list[Rec]]:
    """A record's values with the words behind each (rows for its table), and its evidence labelled for
    the marks: "I2 killed.civilians = 5"."""
    rows: dict[str, Rec] = {}
    spans = []
    for e in rec.get("evidence") or []:
        name = str(e.get("field") or "")
        value = shown_value(rec, name)
        row = rows.setdefault(name, {"field": name, "value": value, "words": []})
        s, t = e.get("start"), e.get("end")
        ok = isinstance(s, int) and isinstance(t, int) and 0 <= s < t <= len(text)
        row["words"].append({"text": text[s:t] if ok else e.get("text"), "start": s, "end": t,
                             "anchor": mark_id(MARK_PREFIX, s, t) if ok else None})
        spans.append(dict(e, tag=tag, label=f"{tag} {name} = {value or '(none)'}"))
    return list(rows.values()), spans


def _check_view(chk: Rec, tags: dict[str, str], incident_of: dict[str, Optional[str]]) -> Rec:
    """One claim check as the page shows it: the claim's figure and words, each part (its record's tag,
    incident, place, figure and words) and the sum written out ("7 + 6 + 3 = 16")."""
    parts = []
    for p in chk.get("parts") or []:
        rid = str(p.get("record_id"))
        parts.append({"tag": tags.get(rid, "?"), "record_id": rid, "incident_id": incident_of.get(rid),
                      "place": p.get("place"), "figure": fmt_bounds(p.get("value")),
                      "words": _anchored(p.get("evidence"))})
    addends = " + ".join(p["figure"] for p in parts)
    total = fmt_bounds(chk.get("parts_sum")) if chk.get("parts_sum") else None
    return dict(chk, claim_figure=fmt_bounds(chk.get("claimed_bounds")),
                claim_words=_anchored(chk.get("claim_evidence")),
                part_views=parts, sum_words=(f"{addends} = {total}" if len(parts) > 1 else total) if total else None,
                claim_tag=tags.get(str(chk.get("record_id")), "?"))


def _anchored(evidence: Any) -> list[Rec]:
    out = []
    for e in evidence or []:
        s, t = e.get("start"), e.get("end")
        anchor = mark_id(MARK_PREFIX, s, t) if isinstance(s, int) and isinstance(t, int) else None
        out.append({"text": e.get("text"), "anchor": anchor})
    return out


def report_view(rep: Rec, lines: dict[str, Rec]) -> Rec:
    """Everything the report page shows, from the stored report (:meth:`Ledger.report`) and the current
    ledger lines of its incidents: the text as marked HTML, one card per record with its values, the
    incidents (each once), the checks grouped under their claims, and the problems split into code and words."""
    text = rep.get("text") or ""
    recs = rep.get("records") or []
    tags = _tagged(recs)
    incident_of = {str(r.get("record_id")): r.get("incident_id") for r in recs}
    cards, spans = [], []
    for rec in recs:
        rid = str(rec.get("record_id"))
        rows, labelled = _rows(rec, tags[rid], text)
        spans.extend(labelled)
        iid = rec.get("incident_id")
        cards.append({"tag": tags[rid], "record": rec, "rows": rows, "incident_id": iid,
                      "line": lines.get(str(iid)) if iid else None,
                      "problems": [problem_parts(str(p)) for p in rec.get("problems") or []],
                      "checks": [_check_view(c, tags, incident_of) for c in rep.get("checks") or []
                                 if str(c.get("record_id")) == rid]})
    incidents, seen = [], set()
    for card in cards:
        iid = card["incident_id"]
        if card["record"].get("kind") == "aggregate" or not iid or iid in seen:
            continue
        seen.add(iid)
        line = card["line"] or {}
        others = [r for r in line.get("reports") or [] if r != rep.get("report_id")]
        incidents.append({"incident_id": iid, "line": card["line"], "others": others,
                          "tags": [(c["tag"], c["record"].get("record_id")) for c in cards if c["incident_id"] == iid]})
    counts = {s: sum(1 for c in rep.get("checks") or [] if c.get("status") == s) for s in STATUS_ORDER}
    return {"html": Markup(highlight(text, spans, prefix=MARK_PREFIX)), "cards": cards, "incidents": incidents,
            "claims": [c for c in cards if c["record"].get("kind") == "aggregate"],
            "records": [c for c in cards if c["record"].get("kind") != "aggregate"], "check_counts": counts,
            "problems": [problem_parts(str(p)) for p in rep.get("problems") or []]}


def _context(request: Request) -> Rec:
    settings = request.app.state.settings
    return {"request": request, "title": settings.title, "tile_url": settings.tile_url or "",
            "read_auth": settings.read_auth}


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, status: Optional[str] = None, offset: int = 0,
                _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    """The claim checks, mismatches first (or one status), 50 a page, each with its report's source and date."""
    ledger = request.app.state.ledger
    if status and status not in CHECK_STATES:
        raise InputError(f"status {status!r}: the claims page shows {', '.join(STATUS_ORDER)}, or all of them")
    offset = max(0, offset)
    items, total = ledger.claims(status or None, limit=PAGE, offset=offset, mismatch_first=not status)
    heads = ledger.report_heads(list(dict.fromkeys(str(c.get("report_id")) for c in items)))
    rows = [dict(_check_view(c, {}, {}), head=heads.get(str(c.get("report_id"))) or {}) for c in items]
    base = {"status": status} if status else {}
    links = {"prev": "?" + urlencode(dict(base, offset=max(0, offset - PAGE))) if offset > 0 else None,
             "next": "?" + urlencode(dict(base, offset=offset + PAGE)) if offset + PAGE < total else None}
    counts = ledger.claim_counts()
    return templates.TemplateResponse(request, "claims.html", dict(
        _context(request), rows=rows, total=total, offset=offset, status=status or "", counts=counts,
        order=STATUS_ORDER, words=STATUS_WORDS, links=links, all_total=sum(counts.values())))


@router.get("/reports/{report_id:path}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str, _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    ledger = request.app.state.ledger
    try:
        rep = ledger.report(report_id)
    except NotFound:
        raise NotFound(f"there is no report {report_id!r} in this ledger: check the id (an incident's page and the "
                       "claims page link to the reports they come from; a report re-read under another id is "
                       "stored under that id)") from None
    lines = ledger.lines(list(dict.fromkeys(str(r["incident_id"]) for r in rep["records"] if r.get("incident_id"))))
    return templates.TemplateResponse(request, "report.html", dict(
        _context(request), rep=rep, view=report_view(rep, lines), words=STATUS_WORDS))
