"""The ledger names a state's forces with the period of the incident's day (session 16, ledger16): records told
on either side of a change of government merge under the incident's day, and an analyst who moves the date across
the change moves the machine's names with it (an analyst's own name stays as written).  SQLite and PostgreSQL."""
from __future__ import annotations

from warledger.record import Counts, Incident, Place, Range, Report
from warledger.store import Ledger

OLD, NEW = "Military Forces of Syria (2000-)", "Military Forces of Syria (2024-)"
TEXT = "Shells fell on an invented farm near Sarmin, killing two farmers."


def report(rid: str, day: str, actor: str, source: str = "Invented Monitor") -> Report:
    killed = Counts()
    killed.set("civilians", Range.exact(2))
    inc = Incident(kind="incident", event_date=day, date_range=(day, day), time_precision=1,
                   event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
                   actor1=actor, actor2="Civilians (Syria)", killed=killed,
                   place=Place(phrase="Sarmin", name="Sarmin", location="Sarmin", admin1="Idlib", admin2="Idlib",
                               country="Syria", latitude=35.903, longitude=36.725, geo_precision=1, where_prec=1))
    return Report(id=rid, text=TEXT, published=day, source=source, language="en", incidents=[inc])


def test_a_corrected_date_moves_the_machines_period(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([report("r1", "2024-12-05", OLD)], process=False)
        (line,) = list(ledger.incidents())
        assert line["actor1"] == OLD
        ledger.correct(line["incident_id"], "event_date", "2024-12-15", who="tester", reason="hospital list")
        (after,) = list(ledger.incidents())
        assert after["event_date"] == "2024-12-15" and after["actor1"] == NEW
        assert ledger.detail(line["incident_id"])["actor1"] == NEW


def test_an_analysts_own_name_is_not_renamed(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([report("r1", "2024-12-05", OLD)], process=False)
        (line,) = list(ledger.incidents())
        ledger.correct(line["incident_id"], "actor1", OLD, who="tester", reason="as the source says")
        ledger.correct(line["incident_id"], "event_date", "2024-12-15", who="tester", reason="hospital list")
        (after,) = list(ledger.incidents())
        assert after["actor1"] == OLD


def test_merged_records_vote_on_names_of_the_incidents_day(db: str) -> None:
    with Ledger(db) as ledger:
        # two monitors, one naming the forces by the year alone (the old government's period for all of 2024)
        ledger.ingest([report("r1", "2024-12-09", NEW)], process=False)
        ledger.ingest([report("r2", "2024-12-09", OLD, "Another Invented Monitor")], process=False)
        ids = [ln["incident_id"] for ln in ledger.incidents()]
        if len(ids) > 1:  # an analyst merges what deduplication kept apart
            ledger.merge(ids, who="tester", reason="one event")
        lines = list(ledger.incidents())
        assert len(lines) == 1 and lines[0]["actor1"] == NEW
        assert not any(p.startswith("W-REPORTS-DISAGREE") and "actor1" in p for p in lines[0]["problems"])
