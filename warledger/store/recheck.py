"""Re-derive the problems of stored incidents with the current code (``warledger recheck``).

A ledger keeps each incident's merged line as it was written.  A check added later (W-REPORTS-DISAGREE, say) reaches
an incident only when it is next rebuilt by an ingest, a correction, a merge or a split.  :func:`recheck` merges every
incident's stored records again (:func:`warledger.reconcile.dedup.merge_records`), lays the analysts' corrections over
the result exactly as a rebuild does (:func:`warledger.store.corrections.apply_corrections`: an answered problem stays
answered) and replaces only the line's ``problems`` and ``answered_problems``: no value, no correction, no review state
and no merge is touched.  Each incident whose problems changed gets one audit row, action ``recheck`` and author
:data:`SYSTEM`, with the problems before and after; it is not a change a stale analyst's write depends on
(:data:`warledger.store.team.CHANGES`).  A second run finds nothing to change (idempotent).
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Any, Callable, Optional

from sqlalchemy import Connection, select, update

from warledger.errors import problem_code
from warledger.reconcile.merge import merge_records
from warledger.store.corrections import ANSWERED_KEY, apply_corrections
from warledger.store.schema import audit, incidents, writer_lock
from warledger.store.team import now_stamp

Rec = dict[str, Any]
SYSTEM = "system (warledger recheck)"   # the audit trail's author of a recheck: no analyst
BATCH = 500                              # incidents per transaction


def _derived(line: Rec) -> tuple[list[str], list[Rec]]:
    return list(line.get("problems") or []), list(line.get(ANSWERED_KEY) or [])


def _codes(problems: list[str]) -> Counter[str]:
    return Counter(problem_code(p) or "?" for p in problems)


def _recheck_one(conn: Connection, incident_id: str, data: str, members: list[Rec], corrections: list[Rec],
                 at: str, summary: Rec) -> None:
    stored = json.loads(data)
    fresh = merge_records(members, incident_id)
    if corrections:
        fresh, _ = apply_corrections(fresh, corrections)
    before, after = _derived(stored), _derived(fresh)
    if before == after:
        return
    stored["problems"] = after[0]
    if after[1]:
        stored[ANSWERED_KEY] = after[1]
    else:
        stored.pop(ANSWERED_KEY, None)
    conn.execute(update(incidents).where(incidents.c.incident_id == incident_id).values(
        data=json.dumps(stored, ensure_ascii=False, sort_keys=True), has_problems=1 if after[0] else 0))
    conn.execute(audit.insert().values(
        incident_id=incident_id, action="recheck", field="problems", old_value=json.dumps(before[0], ensure_ascii=False),
        new_value=json.dumps(after[0], ensure_ascii=False), who=SYSTEM, at=at,
        reason="problems worked out again from the stored reports with the current code",
        data=json.dumps({"answered_before": len(before[1]), "answered_after": len(after[1])})))
    summary["changed"] += 1
    summary["added"].update(_codes([p for p in after[0] if p not in before[0]]))
    summary["removed"].update(_codes([p for p in before[0] if p not in after[0]]))


def recheck(ledger: Any, progress: Optional[Callable[[int], None]] = None) -> Rec:
    """Re-derive every stored incident's problems (see the module's doc).  Returns ``{"incidents": checked,
    "changed": n, "added": {code: n}, "removed": {code: n}}``: the problems raised and dropped, by code."""
    summary: Rec = {"incidents": 0, "changed": 0, "added": Counter(), "removed": Counter()}
    with ledger.engine.connect() as conn:
        ids = [str(i) for i in conn.execute(select(incidents.c.incident_id).order_by(incidents.c.seq)).scalars()]
    at = now_stamp()
    for start in range(0, len(ids), BATCH):
        with ledger.engine.begin() as conn:
            writer_lock(conn)
            for incident_id in ids[start:start + BATCH]:
                data = conn.execute(select(incidents.c.data).where(incidents.c.incident_id == incident_id)).scalar()
                if data is None:   # merged away meanwhile
                    continue
                summary["incidents"] += 1
                _recheck_one(conn, incident_id, str(data), ledger._members(conn, incident_id),
                             ledger._corrections(conn, incident_id), at, summary)
        if progress is not None:
            progress(summary["incidents"])
    summary["added"], summary["removed"] = dict(sorted(summary["added"].items())), dict(sorted(summary["removed"].items()))
    return summary
