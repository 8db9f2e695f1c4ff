"""The client side: connect to a Dask cluster, check the workers, plan the parts, submit the tasks, and
(extract) keep the shard manifest or (ingest) feed the one loader in input order.

``--workers N`` starts a local cluster of N single-threaded worker processes; ``--scheduler URL``
connects to a running one (``dask scheduler`` and ``dask worker`` commands).  This is the only module
that imports Dask, and only inside its functions.
"""
from __future__ import annotations

import json
import logging
import os
import re
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

from warledger.cluster.parts import DEFAULT_BLOCK_LINES, Part, expand_inputs, fingerprint, parts_of_paths, plan
from warledger.cluster.tasks import (Options, PartResult, VersionMismatch, extract_part, marker_name,
                                     peak_rss_mb, process_part, shard_name)
from warledger.errors import ClusterError, InputError

MANIFEST = "manifest.json"
_PART_FILE = re.compile(r"^part-(\d{6})\.(jsonl|parquet|done\.json)$")
CONNECT_TIMEOUT = 30.0   # seconds to reach a scheduler and see its first worker


@dataclass
class RunSummary:
    parts: int = 0
    done_before: int = 0
    read: int = 0
    skipped: int = 0
    records: int = 0
    failed_paths: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    read_by_part: dict[int, int] = field(default_factory=dict)
    empty_paths: list[str] = field(default_factory=list)

    def note_empty(self, inputs: list[str], parts: list[Part]) -> None:
        """The serial run's rule of a failed input (README, "Exit codes"; ``commands.iter_inputs``): a path given
        whose parts, all run now, gave no report (empty, nothing but unreadable lines) is one, named on stderr
        (a part whose file could not be read at all is in ``failed_paths`` already)."""
        failed = set(self.failed_paths)
        for given, indices in parts_of_paths(inputs, parts).items():
            if not indices or any(i not in self.read_by_part for i in indices):
                continue        # a part done by an earlier run: this run cannot say
            names = {parts[i].name or parts[i].path for i in indices}
            if sum(self.read_by_part[i] for i in indices) or names & failed or given in failed:
                continue
            if not any(msg.startswith(str(given)) or any(msg.startswith(n) for n in names) for msg in self.messages):
                self.messages.append(f"{given}: no report in it")
                print(f"warledger: {given}: no report in it", file=sys.stderr)
            self.empty_paths.append(given)


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ClusterError("--workers and --scheduler need Dask: pip install 'warledger[dask]' (dask and "
                           "distributed) on this machine and on every worker") from exc
    return distributed


@contextmanager
def connect(workers: Optional[int], scheduler: Optional[str]) -> Iterator[Any]:
    """A Dask client: on a new local cluster of ``workers`` processes, or on the scheduler at ``scheduler``."""
    distributed = _import_distributed()
    if not logging.getLogger("warledger").isEnabledFor(logging.INFO):   # Dask's INFO lines only with -v
        logging.getLogger("distributed").setLevel(logging.WARNING)
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler!r} ({exc}); start one with "
                               f"'dask scheduler' and workers with 'dask worker {scheduler}', or use "
                               f"--workers N for a local cluster") from exc
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except TimeoutError as exc:
            client.close()
            raise ClusterError(f"the Dask scheduler at {scheduler!r} has no workers after {CONNECT_TIMEOUT:g} s; "
                               f"start some with 'dask worker {scheduler}'") from exc
        try:
            yield client
        finally:
            client.close()
        return
    if not workers or workers < 1:
        raise InputError(f"--workers must be at least 1 (got {workers})")
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.CRITICAL)
    client = distributed.Client(cluster)
    try:
        yield client
    finally:   # an interrupted run too: the local workers end with it
        client.close()
        cluster.close()
        cluster.close()


def check_workers(client: Any) -> str:
    """Every worker must run the client's warledger (version, code and data); return its fingerprint."""
    mine = fingerprint()
    try:
        theirs = client.run(fingerprint)
    except ModuleNotFoundError as exc:
        raise ClusterError(f"warledger is not installed on the Dask workers ({exc}): pip install "
                           f"'warledger[dask]' there, the same version as here ({mine})") from exc
    other = {addr: fp for addr, fp in theirs.items() if fp != mine}
    if other:
        listed = ", ".join(f"{addr} has {fp}" for addr, fp in sorted(other.items()))
        raise ClusterError(f"the Dask workers run another warledger than this client ({mine}): {listed}. "
                           f"Install the same version, code and data everywhere and restart the workers")
    return mine


