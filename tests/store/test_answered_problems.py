"""A correction answers the problems about the value it corrects (SQLite and PostgreSQL): the problem moves from the
incident's ``problems`` to ``answered_problems`` with the correction that answered it (who, when, field, value, its
audit seq), the incident leaves the queue of incidents with problems, and a later correction to "unknown" brings the
problem back.  Reports invented for these tests."""
from __future__ import annotations

from handmade import counts, incident, place
from warledger.record import Report
from warledger.store import Ledger
from warledger.store.corrections import COUNT_FIELDS
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


def test_every_documented_code_is_in_the_registry_with_a_correctable_field_or_a_reason() -> None:
    """One rule for every code: each code ARCHITECTURE.md documents is declared once in errors.PROBLEM_CODES, with
    the field(s) a correction of which answers it (each one a field a correction can set; "a+b": both) or, for a
    problem about no value of an incident, the words saying why no correction answers it."""
    import re
    from pathlib import Path

    import warledger
    from warledger.errors import NAMED, PROBLEM_CODES
    from warledger.store.corrections import CORRECTABLE

    doc = (Path(warledger.__file__).resolve().parent.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([WE]-[A-Z0-9-]+)`", doc))
    assert set(PROBLEM_CODES) == documented, (documented - set(PROBLEM_CODES), set(PROBLEM_CODES) - documented)
    for code, entry in PROBLEM_CODES.items():
        assert bool(entry.answered_by) != bool(entry.no_field), f"{code}: give fields or say why none"
        for spec in entry.answered_by:
            if spec == NAMED:   # the field the problem's words name: each field a disagreement can name
                assert {"event_type", "sub_event_type", "weapon", "actor1", "actor2"} | COUNT_FIELDS <= CORRECTABLE
                continue
            assert all(f in CORRECTABLE for f in spec.split("+")), f"{code}: {spec!r} cannot be corrected"
    # every code of the counts row is answered by a correction of a count: the count it is about
    counts_row = next(line for line in doc.splitlines() if line.startswith("| counts |"))
    counts = set(COUNT_FIELDS) | {"fatalities"}
    for code in re.findall(r"`([WE]-[A-Z0-9-]+)`", counts_row):
        fields = PROBLEM_CODES[code].answered_by
        assert fields and set(fields) <= counts, (code, fields)
    geo_row = next(line for line in doc.splitlines() if line.startswith("| geocode |"))
    assert all(PROBLEM_CODES[c].answered_by == ("location+latitude",)
               for c in re.findall(r"`([WE]-[A-Z0-9-]+)`", geo_row))


MIXED = "W-COUNT-MIXED: killed children and women: one figure counts these groups together"
ADULTS = "W-COUNT-ADULTS: children killed 0: the 3 civilians killed are all counted as adults"
RISING = "W-COUNT-RISING: the report expects the toll to rise"
STRIKES = "W-STRIKE-BOUND: '90 strikes' states 90 strikes, at or above the bound"
SPELLING = "W-GEO-SPELLING: place 'Arihaa' found by a near spelling: 'Ariha'"
TOWN = "W-COUNTRY-BY-TOWN: the text names no country: Syria from the town's spelling"


def _guesses(ledger: Ledger) -> set[str]:
    from sqlalchemy import select

    from warledger.store.query import placed_by_guess
    from warledger.store.schema import incidents
    with ledger.engine.connect() as conn:
        return {str(i) for i in conn.execute(select(incidents.c.incident_id).where(placed_by_guess())).scalars()}


def test_every_count_problem_is_answered_by_a_correction_of_the_count_it_is_about(db: str) -> None:
    with Ledger(db) as ledger:
        rep = _report()
        rep.incidents[0].problems = [MIXED, ADULTS, RISING, STRIKES]
        ledger.ingest([rep], process=False)
        iid = next(iter(ledger.incidents()))["incident_id"]
        ledger.correct(iid, "killed.women", 2, who="rana")
        line = ledger.incident(iid)
        assert line["problems"] == [ADULTS, STRIKES]    # the children's 0 and the strikes are other counts
        assert [(a["problem"], a["code"], a["field"]) for a in line["answered_problems"]] == \
            [(MIXED, "W-COUNT-MIXED", "killed.women"), (RISING, "W-COUNT-RISING", "killed.women")]
        ledger.correct(iid, "killed.children", 1, who="omar")
        ledger.correct(iid, "strikes", 3, who="omar")
        line = ledger.incident(iid)
    assert line["problems"] == []
    assert [(a["problem"], a["field"]) for a in line["answered_problems"]] == \
        [(MIXED, "killed.children"), (ADULTS, "killed.children"), (RISING, "killed.children"), (STRIKES, "strikes")]


def test_the_place_problems_are_answered_by_name_and_point_together_and_no_longer_drawn_as_guesses(db: str) -> None:
    with Ledger(db) as ledger:
        rep = _report()
        rep.incidents[0].place.country = "Syria"
        rep.incidents[0].problems = [SPELLING, TOWN]
        ledger.ingest([rep], process=False)
        iid = next(iter(ledger.incidents()))["incident_id"]
        assert iid in _guesses(ledger)
        ledger.correct(iid, "location", "Ariha", who="rana")          # the name alone: not yet the analyst's place
        assert ledger.incident(iid)["problems"] == [SPELLING, TOWN] and iid in _guesses(ledger)
        ledger.correct(iid, "latitude", 35.81, who="rana")
        line = ledger.incident(iid)
        assert line["problems"] == [TOWN] and "machine_place_problems" not in line
        [answered] = line["answered_problems"]
        assert (answered["problem"], answered["code"], answered["field"], answered["value"]) == \
            (SPELLING, "W-GEO-SPELLING", "location", "Ariha")
        assert iid in _guesses(ledger)                                 # the country still rests on the town's spelling
        ledger.correct(iid, "country", "Syria", who="omar", reason="the monitor covers Syria only")
        assert ledger.incident(iid)["problems"] == [] and iid not in _guesses(ledger)
