"""The core subcommands: ``warledger extract`` (the contract's command) and ``warledger demo``."""
from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

from warledger.errors import InputError
from warledger.ingest import ReadStats, read_reports
from warledger.jsonout import RecordWriter
from warledger.record import Report

EXTRACT_HELP = """\
Read reports and print one JSON line per incident or aggregate claim found (see CONTRACT.md).

Input: a JSON-lines file of reports ({"id": "r1", "text": "...", "published": "2019-11-07"}), '-' for
JSON lines on standard input, plain text or HTML files, or folders of them.  Relative dates such as
"yesterday" resolve against each report's "published" date, or --published for plain files.

examples:
  warledger extract report.txt --published 2019-11-07
  warledger extract --input reports.jsonl --format jsonl > incidents.jsonl
  warledger extract --input reports.jsonl --gazetteer SY.txt --out incidents.jsonl
  warledger extract --input yemen.jsonl --country Yemen      # reports that give no "country" of their own
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract incidents and aggregate claims from reports",
                       description=EXTRACT_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE", help="text, HTML or JSON-lines files, or folders")
    p.add_argument("--input", "-i", action="append", default=[], metavar="PATH",
                   help="a JSON-lines file of reports ('-' for standard input); may be repeated")
    p.add_argument("--format", "-f", choices=("jsonl", "json"), default="jsonl",
                   help="jsonl: one record a line (default); json: one array")
    p.add_argument("--published", metavar="DATE", help="publication date (YYYY-MM-DD) for inputs that have none")
    p.add_argument("--country", metavar="COUNTRY",
                   help="the reports' country (a name or ISO code: Iraq, IQ, IRQ) for inputs that give none; "
                        "default: the country each report's text names, else none")
    p.add_argument("--gazetteer", metavar="PATH",
                   help="GeoNames dump, places TSV or built index (default: $WARLEDGER_GAZETTEER, else built-in)")
    p.add_argument("--out", "-o", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--with-reports", action="store_true",
                   help="also print a line for reports in which nothing was found (kind 'none'), with their problems")
    p.add_argument("--progress", choices=("auto", "on", "off"), default="auto",
                   help="progress bar on standard error (auto: only on a terminal)")
    p.set_defaults(func=run_extract)

    d = sub.add_parser("demo", help="run the whole pipeline on the built-in example reports",
                       description="Extract, geocode, reconcile and store the built-in example reports, then "
                                   "write the ledger and its exports to a folder and print where they went.")
    d.add_argument("--out", default="warledger-output", metavar="DIR", help="output folder (default: %(default)s)")
    d.set_defaults(func=run_demo)


def example_reports_path() -> Path:
    return Path(str(resources.files("warledger.examples").joinpath("bulletins.jsonl")))


def iter_inputs(paths: list[str], published: Optional[str], stats: ReadStats,
                country: Optional[str] = None) -> Iterator[Report]:
    for path in paths:
        try:
            for report in read_reports(path, published=published, stats=stats):
                if country and not report.country:
                    report.country = country
                yield report
        except InputError as exc:
            stats.skipped += 1
            stats.messages.append(str(exc))
            print(f"warledger: {exc}", file=sys.stderr)


def progress(it: Iterator[Report], mode: str, desc: str) -> Iterator[Report]:
    if mode == "off" or (mode == "auto" and not sys.stderr.isatty()):
        return it
    from tqdm import tqdm
    return iter(tqdm(it, desc=desc, unit=" reports", file=sys.stderr))


def run_extract(args: argparse.Namespace) -> int:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process_stream

    paths = list(args.input) + list(args.files)
    if not paths:
        raise InputError("no input: give --input REPORTS.jsonl, '-' for standard input, or a file name "
                         "(see 'warledger extract --help')")
    stats = ReadStats()
    geocoder = load_geocoder(args.gazetteer)
    with RecordWriter(args.out, args.format) as writer:
        for report in progress(process_stream(iter_inputs(paths, args.published, stats, args.country), geocoder),
                               args.progress, "extracting"):
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
    return 0


def run_demo(args: argparse.Namespace) -> int:
    from warledger.demo import run as demo_run
    return demo_run(Path(args.out))