def _result(future: Any, part: Part) -> PartResult:
    """A task's result; a task that failed as a whole (a worker lost, a bug) is a ClusterError naming its part
    (a report that fails never fails its task: it becomes a problem line)."""
    try:
        return future.result()  # type: ignore[no-any-return]
    except VersionMismatch as exc:
        raise ClusterError(str(exc)) from exc
    except (KeyboardInterrupt, ClusterError, InputError):
        raise
    except Exception as exc:
        where = f"{part.path}" + (f" bytes {part.start}-{part.end}" if part.end is not None else "")
        raise ClusterError(f"the Dask task for part {part.index} ({where}) failed: {type(exc).__name__}: {exc}; "
                           f"parts already written are kept, run the command again to continue") from exc


def _progress(mode: str, desc: str, total: Optional[int]) -> Any:
    from warledger.ingest.progress import PROGRESS_MODES
    from warledger.ingest.progress import make_progress

    return make_progress(PROGRESS_MODES.get(mode, mode), desc, total)


# ---------------------------------------------------------------- extract: shards and their manifest

def _is_done(out: Path, part: Part, opts: Options, fp: str) -> bool:
    """A part is done when its marker names this part, these options and this warledger, and its shard is
    there with the size the marker says."""
    try:
        done = json.loads((out / marker_name(part.index)).read_text(encoding="utf-8"))
        shard = out / shard_name(part.index, opts.fmt)
        return bool(done.get("key") == part.key() and done.get("options") == opts.digest()
                    and done.get("fingerprint") == fp and shard.stat().st_size == done.get("bytes"))
    except (OSError, ValueError, AttributeError):
        return False


def _clear(out: Path, parts: list[Part], todo: list[Part], fmt: str) -> None:
    """Remove what no longer belongs to this plan: shards and markers of parts beyond it, shards of the
    other format, and the markers of the parts about to be redone."""
    redo = {p.index for p in todo}
    for f in out.iterdir():
        m = _PART_FILE.match(f.name)
        if not m:
            continue
        index, ext = int(m[1]), m[2]
        if index >= len(parts) or (ext != "done.json" and ext != fmt) or (ext == "done.json" and index in redo):
            f.unlink()


def _write_manifest(out: Path, parts: list[Part], opts: Options, fp: str, inputs: list[str]) -> dict[str, Any]:
    entries = []
    for p in parts:
        done = json.loads((out / marker_name(p.index)).read_text(encoding="utf-8"))
        entries.append({k: done[k] for k in ("shard", "bytes", "sha256", "reports", "skipped", "records")}
                       | {"part": p.to_json()})
    manifest = {"warledger": fp, "options": opts.digest(), "format": opts.fmt, "inputs": inputs,
                "reports": sum(e["reports"] for e in entries), "records": sum(e["records"] for e in entries),
                "parts": entries}
    text = json.dumps(manifest, ensure_ascii=False, indent=1) + "\n"
    try:
        if (out / MANIFEST).read_text(encoding="utf-8") == text:
            return manifest   # a rerun with nothing to do touches nothing
    except OSError:
        pass
    tmp = out / f".{MANIFEST}.tmp-{os.getpid()}"
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, out / MANIFEST)
    return manifest


def _gather(futures: dict[Any, Part], mode: str, total: Optional[int]) -> list[PartResult]:
    """Wait for the tasks: Dask's own progress bar on a terminal, else a summary line about once a minute."""
    distributed = _import_distributed()
    if mode in ("auto", "on") and sys.stderr.isatty():
        distributed.progress(list(futures), notebook=False)
        return [_result(f, p) for f, p in futures.items()]
    bar = _progress(mode, "extract", total)
    results = []
    try:
        for fut in distributed.as_completed(list(futures)):
            res = _result(fut, futures[fut])
            results.append(res)
            if bar is not None:
                bar.update(res.read)
    finally:
        if bar is not None:
            bar.close()
    return sorted(results, key=lambda r: r.index)


