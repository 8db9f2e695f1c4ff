"""Files of reports added on the workbench ("Add a report": several .txt, .html or .jsonl files at once).

Each file comes in its own request (``POST /api/uploads?name=FILE``, the file's bytes as the body, at most the
server's ``max_body``); the first opens a *job* and the others join it (``job=ID``).  A file is read when it
arrives, by the CLI's own readers (:func:`warledger.ingest.read_jsonl` for JSON lines in the contract's input
format, :func:`warledger.ingest.document_reports` for a text or HTML document), and refused in words that name
it and say what to do when it is empty, binary, of a kind warledger does not read, or holds a JSON line that
cannot be read (then nothing of it is added: a file is added whole or not at all).  The files accepted are
stored one after another by one background thread per server through :meth:`warledger.store.Ledger.ingest`,
the ledger's one ingest path, in the order they came (one upload at a time keeps the server's load to one
extraction; a report added by hand meanwhile is safe: the ledger keeps concurrent writers consistent).
``GET /api/uploads/ID`` says how far the job is (reports done of the total, reports per second, the time
left) and, per file, what was stored: reports added or already there, the incidents made or joined, and
the problems by code.

Nothing stored is replaced: a report whose id is already in the ledger with other content is kept as stored
and said so (W-ID-CONFLICT).  A text or HTML file's report id is made from its name and its bytes, so the
same file added twice is one report (the second time adds nothing); a JSON line keeps its own ``id``.
Jobs live in the server's memory (the last :data:`KEEP_JOBS`), and each job's status is also written to the ledger
(:mod:`warledger.store.jobs`) when a file is queued, begins to be stored, has stored each batch of :data:`BATCH`
reports (one write a batch, counting the reports committed) and is stored: after a restart,
``GET /api/uploads/ID`` answers from there (the files the restart cut short "interrupted"); what they stored is
in the ledger.
"""
from __future__ import annotations

import hashlib
import io
import itertools
import re
import threading
import time
import uuid
from collections import Counter, OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Optional

from warledger.errors import InputError
from warledger.ingest import ReadStats, decode_bytes, document_reports, read_jsonl
from warledger.ingest.reader import DOCUMENT_SUFFIXES, JSONL_SUFFIXES, utf16_or_bytes
from warledger.record import Report
from warledger.serve.adding import incident_summary
from warledger.store.jobs import load_job, save_job
from warledger.store.query import iso_date
from warledger.store.review import NotFound

Rec = dict[str, Any]
KEEP_JOBS = 50          # jobs kept in memory, the oldest finished one forgotten first
MAX_FILES = 200         # files one job takes
LISTED = 50             # incidents listed per file (the rest are counted)
BATCH = 50              # reports per transaction: progress is stored at least this often
SHOWN_LINES = 3         # unreadable JSON lines named in a refusal
KINDS = "warledger reads .txt, .html and .jsonl files (also .htm, .xhtml, .md, .text, .json, .ndjson)"


def clean_name(name: str) -> str:
    """The file's own name (no folder), without control characters, at most 200 characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip()[:200]
    return base or "upload"


def document_id(name: str, data: bytes) -> str:
    """A text or HTML file's report id: its name and a digest of its bytes (the same file twice: one report)."""
    return f"upload:{name}:{hashlib.sha1(data).hexdigest()[:12]}"


def read_upload(name: str, data: bytes, published: Optional[str]) -> list[Report]:
    """The reports of one uploaded file, or an InputError that names the file and says what to do."""
    suffix = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
    if suffix not in JSONL_SUFFIXES | DOCUMENT_SUFFIXES:
        raise InputError(f"{name}: {KINDS}; save the reports as one of these and add the file again")
    if not data.strip():
        raise InputError(f"{name} is empty: there is nothing in it to add; choose the file that holds the reports")
    stats = ReadStats()
    if suffix in DOCUMENT_SUFFIXES:   # binary data: an InputError naming the file
        return list(document_reports(data, name, document_id(name, data), published=published, stats=stats,
                                     warn=lambda _m: None))
    decode_bytes(data, name)   # binary data: an InputError naming the file
    # read as a file is read (its lines, not U+2028 or other breaks in a JSON string), each line decoded alone: one
    # line saved in cp1256 no longer turns the file's UTF-8 lines into cp1256 (ingest.reader.decode_line)
    reports = list(read_jsonl(utf16_or_bytes(io.BytesIO(data)), name, stats=stats, warn=lambda _m: None,
                              published=published))
    if stats.skipped:
        bad = "; ".join(m.removesuffix("; line skipped") for m in stats.messages[:SHOWN_LINES])
        more = f" (and {stats.skipped - SHOWN_LINES} more lines)" if stats.skipped > SHOWN_LINES else ""
        raise InputError(f"{bad}{more}. Nothing of {name} was added: mend {'that line' if stats.skipped == 1 else 'those lines'} "
                         "(one report a line, a JSON object such as {\"id\": \"r1\", \"text\": \"...\", \"published\": "
                         "\"2021-03-14\"}) and add the file again")
    if not reports:
        raise InputError(f"{name} is empty: it holds no report; choose the file that holds the reports")
    return reports


