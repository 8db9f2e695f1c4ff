"""An analyst's merges and splits, which override deduplication.

:class:`MergesMixin` is part of :class:`warledger.store.Ledger`.  A merge or split moves records between
incidents, appends audit rows on each incident it touches and pins the moved records (``wl_overrides``), so a
later ingest leaves them where the analyst put them (:meth:`MergesMixin._pinned_incident`).
"""
from __future__ import annotations

import hashlib
from typing import Any, Optional

from sqlalchemy import Connection, delete, func, select, update

from warledger.errors import InputError
from warledger.store.duplicates import refuse_kept_apart
from warledger.store.json_columns import dump_json
from warledger.store.reading import ReadingMixin
from warledger.store.schema import audit, incidents, inserted_key, overrides, records
from warledger.store.team import check_fresh, now_stamp

Rec = dict[str, Any]


class MergesMixin(ReadingMixin):
    def _pinned_incident(self, conn: Connection, record_id: str) -> Optional[str]:
        """The incident an analyst's merge or split put this record in, if that incident still exists."""
        iid = conn.execute(select(overrides.c.incident_id).where(overrides.c.record_id == record_id)).scalar()
        if iid is None:
            return None
        found = conn.execute(select(incidents.c.incident_id).where(incidents.c.incident_id == iid)).scalar()
        return str(found) if found else None

    def merge(self, incident_ids: list[str], *, who: str, reason: Optional[str] = None,
              base_versions: Optional[dict[str, int]] = None) -> Rec:
        """Merge incidents an analyst knows are one: every record moves into the first; returns it.  With
        ``base_versions`` ({incident_id: the version the analyst saw}), refused when one of those changed."""
        ids = list(dict.fromkeys(incident_ids))
        if len(ids) < 2:
            raise InputError("merge: give at least two different incident ids")
        with self._writing() as conn:
            for iid in ids:
                self._line(conn, iid)
                check_fresh(conn, iid, (base_versions or {}).get(iid), attempt="your merge")
            refuse_kept_apart(conn, ids)   # an analyst said two of them are not one event
            target = ids[0]
            moved = list(conn.execute(select(records.c.record_id).where(records.c.incident_id.in_(ids[1:]))).scalars())
            res = conn.execute(audit.insert().values(
                incident_id=target, action="merge", reason=reason, who=who, at=now_stamp(),
                data=dump_json({"merged": ids[1:], "records": moved})))
            seq = inserted_key(res)
            for iid in ids[1:]:
                conn.execute(audit.insert().values(incident_id=iid, action="merge", reason=reason, who=who,
                                                   at=now_stamp(), data=dump_json({"into": target})))
            conn.execute(update(records).where(records.c.incident_id.in_(ids[1:])).values(incident_id=target))
            self._pin(conn, moved, target, "merge", seq)
            self._pin(conn, list(conn.execute(select(records.c.record_id).where(
                records.c.incident_id == target)).scalars()), target, "merge", seq)
            for iid in ids[1:]:
                self._rebuild(conn, iid, 0)     # no members left: deleted
            self._rebuild(conn, target, 0)
            return self._line(conn, target)

    def split(self, incident_id: str, record_ids: list[str], *, who: str, reason: Optional[str] = None,
              base_version: Optional[int] = None) -> Rec:
        """Move the given records of an incident into a new incident of their own; returns the new one.
        With ``base_version``, refused when the incident changed since (an undo of a merge included)."""
        with self._writing() as conn:
            self._line(conn, incident_id)
            check_fresh(conn, incident_id, base_version, attempt="your split")
            members = [m["record_id"] for m in self._members(conn, incident_id)]
            chosen = [r for r in dict.fromkeys(record_ids) if r in members]
            if not chosen or len(chosen) != len(set(record_ids)):
                raise InputError(f"split: give record ids of incident {incident_id!r} (it has: {', '.join(members)})")
            if len(chosen) == len(members):
                raise InputError("split: leave at least one record in the incident")
            new_id = "inc-" + chosen[0][4:]
            if new_id == incident_id or conn.execute(select(incidents.c.incident_id).where(
                    incidents.c.incident_id == new_id)).scalar():
                new_id = "inc-" + hashlib.sha1(("split\0" + "\0".join(chosen)).encode()).hexdigest()[:16]
            res = conn.execute(audit.insert().values(
                incident_id=incident_id, action="split", reason=reason, who=who, at=now_stamp(),
                data=dump_json({"new_incident": new_id, "records": chosen})))
            seq = inserted_key(res)
            conn.execute(audit.insert().values(incident_id=new_id, action="split", reason=reason, who=who, at=now_stamp(),
                                               data=dump_json({"from": incident_id, "records": chosen})))
            conn.execute(update(records).where(records.c.record_id.in_(chosen)).values(incident_id=new_id))
            self._pin(conn, chosen, new_id, "split", seq)
            self._pin(conn, [m for m in members if m not in chosen], incident_id, "split", seq)
            self._rebuild(conn, incident_id, 0)
            next_seq = int(conn.execute(select(func.coalesce(func.max(incidents.c.seq), 0))).scalar_one()) + 1
            self._rebuild(conn, new_id, next_seq)
            return self._line(conn, new_id)

    def _pin(self, conn: Connection, record_ids: list[str], incident_id: str, action: str, seq: int) -> None:
        if not record_ids:
            return
        conn.execute(delete(overrides).where(overrides.c.record_id.in_(record_ids)))
        conn.execute(overrides.insert(), [{"record_id": r, "incident_id": incident_id, "action": action,
                                           "audit_seq": seq} for r in record_ids])
