"""Schema step 9 (serving a big ledger): the page order and the map's place name are columns, and every
filtered page, count, map and timeline query is answered from an index, never by scanning the wide
incident rows (on SQLite the plan is checked; on both databases the answers are)."""
from __future__ import annotations

import json
from typing import Any

from handmade import bulletin, contradiction, counts, ev, generated, incident, kafr_zita_series, place
from sqlalchemy import func, select, text

from warledger.record import Report
from warledger.store import Ledger
from warledger.store.query import Filters
from warledger.store.migrations import _V9_INDEXES
from warledger.store.rows import UNDATED_SORT_KEY
from warledger.store.schema import incidents

FILTERS = {
    "none": Filters(),
    "admin1": Filters(admin1="Idlib"),
    "admin2": Filters(admin2="Idlib"),
    "dates": Filters(date_from="2021-03-01", date_to="2021-03-31"),
    "actor": Filters(actor="Military Forces of Russia (2000-)"),
    "bbox": Filters(bbox=(36.0, 35.0, 37.0, 36.5)),
    "queue": Filters(review_state="queue"),
    "problems": Filters(has_problems=True),
    "admin1+dates": Filters(admin1="Idlib", date_from="2021-03-01", date_to="2021-03-31"),
    "claims": Filters(claim_failed=True),
}


def _filled(db: str) -> Ledger:
    ledger = Ledger(db)
    ledger.ingest([bulletin(), contradiction(), *kafr_zita_series(), *generated(150)])
    return ledger


def _expected_order(ledger: Ledger) -> list[str]:
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(incidents.c.incident_id, incidents.c.event_date, incidents.c.date_lo,
                                   incidents.c.seq)).all()
    return [r.incident_id for r in sorted(rows, key=lambda r: (r.event_date or r.date_lo or UNDATED_SORT_KEY, r.seq))]


def test_pages_keep_the_order_and_the_counts(db: str) -> None:
    with _filled(db) as ledger:
        order = _expected_order(ledger)
        got: list[str] = []
        for offset in range(0, len(order), 40):
            items, total = ledger.page(Filters(), limit=40, offset=offset)
            assert total == len(order)
            got += [x["incident_id"] for x in items]
        assert got == order
        lines = {x["incident_id"]: x for x in ledger.incidents()}
        for name, f in FILTERS.items():
            items, total = ledger.page(f, limit=1000)
            expected = [i for i in order if i in {x["incident_id"] for x in ledger.incidents(filters=f)}]
            assert [x["incident_id"] for x in items] == expected, name
            assert total == len(expected), name
            assert all(x == dict(lines[x["incident_id"]]) for x in items), name
        assert ledger.page(FILTERS["actor"])[1] > 0 and ledger.page(FILTERS["admin1"])[1] > 0


def test_map_reads_the_place_name_from_its_column(db: str) -> None:
    with _filled(db) as ledger:
        lines = {x["incident_id"]: x for x in ledger.incidents()}
        points = ledger.map_points()["points"]
        assert points and all(p["location"] == lines[p["id"]]["location"] for p in points)
        assert any(p["location"] for p in points)
        # a correction of the place shows on the map at once
        pid = points[0]["id"]
        ledger.correct(pid, "location", "Corrected Village", who="tester")
        assert next(p for p in ledger.map_points()["points"] if p["id"] == pid)["location"] == "Corrected Village"


def test_step_8_fills_an_older_ledger(db: str) -> None:
    """A ledger made before step 9 (no sort_key, no location, no v9 index) gets them when opened."""
    with _filled(db) as ledger:
        order = _expected_order(ledger)
        with ledger.engine.begin() as conn:
            conn.execute(incidents.update().values(sort_key=None, location=None))
            for name, _ in _V9_INDEXES:
                conn.execute(text(f"DROP INDEX {name}"))
            conn.execute(text("DELETE FROM wl_schema WHERE version >= 9"))   # and every later step
    with Ledger(db) as ledger:
        with ledger.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(incidents).where(
                incidents.c.sort_key.is_(None))).scalar_one() == 0
            located = conn.execute(select(incidents.c.location, incidents.c.data)).all()
        assert all(loc == json.loads(data).get("location") for loc, data in located)
        assert [x["incident_id"] for x in ledger.page(Filters(), limit=1000)[0]] == order


def _plan(ledger: Ledger, query: Any) -> list[str]:
    sql = str(query.compile(ledger.engine, compile_kwargs={"literal_binds": True}))
    with ledger.engine.connect() as conn:
        return [str(r[3]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql))]


def test_sqlite_answers_every_filter_from_an_index(tmp_path: Any) -> None:
    with _filled(str(tmp_path / "ledger.db")) as ledger:
        c = incidents.c
        for name, f in FILTERS.items():
            page = f.apply(select(c.incident_id)).order_by(c.sort_key, c.seq).limit(50).offset(100)
            count = f.apply(select(func.count()).select_from(incidents))
            for what, q in (("page", page), ("count", count)):
                steps = _plan(ledger, q)
                scans = [s for s in steps if s.startswith("SCAN wl_incidents") and "INDEX" not in s]
                assert not scans, (name, what, steps)
                if name not in ("bbox", "queue", "dates", "claims"):
                    assert "USING COVERING INDEX" in " ".join(steps), (name, what, steps)
        for q in (select(c.week, c.actor1, func.sum(c.killed_total)).where(c.week.is_not(None))
                  .group_by(c.week, c.actor1).order_by(c.week, c.actor1),
                  select(c.incident_id, c.latitude, c.longitude, c.killed_total, c.geo_precision, c.actor1,
                         c.event_date, c.sub_event_type, c.review_state, c.location)
                  .where(c.latitude.is_not(None)).order_by(c.seq).limit(20000)):
            steps = _plan(ledger, q)
            assert any("COVERING INDEX" in s for s in steps) and not any("TEMP B-TREE" in s for s in steps), steps


