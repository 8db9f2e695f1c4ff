"""The loader's bulk path: a batch of new reports whose incident records the block tasks already placed
(:mod:`warledger.cluster.blocks`) is written in one transaction with one statement per table: ``executemany``
on SQLite, ``COPY`` on PostgreSQL (psycopg's ``cursor.copy``).  The rows are the ones the per-report path
writes (:meth:`warledger.store.ledger.Ledger._store_report`): the same records, incidents (merged from their
members so far, in the order the ledger stores them), claim checks and flags.

A batch it cannot take (a report already in the ledger, a record without a decision) raises
:class:`NotBulk` before anything is written, and the ledger stores that batch report by report.
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from typing import Any, Iterable, Mapping, Optional, Sequence

from sqlalchemy import Connection, Table, func, select, text

from warledger.reconcile.claims import check_report
from warledger.reconcile.dedup import CODED_KEY, TEXT_KEY, stub_reason, text_words
from warledger.reconcile.merge import merge_records
from warledger.record import CODED_COLUMNS_KEY, Report, utc_moment
from warledger.store.schema import checks, incidents, records, reports

Rec = dict[str, Any]
Decision = tuple[str, Optional[str]]


def record_hash(report_id: str, chash: str, ordinal: int) -> str:
    return hashlib.sha1(f"{report_id}\0{chash}\0{ordinal}".encode("utf-8")).hexdigest()[:16]


def report_records(rep: Report, chash: str) -> list[Rec]:
    """The record dicts the ledger stores for a report, its incident records that name no place carrying their
    report's words (:data:`TEXT_KEY`: the words may still name a place, :func:`dedup.text_names_place`) until
    they are placed."""
    recs: list[Rec] = []
    words: Optional[str] = None
    for ordinal, inc in enumerate(rep.incidents):
        rec = inc.to_json(rep.id)
        rec.update(record_id="rec-" + record_hash(rep.id, chash, ordinal), published=rep.published,
                   source=rep.source, url=rep.url, ordinal=ordinal)
        if rep.source_scale:
            rec["source_scale"] = rep.source_scale
        if rep.coded_columns:
            rec[CODED_COLUMNS_KEY] = dict(rep.coded_columns)
        if rep.coded and rec["kind"] == "incident":   # a coded dataset's row (dedup.coded_row), known by the input
            rec[CODED_KEY] = True
        if rec["kind"] == "incident" and stub_reason(rec) == "no place":
            words = words if words is not None else text_words(rep.text)
            rec[TEXT_KEY] = words
        recs.append(rec)
    return recs


class NotBulk(Exception):
    """This batch needs the per-report path (why in the message)."""


class BulkWriter:
    """Writes batches of one ingest; keeps the members and seq of each incident that more records will join
    (from the decisions), so a later batch updates it without reading it back."""

    def __init__(self, decided: Mapping[str, Decision]) -> None:
        self.decided = decided
        self.expected = Counter(target for target, _ in decided.values())
        self.members: dict[str, list[Rec]] = {}
        self.seqs: dict[str, int] = {}
        self.founded: set[str] = set()   # every incident a batch of this writer founded

    def write(self, conn: Connection, todo: Sequence[tuple[Report, str]], report_rows: list[dict[str, Any]],
              stats: Any, incident_row: Any, flag_claims: Any) -> None:
        """Store the batch ``todo`` (new reports, with their report rows, seq not yet set); on any failure the
        writer is as it was before the call (the caller rolls the transaction back)."""
        saved = ({k: list(v) for k, v in self.members.items()}, dict(self.seqs), set(self.founded))
        try:
            self._write(conn, todo, report_rows, stats, incident_row, flag_claims)
        except BaseException:
            self.members, self.seqs, self.founded = saved
            raise

    def _write(self, conn: Connection, todo: Sequence[tuple[Report, str]], report_rows: list[dict[str, Any]],
               stats: Any, incident_row: Any, flag_claims: Any) -> None:
        record_rows: list[dict[str, Any]] = []
        check_rows: list[dict[str, Any]] = []
        flagged: list[str] = []
        touched: dict[str, None] = {}
        new: set[str] = set()
        counts = Counter[str]()
        next_rseq = int(conn.execute(select(func.coalesce(func.max(reports.c.seq), 0))).scalar_one()) + 1
        next_seq = int(conn.execute(select(func.coalesce(func.max(incidents.c.seq), 0))).scalar_one()) + 1
        for (rep, chash), rrow in zip(todo, report_rows):
            rrow["seq"], next_rseq = next_rseq, next_rseq + 1
            recs = report_records(rep, chash)
            for rec in recs:
                iid = None
                if rec["kind"] == "incident":
                    counts["records"] += 1
                    iid, next_seq = self._place(rec, next_seq, new, counts)
                    touched[iid] = None
                else:
                    counts["aggregates"] += 1
                record_rows.append(dict(
                    record_id=rec["record_id"], report_id=rep.id, ordinal=rec["ordinal"], report_seq=rrow["seq"],
                    kind=rec["kind"], incident_id=iid, data=json.dumps(rec, ensure_ascii=False, sort_keys=True)))
            failed = False
            for chk in check_report(recs, rep.text):
                failed = failed or chk["status"] == "mismatch"
                check_rows.append(dict(
                    check_id=f"{chk['record_id']}:{chk['category']}", report_id=rep.id, record_id=chk["record_id"],
                    category=chk["category"], status=chk["status"], data=json.dumps(chk, ensure_ascii=False)))
            if failed:
                flagged.append(rep.id)
        inserts, updates = [], []
        for iid in touched:
            row = incident_row(merge_records(self.members[iid], iid), self.seqs[iid])
            if iid in new:
                inserts.append(row)
            else:
                row["b_incident_id"] = row.pop("incident_id")
                updates.append(row)
            if len(self.members[iid]) >= self.expected[iid]:   # complete: no later batch needs it
                del self.members[iid], self.seqs[iid]
        copy_rows(conn, reports, report_rows)
        copy_rows(conn, records, record_rows)
        copy_rows(conn, incidents, inserts)
        copy_rows(conn, checks, check_rows)
        if updates:
            conn.execute(incidents.update().where(incidents.c.incident_id == _bind("b_incident_id")), updates)
        if conn.dialect.name == "postgresql" and report_rows:
            conn.execute(text("SELECT setval(pg_get_serial_sequence('wl_reports', 'seq'), :n)"),
                         {"n": next_rseq - 1})
        for rid in flagged:
            flag_claims(conn, rid)
        stats.added += len(todo)
        stats.records += counts["records"]
        stats.aggregates += counts["aggregates"]
        stats.new_incidents += counts["new"]
        stats.merged += counts["merged"]

    def forget(self, incident_ids: Iterable[str]) -> None:
        """Incidents the per-report path wrote to: their members are in the database, no longer all here, so a
        batch that joins one goes report by report (:class:`NotBulk`)."""
        for iid in incident_ids:
            self.founded.add(iid)
            self.members.pop(iid, None)
            self.seqs.pop(iid, None)

    def _place(self, rec: Rec, next_seq: int, new: set[str], counts: Counter[str]) -> tuple[str, int]:
        """The incident the record is in (by its decision), founding it or joining it as the loader would."""
        try:
            target, note = self.decided[rec["record_id"]]
        except KeyError:
            raise NotBulk(f"record {rec['record_id']} was not placed by the block tasks") from None
        rec.pop(TEXT_KEY, None)
        if note is not None:
            rec.setdefault("problems", []).append(note)
        if target not in self.members and target not in self.founded:
            # its first record in the stored order founds it (the tasks name it after its first in content order)
            counts["new"] += 1
            new.add(target)
            self.founded.add(target)
            self.seqs[target] = next_seq
            self.members[target] = [rec]
            return target, next_seq + 1
        if target not in self.members:
            raise NotBulk(f"record {rec['record_id']} joins incident {target}, whose members the bulk writer "
                          f"does not all hold")
        counts["merged"] += 1
        self.members[target].append(rec)
        return target, next_seq


def _bind(name: str) -> Any:
    from sqlalchemy import bindparam

    return bindparam(name)


def copy_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows: COPY on PostgreSQL, one executemany elsewhere."""
    if not rows:
        return
    if conn.dialect.name != "postgresql":
        conn.execute(table.insert(), rows)
        return
    cols = list(rows[0])
    names = ", ".join(f'"{c}"' for c in cols)
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        with cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[c] for c in cols])


def report_row(rep: Report, chash: str) -> dict[str, Any]:
    """A report's row, as the per-report path writes it (``seq`` set by the writer)."""
    return dict(id=rep.id, content_hash=chash, text=rep.text, source=rep.source, url=rep.url,
                published=rep.published, language=rep.language, problems=json.dumps(rep.problems, ensure_ascii=False),
                n_records=len(rep.incidents), ingested_at=rep.received or utc_moment())
