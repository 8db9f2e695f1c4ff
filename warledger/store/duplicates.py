"""The ledger's possible duplicates and the analyst's "not the same" answers.

:class:`DuplicatesMixin` is part of :class:`warledger.store.Ledger`.  :meth:`~DuplicatesMixin.duplicate_pairs`
lists pairs of incidents deduplication did not merge that may be one event (:mod:`warledger.reconcile.pairs`:
blocked by country, date window and admin1, never all pairs), best first, leaving out the pairs an analyst kept
apart.  :meth:`~DuplicatesMixin.keep_apart` stores such an answer: an audit row on each incident (``apart``) and
one ``wl_apart`` row per record of either side, so the decision follows the records when their incidents are
merged, split or rebuilt; a merge of two incidents kept apart is refused (:func:`refuse_kept_apart`) and an
ingest does not put a record back with the other side (:func:`barred_incidents`).
:meth:`~DuplicatesMixin.undo_apart` takes the answer back (``unapart`` audit rows).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterable, Optional

from sqlalchemy import Connection, delete, func, select

from warledger.errors import InputError
from warledger.reconcile.pairs import Entry, Facts, compare, entries, meetings, source_reason
from warledger.store.query import Filters
from warledger.store.schema import apart, audit, incidents, inserted_key, records, reports, writer_lock
from warledger.store.json_columns import load_json
from warledger.store.team import check_fresh, describe, now_stamp

if TYPE_CHECKING:
    from sqlalchemy import Engine

Rec = dict[str, Any]
CHUNK = 900      # ids per IN (...) list
PAIRS_KEPT = 16   # ranked pair lists remembered per ledger object (one per state and filters)
QUOTE_FIELDS = ("event_date", "location", "killed.total", "killed.civilians", "actor1", "sub_event_type")


class KeptApart(InputError):
    """A merge of incidents an analyst said are not one event: ``fields`` go into the API's 400 beside its detail
    (``kept_apart``: the decision and the answer in words, as :func:`warledger.store.team.describe` says it)."""

    def __init__(self, message: str, decision: int, said: str) -> None:
        super().__init__(message)
        self.fields = {"kept_apart": {"decision": decision, "said": said}}


def decisions_between(conn: Connection, incident_ids: Iterable[str]) -> list[tuple[str, str, int]]:
    """The "not the same" decisions in force between any two of these incidents: (one, other, decision)."""
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        return []
    rows = conn.execute(select(apart.c.audit_seq, apart.c.side, records.c.incident_id)
                        .join(records, records.c.record_id == apart.c.record_id)
                        .where(records.c.incident_id.in_(ids))).all()
    sides: dict[int, dict[int, set[str]]] = {}
    for seq, side, iid in rows:
        sides.setdefault(int(seq), {}).setdefault(int(side), set()).add(str(iid))
    out: list[tuple[str, str, int]] = []
    for seq, by_side in sorted(sides.items()):
        for x in sorted(by_side.get(0, ())):
            out.extend((x, y, seq) for y in sorted(by_side.get(1, ())) if y != x)
    return out


def _kept_apart_map(conn: Connection) -> dict[str, set[tuple[int, int]]]:
    """Every incident holding a record of a decision: {incident_id: {(decision, side)}}."""
    out: dict[str, set[tuple[int, int]]] = {}
    for seq, side, iid in conn.execute(select(apart.c.audit_seq, apart.c.side, records.c.incident_id)
                                       .join(records, records.c.record_id == apart.c.record_id)):
        if iid is not None:
            out.setdefault(str(iid), set()).add((int(seq), int(side)))
    return out


def _apart(tags: dict[str, set[tuple[int, int]]], a: str, b: str) -> bool:
    ta, tb = tags.get(a), tags.get(b)
    return bool(ta and tb and any((seq, 1 - side) in tb for seq, side in ta))


def refuse_kept_apart(conn: Connection, incident_ids: list[str]) -> None:
    """Raise :class:`KeptApart` when two of these incidents were answered "not the same": who said so, when,
    and how to undo it."""
    found = decisions_between(conn, incident_ids)
    if not found:
        return
    a, b, seq = found[0]
    row = conn.execute(select(audit).where(audit.c.seq == seq)).first()
    who, at = (row.who, row.at) if row is not None else ("an analyst", "an earlier time")
    why = f" ({row.reason!r})" if row is not None and row.reason else ""
    said = describe(row) if row is not None else f"{who} kept {a} and {b} apart (decision {seq})"
    raise KeptApart(f"not merged: {who} kept incidents {a} and {b} apart as not the same event at {at}{why} "
                    f"(decision {seq}). If they are one event after all, undo that decision first: the "
                    f"'Undo not the same' button in either incident's history, or POST /api/duplicates/undo "
                    f'{{"decision": {seq}}}; then merge them.', seq, said)


def barred_incidents(conn: Connection, record_id: str) -> set[str]:
    """The incidents a record must not join: those holding the other side of a decision the record is in."""
    mine = conn.execute(select(apart.c.audit_seq, apart.c.side).where(apart.c.record_id == record_id)).all()
    barred: set[str] = set()
    for seq, side in mine:
        other = select(apart.c.record_id).where(apart.c.audit_seq == seq, apart.c.side != side)
        barred.update(str(i) for i in conn.execute(select(records.c.incident_id).where(
            records.c.record_id.in_(other), records.c.incident_id.is_not(None))).scalars())
    return barred


def _sources(conn: Connection, incident_ids: set[str]) -> dict[str, set[str]]:
    """The sources (names) of each incident's reports."""
    out: dict[str, set[str]] = {}
    ids = sorted(incident_ids)
    for n in range(0, len(ids), CHUNK):
        for iid, src in conn.execute(select(records.c.incident_id, reports.c.source).distinct()
                                     .join(reports, reports.c.id == records.c.report_id)
                                     .where(records.c.incident_id.in_(ids[n:n + CHUNK]),
                                            reports.c.source.is_not(None))):
            out.setdefault(str(iid), set()).add(str(src))
    return out