@dataclass
class FileResult:
    name: str
    size: int
    state: str = "queued"              # queued, storing, done, refused, failed
    why: Optional[str] = None          # a refusal or a failure, in words
    reports: int = 0                   # reports in the file (a huge text counts its parts)
    done: int = 0
    outcome: Rec = field(default_factory=dict)   # what was stored (:func:`outcome`)
    pending: list[Report] = field(default_factory=list, repr=False)

    def as_json(self) -> Rec:
        return {"name": self.name, "size": self.size, "state": self.state, "why": self.why,
                "reports": self.reports, "done": self.done, **self.outcome}


@dataclass
class Job:
    id: str
    who: str
    files: list[FileResult] = field(default_factory=list)
    started: Optional[float] = None    # when its first file began to be stored
    finished: Optional[float] = None

    def as_json(self) -> Rec:
        total = sum(f.reports for f in self.files if f.state != "refused")
        done = sum(f.done for f in self.files)
        busy = any(f.state in ("queued", "storing") for f in self.files)
        state = "running" if busy and self.started else ("queued" if busy else "done")
        spent = ((self.finished if not busy and self.finished else time.time()) - self.started) if self.started else 0.0
        rate = done / spent if spent > 0 and done else None
        eta = round((total - done) / rate, 1) if rate and busy else (0.0 if not busy else None)
        return {"job_id": self.id, "who": self.who, "state": state, "done": done, "total": total,
                "seconds": round(spent, 1), "reports_per_second": round(rate, 2) if rate else None,
                "eta_seconds": eta, "files": [f.as_json() for f in self.files]}


class _Ticker:
    """The ingest's progress (``update(n)`` once per report), counted on the file under the jobs' lock."""

    def __init__(self, lock: threading.Lock, item: FileResult) -> None:
        self.lock, self.item = lock, item

    def update(self, n: int = 1) -> None:
        with self.lock:
            self.item.done = min(self.item.reports, self.item.done + n)

    def close(self) -> None:
        pass


def _codes(reports: list[Report]) -> list[Rec]:
    """The problems of these reports and of the records read from them, by code: how many, and one in words."""
    counts: Counter[str] = Counter()
    example: dict[str, str] = {}
    for rep in reports:
        for p in itertools.chain(rep.problems, *(inc.problems for inc in rep.incidents)):
            code = str(p).split(":", 1)[0].strip()
            counts[code] += 1
            example.setdefault(code, str(p))
    return [{"code": c, "count": n, "example": example[c]} for c, n in counts.most_common()]


def _incident_line(ledger: Any, iid: str, added: set[str], ids: set[str]) -> Rec:
    line = ledger.incident(iid)
    reports = set(line.get("reports") or [])
    others = reports - added
    status = ("already in the ledger" if not reports & added & ids else
              f"joined: merged with {len(others)} other report{'' if len(others) == 1 else 's'}" if others else "new")
    return {**incident_summary(iid, line), "status": status}


def outcome(ledger: Any, reports: list[Report], before: set[str], stats: Any) -> Rec:
    """What storing one file did: counts, the incidents its reports are in now (the first :data:`LISTED`),
    the problems by code of the reports it added, and the ledger's messages (an id kept as stored...)."""
    ids = list(dict.fromkeys(r.id for r in reports))
    added = {i for i in ids if i not in before}
    incident_ids: list[str] = []
    for rid in ids:
        incident_ids.extend(ledger.report_incidents(rid))
    incident_ids = list(dict.fromkeys(incident_ids))
    return {"added": stats.added, "unchanged": stats.unchanged, "conflicts": stats.conflicts,
            "failed": stats.failed, "new_incidents": stats.new_incidents, "merged": stats.merged,
            "aggregates": stats.aggregates, "summary": stats.summary(), "incidents_total": len(incident_ids),
            "incidents": [_incident_line(ledger, iid, added, set(ids)) for iid in incident_ids[:LISTED]],
            "problems": _codes([r for r in reports if r.id in added]), "messages": stats.messages[:20]}