def extract_to_shards(paths: list[str], out_dir: str, opts: Options, *, workers: Optional[int] = None,
                      scheduler: Optional[str] = None, block_lines: int = DEFAULT_BLOCK_LINES,
                      progress: str = "auto") -> RunSummary:
    """``warledger extract --out-dir``: one shard per part, written by the workers; parts already done
    (by an earlier run with the same input, options and warledger) are skipped."""
    from warledger.ingest.progress import count_reports

    if opts.fmt not in ("jsonl", "parquet"):
        raise InputError(f"--out-dir writes jsonl or parquet shards, not {opts.fmt!r}")
    inputs = expand_inputs(paths)
    parts = plan(inputs, block_lines)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"--out-dir {out_dir!r} is a file: give a folder for the shards")
    out.mkdir(parents=True, exist_ok=True)
    fp = fingerprint()
    todo = [p for p in parts if not _is_done(out, p, opts, fp)]
    summary = RunSummary(parts=len(parts), done_before=len(parts) - len(todo))
    _clear(out, parts, todo, opts.fmt)
    results: list[PartResult] = []
    if todo:
        with connect(workers, scheduler) as client:
            check_workers(client)
            total = count_reports(sorted({p.path for p in todo})) if progress != "off" else None
            futures = {client.submit(extract_part, p, opts, str(out.resolve()), fp, pure=False,
                                     key=f"warledger-extract-{p.index}-{os.urandom(4).hex()}"): p for p in todo}
            results = _gather(futures, progress, total)
    for res in results:
        summary.read += res.read
        summary.read_by_part[res.index] = res.read
        summary.skipped += res.skipped
        summary.records += res.records
        summary.messages.extend(res.messages)
        if res.failed_path:
            summary.failed_paths.append(res.failed_path)
    summary.note_empty(inputs, parts)
    if not summary.failed_paths:
        _write_manifest(out, parts, opts, fp, inputs)
    return summary


# ---------------------------------------------------------------- ingest: parallel extraction, one loader

def _take(summary: RunSummary, res: PartResult) -> None:
    summary.read += res.read
    summary.read_by_part[res.index] = res.read
    summary.skipped += res.skipped
    summary.records += res.records
    for msg in res.messages:
        summary.messages.append(msg)
        print(f"warledger: {msg}", file=sys.stderr)
    if res.failed_path:
        summary.failed_paths.append(res.failed_path)


def processed_reports(client: Any, parts: list[Part], opts: Options, fp: str, summary: RunSummary,
                      ahead: int) -> Iterator[Any]:
    """The processed reports of every part, in input order (whatever order the tasks finish in), with at
    most ``ahead`` parts in flight so that memory stays bounded when the loader is the slower side."""
    pending: dict[int, Any] = {}
    nxt = 0
    for i in range(len(parts)):
        while nxt < len(parts) and nxt < i + ahead:
            pending[nxt] = _submit_process(client, parts[nxt], opts, fp)
            nxt += 1
        res = _result(pending.pop(i), parts[i])
        _take(summary, res)
        yield from res.processed()


def _submit_process(client: Any, part: Part, opts: Options, fp: str) -> Any:
    return client.submit(process_part, part, opts, fp, pure=False,
                         key=f"warledger-process-{part.index}-{os.urandom(4).hex()}")


def _in_order(futures: list[Any], parts: list[Part], summary: RunSummary) -> Iterator[Any]:
    """The processed reports of the parts already submitted, in input order, each part's result let go of
    (on the workers too) once the loader has it."""
    for i, part in enumerate(parts):
        res = _result(futures[i], part)
        futures[i] = None
        _take(summary, res)
        yield from res.processed()


def _stored_records(ledger: Any, listed: list[list[tuple[str, str, list[Any]]]],
                    replace: bool) -> Optional[list[Any]]:
    """The records the loader will store, in its order (a report whose id is in the ledger or earlier in the
    input is not stored again); None when ``replace`` would replace some report (the loader decides alone)."""
    known = ledger.stored_hashes(rid for part in listed for rid, _, _ in part)
    seen: dict[str, str] = {}
    recs: list[Any] = []
    for part in listed:
        for rid, chash, part_recs in part:
            stored = seen.get(rid, known.get(rid))
            if stored is not None:
                if replace and stored != chash:
                    return None
                continue
            seen[rid] = chash
            recs.extend(part_recs)
    return recs


def _listed(client: Any, futures: list[Any], parts: list[Part], mode: str,
            total: Optional[int]) -> list[list[tuple[str, str, list[Any]]]]:
    """Every part's reports as the block planner needs them (:func:`part_records`), in input order, as the
    extraction tasks finish: Dask's progress bar on a terminal, else a summary line about once a minute."""
    from warledger.cluster.tasks import part_records

    distributed = _import_distributed()
    listed_f = {client.submit(part_records, f, pure=False, key=f"warledger-records-{p.index}-{os.urandom(4).hex()}"): p
                for f, p in zip(futures, parts)}
    if mode in ("auto", "on") and sys.stderr.isatty():
        distributed.progress(list(listed_f), notebook=False)
    bar = None if mode in ("auto", "on") and sys.stderr.isatty() else _progress(mode, "extract", total)
    out: dict[int, Any] = {}
    try:
        for fut in distributed.as_completed(list(listed_f)):
            part = listed_f[fut]
            out[part.index] = _result(fut, part)
            if bar is not None:
                bar.update(len(out[part.index]))
    finally:
        if bar is not None:
            bar.close()
    return [out[p.index] for p in parts]


