"""A ledger written before session 16 is brought up to date when it is opened (session 17, ledger17: schema step 18).
Its incident lines kept what the ledger derived then: a state force named with the period of its year on an event
after a change of government ("Military Forces of Syria (2000-)" on 20 December 2024), a best figure for a count known
only by its ceiling ("up to 12 killed": fatalities 12), and coded-dataset rows with no mark.  The step derives every
line again from its stored records; an analyst's audited correction stays as the analyst wrote it.  The old ledger is
made here by writing those old values back into a current one and taking its schema back to version 17.  SQLite and
PostgreSQL."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import delete, select, update

from warledger.record import Counts, Incident, Place, Range, Report
from warledger.reconcile.dedup import CODED_KEY, coded_row
from warledger.store import Ledger
from warledger.store.schema import incidents, records, schema_table

OLD, NEW = "Military Forces of Syria (2000-)", "Military Forces of Syria (2024-)"
NOTE = {"id": "n1", "text": "On 3 February 2023, regime forces shelled Kafr Nabl town in southern Idleb countryside.",
        "source": "ACLED (invented notes)"}


def report(rid: str, day: str, place: str, lat: float, killed: Range) -> Report:
    counts = Counts()
    counts.set("total", killed)
    inc = Incident(kind="incident", event_date=day, date_range=(day, day), time_precision=1,
                   event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                   actor1=OLD, actor2="Civilians (Syria)", killed=counts,
                   place=Place(phrase=place, name=place, location=place, admin1="Idlib", admin2="Idlib",
                               country="Syria", latitude=lat, longitude=36.7, geo_precision=1, where_prec=1))
    return Report(id=rid, text=f"Shells fell on an invented farm near {place}.", published=day,
                  source="Invented Monitor", language="en", incidents=[inc])


def made_old(ledger: Ledger, iid: str, line: dict[str, Any], **columns: Any) -> None:
    """Write an incident as a ledger of session 15 stored it, and take the schema back before step 18."""
    with ledger.engine.begin() as conn:
        match = json.loads(conn.execute(select(incidents.c.match_data)
                                        .where(incidents.c.incident_id == iid)).scalar_one())
        match.pop(CODED_KEY, None)
        match.update({k: line[k] for k in ("actor1", "fatalities") if k in line})
        conn.execute(update(incidents).where(incidents.c.incident_id == iid).values(
            data=json.dumps(line, ensure_ascii=False, sort_keys=True), match_data=json.dumps(match), **columns))
        for rid, data in conn.execute(select(records.c.record_id, records.c.data)
                                      .where(records.c.incident_id == iid)).all():
            rec = json.loads(data)
            rec.pop(CODED_KEY, None)
            conn.execute(update(records).where(records.c.record_id == rid).values(data=json.dumps(rec)))
        conn.execute(delete(schema_table).where(schema_table.c.version >= 18))


def by_report(ledger: Ledger) -> dict[str, dict[str, Any]]:
    return {line["reports"][0]: line for line in ledger.incidents()}


def test_an_old_ledger_is_derived_again_and_corrections_stay(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([report("r1", "2024-12-20", "Sarmin", 35.9, Range.exact(2)),
                       report("r2", "2024-12-21", "Binnish", 35.95, Range(None, None, 12)),
                       report("r3", "2024-12-22", "Taftanaz", 36.0, Range.exact(3))], process=False)
        ledger.ingest([NOTE])
        lines = by_report(ledger)
        ledger.correct(lines["r3"]["incident_id"], "actor1", OLD, who="tester", reason="as the source says")
        lines = by_report(ledger)
        for rid in ("r1", "r3"):
            made_old(ledger, lines[rid]["incident_id"], dict(lines[rid], actor1=OLD), actor1=OLD)
        made_old(ledger, lines["r2"]["incident_id"], dict(lines["r2"], fatalities=12), killed_total=12)
        made_old(ledger, lines["n1"]["incident_id"], {k: v for k, v in lines["n1"].items() if k != CODED_KEY})
        assert by_report(ledger)["r1"]["actor1"] == OLD and by_report(ledger)["r2"]["fatalities"] == 12
    with Ledger(db) as ledger:  # opening it runs the step
        lines = by_report(ledger)
        assert lines["r1"]["actor1"] == NEW
        assert lines["r2"]["fatalities"] is None and lines["r2"]["killed"]["total"]["high"] == 12
        assert lines["r3"]["actor1"] == OLD and lines["r3"]["reviewed_fields"] == ["actor1"]  # the analyst's name
        assert lines["n1"].get(CODED_KEY) is True
        assert all(rec.get(CODED_KEY) for rec in ledger.records(report_id="n1"))
        assert not any(rec.get(CODED_KEY) for rec in ledger.records(report_id="r1"))
        rows = {r["actor1"]: r for r in ledger.tally(by="actor1")}
        assert rows[NEW]["killed_total"] == 2 and rows[OLD]["killed_total"] == 3
        with ledger.engine.connect() as conn:
            match = json.loads(conn.execute(select(incidents.c.match_data).where(
                incidents.c.incident_id == lines["n1"]["incident_id"])).scalar_one())
            killed = conn.execute(select(incidents.c.killed_total).where(
                incidents.c.incident_id == lines["r2"]["incident_id"])).scalar_one()
        assert coded_row(match) and killed is None


def test_an_upgrade_of_a_ledger_that_holds_data_is_said_and_a_new_ledger_is_silent(db: str, caplog: Any) -> None:
    """Opening an older ledger runs its pending steps, which take minutes on a big one: each is announced (a
    progress-less minute looks like a hang); creating a new ledger runs every step on nothing, and says nothing."""
    caplog.set_level("WARNING", logger="warledger.store.schema")
    with Ledger(db) as ledger:
        ledger.ingest([report("r1", "2024-12-20", "Sarmin", 35.9, Range.exact(2))], process=False)
        assert "schema step" not in caplog.text
        with ledger.engine.begin() as conn:
            conn.execute(delete(schema_table).where(schema_table.c.version >= 18))
    with Ledger(db):
        pass
    assert "upgrading the ledger to schema step 18 of" in caplog.text
    assert "schema step 17" not in caplog.text


def test_step_18_works_out_only_the_lines_that_can_change(db: str, monkeypatch: Any) -> None:
    """Session 18 (ledger18): step 18 derived every incident again (77 s for 15k, about an hour for a million); it now
    works out only those with an actor named with another period than its day's or a count known by its ceiling alone;
    a line whose records' coded mark alone changed takes the mark in bulk; the rest are left as they are."""
    from warledger.reconcile import merge as merging

    plain = [report(f"p{n}", "2024-11-0" + str(n), place, 35.9 + n / 10, Range.exact(n))
             for n, place in enumerate(("Sarmin", "Binnish", "Taftanaz", "Maarrat Misrin"), 1)]
    for rep in plain[1:]:   # p1 keeps OLD: the period that held on its day (1 November 2024)
        rep.incidents[0].actor1 = "Unidentified Armed Group (Syria)"
    with Ledger(db) as ledger:
        ledger.ingest([report("r1", "2024-12-20", "Kafr Nabl", 35.5, Range.exact(2)),
                       report("r2", "2024-12-21", "Hass", 35.55, Range(None, None, 12)), *plain], process=False)
        ledger.ingest([NOTE])
        lines = by_report(ledger)
        made_old(ledger, lines["r1"]["incident_id"], dict(lines["r1"], actor1=OLD), actor1=OLD)
        made_old(ledger, lines["n1"]["incident_id"], {k: v for k, v in lines["n1"].items() if k != CODED_KEY})
    seen: list[str] = []
    merge = merging.merge_records
    monkeypatch.setattr(merging, "merge_records", lambda recs, iid: seen.append(iid) or merge(recs, iid))
    with Ledger(db) as ledger:
        lines = by_report(ledger)
    # main merged all seven again; the note's line takes its mark without its records being merged
    assert sorted(seen) == sorted(lines[r]["incident_id"] for r in ("r1", "r2"))
    assert lines["r1"]["actor1"] == NEW and lines["n1"].get(CODED_KEY) is True
    assert lines["p1"]["actor1"] == OLD
    assert all(lines[f"p{n}"]["actor1"] == "Unidentified Armed Group (Syria)" for n in range(2, 5))


