"""Merged reports that disagree (session 19, wb19): a figure two reports state differently is a W-REPORTS-DISAGREE
naming the field and each report's figure; it and the vote's disagreement on a field are answered, by the one rule of
errors.PROBLEM_CODES, by a correction of the field the problem names (the figure an analyst picked as the one that
holds), and by no other.  SQLite and PostgreSQL; reports invented for these tests."""
from __future__ import annotations

from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
from warledger.errors import answering_fields, named_field
from warledger.record import Range, Report
from warledger.store import Ledger

A = "Warplanes struck Kafr Zita on Tuesday, killing 4 civilians, the monitor said."
B = "An air raid on Kafr Zita on Tuesday killed 3 civilians, a rescue network said."


def _report(rid: str, text: str, n: int, source: str, weapon: str) -> Report:
    inc = incident(text, date="2022-05-17", where=place("Kafr Zita"), killed=counts(civilians=Range.exact(n)),
                   evidence=[ev(text, "killed.civilians", f"{n} civilians")])
    inc.weapon = weapon
    return Report(id=rid, text=text, published="2022-05-18", source=source, language="en", incidents=[inc])


def _disagree(line: dict[str, object], field: str) -> list[str]:
    return [p for p in line["problems"] if str(p).startswith(f"W-REPORTS-DISAGREE: reports disagree on {field}:")]  # type: ignore[attr-defined]


def test_the_field_a_problem_names_answers_it() -> None:
    p = "W-REPORTS-DISAGREE: reports disagree on killed.civilians: 4 (m1); 3 (m2)"
    assert named_field(p) == "killed.civilians" and answering_fields(p) == ("killed.civilians",)
    assert answering_fields("W-REPORTS-DISAGREE: reports disagree on actor1: A (m1); B (m2)") == ("actor1",)
    assert answering_fields("W-REPORTS-DISAGREE: the reports do not agree") == ()   # names no field: nothing
    assert answering_fields("W-TALLY: a tally") == ()


def test_merged_reports_giving_other_figures_are_a_problem_a_picked_figure_answers(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([_report("m1", A, 4, "Example Monitor", "bombs"),
                       _report("m2", B, 3, "Example Network", "missiles")])
        [line] = list(ledger.incidents())
        iid = line["incident_id"]
        assert len(line["reports"]) == 2
        assert _disagree(line, "killed.civilians") == \
            ["W-REPORTS-DISAGREE: reports disagree on killed.civilians: 4 (m1); 3 (m2)"]
        assert len(_disagree(line, "weapon")) == 1
        ledger.correct(iid, "event_date", "2022-05-17", who="rana")        # another field answers neither
        line = ledger.incident(iid)
        assert _disagree(line, "killed.civilians") and _disagree(line, "weapon")
        ledger.correct(iid, "killed.civilians", 4, who="rana", reason="m1's figure holds: the monitor counted names")
        line = ledger.incident(iid)
        assert not _disagree(line, "killed.civilians") and _disagree(line, "weapon")
        [answered] = line["answered_problems"]
        assert (answered["code"], answered["field"], answered["who"]) == \
            ("W-REPORTS-DISAGREE", "killed.civilians", "rana")
        assert answered["value"] == {"low": 4, "best": 4, "high": 4}
        ledger.correct(iid, "weapon", "missiles", who="omar")
        line = ledger.incident(iid)
    assert not [p for p in line["problems"] if p.startswith("W-REPORTS-DISAGREE")]
    assert sorted(a["field"] for a in line["answered_problems"]) == ["killed.civilians", "weapon"]


def test_reports_stating_the_same_figure_or_none_do_not_disagree(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([_report("m1", A, 4, "Example Monitor", "bombs"),
                       _report("m2", B.replace("3 civilians", "4 civilians"), 4, "Example Network",
                               "bombs")])
        [line] = list(ledger.incidents())
    assert len(line["reports"]) == 2 and not _disagree(line, "killed.civilians")
