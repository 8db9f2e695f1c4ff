"""The core subcommands: ``warledger extract`` (the contract's command) and ``warledger demo``."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterator, Optional

from warledger.errors import InputError
from warledger.ingest import ReadStats, read_reports
from warledger.ingest.args import check_input_paths, published_arg, whole_arg
from warledger.ingest.progress import count_reports
from warledger.jsonout import RecordWriter
from warledger.record import Report

EXTRACT_HELP = """\
Read reports and print one JSON line per incident or aggregate claim found (see CONTRACT.md).

Input: a JSON-lines file of reports ({"id": "r1", "text": "...", "published": "2019-11-07"}), '-' for
JSON lines on standard input, plain text or HTML files, or folders of them.  Relative dates such as
"yesterday" resolve against each report's "published" date, or --published for plain files.

Report ids: a JSON-lines report keeps its "id" (a line without one is named FILE:LINE); a plain text or
HTML file's id is its path as given (for a file inside a folder given: the folder joined with the file's
path in it, e.g. reports/a/report.txt).  Every input path is checked first: if one does not exist,
nothing is read.  A path that cannot be read is reported, the others are still read, and the exit status
is 1.

examples:
  warledger extract report.txt --published 2019-11-07
  warledger extract --input reports.jsonl --format jsonl > incidents.jsonl
  warledger extract --input reports.jsonl --gazetteer SY.txt --out incidents.jsonl
  warledger extract --input yemen.jsonl --country Yemen      # reports that give no "country" of their own

On a Dask cluster (pip install 'warledger[dask]'): --workers N starts N local worker processes,
--scheduler tcp://HOST:8786 uses a running cluster ('dask scheduler', 'dask worker tcp://HOST:8786').
The input is cut into parts (a document, or --block-lines lines of a JSON-lines file); each worker reads
its parts itself (every worker must see the files under the same path) and writes one shard per part
into --out-dir: part-000000.jsonl, part-000001.jsonl, ... (or .parquet: columns report_id, kind and
record, the JSON line).  Concatenated in order, the JSONL shards are exactly the serial output.  A marker
per shard and manifest.json let a rerun skip every part already done with the same input and options.

  warledger extract --input 'archive/*.jsonl' --workers 2 --out-dir recs/
  cat recs/part-*.jsonl > incidents.jsonl
  warledger extract --input archive/ --scheduler tcp://10.0.0.5:8786 --out-dir recs/ --format parquet
