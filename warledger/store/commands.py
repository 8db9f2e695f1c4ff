"""The ledger's subcommands: ``ingest``, ``incidents``, ``tally``, ``export`` and ``reconcile``."""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import IO, Any, Iterator, Optional

from warledger.errors import InputError
from warledger.ingest.args import (check_date_order, check_input_paths, existing_ledger, iso_date_arg, published_arg,
                                   whole_arg)
from warledger.jsonout import RecordWriter
from warledger.record import Report

DB_HELP = ("SQLite file or postgresql://user:password@host/dbname (default: $WARLEDGER_DB, else ledger.db); "
           "ingest creates a missing SQLite file, the other commands refuse one")
PROGRESS_HELP = ("progress on standard error, once per report: 'auto' (default) draws a bar on a terminal and "
                 "elsewhere prints a summary line about once a minute; 'on' always a bar; 'lines' always the "
                 "summary lines; 'off' nothing")
RAW = argparse.RawDescriptionHelpFormatter

INGEST_HELP = """\
Extract and geocode reports, store them with their text and content hash, merge reports of the same
incident across sources, and check each report's totals against its parts.

Report ids: a JSON-lines report keeps its "id" (a line without one is named FILE:LINE); a plain text or
HTML file's id is its path as given on the command line (for a file inside a folder given: the folder as
given joined with the file's path in it, e.g. reports/a/report.txt), so a/report.txt and b/report.txt are
two reports.  Give the same paths from the same folder when you ingest the same files again.

Ingesting the same report again changes nothing.  A report whose id is already in the ledger with other
content is NOT replaced: the stored version is kept, the summary counts it as "conflicting, kept", a
W-ID-CONFLICT message names its id, and the exit status is 1.  Use --replace to replace stored versions.

Every input path is checked before anything is read: if one does not exist, nothing is done.  A path that
exists but cannot be read (a binary file, an empty folder) is reported; the others are stored and the
exit status is 1.  Each batch of reports is committed as one transaction: if the run is interrupted, run
the same command again and it continues where the last commit ended.

On a Dask cluster (pip install 'warledger[dask]'), --workers N or --scheduler tcp://HOST:8786: the workers
read, extract and geocode the parts of the input (a document, or --block-lines lines of a JSON-lines file;
every worker must see the files under the same path) and deduplicate them in block tasks with the ledger's
own decision; this process alone stores them in input order, in bulk, so the ledger is the one a serial
ingest builds, whatever the scheduling or the split.

examples:
  warledger ingest --input reports.jsonl --db ledger.db
  warledger ingest --input reports.jsonl --db postgresql://warledger@localhost/ledger
  warledger ingest --input 'archive/*.jsonl' --workers 2 --db ledger.db
"""
TALLY_HELP = """\
Killed and injured by category, incidents and strikes, grouped by one field.  Every ledger incident is
counted once, however many reports describe it; aggregate claims ("16 civilians since the 2nd") are
never added in.

examples:
  warledger tally --db ledger.db --by actor1
  warledger tally --db ledger.db --by month --from 2019-11-01 --to 2019-11-30 --where admin1=Idlib
  warledger tally --db ledger.db --by admin2 --format csv > by-district.csv
"""
EXPORT_HELP = """\
Write the reconciled ledger in another dataset's format.

  acled-csv  ACLED API's 31 columns and conventions (yyyy-mm-dd dates, actor types in words, generated notes)
  ucdp-csv   UCDP GED's columns (best/low/high, deaths_civilians, where_prec, date_prec, side_a/side_b)
  geojson    an RFC 7946 FeatureCollection of points with flat properties (QGIS, GDAL, Leaflet)
  parquet    typed flat columns for DuckDB and pandas (needs: pip install 'warledger[parquet]')
  jsonl      the ledger lines, as 'warledger incidents' prints them

examples:
  warledger export --db ledger.db --format acled-csv --out ledger.csv
  warledger export --db ledger.db --format parquet --out ledger.parquet
"""
RECONCILE_HELP = """\
Show how each aggregate claim of a report ("killed 16 civilians including 5 children") agrees with the
incidents it covers: consistent, mismatch (with both figures and the words behind them) or unchecked.

examples:
  warledger reconcile --db ledger.db                      every stored report
  warledger reconcile --db ledger.db --report r1 --format jsonl
  warledger reconcile --input reports.jsonl               without a ledger: extract and check
"""