def decide_in_blocks(client: Any, ledger: Any, futures: list[Any], parts: list[Part], replace: bool,
                     progress: str = "off", total: Optional[int] = None) -> dict[str, Any]:
    """Deduplication as block tasks (:mod:`warledger.cluster.blocks`): the records of every part, planned into
    components here, placed by tasks; the decisions, by record id, for the loader."""
    from warledger.cluster.blocks import place_components, plan_blocks

    listed = _listed(client, futures, parts, progress, total)
    recs = _stored_records(ledger, listed, replace)
    if recs is None:
        print("warledger: --replace replaces reports already stored: the loader deduplicates them itself",
              file=sys.stderr)
        return {}
    reach, pinned = ledger.dedup_reach()
    workers = max(len(client.nthreads()), 1)
    plan = plan_blocks(recs, 2 * workers, reach, pinned)
    decided: dict[str, Any] = dict(plan.alone)
    # Each chunk's records go to a worker by scatter, not inside the task graph (a graph of hundreds of MB goes
    # through the scheduler, and Dask warns about it at a million reports).
    chunks = [client.submit(place_components, client.scatter([c], hash=False)[0], pure=False,
                            key=f"warledger-dedup-{n}-{os.urandom(4).hex()}")
              for n, c in enumerate(plan.chunks)]
    for fut in distributed_wait(chunks):
        decided.update(fut)
    print(f"warledger: dedup of {len(recs)} incident records: {len(plan.alone)} alone, {plan.blocks} blocks and "
          f"{plan.residual} residual components in {len(chunks)} tasks"
          + (f", {plan.serial} by the loader (they may meet incidents already in the ledger)" if plan.serial else ""),
          file=sys.stderr)
    return decided


def distributed_wait(futures: list[Any]) -> list[Any]:
    """The results of tasks that cannot fail on a report (a failure is a bug or a lost worker: a ClusterError)."""
    out = []
    for fut in futures:
        try:
            out.append(fut.result())
        except Exception as exc:
            raise ClusterError(f"a Dask deduplication task failed: {type(exc).__name__}: {exc}; nothing was stored, "
                               f"run the command again") from exc
    return out


def ingest_parallel(ledger: Any, paths: list[str], opts: Options, *, workers: Optional[int] = None,
                    scheduler: Optional[str] = None, block_lines: int = DEFAULT_BLOCK_LINES,
                    batch_size: int = 200, progress: str = "auto", replace: bool = False) -> tuple[Any, RunSummary]:
    """``warledger ingest --workers/--scheduler``: the workers extract and geocode every part, then place the
    records in block tasks; this process stores the reports in input order with those decisions, so the ledger
    is the one a serial ingest builds (:mod:`warledger.cluster.blocks`)."""
    from warledger.ingest.progress import PROGRESS_MODES
    from warledger.ingest.progress import count_reports

    inputs = expand_inputs(paths)
    parts = plan(inputs, block_lines)
    summary = RunSummary(parts=len(parts))
    total = count_reports(inputs) if progress != "off" else None
    with connect(workers, scheduler) as client:
        fp = check_workers(client)
        futures = [_submit_process(client, p, opts, fp) for p in parts]
        decided = decide_in_blocks(client, ledger, futures, parts, replace, progress, total)
        stats = ledger.ingest(_in_order(futures, parts, summary), process=False, batch_size=batch_size,
                              progress=PROGRESS_MODES[progress], total=total, replace=replace, decided=decided)
        peaks = client.run(peak_rss_mb)
    summary.note_empty(inputs, parts)
    summary.failed_paths.extend(summary.empty_paths)
    workers_mb = ", ".join(f"worker {addr} {mb:.0f} MB" for addr, mb in sorted(peaks.items()))
    print(f"warledger: peak memory (max RSS): {workers_mb}"
          + f"; this process (client and loader) {peak_rss_mb():.0f} MB", file=sys.stderr)
    return stats, summary
