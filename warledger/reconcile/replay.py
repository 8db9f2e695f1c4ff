"""The database ledger's placing of records, replayed in memory for one component of a Dask ingest.

A serial ingest places each record, in the order it stores them, by :meth:`warledger.store.ledger.Ledger._place_record`:
the incidents of its widened lookup (:func:`warledger.reconcile.settle.widened`) are the candidates; when it links
some of them (:func:`warledger.reconcile.settle.links`) their records and it are placed again in content order
(:func:`warledger.reconcile.settle.regroup`, :func:`warledger.store.settle.settle`), else the greedy decision
(:func:`warledger.reconcile.candidates.decide`) stands.  Each settling regroups only the incidents that one
record links, so the ledger after a component's last record is *not* the component placed in content order at
once (which the block tasks did: 963 serial incidents against 957 on 3,000 invented reports).
:class:`ReplayLedger` takes the same steps on a component's records in the stored order, with the same
lookups, links and bounds, and the block tasks hand the loader each record's final incident and problem.
Analysts' holds and corrections play no part: a component that could meet the ledger's incidents is left to
the loader's own lookup (:func:`warledger.cluster.blocks.plan_blocks`).
"""
from __future__ import annotations

import json
from typing import Any, Optional

from warledger.reconcile.candidates import decide, index_columns, lookup_of, match_data
from warledger.reconcile.dedup import TEXT_KEY, date_window, stub_reason
from warledger.reconcile.merge import merge_records
from warledger.reconcile.settle import TEXT_PLACE_CODE, Window, linked_incidents, regroup, widened, with_note

Rec = dict[str, Any]
Decision = tuple[str, Optional[str]]


