"""The duplicates finder's stored facts (``wl_incidents.pair_facts``, SQLite and PostgreSQL): written with every
incident (ingest, correction, merge, split), read instead of each incident's match data, and the same pairs, order
and reasons as facts worked out from the match data.  Reports invented for these tests (handmade.py's towns)."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine, delete, event, func, inspect, select, update

from handmade import counts, incident, place
from warledger.record import Place, Report
from warledger.reconcile import pairs
from warledger.store import Ledger
from warledger.store import migrations, schema
from warledger.store.schema import incidents, schema_table


def _reports() -> list[Report]:
    """Strikes on one day in Idlib's towns, an area report of the district, and far-off strikes on other days."""
    out = []
    for n, town in enumerate(("Sarmin", "Binnish", "Maarat Misrin", "Ariha", "Kafr Zita", "Kabani")):
        text = f"Warplanes struck {town} on the morning of 3 March, killing {n + 1} civilians."
        out.append(Report(id=f"t{n}", text=text, published="2023-03-03", source=f"Desk {n % 2}",
                          incidents=[incident(text, date="2023-03-03", where=place(town), killed=counts(civilians=n + 1))]))
    text = "Warplanes struck villages of the Idlib district on 3 March; two civilians were killed."
    area = Place(phrase="villages of the Idlib district", admin1="Idlib", admin2="Idlib", country="Syria",
                 latitude=35.93, longitude=36.63, geo_precision=3)
    out.append(Report(id="area", text=text, published="2023-03-03", source="Desk 0",
                      incidents=[incident(text, date="2023-03-03", where=area, killed=counts(civilians=2))]))
    for n in range(8):   # the same towns on other days: windows apart from the others
        town = ("Sarmin", "Binnish", "Nawa", "Tafas")[n % 4]
        text = f"Shells fell on {town} on day {n + 10} of the month, killing {n} civilians."
        day = f"2023-04-{n + 10:02d}"
        out.append(Report(id=f"o{n}", text=text, published=day, source="Desk 1",
                          incidents=[incident(text, date=day, where=place(town), killed=counts(civilians=n))]))
    return out


def _stored_right(ledger: Ledger) -> None:
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(incidents.c.incident_id, incidents.c.match_data, incidents.c.pair_facts)).all()
    assert rows
    for iid, md, stored in rows:
        assert stored == pairs.pair_facts(json.loads(md)), iid


def _pairs(db: str) -> list[Any]:
    with Ledger(db) as ledger:     # a new ledger object: nothing remembered
        found, n = ledger.duplicate_pairs(limit=1000)
    assert n == len(found)
    return [(p["score"], p["reasons"], [i["incident_id"] for i in p["incidents"]]) for p in found]


def test_the_finder_reads_stored_facts_and_parses_only_the_incidents_that_meet(db: str, monkeypatch: Any) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(_reports(), process=False)
    worked_out: list[str] = []
    real_of = pairs.Facts.of.__func__   # type: ignore[attr-defined]
    monkeypatch.setattr(pairs.Facts, "of", classmethod(lambda cls, rec: worked_out.append(rec["incident_id"])
                                                       or real_of(cls, rec)))
    found = _pairs(db)
    assert found and worked_out == []           # 15 incidents: the facts of none worked out again


