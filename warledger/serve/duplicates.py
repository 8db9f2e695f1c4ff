"""The possible duplicates queue: ``GET /api/duplicates`` (pairs of incidents not merged that may be one event,
ranked, with the reasons in words and as codes), ``POST /api/duplicates/apart`` (the analyst's "not the same":
remembered, audited, and never shown or merged again while it stands), ``POST /api/duplicates/undo`` and the
``/duplicates`` page (each pair side by side, Merge and "Not the same", by keyboard).  The pairs come from
:meth:`warledger.store.duplicates.DuplicatesMixin.duplicate_pairs`."""
from __future__ import annotations

import threading
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, Field

from warledger.serve.api import FILTER_DOC, VERSION_DOC, filters
from warledger.serve.area import area_context, dates_context
from warledger.serve.pages import page_context, suggestions, templates
from warledger.serve.respell import respell
from warledger.serve.security import reader, require_token
from warledger.store.query import REVIEW_STATES, Filters

api_router = APIRouter(prefix="/api")
page_router = APIRouter(include_in_schema=False)
Rec = dict[str, Any]
PAGE_PAIRS = 20

DUPLICATES_DOC = ("Pairs of incidents that deduplication did not merge but may be one event, best first: each with "
                  "a `score` and its `reasons` ({code, words, weight}: same-day or dates-overlap, same-place, near "
                  "(km apart), same-admin2/same-admin1 when one is an area, same-actor1, same-sub-event, killed-same "
                  "(\"killed 4 vs 4\"), same-source; and what speaks against: different-actor1, different-type, "
                  "killed-differ), and the two `incidents` (their lines, `version`, and `sources` with the words "
                  "behind their values). A pair the automatic rules call contradictory (different days, different "
                  "places, two admin1 units) is never listed, nor a pair an analyst answered 'not the same'. Both "
                  "incidents are in the filters. " + FILTER_DOC)


class ApartBody(BaseModel):
    incident_ids: list[str] = Field(min_length=2, max_length=2, description="the two incidents")
    reason: Optional[str] = Field(default=None, max_length=2000)
    base_versions: Optional[dict[str, int]] = Field(default=None, description="{incident_id: version}: "
                                                    + VERSION_DOC)


class UndoApartBody(BaseModel):
    decision: int = Field(ge=1, description="the decision's number (the `decision` POST /api/duplicates/apart "
                                            "gave; in the history of either incident)")
    reason: Optional[str] = Field(default=None, max_length=2000)


def warm(ledger: Any) -> threading.Thread:
    """Rank the whole ledger's possible duplicates in the background once the server starts, so the first
    GET /api/duplicates answers from memory (ranking 15,000 incidents takes about a second)."""
    def run() -> None:
        try:
            ledger.duplicate_pairs(limit=1)
        except Exception:  # a warm-up only: the first request ranks them itself, and says what went wrong
            pass
    thread = threading.Thread(target=run, name="warledger-duplicates-warm-up", daemon=True)
    thread.start()
    return thread


@api_router.get("/duplicates", description=DUPLICATES_DOC)
def duplicates(request: Request, limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0),
               f: Filters = Depends(filters), _who: Optional[str] = Depends(reader)) -> Rec:
    items, total = request.app.state.ledger.duplicate_pairs(f, limit=limit, offset=offset)
    return {"items": items, "total": total, "limit": limit, "offset": offset}


@api_router.post("/duplicates/apart", description="Answer 'not the same' for two incidents: the pair leaves the "
                 "duplicates queue for good, and a merge of the two (by hand or by a later ingest) is refused while "
                 "the answer stands, in words naming who kept them apart. Audited on both incidents; answers "
                 "{decision, incident_ids}. POST /api/duplicates/undo takes it back.")
def keep_apart(request: Request, body: ApartBody, who: str = Depends(require_token)) -> Rec:
    return dict(request.app.state.ledger.keep_apart(body.incident_ids, who=who, reason=body.reason,
                                                    base_versions=body.base_versions))


@api_router.post("/duplicates/undo", description="Undo a 'not the same' answer (its decision number): the pair may "
                 "be listed and merged again. Audited on both incidents.")
def undo_apart(request: Request, body: UndoApartBody, who: str = Depends(require_token)) -> Rec:
    return dict(request.app.state.ledger.undo_apart(body.decision, who=who, reason=body.reason))


@page_router.get("/duplicates", response_class=HTMLResponse)
def duplicates_page(request: Request, offset: int = 0, _who: Optional[str] = Depends(reader)) -> HTMLResponse:
    """The queue of possible duplicates, a pair at a time side by side, with the list's filters."""
    from warledger.serve.api import filter_params

    params = filter_params(request)
    f = Filters.parse(params)
    choices = request.app.state.ledger.choices()
    respelt = respell(f, choices)
    offset = max(0, offset)
    items, total = request.app.state.ledger.duplicate_pairs(f, limit=PAGE_PAIRS, offset=offset)
    keep = f.as_params()
    links = {"prev": "?" + urlencode(dict(keep, offset=str(max(0, offset - PAGE_PAIRS)))) if offset > 0 else None,
             "next": "?" + urlencode(dict(keep, offset=str(offset + PAGE_PAIRS)))
             if offset + PAGE_PAIRS < total else None}
    api_link = "/api/duplicates?" + urlencode(dict(keep, limit=str(PAGE_PAIRS), offset=str(offset)))
    return templates.TemplateResponse(request, "duplicates.html", dict(
        page_context(request), items=items, total=total, offset=offset, links=links, filters=keep,
        api_link=api_link, form=keep, states=REVIEW_STATES, choices=choices, respelt=respelt,
        suggest=suggestions(f, choices) if total == 0 else [],
        area=area_context(request.app.state.ledger, f), dates=dates_context(request.app.state.ledger, f)))
