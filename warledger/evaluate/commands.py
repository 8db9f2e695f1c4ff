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

EVAL_HELP = """\
Score warledger against gold sets and print per-field scores, beside a naive regex baseline.

Each SET is a JSON-lines file of reports in the extraction contract's input format with a "gold"
object per line.  The kind of set is taken from the file name or the gold's shape:
  acled    ACLED notes: fatalities (unknown = 0), date, admin1, admin2, within 10 km, sub-event type,
           actor pair by actor family
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


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score warledger on gold sets, beside a naive baseline",
                       description=EVAL_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sets", nargs="+", metavar="SET", help="evaluation files (JSON lines with a gold object)")
    p.add_argument("--kind", choices=("acled", "airwars", "case", "places"),
                   help="the set kind, when the file name and gold shape do not tell")
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N lines of each set")
    p.add_argument("--half", choices=HALVES,
                   help="score only this half of each set (after --limit): tune, whose lines may be read, or "
                        "check, whose lines are only scored")
    p.add_argument("--errors", type=int, default=0, metavar="N",
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
    b.add_argument("--n", type=int, default=2000, metavar="N", help="number of texts (default: %(default)s)")
    b.add_argument("--eval-dir", metavar="DIR",
                   help="folder of the development sets (default: ../shared/data/eval if present)")
    b.add_argument("--no-memory", action="store_true", help="skip tracemalloc (it slows every system down)")
    b.add_argument("--out", metavar="FILE", help="also rewrite the marked bench section of this markdown file")
    b.set_defaults(func=run_bench_cmd)


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
