"""The loader of ``warledger ingest --workers`` before and after block deduplication and bulk writes, in
reports per CPU-second, on SQLite and PostgreSQL; and whether both build the same ledger.

    python -m warledger.evaluate.loader_rate --source ../shared/data/eval/acled_notes_dev.jsonl \\
        --work /tmp/wl-loader [--postgres postgresql://...] [--batch-size 200]

The source is extracted once on a local 2-worker Dask cluster and cached under ``--work``
(:func:`warledger.evaluate.ingest_rate.cache_processed`).  Then, into an empty ledger each time:
*per-report* is the loader as it was (each record looked up in the database, each row its own statement);
*bulk* plans the components (the client's CPU), places them (the block tasks' CPU, run here one after the
other) and stores with the decisions in one transaction of bulk inserts (executemany; COPY on PostgreSQL)
per batch.  CPU is this process's, plus on PostgreSQL the server backends' (:class:`ingest_rate.Meter`).
``--fill N`` loads N reports made of the source's copies with shifted years (:func:`ingest_rate.fill_items`).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import time
from pathlib import Path
from typing import Any, Optional

from warledger.cluster.blocks import place_components, plan_blocks, slim
from warledger.evaluate.ingest_rate import Meter, cache_processed, fill_items, load_cache, reset
from warledger.store import Ledger
from warledger.store.bulk import report_records


def ledger_digest(db: str) -> str:
    """A digest of what the equality of two ledgers means here: incidents, records, tallies and counts."""
    h = hashlib.sha256()
    with Ledger(db) as ledger:
        for line in ledger.incidents():
            h.update(json.dumps(line, sort_keys=True).encode("utf-8"))
        for rec in ledger.records():
            h.update(json.dumps(rec, sort_keys=True).encode("utf-8"))
        for by in ("actor1", "admin1", "day", "month"):
            h.update(json.dumps(ledger.tally(by), sort_keys=True).encode("utf-8"))
        h.update(json.dumps(ledger.counts(), sort_keys=True).encode("utf-8"))
    return h.hexdigest()[:16]


def run_one(items_path: Path, db: str, bulk: bool, batch_size: int) -> dict[str, Any]:
    items = list(load_cache(items_path))
    reset(db)
    out: dict[str, Any] = {"reports": len(items)}
    decided: Optional[dict[str, Any]] = None
    if bulk:
        t0 = time.process_time()
        recs, seen = [], set()
        for it in items:
            if it.report.id not in seen:
                seen.add(it.report.id)
                recs += [slim(r) for r in report_records(it.report, it.content_hash) if r["kind"] == "incident"]
        plan = plan_blocks(recs, 4)
        t1 = time.process_time()
        decided = dict(plan.alone)
        for chunk in plan.chunks:
            decided.update(place_components(chunk))
        out.update(plan_cpu=round(t1 - t0, 2), tasks_cpu=round(time.process_time() - t1, 2),
                   blocks=plan.blocks, residual=plan.residual, alone=len(plan.alone))
    with Ledger(db) as ledger:
        meter = Meter(db)
        meter.start(ledger)
        stats = ledger.ingest(items, process=False, batch_size=batch_size, decided=decided)
        own, server = meter.seconds()
    cpu = own + (server or 0.0)
    out.update(loader_cpu=round(own, 2), server_cpu=None if server is None else round(server, 2),
               rate=round(len(items) / cpu), merged=stats.merged, incidents=stats.new_incidents,
               digest=ledger_digest(db))
    return out


def fill_cache(base: Path, out: Path, fill: int) -> Path:
    """The fill of :func:`ingest_rate.fill_items`, pickled under ``out`` once."""
    if (out / "done").exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    chunk: list[Any] = []
    idx = 0
    for item in fill_items(base, fill):
        chunk.append(item)
        if len(chunk) >= 2000:
            (out / f"{idx:05d}.pkl").write_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
            chunk, idx = [], idx + 1
    if chunk:
        (out / f"{idx:05d}.pkl").write_bytes(pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL))
    (out / "done").write_text(str(fill))
    return out


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--postgres", default=None)
    ap.add_argument("--batch-size", type=int, default=200)
    ap.add_argument("--fill", type=int, default=0, metavar="N",
                    help="load N reports: the source again and again, copy k with its years shifted back by k")
    ap.add_argument("--loaders", default="per-report,bulk", help="which loaders to run (default: both)")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    cache = work / "cache"
    cache_processed(Path(args.source), cache, 2)
    if args.fill:
        cache = fill_cache(cache, work / f"fill-{args.fill}", args.fill)
    dbs = [str(work / "ledger.db")] + ([args.postgres] if args.postgres else [])
    for db in dbs:
        kind = "postgresql" if db.startswith("postgresql") else "sqlite"
        for bulk in [name == "bulk" for name in args.loaders.split(",")]:
            res = run_one(cache, db, bulk, args.batch_size)
            print(json.dumps({"db": kind, "loader": "bulk" if bulk else "per-report",
                              "batch_size": args.batch_size, **res}), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
