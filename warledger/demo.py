"""``warledger demo``: the whole pipeline on the built-in example reports, ending by itself.

Extracts, geocodes, reconciles and stores the invented bulletins in ``warledger/examples/`` into a
SQLite ledger, writes every export format, prints the claim checks and a tally, and says where each
file went.  Running it again changes nothing (the same reports are already in the ledger).
"""
from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

from warledger.export import EXPORTERS, export_counts
from warledger.geocode import load_geocoder
from warledger.ingest import read_reports
from warledger.store import Ledger
from warledger.timelimit import one_time_seconds

EXPORTS = {name: ex.filename("ledger") for name, ex in EXPORTERS.items()}


def example_reports_path() -> Path:
    """The built-in example reports (invented bulletins, JSON lines)."""
    return Path(str(resources.files("warledger.examples").joinpath("bulletins.jsonl")))


def run(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    db = out / "ledger.db"
    written: list[tuple[str, Path]] = [("ledger (SQLite)", db)]
    left: dict[str, dict[str, int]] = {}
    with Ledger(str(db)) as ledger:
        t0, built0 = time.perf_counter(), one_time_seconds()
        geocoder = load_geocoder(None)        # a first run may build the world gazetteer index here: timed apart
        before = time.perf_counter() - t0, one_time_seconds() - built0
        stats = ledger.ingest(read_reports(example_reports_path()), geocoder=geocoder)
        stats.seconds, stats.built_seconds = stats.seconds + before[0], stats.built_seconds + before[1]
        print(f"warledger demo: {stats.summary()}")
        extracted = out / "records.jsonl"
        with open(extracted, "w", encoding="utf-8") as f:
            for rec in ledger.records():
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        written.append(("every extracted record, per report", extracted))
        for fmt, name in EXPORTS.items():
            path = out / name
            try:  # to a path: a CSV starts with the BOM Excel needs for Arabic, as `warledger export --out` writes it
                left[fmt] = {}
                export_counts(ledger.incidents(modified=True), fmt, path=str(path), reasons=left[fmt])
            except Exception as exc:  # e.g. Parquet without pyarrow: say so, keep the rest
                print(f"  {fmt}: skipped ({exc})")
                continue
            written.append((fmt, path))
        checks = list(ledger.checks())
        bad = [c for c in checks if c.get("status") not in ("consistent", None)]
        print(f"\nclaim checks: {len(checks)} made, {len(checks) - len(bad)} consistent, {len(bad)} flagged")
        for c in bad:
            print(f"  flagged: {c.get('message') or c}")
        print("\nkilled by perpetrator (each incident once, merged across reports):")
        for row in ledger.tally(by="actor1"):
            print(f"  {row['actor1'] or '(unknown)':45} incidents {row['incidents']:3}  "
                  f"killed {row.get('killed_total') or 0:4}  civilians {row.get('killed_civilians') or 0:4}")
    print("\nwritten:")
    for what, path in written:
        gone = "; ".join(f"{n} incident{'' if n == 1 else 's'} {why} left out"
                         for why, n in left.get(what, {}).items())
        print(f"  {what:36} {path}" + (f"  (W-EXPORT-LEFT-OUT: {gone}; the jsonl has them)" if gone else ""))
    print(f"\nnext:\n  warledger serve --db {db}        explore, review and correct it in the browser "
          f"(needs: pip install 'warledger[serve]')\n"
          f"  warledger incidents --db {db} --format jsonl\n"
          f"  warledger ingest --input YOUR-REPORTS.jsonl --db {db}")
    return 0
