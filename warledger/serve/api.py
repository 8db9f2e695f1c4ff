"""The JSON API (``/api/...``).  Its fixed points are in the evaluation contract ("Serving"): the list and
detail shapes, the correction body, the bearer token.  Every list is paginated (limit/offset) or
streamed, and every list and export takes the same filters (:class:`warledger.store.query.Filters`).

Endpoints are plain ``def`` functions: FastAPI runs them in its thread pool, and the ledger's SQLAlchemy
engine pools the connections.  The big reads return their response themselves: a page of incidents
sends the stored JSON lines as they are, the map and the timeline a ``JSONResponse`` (their values are
already JSON types); FastAPI's generic encoder (``jsonable_encoder``, pure Python, every nested value)
cost more than the database on a page of 50 (measured with ``warledger bench-serve``).
"""
from __future__ import annotations

import json
import re
from typing import Any, Iterator, Optional, Union

from fastapi import APIRouter, Body, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from warledger.errors import InputError
from warledger.serve.security import reader, require_token
from warledger.store.query import FILTER_HELP, Filters
from warledger.store.team import CHANGES, PAIR_ANSWERS, changes_since, changes_since_each

router = APIRouter(prefix="/api")
Rec = dict[str, Any]

FILTER_DOC = ("Filters (all optional, combined with AND): date_from, date_to (YYYY-MM-DD; an incident known "
              "by a date range matches when its range overlaps), actor (actor1 or actor2), actor1, admin1, admin2, "
              "country, event_type, sub_event_type, bbox=min_lon,min_lat,max_lon,max_lat, review_state "
              "(unreviewed, needs_review, accepted, rejected, or queue), has_problems, claim_failed, "
              "low_precision, merged, dated (false: the undated), placed (false: those with no coordinates) "
              "(true/false), q (free text over the reports' text), killed (total, civilians, children, women, men or "
              "fighters: at least one of them killed), problem (a problem code no correction has answered, e.g. "
              "W-REPORTS-DISAGREE).")
SORT_DOC = ("the order: date (the default: oldest first), -date (newest first), killed, -killed (most killed "
            "first), place or -place; what has no date, count or place comes last either way")
FILTER_KEYS = (*FILTER_HELP, "from", "to")   # the one table of filters (store/query.py), the CLI's options too


def filter_params(request: Request) -> dict[str, Any]:
    return {k: request.query_params.get(k) for k in FILTER_KEYS if k in request.query_params}


async def filters(request: Request) -> Filters:
    # async: parsing a query string never waits, and a sync dependency would cost each request one more
    # trip through the thread pool's queue (see reader)
    return Filters.parse(filter_params(request))


def _ledger(request: Request) -> Any:
    return request.app.state.ledger


VERSION_DOC = ("the incident's `version` the analyst saw (GET /api/incidents/ID gives it): when the incident "
               "has changed since in a way this write depends on, the write is refused with 409 and the newer "
               "change in words (`detail`) and as audit rows (`newer`); omitted: no check")


class CountRange(BaseModel):
    """A count as a range: another key, or none of the three, is refused (it would clear the stored count)."""
    model_config = ConfigDict(extra="forbid")
    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None

    @model_validator(mode="after")
    def _some_value(self) -> "CountRange":
        if self.low is None and self.best is None and self.high is None:
            raise ValueError("a count range needs low, best or high (null clears the count)")
        return self


class Correction(BaseModel):
    model_config = ConfigDict(extra="forbid")  # a misspelt key ("base_verison") is refused, never ignored
    field: str = Field(description="a dotted field name, e.g. killed.civilians, strikes, actor1, event_date")
    value: Union[int, float, str, CountRange, list[str], None] = Field(
        description="the corrected value: a count as a whole number or {low, best, high}; assoc_actor_1/2 a list "
                    "of names or one text with '; ' between them; null clears it")
    reason: Optional[str] = Field(default=None, max_length=2000)
    base_version: Optional[int] = Field(default=None, ge=0, description=VERSION_DOC)
    key: Optional[str] = Field(default=None, max_length=64, pattern=r"^[A-Za-z0-9_-]+$", description=(
        "an idempotency key (the form's, one per correction): sent again, the correction is not made twice and "
        "the answer carries `repeat_of`, the audit seq of the first"))


