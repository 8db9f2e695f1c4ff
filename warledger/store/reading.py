"""The analyst's reading of the ledger: incidents with their evidence and history, filtered pages and their
totals, the values the filters can take, reports, claim checks, and what the charts and the map draw.

:class:`ReadingMixin` is part of :class:`warledger.store.Ledger` (through :class:`warledger.store.review.ReviewMixin`);
the writes that change an incident are in :mod:`warledger.store.edits` (corrections and their undoing),
:mod:`warledger.store.merges` (an analyst's merges and splits) and :mod:`warledger.store.review` (reviews, the
review queue, tokens).
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Iterator, Optional

from sqlalchemy import Connection, Integer, case, cast, func, or_, select, text

from warledger.errors import InputError, StoreError
from warledger.record import CODED_COLUMNS_KEY, with_representative_date
from warledger.store.query import Filters, after_in_order, order_by, order_keys, placed_by_guess
from warledger.store.schema import audit, checks, incidents, records, reports, writer_lock
from warledger.store.json_columns import load_json
from warledger.store.team import audit_row, holders, version, versions

if TYPE_CHECKING:
    from sqlalchemy import Engine

Rec = dict[str, Any]
MAX_PAGE = 1000
CHOICE_FIELDS = ("actor1", "actor2", "admin1", "admin2", "country", "event_type", "sub_event_type")
CHECK_STATES = ("consistent", "mismatch", "unchecked")   # a claim check's status (reconcile.claims)
TOTALS_KEPT = 4096   # filtered totals remembered per ledger object (see ReadingMixin._total)


def distinct_values(conn: Connection, column: str) -> list[Any]:
    """The distinct non-null values of an indexed incident column, by a loose index scan: each step seeks the
    next value above the last in the column's index, so the cost goes with the number of values (tens to a
    few hundred names), not of incidents (SELECT DISTINCT read all 100,000 index entries: 65-95 ms a column
    on PostgreSQL).  ``column`` is one of CHOICE_FIELDS, never user input."""
    if column not in CHOICE_FIELDS:
        raise InputError(f"no list of values for {column!r}: use one of {', '.join(CHOICE_FIELDS)}")
    sql = (f"WITH RECURSIVE v(x) AS (SELECT MIN({column}) FROM wl_incidents UNION ALL "
           f"SELECT (SELECT MIN({column}) FROM wl_incidents WHERE {column} > v.x) FROM v WHERE v.x IS NOT NULL) "
           f"SELECT x FROM v WHERE x IS NOT NULL")
    return list(conn.execute(text(sql)).scalars())


def actor_parts(q: Any, f: Filters) -> list[Any]:
    """``q`` filtered by ``f``, as one query, or, when ``f`` names an actor (actor1 or actor2), as two whose
    results add up: the incidents with actor1 the actor, and those with actor2 the actor and another actor1.
    Each part is an equality on one column that schema 12's actor indexes answer; the one query's OR of the
    two read a third of a big ledger's wide rows (the timeline of one actor: 1.0-1.7 s on SQLite at 100,000)."""
    if not f.actor:
        return [f.apply(q)]
    c, rest = incidents.c, replace(f, actor=None)
    return [rest.apply(q.where(c.actor1 == f.actor)),
            rest.apply(q.where(c.actor2 == f.actor, or_(c.actor1.is_(None), c.actor1 != f.actor)))]


MAP_CELL = 0.5  # degrees: the side of the squares a capped map counts every incident in (about 55 km)


class NotFound(StoreError):
    """No such incident or report.  ``merged_into`` names the incident an analyst's merge moved it into,
    when that is why it is gone (a bookmarked link then still leads somewhere)."""

    def __init__(self, message: str, merged_into: Optional[str] = None) -> None:
        super().__init__(message)
        self.merged_into = merged_into


def _with_state(data: str, state: str) -> str:
    """A stored ledger line (a JSON object) with ``review_state`` added as its last key, without parsing it."""
    body = data.rstrip()
    if body.endswith("}") and body != "{}" and '"review_state":' not in body:
        return body[:-1] + ', "review_state": ' + json.dumps(state) + "}"
    line = json.loads(data)
    line["review_state"] = state
    return json.dumps(line, ensure_ascii=False, sort_keys=True)


