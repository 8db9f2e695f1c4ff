"""The ledger's side of order-free deduplication (:mod:`warledger.reconcile.settle`): which stored incidents a
new record links, whether they may be placed again, and the records moved when they are."""
from __future__ import annotations

import json
from typing import Any, Optional, Sequence

from sqlalchemy import Connection, select, update

from warledger.reconcile.dedup import TEXT_KEY, stub_reason, text_words
from warledger.reconcile.settle import linked_incidents, regroup, with_note
from warledger.store.schema import records, reports
from warledger.store.tables import apart, audit, leases, overrides

Rec = dict[str, Any]
STORED = "_stored"   # transient: a member's place in the stored order (report seq, ordinal)


def members_of(conn: Connection, incident_id: str) -> list[Rec]:
    """An incident's member records, in the order they were stored; one with no place carries its report's
    words (:data:`warledger.reconcile.dedup.TEXT_KEY`), as it did when it was first placed."""
    rows = conn.execute(select(records.c.data, reports.c.text, records.c.report_seq, records.c.ordinal)
                        .join(reports, reports.c.id == records.c.report_id)
                        .where(records.c.incident_id == incident_id)
                        .order_by(records.c.report_seq, records.c.ordinal)).all()
    out = []
    for data, text, seq, ordinal in rows:
        rec = json.loads(data)
        rec[STORED] = (seq, ordinal)
        if stub_reason(rec) == "no place":
            rec[TEXT_KEY] = text_words(text or "")
        out.append(rec)
    return out


def touched(conn: Connection, incident_ids: Sequence[str], record_ids: Sequence[str]) -> bool:
    """True when an analyst acted on one of these incidents or records (corrected, merged, split, held,
    kept apart): their grouping is the analyst's and stays."""
    if conn.execute(select(audit.c.seq).where(audit.c.incident_id.in_(incident_ids)).limit(1)).first():
        return True
    if conn.execute(select(leases.c.incident_id).where(leases.c.incident_id.in_(incident_ids)).limit(1)).first():
        return True
    for table in (overrides, apart):
        if conn.execute(select(table.c.record_id).where(table.c.record_id.in_(record_ids)).limit(1)).first():
            return True
    return False


def settle(conn: Connection, rec: Rec, found: Sequence[Rec]) -> Optional[tuple[str, int, set[str]]]:
    """Place ``rec`` with the incidents it links (:func:`warledger.reconcile.settle.links`) again, in content
    order.  Returns the incident ``rec`` goes to, how many incidents more there are (1: it founded one; 0: it
    joined one; -1: it joined two into one), and every incident to rebuild
    (old ones emptied and new ones among them), having moved the stored records whose incident changed; None when
    the greedy decision stands (nothing linked, an analyst's incident, more than :data:`warledger.reconcile.settle.MAX_LINKED`)."""
    if not found:
        return None
    linked = linked_incidents(rec, found, lambda incident_id: members_of(conn, incident_id))
    if linked is None:
        return None
    stored = [m for ms in linked.values() for m in ms]
    ids = sorted(linked)
    if touched(conn, ids, [m["record_id"] for m in stored]):
        return None
    plan = regroup(sorted(stored, key=lambda m: m[STORED]) + [rec])
    for was, m in ((w, m) for w, ms in linked.items() for m in ms):
        iid, note = plan[m["record_id"]]
        problems = with_note(m.get("problems") or [], note)
        if was != iid or problems != (m.get("problems") or []):
            m.pop(TEXT_KEY, None)
            m.pop(STORED, None)
            m["problems"] = problems
            conn.execute(update(records).where(records.c.record_id == m["record_id"]).values(
                incident_id=iid, data=json.dumps(m, ensure_ascii=False, sort_keys=True)))
    target, note = plan[rec["record_id"]]
    if note is not None:
        rec["problems"] = with_note(rec.get("problems") or [], note)
    after = {iid for iid, _ in plan.values()}
    return target, len(after) - len(ids), set(ids) | after
