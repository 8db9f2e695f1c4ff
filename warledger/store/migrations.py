"""The ledger's versioned schema steps.  :data:`MIGRATIONS` is an ordered list of ``(version, description, step)``;
:func:`warledger.store.schema.migrate` runs, in one transaction each, the steps whose version is above the database's.
To change the schema, append a step; never edit an applied one.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Callable, Optional

from sqlalchemy import Connection, Table, bindparam, func, inspect, select, text

from warledger.reconcile.dedup import CODED_KEY
from warledger.record import COUNT_CATEGORIES
from warledger.store.json_columns import load_json
from warledger.store.rows import UNDATED_SORT_KEY
from warledger.store.tables import (KEY_LENGTH, apart, audit, checks, incidents, leases, metadata, overrides, records,
                                    reports, settings, tokens, upload_jobs)

FACTS_BATCH = 1000   # incidents read, worked out and written per statement when the pair facts are filled


def _create(*tables: Table) -> Callable[[Connection], None]:
    def step(conn: Connection) -> None:
        metadata.create_all(conn, tables=list(tables))
    return step


def _rekey_places(conn: Connection) -> None:
    """Since version 3 incidents are looked up by the consonant skeletons of their place phrase and of
    their gazetteer name (two indexed columns).  A database made by version 1 gains the second column."""
    import json

    from warledger.reconcile.dedup import lookup_keys

    have = {col["name"] for col in inspect(conn).get_columns("wl_incidents")}
    if "place_key2" not in have:
        conn.execute(text("ALTER TABLE wl_incidents ADD COLUMN place_key2 VARCHAR(200)"))
    if "ix_wl_incidents_place2" not in {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}:
        conn.execute(text("CREATE INDEX ix_wl_incidents_place2 ON wl_incidents (place_key2)"))
    rows = conn.execute(select(incidents.c.incident_id, incidents.c.match_data)).all()
    update = (incidents.update().where(incidents.c.incident_id == bindparam("iid"))
              .values(place_key=bindparam("k1"), place_key2=bindparam("k2")))
    for at in range(0, len(rows), 1000):  # one executemany per thousand incidents, not one statement each
        batch = []
        for incident_id, match_data in rows[at:at + 1000]:
            key1, key2 = lookup_keys(json.loads(match_data))
            batch.append({"iid": incident_id, "k1": key1, "k2": key2})
        conn.execute(update, batch)


_V6_COLUMNS = (("country", "VARCHAR(100)"), ("event_type", "VARCHAR(100)"), ("actor2", "VARCHAR(300)"),
               ("geo_precision", "INTEGER"), ("has_problems", "INTEGER NOT NULL DEFAULT 0"),
               ("claim_failed", "INTEGER NOT NULL DEFAULT 0"),
               ("review_state", "VARCHAR(20) NOT NULL DEFAULT 'unreviewed'"),
               ("n_corrections", "INTEGER NOT NULL DEFAULT 0"))
_V6_INDEXES = (("ix_wl_incidents_review", "review_state"), ("ix_wl_incidents_event_date", "event_date"),
               ("ix_wl_incidents_country", "country"), ("ix_wl_incidents_admin1", "admin1"),
               ("ix_wl_incidents_actor1", "actor1"))


def _review_columns(conn: Connection) -> None:
    """Version 6: the workbench's filter columns, review state, audit trail, tokens and dedup overrides.
    Ledger lines call each report's own figures ``per_report`` (they were ``history``, which now means the
    audit trail of corrections and reviews)."""
    import json

    have = {col["name"] for col in inspect(conn).get_columns("wl_incidents")}
    for name, ddl in _V6_COLUMNS:
        if name not in have:
            conn.execute(text(f"ALTER TABLE wl_incidents ADD COLUMN {name} {ddl}"))
    indexes = {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
    for name, col in _V6_INDEXES:
        if name not in indexes:
            conn.execute(text(f"CREATE INDEX {name} ON wl_incidents ({col})"))
    metadata.create_all(conn, tables=[audit, tokens, overrides])
    rows = conn.execute(select(incidents.c.incident_id, incidents.c.data)).all()
    update = (incidents.update().where(incidents.c.incident_id == bindparam("iid"))
              .values(data=bindparam("d"), country=bindparam("co"), event_type=bindparam("et"),
                      actor2=bindparam("a2"), geo_precision=bindparam("gp"), has_problems=bindparam("hp")))
    for at in range(0, len(rows), 1000):
        batch = []
        for incident_id, data in rows[at:at + 1000]:
            line = json.loads(data)
            if "history" in line and "per_report" not in line:
                line["per_report"] = line.pop("history")
            batch.append({"iid": incident_id, "d": json.dumps(line, ensure_ascii=False, sort_keys=True),
                          "co": line.get("country"), "et": line.get("event_type"), "a2": line.get("actor2"),
                          "gp": line.get("geo_precision"), "hp": 1 if line.get("problems") else 0})
        if batch:
            conn.execute(update, batch)
    conn.execute(text("UPDATE wl_incidents SET claim_failed = 1 WHERE incident_id IN (SELECT r.incident_id "
                      "FROM wl_records r JOIN wl_checks c ON c.report_id = r.report_id "
                      "WHERE c.status = 'mismatch' AND r.incident_id IS NOT NULL)"))


def _range_columns(conn: Connection) -> None:
    """Version 7: incidents known only by a date range get the representative day ACLED would code
    (``event_date``/``week``/``month``) and keep the stated range in ``range_start``/``range_end``."""
    import json

    from warledger.store.rows import date_columns

    have = {col["name"] for col in inspect(conn).get_columns("wl_incidents")}
    for name in ("range_start", "range_end"):
        if name not in have:
            conn.execute(text(f"ALTER TABLE wl_incidents ADD COLUMN {name} VARCHAR(10)"))
    if "ix_wl_incidents_range" not in {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}:
        conn.execute(text("CREATE INDEX ix_wl_incidents_range ON wl_incidents (range_start, range_end)"))
    rows = conn.execute(select(incidents.c.incident_id, incidents.c.data)).all()
    update = (incidents.update().where(incidents.c.incident_id == bindparam("iid"))
              .values(event_date=bindparam("ev"), week=bindparam("wk"), month=bindparam("mo"),
                      range_start=bindparam("rs"), range_end=bindparam("re")))
    for at in range(0, len(rows), 1000):
        batch = []
        for incident_id, data in rows[at:at + 1000]:
            cols = date_columns(json.loads(data))
            batch.append({"iid": incident_id, "ev": cols["event_date"], "wk": cols["week"], "mo": cols["month"],
                          "rs": cols["range_start"], "re": cols["range_end"]})
        if batch:
            conn.execute(update, batch)


def _match_problems(conn: Connection) -> None:
    """Version 8: the fields deduplication compares include the incident's problems (a host that is one of
    several places a text lists never takes in another record), and ``seq`` is indexed (each batch reads
    its maximum)."""
    import json

    from warledger.store.rows import MATCH_FIELDS

    if "ix_wl_incidents_seq" not in {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}:
        conn.execute(text("CREATE INDEX ix_wl_incidents_seq ON wl_incidents (seq)"))
    rows = conn.execute(select(incidents.c.incident_id, incidents.c.data)).all()
    update = (incidents.update().where(incidents.c.incident_id == bindparam("iid"))
              .values(match_data=bindparam("md")))
    for at in range(0, len(rows), 1000):
        batch = []
        for incident_id, data in rows[at:at + 1000]:
            line = json.loads(data)
            batch.append({"iid": incident_id,
                          "md": json.dumps({k: line.get(k) for k in MATCH_FIELDS}, ensure_ascii=False)})
        if batch:
            conn.execute(update, batch)


# (name, columns): v9's indexes.  Each filter the workbench offers has an index that starts with the
# filtered column and goes on in page order (sort_key, seq) to the incident id, so a filtered page is read
# in order from the index alone and stops after its rows, and its count never touches the wide rows.
_V9_INDEXES: tuple[tuple[str, str], ...] = tuple(
    (f"ix_wl_incidents_{col}_page", f"{col}, sort_key, seq, incident_id, range_start, range_end")
    for col in ("admin1", "admin2", "country", "actor1", "actor2", "event_type", "sub_event_type", "review_state",
                "has_problems", "claim_failed")) + (
    ("ix_wl_incidents_page", "sort_key, seq, incident_id, range_start, range_end, actor1, actor2"),
    ("ix_wl_incidents_box", "longitude, latitude, sort_key, seq, incident_id"),
    ("ix_wl_incidents_week", "week, actor1, killed_total, killed_civilians, event_date, range_start, range_end"),
    ("ix_wl_incidents_map", "seq, latitude, longitude, killed_total, geo_precision, actor1, event_date, "
                            "sub_event_type, review_state, location, incident_id"),
)
_V9_REPLACED = ("ix_wl_incidents_admin1", "ix_wl_incidents_actor1", "ix_wl_incidents_country",
                "ix_wl_incidents_review")   # prefixes of v9 indexes


def _serving_indexes(conn: Connection) -> None:
    """Version 9 (serving a big ledger): a ``sort_key`` column (the page order: the event day, undated
    last), a ``location`` column (the map's label, which was read out of each incident's JSON), and
    indexes that let every filtered page, count, map and timeline be read from an index instead of the
    wide incident rows (see ``_V9_INDEXES``)."""
    have = {col["name"] for col in inspect(conn).get_columns("wl_incidents")}
    for name, ddl in (("sort_key", "VARCHAR(10)"), ("location", "VARCHAR(300)")):
        if name not in have:
            conn.execute(text(f"ALTER TABLE wl_incidents ADD COLUMN {name} {ddl}"))
    conn.execute(text("UPDATE wl_incidents SET sort_key = COALESCE(event_date, date_lo, :undated)"),
                 {"undated": UNDATED_SORT_KEY})
    location = ("CAST(data AS json) ->> 'location'" if conn.dialect.name == "postgresql"
                else "json_extract(data, '$.location')")
    conn.execute(text(f"UPDATE wl_incidents SET location = {location}"))
    indexes = {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
    for name in _V9_REPLACED:
        if name in indexes:
            conn.execute(text(f"DROP INDEX {name}"))
    for name, cols in _V9_INDEXES:
        if name not in indexes:
            conn.execute(text(f"CREATE INDEX {name} ON wl_incidents ({cols})"))


# v10: the timeline by month read from an index, as v9's ix_wl_incidents_week serves it by week (a ledger
# of 100,000 incidents: 990 ms on SQLite from the wide rows), and the review queues' counts
_V10_INDEXES = (("ix_wl_incidents_month",
                 "month, actor1, killed_total, killed_civilians, event_date, range_start, range_end"),
                # the review queues' counts (merged, places known to their area), counted again after every
                # review: read from here, not from the wide rows of every queued incident (SQLite, 100,000
                # incidents, 89,000 queued: merged 2,421 -> 4 ms, places 2,212 -> 446 ms on a loaded machine)
                ("ix_wl_incidents_queue", "review_state, n_reports, has_problems, geo_precision, latitude"))


def _team_and_month(conn: Connection) -> None:
    """Version 10: ``wl_leases`` (the review queue handed out, store/team.py), the month and queue indexes."""
    metadata.create_all(conn, tables=[leases])
    indexes = {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
    for name, cols in _V10_INDEXES:
        if name not in indexes:
            conn.execute(text(f"CREATE INDEX {name} ON wl_incidents ({cols})"))


def _range_lines(conn: Connection) -> None:
    """Version 11: the stored line of an incident known only by a range carries the range's representative day in
    ``event_date`` (record.with_representative_date), as lines stored since do.  The list pages serve the stored
    line without parsing it, so a ledger written before showed ``event_date`` null there while its incident page,
    tallies and exports showed the day.  Only the ranged rows are read (``range_start`` is set since version 7)."""
    import json

    from warledger.record import with_representative_date

    rows = conn.execute(select(incidents.c.incident_id, incidents.c.data)
                        .where(incidents.c.range_start.is_not(None))).all()
    update = incidents.update().where(incidents.c.incident_id == bindparam("iid")).values(data=bindparam("d"))
    batch = []
    for incident_id, data in rows:
        line = json.loads(data)
        fixed = with_representative_date(line)
        if fixed is not line:
            batch.append({"iid": incident_id, "d": json.dumps(fixed, ensure_ascii=False, sort_keys=True)})
        if len(batch) >= 1000:
            conn.execute(update, batch)
            batch = []
    if batch:
        conn.execute(update, batch)


# v12: the timeline and date coverage of one actor (actor1 or actor2), asked as two equalities (reading.actor_parts),
# read from these instead of the wide rows (SQLite, 100,000 incidents, a third of them the actor's: 1.0-1.3 s as one
# OR over the rows, 0.33-0.44 s as two parts over the rows, 0.04 s from these)
_V12_INDEXES = (("ix_wl_incidents_actor1_time",
                 "actor1, week, month, event_date, killed_total, killed_civilians, range_start, range_end"),
                ("ix_wl_incidents_actor2_time",
                 "actor2, actor1, week, month, event_date, killed_total, killed_civilians, range_start, range_end"))


def _actor_time(conn: Connection) -> None:
    """Version 12: the actor timeline's indexes (``_V12_INDEXES``)."""
    indexes = {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
    for name, cols in _V12_INDEXES:
        if name not in indexes:
            conn.execute(text(f"CREATE INDEX {name} ON wl_incidents ({cols})"))


# v15: the unfiltered tally by admin1 and by actor1 (the tally page's first grouping) read from an index that holds
# every figure it sums, in the grouping's order, instead of an index walk to each wide row (SQLite, 87,677
# incidents, by admin1: 0.9 s from the rows, 0.09 s from the index)
TALLY_INDEX_SUMS = ", ".join(("n_reports", "strikes", *(f"{what}_{c}" for what in ("killed", "injured")
                                                          for c in COUNT_CATEGORIES)))   # ledger.TALLY_SUMS
_V15_INDEXES = tuple((f"ix_wl_incidents_{key}_tally", f"{key}, {TALLY_INDEX_SUMS}") for key in ("admin1", "actor1"))


def _tally_indexes(conn: Connection) -> None:
    """Version 15: the tally's indexes (``_V15_INDEXES``)."""
    indexes = {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
    for name, cols in _V15_INDEXES:
        if name not in indexes:
            conn.execute(text(f"CREATE INDEX {name} ON wl_incidents ({cols})"))


# v17: the other groupings of the tally (admin2, sub-event type, day, week, month) as v15 serves admin1 and actor1;
# a time grouping's index ends in the stated range, which the tally reads to count the ranges straddling a period
_V17_INDEXES = tuple((f"ix_wl_incidents_{key}_tally", f"{key}, {TALLY_INDEX_SUMS}" + (
    ", range_start, range_end" if key in ("event_date", "week", "month") else ""))
    for key in ("admin2", "sub_event_type", "event_date", "week", "month"))


def _more_tally_indexes(conn: Connection) -> None:
    """Version 17: the tally's other indexes (``_V17_INDEXES``)."""
    indexes = {ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
    for name, cols in _V17_INDEXES:
        if name not in indexes:
            conn.execute(text(f"CREATE INDEX {name} ON wl_incidents ({cols})"))


def _update_facts(conn: Connection, batch: list[tuple[str, str]]) -> None:
    """One UPDATE for a batch of (incident id, pair facts): joined to a VALUES list (SQLite 3.33+ and PostgreSQL
    both read ``UPDATE ... FROM``; a VALUES list's columns are column1, column2 on both)."""
    params: dict[str, str] = {}
    rows = []
    for n, (iid, facts) in enumerate(batch):
        params[f"i{n}"], params[f"f{n}"] = iid, facts
        rows.append(f"(:i{n}, :f{n})")
    conn.execute(text(f"UPDATE wl_incidents SET pair_facts = v.column2 FROM (VALUES {', '.join(rows)}) AS v "
                      f"WHERE wl_incidents.incident_id = v.column1"), params)


def refill_pair_facts(conn: Connection, only_stale: bool = False) -> int:
    """Work out and store the ``pair_facts`` of every incident (``only_stale``: of those whose stored facts are not of
    this FACTS_VERSION), :data:`FACTS_BATCH` incidents a statement (not one UPDATE per row).  The match data are read
    in one pass in the table's order (a keyset walk by incident id read SQLite's pages out of order: slower).
    Returns how many incidents got new facts."""
    import json

    from warledger.reconcile.pairs import Facts, pair_facts

    c = incidents.c
    rows = conn.execute(select(c.incident_id, c.match_data, c.pair_facts)).all()
    done = 0
    for at in range(0, len(rows), FACTS_BATCH):
        batch = [(iid, pair_facts(json.loads(md))) for iid, md, stored in rows[at:at + FACTS_BATCH]
                 if not (only_stale and Facts.current(stored))]
        if batch:
            _update_facts(conn, batch)
            done += len(batch)
    return done


REINDEX_ABOVE = 20_000   # PostgreSQL: filling the facts of more incidents than this drops and remakes the indexes


def _pg_indexes_dropped(conn: Connection) -> list[str]:
    """PostgreSQL: drop wl_incidents' indexes other than its constraints' (the primary key), returning their
    definitions.  An UPDATE of a row there writes an entry in every one of its 31 indexes (no room for a
    heap-only update in the full pages of a bulk-loaded table): on the dense ledger's 87,677 incidents that took
    135 s of the step, the update without them 19 s and making them again 48 s (rolled-back trials, load 13)."""
    defs = [(str(name), str(ddl)) for name, ddl in conn.execute(text(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = 'wl_incidents' AND indexname NOT IN (SELECT conname FROM pg_constraint)")).all()]
    for name, _ in defs:
        conn.execute(text(f'DROP INDEX "{name}"'))
    return [ddl for _, ddl in defs]


def _pair_facts(conn: Connection) -> None:
    """Version 16: the ``pair_facts`` column (:func:`warledger.reconcile.pairs.pair_facts` of each incident's match
    data), so the duplicates finder of a big ledger parses no match data for the pairs it rejects.  On PostgreSQL a
    ledger of more than :data:`REINDEX_ABOVE` incidents has its indexes dropped for the fill and made again after
    (all in the step's transaction)."""
    if "pair_facts" not in {col["name"] for col in inspect(conn).get_columns("wl_incidents")}:
        conn.execute(text("ALTER TABLE wl_incidents ADD COLUMN pair_facts TEXT"))
    remake: list[str] = []
    if conn.dialect.name == "postgresql" and \
            conn.execute(select(func.count()).select_from(incidents)).scalar_one() > REINDEX_ABOVE:
        remake = _pg_indexes_dropped(conn)
    refill_pair_facts(conn)
    for ddl in remake:
        conn.execute(text(ddl))



def _mark_coded_records(conn: Connection) -> dict[str, bool]:
    """The incident records of the ledger's coded-dataset rows carry the ``coded`` mark, and no other record does
    (steps 18 and 20).  What the input said is known by what the ledger stored of it: the report's ``source``
    naming a coded dataset (:func:`warledger.ingest.kinds.coded_source`; a ledger before step 20 kept no other
    word of the input's kind).  Session 17 marked by the body's look (an ACLED-style note with no publication
    date), so a one-line news text was a coded row.  Returns the incidents whose records' marks changed, each with
    whether one of its records now has the mark (its line's, as :func:`merge_records` gives it)."""
    import json

    from warledger.ingest.kinds import coded_source

    coded = {str(rid) for rid, source in conn.execute(select(reports.c.id, reports.c.source)) if coded_source(source)}
    update = records.update().where(records.c.record_id == bindparam("rid")).values(data=bindparam("d"))
    changed: set[str] = set()
    marked: dict[str, bool] = {}
    batch: list[dict[str, Any]] = []
    for rid, report_id, iid, data in conn.execute(select(
            records.c.record_id, records.c.report_id, records.c.incident_id, records.c.data).where(
            records.c.kind == "incident")).all():
        rec = json.loads(data)
        want = str(report_id) in coded
        if iid is not None:
            marked[str(iid)] = marked.get(str(iid), False) or want
        if bool(rec.get(CODED_KEY)) == want:
            continue
        if want:
            rec[CODED_KEY] = True
        else:
            rec.pop(CODED_KEY, None)
        batch.append({"rid": rid, "d": json.dumps(rec, ensure_ascii=False)})
        if iid is not None:
            changed.add(str(iid))
    for at in range(0, len(batch), 1000):
        conn.execute(update, batch[at:at + 1000])
    return {iid: marked[iid] for iid in changed}


def _set_marks(conn: Connection, marks: dict[str, bool], ids: list[str]) -> int:
    """The incidents ``ids``, whose records' coded marks changed and nothing else can have, take the mark in their
    stored line and match data as :func:`warledger.reconcile.merge.merge_records` and
    :func:`warledger.store.rows.incident_row` would give it (the line's keys sorted, the match data's mark last; no
    column or pair fact reads it), without reading or merging their records.  Returns how many rows were written."""
    import json

    update = incidents.update().where(incidents.c.incident_id == bindparam("iid")).values(
        data=bindparam("d"), match_data=bindparam("md"))
    written = 0
    for at in range(0, len(ids), 1000):
        batch = []
        for iid, data, match in conn.execute(select(incidents.c.incident_id, incidents.c.data, incidents.c.match_data)
                                             .where(incidents.c.incident_id.in_(ids[at:at + 1000]))).all():
            line, md = json.loads(data), json.loads(match)
            for d in (line, md):
                d.pop(CODED_KEY, None)
                if marks[str(iid)]:
                    d[CODED_KEY] = True
            new_data, new_md = json.dumps(line, ensure_ascii=False, sort_keys=True), json.dumps(md, ensure_ascii=False)
            if (new_data, new_md) != (data, match):
                batch.append({"iid": iid, "d": new_data, "md": new_md})
        if batch:
            conn.execute(update, batch)
            written += len(batch)
    return written


def log_conflicts(conn: Connection, incident_id: str, conflicts: list[dict[str, Any]], reason: str, at: str) -> None:
    """What the ledger does with a correction whose machine value changed under it (``apply_corrections``'s
    conflicts): a conflict row in the audit trail, unless the same one was logged after that correction, and the
    incident back in the review queue; the correction stands.  Used by every rebuild and by schema step 18."""
    import json

    def dump(value: Any) -> Optional[str]:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    for c in conflicts:
        logged = conn.execute(select(func.count()).select_from(audit).where(
            audit.c.incident_id == incident_id, audit.c.action == "conflict", audit.c.field == c["field"],
            audit.c.seq > c["correction"], audit.c.new_value == dump(c["machine_now"]))).scalar_one()
        if logged:
            continue
        conn.execute(audit.insert().values(
            incident_id=incident_id, action="conflict", field=c["field"], old_value=dump(c["machine_was"]),
            new_value=dump(c["machine_now"]), machine_value=dump(c["machine_now"]), who="warledger", at=at,
            reason=reason))
        conn.execute(incidents.update().where(incidents.c.incident_id == incident_id)
                     .values(review_state="needs_review"))


# a state force's name with a period ("Military Forces of Syria (2000-)"): step 18 names it by the event's day
_PERIOD = re.compile(r"\(\d{4}-\d{0,4}\)")
_ACTOR_KEYS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def _stale_period(line: dict[str, Any]) -> bool:
    """Whether an actor of the line carries a period other than the one ACLED's table gives its event's day
    (:func:`warledger.export.naming.period_name`: "(2000-)" on 20 December 2024 is "(2024-)"), told by the year the
    period starts ("(2000-2024)", ACLED's name now, is the period "(2000-)")."""
    from datetime import date

    from warledger.export.naming import period_name

    values = [line.get(k) for k in _ACTOR_KEYS]
    names = [n for v in values for n in (v if isinstance(v, list) else [v]) if isinstance(n, str) and _PERIOD.search(n)]
    if not names:
        return False
    try:
        day: Optional[date] = date.fromisoformat(str(line.get("event_date"))[:10])
    except ValueError:
        return True   # no day to check the name by: derive it again
    def start(name: Optional[str]) -> Optional[str]:   # "(2000-)" and ACLED's later "(2000-2024)" are one period
        m = _PERIOD.search(name or "")
        return m.group(0)[1:5] if m else None

    return any(start(period_name(n, day)) != start(n) for n in names)


def _may_change(line: dict[str, Any]) -> bool:
    """Whether step 18 can derive a line otherwise: an actor named with the period of another day than the event's
    (:func:`_stale_period`), or a count with a ceiling and no floor (``{"low": null, ..., "high": 12}``) anywhere
    (its figures, each report's).  Other lines come out the same: on main's ACLED-notes ledger the step rewrote
    15,250 lines for the coded mark alone, none for another value."""
    if _stale_period(line):
        return True
    todo: list[Any] = [line]
    while todo:
        value = todo.pop()
        if isinstance(value, dict):
            if "high" in value and "low" in value and value["low"] is None and value["high"] is not None:
                return True
            todo.extend(value.values())
        elif isinstance(value, list):
            todo.extend(value)
    return False


def rederive(conn: Connection, ids: list[str], reason: str) -> int:
    """Derive the incidents ``ids`` again from their stored records, as the ledger derives them now
    (:func:`warledger.reconcile.merge.merge_records`, :func:`warledger.store.rows.incident_row`), an analyst's
    corrections laid over the new line as on every rebuild (never overwritten; one whose machine value changed is
    logged as a conflict with ``reason``).  Rows that come out the same are not written.  Returns how many were."""
    import json

    from warledger.reconcile.merge import merge_records
    from warledger.store.corrections import apply_corrections
    from warledger.store.rows import incident_row

    cols = [c for c in incidents.c if c.name not in ("review_state",)]
    update = incidents.update().where(incidents.c.incident_id == bindparam("b_incident_id"))
    written = 0
    for at in range(0, len(ids), 500):
        chunk = ids[at:at + 500]
        members: dict[str, list[dict[str, Any]]] = {}
        for iid, data in conn.execute(select(records.c.incident_id, records.c.data).where(
                records.c.incident_id.in_(chunk)).order_by(records.c.report_seq, records.c.ordinal)):
            members.setdefault(str(iid), []).append(json.loads(data))
        fixes: dict[str, list[dict[str, Any]]] = {}
        a = audit.c   # the columns every step since 6 has (a later step's column is not there yet when this runs)
        for corr in conn.execute(select(a.seq, a.incident_id, a.field, a.new_value, a.machine_value, a.data)
                                 .where(a.incident_id.in_(chunk), a.action == "correct")
                                 .order_by(audit.c.seq)):
            fixes.setdefault(str(corr.incident_id), []).append(
                {"seq": corr.seq, "field": corr.field, "new_value": load_json(corr.new_value),
                 "machine_value": load_json(corr.machine_value), "data": load_json(corr.data)})
        stored = {str(r.incident_id): r._mapping for r in conn.execute(select(*cols).where(
            incidents.c.incident_id.in_(chunk)))}
        changed = []
        for iid in chunk:
            if iid not in members or iid not in stored:
                continue
            line, conflicts = apply_corrections(merge_records(members[iid], iid), fixes[iid]) if iid in fixes else (
                merge_records(members[iid], iid), [])
            row = incident_row(line, int(stored[iid]["seq"]))
            if any(stored[iid].get(k) != v for k, v in row.items()):
                row["b_incident_id"] = row.pop("incident_id")
                changed.append(row)
            log_conflicts(conn, iid, conflicts, at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                          reason=reason)
        if changed:
            conn.execute(update, changed)   # one executemany per chunk (a statement per row was a third of the step)
            written += len(changed)
    return written


_UPGRADE_REASON = ("the machine's value under this correction changed (the ledger's lines were re-derived on "
                   "upgrade); the correction stands until an analyst reviews it")


def _rederive_lines(conn: Connection) -> None:
    """Version 18: the incidents whose derived values session 16 got otherwise derived again from their stored
    records (:func:`rederive`): a state force named with the period of its year rather than its day ("Military
    Forces of Syria (2000-)" after 8 December 2024), a best figure for a count known only by its ceiling ("up to 12
    killed"), and its coded-dataset rows unmarked (:func:`_mark_coded_records`).  Only the incidents :func:`_may_change`
    finds are read and worked out; those whose records' mark alone changed take it in bulk (:func:`_set_marks`).
    Session 17's step worked out every incident (77 s on main's ACLED-notes ledger).  Records stay as they are (what
    was read), but for the mark."""
    import json

    marks = _mark_coded_records(conn)
    ids = [str(iid) for iid, data in conn.execute(select(incidents.c.incident_id, incidents.c.data)
                                                  .order_by(incidents.c.seq)) if _may_change(json.loads(data))]
    rederive(conn, ids, _UPGRADE_REASON)
    full = set(ids)
    _set_marks(conn, marks, [iid for iid in marks if iid not in full])


def _coded_by_input(conn: Connection) -> None:
    """Version 20: a coded dataset's row is one by the input's kind, not by how its body reads (ingest.kinds): the
    records of reports whose source names no coded dataset lose the ``coded`` mark session 17 gave a one-line text
    with no publication date, and the records of those whose source names one gain it; their incidents' lines take
    the mark their records now give (:func:`_set_marks`).  Incidents stay as they were merged or kept apart."""
    marks = _mark_coded_records(conn)
    _set_marks(conn, marks, list(marks))


def _correction_keys(conn: Connection) -> None:
    """Version 21: a correction's idempotency key in its own indexed column (``wl_audit.correction_key``), so a
    write sent again is told by one lookup; until now the key was only in the row's ``data`` and every keyed write
    read all the incident's keyed corrections.  The keys of the corrections already stored are copied over."""
    if "correction_key" not in {col["name"] for col in inspect(conn).get_columns("wl_audit")}:
        conn.execute(text(f"ALTER TABLE wl_audit ADD COLUMN correction_key VARCHAR({KEY_LENGTH})"))
    if "ix_wl_audit_correction_key" not in {ix["name"] for ix in inspect(conn).get_indexes("wl_audit")}:
        conn.execute(text("CREATE INDEX ix_wl_audit_correction_key ON wl_audit (correction_key, incident_id)"))
    rows = conn.execute(select(audit.c.seq, audit.c.data).where(
        audit.c.action == "correct", audit.c.data.like('%"key"%'), audit.c.correction_key.is_(None))).all()
    keyed = [{"b_seq": seq, "k": key} for seq, data in rows
             if isinstance(key := (load_json(data) or {}).get("key"), str) and 0 < len(key) <= KEY_LENGTH]
    if keyed:
        conn.execute(audit.update().where(audit.c.seq == bindparam("b_seq")).values(correction_key=bindparam("k")),
                     keyed)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "reports, records and incidents", _create(reports, records, incidents)),
    (2, "within-report reconciliation checks", _create(checks)),
    (3, "incidents looked up by the skeleton of their place name", _rekey_places),
    (4, "place keys rebuilt with the geocoder's consonant skeleton", _rekey_places),
    (5, "place keys rebuilt: plural settlement words, province/governorate and lists cut", _rekey_places),
    (6, "review: filter columns, review state, audit trail, tokens, dedup overrides", _review_columns),
    (7, "representative dates for incidents known by a range; the stated range in its own columns", _range_columns),
    (8, "match data carries problems; seq indexed", _match_problems),
    (9, "serving: page order and map label columns, covering indexes for filtered pages, map and timeline",
     _serving_indexes),
    (10, "team work: the review queue's items held for one analyst at a time; indexes for the monthly "
         "timeline and the review queues' counts",
     _team_and_month),
    (11, "the stored line of an incident known by a range names its representative day", _range_lines),
    (12, "indexes for the timeline of one actor", _actor_time),
    (13, "pairs of incidents an analyst kept apart (not the same event)", _create(apart)),
    (14, "the workbench's upload jobs, kept across restarts", _create(upload_jobs)),
    (15, "indexes for the tally by admin1 and by actor1", _tally_indexes),
    (16, "what the duplicates finder reads of each incident, stored with it", _pair_facts),
    (17, "indexes for the tally by admin2, sub-event type, day, week and month", _more_tally_indexes),
    (18, "incidents derived again from their records: state forces' periods by the day, ceiling-only counts, "
         "coded-dataset rows marked; corrections laid over", _rederive_lines),
    (19, "the version of the stored pair facts, so a warledger that works them out otherwise refreshes them",
     _create(settings)),
    (20, "coded-dataset rows marked by the input's kind (a source naming the dataset), not by the body's look",
     _coded_by_input),
    (21, "a correction's idempotency key in an indexed column, so a repeated write is one lookup", _correction_keys),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]
