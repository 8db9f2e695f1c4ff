"""Ingest rate into an empty ledger and into a big one, and extraction scaling from 1 to 2 Dask workers.

    python -m warledger.evaluate.ingest_rate --source ../shared/data/eval/acled_notes_dev.jsonl \\
        --work /tmp/wl-rate --fill 100000 --probe 3000 [--postgres postgresql://...] [--workers 2]

The corpus: the last ``--probe`` reports of ``--source`` are the *probe*; the others are the *base*.  Both
are extracted once on a local Dask cluster (``--workers``) and cached under ``--work``.  The *fill* is the
base again and again, each copy with every year shifted back by one more year (in the text, the evidence
quotes and every date of the records; 29 February becomes the 28th) and its ids suffixed, until it holds
``--fill`` reports: an archive of past years into which today's reports arrive.  Copies are made from the
extracted base rather than extracted again (extraction treats a text with its years shifted the same way;
this keeps a 100,000-report fill within minutes on a shared machine).  The ledgers are built from it:
store, dedup and claim checks only.

Rates are reports per CPU-second: this process's CPU time, plus on PostgreSQL the CPU time of the server
backends serving this database (read from /proc when the server runs on this machine; else noted).
Measured, for SQLite and PostgreSQL each: the probe stored (already extracted) into an empty ledger and into
the filled one, and the whole pipeline (extraction included) into each; the store rate every 10,000 fill
reports as the ledger grows.  Then extraction of the probe on 1 and on 2 warm workers, in worker CPU-seconds.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import resource
import shutil
import sys
import time
from pathlib import Path
from typing import Any, Iterator, Optional

_YEAR = re.compile(r"(?<!\()\b(19[5-9]\d|20[0-4]\d)\b(?!-\))")  # not the start year of an actor name "(2000-)"
CACHE_PART = 2000


def shift_years(text: str, years: int) -> str:
    return _YEAR.sub(lambda m: str(int(m[1]) + years), text) if years else text


_NO_LEAP_DAY = re.compile(r"\b(\d{4})-02-29\b")


def shift_text(text: str, years: int) -> str:
    """Years shifted; a 29 February that no longer exists becomes the 28th."""
    from calendar import isleap

    out = shift_years(text, years)
    return _NO_LEAP_DAY.sub(lambda m: m[0] if isleap(int(m[1])) else f"{m[1]}-02-28", out)


def shifted(obj: Any, years: int) -> Any:
    """A copy of a report (or any part of it) with :func:`shift_text` applied to every string in it."""
    import dataclasses

    if isinstance(obj, str):
        return shift_text(obj, years)
    if isinstance(obj, list):
        return [shifted(x, years) for x in obj]
    if isinstance(obj, tuple):
        return tuple(shifted(x, years) for x in obj)
    if isinstance(obj, dict):
        return {k: shifted(v, years) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        new = {f.name: shifted(getattr(obj, f.name), years) for f in dataclasses.fields(obj) if f.init}
        return dataclasses.replace(obj, **new)
    return obj


def fill_items(base_cache: Path, fill: int) -> Iterator[Any]:
    """The base again and again, copy k shifted back by k years, until ``fill`` reports."""
    from warledger.store.ledger import Processed, content_hash

    n, k = 0, 0
    while n < fill:
        for item in load_cache(base_cache):
            if n >= fill:
                return
            rep = shifted(item.report, -k) if k else item.report
            rep.id = f"{item.report.id}~{k}"
            yield Processed(rep, content_hash(rep) if k else item.content_hash, item.failure)
            n += 1
        k += 1


def make_corpus(source: Path, work: Path, probe: int) -> tuple[Path, Path]:
    lines = [ln for ln in source.read_text(encoding="utf-8").splitlines() if ln.strip()]
    base_path, probe_path = work / "base.jsonl", work / "probe.jsonl"
    base_path.write_text("".join(ln + "\n" for ln in lines[:-probe]), encoding="utf-8")
    probe_path.write_text("".join(ln + "\n" for ln in lines[-probe:]), encoding="utf-8")
    return base_path, probe_path


def worker_cpu() -> float:
    """This process's CPU seconds (run on each worker through ``client.run``)."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


WARM_REPORTS = 200


def warm(path: str) -> int:
    """Extract the first reports of ``path`` and drop them: the lexicons, the gazetteer and whatever else
    loads on first use are ready (a worker's start-up cost, kept out of the measurement)."""
    from itertools import islice

    from warledger.geocode import default_geocoder
    from warledger.ingest import read_reports
    from warledger.pipeline import process

    n, geocoder = 0, default_geocoder()
    for rep in islice(read_reports(path), WARM_REPORTS):
        process(rep, geocoder)
        n += 1
    return n


