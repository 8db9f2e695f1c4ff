"""One report added by hand on the workbench: checked (an empty text, a date that is not one, a text too long
are refused in words), given an id from its content, ingested as POST /api/reports ingests, and answered with
what was stored: the incidents the report made or joined and the problems."""
from __future__ import annotations

import hashlib
from datetime import date
from typing import Any, Callable

from warledger.errors import InputError

Rec = dict[str, Any]
MAX_TEXT = 200_000   # characters: a report longer than this is split by the analyst (the body limit is in bytes)


def checked(item: Rec) -> Rec:
    """The report's fields, stripped, or an InputError that says what to fix."""
    text = (item.get("text") or "").strip()
    if not text:
        raise InputError("the report's text is empty: paste the report's words")
    if len(text) > MAX_TEXT:
        raise InputError(f"the report is {len(text):,} characters long: at most {MAX_TEXT:,}; add it in parts")
    published = (item.get("published") or "").strip() or None
    if published is not None:
        try:
            published = date.fromisoformat(published).isoformat()
        except ValueError:
            raise InputError(f"published date {published!r} is not a date: write YYYY-MM-DD (e.g. 2021-03-14), "
                             "or leave it empty") from None
    out: Rec = {"text": text, "published": published}
    for key in ("source", "url", "language"):
        value = (item.get(key) or "").strip()
        if value:
            out[key] = value
    return out


def report_id(item: Rec) -> str:
    """An id from the report's content: the same text, source and date added twice make one report."""
    key = "\0".join(str(item.get(k) or "") for k in ("text", "source", "published"))
    return "hand-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def incident_summary(iid: str, line: Rec) -> Rec:
    """An incident as the adding pages list it: where, when, what, who, how many killed, and from how many reports."""
    return {"incident_id": iid, "location": line.get("location"), "event_date": line.get("event_date"),
            "sub_event_type": line.get("sub_event_type"), "actor1": line.get("actor1"),
            "fatalities": line.get("fatalities"), "reports": len(line.get("reports") or [])}


def add_report(ledger: Any, geocoder: Callable[[], Any], item: Rec, who: str) -> Rec:
    report = checked(item)
    report["id"] = report_id(report)
    stats = ledger.ingest([report], geocoder=geocoder())
    stored = ledger.report(report["id"])
    incidents = []
    for iid in ledger.report_incidents(report["id"]):
        line = ledger.incident(iid)
        summary = incident_summary(iid, line)
        incidents.append({**summary, "merged": summary["reports"] > 1, "problems": line.get("problems") or []})
    return {"report_id": report["id"], "added": stats.added, "unchanged": stats.unchanged,
            "replaced": stats.replaced, "summary": stats.summary(), "incidents": incidents,
            "aggregates": stats.aggregates, "problems": stored.get("problems") or [], "ingested_by": who}
