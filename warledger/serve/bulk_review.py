"""Bulk review (``POST /api/incidents/review``): accept or reject several incidents with one reason, as the
review queue's "selected rows" buttons do.

Each incident goes through :meth:`warledger.store.Ledger.review`, the call a single review makes, in its own
transaction: one audit row per incident, each checked against the version the analyst's page showed.  An
incident changed since (or merged away, or gone) is refused by itself, with the reason in words, and the
others are done: one stale row never blocks a page of good ones, and nothing is reviewed unseen.
"""
from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from warledger.errors import InputError
from warledger.serve.api import VERSION_DOC
from warledger.serve.security import require_token
from warledger.store.review import NotFound
from warledger.store.team import Stale

router = APIRouter(prefix="/api")
Rec = dict[str, Any]
MAX_BULK = 500
ACTIONS = ("accept", "reject", "reopen")


class BulkReviewBody(BaseModel):
    incident_ids: list[str] = Field(min_length=1, max_length=MAX_BULK, description="the incidents to review")
    action: str = Field(description="accept, reject or reopen: the same for all")
    reason: Optional[str] = Field(default=None, max_length=2000, description="one reason, kept on every audit row")
    base_versions: Optional[dict[str, int]] = Field(default=None, description="{incident_id: version}: " + VERSION_DOC)


def _name(line: Rec) -> str:
    """How an analyst knows an incident in a sentence: its place and date ("Maaraba, 2023-06-02")."""
    place = line.get("location") or line.get("place_phrase") or "no place"
    day = line.get("event_date") or " to ".join(line.get("date_range") or []) or "undated"
    return f"{place}, {day}"


def review_many(ledger: Any, body: BulkReviewBody, who: str) -> Rec:
    """Review each incident in turn; what was done, what was refused and why, and both counts in words."""
    if body.action not in ACTIONS:
        raise InputError(f"review action {body.action!r}: use one of {', '.join(ACTIONS)}")
    versions = body.base_versions or {}
    done: list[Rec] = []
    refused: list[Rec] = []
    for iid in dict.fromkeys(body.incident_ids):   # each once, in the order given
        try:
            line = ledger.review(iid, body.action, who=who, reason=body.reason, base_version=versions.get(iid))
        except Stale as exc:
            why = "changed since your page was drawn: " + exc.said if exc.said else str(exc)
            refused.append({"incident_id": iid, "name": _stale_name(ledger, iid), "why": why,
                            "newer": exc.newer, "version": exc.version})
            continue
        except NotFound as exc:
            refused.append({"incident_id": iid, "name": iid, "why": str(exc), "merged_into": exc.merged_into})
            continue
        done.append({"incident_id": iid, "name": _name(line), "review_state": line.get("review_state"),
                     "version": line.get("version")})
    return {"action": body.action, "done": done, "refused": refused, "message": _words(body.action, done, refused)}


def _stale_name(ledger: Any, iid: str) -> str:
    try:
        return _name(ledger.incident(iid))
    except NotFound:
        return iid


PAST = {"accept": "accepted", "reject": "rejected", "reopen": "reopened"}


def _words(action: str, done: list[Rec], refused: list[Rec]) -> str:
    """"3 incidents rejected; 1 refused: Maaraba, 2023-06-02 (changed since your page was drawn ...)"."""
    n = len(done)
    out = f"{n} incident{'' if n == 1 else 's'} {PAST[action]}"
    if refused:
        out += f"; {len(refused)} refused, left as they were: " + "; ".join(
            f"{r['name']} ({r['why']})" for r in refused)
    return out + "."


@router.post("/incidents/review", description="Accept, reject or reopen several incidents with one reason (the "
             "review queue's selected rows). Each is reviewed as POST /api/incidents/{id}/review does it, one audit "
             "row each; with `base_versions`, an incident changed since the analyst's page was drawn is refused by "
             f"itself and the others are done. At most {MAX_BULK} a request. The answer: `done` and `refused` (each "
             "with its `name`, place and date, and for a refusal `why` in words and the `newer` audit rows) and "
             "`message`, the counts in words.")
def bulk_review(request: Request, body: BulkReviewBody, who: str = Depends(require_token)) -> Rec:
    return review_many(request.app.state.ledger, body, who)
