"""The per-report time limit of extraction (CPU time), and a pause for one-time work inside it.

Below every stage (it imports only the standard library): the pipeline applies the limit, and code that
builds something once on first use (the world gazetteer index, a compiled lexicon) pauses it.  The pause also
keeps the wall-clock seconds such work took (:func:`one_time_seconds`), so that a rate can leave them out.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Iterator

# the most CPU seconds extraction may spend on one report (a pathological text must not stall an
# unattended run); WARLEDGER_MAX_SECONDS overrides it, 0 turns the limit off
DEFAULT_MAX_SECONDS = 30.0


class ReportTimeout(Exception):
    """Extraction of one report ran past the time limit."""


def max_seconds() -> float:
    try:
        return float(os.environ.get("WARLEDGER_MAX_SECONDS", DEFAULT_MAX_SECONDS))
    except ValueError:
        return DEFAULT_MAX_SECONDS


_ONE_TIME = threading.local()      # depth: the outermost pause of a thread is counted
_one_time_total = [0.0]
_one_time_lock = threading.Lock()


def one_time_seconds() -> float:
    """The wall-clock seconds the process has spent so far in one-time work (:func:`time_limit_paused` blocks, the
    outermost of a thread): a rate counts the difference across its run out."""
    with _one_time_lock:
        return _one_time_total[0]


@contextmanager
def _counted() -> Iterator[None]:
    depth = getattr(_ONE_TIME, "depth", 0)
    _ONE_TIME.depth = depth + 1
    t0 = time.perf_counter()
    try:
        yield
    finally:
        _ONE_TIME.depth = depth
        if depth == 0:
            with _one_time_lock:
                _one_time_total[0] += time.perf_counter() - t0


_TIMERS = tuple(getattr(signal, name) for name in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF") if hasattr(signal, name))


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ReportTimeout` in the block after ``seconds`` of the process's CPU time (a profiling timer:
    on a loaded machine a wall-clock alarm fired on reports that run in a second alone, so the same input gave
    different output; the regular-expression engine checks for signals, so a runaway pattern is interrupted too).  Only in the main thread of a
    process (signals are delivered there); elsewhere, and with ``seconds <= 0``, no limit applies."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def _alarm(signum: int, frame: object) -> None:
        raise ReportTimeout(f"extraction took more than {seconds:g} s")

    old = signal.signal(signal.SIGPROF, _alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


@contextmanager
def time_limit_paused() -> Iterator[None]:
    """Inside :func:`time_limit`, stop the clock for the block: one-time work that a report happens to trigger
    (building the world gazetteer index or a lexicon on first use, which can take a minute) is not that report's
    extraction and must not time it out.  Every interval timer of the process is stopped (whichever clock a limit
    counts) and restored after the block with the time it had left and its interval; with none set, or off the
    main thread (where no limit applies), nothing.  The block's wall-clock time is counted in
    :func:`one_time_seconds`."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        with _counted():
            yield
        return
    stopped = [(which, signal.setitimer(which, 0)) for which in _TIMERS]
    try:
        with _counted():
            yield
    finally:
        for which, (left, interval) in stopped:
            if left > 0:
                signal.setitimer(which, left, interval)
