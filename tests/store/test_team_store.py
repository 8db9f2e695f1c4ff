"""Schema step 10 and the ledger's side of team work: the filter bar's name lists read by a loose index scan
(the same names as SELECT DISTINCT) and not read again after a review; a ledger made before step 10 opens
with its lease table and month index; the queue holds an incident for one analyst at a time."""
from __future__ import annotations

from typing import Any

import pytest
from handmade import bulletin, contradiction, generated, kafr_zita_series
from sqlalchemy import func, inspect, select, text

from warledger.store import Ledger
from warledger.store import reading as reading_mod
from warledger.store.query import Filters
from warledger.store.schema import SCHEMA_VERSION, incidents
from warledger.store.team import Stale


def _filled(db: str) -> Ledger:
    ledger = Ledger(db)
    ledger.ingest([bulletin(), contradiction(), *kafr_zita_series(), *generated(60)])
    return ledger


def test_name_lists_are_the_distinct_names_and_survive_a_review(db: str, monkeypatch: Any) -> None:
    with _filled(db) as ledger:
        with ledger.engine.connect() as conn:
            for name in reading_mod.CHOICE_FIELDS:
                col = incidents.c[name]
                want = sorted(str(v) for v in conn.execute(select(col).where(col.is_not(None)).distinct()).scalars())
                assert sorted(map(str, reading_mod.distinct_values(conn, name))) == want and want, name
        names = ledger.choices()
        iid = ledger.page(Filters(), limit=1)[0][0]["incident_id"]
        ledger.review(iid, "accept", who="alice")
        ledger.log_export("jsonl", None, "alice")

        def unread(*_: Any) -> list[Any]:
            raise AssertionError("the name lists were read again after a review or an export")
        monkeypatch.setattr(reading_mod, "distinct_values", unread)
        assert ledger.choices() == names
        ledger.correct(iid, "actor1", "A group nobody named before", who="alice")
        with pytest.raises(AssertionError, match="read again"):
            ledger.choices()   # a correction may change a name: read again


def test_a_ledger_from_before_step_10_opens(db: str) -> None:
    with _filled(db) as ledger:
        total = ledger.counts()["incidents"]
        with ledger.engine.begin() as conn:
            conn.execute(text("DROP TABLE wl_leases"))
            conn.execute(text("DROP INDEX ix_wl_incidents_month"))
            conn.execute(text("DROP INDEX ix_wl_incidents_queue"))
            conn.execute(text("DELETE FROM wl_schema WHERE version >= 10"))
    with Ledger(db) as ledger:
        assert ledger.counts()["incidents"] == total
        with ledger.engine.connect() as conn:
            assert "wl_leases" in inspect(conn).get_table_names()
            assert {"ix_wl_incidents_month", "ix_wl_incidents_queue"} <= {
                ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
            assert max(conn.execute(text("SELECT version FROM wl_schema")).scalars()) == SCHEMA_VERSION >= 10
        first = ledger.next_in_queue("alice")
        second = ledger.next_in_queue("bob")
        assert first and second and first["incident_id"] != second["incident_id"]
        assert ledger.holders([first["incident_id"]])[first["incident_id"]]["who"] == "alice"


def test_a_stale_write_is_refused_in_the_ledger_too(db: str) -> None:
    with _filled(db) as ledger:
        iid = ledger.page(Filters(), limit=1)[0][0]["incident_id"]
        seen = ledger.incident(iid)["version"]
        ledger.correct(iid, "strikes", 4, who="alice", base_version=seen, reason="video")
        with pytest.raises(Stale, match=r"alice set strikes from .* to 4 at .*'video'") as caught:
            ledger.correct(iid, "strikes", 5, who="bob", base_version=seen)
        assert caught.value.version == ledger.incident(iid)["version"] > seen
        assert ledger.incident(iid)["strikes"]["best"] == 4
        ledger.correct(iid, "strikes", 5, who="bob")   # no base_version: not checked (scripts, the CLI)
        assert ledger.incident(iid)["strikes"]["best"] == 5


def test_sqlite_counts_the_merged_queue_and_the_months_from_an_index(tmp_path: Any) -> None:
    from sqlalchemy import func

    with _filled(str(tmp_path / "ledger.db")) as ledger:
        count = Filters.parse({"review_state": "queue", "merged": "true"}).apply(
            select(func.count()).select_from(incidents))
        month = select(incidents.c.month, incidents.c.actor1, func.sum(incidents.c.killed_total)).where(
            incidents.c.month.is_not(None)).group_by(incidents.c.month, incidents.c.actor1)
        for q in (count, month):
            sql = str(q.compile(ledger.engine, compile_kwargs={"literal_binds": True}))
            with ledger.engine.connect() as conn:
                plan = " ".join(str(r[3]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
            assert "COVERING INDEX" in plan, plan


def test_a_ledger_from_before_step_12_opens_and_its_actor_timeline_is_unchanged(db: str) -> None:
    with _filled(db) as ledger:
        actor = ledger.choices()["actor"][0]
        f = Filters.parse({"actor": actor})
        by_week, coverage = ledger.timeline("week", f), ledger.date_coverage(f)
        with ledger.engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_wl_incidents_actor1_time"))
            conn.execute(text("DROP INDEX ix_wl_incidents_actor2_time"))
            conn.execute(text("DROP TABLE wl_apart"))   # step 13's table: a ledger from before step 12 has none
            conn.execute(text("DELETE FROM wl_schema WHERE version >= 12"))
    with Ledger(db) as ledger:
        with ledger.engine.connect() as conn:
            assert {"ix_wl_incidents_actor1_time", "ix_wl_incidents_actor2_time"} <= {
                ix["name"] for ix in inspect(conn).get_indexes("wl_incidents")}
            assert max(conn.execute(text("SELECT version FROM wl_schema")).scalars()) == SCHEMA_VERSION >= 12
        assert ledger.timeline("week", f) == by_week and by_week
        assert ledger.date_coverage(f) == coverage


def test_the_timeline_of_one_actor_counts_each_incident_once(db: str) -> None:
    """An incident with the actor on both sides (actor1 and actor2) is counted once, as the one OR did."""
    with _filled(db) as ledger:
        iid = ledger.page(Filters(), limit=1)[0][0]["incident_id"]
        line = ledger.incident(iid)
        ledger.correct(iid, "actor2", line["actor1"], who="alice")
        f = Filters.parse({"actor": line["actor1"]})
        with ledger.engine.connect() as conn:
            one_or = conn.execute(f.apply(select(func.count()).select_from(incidents).where(
                incidents.c.week.is_not(None)))).scalar_one()
        assert sum(r["incidents"] for r in ledger.timeline("week", f)) == one_or > 0