class Uploads:
    """The server's upload jobs and the one thread that stores their files, in the order they came."""

    def __init__(self, ledger: Any, geocoder: Callable[[], Any]) -> None:
        self.ledger, self.geocoder = ledger, geocoder
        self.lock = threading.Lock()
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.waiting: deque[tuple[Job, FileResult]] = deque()
        self.working = False

    def _job(self, job_id: Optional[str], who: str) -> Job:
        if job_id is None:
            job = Job(uuid.uuid4().hex, who)
            self.jobs[job.id] = job
            self._forget()
            return job
        found = self.jobs.get(job_id)
        if found is None or found.who != who:
            raise NotFound(f"no upload {job_id!r} of yours running on this server (an upload from before a restart "
                           "cannot take more files: start a new one; what it stored is in the ledger)")
        return found

    def _forget(self) -> None:
        while len(self.jobs) > KEEP_JOBS:
            old = next((j for j in self.jobs.values() if j.finished), None)
            if old is None:
                return
            del self.jobs[old.id]

    def add(self, job_id: Optional[str], who: str, name: str, data: bytes, published: Optional[str]) -> Rec:
        """Read one file and queue it on a job (a new one when ``job_id`` is None); the job's status."""
        name = clean_name(name)
        published = iso_date(published, "published")
        item = FileResult(name, len(data))
        try:
            item.pending = read_upload(name, data, published)
            item.reports = len(item.pending)
        except InputError as exc:
            item.state, item.why = "refused", str(exc)
        with self.lock:
            job = self._job(job_id, who)
            if len(job.files) >= MAX_FILES:
                raise InputError(f"this upload has {MAX_FILES} files already: start another for {name}")
            job.files.append(item)
            if item.state == "queued":
                job.finished = None
                self.waiting.append((job, item))
                if not self.working:
                    self.working = True
                    threading.Thread(target=self._work, name="warledger-uploads", daemon=True).start()
            elif not any(f.state in ("queued", "storing") for f in job.files):
                job.finished = job.finished or time.time()
            status = job.as_json()
        self._save(job)
        return status

    def status(self, job_id: str, who: str) -> Rec:
        with self.lock:
            if job_id in self.jobs:
                return self._job(job_id, who).as_json()
        stored = load_job(self.ledger.engine, job_id)   # a job of an earlier run of the server
        if stored is None or stored[0] != who:
            raise NotFound(f"no upload {job_id!r} of yours in this ledger")
        return stored[1]

    def _save(self, job: Job) -> None:
        """Write the job's status to the ledger (between ingests: never inside one's transaction)."""
        with self.lock:
            status = job.as_json()
        try:
            save_job(self.ledger.engine, job.id, job.who, status)
        except Exception:  # the status stays in memory; the ledger's own writes report their failures
            pass

    def _work(self) -> None:
        while True:
            with self.lock:
                if not self.waiting:
                    self.working = False
                    return
                job, item = self.waiting.popleft()
                item.state = "storing"
                job.started = job.started or time.time()
            self._save(job)
            self._store(job, item)
            with self.lock:
                if not any(f.state in ("queued", "storing") for f in job.files):
                    job.finished = time.time()
            self._save(job)

    def _batches_saved(self, job: Job, item: FileResult, reports: list[Report]) -> Iterator[Report]:
        """The file's reports, as the ingest takes them; the job's status is written to the ledger each time
        the ingest asks for the first report of a batch, when the batch before it has been committed (so a
        server killed in the middle of a file leaves a status that counts what that file stored)."""
        for i, report in enumerate(reports):
            if i and i % BATCH == 0:
                with self.lock:
                    item.done = i   # each report before this one was committed with its batch
                self._save(job)
            yield report

    def _store(self, job: Job, item: FileResult) -> None:
        reports, item.pending = item.pending, []
        try:
            before = set(self.ledger.stored_hashes(r.id for r in reports))
            stats = self.ledger.ingest(self._batches_saved(job, item, reports), geocoder=self.geocoder(),
                                       batch_size=BATCH, progress=_Ticker(self.lock, item))
            result = outcome(self.ledger, reports, before, stats)
        except Exception as exc:   # a database that failed: earlier batches are kept, this file says why
            with self.lock:
                item.state, item.why = "failed", (f"{item.name}: storing it failed ({type(exc).__name__}: {exc}); what "
                                                  "was stored before the failure is kept: add the file again later "
                                                  "(what is already stored is not added twice)")
            return
        with self.lock:
            item.outcome, item.state, item.done = result, "done", item.reports


_LOCK = threading.Lock()


def uploads_of(app: Any) -> Uploads:
    """The app's :class:`Uploads`, made on first use."""
    with _LOCK:
        found: Optional[Uploads] = getattr(app.state, "uploads", None)
        if found is None:
            found = app.state.uploads = Uploads(app.state.ledger, app.state.geocoder)
        return found
