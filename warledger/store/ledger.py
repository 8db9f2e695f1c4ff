"""The ledger: reports, the records read from them, and the reconciled incidents, in one database.

``Ledger(db).ingest(reports)`` streams reports in, extracts them if needed, stores each report with
its content hash, deduplicates its incidents against the ledger and checks its aggregate claims.
Each batch of reports is one transaction: a crash (even ``kill -9``) loses at most the batch in
flight, never leaves half an incident, and the next ingest picks up where the last commit ended.

Ids are derived from content: a record is ``rec-`` + hash(report id, content hash, ordinal); an
incident takes the id of its first record in content order (``inc-`` + the same hash): a record that links
stored incidents places their records again in that order (:mod:`warledger.store.settle`), so the incidents and
their ids do not depend on the order reports arrived in.  Ingesting the same report again changes nothing.  A report whose id is in the
ledger with other content is a conflict: it is kept as it was ("W-ID-CONFLICT", counted in
``IngestStats.conflicts``) unless ``ingest(..., replace=True)``, which replaces the old version (its
records leave their incidents, which are rebuilt from the rest).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from sqlalchemy import Connection, and_, bindparam, delete, func, or_, select
from sqlalchemy.exc import DBAPIError

from warledger.errors import InputError, StoreError
from warledger.reconcile.claims import check_report
from warledger.reconcile.candidates import NEAR_DEG, PLACE_KEY_LEN, Lookup, decide, lookup_of
from warledger.reconcile.dedup import TEXT_KEY, stub_reason, text_words
from warledger.reconcile.merge import merge_records
from warledger.record import COUNT_CATEGORIES, Report, utc_moment, with_representative_date
from warledger.timelimit import one_time_seconds
from warledger.store.bulk import BulkWriter, record_hash, report_records, report_row
from warledger.store.query import Filters, iso_date
from warledger.store.duplicates import DuplicatesMixin, barred_incidents
from warledger.store.review import ReviewMixin
from warledger.reconcile.settle import TEXT_PLACE_CODE, widened
from warledger.store.settle import settle
from warledger.store.periods import every_period
from warledger.store.rows import incident_row, week_of
from warledger.store.schema import (checks, incidents, inserted_key, open_engine, records, redact, what_to_do,
                                    reports)

Rec = dict[str, Any]


@dataclass
class Processed:
    """A report extracted and geocoded elsewhere (a Dask worker: :mod:`warledger.cluster`), with the content
    hash of the report as it was read (cleaning may rewrite its text) and, when extraction failed on it, the
    problem saying so.  ``Ledger.ingest`` stores it as it is, exactly as if it had extracted it itself."""

    report: Report
    content_hash: str
    failure: Optional[str] = None


ReportLike = Union[Report, dict[str, Any], Processed]

TALLY_KEYS: dict[str, str] = {
    "actor1": "actor1", "admin1": "admin1", "admin2": "admin2", "day": "event_date", "week": "week",
    "month": "month", "sub_event_type": "sub_event_type",
}
WHERE_KEYS = ("actor1", "admin1", "admin2", "sub_event_type", "event_date", "week", "month")
_INSERT_REPORT = reports.insert()
_INSERT_RECORD = records.insert()
_INSERT_INCIDENT = incidents.insert()
_INSERT_CHECK = checks.insert()
_UPDATE_INCIDENT = incidents.update().where(incidents.c.incident_id == bindparam("b_incident_id"))
TALLY_SUMS = ("strikes",) + tuple(f"killed_{c}" for c in COUNT_CATEGORIES) + tuple(
    f"injured_{c}" for c in COUNT_CATEGORIES)


def content_hash(report: Report) -> str:
    """What makes two versions of a report the same: its text and the date its relative dates resolve against."""
    h = hashlib.sha256()
    h.update(report.text.encode("utf-8"))
    h.update(b"\0" + (report.published or "").encode("utf-8"))
    return h.hexdigest()


def extraction_failure(exc: BaseException) -> str:
    """The problem a report gets when extracting it raised (it is stored with its text and no records)."""
    return f"E-EXTRACT-FAILED: extraction failed on this report ({type(exc).__name__}: {str(exc)[:200]})"


def as_report(item: ReportLike, where: str) -> Report:
    """A Report object, or a contract input dict ``{"id", "text", "published", ...}`` -> Report."""
    if isinstance(item, Report):
        return item
    if not isinstance(item, dict):
        raise InputError(f"{where}: expected a Report or a dict with 'id' and 'text', got {type(item).__name__}")
    if item.get("id") in (None, "") or not isinstance(item.get("text"), str):
        raise InputError(f"{where}: a report needs an 'id' and a 'text' string (got keys {sorted(item)})")
    from warledger.ingest.reader import parse_published
    problems: list[str] = []
    from warledger.ingest.kinds import coded_input
    from warledger.ingest.reader import scale_of
    rep = Report(id=str(item["id"]), text=item["text"], url=item.get("url"), source=item.get("source"),
                 source_scale=scale_of(item.get("source_scale")),
                 language=item.get("language"), coded=coded_input(item),
                 published=parse_published(item.get("published"), where, problems))
    rep.problems.extend(problems)
    return rep


@dataclass
class IngestStats:
    read: int = 0
    added: int = 0
    unchanged: int = 0
    replaced: int = 0
    conflicts: int = 0          # id in the ledger with other content, kept as it was (no replace=True)
    failed: int = 0             # reports that could not be read, extracted or stored (each with a message)
    records: int = 0
    aggregates: int = 0
    new_incidents: int = 0
    merged: int = 0
    batches: int = 0
    seconds: float = 0.0
    built_seconds: float = 0.0  # of ``seconds``: one-time builds (gazetteer index, lexicons) on a first run
    messages: list[str] = field(default_factory=list)

    def timing(self) -> str:
        """'12.3s (41 reports/s)'; on a first run, the one-time builds apart: 'first run: built the indexes in
        70.1 s; 5 reports in 5.7 s (0.88 reports/s)', the rate counting the reports' own time."""
        own = max(self.seconds - self.built_seconds, 0.0) if self.built_seconds >= 0.5 else self.seconds
        rate = self.read / own if own else 0.0
        rate_text = f"{rate:.0f}" if rate >= 10 or not rate else f"{rate:.2g}"  # a slow run: 0.075, not 0
        if own == self.seconds:
            return f"{self.seconds:.1f}s ({rate_text} reports/s)"
        return (f"first run: built the indexes in {self.built_seconds:.1f} s (once: later runs reuse them); "
                f"{self.read} reports in {own:.1f} s ({rate_text} reports/s)")

    def summary(self) -> str:
        conflicts = f", {self.conflicts} conflicting, kept (use --replace)" if self.conflicts else ""
        conflicts += f", {self.failed} failed (see the messages)" if self.failed else ""
        return (f"{self.read} reports read ({self.added} added, {self.replaced} replaced, {self.unchanged} "
                f"already in the ledger{conflicts}); {self.records} incident records: {self.new_incidents} new incidents, "
                f"{self.merged} merged into existing ones; {self.aggregates} aggregate claims; "
                f"{self.timing()}")


__all__ = ["NEAR_DEG", "PLACE_KEY_LEN", "Decision", "IngestStats", "Ledger", "Processed", "incident_row", "record_hash",
           "report_records"]

# where a Dask ingest's block tasks placed a record (:mod:`warledger.reconcile.blocks`): the incident it is in
# (its own id when it founded one) and the problem it gained joining, if any
Decision = tuple[str, Optional[str]]


def last_modified_columns() -> tuple[Any, Any]:
    """When an incident last changed (ISO UTC to the second, as the ledger writes times): the latest of the
    ingest of any report it holds (a report that joined it, or one stored again) and of any audit row on it (a
    correction, review, merge, split or undo).  Stable while the ledger does not change: an export made twice of
    an unchanged ledger gives every row the same time, as ACLED's ``timestamp`` (when the row last changed)."""
    from warledger.store.schema import audit, reports

    ingested = (select(func.max(reports.c.ingested_at))
                .select_from(records.join(reports, reports.c.id == records.c.report_id))
                .where(records.c.incident_id == incidents.c.incident_id).scalar_subquery())
    audited = (select(func.max(audit.c.at)).where(audit.c.incident_id == incidents.c.incident_id)
               .scalar_subquery())
    return ingested.label("ingested_last"), audited.label("audited_last")