def test_stored_facts_give_the_pairs_facts_worked_out_from_the_match_data_give(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(_reports(), process=False)
    stored = _pairs(db)
    with Ledger(db) as ledger, ledger.engine.begin() as conn:
        conn.execute(update(incidents).values(pair_facts=None))
    assert stored and _pairs(db) == stored
    with Ledger(db) as ledger, ledger.engine.begin() as conn:   # facts of another version are not read either
        conn.execute(update(incidents).values(pair_facts='[0, "1999-01-01", "1999-01-01", true, false, [], [], null]'))
    assert _pairs(db) == stored


def test_a_correction_a_merge_and_its_undo_keep_the_stored_facts_right(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(_reports(), process=False)
        _stored_right(ledger)
        ids = {i["reports"][0]: i["incident_id"] for i in ledger.incidents()}
        before = _pairs(db)
        ledger.correct(ids["o0"], "event_date", "2023-03-03", who="ana")    # now on the day of the others
        _stored_right(ledger)
        ledger.correct(ids["t0"], "location", "Binnish", who="ana")
        _stored_right(ledger)
        merged = ledger.merge([ids["t1"], ids["area"]], who="ana")
        _stored_right(ledger)
        record = next(r["record_id"] for r in ledger.records() if r["report_id"] == "area")
        ledger.split(merged["incident_id"], [record], who="ana")
        _stored_right(ledger)
    assert _pairs(db) != before      # the corrected date made new pairs


def _updates_while(action: Any) -> list[tuple[str, bool]]:
    """The UPDATE statements of wl_incidents any engine runs while ``action()`` runs: (statement, executemany)."""
    seen: list[tuple[str, bool]] = []

    def listen(conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool) -> None:
        if statement.lstrip().upper().startswith("UPDATE WL_INCIDENTS"):
            seen.append((statement, executemany))
    event.listen(Engine, "before_cursor_execute", listen)
    try:
        action()
    finally:
        event.remove(Engine, "before_cursor_execute", listen)
    return seen


def _reopen(db: str) -> None:
    Ledger(db).close()


def test_step_16_fills_the_facts_with_one_update_a_batch(db: str, monkeypatch: Any) -> None:
    """Schema step 16 on an existing ledger writes a batch of incidents' facts with one statement (not one UPDATE
    per incident, which took 89 s on PostgreSQL for 87,677 incidents)."""
    with Ledger(db) as ledger:
        ledger.ingest(_reports(), process=False)
        with ledger.engine.begin() as conn:
            n = conn.execute(select(func.count()).select_from(incidents)).scalar_one()
            conn.execute(update(incidents).values(pair_facts=None))
            conn.execute(delete(schema_table).where(schema_table.c.version >= 16))
        indexes = _indexes(ledger)
    monkeypatch.setattr(migrations, "FACTS_BATCH", 4)
    monkeypatch.setattr(migrations, "REINDEX_ABOVE", 10)   # PostgreSQL: the indexes dropped and made again
    dropped: list[str] = []
    monkeypatch.setattr(migrations, "_pg_indexes_dropped", lambda conn: dropped.extend(_pg_dropped(conn)) or dropped)
    updates = _updates_while(lambda: _reopen(db))
    assert n == 15 and len(updates) == -(-n // 4) and not any(many for _, many in updates)
    with Ledger(db) as ledger:
        _stored_right(ledger)
        assert _indexes(ledger) == indexes and len(indexes) > 20
    assert bool(dropped) == db.startswith("postgres")


_pg_dropped = migrations._pg_indexes_dropped


def _indexes(ledger: Ledger) -> list[tuple[str, tuple[str, ...]]]:
    with ledger.engine.connect() as conn:
        return sorted((str(ix["name"]), tuple(str(c) for c in ix["column_names"]))
                      for ix in inspect(conn).get_indexes("wl_incidents"))


def test_facts_of_another_version_are_worked_out_again_when_the_ledger_is_opened(db: str, monkeypatch: Any) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(_reports(), process=False)
    assert _updates_while(lambda: _reopen(db)) == []     # facts of this version: one small read, nothing written
    monkeypatch.setattr(pairs, "FACTS_VERSION", pairs.FACTS_VERSION + 1)    # a warledger that works them out anew
    updates = _updates_while(lambda: _reopen(db))
    assert len(updates) == 1
    with Ledger(db) as ledger:
        _stored_right(ledger)
        with ledger.engine.connect() as conn:
            facts = conn.execute(select(incidents.c.pair_facts)).scalars().all()
            recorded = conn.execute(select(schema.settings.c.value)).scalars().all()
    assert facts and all(f.startswith(f"[{pairs.FACTS_VERSION}, ") for f in facts)
    assert recorded == [str(pairs.FACTS_VERSION)]
    assert _updates_while(lambda: _reopen(db)) == []     # refreshed once
