"""The analyst's subcommands: correct, review, merge, unmerge (issue 11: a merge can be undone) and history."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from handmade import bulletin  # type: ignore[import-not-found]
from warledger.cli import main
from warledger.store import Ledger


def test_merge_unmerge_correct_review_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "l.db")
    with Ledger(db) as ledger:
        ledger.ingest([bulletin()])
        by = {x["location"]: x for x in ledger.incidents()}
    a, b = by["Sarmin"]["incident_id"], by["Binnish"]["incident_id"]
    assert main(["merge", "--db", db, a, b, "--who", "ana", "--reason", "same raid"]) == 0
    merged = json.loads(capsys.readouterr().out)
    assert len(merged["records"]) == 2
    assert main(["unmerge", "--db", db, a, "--records", by["Binnish"]["records"][0], "--who", "ana"]) == 0
    new = json.loads(capsys.readouterr().out)
    assert new["location"] == "Binnish"
    assert main(["correct", "--db", db, a, "killed.civilians", "1-2-3", "--who", "ana", "--reason", "x"]) == 0
    assert json.loads(capsys.readouterr().out)["killed"]["civilians"] == {"low": 1, "best": 2, "high": 3}
    assert main(["review", "--db", db, a, "accept", "--who", "bo"]) == 0
    capsys.readouterr()
    assert main(["history", "--db", db, a]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [(r["action"], r["who"]) for r in rows] == [("merge", "ana"), ("split", "ana"), ("correct", "ana"),
                                                      ("review", "bo")]
    assert main(["correct", "--db", db, a, "killed.civilians", "many"]) == 1
    assert main(["history", "--db", db, "inc-none"]) == 1
    assert "no incident" in capsys.readouterr().err