class ReviewBody(BaseModel):
    action: str = Field(description="accept, reject or reopen")
    reason: Optional[str] = Field(default=None, max_length=2000)
    base_version: Optional[int] = Field(default=None, ge=0, description=VERSION_DOC)


class MergeBody(BaseModel):
    incident_ids: list[str] = Field(min_length=2, max_length=100, description="the first one is kept")
    reason: Optional[str] = Field(default=None, max_length=2000)
    base_versions: Optional[dict[str, int]] = Field(default=None, description="{incident_id: version}: "
                                                    + VERSION_DOC)


class SplitBody(BaseModel):
    incident_id: str
    record_ids: list[str] = Field(min_length=1, max_length=1000, description="records to move to a new incident")
    reason: Optional[str] = Field(default=None, max_length=2000)
    base_version: Optional[int] = Field(default=None, ge=0, description=VERSION_DOC)


class NextBody(BaseModel):
    skip: list[str] = Field(default_factory=list, max_length=1000, description="incidents passed over")


@router.get("/health")
def health(request: Request) -> Rec:
    return {"ok": True, "counts": _ledger(request).counts()}


@router.get("/whoami", description="The name the request's token was created for (null without a valid token): "
            "the workbench says 'held by you' with it.")
def whoami(who: Optional[str] = Depends(reader)) -> Rec:
    return {"name": who}


@router.get("/incidents", description="The reconciled ledger, one page at a time. " + FILTER_DOC)
def list_incidents(request: Request, limit: int = Query(50, ge=1, le=1000), offset: int = Query(0, ge=0),
                   sort: Optional[str] = Query(None, description=SORT_DOC),
                   f: Filters = Depends(filters), _who: Optional[str] = Depends(reader)) -> Response:
    # the stored lines go out as they are (each is already JSON): no parse and re-encode of 50 lines
    items, total = _ledger(request).page_json(f, limit=limit, offset=offset, sort=sort)
    nxt = None
    if offset + len(items) < total:
        params = dict(f.as_params(), **({"sort": sort} if sort else {}), limit=str(limit), offset=str(offset + limit))
        nxt = "/api/incidents?" + "&".join(f"{k}={_q(v)}" for k, v in params.items())
    tail = json.dumps({"total": total, "limit": limit, "offset": offset, "next": nxt}, ensure_ascii=False)
    body = '{"items": [' + ", ".join(items) + "], " + tail[1:]
    return Response(body.encode("utf-8"), media_type="application/json")


def _q(v: str) -> str:
    from urllib.parse import quote
    return quote(v, safe=",")


@router.get("/incidents/{incident_id}")
def get_incident(request: Request, incident_id: str, _who: Optional[str] = Depends(reader)) -> Rec:
    """One incident: its ledger line, every source report with its text and the evidence spans behind this
    incident's values, the claim checks of those reports that involve it, and its history."""
    return dict(_ledger(request).detail(incident_id))


@router.get("/changes", description="What changed several incidents after the versions a page showed of them "
            "(`seen=ID:VERSION,ID:VERSION`, at most 200): `changed` holds those changed since, each as "
            "GET /api/incidents/ID/changes gives it. The review queue asks when it comes back into view; the duplicates "
            "page asks with `pairs=true`, which also tells the 'not the same' answers (apart) and their undoing (unapart).")
