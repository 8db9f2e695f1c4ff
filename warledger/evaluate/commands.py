"""``warledger eval`` and ``warledger bench``."""
from __future__ import annotations

import argparse
import os
import shlex
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from warledger.errors import InputError
from warledger.evaluate.halves import HALVES
from warledger.ingest.args import whole_arg

EVAL_HELP = """\
Score warledger against gold sets and print per-field scores, beside a naive regex baseline.

Each SET is a JSON-lines file of reports in the extraction contract's input format with a "gold"
object per line.  The kind of set is taken from the file name or the gold's shape:
  acled    ACLED notes: fatalities (unknown = 0), date, admin1, admin2, within 10 km, sub-event type,
           actor pair by actor family
  theatres ACLED notes from any country (e.g. acled_theatres_dev.jsonl): fatalities, date, country (no
           record in another country), admin1, within 25 km, event and sub-event type, ACLED's own actor
           names; also one row per country
  airwars  Airwars texts linked to one incident: civilians/children/women killed and civilians
           injured inside Airwars' min-max, date within a day, within 10 km, perpetrator; for
           English texts also cross-report dedup (pairwise P/R/F1) through the ledger
  case     CASE 2021 Task 2: weighted and macro F1 of the first record's sub-event type
  places   Airwars place phrases: within 5 km, within 25 km, resolved

Halves: each set is split by a hash of each line's id into a tune half and a check half
(warledger/evaluate/halves.py).  Read tune-half examples to find phenomena; only score the check half.
A whole set is reported with warledger's score on each half beside the whole (each report is extracted
once); --half scores one half alone.  --errors lists tune-half lines only.  With --limit N the halves
are those of the first N lines.

examples:
  warledger eval ../shared/data/eval/case2021_task2_dev.jsonl --confusion
  warledger eval ../shared/data/eval/acled_notes_dev.jsonl --limit 2000 --errors 5
  warledger eval ../shared/data/eval/airwars_en_dev.jsonl --ceiling
  warledger eval ../shared/data/eval/airwars_ar_dev.jsonl --half check
  warledger eval ../shared/data/eval/acled_theatres_dev.jsonl
  warledger eval ../shared/data/eval/*_dev.jsonl --out BENCHMARKS.md
"""

BENCH_HELP = """\
Measure extraction speed (reports/s, words/s, peak memory) on a fixed mix of the development sets
(or the built-in example reports when the sets are absent), beside spaCy's blank English tokenizer
and, when installed, spaCy's en_core_web_sm pipeline, and print the ratios.

examples:
  warledger bench
  warledger bench --n 1000 --out BENCHMARKS.md
"""