def cache_processed(path: Path, cache: Path, workers: int) -> int:
    """Extract ``path`` on a local cluster; pickle the processed reports, in order, in parts under ``cache``."""
    from warledger.cluster.parts import plan
    from warledger.cluster.run import RunSummary, check_workers, connect, processed_reports
    from warledger.cluster.tasks import Options

    if (cache / "done").exists():
        return int((cache / "done").read_text())
    cache.mkdir(parents=True, exist_ok=True)
    n, chunk, idx = 0, [], 0
    with connect(workers, None) as client:
        fp = check_workers(client)
        for item in processed_reports(client, plan([str(path)], CACHE_PART), Options(), fp, RunSummary(),
                                      2 * workers + 1):
            chunk.append(item)
            n += 1
            if len(chunk) >= CACHE_PART:
                (cache / f"{idx:05d}.pkl").write_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
                chunk, idx = [], idx + 1
    if chunk:
        (cache / f"{idx:05d}.pkl").write_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
    (cache / "done").write_text(str(n))
    return n


def load_cache(cache: Path) -> Iterator[Any]:
    for f in sorted(cache.glob("*.pkl")):
        yield from pickle.loads(f.read_bytes())


def _pg_backend_cpu(db: str) -> Optional[float]:
    """CPU seconds of the PostgreSQL backends connected to ``db``'s database (None when /proc cannot tell)."""
    if "://" not in db:
        return 0.0
    from sqlalchemy import create_engine, text

    from warledger.store.schema import database_url

    eng = create_engine(database_url(db))
    try:
        with eng.connect() as conn:
            pids = [int(p) for p in conn.execute(text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))
                .scalars()]
    finally:
        eng.dispose()
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