def test_step_20_marks_coded_rows_by_the_input_not_by_the_body(db: str) -> None:
    """A ledger of session 17 marked a one-line text with no publication date a coded row, whatever its source; step
    20 takes the mark off the records of reports whose source names no coded dataset (and gives it to those whose
    source names one), and derives their lines again: the two reports of one strike are a pair the duplicates
    queue proposes, where they were two rows kept apart for ever."""
    texts = [{"id": "w1", "text": "On 3 May 2023, an air strike on Kafr Nabl town in southern Idleb countryside killed 4 "
                                  "civilians.", "source": "Invented Wire", "coded": True},
             {"id": "w2", "text": "On 3 May 2023, a warplane struck Kafr Nabl town in the southern countryside of "
                                  "Idleb, killing 4 civilians.", "source": "Invented Web", "coded": True},
             dict(NOTE, coded=False)]
    with Ledger(db) as ledger:   # stored as session 17 stored them: each a coded row (the note left unmarked)
        ledger.ingest(texts)
        assert len(list(ledger.incidents())) == 3 and ledger.duplicate_pairs() == ([], 0)
        with ledger.engine.begin() as conn:
            conn.execute(delete(schema_table).where(schema_table.c.version >= 20))
    with Ledger(db) as ledger:
        lines = by_report(ledger)
        assert not lines["w1"].get(CODED_KEY) and not lines["w2"].get(CODED_KEY)
        assert not any(rec.get(CODED_KEY) for rid in ("w1", "w2") for rec in ledger.records(report_id=rid))
        assert lines["n1"].get(CODED_KEY) is True   # its source names ACLED
        pairs, total = ledger.duplicate_pairs()
        assert total == 1 and {line["incident_id"] for line in pairs[0]["incidents"]} == {
            lines["w1"]["incident_id"], lines["w2"]["incident_id"]}
