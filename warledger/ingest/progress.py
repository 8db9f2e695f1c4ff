"""Progress of a long run, per report, on standard error.

On a terminal: a tqdm bar with a total and an ETA when the number of reports is known beforehand.
Anywhere else (a log file, a pipe, CI): one line about once a minute, e.g.
``ingest: 12000/100000 reports, 340/s, ETA 3m50s``, so that a long run's log shows it is moving
without filling up with carriage returns.

The total comes from :func:`count_reports`: a byte scan for newlines of each JSON-lines file given,
done only for regular files and only while it stays fast (a time budget); standard input and
compressed files are never counted, and then the progress shows no total.
"""
from __future__ import annotations

import os
import stat
import sys
import time
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Optional, Union

MODES = ("auto", "bar", "lines", "off")
DEFAULT_INTERVAL = 60.0          # seconds between two summary lines on a non-terminal
COUNT_BUDGET = 2.0               # seconds that counting the reports may take before it gives up
_CHUNK = 1 << 22


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    if s >= 60:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s}s"


class Progress:
    """``update(n)`` after each report; ``close()`` at the end.  ``mode``: ``bar`` (tqdm), ``lines``
    (a summary line every ``interval`` seconds), ``off``, or ``auto`` (bar on a terminal, else lines)."""

    def __init__(self, desc: str, total: Optional[int] = None, mode: str = "auto", *,
                 interval: Optional[float] = None, stream: Optional[IO[str]] = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if mode not in MODES:
            raise ValueError(f"progress mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.desc, self.total, self.n = desc, total, 0
        self.stream = stream if stream is not None else sys.stderr
        if mode == "auto":
            mode = "bar" if self.stream.isatty() else "lines"
        self.mode = mode
        env = os.environ.get("WARLEDGER_PROGRESS_INTERVAL")
        self.interval = interval if interval is not None else float(env) if env else DEFAULT_INTERVAL
        self.clock = clock
        self.start = self.last = clock()
        self.bar: Any = None
        if mode == "bar":
            from tqdm import tqdm
            self.bar = tqdm(total=total, desc=desc, unit=" reports", file=self.stream, mininterval=0.5, miniters=1,
                            dynamic_ncols=True)

    def line(self) -> str:
        """The one-line summary: ``ingest: 12000/100000 reports, 340/s, ETA 3m50s``."""
        elapsed = max(self.clock() - self.start, 1e-9)
        rate = self.n / elapsed
        done = f"{self.n}/{self.total}" if self.total else f"{self.n}"
        text = f"{self.desc}: {done} reports, {rate:.0f}/s"
        if self.total and rate > 0:
            text += f", ETA {_duration(max(self.total - self.n, 0) / rate)}"
        return text

    def update(self, n: int = 1) -> None:
        self.n += n
        if self.total and self.n > self.total:  # the total was an estimate (a text split in parts, lines of a
            self.total = None                   # file read otherwise): no "4/1", no ETA, the count alone
            if self.bar is not None:
                self.bar.total = None
        if self.bar is not None:
            self.bar.update(n)
        elif self.mode == "lines":
            now = self.clock()
            if now - self.last >= self.interval:
                self.last = now
                print(self.line(), file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


ProgressArg = Union[bool, str, Progress, None]


# The command line's --progress words and what make_progress calls them.
PROGRESS_MODES = {"auto": "auto", "on": "bar", "lines": "lines", "off": "off"}


def make_progress(progress: Any, desc: str, total: Optional[int] = None) -> Optional[Any]:
    """What ``progress=`` may be: False/None/'off' (none), True/'bar', 'lines', 'auto', or an object with
    ``update(n)`` and ``close()`` (used as it is)."""
    if progress is None or progress is False or progress == "off":
        return None
    if progress is True:
        return Progress(desc, total, "bar")
    if isinstance(progress, str):
        return Progress(desc, total, progress)
    if hasattr(progress, "update") and hasattr(progress, "close"):
        return progress
    raise ValueError(f"progress must be a bool, one of {', '.join(MODES)}, or an object with update() and close()")


def _count_file(path: Path, deadline: float) -> Optional[int]:
    from warledger.ingest.reader import JSONL_SUFFIXES

    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
    except OSError:
        return None
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return None if path.suffix.lower() == ".gz" else 1   # a text or HTML document is one report
    n, last = 0, b"\n"
    with open(path, "rb") as f:
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            n += chunk.count(b"\n")
            last = chunk[-1:]
            if time.monotonic() > deadline:
                return None
    return n + (last != b"\n")


def count_reports(paths: Iterable[str], budget: float = COUNT_BUDGET) -> Optional[int]:
    """About how many reports ``paths`` hold (lines of JSON-lines files, one per document), or None
    when that cannot be known cheaply: standard input, a compressed file, or more than ``budget`` s."""
    deadline = time.monotonic() + budget
    total = 0
    for p in paths:
        if p == "-":
            return None
        path = Path(p)
        files = sorted(f for f in path.rglob("*") if f.is_file() and not f.name.startswith(".")) \
            if path.is_dir() else [path]
        for f in files:
            n = _count_file(f, deadline)
            if n is None or time.monotonic() > deadline:
                return None
            total += n
    return total
