"""``warledger recheck`` (session 20, wb20): the problems of stored incidents worked out again with the current code.
A ledger written before a check existed is imitated by taking that check's problems out of the stored lines (as the
older code wrote them); recheck brings them back, keeps an analyst's correction and the problem it answered, touches
no value, logs one system audit row per changed incident and changes nothing on a second run.  SQLite and
PostgreSQL; reports invented for these tests."""
from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import select, update

from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
from warledger.record import Range, Report
from warledger.store import Ledger
from warledger.store.recheck import SYSTEM, recheck
from warledger.store.schema import incidents

A = "Jets hit the market of Sarmin on Friday, killing 5 civilians, a local council said."
B = "A strike on Sarmin market on Friday killed 2 civilians, a watchdog said."
C = "Shelling hit Nawa on Friday and killed 3 civilians, a watchdog said."


def _report(rid: str, text: str, town: str, n: int, source: str) -> Report:
    inc = incident(text, date="2021-03-12", where=place(town), killed=counts(civilians=Range.exact(n)),
                   evidence=[ev(text, "killed.civilians", f"{n} civilians")])
    return Report(id=rid, text=text, published="2021-03-13", source=source, language="en", incidents=[inc])


def _strip_disagree(ledger: Ledger) -> None:
    """What a ledger made before W-REPORTS-DISAGREE existed holds: the same lines without it."""
    with ledger.engine.begin() as conn:
        for iid, data in conn.execute(select(incidents.c.incident_id, incidents.c.data)).all():
            line = json.loads(data)
            line["problems"] = [p for p in line.get("problems") or [] if not p.startswith("W-REPORTS-DISAGREE")]
            conn.execute(update(incidents).where(incidents.c.incident_id == iid).values(
                data=json.dumps(line), has_problems=1 if line["problems"] else 0))


def _disagree(line: dict[str, object]) -> list[str]:
    return [p for p in line.get("problems") or [] if str(p).startswith("W-REPORTS-DISAGREE")]  # type: ignore[attr-defined]


def test_recheck_raises_a_later_check_and_a_second_run_changes_nothing(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([_report("r1", A, "Sarmin", 5, "Council"), _report("r2", B, "Sarmin", 2, "Watchdog"),
                       _report("r3", C, "Nawa", 3, "Watchdog")])
        by_reports = {len(line["reports"]): line for line in ledger.incidents()}
        merged, single = by_reports[2], by_reports[1]
        want = _disagree(merged)
        assert want and not _disagree(single)
        _strip_disagree(ledger)
        assert not _disagree(ledger.incident(merged["incident_id"]))
        values_before = {k: v for k, v in ledger.incident(merged["incident_id"]).items() if k != "problems"}
        done = recheck(ledger)
        assert (done["incidents"], done["changed"]) == (2, 1)
        assert done["added"] == {"W-REPORTS-DISAGREE": len(want)} and done["removed"] == {}
        line = ledger.incident(merged["incident_id"])
        assert _disagree(line) == want
        assert {k: v for k, v in line.items() if k not in ("problems", "version")} == \
            {k: v for k, v in values_before.items() if k != "version"}
        [row] = [h for h in ledger.history(merged["incident_id"]) if h["action"] == "recheck"]
        assert row["who"] == SYSTEM and row["field"] == "problems"
        assert not _disagree({"problems": row["old_value"]}) and _disagree({"problems": row["new_value"]}) == want
        assert not [h for h in ledger.history(single["incident_id"]) if h["action"] == "recheck"]
        again = recheck(ledger)
        assert (again["incidents"], again["changed"], again["added"]) == (2, 0, {})
        assert len([h for h in ledger.audit_log(limit=None) if h["action"] == "recheck"]) == 1


def test_recheck_keeps_a_correction_and_the_problem_it_answered(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([_report("r1", A, "Sarmin", 5, "Council"), _report("r2", B, "Sarmin", 2, "Watchdog")])
        [line] = list(ledger.incidents())
        iid = line["incident_id"]
        ledger.correct(iid, "killed.civilians", 5, who="leila", reason="the council's list")
        _strip_disagree(ledger)
        with ledger.engine.begin() as conn:   # an older ledger: the correction's answer not stored either
            data = json.loads(conn.execute(select(incidents.c.data).where(incidents.c.incident_id == iid)).scalar_one())
            data.pop("answered_problems", None)
            conn.execute(update(incidents).where(incidents.c.incident_id == iid).values(data=json.dumps(data)))
        done = recheck(ledger)
        line = ledger.incident(iid)
    assert done["changed"] == 1 and done["added"] == {}   # the disagreement on killed.civilians comes back answered
    assert line["killed"]["civilians"] == {"low": 5, "best": 5, "high": 5}
    assert line["reviewed_fields"] == ["killed.civilians"]
    [answered] = [a for a in line["answered_problems"] if a["code"] == "W-REPORTS-DISAGREE"]
    assert (answered["field"], answered["who"]) == ("killed.civilians", "leila")


def test_recheck_command_prints_the_changes(tmp_path: object) -> None:
    db = f"{tmp_path}/l.db"
    with Ledger(db) as ledger:
        ledger.ingest([_report("r1", A, "Sarmin", 5, "Council"), _report("r2", B, "Sarmin", 2, "Watchdog")])
        _strip_disagree(ledger)
    run = subprocess.run([sys.executable, "-c", "from warledger.cli import main; main()", "recheck", "--db", db],
                         capture_output=True, text=True, check=True)
    assert "1 incidents checked, 1 with problems changed" in run.stderr
    assert "raised W-REPORTS-DISAGREE" in run.stderr
    assert json.loads(run.stdout)["changed"] == 1
