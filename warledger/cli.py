"""The ``warledger`` command: a thin layer over the library.  Each stage registers its own subcommands
(``warledger/<stage>/commands.py`` defines ``register(subparsers)``); this module only assembles them."""
from __future__ import annotations

import argparse
import importlib
import logging
import re
import sys
from typing import Collection, NoReturn, Optional, Sequence

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


_NEGATIVE_NUMBER = re.compile(r"^-\d+$|^-\d*\.\d+$")   # what argparse reads as a value, not an option


def dash_words(words: Sequence[str], options: Collection[str]) -> list[str]:
    """The words before ``--`` that begin with one '-' and are none of ``options``: argparse read each as an unknown
    option (a value such as ``-1-2-3`` or ``-Foo``), never as the value it was meant as.  A negative number alone
    (``-1``, ``-2.5``) argparse reads as a value, and ``-`` is a value too."""
    words = list(words)
    if "--" in words:
        words = words[:words.index("--")]
    return [w for w in words if len(w) > 1 and w[0] == "-" and w[1] != "-" and not _NEGATIVE_NUMBER.match(w)
            and w.split("=", 1)[0] not in options]


class DashParser(argparse.ArgumentParser):
    """An ArgumentParser whose error, when a word beginning with '-' was taken for an option, names that word and
    says how to pass it as a value (argparse alone says "the following arguments are required" or "expected one
    argument").  ``WORDS`` are the command line's words (:func:`parser_class`)."""

    WORDS: tuple[str, ...] = ()

    def error(self, message: str) -> NoReturn:
        words = list(self.WORDS)
        command = self.prog.split()[-1]
        if command in words and " " in self.prog:      # a subcommand's parser: the words after its name
            words = words[words.index(command) + 1:]
        stray = dash_words(words, self._option_string_actions)
        if stray:
            word = stray[0]
            option = re.match(r"argument (--?[\w-]+)", message)
            how = (f"write {option.group(1)}={word}" if option else
                   f"put it after '--', which ends the options: {self.prog} [OPTIONS] ... -- {word}")
            message += (f"\n{self.prog}: {word!r} begins with '-', so it was read as an option, and there is no such "
                        f"option: to give it as a value, {how}")
        super().error(message)


def parser_class(words: Sequence[str]) -> type[DashParser]:
    """A DashParser class that knows the command line's words; its subcommands' parsers are of the same class."""
    class Parser(DashParser):
        WORDS = tuple(words)
    return Parser


def _stages_for(argv: Optional[Sequence[str]]) -> list[str]:
    """The modules to import for ``argv``: the one registering its command (the first word that is not an
    option: the global options take no value), else all of them."""
    word = next((a for a in argv if not a.startswith("-")), None) if argv is not None else None
    return [m for m, commands in STAGES.items() if word in commands] or list(STAGES)


def build_parser(argv: Optional[Sequence[str]] = None) -> argparse.ArgumentParser:
    """The command-line parser; with ``argv``, only the stage that registers its command is imported."""
    parser = parser_class(sys.argv[1:] if argv is None else argv)(
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
