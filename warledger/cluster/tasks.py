"""What runs on a Dask worker: read one part, extract and geocode its reports, and write a shard
(``warledger extract``) or hand the processed reports back to the loader (``warledger ingest``).

Nothing here imports Dask: the functions are plain Python that Dask calls by reference, so the worker
must have the same warledger installed (checked: :func:`check_fingerprint`).  A report whose extraction
raises becomes a problem line (extract) or a report stored with a problem and no records (ingest),
never a failed task.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from warledger.cluster.parts import Part, fingerprint
from warledger.errors import InputError
from warledger.ingest import ReadStats
from warledger.record import Report

SHARD_FORMATS = ("jsonl", "parquet")


class VersionMismatch(RuntimeError):
    """The worker's warledger is not the client's."""


@dataclass(frozen=True)
class Options:
    """What a part's output depends on besides its input (a rerun with other options redoes every part)."""

    published: Optional[str] = None
    country: Optional[str] = None
    gazetteer: Optional[str] = None
    with_reports: bool = False
    fmt: str = "jsonl"

    def digest(self) -> str:
        return hashlib.sha1(json.dumps(asdict(self), sort_keys=True).encode("utf-8")).hexdigest()[:16]


@dataclass
class PartResult:
    """What a task reports back: counts, the reader's messages, and (ingest) the processed reports."""

    index: int
    read: int = 0
    skipped: int = 0
    records: int = 0
    messages: list[str] = field(default_factory=list)
    failed_path: Optional[str] = None      # the part's file could not be read at all (message in messages)
    reports: list[Any] = field(default_factory=list)
    done: Optional[dict[str, Any]] = None  # extract: the shard's marker
    packed: Optional[bytes] = None         # ingest: the processed reports, pickled and compressed (:meth:`pack`)

    def pack(self) -> None:
        """Hold the processed reports as compressed bytes: a worker keeps every part until the loader takes it,
        and as Python objects a million reports took 3.5 GB on each of two workers."""
        self.packed = zlib.compress(pickle.dumps(self.reports, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self.reports = []

    def processed(self) -> list[Any]:
        """The processed reports, unpacked when packed."""
        return self.reports if self.packed is None else list(pickle.loads(zlib.decompress(self.packed)))


def check_fingerprint(expected: str) -> str:
    """Raise :class:`VersionMismatch` unless this process's warledger is ``expected``; return it."""
    mine = fingerprint()
    if mine != expected:
        raise VersionMismatch(
            f"warledger on this worker ({mine}, in {os.path.dirname(os.path.dirname(__file__))}) is not the "
            f"client's ({expected}): install the same warledger version, code and data on the client and every "
            f"worker (pip install 'warledger[dask]' from the same source), then restart the workers")
    return mine


def read_part(part: Part, published: Optional[str], stats: ReadStats) -> Iterator[Report]:
    """The reports of one part, read here (on the worker), numbered as serial reading numbers them."""
    from warledger.ingest.reader import document_id, open_lines, read_document, read_jsonl, utf16_or_bytes

    def note(msg: str) -> None:
        pass  # kept in stats.messages; the client prints them

    name = part.name or part.path
    if part.end is None:
        path = Path(part.path)
        if not path.exists():
            raise InputError(f"{name}: not found on this worker ({part.path}); every worker must see the input "
                             f"files under the same path")
        suffixes = [s.lower() for s in Path(name).suffixes]   # as serial reading decides, on the name given
        if suffixes[-2:-1] and suffixes[-1] == ".gz":
            try:
                with open_lines(path) as stream:
                    yield from read_jsonl(stream, name, stats=stats, warn=note, published=published)
            except (OSError, EOFError) as exc:
                raise InputError(f"{name}: cannot read ({exc})") from exc
            return
        own, given = document_id(path), document_id(Path(name))
        for rep in read_document(path, published=published, stats=stats, warn=note):
            rep.id, rep.origin = given + rep.id[len(own):], name   # named as given, as serial reading names it
            yield rep
        return
    try:
        st = os.stat(part.path)
        if (st.st_size, st.st_mtime_ns) != (part.size, part.mtime_ns):
            raise InputError(f"{part.path}: the file changed after the run was planned (size or time differ); "
                             f"run the command again")
        with open(part.path, "rb") as f:
            f.seek(part.start)
            data = f.read(part.end - part.start)
    except OSError as exc:
        raise InputError(f"{part.path}: cannot read on this worker ({exc}); every worker must see the input "
                         f"files under the same path") from exc
    yield from read_jsonl(utf16_or_bytes(io.BytesIO(data)), name, stats=stats, warn=note, published=published, first_line=part.first_line)


def _reports(part: Part, opts: Options, result: PartResult) -> Iterator[Report]:
    stats = ReadStats()
    try:
        for report in read_part(part, opts.published, stats):
            if opts.country and not report.country:
                report.country = opts.country
            yield report
    except InputError as exc:
        stats.skipped += 1
        stats.messages.append(str(exc))
        result.failed_path = part.name or part.path
    finally:
        result.read, result.skipped = stats.read, stats.skipped
        result.messages.extend(stats.messages)


def _process(report: Report, geocoder: Any) -> Optional[str]:
    """Extract and geocode one report in place; the problem when that raised (the report keeps no records)."""
    from warledger.pipeline import process
    from warledger.store.ledger import extraction_failure

    try:
        process(report, geocoder)
    except Exception as exc:  # one report never fails its task
        note = extraction_failure(exc)
        report.incidents = []
        report.problems.append(note)
        return note
    return None


def record_lines(report: Report, with_reports: bool) -> list[str]:
    """The report's output lines, exactly as serial ``warledger extract`` writes them."""
    recs = list(report.records())
    if not recs and with_reports:
        recs = [{"report_id": report.id, "kind": "none", "problems": report.problems}]
    return [json.dumps(rec, ensure_ascii=False) for rec in recs]


def shard_name(index: int, fmt: str) -> str:
    return f"part-{index:06d}.{fmt}"


def marker_name(index: int) -> str:
    return f"part-{index:06d}.done.json"


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def _parquet_bytes(lines: list[str]) -> bytes:
    """A Parquet shard: one row per record, its ``report_id`` and ``kind`` as columns and the whole record
    (the JSON line, exactly) in ``record``, so nothing of the contract's nested shape is lost."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("Parquet shards need pyarrow on the workers: pip install 'warledger[parquet]'") from exc
    recs = [json.loads(line) for line in lines]
    table = pa.table({"report_id": pa.array([r.get("report_id") for r in recs], pa.string()),
                      "kind": pa.array([r.get("kind") for r in recs], pa.string()),
                      "record": pa.array(lines, pa.string())})
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def extract_part(part: Part, opts: Options, out_dir: str, expected: str) -> PartResult:
    """Task: extract one part and write its shard and then its marker, each atomically (a shard without its
    marker is redone by the next run)."""
    from warledger.geocode import load_geocoder

    check_fingerprint(expected)
    geocoder = load_geocoder(opts.gazetteer)
    result = PartResult(part.index)
    lines: list[str] = []
    for report in _reports(part, opts, result):
        _process(report, geocoder)
        lines.extend(record_lines(report, opts.with_reports))
    result.records = len(lines)
    if result.failed_path:
        return result
    data = _parquet_bytes(lines) if opts.fmt == "parquet" else "".join(f"{ln}\n" for ln in lines).encode("utf-8")
    out = Path(out_dir)
    _atomic_write(out / shard_name(part.index, opts.fmt), data)
    result.done = {"part": part.to_json(), "key": part.key(), "options": opts.digest(), "fingerprint": expected,
                   "shard": shard_name(part.index, opts.fmt), "bytes": len(data),
                   "sha256": hashlib.sha256(data).hexdigest(), "reports": result.read, "skipped": result.skipped,
                   "records": result.records, "messages": result.messages}
    _atomic_write(out / marker_name(part.index), json.dumps(result.done, ensure_ascii=False).encode("utf-8"))
    return result


def process_part(part: Part, opts: Options, expected: str) -> PartResult:
    """Task: extract and geocode one part's reports for the ledger's loader (``Processed`` items, each with
    the content hash of the report as read)."""
    from warledger.geocode import load_geocoder
    from warledger.store.ledger import Processed, content_hash

    check_fingerprint(expected)
    geocoder = load_geocoder(opts.gazetteer)
    result = PartResult(part.index)
    for report in _reports(part, opts, result):
        chash = content_hash(report)
        failure = _process(report, geocoder)
        result.reports.append(Processed(report, chash, failure))
        result.records += len(report.incidents)
    result.pack()
    return result


def part_records(result: PartResult) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Task: what the block planner needs of a processed part: each report's id, content hash and incident
    records (:func:`warledger.cluster.blocks.planned`: slim, or the id alone for one that can never match), in
    order."""
    from warledger.cluster.blocks import planned
    from warledger.store.bulk import report_records

    return [(p.report.id, p.content_hash,
             [planned(r) for r in report_records(p.report, p.content_hash) if r["kind"] == "incident"])
            for p in result.processed()]


def peak_rss_mb() -> float:
    """This process's peak memory (max RSS) in MB: run on every worker by ``client.run``."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