def _db(args: argparse.Namespace) -> str:
    return args.db or os.environ.get("WARLEDGER_DB") or "ledger.db"


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH_OR_URL", help=DB_HELP)


def _out(args: argparse.Namespace) -> IO[str]:
    return open(args.out, "w", encoding="utf-8", newline="") if getattr(args, "out", None) else sys.stdout


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("ingest", help="extract, geocode, store and deduplicate reports into the ledger",
                       description=INGEST_HELP, formatter_class=RAW)
    p.add_argument("files", nargs="*", metavar="FILE", help="JSON-lines, text or HTML files, or folders")
    p.add_argument("--input", "-i", action="append", default=[], metavar="PATH",
                   help="a JSON-lines file of reports ('-' for standard input); may be repeated")
    _add_db(p)
    p.add_argument("--published", metavar="DATE", type=published_arg,
                   help="publication date (YYYY-MM-DD) for inputs that have none")
    p.add_argument("--gazetteer", metavar="PATH", help="GeoNames dump, places TSV or built index")
    p.add_argument("--replace", action="store_true",
                   help="a report whose id is already in the ledger with other content replaces the stored "
                        "version (default: keep the stored one and report a W-ID-CONFLICT)")
    p.add_argument("--batch-size", type=whole_arg(1), default=200, metavar="N",
                   help="reports per transaction (default: %(default)s)")
    p.add_argument("--progress", choices=("auto", "on", "lines", "off"), default="auto", help=PROGRESS_HELP)
    from warledger.commands import add_cluster_options
    add_cluster_options(p)
    p.set_defaults(func=run_ingest)

    p = sub.add_parser("incidents", help="print the reconciled ledger, one incident a line",
                       description="Print the reconciled ledger: one merged incident per line, with counts as "
                                   "ranges over what the reports say, incident_id and the ids of its reports.")
    _add_db(p)
    p.add_argument("--format", "-f", choices=("jsonl", "json"), default="jsonl")
    p.add_argument("--no-per-report", "--no-history", dest="no_per_report", action="store_true",
                   help="leave out each incident's per_report list (each report's own figures)")
    p.add_argument("--out", "-o", metavar="FILE", help="write here instead of standard output")
    add_filter_options(p)
    p.set_defaults(func=run_incidents)

    p = sub.add_parser("tally", help="killed, injured, incidents and strikes grouped by actor, place or time",
                       description=TALLY_HELP, formatter_class=RAW)
    _add_db(p)
    p.add_argument("--by", required=True, choices=("actor1", "admin1", "admin2", "day", "week", "month",
                                                   "sub_event_type"))
    p.add_argument("--where", action="append", default=[], metavar="FIELD=VALUE",
                   help="only incidents with this value (actor1, admin1, admin2, sub_event_type, month...); repeatable")
    p.add_argument("--format", "-f", choices=("table", "csv", "json"), default="table")
    add_filter_options(p)
    p.set_defaults(func=run_tally)

    p = sub.add_parser("export", help="write the ledger as ACLED CSV, UCDP GED CSV, GeoJSON, Parquet or JSON lines",
                       description=EXPORT_HELP, formatter_class=RAW)
    _add_db(p)
    from warledger.export.registry import FORMATS   # the registry names the formats
    p.add_argument("--format", "-f", required=True, choices=FORMATS)
    p.add_argument("--out", "-o", metavar="FILE", help="output file (required for parquet; default standard output)")
    add_filter_options(p)
    p.set_defaults(func=run_export)

    p = sub.add_parser("reconcile", help="check each report's totals against its parts",
                       description=RECONCILE_HELP, formatter_class=RAW)
    _add_db(p)
    p.add_argument("--input", "-i", metavar="PATH", help="check these reports without a ledger")
    p.add_argument("--published", metavar="DATE", type=published_arg,
                   help="publication date (YYYY-MM-DD) for inputs that have none")
    p.add_argument("--report", metavar="ID", help="only this report")
    p.add_argument("--problems", action="store_true", help="only mismatches")
    p.add_argument("--format", "-f", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=run_reconcile)