def changes_of_many(request: Request, seen: str = Query(..., max_length=20_000), pairs: bool = False,
                    _who: Optional[str] = Depends(reader)) -> Rec:
    wanted = seen_versions(seen)
    with _ledger(request).engine.connect() as conn:
        found = changes_since_each(conn, wanted, CHANGES + PAIR_ANSWERS if pairs else CHANGES)
    return {"changed": {iid: c for iid, c in found.items() if c["changes"]}}


def seen_versions(seen: str) -> dict[str, int]:
    """``ID:VERSION,ID:VERSION`` -> {ID: VERSION}; anything else refused in words."""
    out: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in seen.split(","))):
        iid, _, ver = part.rpartition(":")
        if not iid or not ver.isdigit():
            raise InputError(f"seen: {part!r} is not INCIDENT_ID:VERSION (e.g. inc-0123456789abcdef:12); give "
                             f"each incident the page shows with the version it shows, commas between")
        out[iid] = int(ver)
    if not out or len(out) > 200:
        raise InputError(f"seen: give 1 to 200 INCIDENT_ID:VERSION pairs, not {len(out)}")
    return out


@router.get("/incidents/{incident_id}/changes", description="What changed the incident after version `since` (the "
            "`version` a page or a GET showed): `version` its newest, `changes` each correction, review, merge or split "
            "since, oldest first, with who, when and `said` (the change in words, as a stale write's 409 says it). "
            "The incident page asks when it comes back into view, so an analyst sees another's change before writing.")
def incident_changes(request: Request, incident_id: str, since: int = Query(..., ge=0),
                     _who: Optional[str] = Depends(reader)) -> Rec:
    with _ledger(request).engine.connect() as conn:
        return changes_since(conn, incident_id, since)


@router.patch("/incidents/{incident_id}")
def correct_incident(request: Request, incident_id: str, body: Correction,
                     who: str = Depends(require_token)) -> Rec:
    value = body.value.model_dump() if isinstance(body.value, CountRange) else body.value
    if isinstance(value, float) and value.is_integer() and body.field not in ("latitude", "longitude"):
        value = int(value)
    line = _ledger(request).correct(incident_id, body.field, value, who=who, reason=body.reason,
                                    base_version=body.base_version, key=body.key)
    return dict(line)


class PlacePick(BaseModel):
    place: str = Field(description="a candidate's id from GET /api/places (ISO2:number)")
    name: Optional[str] = Field(default=None, max_length=300, description="the candidate's name as the analyst "
                                "saw it: refused when the id now names another place")
    reason: Optional[str] = Field(default=None, max_length=2000)
    base_version: Optional[int] = Field(default=None, ge=0, description=VERSION_DOC)
    key: Optional[str] = Field(default=None, max_length=100, description="an idempotency key: a pick sent again "
                               "with it (a retry) is not made twice; the answer's repeat_of names the first")


class UndoBody(BaseModel):
    group: str = Field(max_length=100, description="the `group` of a grouped correction (in the history's data)")
    reason: Optional[str] = Field(default=None, max_length=2000)
    base_version: Optional[int] = Field(default=None, ge=0, description=VERSION_DOC)


@router.get("/places", description="Search the server's gazetteer by name (any script, near spellings too) "
            "with the geocoder's own look-up: candidates with their kind, admin units, country, point and the "
            "precision codes a pick sets. country: a name or ISO code (default: the one the name points to, "
            "else the ledger's countries).")
def places(request: Request, q: str = "", country: Optional[str] = None, limit: int = Query(20, ge=1, le=100),
           _who: Optional[str] = Depends(reader)) -> Rec:
    from warledger.serve.places import search

    countries = _ledger(request).choices().get("country", []) if not country else []
    return search(request.app.state.geocoder(), q, country, countries, limit=limit)


@router.get("/actors", description="ACLED actor names for a type-ahead: the ledger's actor1/actor2 names and the "
            "theatre bundles' actor lexicons, holding every word of q, each with the period that fits the incident's "
            "date (incident=ID, or country= and date=YYYY-MM-DD).")