class Meter:
    """CPU seconds spent from ``start()`` on: this process, plus the database server's backends (PostgreSQL).
    A backend that ends between two readings loses its time; the ledger keeps its connections open, so the
    backends live as long as the run."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.t0, self.pg0 = worker_cpu(), 0.0

    def start(self, ledger: Any) -> None:
        ledger.counts()            # open the pool's connection first
        self.t0, self.pg0 = worker_cpu(), _pg_backend_cpu(self.db) or 0.0

    def seconds(self) -> tuple[float, Optional[float]]:
        pg = _pg_backend_cpu(self.db)
        return worker_cpu() - self.t0, (None if pg is None else pg - self.pg0)


class GrowthProgress:
    """A progress object for ``Ledger.ingest`` that notes the store rate every ``every`` reports."""

    def __init__(self, meter: Meter, every: int = 10_000) -> None:
        self.meter, self.every, self.n = meter, every, 0
        self.last = 0.0
        self.rows: list[tuple[int, float]] = []

    def update(self, k: int) -> None:
        self.n += k
        if self.n % self.every == 0:
            own, pg = self.meter.seconds()
            cpu = own + (pg or 0.0)
            self.rows.append((self.n, self.every / max(cpu - self.last, 1e-9)))
            self.last = cpu

    def close(self) -> None:
        pass


def reset(db: str) -> None:
    if "://" in db:
        from sqlalchemy import create_engine, text

        from warledger.store.schema import database_url, metadata
        eng = create_engine(database_url(db))
        with eng.begin() as conn:
            for table in reversed(metadata.sorted_tables):
                conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
        eng.dispose()
    elif os.path.exists(db):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.unlink(db + suffix)


def measure(db: str, items: Any, process: bool, label: str) -> dict[str, Any]:
    from warledger.store import Ledger

    with Ledger(db) as ledger:
        meter = Meter(db)
        meter.start(ledger)
        incidents0 = ledger.counts()["incidents"]
        t = time.perf_counter()
        stats = ledger.ingest(items, process=process, batch_size=500)
        wall = time.perf_counter() - t
        own, pg = meter.seconds()
    cpu = own + (pg or 0.0)
    return {"what": label, "reports": stats.read, "ledger_incidents_before": incidents0, "cpu_s": round(cpu, 1),
            "client_cpu_s": round(own, 1), "server_cpu_s": None if pg is None else round(pg, 1),
            "wall_s": round(wall, 1), "reports_per_cpu_s": round(stats.read / cpu, 1) if cpu else None,
            "new_incidents": stats.new_incidents, "merged": stats.merged}


def run_db(db: str, base_cache: Path, fill: int, probe_cache: Path, probe_path: Path,
           work: Path) -> list[dict[str, Any]]:
    from warledger.ingest import read_reports
    from warledger.store import Ledger

    out: list[dict[str, Any]] = []
    kind = "postgresql" if "://" in db else "sqlite"
    warm(str(probe_path))
    reset(db)
    out.append(measure(db, load_cache(probe_cache), False, f"{kind}: probe, extracted, into an empty ledger"))
    reset(db)
    out.append(measure(db, read_reports(str(probe_path)), True, f"{kind}: probe, whole pipeline, into an empty ledger"))
    reset(db)
    with Ledger(db) as ledger:
        meter = Meter(db)
        meter.start(ledger)
        growth = GrowthProgress(meter)
        t = time.perf_counter()
        stats = ledger.ingest(fill_items(base_cache, fill), process=False, batch_size=500, progress=growth)
        own, pg = meter.seconds()
        filled = ledger.counts()
    out.append({"what": f"{kind}: fill, extracted", "reports": stats.read, "incidents": filled["incidents"],
                "cpu_s": round(own + (pg or 0.0), 1), "wall_s": round(time.perf_counter() - t, 1),
                "store_rate_every_10000": [(n, round(r)) for n, r in growth.rows]})
    snapshot = None
    if "://" not in db:
        snapshot = str(work / "filled-copy.db")
        shutil.copy(db, snapshot)
    out.append(measure(db, load_cache(probe_cache), False,
                       f"{kind}: probe, extracted, into the {filled['incidents']:,}-incident ledger"))
    if snapshot:
        shutil.copy(snapshot, db)
    else:   # PostgreSQL: take the probe's reports out again (a replace of nothing is cheaper: rebuild the fill)
        with Ledger(db) as ledger:
            ledger.remove_reports(item.report.id for item in load_cache(probe_cache))
    out.append(measure(db, read_reports(str(probe_path)), True,
                       f"{kind}: probe, whole pipeline, into the {filled['incidents']:,}-incident ledger"))
    return out


def scaling(probe_path: Path, work: Path, workers: int) -> dict[str, Any]:
    """Extraction of the probe on ``workers`` warm workers: reports per worker CPU-second."""
    from warledger.cluster.parts import plan
    from warledger.cluster.run import check_workers, connect
    from warledger.cluster.tasks import Options, extract_part

    out = work / f"scale-{workers}"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    parts = plan([str(probe_path)], 250)
    with connect(workers, None) as client:
        fp = check_workers(client)
        client.run(warm, str(probe_path))
        cpu0 = client.run(worker_cpu)
        t = time.perf_counter()
        futures = [client.submit(extract_part, p, Options(), str(out), fp, pure=False) for p in parts]
        read = sum(f.result().read for f in futures)
        wall = time.perf_counter() - t
        cpu1 = client.run(worker_cpu)
    cpu = sum(cpu1[a] - cpu0[a] for a in cpu1)
    return {"workers": workers, "reports": read, "worker_cpu_s": round(cpu, 1), "wall_s": round(wall, 1),
            "reports_per_worker_cpu_s": round(read / cpu, 1), "reports_per_wall_s": round(read / wall, 1)}


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", required=True, type=Path)
    ap.add_argument("--work", required=True, type=Path)
    ap.add_argument("--fill", type=int, default=100_000)
    ap.add_argument("--probe", type=int, default=3000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--postgres", help="a PostgreSQL URL whose tables this may drop")
    ap.add_argument("--skip", action="append", default=[], choices=("sqlite", "postgres", "scaling"))
    a = ap.parse_args(argv)
    a.work.mkdir(parents=True, exist_ok=True)
    base_path, probe_path = make_corpus(a.source, a.work, a.probe)
    t = time.perf_counter()
    n_base = cache_processed(base_path, a.work / "base-cache", a.workers)
    cache_processed(probe_path, a.work / "probe-cache", a.workers)
    print(json.dumps({"base_extracted": n_base, "wall_s": round(time.perf_counter() - t, 1)}), flush=True)
    results: list[Any] = []
    dbs = ([] if "sqlite" in a.skip else [str(a.work / "ledger.db")]) + (
        [a.postgres] if a.postgres and "postgres" not in a.skip else [])
    for db in dbs:
        for row in run_db(db, a.work / "base-cache", a.fill, a.work / "probe-cache", probe_path, a.work):
            print(json.dumps(row), flush=True)
            results.append(row)
    if "scaling" not in a.skip:
        for w in (1, 2):
            row = scaling(probe_path, a.work, w)
            print(json.dumps(row), flush=True)
            results.append(row)
    (a.work / "results.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