from warledger.ingest.progress import PROGRESS_MODES  # noqa: E402
MAX_MESSAGES = 20  # W-ID-CONFLICT lines printed one by one; beyond this, a count


def _reports(paths: list[str], published: Optional[str]) -> Iterator[Report]:
    from warledger.ingest import read_reports
    for path in paths:
        yield from read_reports(path, published=published)


def _read_db(args: argparse.Namespace) -> str:
    """The ledger a reading command opens: it must exist (a PostgreSQL URL is not checked here)."""
    return existing_ledger(_db(args))


def run_ingest(args: argparse.Namespace) -> int:
    from warledger.commands import iter_inputs
    from warledger.geocode import load_geocoder
    from warledger.ingest import ReadStats
    from warledger.ingest.progress import count_reports
    from warledger.store import Ledger
    from warledger.store.schema import redact

    paths = list(args.input) + list(args.files)
    if not paths:
        raise InputError("no input: give --input REPORTS.jsonl (see 'warledger ingest --help')")
    if args.batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    cluster = args.workers is not None or bool(args.scheduler)
    if not cluster:
        check_input_paths(paths)
    mode = PROGRESS_MODES[args.progress]
    read = ReadStats()
    with Ledger(_db(args)) as ledger:
        if cluster:
            stats = _ingest_cluster(ledger, args, paths, read)
        else:
            total = count_reports(paths) if mode != "off" else None
            # process=None: a report that comes with its record (an ACLED CSV's coded row) is stored as coded
            stats = ledger.ingest(iter_inputs(paths, args.published, read), process=None,
                                  geocoder=load_geocoder(args.gazetteer), batch_size=args.batch_size, progress=mode,
                                  total=total, replace=args.replace)
        for msg in stats.messages[:MAX_MESSAGES]:
            print(f"warledger: {msg}", file=sys.stderr)
        if len(stats.messages) > MAX_MESSAGES:
            print(f"warledger: ... and {len(stats.messages) - MAX_MESSAGES} more messages",
                  file=sys.stderr)
        print(f"warledger: {stats.summary()}; ledger {redact(_db(args))}: {ledger.counts()['incidents']} incidents",
              file=sys.stderr)
    if read.failed:
        print(f"warledger: {len(read.failed)} input path(s) could not be read or held "
              f"no report: {', '.join(read.failed)} "
              f"(see the messages above; exit 1); the other reports were stored", file=sys.stderr)
    return 0 if stats.read and not read.failed and not stats.conflicts and not stats.failed else 1


def _ingest_cluster(ledger: Any, args: argparse.Namespace, paths: list[str], read: Any) -> Any:
    """Extraction on Dask, storing here (see :func:`warledger.cluster.run.ingest_parallel`)."""
    from warledger.cluster.run import ingest_parallel
    from warledger.cluster.tasks import Options

    gazetteer = args.gazetteer or os.environ.get("WARLEDGER_GAZETTEER") or None
    stats, summary = ingest_parallel(ledger, paths, Options(published=args.published, gazetteer=gazetteer),
                                     workers=args.workers, scheduler=args.scheduler, block_lines=args.block_lines,
                                     batch_size=args.batch_size, progress=args.progress, replace=args.replace)
    read.read, read.skipped, read.failed = summary.read, summary.skipped, summary.failed_paths
    return stats