def actors(request: Request, q: str = "", incident: Optional[str] = None, country: Optional[str] = None,
           date: Optional[str] = None, limit: int = Query(20, ge=1, le=200),
           _who: Optional[str] = Depends(reader)) -> Rec:
    from warledger.serve.actors import suggest

    ledger = _ledger(request)
    if incident:
        line = ledger.incident(incident)
        country, date = country or line.get("country"), date or line.get("event_date")
    return suggest(q, ledger.choices().get("actor", []), country, date, limit=limit)


@router.post("/incidents/{incident_id}/place", description="Set an incident's place to a gazetteer candidate "
             "(GET /api/places): its name, admin1-3, country, latitude, longitude, geo_precision and where_prec "
             "in one grouped correction (one change in the history; POST .../undo takes it back out). With key, a "
             "retry is applied at most once (repeat_of: the first's audit seq).")
def pick_place(request: Request, incident_id: str, body: PlacePick, who: str = Depends(require_token)) -> Rec:
    from warledger.serve.places import picked, place_values

    entry = picked(request.app.state.geocoder(), body.place, body.name)
    data = {"place": {k: entry[k] for k in ("id", "name", "kind", "country_code")}}
    return dict(_ledger(request).correct_group(incident_id, place_values(entry), who=who, reason=body.reason,
                                               base_version=body.base_version, data=data, key=body.key))


@router.post("/incidents/{incident_id}/undo", description="Undo a grouped correction (a place picked from the "
             "gazetteer): one audit row per field takes it back out, so the place is no longer corrected (each field "
             "shows the value under it) and the problems the pick answered are open again if they still hold. "
             "Refused (409) when one of its fields was corrected since; an undo (revert rows, no group) is not undone "
             "(400); an undo stored before session 20 (a grouped correction setting the old values) is.")
def undo_group(request: Request, incident_id: str, body: UndoBody, who: str = Depends(require_token)) -> Rec:
    return dict(_ledger(request).undo_group(incident_id, body.group, who=who, reason=body.reason,
                                            base_version=body.base_version))


class UndoCorrectionBody(BaseModel):
    reason: Optional[str] = Field(default=None, max_length=2000)


@router.post("/audit/{seq}/undo", description="Undo correction #seq (GET /api/audit): a new correction that takes it "
             "back out, so the field shows the value under it again (the machine's when no earlier correction "
             "stands) and is no longer corrected; the problems it answered are open again if they still hold. "
             "Refused (409) when the field was corrected since.")
def undo_correction(request: Request, seq: int, body: UndoCorrectionBody, who: str = Depends(require_token)) -> Rec:
    return dict(_ledger(request).undo_correction(seq, who=who, reason=body.reason))


@router.post("/incidents/{incident_id}/review")
def review_incident(request: Request, incident_id: str, body: ReviewBody, who: str = Depends(require_token)) -> Rec:
    return dict(_ledger(request).review(incident_id, body.action, who=who, reason=body.reason,
                                        base_version=body.base_version))


@router.post("/incidents/merge")
def merge_incidents(request: Request, body: MergeBody, who: str = Depends(require_token)) -> Rec:
    return dict(_ledger(request).merge(body.incident_ids, who=who, reason=body.reason,
                                       base_versions=body.base_versions))


@router.post("/incidents/split")
def split_incident(request: Request, body: SplitBody, who: str = Depends(require_token)) -> Rec:
    new = _ledger(request).split(body.incident_id, body.record_ids, who=who, reason=body.reason,
                                 base_version=body.base_version)
    return {"incident": _ledger(request).incident(body.incident_id), "new_incident": new}


@router.get("/reports/{report_id:path}")   # :path: a file's report id is its path ("reports/a.txt")
def get_report(request: Request, report_id: str, _who: Optional[str] = Depends(reader)) -> Rec:
    return dict(_ledger(request).report(report_id))


@router.post("/reports", description="Ingest reports: a body of JSON lines, each "
             '{"id", "text", "published"?, "source"?, "url"?, "language"?}. Size-limited.')
