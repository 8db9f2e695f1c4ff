"""``warledger serve`` (the API and the workbench) and ``warledger token`` (who may write)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from warledger.errors import InputError
from warledger.ingest.args import whole_arg

RAW = argparse.RawDescriptionHelpFormatter
SERVE_HELP = """\
Serve the ledger: a JSON API under /api (described at /docs) and the analyst's workbench at / (map,
timeline, table), /incidents/ID (each report with its evidence highlighted, corrections, history),
/reports/ID (a report's text with every value read from it marked, its incidents, its claims added up),
/claims (the claim checks, mismatches first) and /review (the review queue, usable by keyboard).  Reading is open unless --read-auth; every write
(a correction, a review, a merge or split, posting reports) needs a token:

  warledger token create alice --db ledger.db      prints the token once; the name goes in the audit trail

Nothing is fetched from the internet: scripts, styles and country outlines are served by this process.
Give --tile-url to draw a tile layer under the outlines when you are online.

examples:
  warledger serve --db ledger.db                       then open http://127.0.0.1:8000/
  warledger serve --demo                               the built-in example reports, ready to explore
  warledger serve --db postgresql://warledger@localhost/ledger --host 0.0.0.0 --read-auth
  curl 'http://127.0.0.1:8000/api/incidents?admin1=Idlib&date_from=2019-11-01&limit=10'
  curl -X PATCH -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
       -d '{"field": "killed.civilians", "value": 7, "reason": "second source"}' \\
       http://127.0.0.1:8000/api/incidents/inc-0123456789abcdef
"""
TOKEN_HELP = """\
Tokens let a person write through the API (corrections, reviews, merges, posting reports).  The token is
printed once, alone on the last line; only a hash of it is stored.  Its name is what the audit trail
records as "who".  Creating a token for an existing name replaces that name's token.

examples:
  warledger token create alice --db ledger.db
  warledger token list --db ledger.db
  warledger token revoke alice --db ledger.db
"""


def register(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    p = sub.add_parser("serve", help="serve the API and the analyst's workbench (map, evidence, review)",
                       description=SERVE_HELP, formatter_class=RAW)
    p.add_argument("--db", metavar="PATH_OR_URL", help="the ledger: a SQLite file or postgresql:// URL "
                   "(default: $WARLEDGER_DB, else ledger.db)")
    p.add_argument("--demo", action="store_true",
                   help="build a ledger from the built-in example reports (in --demo-dir) and serve it")
    p.add_argument("--demo-dir", default="warledger-output", metavar="DIR",
                   help="where --demo writes its ledger (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=whole_arg(0, 65535), default=8000, help="port (default: %(default)s)")
    p.add_argument("--read-auth", action="store_true", help="reading the API needs a token too")
    p.add_argument("--tile-url", metavar="URL", help="a tile layer URL template for online use, "
                   "e.g. https://tile.example.org/{z}/{x}/{y}.png (default: none, outlines only)")
    p.add_argument("--max-body", type=whole_arg(1), default=2_000_000, metavar="BYTES",
                   help="largest request body accepted (default: %(default)s)")
    p.set_defaults(func=run_serve)

    t = sub.add_parser("token", help="create, list or revoke API tokens for writing",
                       description=TOKEN_HELP, formatter_class=RAW)
    tsub = t.add_subparsers(dest="token_command", metavar="ACTION")
    for name, helptext in (("create", "a new token for NAME, printed once"), ("revoke", "revoke NAME's token")):
        c = tsub.add_parser(name, help=helptext)
        c.add_argument("name", metavar="NAME", help="who will use the token (recorded in the audit trail)")
        c.add_argument("--db", metavar="PATH_OR_URL")
        c.set_defaults(func=run_token)
    c = tsub.add_parser("list", help="the names that have tokens")
    c.add_argument("--db", metavar="PATH_OR_URL")
    c.set_defaults(func=run_token)

    def group_help(_args: argparse.Namespace) -> int:  # 'warledger token' without an action
        t.print_help()
        return 2
    t.set_defaults(func=group_help)


def _db(args: argparse.Namespace) -> str:
    return args.db or os.environ.get("WARLEDGER_DB") or "ledger.db"


def run_token(args: argparse.Namespace) -> int:
    from warledger.store import Ledger

    with Ledger(_db(args)) as ledger:
        if args.token_command == "create":
            token = ledger.create_token(args.name)
            print(f"token for {args.name!r} on {_db(args)} (shown once; keep it secret):", file=sys.stderr)
            print(token)
        elif args.token_command == "revoke":
            if not ledger.revoke_token(args.name):
                raise InputError(f"no token named {args.name!r} in {_db(args)}")
            print(f"revoked the token of {args.name!r}", file=sys.stderr)
        else:
            for row in ledger.token_names():
                state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
                print(f"{row['name']}\tcreated {row['created_at']}\t{state}")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from warledger.serve.app import create_app
        from warledger.serve.settings import Settings
    except ModuleNotFoundError as exc:
        raise InputError(f"serving needs the optional extra ({exc.name} is missing): "
                         f"pip install 'warledger[serve]'") from exc
    db = _db(args)
    if args.demo:
        from warledger.demo import run as demo_run
        out = Path(args.demo_dir)
        demo_run(out)
        db = str(out / "ledger.db")
    settings = Settings.from_env(db, read_auth=args.read_auth or None, tile_url=args.tile_url,
                                 max_body=args.max_body)
    app = create_app(settings)
    print(f"warledger: serving {db} on http://{args.host}:{args.port}/ (API docs at /docs; Ctrl-C stops)",
          file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