FILTER_FLAGS = {"date_from": "--from", "date_to": "--to", "q": "--search"}   # else --NAME with - for _


def add_filter_options(p: argparse.ArgumentParser) -> None:
    """The filters of the API and the workbench (:data:`warledger.store.query.FILTER_HELP`) as options, checked by
    the same :meth:`Filters.parse`: --country Yemen --from 2019-01-01 --killed civilians --problem W-... ."""
    from warledger.store.query import FILTER_HELP, FLAG_FILTERS

    group = p.add_argument_group("filters (the API's and the workbench's, combined with AND)")
    for name, words in FILTER_HELP.items():
        flag = FILTER_FLAGS.get(name, "--" + name.replace("_", "-"))
        if name in FLAG_FILTERS:   # --merged alone: true
            group.add_argument(flag, dest="filter_" + name, nargs="?", const="true", metavar="true|false", help=words)
        elif name in ("date_from", "date_to"):
            group.add_argument(flag, dest="filter_" + name, metavar="DATE", type=iso_date_arg, help=words)
        else:
            group.add_argument(flag, dest="filter_" + name, metavar=name.upper(), help=words)


def filters_of(args: argparse.Namespace) -> Any:
    """The :class:`warledger.store.query.Filters` the options of :func:`add_filter_options` ask for (None: all)."""
    from warledger.store.query import Filters

    given = {k.removeprefix("filter_"): v for k, v in vars(args).items() if k.startswith("filter_") and v is not None}
    return Filters.parse(given) if given else None


def run_incidents(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    filters = filters_of(args)
    with Ledger(_read_db(args)) as ledger, RecordWriter(args.out, args.format) as writer:
        for line in ledger.incidents(per_report=not args.no_per_report, filters=filters):
            writer.write(line)
    return 0


def parse_where(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        if "=" not in item:
            raise InputError(f"--where {item!r}: write FIELD=VALUE, e.g. --where admin1=Idlib")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


def format_table(rows: list[dict[str, Any]], cols: list[str]) -> str:
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v.rjust(w) if v.isdigit() else v.ljust(w) for v, w in zip(row, widths)))
    return "\n".join(lines)


def run_tally(args: argparse.Namespace) -> int:
    from warledger.store import Ledger
    from warledger.store.periods import periods_note
    from warledger.store.query import Filters
    from warledger.store.tallies import tally_columns, tally_csv

    check_date_order(args.filter_date_from, args.filter_date_to)
    filters = filters_of(args)
    with Ledger(_read_db(args)) as ledger:
        rows = ledger.tally(args.by, filters=filters, where=parse_where(args.where))
    cols = tally_columns(rows, args.by)
    f = filters or Filters()
    note = periods_note(rows, args.by, f.date_from, f.date_to, parse_where(args.where))   # quiet periods as 0
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    elif args.format == "csv":
        sys.stdout.write(tally_csv(rows, args.by))   # the API's format=csv sends the same text (after a BOM)
    else:
        if not rows:
            print("(no incidents match)", file=sys.stderr)
            return 0
        show = [c for c in cols if c in (args.by, "incidents", "reports") or any(r.get(c) for r in rows)]
        if note:
            print(f"({note})")   # the table's caption
        print(format_table(rows, show))
    if note and args.format != "table":
        print(f"({note})", file=sys.stderr)   # the CSV and JSON on standard output stay as they are read
    return 0


def check_export_target(out: str, db: str) -> None:
    """Refuse to write an export over the ledger itself or over any SQLite database."""
    target = os.path.abspath(out)
    if "://" not in db and os.path.abspath(db) in (target, target.removesuffix("-wal"), target.removesuffix("-shm")):
        raise InputError(f"--out {out!r} is the ledger itself: writing the export there would destroy it; "
                         f"choose another file name")
    try:
        with open(target, "rb") as f:
            if f.read(16) == b"SQLite format 3\x00":
                raise InputError(f"--out {out!r} is a SQLite database: not overwriting it with an export; "
                                 f"choose another file name")
    except OSError:
        pass
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise InputError(f"--out {out!r}: the folder {folder!r} does not exist; create it first or choose another "
                         f"path")
    if os.path.isdir(target):
        raise InputError(f"--out {out!r} is a folder: give a file name in it, e.g. {os.path.join(out, 'ledger')}"
                         f"{{.csv,.geojson,...}}")


