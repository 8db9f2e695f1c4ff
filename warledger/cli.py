"""The ``warledger`` command: a thin layer over the library.  Each stage registers its own subcommands
(``warledger/<stage>/commands.py`` defines ``register(subparsers)``); this module only assembles them."""
from __future__ import annotations

import argparse
import importlib
import logging
import sys
from typing import Optional, Sequence

from warledger import __version__
from warledger.errors import WarledgerError, os_message

# module -> the commands it registers: each module defines register(subparsers).  Order = order in --help.
# A call that names a command imports only the module that registers it (the others pull in SQLAlchemy,
# FastAPI, ...: start-up time); help, --version and an unknown word import them all.
STAGES: dict[str, tuple[str, ...]] = {
    "warledger.commands": ("extract", "demo"),
    "warledger.geocode.commands": ("geocode", "gazetteer"),
    "warledger.store.commands": ("ingest", "incidents", "tally", "export", "reconcile"),
    "warledger.store.review_commands": ("correct", "review", "merge", "unmerge", "history", "recheck"),
    "warledger.evaluate.commands": ("eval", "bench", "bench-serve"),
    "warledger.serve.commands": ("serve", "token"),
}

EPILOG = """\
examples:
  warledger demo                                   run the built-in example reports end to end
  warledger extract report.txt --published 2019-11-07
  warledger extract --input reports.jsonl --format jsonl > incidents.jsonl
  warledger ingest --input reports.jsonl --db ledger.db
  warledger tally --db ledger.db --by actor1
  warledger export --db ledger.db --format acled-csv --out ledger.csv

Input reports are JSON lines: {"id": "r1", "text": "...", "published": "2019-11-07"}.
Run 'warledger COMMAND --help' for each command's options.

exit codes: 0 all inputs read (and stored); 1 an input path gave no report (missing, binary, empty,
only unreadable lines), a report not stored, a ledger or output that cannot be opened; 2 a bad argument.
A bad line inside an input that gave reports is named and skipped: no failure.
"""


def _stages_for(argv: Optional[Sequence[str]]) -> list[str]:
    """The modules to import for ``argv``: the one registering its command (the first word that is not an
    option: the global options take no value), else all of them."""
    word = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    return [m for m, commands in STAGES.items() if word in commands] or list(STAGES)


def build_parser(argv: Optional[Sequence[str]] = None) -> argparse.ArgumentParser:
    """The command-line parser; with ``argv``, only the stage that registers its command is imported."""
    parser = argparse.ArgumentParser(
        prog="warledger",
        description="Turn conflict reports into a reconciled ledger of incidents: extract, geocode, "
                    "reconcile, store, tally and export.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what each stage does")
    parser.add_argument("--version", action="version", version=f"warledger {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in _stages_for(argv):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue  # stage not built yet
            raise
        module.register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="warledger: %(levelname)s: %(message)s")
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except WarledgerError as exc:
        print(f"warledger: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `warledger extract ... | head`
        return 0
    except OSError as exc:  # a path the command had to open or write: name it, never a traceback
        print(f"warledger: {os_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("warledger: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