def _load_match(conn: Connection, items: list[Entry]) -> None:
    """Read the match data of these entries (by id, in chunks)."""
    by_id = {e.incident_id: e for e in items}
    ids = sorted(by_id)
    for n in range(0, len(ids), CHUNK):
        for iid, raw in conn.execute(select(incidents.c.incident_id, incidents.c.match_data)
                                     .where(incidents.c.incident_id.in_(ids[n:n + CHUNK]))):
            by_id[str(iid)].raw = raw


def _pairs_state(conn: Connection, f: Filters) -> tuple[Any, ...]:
    """The state of the ledger the pairs depend on: its last report and its last audit row that could change an
    incident (a review only when the filters read the review state)."""
    skip = ["export", "apart", "unapart"] + ([] if f.review_state else ["review"])
    last = select(audit.c.seq).where(audit.c.action.not_in(skip)).order_by(audit.c.seq.desc()).limit(1)
    return tuple(conn.execute(select(select(func.max(reports.c.seq)).scalar_subquery(), last.scalar_subquery())).one())


def _rank(conn: Connection, f: Filters) -> list[tuple[float, list[Rec], str, str]]:
    """Every possible duplicate of the filtered ledger (kept-apart pairs included), best first.  Each incident's
    stored facts (``pair_facts``) decide which pairs meet (:func:`meetings`); only the incidents of those pairs have
    their match data read and parsed, for the full comparison."""
    c = incidents.c
    q = f.apply(select(c.incident_id, c.date_lo, c.date_hi, c.country, c.admin1, c.actor2, c.pair_facts)
                .where(c.date_lo.is_not(None)))
    rows = conn.execute(q).all()
    items = list(entries(((str(iid), lo, hi, country, adm1, None, {"actor2": a2, "country": country})
                          for iid, lo, hi, country, adm1, a2, _ in rows), (r[-1] for r in rows)))
    _load_match(conn, [e for e in items if not Facts.current(e.stored)])   # facts of another version: worked out
    met = list(meetings(items))
    _load_match(conn, list({id(e): e for p in met for e in p if e.raw is None}.values()))
    found = list(compare(met))
    sources = _sources(conn, {e.incident_id for p in found for e in p[2:]})
    ranked = []
    for score, reasons, a, b in found:
        same = source_reason(sources.get(a.incident_id, ()), sources.get(b.incident_id, ()))
        ranked.append((score, [r.as_json() for r in reasons + ([same] if same else [])], a.incident_id, b.incident_id))
    ranked.sort(key=lambda p: (-p[0], p[2], p[3]))
    return ranked


