"""A correction answers the problems about the value it corrects (SQLite and PostgreSQL): the problem moves from the
incident's ``problems`` to ``answered_problems`` with the correction that answered it (who, when, field, value, its
audit seq), the incident leaves the queue of incidents with problems, and a later correction to "unknown" brings the
problem back.  Reports invented for these tests."""
from __future__ import annotations

from handmade import counts, incident, place
from warledger.record import Report
from warledger.store import Ledger
from warledger.store.query import Filters

COUNTRY = "W-COUNTRY-UNKNOWN: the report's country is not known; place 'Ariha' not looked up"
DATE = "W-DATE-REPORT: event date not stated: the report's publication date 2024-02-02 is used"
VAGUE = "W-COUNT-VAGUE: killed civilians: the text says several died but gives no figure; left null"


def _report() -> Report:
    text = "Shelling hit Ariha; several people died, the monitor said."
    inc = incident(text, date="2024-02-02", where=place("Ariha"), killed=counts())
    inc.place.country = None
    inc.problems = [COUNTRY, DATE, VAGUE]
    return Report(id="k1", text=text, published="2024-02-02", source="Desk 3", incidents=[inc])


def _with_problems(ledger: Ledger) -> list[str]:
    return [i["incident_id"] for i in ledger.incidents(per_report=False, filters=Filters(has_problems=True))]


def test_a_correction_answers_the_problems_about_its_field(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([_report()], process=False)
        iid = next(iter(ledger.incidents()))["incident_id"]
        assert ledger.incident(iid)["problems"] == [COUNTRY, DATE, VAGUE]
        ledger.correct(iid, "country", "Syria", who="rana", reason="the monitor covers Syria only")
        line = ledger.incident(iid)
        assert line["problems"] == [DATE, VAGUE]
        [answered] = line["answered_problems"]
        assert answered["problem"] == COUNTRY and answered["field"] == "country" and answered["value"] == "Syria"
        assert answered["who"] == "rana" and answered["at"] and answered["correction"] > 0
        assert iid in _with_problems(ledger)               # two problems still open
        ledger.correct(iid, "event_date", "2024-02-01", who="omar")
        ledger.correct(iid, "killed.civilians", 3, who="omar")
        line = ledger.incident(iid)
        assert line["problems"] == []
        assert [(a["problem"], a["who"]) for a in line["answered_problems"]] == \
            [(COUNTRY, "rana"), (DATE, "omar"), (VAGUE, "omar")]
        assert iid not in _with_problems(ledger)           # the queue of incidents with problems drops it
        ledger.correct(iid, "country", None, who="omar", reason="not sure after all")   # back to unknown
        line = ledger.incident(iid)
        assert line["problems"] == [COUNTRY]
        assert iid in _with_problems(ledger)
        history = [(h["field"], h["who"]) for h in ledger.history(iid) if h["action"] == "correct"]
    assert ("country", "rana") in history and ("country", "omar") in history   # the audit trail keeps both


def test_a_correction_of_another_field_answers_nothing(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([_report()], process=False)
        iid = next(iter(ledger.incidents()))["incident_id"]
        ledger.correct(iid, "weapon", "mortars", who="rana")
        line = ledger.incident(iid)
    assert line["problems"] == [COUNTRY, DATE, VAGUE] and "answered_problems" not in line


def test_every_code_a_correction_answers_is_a_documented_code_and_each_field_correctable() -> None:
    import re
    from pathlib import Path

    import warledger
    from warledger.store.corrections import ANSWERED_BY, CORRECTABLE

    doc = (Path(warledger.__file__).resolve().parent.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([WE]-[A-Z0-9-]+)`", doc))
    assert set(ANSWERED_BY) <= documented, set(ANSWERED_BY) - documented
    assert all(f in CORRECTABLE for fields in ANSWERED_BY.values() for f in fields)