def test_a_page_as_json_text_is_the_parsed_page(db: str) -> None:
    from warledger.store.reading import _with_state

    with _filled(db) as ledger:
        raw, total = ledger.page_json(Filters(), limit=30, offset=5)
        items, total2 = ledger.page(Filters(), limit=30, offset=5)
        assert total == total2 and [json.loads(r) for r in raw] == items
        assert all(list(json.loads(r))[-1] == "review_state" for r in raw)
    assert json.loads(_with_state('{"a": 1}', "accepted")) == {"a": 1, "review_state": "accepted"}
    assert json.loads(_with_state("{}", "unreviewed")) == {"review_state": "unreviewed"}
    assert json.loads(_with_state('{"review_state": "old", "b": [1]}', "rejected")) == {"b": [1], "review_state": "rejected"}


def test_a_remembered_total_follows_every_write(db: str) -> None:
    """Totals are counted once per ledger state: a review, a correction, an ingest, here or in another
    process (another Ledger object), each changes what the next page says."""
    with _filled(db) as ledger, Ledger(db) as other:
        queue = Filters(review_state="queue")
        items, n = ledger.page(queue, limit=5)
        assert ledger.page(queue, limit=5, offset=5)[1] == n
        other.review(items[0]["incident_id"], "accept", who="tester")
        assert ledger.page(queue, limit=5)[1] == n - 1
        here = Filters(admin1="Nowhere Province")
        assert ledger.page(here)[1] == 0
        ledger.correct(items[1]["incident_id"], "admin1", "Nowhere Province", who="tester")
        assert ledger.page(here)[1] == 1
        before = ledger.page(Filters())[1]
        text = "Warplanes struck Nawa on 1 January 2030, killing 3 civilians."
        late = Report(id="late1", text=text, published="2030-01-02", source="Generator", incidents=[
            incident(text, date="2030-01-01", where=place("Nawa"), killed=counts(civilians=3),
                     evidence=[ev(text, "killed.civilians", "3 civilians")])])
        other.ingest([late])
        assert ledger.page(Filters())[1] == before + 1


def _tally_statements(ledger: Any, by: str, marker: str) -> tuple[Any, list[tuple[str, Any]]]:
    """``ledger.tally(by)`` and the SQL statements (with their parameters) it ran that contain ``marker``."""
    from sqlalchemy import event

    seen: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, params: Any, context: Any, many: bool) -> None:
        if marker in statement:
            seen.append((statement, params))

    event.listen(ledger.engine, "before_cursor_execute", keep)
    try:
        rows = ledger.tally(by)
    finally:
        event.remove(ledger.engine, "before_cursor_execute", keep)
    return rows, seen


def test_sqlite_tallies_by_admin1_and_actor1_from_an_index(tmp_path: Any) -> None:
    """The unfiltered tally by admin1 and by actor1 (the page's first grouping) reads every figure it sums from one
    index, in the grouping's order: no walk to the wide rows (schema step 15); its answer is the rows' own."""
    with _filled(str(tmp_path / "ledger.db")) as ledger:
        for by in ("admin1", "actor1"):
            rows, seen = _tally_statements(ledger, by, "GROUP BY")
            assert len(seen) == 1
            with ledger.engine.connect() as conn:
                plan = " ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + seen[0][0], seen[0][1]))
            assert f"COVERING INDEX ix_wl_incidents_{by}_tally" in plan, plan
            lines = list(ledger.incidents())
            assert sum(r["incidents"] for r in rows) == len(lines) > 100
            assert {r[by]: r["incidents"] for r in rows} == {
                v: sum(1 for x in lines if x.get(by) == v) for v in {x.get(by) for x in lines}}


def test_sqlite_tallies_by_every_other_grouping_from_an_index(tmp_path: Any) -> None:
    """The unfiltered tally by admin2, sub-event type, day, week and month (schema step 17) reads every figure it
    sums from one index in the grouping's order, and a time grouping's count of straddling ranges reads an index
    too: no statement of the tally walks to the wide rows; its answer is the rows' own."""
    from warledger.store.ledger import TALLY_KEYS
    from warledger.store.rows import week_of

    with _filled(str(tmp_path / "ledger.db")) as ledger:
        lines = list(ledger.incidents())
        for by in ("admin2", "sub_event_type", "day", "week", "month"):
            rows, seen = _tally_statements(ledger, by, "FROM wl_incidents")
            assert len(seen) == (2 if by in ("day", "week", "month") else 1)
            with ledger.engine.connect() as conn:
                plans = [" ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))
                         for sql, params in seen]
            assert f"COVERING INDEX ix_wl_incidents_{TALLY_KEYS[by]}_tally" in plans[0], plans
            assert all("COVERING INDEX" in p for p in plans), plans
            assert sum(r["incidents"] for r in rows) == len(lines) > 100
            values = [week_of(x.get("event_date")) if by == "week" else (x.get("event_date") or "")[:7] or None
                      if by == "month" else x.get("event_date" if by == "day" else by) for x in lines]
            assert {r[by]: r["incidents"] for r in rows} == {v: values.count(v) for v in set(values)}
