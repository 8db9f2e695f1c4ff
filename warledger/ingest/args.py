"""Checks of command-line arguments shared by the commands that read reports or open a ledger.

Nothing given on the command line is silently dropped: a date that cannot be read, a ledger file that
does not exist or an input path that is missing stops the command with a message naming the argument
and saying what to give instead.
"""
from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import Callable, Iterable, Optional

from warledger.errors import InputError
from warledger.record import PUBLISHED_FUTURE

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMERIC_DAY = re.compile(r"^\s*\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}\s*$")


def published_arg(value: str) -> str:
    """``--published``: an ISO date (or datetime), or a date written with a month name ("7 November
    2019", "Nov 7, 2019") -> 'YYYY-MM-DD'.  Anything else is refused; so are all-numeric dates other
    than YYYY-MM-DD, such as 07/11/2019, whose day and month can be read either way."""
    from warledger.ingest.reader import parse_published

    problems: list[str] = []
    day = parse_published(value, "--published", problems)
    if day is None and any(p.startswith(PUBLISHED_FUTURE) for p in problems):
        raise argparse.ArgumentTypeError(f"{value!r}: after tomorrow (UTC): a report cannot be published in the future; "
                                         f"write the day it was published, YYYY-MM-DD")
    if day is None:
        why = ("all-numeric dates other than YYYY-MM-DD are refused (07/11/2019 is 7 November in some countries, "
               "July 11 in others)"
               if _NUMERIC_DAY.match(value) and not _ISO_DAY.match(value.strip())
               else "not a date that exists, in a form warledger reads")
        raise argparse.ArgumentTypeError(f"{value!r}: {why}; write YYYY-MM-DD, e.g. 2019-11-07")
    return day


def iso_date_arg(value: str) -> str:
    """``--from``/``--to``: a calendar date written YYYY-MM-DD (checked to exist)."""
    from datetime import date

    s = value.strip()
    try:
        if not _ISO_DAY.match(s):
            raise ValueError
        return date.fromisoformat(s).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: not a date; write YYYY-MM-DD, e.g. 2019-11-30") from None


def whole_arg(least: int, most: Optional[int] = None) -> Callable[[str], int]:
    """An argparse ``type`` for a whole-number option: ``least`` or more (and ``most`` or less), else refused,
    naming the value (argparse takes "-1" for a value, so a negative count would otherwise run)."""
    def read(value: str) -> int:
        try:
            n = int(value.strip())
        except ValueError:
            n = None
        if n is None or n < least or (most is not None and n > most):
            bound = f"from {least} to {most}" if most is not None else f"of {least} or more"
            raise argparse.ArgumentTypeError(f"{value!r}: write a whole number {bound}")
        return n
    read.__name__ = "whole number"      # argparse names the type in its own messages
    return read


def check_date_order(date_from: str | None, date_to: str | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise InputError(f"--from {date_from} is after --to {date_to}: no incident can match; swap them")


def check_input_paths(paths: Iterable[str]) -> None:
    """Refuse to start when any input path does not exist, naming every missing one (before anything
    is extracted or stored, so that a typo never costs a run)."""
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise InputError(f"{len(missing)} input path{'s' if len(missing) > 1 else ''} not found: "
                         + ", ".join(repr(p) for p in missing)
                         + "; nothing was read. Check the paths (give JSON-lines, text or HTML files, folders, "
                           "or '-' for standard input)")


def existing_ledger(db: str) -> str:
    """A ledger to read from must exist: a SQLite path that is not a file is refused (opening it would
    create an empty ledger and print nothing, or a header-only CSV).  URLs (postgresql://...) pass."""
    path = db[len("sqlite:///"):] if db.startswith("sqlite:///") else db
    if "://" in path or db == ":memory:":
        return db
    p = Path(path)
    if p.is_dir():
        raise InputError(f"ledger database {db!r} is a folder: give the ledger's file (--db FILE or $WARLEDGER_DB)")
    if not p.is_file():
        raise InputError(f"ledger database {db!r} does not exist: check the path given with --db (or "
                         f"$WARLEDGER_DB, default ledger.db), or create it first with 'warledger ingest --db {db} ...'")
    return db