def _connection_lost(exc: BaseException) -> bool:
    """The database connection died under a write (server restarted, backend terminated, network gone):
    every later statement of the transaction would fail too, so no report of the batch is to blame."""
    return isinstance(exc, DBAPIError) and bool(exc.connection_invalidated)


class Ledger(ReviewMixin, DuplicatesMixin):
    """A reconciled ledger of incidents in a SQLite file (default) or a PostgreSQL database.

    >>> ledger = Ledger("ledger.db")            # or "postgresql://user:pw@host/db"
    >>> ledger.ingest(reports)                  # Report objects or {"id", "text", "published"} dicts
    >>> for line in ledger.incidents(): ...
    >>> ledger.tally(by="actor1")
    """

    def __init__(self, db: str = "ledger.db") -> None:
        self.db = str(db)
        self.engine = open_engine(self.db)
        self._decided: Mapping[str, Decision] = {}
        self._bulk: Optional[BulkWriter] = None
        self._settled: set[str] = set()   # incidents a record's settling changed (_place_record)
        self._moved: set[str] = set()     # every incident rebuilt after a join in this ingest

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ ingest

    def ingest(self, items: Iterable[ReportLike], *, process: Optional[bool] = None, geocoder: Any = None,
               batch_size: int = 200, progress: Any = False, total: Optional[int] = None,
               replace: bool = False, decided: Optional[Mapping[str, Decision]] = None) -> IngestStats:
        """Store, deduplicate and reconcile reports, one transaction per ``batch_size`` reports.

        ``process``: run each report through :func:`warledger.pipeline.process` (extraction and
        geocoding).  Default: dicts and Report objects without incidents are processed; Report objects
        whose ``incidents`` are already filled are stored as they are.
        ``replace``: a report whose id is in the ledger with other content replaces the stored version;
        without it the stored version is kept and the report is counted in ``stats.conflicts``, with a
        "W-ID-CONFLICT" message in ``stats.messages``.
        ``progress``: False, True (a bar), "auto", "bar", "lines" (a summary line about once a minute) or
        an object with ``update(n)`` and ``close()``; it advances once per report.  ``total``: the number
        of reports expected, when known (for the ETA).
        ``decided``: where block tasks placed records (record id -> :data:`Decision`, from
        :func:`warledger.reconcile.blocks.decide_blocks`); a record not in it is looked up here.
        """
        from warledger.ingest.progress import make_progress

        stats = IngestStats()
        t0, built0 = time.perf_counter(), one_time_seconds()
        bar = make_progress(progress, "ingest", total)
        tick = bar.update if bar is not None else None
        batch: list[ReportLike] = []
        self._decided = decided or {}
        self._bulk = BulkWriter(decided) if decided else None
        try:
            for item in items:
                batch.append(item)
                if len(batch) >= batch_size:
                    self._ingest_batch(batch, process, geocoder, stats, replace=replace, tick=tick)
                    batch = []
            if batch:
                self._ingest_batch(batch, process, geocoder, stats, replace=replace, tick=tick)
        finally:
            self._decided, self._bulk, self._moved = {}, None, set()
            if bar is not None:
                bar.close()
        stats.seconds = time.perf_counter() - t0
        stats.built_seconds = one_time_seconds() - built0
        return stats

    def stored_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The content hash of each of these report ids that the ledger holds."""
        wanted, out = sorted(set(ids)), dict[str, str]()
        with self.engine.connect() as conn:
            for s in range(0, len(wanted), 500):
                out.update(conn.execute(select(reports.c.id, reports.c.content_hash)
                                        .where(reports.c.id.in_(wanted[s:s + 500]))).all())
        return out

    def dedup_reach(self) -> tuple[Optional[tuple[str, str]], set[str]]:
        """What a new record could meet in this ledger: the first and last day of its incidents' date windows
        (None when it has none) and the records an analyst pinned to an incident."""
        from warledger.store.schema import overrides

        with self.engine.connect() as conn:
            lo, hi = conn.execute(select(func.min(incidents.c.date_lo), func.max(incidents.c.date_hi))).one()
            pinned = set(conn.execute(select(overrides.c.record_id)).scalars())
        return ((str(lo), str(hi)) if lo and hi else None), pinned

    def _ingest_batch(self, batch: list[ReportLike], process: Optional[bool], geocoder: Any,
                      stats: IngestStats, *, replace: bool = False,
                      tick: Optional[Callable[[int], None]] = None) -> None:
        from warledger.pipeline import process as run_pipeline
        reps: list[tuple[Report, str]] = []
        items: list[ReportLike] = []
        for item in batch:
            stats.read += 1
            if isinstance(item, Processed):
                reps.append((item.report, item.content_hash))
                items.append(item)
                continue
            try:
                rep = as_report(item, f"report {stats.read}")
            except InputError as exc:   # one unreadable item is a message, never the end of the run
                stats.failed += 1
                stats.messages.append(f"E-REPORT-UNREADABLE: {exc}")
                continue
            reps.append((rep, content_hash(rep)))
            items.append(item)
        batch = items
        known = self.stored_hashes({r.id for r, _ in reps})
        todo: list[tuple[Report, str]] = []
        seen: dict[str, str] = {}
        for (rep, h), item in zip(reps, batch):
            stored = seen.get(rep.id, known.get(rep.id))
            if stored == h:
                stats.unchanged += 1
            elif stored is not None and not replace:
                stats.conflicts += 1
                stats.messages.append(
                    f"W-ID-CONFLICT: {rep.where()}: id {rep.id!r} is already in the ledger (or earlier in this input) "
                    f"with other content; kept the stored version. Give each report its own id, or use --replace "
                    f"(Ledger.ingest(..., replace=True)) to replace it")
            else:
                seen[rep.id] = h
                if isinstance(item, Processed):
                    if item.failure:
                        stats.failed += 1
                        stats.messages.append(f"{rep.where()}: {item.failure}")
                elif process if process is not None else (not isinstance(item, Report) or not rep.incidents):
                    self._process_one(run_pipeline, rep, geocoder, stats)
                todo.append((rep, h))
            if tick is not None:
                tick(1)
        if not todo or self._write_bulk(todo, known, stats):
            return
        try:
            with self._writing() as conn:
                next_seq = int(conn.execute(select(func.coalesce(func.max(incidents.c.seq), 0))).scalar_one()) + 1
                for rep, h in todo:
                    next_seq = self._store_one(conn, rep, h, next_seq, stats)
                if self._bulk is not None:   # incidents this batch joined: a later bulk batch must not rebuild them
                    ids = [r.id for r, _ in todo]
                    self._bulk.forget(conn.execute(select(records.c.incident_id).where(
                        records.c.report_id.in_(ids), records.c.incident_id.is_not(None))).scalars())
                    self._bulk.forget(self._moved)   # and those settling renamed or emptied
        except Exception as exc:
            if isinstance(exc, (StoreError, InputError)):
                raise
            why = f"{type(exc).__name__}: {exc}"
            if isinstance(exc, DBAPIError):   # the driver's words, without the statement and SQLAlchemy's web link
                why = f"{type(exc.orig).__name__}: {str(exc.orig).strip()}"
            if isinstance(exc, DBAPIError) and _connection_lost(exc):   # the driver's reason, not the statement
                reason = (str(exc.orig).strip() or type(exc.orig).__name__).splitlines()[0]
                why = f"the connection to the database was lost ({reason})"
            fix = what_to_do(exc)
            raise StoreError(redact(f"writing to the ledger {self.db!r} failed on a batch of {len(todo)} reports "
                                    f"(first: {todo[0][0].where()}): {why}; nothing of "
                                    f"this batch was stored, earlier batches are kept. " + (f"{fix}. " if fix else "")
                                    + "Ingest the same input again: reports already stored are skipped, the rest "
                                    "are added")) from exc
        stats.batches += 1

    def _write_bulk(self, todo: list[tuple[Report, str]], known: dict[str, str], stats: IngestStats) -> bool:
        """Store a batch of new reports placed by block tasks in one transaction of bulk inserts
        (:mod:`warledger.store.bulk`); False when the batch needs the per-report path (nothing was written)."""
        if self._bulk is None or any(r.id in known for r, _ in todo) or len({r.id for r, _ in todo}) < len(todo):
            return False
        saved = dataclasses.replace(stats, messages=stats.messages)
        try:
            with self._writing() as conn:
                self._bulk.write(conn, todo, [report_row(r, h) for r, h in todo], stats, incident_row,
                                 self._flag_claims)
        except Exception:   # NotBulk, or a row the database refused: the per-report path stores what it can
            for f in dataclasses.fields(IngestStats):
                setattr(stats, f.name, getattr(saved, f.name))
            return False
        stats.batches += 1
        return True

    @staticmethod
    def _process_one(run: Callable[..., Any], rep: Report, geocoder: Any, stats: IngestStats) -> None:
        """Extract and geocode one report; whatever goes wrong becomes a problem on that report (it is
        stored with its text and no records, so nothing is lost and the run goes on)."""
        try:
            run(rep, geocoder)
        except Exception as exc:  # a bug or a pathological text must not stop a monitor's unattended run
            rep.incidents = []
            note = extraction_failure(exc)
            rep.problems.append(note)
            stats.failed += 1
            stats.messages.append(f"{rep.where()}: {note}")

    def _store_one(self, conn: Connection, rep: Report, chash: str, next_seq: int, stats: IngestStats) -> int:
        """Store one report in a savepoint: if its records cannot be stored, the report is stored alone with
        a problem saying so; if even that fails, it is left out with a message. The batch goes on."""
        saved = dataclasses.replace(stats, messages=stats.messages)
        for attempt in ("records", "text only"):
            try:
                with conn.begin_nested():
                    return self._store_report(conn, rep, chash, next_seq, stats)
            except Exception as exc:
                if _connection_lost(exc):   # not this report's fault: the batch cannot go on (see _ingest_batch)
                    raise
                for f in dataclasses.fields(IngestStats):
                    if f.name != "messages":
                        setattr(stats, f.name, getattr(saved, f.name))
                note = f"E-STORE-FAILED: could not store {attempt} ({type(exc).__name__}: {redact(str(exc))[:200]})"
                stats.messages.append(f"{rep.where()}: {note}")
                if attempt == "records":
                    rep = dataclasses.replace(rep, incidents=[], problems=rep.problems + [note])
        stats.failed += 1
        return next_seq

    def _store_report(self, conn: Connection, rep: Report, chash: str, next_seq: int, stats: IngestStats) -> int:
        old = conn.execute(select(reports.c.seq).where(reports.c.id == rep.id)).first()
        if old is not None:
            self._remove_report(conn, rep.id)
            stats.replaced += 1
        else:
            stats.added += 1
        res = conn.execute(_INSERT_REPORT, dict(
            id=rep.id, content_hash=chash, text=rep.text, source=rep.source, url=rep.url, published=rep.published,
            language=rep.language, problems=json.dumps(rep.problems, ensure_ascii=False),
            n_records=len(rep.incidents), ingested_at=rep.received or utc_moment()))
        report_seq = inserted_key(res)
        recs = report_records(rep, chash)
        for rec in recs:
            incident_id, joined = None, False
            if rec["kind"] == "incident":
                stats.records += 1
                incident_id, joined, next_seq = self._place_record(conn, rec, next_seq, stats,
                                                                   self._decided.get(rec["record_id"]))
                rec.pop(TEXT_KEY, None)
            else:
                stats.aggregates += 1
            conn.execute(_INSERT_RECORD, dict(
                record_id=rec["record_id"], report_id=rep.id, ordinal=rec["ordinal"], report_seq=report_seq,
                kind=rec["kind"], incident_id=incident_id, data=json.dumps(rec, ensure_ascii=False, sort_keys=True)))
            if joined and incident_id is not None:
                next_seq = self._rebuild_joined(conn, incident_id, next_seq)
        failed = False
        for chk in check_report(recs, rep.text):
            failed = failed or chk["status"] == "mismatch"
            conn.execute(_INSERT_CHECK, dict(
                check_id=f"{chk['record_id']}:{chk['category']}", report_id=rep.id, record_id=chk["record_id"],
                category=chk["category"], status=chk["status"], data=json.dumps(chk, ensure_ascii=False)))
        if failed:
            self._flag_claims(conn, rep.id)
        return next_seq

    def _candidates(self, conn: Connection, rec: Rec, wide: bool = False) -> list[Rec]:
        """Incidents that could be the same event (:func:`warledger.reconcile.candidates.lookup_of`): a window that
        overlaps the record's and is narrow enough to be date evidence (so the date scan is bounded), with a
        place (stubs never host) near the record or of the same name.  A record that can never match looks
        nothing up.  A dated record with no place looks at every placed incident of its window (its report's
        words may name the place: :func:`dedup.text_names_place`); a placed record also at the place-less ones.
        ``wide``: the window widened (:func:`warledger.reconcile.settle.widened`) for the incidents it may link, and
        the placed incidents a place-less record joined through its report's words ("W-DEDUP-TEXT-PLACE": the same
        words may name this record's place)."""
        lk = lookup_of(rec)
        if lk is None:
            return []
        lk = widened(lk) if wide else lk
        c = incidents.c
        q = select(c.match_data).order_by(c.seq).where(
            c.date_lo.between(lk.earliest, lk.hi), c.date_hi >= lk.lo, c.place_key.is_not(None))
        same_name = or_(c.place_key.in_(lk.keys), c.place_key2.in_(lk.keys)) if lk.keys else None
        if lk.placeless:
            pass    # only its report's words can name the place: no place filter
        elif lk.near is not None:
            near = and_(c.latitude.between(lk.near[0], lk.near[1]), c.longitude.between(lk.near[2], lk.near[3]))
            q = q.where(or_(near, same_name) if same_name is not None else near)
        elif same_name is not None:
            q = q.where(same_name)
        found = [json.loads(d) for d in conn.execute(q).scalars()]
        if lk.with_placeless:
            found += self._placeless_candidates(conn, lk)
        if wide and lk.with_placeless:   # a place-less record its report's words placed elsewhere may link here too
            have = {f["incident_id"] for f in found}
            q = select(c.match_data).order_by(c.seq).where(
                c.date_lo.between(lk.earliest, lk.hi), c.date_hi >= lk.lo, c.place_key.is_not(None),
                c.match_data.contains(TEXT_PLACE_CODE))
            found += [m for m in (json.loads(d) for d in conn.execute(q).scalars()) if m["incident_id"] not in have]
        return found

    @staticmethod
    def _placeless_candidates(conn: Connection, lk: Lookup) -> list[Rec]:
        """Incidents in the date window that name no place, each with its report's words (:data:`TEXT_KEY`):
        a placed record joins one when that report names its place (:func:`dedup.text_names_place`)."""
        c = incidents.c
        q = (select(c.match_data, reports.c.text).order_by(c.seq)
             .join(records, records.c.incident_id == c.incident_id).join(reports, reports.c.id == records.c.report_id)
             .where(c.date_lo.between(lk.earliest, lk.hi), c.date_hi >= lk.lo,
                    c.place_key.is_(None), c.n_reports == 1))
        return [dict(json.loads(d), **{TEXT_KEY: text_words(t)}) for d, t in conn.execute(q).all()]

    def _place_record(self, conn: Connection, rec: Rec, next_seq: int, stats: IngestStats,
                      decided: Optional[Decision] = None) -> tuple[str, bool, int]:
        """The incident a record belongs to: the one an analyst pinned it to, else (``decided``) the one the
        block tasks placed it in, else the best-matching existing one (joined=True), else a new one."""
        pinned = self._pinned_incident(conn, rec["record_id"])
        if pinned is not None:
            stats.merged += 1
            return pinned, True, next_seq
        incident_id = "inc-" + rec["record_id"][4:]
        if decided is not None:
            target, note = decided
        else:
            found = self._candidates(conn, rec, wide=True)
            barred = barred_incidents(conn, rec["record_id"]) if found else set()  # kept apart by an analyst
            open_ = [c for c in found if c["incident_id"] not in barred]
            settled = None if barred else settle(conn, rec, open_)
            if settled is not None:   # placed again with the incidents it links, in content order
                target, more, self._settled = settled   # counted so that new_incidents sums to the incidents
                stats.merged += 1 - more
                stats.new_incidents += more
                return target, True, next_seq
            match, note = decide(rec, open_)
            target = match["incident_id"] if match is not None else incident_id
        if target != incident_id:
            stats.merged += 1
            if note is not None:
                rec.setdefault("problems", []).append(note)
            return target, True, next_seq
        stats.new_incidents += 1
        merged = merge_records([rec], incident_id)
        conn.execute(_INSERT_INCIDENT, incident_row(merged, next_seq))
        return incident_id, False, next_seq + 1

    def _rebuild_joined(self, conn: Connection, incident_id: str, next_seq: int) -> int:
        """Rebuild the incident a record joined, and every incident its settling moved records between
        (:func:`warledger.store.settle.settle`): emptied ones are removed, new ones take the next seqs."""
        todo, self._settled = sorted(self._settled | {incident_id}), set()
        self._moved.update(todo)
        for iid in todo:
            self._rebuild(conn, iid, next_seq)
            next_seq += 1
        return next_seq

    def _members(self, conn: Connection, incident_id: str) -> list[Rec]:
        rows = conn.execute(select(records.c.data).where(records.c.incident_id == incident_id)
                            .order_by(records.c.report_seq, records.c.ordinal)).scalars()
        return [json.loads(d) for d in rows]

    def _rebuild(self, conn: Connection, incident_id: str, next_seq: int) -> None:
        members = self._members(conn, incident_id)
        if not members:
            conn.execute(delete(incidents).where(incidents.c.incident_id == incident_id))
            return
        seq = conn.execute(select(incidents.c.seq).where(incidents.c.incident_id == incident_id)).scalar()
        merged = self._corrected(conn, merge_records(members, incident_id))
        row = incident_row(merged, int(seq if seq is not None else next_seq))
        if seq is None:  # an incident an analyst split off: created here
            conn.execute(_INSERT_INCIDENT, row)
            return
        row["b_incident_id"] = row.pop("incident_id")
        conn.execute(_UPDATE_INCIDENT, row)

    def remove_reports(self, report_ids: Iterable[str]) -> None:
        """Take these reports out of the ledger, with their records and claim checks, in one transaction; the
        incidents they fed are rebuilt from the records left (an incident left with none is removed).  For tools
        that measure ingest by putting the same reports in again; analysts correct a ledger with ``unmerge``."""
        with self.engine.begin() as conn:
            for report_id in report_ids:
                self._remove_report(conn, report_id)

    def _remove_report(self, conn: Connection, report_id: str) -> None:
        affected = set(conn.execute(select(records.c.incident_id).where(
            records.c.report_id == report_id, records.c.incident_id.is_not(None))).scalars())
        conn.execute(delete(records).where(records.c.report_id == report_id))
        conn.execute(delete(checks).where(checks.c.report_id == report_id))
        conn.execute(delete(reports).where(reports.c.id == report_id))
        for incident_id in sorted(affected):
            self._rebuild(conn, incident_id, 0)

    # ------------------------------------------------------------ reading

    def incidents(self, *, per_report: bool = True, filters: Optional[Filters] = None,
                  modified: bool = False) -> Iterator[Rec]:
        """The reconciled ledger, one merged incident per item (the ``warledger incidents`` lines),
        by date (undated last) then creation order.  Streams from the database.  ``modified``: each line also
        gets ``last_modified`` (:func:`last_modified_columns`), what the ACLED export's ``timestamp`` says."""
        cols = [incidents.c.data, incidents.c.review_state]
        q = select(*cols, *(last_modified_columns() if modified else ())).order_by(
            func.coalesce(incidents.c.event_date, "9999-99-99"), incidents.c.seq)
        if filters is not None:
            q = filters.apply(q)
        with self.engine.connect() as conn:
            for data, state, *stamps in conn.execution_options(stream_results=True, yield_per=500).execute(q):
                line = with_representative_date(json.loads(data))  # a ledger stored before it was in data
                line["review_state"] = state
                if modified:
                    line["last_modified"] = max((s for s in stamps if s), default=None)
                if not per_report:
                    line.pop("per_report", None)
                yield line

    def records(self, kind: Optional[str] = None, report_id: Optional[str] = None) -> Iterator[Rec]:
        """Stored extraction records (incidents and aggregate claims) in ingest order."""
        q = select(records.c.data).order_by(records.c.report_seq, records.c.ordinal)
        if kind:
            q = q.where(records.c.kind == kind)
        if report_id is not None:
            q = q.where(records.c.report_id == report_id)
        with self.engine.connect() as conn:
            for data in conn.execution_options(stream_results=True, yield_per=500).execute(q).scalars():
                yield json.loads(data)

    def reports(self) -> Iterator[dict[str, Any]]:
        q = select(reports.c.id, reports.c.content_hash, reports.c.source, reports.c.url, reports.c.published,
                   reports.c.language, reports.c.n_records).order_by(reports.c.seq)
        with self.engine.connect() as conn:
            for row in conn.execute(q).mappings():
                yield dict(row)

    def report_text(self, report_id: str) -> Optional[str]:
        with self.engine.connect() as conn:
            return conn.execute(select(reports.c.text).where(reports.c.id == report_id)).scalar()

    def checks(self, report_id: Optional[str] = None) -> Iterator[Rec]:
        """Within-report reconciliation results (one per aggregate claim and category)."""
        q = select(checks.c.data).join(records, records.c.record_id == checks.c.record_id).order_by(
            records.c.report_seq, records.c.ordinal, checks.c.check_id)
        if report_id is not None:
            q = q.where(checks.c.report_id == report_id)
        with self.engine.connect() as conn:
            for data in conn.execute(q).scalars():
                yield json.loads(data)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                "reports": conn.execute(select(func.count()).select_from(reports)).scalar_one(),
                "records": conn.execute(select(func.count()).select_from(records)).scalar_one(),
                "incidents": conn.execute(select(func.count()).select_from(incidents)).scalar_one(),
                "checks": conn.execute(select(func.count()).select_from(checks)).scalar_one(),
            }

    def tally(self, by: str = "actor1", *, date_from: Optional[str] = None, date_to: Optional[str] = None,
              where: Optional[dict[str, str]] = None, filters: Optional[Filters] = None) -> list[dict[str, Any]]:
        """Incidents, strikes, killed and injured by category, grouped by ``by``.

        Each ledger incident counts once (reports of the same incident were merged; aggregate claims
        are never tallied).  Each column is the sum over the row's incidents of one best figure:
        ``killed_total`` sums the incidents' fatalities (ACLED's best total, which never falls below the
        incident's civilians plus fighters, nor below its children, women or men), ``killed_civilians``/``killed_fighters`` the figures stated
        for those groups, and ``killed_children``/``women``/``men`` are sub-counts (of civilians, mostly)
        that are never added to anything; an incident with no figure for a column adds nothing to it.
        Time rows (day, week, month) place an incident known only by a date range on the range's middle
        day (as ACLED codes it); ``ranges_straddling`` counts the row's incidents whose range reaches
        outside its period; given a range (``date_from``/``date_to``, or the filters'), a time tally lists every
        period of it, those with no incident as zero rows (:mod:`warledger.store.periods`).
        ``date_from``/``date_to`` (ISO dates, inclusive) keep incidents whose day or
        range overlaps them; ``where`` filters on exact column values (actor1, admin1, admin2,
        sub_event_type, event_date, week, month).
        """
        if by not in TALLY_KEYS:
            raise InputError(f"cannot tally by {by!r}: choose one of {', '.join(TALLY_KEYS)}")
        f = filters or Filters()
        if date_from or date_to:
            f = dataclasses.replace(f, date_from=iso_date(date_from, "--from") or f.date_from,
                                    date_to=iso_date(date_to, "--to") or f.date_to)
        key = incidents.c[TALLY_KEYS[by]]
        cols = [key.label(by), func.count().label("incidents"), func.sum(incidents.c.n_reports).label("reports")]
        cols += [func.sum(incidents.c[c]).label(c) for c in TALLY_SUMS]
        q = f.apply(select(*cols).group_by(key).order_by(func.coalesce(key, "~")))
        for k, v in (where or {}).items():
            if k not in WHERE_KEYS:
                raise InputError(f"cannot filter on {k!r}: use one of {', '.join(WHERE_KEYS)}")
            q = q.where(incidents.c[k] == v)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(q).mappings()]
            if by in ("day", "week", "month"):
                self._straddling(conn, by, key, f, where or {}, rows)
        for r in rows:
            for c in ("incidents", "reports") + TALLY_SUMS:
                r[c] = int(r[c]) if r[c] is not None else None
        columns = ["incidents", "reports", *TALLY_SUMS, "ranges_straddling"]
        return every_period(rows, by, columns, f.date_from, f.date_to, where)   # a range: its quiet periods as 0

    @staticmethod
    def _straddling(conn: Connection, by: str, key: Any, f: Filters, where: dict[str, str],
                    rows: list[dict[str, Any]]) -> None:
        """Count, per time row, the incidents whose stated range reaches outside the row's period."""
        def period(day: str) -> Optional[str]:
            return day if by == "day" else (week_of(day) if by == "week" else day[:7])

        c = incidents.c
        q = f.apply(select(key, c.range_start, c.range_end).where(c.range_start != c.range_end))
        for k, v in where.items():
            q = q.where(c[k] == v)
        counts: dict[Any, int] = {}
        for value, lo, hi in conn.execute(q):
            if lo and hi and period(lo) != period(hi):
                counts[value] = counts.get(value, 0) + 1
        for r in rows:
            r["ranges_straddling"] = counts.get(r[by], 0)