def post_reports(request: Request, body: bytes = Body(..., media_type="application/x-ndjson"),
                 who: str = Depends(require_token)) -> Rec:
    settings = request.app.state.settings
    items: list[Rec] = []
    for n, line in enumerate(body.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"line {n} of the request is not JSON ({exc.msg}); send one report object a line")
        if not isinstance(item, dict):
            raise InputError(f"line {n} of the request: a report is a JSON object with 'id' and 'text'")
        items.append(item)
    if not items:
        raise InputError("no reports in the request body: send JSON lines with 'id' and 'text'")
    if len(items) > settings.max_reports:
        raise InputError(f"{len(items)} reports in one request: send at most {settings.max_reports}")
    stats = _ledger(request).ingest(items, geocoder=request.app.state.geocoder())
    return {"read": stats.read, "added": stats.added, "replaced": stats.replaced, "unchanged": stats.unchanged,
            "new_incidents": stats.new_incidents, "merged": stats.merged, "aggregates": stats.aggregates,
            "summary": stats.summary(), "ingested_by": who}


class OneReport(BaseModel):
    text: str = Field(description="the report's text, any language")
    source: Optional[str] = Field(default=None, max_length=300)
    url: Optional[str] = Field(default=None, max_length=2000)
    published: Optional[str] = Field(default=None, max_length=40, description="YYYY-MM-DD")
    language: Optional[str] = Field(default=None, max_length=20)


@router.post("/reports/one", description="Add one report typed or pasted by an analyst (the workbench's 'Add a "
             "report' page): the text is extracted, geocoded and reconciled into the ledger as POST /api/reports "
             "does; the answer names the incidents it made or joined (`incidents`, each `merged` when other reports "
             "are in it too) and the problems. Its id is made from its text, source and date (the same report added "
             "twice is stored once).")
def post_one_report(request: Request, body: OneReport, who: str = Depends(require_token)) -> Rec:
    from warledger.serve.adding import add_report

    return add_report(_ledger(request), request.app.state.geocoder, body.model_dump(), who)


UPLOAD_DOC = ("Add a file of reports (the workbench's bulk upload): the body is the file's bytes, `name` its file name "
              "(.txt or .html: one report; .jsonl: JSON lines as `warledger ingest` reads them); `job` adds it to an "
              "upload begun by an earlier file; `published` (YYYY-MM-DD) is the date of reports that give none. The "
              "file is read at once (refused in words when empty, binary, of another kind or with a line that is "
              "not a report: nothing of it is added) and stored in the background, after the files before it; the "
              "answer is the upload's status (GET /api/uploads/ID). At most the server's body limit per file.")


@router.post("/uploads", status_code=202, description=UPLOAD_DOC)
def post_upload(request: Request, name: str = Query(..., max_length=1000), job: Optional[str] = Query(None, max_length=64),
                published: Optional[str] = Query(None, max_length=40),
                body: bytes = Body(b"", media_type="application/octet-stream"),
                who: str = Depends(require_token)) -> Rec:
    from warledger.serve.uploads import uploads_of

    return uploads_of(request.app).add(job, who, name, body, published)


@router.get("/uploads/{job_id}", description="An upload's status: `done` of `total` reports, `reports_per_second`, "
            "`eta_seconds`, `state` (queued, running, done), and per file its `state` (queued, storing, done, refused, "
            "failed), `why` (a refusal in words), reports `added`/`unchanged`/`conflicts`, `new_incidents`, `merged`, "
            "the `incidents` its reports are in (the first 50 of `incidents_total`, each `new`, `joined` or `already "
            "in the ledger`) and its `problems` by code. Only the token that began it sees it. The status is kept in "
            "the ledger: after a restart of the server it is still told, its unfinished files `interrupted` "
            "(add them again: what is stored is not added twice).")
