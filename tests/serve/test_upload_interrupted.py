"""A server killed in the middle of an upload's file (SQLite and PostgreSQL): the job's status in the ledger counts
the reports that file had stored, batch by batch, so after a restart ``GET /api/uploads/ID`` says how many were
stored and what to do, not ``done: 0``.  The kill is simulated: the test stops the storing thread's work right
after the ledger was told of a committed batch (no process is killed).  Reports written for this test."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ledgerdb import KINDS, fresh_ledger


class Killed(BaseException):
    """Stands for kill -9: nothing after it runs (not an Exception, so no handler of the server catches it)."""


@pytest.fixture(params=KINDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    yield from fresh_ledger(request.param, tmp_path)


def line(n: int) -> str:
    return json.dumps({"id": f"cut-{n}", "published": "2021-05-03",
                       "text": f"On 2 May 2021, regime artillery shelled the village number {n} near Ariha."})


def test_a_file_cut_short_says_how_many_of_its_reports_were_stored(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from warledger.serve import uploads
    from warledger.store import Ledger
    from warledger.store.jobs import load_job

    monkeypatch.setattr(uploads, "BATCH", 2)
    real_save = uploads.save_job
    saved: list[int] = []

    def save_then_die(engine: Any, job_id: str, who: str, status: dict[str, Any]) -> None:
        real_save(engine, job_id, who, status)
        if status["state"] == "running" and status["done"]:
            saved.append(status["done"])
            if status["done"] >= 4:   # the server dies after its second batch was stored and said
                raise Killed

    monkeypatch.setattr(uploads, "save_job", save_then_die)
    with Ledger(db) as ledger:
        up = uploads.Uploads(ledger, lambda: None)
        monkeypatch.setattr(up, "working", True)   # no storing thread: the test runs its work itself
        data = "\n".join(line(n) for n in range(7)).encode()
        job = up.add(None, "tester", "may.jsonl", data, None)["job_id"]
        with pytest.raises(Killed):
            up._work()
        assert saved == [2, 4]   # one write a batch, not one a report
    with Ledger(db) as ledger:   # the server started again over the same ledger
        found = load_job(ledger.engine, job)
        stored = ledger.stored_hashes(f"cut-{n}" for n in range(7))
    assert found is not None and found[0] == "tester"
    status = found[1]
    assert sorted(stored) == ["cut-0", "cut-1", "cut-2", "cut-3"]
    assert (status["state"], status["done"], status["total"]) == ("interrupted", 4, 7)
    cut = status["files"][0]
    assert (cut["state"], cut["done"], cut["reports"]) == ("interrupted", 4, 7)
    assert cut["why"].startswith("may.jsonl: 4 of its 7 reports were stored") and "add the file again" in cut["why"]