class ReplayLedger:
    """One component's incidents in memory, each record placed as the database ledger places it."""

    def __init__(self) -> None:
        self.members: dict[str, list[Rec]] = {}    # incident id -> member records, in the stored order
        self.match: dict[str, Rec] = {}            # incident id -> its match data (as the ledger reads it)
        self.cols: dict[str, dict[str, Any]] = {}  # incident id -> its index columns and n_reports
        self.seq: dict[str, int] = {}              # incident id -> its seq (candidates come in seq order)
        self.stored: dict[str, int] = {}           # record id -> its place in the stored order
        self.words: dict[str, str] = {}            # report id -> its words (for its place-less records)
        self.windows: dict[str, Window] = {}       # record id -> its date window (fixed: a replay changes no date)
        self.placeless: dict[str, bool] = {}       # record id -> whether it names no place (fixed too)
        self.next_seq = 1

    def _candidates(self, rec: Rec) -> list[Rec]:
        """:meth:`warledger.store.ledger.Ledger._candidates` with ``wide=True``, in memory."""
        lk = lookup_of(rec)
        if lk is None:
            return []
        lk = widened(lk)
        incs = sorted(self.match, key=self.seq.__getitem__)
        found = [self.match[i] for i in incs
                 if lk.admits(self.cols[i], self.match[i].get("latitude"), self.match[i].get("longitude"))]
        if lk.with_placeless:
            found += [dict(self.match[i], **{TEXT_KEY: self.words.get(self.members[i][0].get("report_id") or "")})
                      for i in incs if self.cols[i]["place_key"] is None and self.cols[i]["n_reports"] == 1
                      and lk.in_window(self.cols[i])]
            have = {f["incident_id"] for f in found}
            found += [self.match[i] for i in incs if i not in have and self.cols[i]["place_key"] is not None
                      and lk.in_window(self.cols[i])
                      and TEXT_PLACE_CODE in json.dumps(self.match[i], ensure_ascii=False)]
        return found

    def _members_of(self, incident_id: str) -> list[Rec]:
        """:func:`warledger.store.settle.members_of`: the members (live, in the stored order), a place-less one
        with its report's words."""
        out = self.members[incident_id]
        for m in out:
            if self._placeless(m):
                m[TEXT_KEY] = self.words.get(m.get("report_id") or "", "")
        return out

    def _placeless(self, rec: Rec) -> bool:
        """Whether a record names no place (:func:`stub_reason`), worked out once per record, as its window."""
        rid = rec["record_id"]
        if rid not in self.placeless:
            self.placeless[rid] = stub_reason(rec) == "no place"
        return self.placeless[rid]

    def _window(self, rec: Rec) -> Window:
        """A record's :func:`date_window`, worked out once: the replay compares each member with every later
        record of its place and days, and changes only a member's text-place note, which no window reads."""
        rid = rec["record_id"]
        if rid not in self.windows:
            self.windows[rid] = date_window(rec)
        return self.windows[rid]

    def _settle(self, rec: Rec, found: list[Rec]) -> Optional[tuple[str, set[str]]]:
        """:func:`warledger.store.settle.settle`, in memory: the incident ``rec`` goes to and those to rebuild."""
        linked = linked_incidents(rec, found, self._members_of, self._window)
        if linked is None:
            return None
        stored = sorted((m for ms in linked.values() for m in ms), key=lambda m: self.stored[m["record_id"]])
        plan = regroup(stored + [rec])
        for was, ms in list(linked.items()):
            for m in list(ms):
                iid, note = plan[m["record_id"]]
                m["problems"] = with_note(m.get("problems") or [], note)
                if was != iid:
                    self.members[was].remove(m)
                    self.members.setdefault(iid, []).append(m)
        target, note = plan[rec["record_id"]]
        if note is not None:
            rec["problems"] = with_note(rec.get("problems") or [], note)
        return target, set(linked) | {iid for iid, _ in plan.values()}

    def place(self, rec: Rec) -> None:
        """Place one record (slim, with its report's words if it names no place), the next in the stored order."""
        self.stored[rec["record_id"]] = len(self.stored)
        if rec.get(TEXT_KEY) is not None:
            self.words[rec.get("report_id") or ""] = rec[TEXT_KEY]
        found = self._candidates(rec)
        settled = self._settle(rec, found) if found else None
        for ms in self.members.values():
            for m in ms:
                m.pop(TEXT_KEY, None)
        if settled is not None:
            target, todo = settled
        else:
            match, note = decide(rec, found)
            target = match["incident_id"] if match is not None else "inc-" + rec["record_id"][4:]
            if note is not None:
                rec["problems"] = list(rec.get("problems") or []) + [note]
            todo = set()
        rec.pop(TEXT_KEY, None)
        self.members.setdefault(target, []).append(rec)
        for iid in sorted(todo | {target}):
            self._rebuild(iid)

    def _rebuild(self, incident_id: str) -> None:
        """:meth:`warledger.store.ledger.Ledger._rebuild`: an emptied incident goes, a new one takes the next seq."""
        seq, self.next_seq = self.next_seq, self.next_seq + 1   # as the ledger counts: one per incident rebuilt
        members = sorted(self.members.get(incident_id) or [], key=lambda m: self.stored[m["record_id"]])
        if not members:
            for table in (self.members, self.match, self.cols, self.seq):
                table.pop(incident_id, None)
            return
        self.members[incident_id] = members
        merged = merge_records(members, incident_id)
        self.match[incident_id] = match_data(merged)
        self.cols[incident_id] = dict(index_columns(merged), n_reports=len(merged.get("reports") or []))
        self.seq.setdefault(incident_id, seq)

    def decisions(self) -> dict[str, Decision]:
        """Each record's incident and the text-place problem it ends with (:data:`TEXT_PLACE_CODE`), if any."""
        out: dict[str, Decision] = {}
        for iid, ms in self.members.items():
            for m in ms:
                notes = [p for p in m.get("problems") or [] if str(p).startswith(TEXT_PLACE_CODE)]
                out[m["record_id"]] = (iid, notes[-1] if notes else None)
        return out