class ReadingMixin:
    engine: "Engine"
    db: str

    # the ingest side (defined in ledger.py)
    def _members(self, conn: Connection, incident_id: str) -> list[Rec]:
        raise NotImplementedError

    def _rebuild(self, conn: Connection, incident_id: str, next_seq: int) -> None:
        raise NotImplementedError

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction, serialised with every other writer of this ledger (see writer_lock)."""
        with self.engine.begin() as conn:
            writer_lock(conn)
            yield conn

    # ------------------------------------------------------------ reading

    def _line(self, conn: Connection, incident_id: str) -> Rec:
        row = conn.execute(select(incidents.c.data, incidents.c.review_state)
                           .where(incidents.c.incident_id == incident_id)).first()
        if row is None:
            into = self._merged_into(conn, incident_id)
            if into is not None:
                raise NotFound(f"incident {incident_id!r} was merged into {into!r}: read /api/incidents/{into} "
                               f"(its history says who merged it, and its split undoes the merge)", merged_into=into)
            raise NotFound(f"no incident {incident_id!r} in the ledger {self.db!r}: check the id "
                           f"(GET /api/incidents lists them)")
        line: Rec = with_representative_date(json.loads(row[0]))  # a ledger stored before it was in data
        line["review_state"] = row[1]
        line["version"] = version(conn, incident_id)   # what a write's base_version names (store/team.py)
        return line

    def _merged_into(self, conn: Connection, incident_id: str) -> Optional[str]:
        """The incident that now holds a merged-away one: its last merge's ``into``, followed along later
        merges (A into B, then B into C gives C) to one that exists; None when it was never merged."""
        seen = {incident_id}
        iid = incident_id
        while True:
            data = conn.execute(select(audit.c.data).where(audit.c.incident_id == iid, audit.c.action == "merge")
                                .order_by(audit.c.seq.desc()).limit(1)).scalar()
            into = (load_json(data) or {}).get("into") if data else None
            if not isinstance(into, str) or into in seen:
                return None
            if conn.execute(select(incidents.c.incident_id).where(incidents.c.incident_id == into)).scalar():
                return into
            seen.add(into)
            iid = into

    def incident(self, incident_id: str) -> Rec:
        """One ledger line (as ``warledger incidents`` prints it), with its review state."""
        with self.engine.connect() as conn:
            return self._line(conn, incident_id)

    def page(self, filters: Optional[Filters] = None, limit: int = 50, offset: int = 0,
             sort: Optional[str] = None) -> tuple[list[Rec], int]:
        """One page of the filtered ledger (by date, undated last, unless ``sort`` says otherwise: see
        :func:`warledger.store.query.order_by`) and the number of incidents that match."""
        raw, total = self.page_json(filters, limit, offset, sort)
        return [json.loads(line) for line in raw], total

    def page_json(self, filters: Optional[Filters] = None, limit: int = 50,
                  offset: int = 0, sort: Optional[str] = None) -> tuple[list[str], int]:
        """:meth:`page` with each incident as its JSON text (the stored line with ``review_state`` added
        as its last key), for a server that sends them on without parsing them."""
        if not 1 <= limit <= MAX_PAGE:
            raise InputError(f"limit {limit}: choose 1 to {MAX_PAGE}")
        if offset < 0:
            raise InputError(f"offset {offset}: must be 0 or more")
        f = filters or Filters()
        c = incidents.c
        # two steps: the page's ids in page order, read from an index (schema v9: every filter's index goes
        # on in sort_key, seq order), then the page's wide rows by id, never the wide rows of skipped ones
        ids_q = f.apply(select(c.incident_id)).order_by(*order_by(sort)).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            ids = list(conn.execute(ids_q).scalars())
            rows = {iid: (data, state) for iid, data, state in conn.execute(
                select(c.incident_id, c.data, c.review_state).where(c.incident_id.in_(ids))).all()} if ids else {}
            total = self._total(conn, f)
        items = [_with_state(*rows[iid]) for iid in ids if iid in rows]
        return items, total

    def next_in_list(self, incident_id: str, filters: Optional[Filters] = None,
                     sort: Optional[str] = None) -> Optional[str]:
        """The incident after ``incident_id`` in the filtered list sorted by ``sort`` (as :meth:`page` orders it),
        None at its end.  Found by the incident's own place in the order (a keyset, however far down the list),
        whether or not it is still in the list (an answered problem takes it out); the first of the list when it
        is no longer in the ledger."""
        f, keys = filters or Filters(), order_keys(sort)
        q = f.apply(select(incidents.c.incident_id)).order_by(*order_by(sort)).limit(1)
        with self.engine.connect() as conn:
            here = conn.execute(select(*(col for col, _ in keys)).where(incidents.c.incident_id == incident_id)).first()
            if here is not None:
                q = q.where(after_in_order(keys, tuple(here)))
            found = conn.execute(q).scalar()
        return None if found is None else str(found)

    def _state(self, conn: Connection, content: bool = False) -> tuple[Any, ...]:
        """The state of the ledger: its last report and its last audit row that changed an incident (every
        write adds one; an export changes none).  ``content``: the last one that could change an incident's
        names, place or problems, which a review does not (read backwards from the newest audit row)."""
        skip = ("export", "review") if content else ("export",)
        last = select(audit.c.seq).where(audit.c.action.not_in(skip)).order_by(audit.c.seq.desc()).limit(1)
        now = conn.execute(select(select(func.max(reports.c.seq)).scalar_subquery(), last.scalar_subquery())).one()
        return tuple(now)

    def _centre_points(self, conn: Connection) -> frozenset[str]:
        """Incidents at precision 1-2 whose point is a region's centre standing for a place the gazetteer
        lacks (the geocoder's W-GEO-CENTROID problem), or a place found only by a near spelling of the report's
        name (W-GEO-SPELLING): a map draws them as guesses, as it does precision 3.
        Read from the wide rows once per state of the ledger's content (see _state), then remembered."""
        state = self._state(conn, content=True)
        held = self.__dict__.get("_centres")
        if held is not None and held[0] == state:
            return frozenset(held[1])
        ids = frozenset(str(i) for i in conn.execute(
            select(incidents.c.incident_id).where(placed_by_guess())).scalars())
        self.__dict__["_centres"] = (state, ids)
        return ids

    def choices(self) -> dict[str, list[str]]:
        """The values the exact-match filters can take, each sorted (``actor`` is actor1 and actor2 together):
        the workbench offers them as the analyst types, and suggests them when a typed name matches nothing.
        Read from the filters' indexes (:func:`distinct_values`) once per state of the ledger's content (see
        _state: a review changes no name), then remembered."""
        with self.engine.connect() as conn:
            state = self._state(conn, content=True)
            held = self.__dict__.get("_choices")
            if held is not None and held[0] == state:
                return dict(held[1])
            out: dict[str, list[str]] = {}
            for name in CHOICE_FIELDS:
                out[name] = sorted(str(v) for v in distinct_values(conn, name))
            out["actor"] = sorted(set(out["actor1"]) | set(out["actor2"]))
        self.__dict__["_choices"] = (state, out)
        return dict(out)

    def outside_tables(self, filters: Optional[Filters] = None) -> int:
        """How many of the filtered incidents the ACLED and UCDP tables leave out: those with no date or no point
        (:func:`warledger.export.common.dated_and_placed`), counted as the workbench's dated/placed lists count."""
        f = filters or Filters()
        with self.engine.connect() as conn:  # (a filter for dated or placed incidents holds none without)
            undated = 0 if f.dated else self._total(conn, replace(f, dated=False))
            unplaced = 0 if f.placed else self._total(conn, replace(f, placed=False))
            both = 0 if f.dated or f.placed else self._total(conn, replace(f, dated=False, placed=False))
        return undated + unplaced - both

    def _total(self, conn: Connection, f: Filters) -> int:
        """How many incidents match ``f``: counted once per state of the ledger, then remembered.

        An analyst pages through one filtered list; every page of it needs the same total, and counting
        (an index scan of every match) cost more than reading the page.  The ledger's state is the last
        report stored and the last audit row: every write (an ingest, a correction, a review, a merge,
        a split) adds one of them, in this process or any other, so a total is never read stale."""
        key = (self._state(conn), tuple(sorted(f.as_params().items())))
        cache: dict[Any, int] = self.__dict__.setdefault("_totals", {})
        total = cache.get(key)
        if total is None:
            total = int(conn.execute(f.apply(select(func.count()).select_from(incidents))).scalar_one())
            if len(cache) >= TOTALS_KEPT:
                cache.clear()
            cache[key] = total
        return total

    def history(self, incident_id: str) -> list[Rec]:
        """Corrections, reviews, conflicts, merges and splits of an incident, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(audit).where(audit.c.incident_id == incident_id).order_by(audit.c.seq)).all()
        return [audit_row(r) for r in rows]

    def audit_log(self, action: Optional[str] = None, limit: Optional[int] = 200, *, who: Optional[str] = None,
                  incident_id: Optional[str] = None, since: Optional[str] = None,
                  until: Optional[str] = None) -> list[Rec]:
        """The audit trail, newest first: by action, author, incident, and time (``since`` <= at < ``until``,
        ISO dates or times in UTC); each row with ``said``, the change in words (who, what, old -> new, why)."""
        from warledger.store.team import describe

        q = select(audit).order_by(audit.c.seq.desc())
        if limit is not None:
            q = q.limit(limit)
        for col, value in ((audit.c.action, action), (audit.c.who, who), (audit.c.incident_id, incident_id)):
            if value:
                q = q.where(col == value)
        if since:
            q = q.where(audit.c.at >= since)
        if until:
            q = q.where(audit.c.at < until)
        with self.engine.connect() as conn:
            return [dict(audit_row(r), said=describe(r)) for r in conn.execute(q).all()]

    def versions(self, incident_ids: list[str]) -> dict[str, int]:
        """Each incident's version (its newest audit row's seq): what a write's ``base_version`` names."""
        with self.engine.connect() as conn:
            return versions(conn, incident_ids)

    def holders(self, incident_ids: list[str]) -> dict[str, Rec]:
        """Who holds each of these incidents in the review queue now: {incident_id: {"who", "until"}}."""
        with self.engine.connect() as conn:
            return holders(conn, incident_ids)

    def detail(self, incident_id: str) -> Rec:
        """The ledger line plus ``sources`` (each report with its text and the evidence spans behind this
        incident's values), ``checks`` (the claim checks of those reports that involve it) and ``history``."""
        with self.engine.connect() as conn:
            line = self._line(conn, incident_id)
            members = self._members(conn, incident_id)
            report_ids = list(dict.fromkeys(m["report_id"] for m in members))
            rows = {r.id: r for r in conn.execute(select(reports).where(reports.c.id.in_(report_ids))).all()}
            chk = [json.loads(d) for d in conn.execute(select(checks.c.data).where(
                checks.c.report_id.in_(report_ids)).order_by(checks.c.check_id)).scalars()]
        record_ids = {m["record_id"] for m in members}
        sources = []
        for rid in report_ids:
            row = rows.get(rid)
            if row is None:
                continue
            spans = [dict(e, record_id=m["record_id"]) for m in members if m["report_id"] == rid
                     for e in m.get("evidence") or []]
            sources.append({"report_id": rid, "text": row.text, "source": row.source, "url": row.url,
                            "published": row.published, "language": row.language,
                            "records": [m["record_id"] for m in members if m["report_id"] == rid],
                            # a coded dataset's columns no field holds (GED's headline, source dates, ...)
                            "coded_columns": next((m[CODED_COLUMNS_KEY] for m in members
                                                   if m["report_id"] == rid and m.get(CODED_COLUMNS_KEY)), {}),
                            "evidence": sorted(spans, key=lambda e: (e.get("start") or 0, e.get("end") or 0))})
        line["sources"] = sources
        line["checks"] = [c for c in chk if c.get("record_id") in record_ids
                          or any(p.get("record_id") in record_ids for p in c.get("parts") or [])]
        line["history"] = self.history(incident_id)
        return line

    def report(self, report_id: str) -> Rec:
        """A stored report: its text, metadata, records (incidents and aggregate claims, each with the
        ``incident_id`` it is in now, null for a claim) and claim checks."""
        with self.engine.connect() as conn:
            row = conn.execute(select(reports).where(reports.c.id == report_id)).first()
            if row is None:
                raise NotFound(f"no report {report_id!r} in the ledger {self.db!r}")
            # each record with the incident it is in now (an analyst's merge or split may have moved it)
            recs = [dict(json.loads(d), incident_id=i) for d, i in conn.execute(select(
                records.c.data, records.c.incident_id).where(records.c.report_id == report_id)
                .order_by(records.c.ordinal)).all()]
            chk = [json.loads(d) for d in conn.execute(select(checks.c.data).where(
                checks.c.report_id == report_id).order_by(checks.c.check_id)).scalars()]
        return {"report_id": row.id, "text": row.text, "source": row.source, "url": row.url,
                "published": row.published, "language": row.language, "content_hash": row.content_hash,
                "problems": load_json(row.problems) or [], "ingested_at": row.ingested_at, "records": recs,
                "checks": chk}

    def report_incidents(self, report_id: str) -> list[str]:
        """The incidents a report's records are in now (ordered by the records' order in the report)."""
        with self.engine.connect() as conn:
            ids = conn.execute(select(records.c.incident_id).where(records.c.report_id == report_id)
                               .order_by(records.c.ordinal)).scalars()
            return list(dict.fromkeys(str(i) for i in ids if i))

    def timeline(self, period: str = "week", filters: Optional[Filters] = None) -> list[Rec]:
        """Killed and incidents per period (day, week or month) and perpetrator (actor1), dated incidents only."""
        cols = {"day": incidents.c.event_date, "week": incidents.c.week, "month": incidents.c.month}
        if period not in cols:
            raise InputError(f"period {period!r}: use day, week or month")
        key = cols[period]
        q = (select(key.label("period"), incidents.c.actor1, func.count().label("incidents"),
                    func.sum(incidents.c.killed_total).label("killed"),
                    func.sum(incidents.c.killed_civilians).label("killed_civilians"))
             .where(key.is_not(None)).group_by(key, incidents.c.actor1))
        out: dict[tuple[Any, Any], Rec] = {}
        with self.engine.connect() as conn:
            for part in actor_parts(q, filters or Filters()):
                for r in conn.execute(part):
                    row = out.setdefault((r.period, r.actor1), {"period": r.period, "actor1": r.actor1, "incidents": 0,
                                                                "killed": 0, "killed_civilians": 0})
                    row["incidents"] += int(r.incidents)
                    row["killed"] += int(r.killed or 0)
                    row["killed_civilians"] += int(r.killed_civilians or 0)
        return [out[k] for k in sorted(out, key=lambda k: (k[0], k[1] is not None, k[1] or ""))]

    def date_coverage(self, filters: Optional[Filters] = None) -> dict[str, int]:
        """How many filtered incidents a time chart places: ``ranged`` ones are known only by a date range
        and sit on its middle day; ``undated`` ones have no date at all and cannot be placed."""
        c = incidents.c
        f = filters or Filters()
        ranged = select(func.count()).select_from(incidents).where(c.event_date.is_not(None), c.range_start != c.range_end)
        undated = select(func.count()).select_from(incidents).where(c.event_date.is_(None))
        with self.engine.connect() as conn:
            return {"ranged": sum(int(conn.execute(q).scalar_one()) for q in actor_parts(ranged, f)),
                    "undated": sum(int(conn.execute(q).scalar_one()) for q in actor_parts(undated, f))}

    def map_points(self, filters: Optional[Filters] = None, limit: int = 20_000) -> Rec:
        """The filtered incidents that have coordinates, as compact rows for a map (the ``limit`` most recently
        added when there are more: ``capped``), and how many of them have none."""
        c = incidents.c
        f = filters or Filters()
        # every column read here is in the index ix_wl_incidents_map (schema v9): no wide row, no JSON
        q = f.apply(select(c.incident_id, c.latitude, c.longitude, c.killed_total, c.geo_precision, c.actor1,
                           c.event_date, c.sub_event_type, c.review_state, c.location)
                    .where(c.latitude.is_not(None), c.longitude.is_not(None))).order_by(c.seq.desc()).limit(limit)
        n_all = f.apply(select(func.count()).select_from(incidents))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()  # all() fetches in bulk; tuples unpacked (a Row's named access costs)
            centres = self._centre_points(conn)
            points = [{"id": iid, "lat": lat, "lon": lon, "killed": killed, "precision": prec, "actor1": actor1,
                       "location": location, "date": day, "sub_event_type": sub, "review_state": state,
                       "guess": bool(prec and prec >= 3) or iid in centres}
                      for iid, lat, lon, killed, prec, actor1, day, sub, state, location in rows]
            total = int(conn.execute(n_all).scalar_one())
            capped = len(points) >= limit
            cells = self._map_cells(conn, f) if capped else None
        out: Rec = {"points": points, "total": total, "limit": limit, "capped": capped,
                    "unplaced": None if capped else total - len(points)}
        if cells is not None:  # where every filtered incident is, the points left out included
            out["cells"], out["cell_degrees"] = cells, MAP_CELL
        return out

    def _map_cells(self, conn: Connection, f: Filters) -> list[Rec]:
        """The filtered incidents with coordinates counted by square of ``MAP_CELL`` degrees (its centre, how
        many, how many killed): a map that shows only the newest points still shows where the others are."""
        c = incidents.c

        def cell(col: Any, shift: float) -> Any:  # the cell's number: floor((x + shift) / MAP_CELL), x + shift >= 0
            v = (col + shift) / MAP_CELL
            return func.floor(v) if self.engine.dialect.name == "postgresql" else cast(v, Integer)
        i, j = cell(c.latitude, 90.0).label("i"), cell(c.longitude, 180.0).label("j")
        q = f.apply(select(i, j, func.count(), func.sum(c.killed_total))
                    .where(c.latitude.is_not(None), c.longitude.is_not(None))).group_by(i, j)
        return [{"lat": round((int(a) + 0.5) * MAP_CELL - 90.0, 4), "lon": round((int(b) + 0.5) * MAP_CELL - 180.0, 4),
                 "incidents": int(n), "killed": int(k or 0)} for a, b, n, k in conn.execute(q).all()]

    def lines(self, incident_ids: list[str]) -> dict[str, Rec]:
        """The ledger lines (with their review state) of the given incidents that exist, in one query."""
        out: dict[str, Rec] = {}
        with self.engine.connect() as conn:
            for n in range(0, len(incident_ids), MAX_PAGE):
                for iid, data, state in conn.execute(select(incidents.c.incident_id, incidents.c.data,
                                                            incidents.c.review_state).where(
                        incidents.c.incident_id.in_(incident_ids[n:n + MAX_PAGE]))):
                    out[str(iid)] = dict(with_representative_date(json.loads(data)), review_state=state)
        return out

    def report_heads(self, report_ids: list[str]) -> dict[str, Rec]:
        """Source, address, publication date and language of the given reports (not their text)."""
        c = reports.c
        with self.engine.connect() as conn:
            return {str(r["id"]): dict(r) for r in conn.execute(select(
                c.id, c.source, c.url, c.published, c.language).where(c.id.in_(report_ids[:MAX_PAGE]))).mappings()}

    def claim_counts(self) -> dict[str, int]:
        """How many claim checks have each status (every status named, 0 when none)."""
        with self.engine.connect() as conn:
            got: dict[str, int] = dict(conn.execute(select(checks.c.status, func.count())
                                                    .group_by(checks.c.status)).all())
        return {s: int(got.get(s, 0)) for s in CHECK_STATES}

    def claims(self, status: Optional[str] = None, limit: int = 50, offset: int = 0,
               mismatch_first: bool = False) -> tuple[list[Rec], int]:
        """Aggregate-claim checks (one per claim and category), by report; with ``mismatch_first``, the
        mismatches first, then the unchecked, then the consistent."""
        if status and status not in CHECK_STATES:
            raise InputError(f"status {status!r}: use one of {', '.join(CHECK_STATES)}")
        rank = case({"mismatch": 0, "unchecked": 1}, value=checks.c.status, else_=2)
        q = select(checks.c.data).order_by(*([rank] if mismatch_first else []), checks.c.report_id, checks.c.check_id)
        n = select(func.count()).select_from(checks)
        if status:
            q, n = q.where(checks.c.status == status), n.where(checks.c.status == status)
        with self.engine.connect() as conn:
            items = [json.loads(d) for d in conn.execute(q.limit(limit).offset(offset)).scalars()]
            return items, int(conn.execute(n).scalar_one())
