"""The workbench's upload jobs in the ledger (``wl_upload_jobs``, schema v14): each job's last status, as
``GET /api/uploads/ID`` gives it, written when a file is queued, begins to be stored, has stored a batch and is
stored (never in the middle of an ingest's transaction), so the answer survives a restart of the server.  A job
read back after a restart that had files still queued or being stored says so: those files are "interrupted", and
say how many of their reports were stored."""
from __future__ import annotations

import json
from typing import Any, Optional

from sqlalchemy import Engine, delete, select

from warledger.store.schema import upload_jobs
from warledger.store.team import now_stamp

Rec = dict[str, Any]
INTERRUPTED = ("the server stopped before this file was stored whole: what it stored before is kept; add the file "
               "again to store the rest (reports already stored are not added twice)")


def save_job(engine: Engine, job_id: str, who: str, status: Rec) -> None:
    """Store a job's status (replacing the one stored before)."""
    with engine.begin() as conn:
        conn.execute(delete(upload_jobs).where(upload_jobs.c.job_id == job_id))
        conn.execute(upload_jobs.insert().values(job_id=job_id, who=who, updated_at=now_stamp(),
                                                 status=json.dumps(status, ensure_ascii=False)))


def load_job(engine: Engine, job_id: str) -> Optional[tuple[str, Rec]]:
    """(who, status) of a job stored by an earlier run of the server, its unfinished files marked interrupted;
    None when there is no such job."""
    with engine.connect() as conn:
        row = conn.execute(select(upload_jobs.c.who, upload_jobs.c.status)
                           .where(upload_jobs.c.job_id == job_id)).first()
    if row is None:
        return None
    status: Rec = json.loads(row[1])
    cut = False
    for f in status.get("files") or ():
        if f.get("state") in ("queued", "storing"):
            stored = f"{f.get('done') or 0} of its {f['reports']} reports were stored; " if f.get("reports") else ""
            f["state"], f["why"], cut = "interrupted", f"{f.get('name')}: {stored}{INTERRUPTED}", True
    if cut or status.get("state") != "done":
        status.update(state="interrupted", eta_seconds=None, reports_per_second=None)
    return str(row[0]), status