class DuplicatesMixin:
    engine: "Engine"
    db: str

    def _line(self, conn: Connection, incident_id: str) -> Rec:
        raise NotImplementedError

    def _ranked_pairs(self, f: Filters) -> list[tuple[float, list[Rec], str, str]]:
        """Every possible duplicate of the filtered ledger not kept apart, best first.  The ranked pairs are
        remembered per state of the ledger's incidents (an answer "not the same" changes none: it is applied
        to the remembered list, so the queue answers at once after one)."""
        cache: dict[Any, Any] = self.__dict__.setdefault("_pairs_cache", {})
        with self.engine.connect() as conn:
            key = (_pairs_state(conn, f), tuple(sorted(f.as_params().items())))
            if key not in cache:
                if len(cache) >= PAIRS_KEPT:
                    cache.clear()
                cache[key] = _rank(conn, f)
            tags = _kept_apart_map(conn)
        return [p for p in cache[key] if not _apart(tags, p[2], p[3])]

    def duplicate_pairs(self, filters: Optional[Filters] = None, limit: int = 50,
                        offset: int = 0) -> tuple[list[Rec], int]:
        """One page of the possible duplicates (both incidents in ``filters``), best first, and how many there
        are: each {"score", "reasons": [{"code", "words", "weight"}], "incidents": [line, line]}; each line
        with its ``version`` and its reports' ``sources`` (id, source, url, published)."""
        ranked = self._ranked_pairs(filters or Filters())
        page = ranked[offset:offset + limit]
        ids = list(dict.fromkeys(i for p in page for i in p[2:]))
        lines = self._pair_lines(ids)
        out = [{"score": score, "reasons": reasons, "incidents": [lines[a], lines[b]]}
               for score, reasons, a, b in page if a in lines and b in lines]
        return out, len(ranked)

    def _pair_lines(self, ids: list[str]) -> dict[str, Rec]:
        from warledger.store.team import versions

        out: dict[str, Rec] = {}
        with self.engine.connect() as conn:
            vers = versions(conn, ids)
            rows = conn.execute(select(incidents.c.incident_id, incidents.c.data, incidents.c.review_state)
                                .where(incidents.c.incident_id.in_(ids))).all() if ids else []
            for iid, data, state in rows:
                out[str(iid)] = dict(json.loads(data), review_state=state, version=vers.get(str(iid), 0))
            report_ids = sorted({r for line in out.values() for r in line.get("reports") or ()})
            heads = {str(r.id): dict(r._mapping) for r in conn.execute(
                select(reports.c.id, reports.c.source, reports.c.url, reports.c.published)
                .where(reports.c.id.in_(report_ids)))} if report_ids else {}
            quotes = self._quotes(conn, ids)
        for iid, line in out.items():
            line["sources"] = [dict(heads.get(r, {"id": r}), quotes=quotes.get((iid, r), []))
                               for r in line.get("reports") or ()]
        return out

    @staticmethod
    def _quotes(conn: Connection, ids: list[str]) -> dict[tuple[str, str], list[Rec]]:
        """The words behind each incident's date, place, toll, perpetrator and type, per report."""
        out: dict[tuple[str, str], list[Rec]] = {}
        if not ids:
            return out
        for iid, rid, data in conn.execute(select(records.c.incident_id, records.c.report_id, records.c.data)
                                           .where(records.c.incident_id.in_(ids))):
            seen = out.setdefault((str(iid), str(rid)), [])
            for ev in json.loads(data).get("evidence") or ():
                if ev.get("field") in QUOTE_FIELDS and ev.get("text") and len(seen) < 6 and \
                        all(q["text"] != ev["text"] for q in seen):
                    seen.append({"field": ev["field"], "text": ev["text"]})
        return out

    def kept_apart_from(self, incident_id: str, others: list[str]) -> dict[str, int]:
        """Which of ``others`` an analyst kept apart from this incident: {other: decision}."""
        with self.engine.connect() as conn:
            found = decisions_between(conn, [incident_id, *others])
        return {(b if a == incident_id else a): seq for a, b, seq in found if incident_id in (a, b)}

    def keep_apart(self, incident_ids: list[str], *, who: str, reason: Optional[str] = None,
                   base_versions: Optional[dict[str, int]] = None) -> Rec:
        """Answer "not the same" for two incidents: they leave the duplicates queue and are never merged while
        the answer stands.  Returns {"decision": its audit seq, "incident_ids": [a, b]}."""
        ids = list(dict.fromkeys(incident_ids))
        if len(ids) != 2:
            raise InputError("not the same: give two different incident ids")
        with self.engine.begin() as conn:
            writer_lock(conn)
            for iid in ids:
                self._line(conn, iid)
                check_fresh(conn, iid, (base_versions or {}).get(iid), attempt="your 'not the same'")
            old = decisions_between(conn, ids)
            if old:
                return {"decision": old[0][2], "incident_ids": ids, "already": True}
            recs = [list(conn.execute(select(records.c.record_id).where(records.c.incident_id == iid)).scalars())
                    for iid in ids]
            at = now_stamp()
            seq = inserted_key(conn.execute(audit.insert().values(
                incident_id=ids[0], action="apart", reason=reason, who=who, at=at,
                data=json.dumps({"apart_from": ids[1], "records": recs}))))
            conn.execute(audit.insert().values(incident_id=ids[1], action="apart", reason=reason, who=who, at=at,
                                               data=json.dumps({"apart_from": ids[0], "decision": seq})))
            conn.execute(apart.insert(), [{"audit_seq": seq, "record_id": r, "side": side}
                                          for side, rs in enumerate(recs) for r in rs])
        return {"decision": seq, "incident_ids": ids, "already": False}

    def undo_apart(self, decision: int, *, who: str, reason: Optional[str] = None) -> Rec:
        """Take back a "not the same" answer (its audit seq): the pair may be listed and merged again."""
        with self.engine.begin() as conn:
            writer_lock(conn)
            row = conn.execute(select(audit).where(audit.c.seq == decision, audit.c.action == "apart")).first()
            rec_ids = list(conn.execute(select(apart.c.record_id).where(apart.c.audit_seq == decision)).scalars())
            if row is None or not rec_ids:
                raise InputError(f"no 'not the same' decision {decision} in force: the incidents' histories list them")
            now = sorted(set(conn.execute(select(records.c.incident_id).where(
                records.c.record_id.in_(rec_ids), records.c.incident_id.is_not(None))).scalars()))
            conn.execute(delete(apart).where(apart.c.audit_seq == decision))
            first = load_json(row.data) or {}
            for iid in now or [row.incident_id, first.get("apart_from")]:
                conn.execute(audit.insert().values(incident_id=iid, action="unapart", reason=reason or "undo",
                                                   who=who, at=now_stamp(), data=json.dumps({"undoes": decision})))
        return {"undone": decision, "incident_ids": now}
