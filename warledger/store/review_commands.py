"""The analyst's subcommands without a browser: ``correct``, ``review``, ``merge``, ``unmerge``, ``history``
and ``recheck`` (the problems of stored incidents worked out again with the current code).  Each is a thin layer over :class:`warledger.store.Ledger` (the same calls the API makes) and
leaves the same audit rows, with ``--who`` (default: the login name) as the author."""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Any

from warledger.errors import InputError

RAW = argparse.RawDescriptionHelpFormatter
EXAMPLES = """\
examples:
  warledger correct --db ledger.db inc-0123456789abcdef killed.civilians 7 --reason "hospital list"
  warledger correct --db ledger.db inc-0123456789abcdef killed.civilians 6-7-9 --reason "two sources"
  warledger review --db ledger.db inc-0123456789abcdef accept
  warledger merge --db ledger.db inc-0123456789abcdef inc-fedcba9876543210 --reason "one raid"
  warledger unmerge --db ledger.db inc-0123456789abcdef --records rec-fedcba9876543210
  warledger history --db ledger.db inc-0123456789abcdef
  warledger recheck --db ledger.db
"""


RECHECK_HELP = (
    "Work out every stored incident's problems again from its stored records with the current code (a check added "
    "since the ledger was made reaches its incidents), keeping every analyst's correction and the problems it "
    "answered. Values, reviews and merges are not touched. Each incident whose problems changed gets one audit row "
    "(action 'recheck', by the system, not an analyst); a second run changes nothing. Prints what changed by code.")


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH_OR_URL", help="the ledger (default: $WARLEDGER_DB, else ledger.db)")
    p.add_argument("--who", help="the name the audit trail records (default: your login name)")
    p.add_argument("--reason", help="why (kept in the audit trail)")


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("correct", help="correct one value of an incident (audited)", epilog=EXAMPLES,
                       formatter_class=RAW, description="Correct one value of a ledger incident. The correction "
                       "is an audit row; the corrected value is what tallies, exports and the API show.")
    p.add_argument("incident_id")
    p.add_argument("field", help="e.g. killed.civilians, injured.total, strikes, actor1, event_date, latitude")
    p.add_argument("value", help="a number, low-best-high (6-7-9), text, an ISO date, or 'null' to clear")
    _common(p)
    p.set_defaults(func=run_correct)
    p = sub.add_parser("review", help="accept, reject or reopen an incident", epilog=EXAMPLES, formatter_class=RAW)
    p.add_argument("incident_id")
    p.add_argument("action", choices=("accept", "reject", "reopen"))
    _common(p)
    p.set_defaults(func=run_review)
    p = sub.add_parser("merge", help="merge incidents that are one event (overrides deduplication)",
                       epilog=EXAMPLES, formatter_class=RAW)
    p.add_argument("incident_ids", nargs="+", metavar="INCIDENT_ID", help="the first one is kept")
    _common(p)
    p.set_defaults(func=run_merge)
    p = sub.add_parser("unmerge", help="move records of an incident to a new incident (undo a merge)",
                       epilog=EXAMPLES, formatter_class=RAW)
    p.add_argument("incident_id")
    p.add_argument("--records", nargs="+", required=True, metavar="RECORD_ID",
                   help="the records to move out (see 'warledger history' or the incident's 'records')")
    _common(p)
    p.set_defaults(func=run_unmerge)
    p = sub.add_parser("history", help="an incident's corrections, reviews, merges and splits", epilog=EXAMPLES,
                       formatter_class=RAW)
    p.add_argument("incident_id")
    p.add_argument("--db", metavar="PATH_OR_URL")
    p.set_defaults(func=run_history)
    p = sub.add_parser("recheck", help="work out the problems of stored incidents again with the current code",
                       epilog=EXAMPLES, formatter_class=RAW, description=RECHECK_HELP)
    p.add_argument("--db", metavar="PATH_OR_URL", help="the ledger (default: $WARLEDGER_DB, else ledger.db)")
    p.set_defaults(func=run_recheck)


def _db(args: argparse.Namespace) -> str:
    """The ledger these commands change or read: it must exist (a typo must not create an empty one)."""
    from warledger.ingest.args import existing_ledger

    return existing_ledger(args.db or os.environ.get("WARLEDGER_DB") or "ledger.db")


def _who(args: argparse.Namespace) -> str:
    if args.who:
        return str(args.who)
    try:
        return getpass.getuser()
    except Exception:  # no login name in a container
        return "cli"


def parse_value(field: str, text: str) -> Any:
    """Command-line text -> the value a correction of ``field`` takes."""
    if text.lower() in ("null", "none", ""):
        return None
    counts = field == "strikes" or field.startswith(("killed.", "injured."))
    if counts and text.strip().startswith("-"):
        raise InputError(f"{field}: {text!r}: a count is never negative; write a whole number of 0 or more, "
                         "low-best-high (6-7-9), or 'null' for unknown")
    if counts and text.count("-") == 2:
        parts = [None if p in ("", "?") else p for p in text.split("-")]
        try:
            low, best, high = (None if p is None else int(p) for p in parts)
        except ValueError:
            raise InputError(f"{field}: write low-best-high as whole numbers, e.g. 6-7-9") from None
        return {"low": low, "best": best, "high": high}
    if counts or field in ("fatalities", "geo_precision", "time_precision"):
        try:
            return int(text)
        except ValueError:
            raise InputError(f"{field}: {text!r} is not a whole number") from None
    if field in ("latitude", "longitude"):
        try:
            return float(text)
        except ValueError:
            raise InputError(f"{field}: {text!r} is not a number") from None
    return text


def _print(line: dict[str, Any]) -> None:
    print(json.dumps(line, ensure_ascii=False))


def run_correct(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    with Ledger(_db(args)) as ledger:
        _print(ledger.correct(args.incident_id, args.field, parse_value(args.field, args.value), who=_who(args),
                              reason=args.reason))
    return 0


def run_review(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    with Ledger(_db(args)) as ledger:
        line = ledger.review(args.incident_id, args.action, who=_who(args), reason=args.reason)
    print(f"{args.incident_id}: {line['review_state']}", file=sys.stderr)
    return 0


def run_merge(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    with Ledger(_db(args)) as ledger:
        _print(ledger.merge(args.incident_ids, who=_who(args), reason=args.reason))
    return 0


def run_unmerge(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    with Ledger(_db(args)) as ledger:
        new = ledger.split(args.incident_id, args.records, who=_who(args), reason=args.reason)
    print(f"moved {len(args.records)} record(s) to the new incident {new['incident_id']}", file=sys.stderr)
    _print(new)
    return 0


def run_history(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    with Ledger(_db(args)) as ledger:
        ledger.incident(args.incident_id)
        for row in ledger.history(args.incident_id):
            _print(row)
    return 0


def run_recheck(args: argparse.Namespace) -> int:
    from warledger.store import Ledger
    from warledger.store.recheck import recheck

    with Ledger(_db(args)) as ledger:
        done = recheck(ledger, progress=lambda n: print(f"{n} incidents checked", file=sys.stderr))
    print(f"{done['incidents']} incidents checked, {done['changed']} with problems changed", file=sys.stderr)
    for key, verb in (("added", "raised"), ("removed", "dropped")):
        for code, n in done[key].items():
            print(f"  {verb} {code}: {n}", file=sys.stderr)
    _print(done)
    return 0