BENCH_SERVE_HELP = """\
Measure serving on a big ledger: build a synthetic one (--build), then start the server on 127.0.0.1
(uvicorn, --workers processes), send it --readers concurrent readers of filtered /api/incidents pages
(limit 50; a mix of no filter, a province, a month, an actor, a map box, the review queue, has_problems,
a page deep in the set, a province and a month) until --requests answers or --seconds, whichever comes
first, and print count, errors and p50/p95/p99/max latency; then time the workbench's first render in
headless Chromium (/usr/bin/chromium through Playwright: DOMContentLoaded, table, map points).

The synthetic ledger is invented (places, actors, report texts from templates) and reproducible: the
same --seed writes the same rows.  Only 127.0.0.1 is ever a target.

examples:
  warledger bench-serve --build /tmp/big.db --incidents 100000      builds only
  warledger bench-serve --db /tmp/big.db --readers 50 --requests 5000 --render 5
  warledger bench-serve --db /tmp/big.db --workers 2 --think 1.0 --render 0
  warledger bench-serve --url http://127.0.0.1:8000 --readers 10 --requests 200
"""


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("eval", help="score warledger on gold sets, beside a naive baseline",
                       description=EVAL_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sets", nargs="+", metavar="SET", help="evaluation files (JSON lines with a gold object)")
    p.add_argument("--kind", choices=("acled", "theatres", "airwars", "case", "places"),
                   help="the set kind, when the file name and gold shape do not tell")
    p.add_argument("--limit", type=whole_arg(1), metavar="N", help="score only the first N lines of each set")
    p.add_argument("--half", choices=HALVES,
                   help="score only this half of each set (after --limit): tune, whose lines may be read, or "
                        "check, whose lines are only scored")
    p.add_argument("--errors", type=whole_arg(0), default=0, metavar="N",
                   help="print the N worst cases per field of the tune half: text, gold and output side by side")
    p.add_argument("--confusion", action="store_true", help="print the CASE confusion table")
    p.add_argument("--no-dedup", action="store_true", help="skip cross-report dedup on Airwars English texts")
    p.add_argument("--ceiling", action="store_true",
                   help="also print, for Airwars sets, how many texts any extractor could get right: a text "
                        "with no date anywhere, no figure in Airwars' range or no name of the belligerent cannot "
                        "score (generous upper bounds; see warledger/evaluate/ceiling.py)")
    p.add_argument("--gazetteer", metavar="PATH", help="gazetteer for geocoding (default: built-in)")
    p.add_argument("--out", metavar="FILE",
                   help="also rewrite the marked eval section of this markdown file (e.g. BENCHMARKS.md)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run_eval)

    b = sub.add_parser("bench", help="measure extraction speed beside spaCy",
                       description=BENCH_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--n", type=whole_arg(1), default=2000, metavar="N", help="number of texts (default: %(default)s)")
    b.add_argument("--eval-dir", metavar="DIR",
                   help="folder of the development sets (default: ../shared/data/eval if present)")
    b.add_argument("--no-memory", action="store_true", help="skip tracemalloc (it slows every system down)")
    b.add_argument("--out", metavar="FILE", help="also rewrite the marked bench section of this markdown file")
    b.set_defaults(func=run_bench_cmd)

    s = sub.add_parser("bench-serve", help="measure the API and the workbench on a big (synthetic) ledger",
                       description=BENCH_SERVE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    s.add_argument("--build", metavar="PATH_OR_URL", help="write a synthetic ledger here first (SQLite file or "
                   "postgresql:// URL; must be empty unless --force)")
    s.add_argument("--incidents", type=whole_arg(1), default=100_000, metavar="N",
                   help="incidents --build writes (default: %(default)s)")
    s.add_argument("--seed", type=int, default=7, help="random seed of the ledger and the readers (default: 7)")
    s.add_argument("--force", action="store_true", help="--build may delete what the ledger holds")
    s.add_argument("--db", metavar="PATH_OR_URL", help="the ledger to serve and measure (default: the --build one)")
    s.add_argument("--url", metavar="URL", help="measure a server already running on 127.0.0.1 instead")
    s.add_argument("--workers", type=whole_arg(1), default=1, help="uvicorn worker processes (default: 1)")
    s.add_argument("--readers", type=whole_arg(0), default=50,
                   help="concurrent readers (default: 50; 0: none, e.g. to time only the --walk)")
    s.add_argument("--requests", type=whole_arg(1), default=5000, help="stop after this many requests (default: 5000)")
    s.add_argument("--seconds", type=float, default=120.0, help="... or after this many seconds (default: 120)")
    s.add_argument("--think", type=float, default=0.0, metavar="SECONDS",
                   help="mean pause of each reader between requests (default: 0, back to back)")
    s.add_argument("--render", type=whole_arg(0), default=5, metavar="RUNS",
                   help="first renders of the workbench to time in Chromium (0: none; default: 5)")
    s.add_argument("--walk", type=whole_arg(0), default=0, metavar="REPEAT",
                   help="time each workbench request an analyst makes (map, timeline, table sorts, name lists, "
                   "incident page, review queue, exports) REPEAT times, also right after a write (review "
                   "actions on the ledger, audited as bench-walk; needs --db); 0: none (default)")
    s.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    s.set_defaults(func=run_bench_serve)


def _command_line(args: argparse.Namespace, name: str, positional: str, flags: dict[str, str]) -> str:
    """The command that reproduces this run, rebuilt from its parsed options."""
    words = ["warledger", name] + [shlex.quote(x) for x in getattr(args, positional, [])] if positional else ["warledger", name]
    for attr, flag in flags.items():
        v = getattr(args, attr, None)
        if v is True:
            words.append(flag)
        elif v not in (None, False, 0, ""):
            words += [flag, shlex.quote(str(v))]
    return " ".join(words)


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def run_eval(args: argparse.Namespace) -> int:
    from warledger.evaluate.report import confusion_table, dedup_table, rewrite_section, set_table, worst_cases
    from warledger.evaluate.runner import load_evalset, run_dedup, run_set
    from warledger.geocode import load_geocoder

    if args.errors and args.half == "check":
        raise InputError("--errors lists examples to read, and check-half lines are only scored: "
                         "drop --errors, or use --half tune")
    geocoder = load_geocoder(args.gazetteer)
    blocks: list[str] = []
    for path in args.sets:
        es = load_evalset(path, args.limit, args.kind, args.half)
        run = run_set(es, geocoder, quiet=args.quiet)
        table = set_table(run)
        if es.kind == "case" and args.confusion:
            table += "\nConfusion (rows gold, columns warledger's first record):\n\n" + confusion_table(run.system)
        print(table, flush=True)
        blocks.append(table)
        score = None
        if es.kind == "airwars" and not args.no_dedup and "_ar" not in es.path.name:
            score, note = run_dedup(es, quiet=args.quiet)
            per_half = {h: run_dedup(es.halved(h), quiet=args.quiet)[0] for h in HALVES} if es.half is None else None
            t = dedup_table(score, note, es.name, per_half)
            print(t, flush=True)
            blocks.append(t)
        if es.kind == "airwars" and args.ceiling:
            t = _ceilings(es, run, score, with_dedup=not args.no_dedup and "_ar" not in es.path.name)
            print(t, flush=True)
            blocks.append(t)
        if args.errors:
            print(worst_cases(run, args.errors), flush=True)
    if args.out:
        cmd = _command_line(args, "eval", "sets", {"kind": "--kind", "limit": "--limit", "half": "--half",
                                                   "no_dedup": "--no-dedup",
                                                   "ceiling": "--ceiling",
                                                   "gazetteer": "--gazetteer", "out": "--out"})
        halves_note = ("Halves: 'tune half' and 'check half' are warledger's scores on each half of the set "
                  "(`warledger/evaluate/halves.py`), from the same run; `warledger eval SET --half tune` "
                  "(or `check`) gives the same figures alone.\n\n") if not args.half else ""
        body = (f"Command: `{cmd}`  \nDate: {_stamp()}\n\n"
                "Baseline: the naive regex baseline in `warledger/evaluate/baseline.py` "
                "(first number before \"killed\", first governorate named, first keyword).\n\n"
                + halves_note + "\n".join(blocks))
        rewrite_section(args.out, "eval", body)
        print(f"warledger: rewrote the eval section of {args.out}", file=sys.stderr)
    return 0


def _ceilings(es: Any, run: Any, dedup: Any, with_dedup: bool) -> str:
    from warledger.evaluate.ceiling import airwars_ceilings, ceiling_table, dedup_ceiling
    from warledger.evaluate.runner import dedup_gold

    scores = {k: m.value for k, m in run.system.metrics.items()}
    dc = dedup_ceiling(es.lines, dedup_gold(es)) if with_dedup else None
    f1 = dedup.metrics["pair_f1"].value if dedup is not None else None
    failed = {k: {c.id for c in m.failures} for k, m in run.system.metrics.items()}
    return ceiling_table(es.name, airwars_ceilings(es.lines, failed), scores, dc, f1)


def default_eval_dir() -> Optional[Path]:
    env = os.environ.get("WARLEDGER_SHARED")
    for cand in ([Path(env) / "data" / "eval"] if env else []) + [Path.cwd().parent / "shared" / "data" / "eval",
                                                                  Path(__file__).resolve().parents[3] / "shared" / "data" / "eval"]:
        if cand.is_dir():
            return cand
    return None


def run_bench_cmd(args: argparse.Namespace) -> int:
    from warledger.evaluate.bench import bench_table, run_bench
    from warledger.evaluate.report import rewrite_section

    eval_dir = Path(args.eval_dir) if args.eval_dir else default_eval_dir()
    results, where = run_bench(eval_dir, args.n, memory=not args.no_memory)
    table = bench_table(results)
    print(f"Texts: {where}\n")
    print(table)
    try:
        import resource

        rss = f"process peak RSS (all systems, getrusage): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    except ImportError:  # not on Windows
        rss = ""
    if rss:
        print(rss)
        table += f"\n{rss}\n"
    ours = results[0]
    for r in results[1:]:
        if r.reports:
            print(f"warledger runs at {ours.reports_per_s / r.reports_per_s:.2f}x the speed of {r.name}")
    if args.out:
        cmd = _command_line(args, "bench", "", {"n": "--n", "eval_dir": "--eval-dir", "no_memory": "--no-memory",
                                                "out": "--out"})
        body = (f"Command: `{cmd}`  \nDate: {_stamp()}  \nTexts: {where}\n\n" + table)
        rewrite_section(args.out, "bench", body)
        print(f"warledger: rewrote the bench section of {args.out}", file=sys.stderr)
    return 0


def _walk(url: str, db: Optional[str], repeat: int) -> list[dict[str, Any]]:
    from warledger.evaluate.serve_walk import run_walk, walk_table
    from warledger.store import Ledger

    token = None
    if db:
        with Ledger(db) as ledger:
            token = ledger.create_token("bench-walk")
    steps = run_walk(url, token, repeat, progress=lambda s: print(f"  {s.name}: {s.row()}", file=sys.stderr,
                                                                    flush=True))
    print(walk_table(steps), flush=True)
    return [s.row() for s in steps]


def run_bench_serve(args: argparse.Namespace) -> int:
    import contextlib
    import json

    from warledger.errors import InputError
    from warledger.evaluate.serve_bench import Server, machine, percentile, render_table, run_load, run_render

    out: dict[str, Any] = {"machine_before": machine()}
    if args.build:
        from warledger.evaluate.serve_data import build_ledger

        def tick(n: int) -> None:
            if n % 10_000 < 2_000:
                print(f"  {n} incidents written", file=sys.stderr, flush=True)
        out["build"] = build_ledger(args.build, args.incidents, seed=args.seed, force=args.force, progress=tick)
        print(f"built {args.build}: {out['build']}")
    db = args.db
    if not db and not args.url:
        if args.build:  # --build alone only builds; give --db too (the same ledger) to measure it
            return 0
        raise InputError("bench-serve: give --build PATH (a ledger to write), --db PATH (one to measure) or --url")
    server: Any = contextlib.nullcontext() if args.url else Server(db, workers=args.workers)
    with server as running:
        url = args.url or running.url
        print(f"serving {db or url} at {url} ({args.workers} worker(s)); {machine()}", flush=True)
        if args.readers:
            load = run_load(url, args.readers, args.requests, args.seconds, args.think, args.seed)
            print(load.table(), flush=True)
            for s in load.samples:
                print(f"  error: {s}")
            out["load"] = {"readers": args.readers, "think": args.think, "seconds": round(load.seconds, 1),
                           "overall": load.summary(), "by_query": {k: load.summary(k) for k in load.latencies},
                           "server_own_ms": {"p50": round(1000 * percentile(load.server, 50), 1),
                                             "p99": round(1000 * percentile(load.server, 99), 1)}}
        if args.walk:
            out["walk"] = _walk(url, db, args.walk)
        if args.render:
            rows = run_render(url, args.render)
            print(render_table(rows), flush=True)
            out["render"] = rows
    out["machine_after"] = machine()
    print(out["machine_after"])
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return 0