"""


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("extract", help="extract incidents and aggregate claims from reports",
                       description=EXTRACT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE", help="text, HTML or JSON-lines files, or folders")
    p.add_argument("--input", "-i", action="append", default=[], metavar="PATH",
                   help="a JSON-lines file of reports ('-' for standard input); may be repeated")
    p.add_argument("--format", "-f", choices=("jsonl", "json", "parquet"), default="jsonl",
                   help="jsonl: one record a line (default); json: one array; parquet: shards (with --out-dir)")
    p.add_argument("--published", metavar="DATE", type=published_arg,
                   help="publication date for inputs that have none: YYYY-MM-DD, or with the month written out "
                        "('7 November 2019'); all-numeric dates such as 07/11/2019 are refused as ambiguous")
    p.add_argument("--country", metavar="COUNTRY",
                   help="the reports' country (a name or ISO code: Iraq, IQ, IRQ) for inputs that give none; "
                        "default: the country each report's text names, else none")
    p.add_argument("--gazetteer", metavar="PATH",
                   help="GeoNames dump, places TSV or built index (default: $WARLEDGER_GAZETTEER, else built-in)")
    p.add_argument("--out", "-o", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--with-reports", action="store_true",
                   help="also print a line for reports in which nothing was found (kind 'none'), with their problems")
    p.add_argument("--progress", choices=("auto", "on", "lines", "off"), default="auto",
                   help="progress on standard error, once per report: 'auto' (default) draws a bar on a terminal "
                        "and elsewhere prints a summary line about once a minute; 'on' a bar; 'lines' the "
                        "summary lines; 'off' nothing")
    add_cluster_options(p)
    p.add_argument("--out-dir", metavar="DIR",
                   help="with --workers/--scheduler: write one shard per part here, with a manifest (see above)")
    p.set_defaults(func=run_extract)

    d = sub.add_parser("demo", help="run the whole pipeline on the built-in example reports",
                       description="Extract, geocode, reconcile and store the built-in example reports, then "
                                   "write the ledger and its exports to a folder and print where they went.")
    d.add_argument("--out", default="warledger-output", metavar="DIR", help="output folder (default: %(default)s)")
    d.set_defaults(func=run_demo)


def add_cluster_options(p: argparse.ArgumentParser) -> None:
    """--workers, --scheduler and --block-lines (extract and ingest on Dask: pip install 'warledger[dask]')."""
    from warledger.cluster.parts import DEFAULT_BLOCK_LINES

    g = p.add_mutually_exclusive_group()
    g.add_argument("--workers", type=whole_arg(1), metavar="N",
                   help="run on a local Dask cluster of N worker processes (needs warledger[dask])")
    g.add_argument("--scheduler", metavar="URL",
                   help="run on the Dask cluster whose scheduler is at URL, e.g. tcp://10.0.0.5:8786")
    p.add_argument("--block-lines", type=whole_arg(1), default=DEFAULT_BLOCK_LINES, metavar="N",
                   help="on Dask: lines of a JSON-lines file per task (default: %(default)s)")


def iter_inputs(paths: list[str], published: Optional[str], stats: ReadStats,
                country: Optional[str] = None) -> Iterator[Report]:
    """The reports of every path in turn; a path that failed is reported on stderr and recorded in
    ``stats.failed``, and the next path is read.  ``country`` fills reports that give none.

    The one rule of a failed input (README, "Exit codes"): a path given from which no report could be read,
    whatever the reason (binary, empty, only unreadable lines, a folder of such files).  A bad line or document
    inside a path that gave reports is named and skipped, and is no failed input."""
    for path in paths:
        before, said = stats.read, len(stats.messages)
        try:
            for report in read_reports(path, published=published, stats=stats):
                if country and not report.country:
                    report.country = country
                yield report
        except InputError as exc:
            stats.skipped += 1
            stats.messages.append(str(exc))
            stats.failed.append(path)
            print(f"warledger: {exc}", file=sys.stderr)
            continue
        if stats.read == before:
            if len(stats.messages) == said:
                stats.messages.append(f"{path}: no report in it")
                print(f"warledger: {path}: no report in it", file=sys.stderr)
            stats.failed.append(path)


from warledger.ingest.progress import PROGRESS_MODES  # noqa: E402  (re-exported for the other commands)


def progress(it: Iterator[Report], mode: str, desc: str, total: Optional[int] = None) -> Iterator[Report]:
    """``it`` with progress advanced per report (see :mod:`warledger.ingest.progress`)."""
    from warledger.ingest.progress import make_progress

    bar = make_progress(PROGRESS_MODES.get(mode, mode), desc, total)
    if bar is None:
        yield from it
        return
    try:
        for item in it:
            yield item
            bar.update(1)
    finally:
        bar.close()


def run_extract(args: argparse.Namespace) -> int:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process_stream

    paths = list(args.input) + list(args.files)
    if not paths:
        raise InputError("no input: give --input REPORTS.jsonl, '-' for standard input, or a file name "
                         "(see 'warledger extract --help')")
    if args.workers is not None or args.scheduler or args.out_dir:
        return run_extract_cluster(args, paths)
    if args.format == "parquet":
        raise InputError("--format parquet writes shards: give --out-dir DIR with --workers N or --scheduler URL "
                         "(or use 'warledger export --format parquet' on a ledger)")
    check_input_paths(paths)
    total = count_reports(paths) if args.progress != "off" else None
    stats = ReadStats()
    geocoder = load_geocoder(args.gazetteer)
    with RecordWriter(args.out, args.format) as writer:
        for report in progress(process_stream(iter_inputs(paths, args.published, stats, args.country), geocoder),
                               args.progress, "extract", total):
            lines = list(report.records())
            if not lines and args.with_reports:
                lines = [{"report_id": report.id, "kind": "none", "problems": report.problems}]
            for rec in lines:
                writer.write(rec)
    records = writer.count
    print(f"warledger: {stats.read} reports read, {stats.skipped} skipped, {records} records written"
          + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    if stats.read == 0:
        print("warledger: nothing could be read", file=sys.stderr)
        return 1
    if stats.failed:
        print(f"warledger: {len(stats.failed)} input path(s) could not be read or held "
              f"no report: {', '.join(stats.failed)} "
              "(see the messages above; exit 1)", file=sys.stderr)
        return 1
    return 0


def run_extract_cluster(args: argparse.Namespace, paths: list[str]) -> int:
    """``warledger extract --workers N | --scheduler URL --out-dir DIR``: shards written by Dask workers."""
    from warledger.cluster.run import extract_to_shards
    from warledger.cluster.tasks import Options

    if not args.out_dir:
        raise InputError("--workers/--scheduler write shards: give --out-dir DIR (one file per part; "
                         "cat DIR/part-*.jsonl is the serial output)")
    if args.workers is None and not args.scheduler:
        raise InputError("--out-dir needs a Dask cluster: give --workers N (local) or --scheduler tcp://HOST:8786")
    if args.out:
        raise InputError("give --out-dir (shards) or --out (one file), not both")
    fmt = args.format
    if fmt == "json":
        raise InputError("--out-dir writes jsonl or parquet shards; --format json (one array) is for one output")
    gazetteer = args.gazetteer or os.environ.get("WARLEDGER_GAZETTEER") or None
    opts = Options(published=args.published, country=args.country, gazetteer=gazetteer,
                   with_reports=args.with_reports, fmt=fmt)
    s = extract_to_shards(paths, args.out_dir, opts, workers=args.workers, scheduler=args.scheduler,
                          block_lines=args.block_lines, progress=args.progress)
    for msg in s.messages:
        print(f"warledger: {msg}", file=sys.stderr)
    if s.done_before == s.parts:
        print(f"warledger: nothing to do: all {s.parts} parts are already in {args.out_dir} (see its manifest.json)",
              file=sys.stderr)
    else:
        print(f"warledger: {s.parts} parts ({s.done_before} already done); {s.read} reports read, {s.skipped} "
              f"skipped, {s.records} records written to {args.out_dir}", file=sys.stderr)
    if s.failed_paths or s.empty_paths:   # the serial run's words and status (README, "Exit codes")
        failed = s.failed_paths + s.empty_paths
        print(f"warledger: {len(failed)} input path(s) could not be read or held no report: {', '.join(failed)} "
              f"(see the messages above; exit 1)" + ("; run again to retry those that could not be read"
                                                     if s.failed_paths else ""), file=sys.stderr)
        return 1
    if s.parts and s.done_before < s.parts and s.read == 0:
        print("warledger: nothing could be read", file=sys.stderr)
        return 1
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from warledger.demo import run as demo_run
    return demo_run(Path(args.out))
