"""Several analysts on one ledger: refusing a write made against a stale view, and handing out the review
queue so that two analysts are not given the same incident.

*A stale view.*  An incident's ``version`` is the sequence number of its newest audit row (0 before any):
every correction, review, merge, split and conflict of it adds one.  A write may say which version the
analyst saw (``base_version``); when the incident has changed since in a way that write depends on, the
write is refused (:class:`Stale`, HTTP 409) with the newer change in words (who, when, old -> new, why),
and nothing is saved.  A correction depends on newer corrections of the same field and on any merge or
split (the incident's reports changed); a review, merge or split depends on every newer change.  A write
that gives no ``base_version`` (a script, the command line) is not checked, as before.

*The queue.*  ``wl_leases`` holds, per incident, the analyst it was handed to and until when (schema v10).
:func:`next_item` hands an analyst the first queued incident nobody else holds, and holds it for them for
:data:`LEASE_MINUTES`; a review ends the hold.  The queue page shows who holds what.
"""
from __future__ import annotations

import json
import time
from typing import Any, Collection, Optional, Union

from sqlalchemy import Connection, delete, func, select

from warledger.errors import StoreError
from warledger.store.json_columns import load_json
from warledger.store.schema import audit, leases

Rec = dict[str, Any]
LEASE_MINUTES = 15
CHANGES = ("correct", "review", "merge", "split", "conflict")   # the audit actions that change an incident
PAIR_ANSWERS = ("apart", "unapart")   # a pair's "not the same" and its undoing: no change to either incident's line


class Stale(StoreError):
    """A write against a view of an incident that has changed since: ``newer`` are the audit rows (as
    :func:`audit_row` gives them) the analyst had not seen; ``version`` the current one; ``said`` those changes in
    words ("bob set killed.civilians from 4 to 6 at ...; then ...")."""

    def __init__(self, message: str, newer: list[Rec], version: int, said: str = "") -> None:
        super().__init__(message)
        self.newer = newer
        self.version = version
        self.said = said


def audit_row(row: Any) -> Rec:
    """An audit row as the API gives it (its JSON columns read)."""
    return {"seq": row.seq, "incident_id": row.incident_id, "action": row.action, "field": row.field,
            "old_value": load_json(row.old_value), "new_value": load_json(row.new_value),
            "machine_value": load_json(row.machine_value), "reason": row.reason, "who": row.who, "at": row.at,
            "data": load_json(row.data)}


def version(conn: Connection, incident_id: str) -> int:
    """The incident's newest audit row's sequence number, 0 when it has none."""
    return int(conn.execute(select(func.coalesce(func.max(audit.c.seq), 0))
                            .where(audit.c.incident_id == incident_id)).scalar_one())


def versions(conn: Connection, incident_ids: list[str]) -> dict[str, int]:
    rows = conn.execute(select(audit.c.incident_id, func.max(audit.c.seq)).where(
        audit.c.incident_id.in_(incident_ids)).group_by(audit.c.incident_id)).all() if incident_ids else []
    found = {str(iid): int(seq) for iid, seq in rows}
    return {iid: found.get(iid, 0) for iid in incident_ids}


def _value(raw: Optional[str]) -> str:
    return words(None if raw is None else json.loads(raw))


def words(value: Any) -> str:
    """A stored value as an analyst writes it: 7, 6-7-9 (low-best-high, ? unknown), text, names with "; " between,
    or "empty" (nothing, an empty text, list or object).  The workbench's pages write values by the same rule
    (``WL.valueWords`` in static/js/common.js; tests/serve/test_analyst_tasks7.py holds the two to one table)."""
    if value is None or value == "" or value == [] or value == {}:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict) and set(value) <= {"low", "best", "high"}:
        lo, best, hi = value.get("low"), value.get("best"), value.get("high")
        if lo == best == hi:
            return "empty" if best is None else str(best)
        return "-".join("?" if v is None else str(v) for v in (lo, best, hi))
    if isinstance(value, list):
        return "; ".join("" if v is None else v if isinstance(v, str) else words(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))   # 35.0 is written 35, as a page's script writes it
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if not isinstance(value, (str, int, float)) \
        else str(value)


def describe(row: Any) -> str:
    """One audit row in words: "alice set killed.civilians from 5 to 9 at 2026-12-06T15:40:00Z ('list')"."""
    why = f" ({row.reason!r})" if row.reason else ""
    data = json.loads(row.data) if row.data else {}
    if row.action == "correct":
        what = f"set {row.field} from {_value(row.old_value)} to {_value(row.new_value)}"
    elif row.action == "review":
        what = f"marked it {_value(row.new_value)} (was {_value(row.old_value)})"
    elif row.action == "merge":
        what = (f"merged {', '.join(data['merged'])} into it" if data.get("merged")
                else f"merged it into {data.get('into')}")
    elif row.action == "split":
        what = (f"split records {', '.join(data.get('records') or [])} out of it into {data['new_incident']}"
                if data.get("new_incident") else f"made it from records split out of {data.get('from')}")
    elif row.action == "apart":
        what = f"said it is not the same event as {data.get('apart_from')} (decision {data.get('decision', row.seq)})"
    elif row.action == "unapart":
        what = f"undid 'not the same' decision {data.get('undoes')}"
    elif row.action == "recheck":
        what = f"worked out its problems again: {_value(row.old_value)} -> {_value(row.new_value)}"
    elif row.action == "conflict":
        what = f"found the machine's {row.field} changed from {_value(row.old_value)} to {_value(row.new_value)}"
    else:
        what = row.action
    return f"{row.who} {what} at {row.at}{why}"