def get_upload(request: Request, job_id: str, who: str = Depends(require_token)) -> Rec:
    from warledger.serve.uploads import uploads_of

    return uploads_of(request.app).status(job_id, who)


@router.get("/tally", description="Incidents, strikes, killed and injured by category, grouped by one field "
            "(as `warledger tally`): by = actor1, admin1, admin2, day, week, month or sub_event_type. format=csv "
            "gives the rows as the CSV `warledger tally --format csv` prints, after a UTF-8 BOM (Excel reads "
            "Arabic names with it). By day, week or month with date_from and/or date_to, every period of the range is a "
            "row, those with no incident zero rows; `periods` (JSON) and the X-Warledger-Periods header (CSV) say "
            "so. " + FILTER_DOC)
def tally(request: Request, by: str = "actor1", format: str = "json", f: Filters = Depends(filters),
          _who: Optional[str] = Depends(reader)) -> Response:
    from warledger.store.periods import periods_note
    from warledger.store.tallies import tally_csv

    if format not in ("json", "csv"):
        raise InputError(f"format {format!r}: use json or csv")
    rows = _ledger(request).tally(by, filters=f)
    note = periods_note(rows, by, f.date_from, f.date_to)
    if format == "json":
        return JSONResponse({"by": by, "filters": f.as_params(), "rows": rows, **({"periods": note} if note else {})})
    name = f"warledger-tally-by-{by}" + export_name(f, ".csv").removeprefix("warledger")
    return Response(b"\xef\xbb\xbf" + tally_csv(rows, by).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"',
                             **({"X-Warledger-Periods": note} if note else {})})


@router.get("/timeline", description="Killed per period and perpetrator (actor1). period: day, week or month. "
            + FILTER_DOC)
def timeline(request: Request, period: str = "week", f: Filters = Depends(filters),
             _who: Optional[str] = Depends(reader)) -> JSONResponse:
    # incidents known only by a date range sit on its middle day; undated ones have no period: the answer
    # says how many of each, so no chart hides them
    return JSONResponse({"period": period, "rows": _ledger(request).timeline(period, f),
                         **_ledger(request).date_coverage(f)})


@router.get("/map", description="Compact points of the filtered incidents for the map: at most `limit` "
            "(default 5,000, at most 20,000), the most recently added first; `capped` says when there are more. "
            + FILTER_DOC)
def map_points(request: Request, f: Filters = Depends(filters), limit: int = Query(5000, ge=1, le=20_000),
               _who: Optional[str] = Depends(reader)) -> JSONResponse:
    return JSONResponse(_ledger(request).map_points(f, limit=limit))


@router.get("/claims", description="The claim checks: each aggregate claim of a report against the incidents "
            "it covers (status consistent, mismatch or unchecked), with how many checks have each status "
            "(`counts`). mismatch_first=true orders them as the Claims page does: mismatches, then unchecked, "
            "then consistent.")
def claims(request: Request, status: Optional[str] = None, limit: int = Query(50, ge=1, le=1000),
           offset: int = Query(0, ge=0), mismatch_first: bool = False,
           _who: Optional[str] = Depends(reader)) -> Rec:
    ledger = _ledger(request)
    items, total = ledger.claims(status, limit=limit, offset=offset, mismatch_first=mismatch_first)
    return {"items": items, "total": total, "limit": limit, "offset": offset, "counts": ledger.claim_counts()}


@router.post("/review/next", description="Hand the caller the first incident of the review queue that no other "
             "analyst holds, and hold it for them for 15 minutes (a review ends the hold), so that two analysts "
             "working the queue are not given the same incident: {\"incident\": the line with held_by and "
             "held_until, or null when nothing is left}. The filters narrow the queue. " + FILTER_DOC)
def review_next(request: Request, body: NextBody = Body(default_factory=NextBody), f: Filters = Depends(filters),
                who: str = Depends(require_token)) -> Rec:
    line = _ledger(request).next_in_queue(who, f, skip=tuple(body.skip))
    return {"incident": line, "message": None if line else
            "nothing left in this queue that another analyst does not hold"}


