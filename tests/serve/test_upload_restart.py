"""An upload's status survives a restart of the server (SQLite and PostgreSQL): GET /api/uploads/ID answers from
the ledger, with what each file stored; a file the restart cut short says so ("interrupted") instead of
"queued" forever.  Only the analyst who began the job sees it, as before.  A report written for this test."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledgerdb import KINDS, fresh_ledger  # noqa: E402
from served import serve_ledger  # noqa: E402
from test_uploads import finished  # noqa: E402

LINE = {"id": "restart-1", "published": "2021-04-07", "source": "Ridge Monitor",
        "text": "On 6 April 2021, a regime air strike hit the town of Sarmin in Idlib countryside, killing 2 civilians."}


@pytest.fixture(params=KINDS)
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    yield from fresh_ledger(request.param, tmp_path)


def test_an_upload_is_still_told_after_a_restart(db: str) -> None:
    from warledger.store import Ledger
    from warledger.store.jobs import save_job

    for server in serve_ledger(db, reports=[]):
        r = server.client.post(server.url + "/api/uploads", params={"name": "april.jsonl"},
                               content=(json.dumps(LINE) + "\n").encode(), headers=server.auth())
        assert r.status_code == 202, r.text
        job = r.json()["job_id"]
        before = finished(server, job)
    with Ledger(db) as ledger:   # a job the server was storing when it stopped
        save_job(ledger.engine, "cut-short", "tester", {"job_id": "cut-short", "who": "tester", "state": "running",
                 "files": [{"name": "may.jsonl", "state": "storing", "reports": 40, "done": 10}]})
    for server in serve_ledger(db, reports=[]):     # a new server process over the same ledger
        after = server.get(f"/api/uploads/{job}", headers=server.auth())
        assert after.status_code == 200, after.text
        assert after.json()["state"] == "done"
        assert after.json()["files"][0]["added"] == before["files"][0]["added"] == 1
        assert server.get(f"/api/uploads/{job}").status_code == 401
        cut = server.get("/api/uploads/cut-short", headers=server.auth()).json()
        assert cut["state"] == "interrupted" and cut["files"][0]["state"] == "interrupted"
        assert "add the file again" in cut["files"][0]["why"]
        other = server.client.post(server.url + "/api/uploads", params={"name": "x.jsonl", "job": job},
                                   content=(json.dumps(LINE) + "\n").encode(), headers=server.auth())
        assert other.status_code == 404 and "start a new one" in other.json()["detail"]
