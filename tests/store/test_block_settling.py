"""A Dask ingest's block tasks place a component's records as the serial ledger does, settling included
(robust20).  The serial ledger settles each record that links stored incidents by placing *those* incidents'
records again in content order (robust19); the block tasks placed a whole component in content order at once,
which is another ledger: on 3,000 invented reports serial 963 incidents, Dask 957.  Now the tasks replay the
serial steps (:class:`warledger.reconcile.replay.ReplayLedger`) and the bulk loader writes the serial ledger.

Four invented shelling and air-strike reports of one invented hamlet on nearby days, a few of them dated only
to a week; in each case serial ingest and the old whole-component placing disagreed.  SQLite and PostgreSQL."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from warledger.cluster.blocks import place_components, plan_blocks, slim
from warledger.record import Counts, Incident, Place, Range, Report
from warledger.store import Ledger
from warledger.store.bulk import report_records
from warledger.store.ledger import Processed, content_hash

HAMLET = "Khirbet Umm Sirr"   # invented
SYRIA, RUSSIA = "Military Forces of Syria (2000-)", "Military Forces of Russia (2000-)"
SHELLS, JETS = "Shelling/artillery/missile attack", "Air/drone strike"
# (report id, day, time precision: 1 the day, 2 a week around it; civilians killed, actor, sub-event)
CASES = {
    "week-then-day": [("r0", "2023-02-03", 2, 2, SYRIA, SHELLS), ("r1", "2023-02-09", 2, 2, SYRIA, SHELLS),
                      ("r2", "2023-02-08", 1, 1, SYRIA, SHELLS), ("r5", "2023-02-01", 1, 3, RUSSIA, JETS)],
    "late-first": [("r0", "2023-02-09", 1, 2, SYRIA, JETS), ("r3", "2023-02-01", 2, 1, RUSSIA, SHELLS),
                   ("r4", "2023-02-06", 2, 1, SYRIA, SHELLS), ("r5", "2023-02-01", 1, 2, SYRIA, JETS)],
}


def report(rid: str, day: str, precision: int, killed: int, actor: str, sub_event: str) -> Report:
    counts = Counts()
    counts.set("civilians", Range.exact(killed))
    inc = Incident(kind="incident", event_date=day, date_range=(day, day), time_precision=precision,
                   event_type="Explosions/Remote violence", sub_event_type=sub_event, actor1=actor,
                   actor2="Civilians (Syria)", killed=counts,
                   place=Place(phrase=HAMLET, name=HAMLET, location=HAMLET, admin1="Idlib", admin2="Idlib",
                               country="Syria", latitude=35.58, longitude=36.47, geo_precision=1, where_prec=1))
    return Report(id=rid, text=f"An invented account of strikes on {HAMLET}.", published="2023-03-01",
                  source=f"Invented monitor {rid}", language="en", incidents=[inc])


def decisions(items: list[Processed]) -> dict[str, Any]:
    recs = [slim(r) for it in items for r in report_records(it.report, it.content_hash) if r["kind"] == "incident"]
    plan = plan_blocks(recs, 2)
    out = dict(plan.alone)
    for chunk in plan.chunks:
        out.update(place_components(chunk))
    return out


def view(db: str) -> dict[str, Any]:
    with Ledger(db) as ledger:
        return {"incidents": list(ledger.incidents()), "records": list(ledger.records()),
                "admin1": ledger.tally("admin1"), "day": ledger.tally("day"), "counts": ledger.counts()}


@pytest.mark.parametrize("case", sorted(CASES))
def test_block_tasks_give_the_serial_ledger(db: str, tmp_path: Path, case: str) -> None:
    items = [Processed(r, content_hash(r)) for r in (report(*spec) for spec in CASES[case])]
    serial = str(tmp_path / "serial.db")
    with Ledger(serial) as ledger:
        ledger.ingest(copy.deepcopy(items), process=False)
    expected = view(serial)
    assert 1 < expected["counts"]["incidents"] < len(items)      # some reports join, some stay apart
    with Ledger(db) as ledger:
        ledger.ingest(copy.deepcopy(items), process=False, decided=decisions(items))
    got = view(db)
    assert [(i["incident_id"], i["reports"]) for i in got["incidents"]] == \
        [(i["incident_id"], i["reports"]) for i in expected["incidents"]]
    assert got == expected