AUDIT_TIME = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?")
AUDIT_COLUMNS = ("seq", "at", "who", "action", "incident_id", "field", "old_value", "new_value", "reason", "said")


@router.get("/audit", description="The audit trail, newest first: corrections, reviews, merges, splits, exports, "
            "'not the same' answers (apart, unapart); "
            "each row with `said`, the change in words. Filters: action, who, incident_id, since and until "
            "(ISO dates or times, UTC; since <= at < until). format=csv gives the whole filtered trail as CSV "
            "(for a supervisor; limit optional), json at most `limit` rows (default 200).")
def audit_log(request: Request, action: Optional[str] = None, who: Optional[str] = None,
              incident_id: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
              format: str = "json", limit: Optional[int] = Query(None, ge=1, le=1_000_000),
              _who: str = Depends(require_token)) -> Response:
    if format not in ("json", "csv"):
        raise InputError(f"format {format!r}: use json or csv")
    for name, value in (("since", since), ("until", until)):
        if value and not AUDIT_TIME.fullmatch(value):
            raise InputError(f"{name} {value!r}: write a UTC date or time, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
    if format == "json" and (limit or 200) > 1000:
        raise InputError(f"limit {limit}: at most 1000 rows as JSON; ask format=csv for the whole trail")
    rows = _ledger(request).audit_log(action, limit if format == "csv" else (limit or 200), who=who,
                                      incident_id=incident_id, since=since, until=until)
    if format == "json":
        return JSONResponse({"items": rows})
    from warledger.export.common import csv_line   # the exports' CSV line: a reason is free text, never a formula

    lines = [csv_line(AUDIT_COLUMNS)]
    for r in rows:
        lines.append(csv_line("" if r.get(c) is None else r[c] if c in ("seq", "at", "who", "action", "incident_id",
                                                                        "field", "reason", "said")
                              else json.dumps(r[c], ensure_ascii=False, sort_keys=True) for c in AUDIT_COLUMNS))
    params = {k: v for k, v in (("action", action), ("who", who), ("incident", incident_id), ("since", since),
                                ("until", until)) if v}
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(f"{k}-{v}" for k, v in params.items())).strip("_-")[:120]
    return Response("".join(lines).encode("utf-8"), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="warledger-audit{"-" + slug if slug else ""}.csv"'})


def export_name(f: Filters, extension: str) -> str:
    """The file name an export is saved under: what it holds, so that two filtered exports of one ledger
    do not land on one name ("warledger-admin1-Idleb-date_from-2019-11-01.csv"; the whole ledger:
    "warledger-ledger.csv").  Only letters, digits, '.', '_' and '-', at most 120 characters."""
    parts = [f"{k}-{v}" for k, v in f.as_params().items()]
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", "-".join(parts)).strip("_-")[:120].rstrip("_-")
    return f"warledger-{slug or 'ledger'}{extension}"


@router.get("/export", description="The whole filtered set in one format, streamed: acled-csv, ucdp-csv, "
            "geojson, parquet or jsonl. Each export is logged in the audit trail. " + FILTER_DOC)
def export(request: Request, format: str = "jsonl", f: Filters = Depends(filters),
           who: Optional[str] = Depends(reader)) -> StreamingResponse:
    from warledger.export import EXPORTERS, export_bytes_iter

    exporter = EXPORTERS.get(format)
    if exporter is None:
        raise InputError(f"format {format!r}: use one of {', '.join(EXPORTERS)}")
    ledger = _ledger(request)
    ledger.log_export(format, f, who or "anonymous")
    name = export_name(f, exporter.extension)

    def body() -> Iterator[bytes]:
        yield from export_bytes_iter(ledger.incidents(filters=f, modified=True), format)

    return StreamingResponse(body(), media_type=exporter.media_type,
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
