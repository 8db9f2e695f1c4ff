"""Soak test (issue 14): many mutated reports through ``warledger extract`` and ``warledger ingest``.

    python scripts/soak.py --reports 10000 --db /tmp/soak.db --db postgresql://postgres@127.0.0.1:5432/soak

The reports are warledger's own examples and invented sentences changed by every hostile kind in
``tests/fuzz/mutate.py`` (lone surrogates, NULs, numbers too big for SQLite or PostgreSQL, absurd counts,
dates 9999-12-31 and 0001-01-01, huge character references, runaway-pattern bait, cut, shuffled, spliced,
noisy or empty texts).  It checks: both commands exit 0; the extract is valid UTF-8 JSON lines with evidence
offsets inside the text and every count in 0..10,000,000; every report with an incident in the extract is in
the ledger; no report hit the per-report time limit (E-EXTRACT-TIMEOUT).  Exit status 1 when a check fails.
Give --db a new SQLite file or an empty PostgreSQL database.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests" / "fuzz"))

from mutate import check_extract, check_ledger, check_stored, mutated_reports  # noqa: E402


def _start(args: list[str], env: dict[str, str], out: Path) -> tuple[subprocess.Popen[bytes], float, Path]:
    """Start one warledger command with its standard output and error in files beside ``out``."""
    fo, fe = out.with_suffix(".out").open("wb"), out.with_suffix(".err").open("wb")
    return (subprocess.Popen([sys.executable, "-m", "warledger.cli", *args], stdout=fo, stderr=fe, env=env, cwd=REPO),
            time.monotonic(), out)


def _wait(job: tuple[subprocess.Popen[bytes], float, Path], what: str) -> tuple[bytes, float]:
    proc, t0, out = job
    rc = proc.wait()
    spent = time.monotonic() - t0
    err = out.with_suffix(".err").read_bytes().decode("utf-8", "replace")
    assert rc == 0, f"{what} exited {rc}: {err[-2000:]}"
    return out.with_suffix(".out").read_bytes(), spent


def soak(n: int, dbs: list[str], seed: int = 14, work: Optional[Path] = None) -> dict[str, Any]:
    """Run the soak: one extract and one ingest per ledger, all at once; returns a summary (raises
    AssertionError when a check fails)."""
    work = work or Path(tempfile.mkdtemp(prefix="warledger-soak-"))
    reports = list(mutated_reports(n, seed))
    kinds = collections.Counter(k for r in reports for k in r["mutations"])
    src = work / "reports.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for r in reports:  # ASCII JSON: a lone surrogate is written as its escape, as scrapers write it
            fh.write(json.dumps(r) + "\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    ex = _start(["extract", "--input", str(src), "--format", "jsonl", "--progress", "off"], env, work / "extract")
    ings = [_start(["ingest", "--input", str(src), "--db", db, "--progress", "off"], env, work / f"ingest{i}")
            for i, db in enumerate(dbs)]
    out, t_extract = _wait(ex, "extract")
    extracted = check_extract(reports, out)
    summary: dict[str, Any] = {"reports": n, "mutation_kinds": len(kinds), "min_per_kind": min(kinds.values()),
                               "records_extracted": len(extracted), "extract_s": round(t_extract, 1)}
    from warledger.store import Ledger
    for i, (db, job) in enumerate(zip(dbs, ings)):
        _, t_ingest = _wait(job, f"ingest into {db}")
        inc = subprocess.run([sys.executable, "-m", "warledger.cli", "incidents", "--db", db, "--format", "jsonl",
                              "--no-per-report"], capture_output=True, env=env, cwd=REPO)
        assert inc.returncode == 0, f"incidents exited {inc.returncode}: {inc.stderr.decode('utf-8', 'replace')[-2000:]}"
        ledger_lines = [json.loads(x) for x in inc.stdout.decode("utf-8").splitlines() if x.strip()]
        check_ledger(extracted, ledger_lines)
        with Ledger(db) as ledger:
            stored = list(ledger.reports())
            late = [r["id"] for r in stored if any("E-EXTRACT-TIMEOUT" in p for p in ledger.report(r["id"])["problems"])]
        assert not late, f"{db}: {len(late)} reports hit the per-report time limit, e.g. {late[:3]}"
        check_stored(reports, {r["id"] for r in stored}, job[2].with_suffix(".err").read_text("utf-8", "replace"))
        kind = "postgresql" if db.startswith("postgresql") else "sqlite"
        summary[kind] = {"ingest_s": round(t_ingest, 1), "reports_stored": len(stored), "incidents": len(ledger_lines)}
    return summary


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=10_000)
    ap.add_argument("--db", required=True, action="append",
                    help="a new SQLite file or an empty PostgreSQL database URL (repeat: each is ingested at once)")
    ap.add_argument("--seed", type=int, default=14)
    a = ap.parse_args(argv)
    for db in a.db:
        if not db.startswith("postgresql") and Path(db).exists():
            print(f"soak: {db} exists; give a new SQLite file (the soak needs an empty ledger)", file=sys.stderr)
            return 2
    try:
        summary = soak(a.reports, a.db, a.seed)
    except AssertionError as exc:
        print(f"soak: FAILED: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