def check_fresh(conn: Connection, incident_id: str, base: Optional[int], field: Union[str, Collection[str], None] = None,
                attempt: str = "your change") -> None:
    """Refuse (:class:`Stale`) a write made against version ``base`` of the incident when it has changed
    since in a way the write depends on (see the module's doc); ``base`` None: no check.  ``field`` may be
    several fields (a grouped correction depends on newer corrections of any of them)."""
    if base is None:
        return
    current = version(conn, incident_id)
    if base > current:
        raise Stale(f"incident {incident_id} never had version {base} (its newest is {current}): the view this "
                    f"change was made on is not this incident's. {attempt[0].upper() + attempt[1:]} was not saved: "
                    f"reload the incident and make the change again.", [], current, "")
    rows = conn.execute(select(audit).where(audit.c.incident_id == incident_id, audit.c.seq > base,
                                            audit.c.action.in_(CHANGES)).order_by(audit.c.seq)).all()
    if field is not None:
        wanted = {field} if isinstance(field, str) else set(field)
        rows = [r for r in rows if r.action in ("merge", "split") or r.field in wanted]
    if not rows:
        return
    said = "; then ".join(describe(r) for r in rows[-3:])
    more = f" ({len(rows) - 3} earlier changes too)" if len(rows) > 3 else ""
    raise Stale(f"incident {incident_id} changed after you opened it (your view: version {base}): {said}{more}. "
                f"{attempt[0].upper() + attempt[1:]} was not saved: reload the incident to see the newer value, "
                f"then make the change again if it still stands.", [audit_row(r) for r in rows],
                version(conn, incident_id), said + more)


def _now() -> float:
    return time.time()


def _stamp(t: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def now_stamp() -> str:
    """Now, as the audit trail and the leases write a time (UTC, to the second)."""
    return _stamp(_now())


def holders(conn: Connection, incident_ids: list[str]) -> dict[str, Rec]:
    """Who holds each of these incidents now (unexpired leases): {incident_id: {"who", "until"}}."""
    if not incident_ids:
        return {}
    now = now_stamp()
    rows = conn.execute(select(leases).where(leases.c.incident_id.in_(incident_ids), leases.c.held_until > now)).all()
    return {str(r.incident_id): {"who": r.who, "until": r.held_until} for r in rows}


def hold(conn: Connection, incident_id: str, who: str, minutes: int = LEASE_MINUTES) -> str:
    """Hold an incident for ``who`` (replacing an expired or own lease); returns until when."""
    until = _stamp(_now() + 60 * minutes)
    conn.execute(delete(leases).where(leases.c.incident_id == incident_id))
    conn.execute(leases.insert().values(incident_id=incident_id, who=who, held_until=until))
    return until


def release(conn: Connection, incident_id: str, who: Optional[str] = None) -> None:
    q = delete(leases).where(leases.c.incident_id == incident_id)
    conn.execute(q.where(leases.c.who == who) if who is not None else q)


def changes_since(conn: Connection, incident_id: str, base: int) -> Rec:
    """What changed an incident after version ``base`` (the version a workbench page shows), oldest first, each
    change in words as a stale write's refusal says it: an open page asks, and tells its analyst that someone else
    corrected, reviewed, merged or split the incident before they write against the old view.  ``version``: the
    incident's newest; ``changes`` empty when the page is current."""
    return changes_since_each(conn, {incident_id: base})[incident_id]


def changes_since_each(conn: Connection, seen: dict[str, int], actions: Collection[str] = CHANGES) -> dict[str, Rec]:
    """:func:`changes_since` for several incidents at once, each from the version a page showed of it (the review
    queue's rows), in one query.  ``actions``: the audit actions told (the duplicates page adds :data:`PAIR_ANSWERS`:
    another analyst's "not the same" answers the pair it shows)."""
    if not seen:
        return {}
    rows = conn.execute(select(audit).where(audit.c.incident_id.in_(list(seen)), audit.c.seq > min(seen.values()),
                                            audit.c.action.in_(list(actions))).order_by(audit.c.seq)).all()
    newest = versions(conn, list(seen))
    out: dict[str, Rec] = {iid: {"incident_id": iid, "since": base, "version": newest[iid], "changes": []}
                           for iid, base in seen.items()}
    for r in rows:
        if r.seq > seen[r.incident_id]:
            out[r.incident_id]["changes"].append({"seq": r.seq, "who": r.who, "at": r.at, "action": r.action,
                                                  "field": r.field, "said": describe(r)})
    return out
