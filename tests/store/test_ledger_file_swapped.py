"""A SQLite ledger deleted or replaced while a process has it open (robust22): SQLite kept reading and writing the
file it had opened, so `warledger serve` showed a deleted ledger's incidents and took corrections into a file no
one could open again, or showed the old file's after a backup was restored over it.  Now each use says what
happened and what to do (the API: 503 with those words), and nothing is written to the lost file.  Reports in our
own words."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from warledger.errors import StoreError
from warledger.record import Report
from warledger.store import Ledger

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from warledger.serve.app import create_app  # noqa: E402
from warledger.serve.settings import Settings  # noqa: E402

REPORT = Report(id="s1", text="On 3 May 2022 a shell hit the invented hamlet of Tell Qasr, killing 2 farmers.",
                published="2022-05-04")
LATER = Report(id="s2", text="On 5 May 2022 a drone struck a car near the invented village of Umm Tala.",
               published="2022-05-06")


def _ledger(path: Path) -> None:
    with Ledger(str(path)) as ledger:
        ledger.ingest([REPORT])


def test_a_deleted_ledger_is_refused_in_words_and_nothing_is_written_to_it(tmp_path: Path) -> None:
    db = tmp_path / "gone.db"
    _ledger(db)
    with Ledger(str(db)) as ledger:
        assert [r["id"] for r in ledger.reports()] == ["s1"]
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        with pytest.raises(StoreError) as err:
            ledger.ingest([LATER])
        assert "gone.db" in str(err.value) and "was deleted" in str(err.value) and "Put the file back" in str(err.value)
        with pytest.raises(StoreError):
            list(ledger.reports())


def test_a_replaced_ledger_is_refused_until_the_server_starts_again(tmp_path: Path) -> None:
    db, backup = tmp_path / "live.db", tmp_path / "backup.db"
    _ledger(db)
    app = create_app(Settings(db=str(db)))
    with TestClient(app) as client:
        assert client.get("/api/incidents").status_code == 200
        with Ledger(str(backup)) as other:   # a restored backup: another ledger, moved over the live file
            other.ingest([LATER])
        shutil.copy(backup, f"{backup}.copy")
        os.replace(f"{backup}.copy", db)
        got = client.get("/api/incidents")
        assert got.status_code == 503
        assert "was replaced by another file" in got.json()["detail"] and "live.db" in got.json()["detail"]
    with Ledger(str(db)) as fresh:           # started again: the new file is read
        assert [r["id"] for r in fresh.reports()] == ["s2"]
