"""Hostile corrections (ledger20): a day before 1900 (a placeholder or a typo) and a name holding a bidirectional
control character (it would turn round the rest of a CSV cell or a page's line) are refused with a message saying
why, through ``Ledger.correct`` (the API's path) and ``warledger correct``; names in any script, with the marks
Arabic text needs, pass.  A killed range with low > high, a negative count and a latitude off the globe stay refused.
Ledger tests on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from warledger.cli import main
from warledger.errors import InputError
from warledger.record import Report
from warledger.store import Ledger

TEXT = "Three shepherds were killed by shelling on an invented hamlet near Sarmin on 1 March 2024."


def _one(ledger: Ledger) -> str:
    ledger.ingest([Report(id="r1", text=TEXT, published="2024-03-01")])
    (line,) = [ln for ln in ledger.incidents() if ln.get("kind", "incident") == "incident"]
    return str(line["incident_id"])


def test_hostile_values_are_refused_with_a_reason(db: str) -> None:
    with Ledger(db) as ledger:
        iid = _one(ledger)
        for field, value, why in [("event_date", "1899-12-31", "before 1900"), ("event_date", "0001-01-01", "typo"),
                                  ("actor1", "Invented Brigade \u202eenola", r"U\+202E"),
                                  ("assoc_actor_1", "Invented Front; Other \u2067Front", r"U\+2067"),
                                  ("killed.total", {"low": 9, "best": 5, "high": 2}, "low <= best <= high"),
                                  ("killed.civilians", -1, "between 0"), ("latitude", 95.0, "between -90")]:
            with pytest.raises(InputError, match=why):
                ledger.correct(iid, field, value, who="tester")
        ledger.correct(iid, "event_date", "1900-01-01", who="tester")
        ledger.correct(iid, "actor1", "Ḥayʼat Taḥrīr al-Shām \u200fهيئة تحرير الشام", who="tester")
        got = ledger.detail(iid)
        assert got["event_date"] == "1900-01-01" and got["actor1"].endswith("هيئة تحرير الشام")


def test_the_cli_refuses_them_too(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with Ledger(db) as ledger:
        iid = _one(ledger)
    assert main(["correct", "--db", db, "--who", "tester", iid, "event_date", "1850-03-01"]) == 1
    assert "before 1900" in capsys.readouterr().err
    assert main(["correct", "--db", db, "--who", "tester", iid, "location", "Sarmin \u202dX"]) == 1
    assert "bidirectional control" in capsys.readouterr().err