def run_export(args: argparse.Namespace) -> int:
    from warledger.export import EXPORTERS, export_counts
    from warledger.export.common import NO_DATE_OR_POINT
    from warledger.store import Ledger

    exporter = EXPORTERS[args.format]
    if exporter.binary and not args.out:
        raise InputError(f"{args.format} is a binary format: give --out FILE{exporter.extension}")
    db = _read_db(args)
    if args.out:
        check_export_target(args.out, db)
    reasons: dict[str, int] = {}
    filters = filters_of(args)
    with Ledger(db) as ledger:
        if not args.out:
            n, _ = export_counts(ledger.incidents(modified=True, filters=filters), args.format, out=sys.stdout, reasons=reasons)
        else:  # written beside the target, then renamed: a failed export never leaves half a file
            tmp = f"{args.out}.partial-{os.getpid()}"
            try:
                n, _ = export_counts(ledger.incidents(modified=True, filters=filters), args.format, path=tmp, reasons=reasons)
                os.replace(tmp, args.out)
            except OSError as exc:  # name --out, not the temporary file beside it
                raise InputError(f"--out {args.out!r}: cannot write the export there ({exc.strerror or exc}); "
                                 f"nothing was written: choose a writable folder with room") from exc
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
    print(f"warledger: {n} incidents exported as {args.format}" + (f" to {args.out}" if args.out else ""),
          file=sys.stderr)
    for why, left_out in reasons.items():
        fix = (", or give them a date and a place with 'warledger correct'" if why == NO_DATE_OR_POINT else "")
        many = "incidents" if left_out != 1 else "incident"
        print(f"warledger: W-EXPORT-LEFT-OUT: {left_out} {many} {why} left out of the {args.format} table; "
              f"export them with --format jsonl, geojson or parquet{fix}", file=sys.stderr)
    return 0


def _checks_from_input(args: argparse.Namespace) -> Iterator[dict[str, Any]]:
    from warledger.geocode import default_geocoder
    from warledger.pipeline import process
    from warledger.reconcile import check_report

    for rep in _reports([args.input], args.published):
        if args.report and rep.id != args.report:
            continue
        process(rep, default_geocoder())
        recs = [dict(inc.to_json(rep.id), record_id=f"{rep.id}#{i}") for i, inc in enumerate(rep.incidents)]
        yield from check_report(recs, rep.text)


def run_reconcile(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    if args.input:
        check_input_paths([args.input])
        it: Iterator[dict[str, Any]] = _checks_from_input(args)
        ledger = None
    else:
        ledger = Ledger(_read_db(args))
        it = ledger.checks(args.report)
    counts = {"consistent": 0, "mismatch": 0, "unchecked": 0}
    try:
        for chk in it:
            counts[chk["status"]] = counts.get(chk["status"], 0) + 1
            if args.problems and chk["status"] != "mismatch":
                continue
            if args.format == "jsonl":
                print(json.dumps(chk, ensure_ascii=False))
            else:
                print(f"{chk['report_id']}  {chk['status'].upper():10} {chk['category']:18} {chk['message']}")
                if chk["status"] == "mismatch":
                    for part in chk["parts"]:
                        quotes = "; ".join(repr(e.get("text")) for e in part.get("evidence") or [])
                        print(f"{'':14}part {part['record_id']} at {part.get('place')}: {quotes}")
    finally:
        if ledger is not None:
            ledger.close()
    print("warledger: " + ", ".join(f"{v} {k}" for k, v in counts.items()), file=sys.stderr)
    return 0
