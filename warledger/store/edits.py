"""Corrections of an incident's values and their undoing.

:class:`EditsMixin` is part of :class:`warledger.store.Ledger`.  A correction is an append-only audit row
(``wl_audit``, action ``correct``: who, when, field, old and new value, the machine's value, reason) written in
one transaction that rebuilds the incident, so the corrected values are what tallies and exports read; an undo
is another such row (``{"reverts": seq}``) that takes one back out (:func:`warledger.store.corrections.effective`).
"""
from __future__ import annotations

import json
import secrets
from typing import Any, Optional

from sqlalchemy import Connection, func, select

from warledger.errors import InputError
from warledger.reconcile.merge import merge_records
from warledger.store.corrections import apply_corrections, check_value, effective, get_field, undos
from warledger.store.json_columns import dump_json
from warledger.store.reading import ReadingMixin
from warledger.store.schema import audit, log_conflicts
from warledger.store.tables import KEY_LENGTH
from warledger.store.team import audit_row, check_fresh, now_stamp, words

Rec = dict[str, Any]


class EditsMixin(ReadingMixin):
    def _corrections(self, conn: Connection, incident_id: str) -> list[Rec]:
        rows = conn.execute(select(audit).where(audit.c.incident_id == incident_id, audit.c.action == "correct")
                            .order_by(audit.c.seq)).all()
        return [audit_row(r) for r in rows]

    def _corrected(self, conn: Connection, merged: Rec) -> Rec:
        """``merged`` with its corrections laid over it; a new conflict goes to the review queue, logged."""
        corrections = self._corrections(conn, merged["incident_id"])
        if not corrections:
            return merged
        line, conflicts = apply_corrections(merged, corrections)
        log_conflicts(conn, merged["incident_id"], conflicts, at=now_stamp(),
                      reason="the machine's value under this correction changed (a report was re-read or merged); "
                             "the correction stands until an analyst reviews it")
        return line

    # ------------------------------------------------------------ writing

    def correct(self, incident_id: str, field: str, value: Any, *, who: str, reason: Optional[str] = None,
                base_version: Optional[int] = None, key: Optional[str] = None) -> Rec:
        """Correct one value of an incident (an append-only audit row); returns the corrected line.  With
        ``base_version`` (the version the analyst saw), refused when the field was corrected since or the
        incident merged or split (:class:`warledger.store.team.Stale`).  ``key`` (the form's idempotency key): a
        correction of this incident already saved with it is not made again, and the line comes back with
        ``repeat_of``, that correction's audit seq (a retry after a dropped connection)."""
        new = check_value(field, value)
        with self._writing() as conn:
            before = self._line(conn, incident_id)
            first = self._keyed(conn, incident_id, key)
            if first is not None:
                return dict(before, repeat_of=first)
            check_fresh(conn, incident_id, base_version, field,
                        f"your correction of {field} to {words(new)}")
            machine = get_field(merge_records(self._members(conn, incident_id), incident_id), field)
            conn.execute(audit.insert().values(
                incident_id=incident_id, action="correct", field=field, old_value=dump_json(get_field(before, field)),
                new_value=dump_json(new), machine_value=dump_json(machine), reason=reason, who=who, at=now_stamp(),
                data=dump_json({"key": key}) if key else None, correction_key=key or None))
            self._rebuild(conn, incident_id, 0)
            return self._line(conn, incident_id)

    @staticmethod
    def _keyed(conn: Connection, incident_id: str, key: Optional[str]) -> Optional[int]:
        """The audit seq of the correction of this incident saved with idempotency ``key`` (None: none, or no key)."""
        if not key:
            return None
        if len(key) > KEY_LENGTH:
            raise InputError(f"idempotency key of {len(key)} characters: use at most {KEY_LENGTH} (the form's are 64)")
        seq = conn.execute(select(func.min(audit.c.seq)).where(   # one lookup in ix_wl_audit_correction_key
            audit.c.correction_key == key, audit.c.incident_id == incident_id, audit.c.action == "correct")).scalar()
        return None if seq is None else int(seq)

    def correct_group(self, incident_id: str, values: dict[str, Any], *, who: str, reason: Optional[str] = None,
                      base_version: Optional[int] = None, data: Optional[Rec] = None, key: Optional[str] = None) -> Rec:
        """Correct several values of an incident as one change (a place picked from the gazetteer: its name,
        admin units, coordinates and precision): one audit row per field in one transaction, all carrying
        ``data`` with the same ``group`` key, so that :meth:`undo_group` takes them back out together.  With
        ``base_version``, refused when any of these fields was corrected since, or the incident merged or split.
        ``key`` (idempotency, as for :meth:`correct`): sent again, not made twice; the line says ``repeat_of``."""
        if not values:
            raise InputError("a grouped correction needs at least one field")
        checked = {f: check_value(f, v) for f, v in values.items()}
        group = dict(data or {}, group=secrets.token_hex(8), **({"key": key} if key else {}))
        with self._writing() as conn:
            before = self._line(conn, incident_id)
            first = self._keyed(conn, incident_id, key)
            if first is not None:
                return dict(before, repeat_of=first)
            check_fresh(conn, incident_id, base_version, tuple(checked),
                        f"your correction of {', '.join(checked)}")
            machine = merge_records(self._members(conn, incident_id), incident_id)
            at = now_stamp()
            conn.execute(audit.insert(), [
                {"incident_id": incident_id, "action": "correct", "field": f,
                 "old_value": dump_json(get_field(before, f)), "new_value": dump_json(v),
                 "machine_value": dump_json(get_field(machine, f)), "reason": reason, "who": who,
                 "at": at, "data": dump_json(group), "correction_key": key or None} for f, v in checked.items()])
            self._rebuild(conn, incident_id, 0)
            return self._line(conn, incident_id)

    def undo_group(self, incident_id: str, group: str, *, who: str, reason: Optional[str] = None,
                   base_version: Optional[int] = None) -> Rec:
        """Undo a grouped correction (a place pick) as :meth:`undo_correction` undoes one: one row per field that
        takes its correction back out (``data`` ``{"reverts": SEQ, "undoes": group}``), so the place is no longer
        corrected and the problems the pick answered are open again if they still hold.  Refused (stale) when one
        of its fields was corrected since (or since ``base_version``), and when already undone.  Revert rows carry
        no group, so an undo is not found to be undone.  An undo written before session 20 (a grouped correction
        ``{"group", "undoes"}`` that set the fields back to their old values, no revert rows) is a correction like
        any other and is undone the same way: its fields go back to the values under it."""
        with self._writing() as conn:
            self._line(conn, incident_id)
            corrs = self._corrections(conn, incident_id)
            done = [c for c in corrs if (c.get("data") or {}).get("group") == group]
            if not done:
                raise InputError(f"incident {incident_id!r} has no grouped correction {group!r}: its history lists them")
            in_force = effective(corrs)
            undone = undos(corrs).get(group)   # an old undo taken back out no longer stands
            if undone:
                raise InputError(f"this change was already undone by {undone['who']} at {undone['at']}")
            fields = tuple(c["field"] for c in done)
            if any((in_force.get(c["field"]) or {}).get("seq") != c["seq"] for c in done):
                check_fresh(conn, incident_id, max(c["seq"] for c in done), fields, "your undo of this change")
                raise InputError(f"grouped correction {group!r} is no longer in force: nothing to undo")
            check_fresh(conn, incident_id, base_version, fields, "your undo of this change")
            self._revert(conn, incident_id, done, who=who, reason=reason or "undo", data={"undoes": group})
            return self._line(conn, incident_id)

    def undo_correction(self, seq: int, *, who: str, reason: Optional[str] = None) -> Rec:
        """Undo correction ``seq``: a new correction row that takes it back out (``data`` ``{"reverts": seq}``,
        :func:`warledger.store.corrections.effective`), so the field shows the value under it again, the machine's
        when no earlier correction stands, and is no longer corrected (the problems it answered are open again if
        they still hold).  Refused (stale) when the field was corrected since, and for an undo itself."""
        with self._writing() as conn:
            row = conn.execute(select(audit).where(audit.c.seq == seq)).first()
            if row is None or row.action != "correct" or not row.incident_id:
                raise InputError(f"#{seq} is not a correction: the audit trail (GET /api/audit) lists them")
            done = audit_row(row)
            if (done.get("data") or {}).get("reverts") is not None:
                raise InputError(f"#{seq} is itself an undo: correct {done['field']} again instead")
            iid, field = str(row.incident_id), str(row.field)
            self._line(conn, iid)
            in_force = effective(self._corrections(conn, iid)).get(field)
            if in_force is None or in_force.get("seq") != seq:   # corrected (or undone) since: say by whom
                check_fresh(conn, iid, seq, field, f"your undo of #{seq}")
                raise InputError(f"#{seq} is no longer the correction of {field} in force: nothing to undo")
            self._revert(conn, iid, [done], who=who, reason=reason or f"undo #{seq}", data={})
            return self._line(conn, iid)

    def _revert(self, conn: Connection, iid: str, done: list[Rec], *, who: str, reason: str, data: Rec) -> None:
        """Write one row per correction in ``done`` that takes it back out (``{"reverts": seq}`` and ``data``),
        each saying the value its field goes back to; then rebuild the incident."""
        before = self._line(conn, iid)
        machine = merge_records(self._members(conn, iid), iid)
        marks = [{"field": c["field"], "data": {"reverts": c["seq"]}} for c in done]
        back, _ = apply_corrections(json.loads(json.dumps(machine)), self._corrections(conn, iid) + marks)
        at = now_stamp()
        conn.execute(audit.insert(), [
            {"incident_id": iid, "action": "correct", "field": c["field"],
             "old_value": dump_json(get_field(before, c["field"])), "new_value": dump_json(get_field(back, c["field"])),
             "machine_value": dump_json(get_field(machine, c["field"])), "reason": reason, "who": who, "at": at,
             "data": dump_json(dict(data, reverts=c["seq"]))} for c in done])
        self._rebuild(conn, iid, 0)
