"""Pausing the per-report time limit for one-time work.

:func:`warledger.pipeline.time_limit` stops a report's extraction after so many seconds with an interval timer
(the process's CPU time).  Work that a report merely happens to trigger first (building the world gazetteer index or
a lexicon, which can take a minute) is not that report's, and a build cut by the alarm would start again for the
next report.  The builders (:mod:`warledger.geocode.gazetteer`, :mod:`warledger.lexcache`) sit below the pipeline,
so this lives in a module of its own that imports nothing of warledger's.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

_TIMERS = tuple(getattr(signal, name) for name in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF") if hasattr(signal, name))


@contextmanager
def time_limit_paused() -> Iterator[None]:
    """Stop the interval timers of the process (the one an enclosing :func:`~warledger.pipeline.time_limit` set,
    whichever clock it counts) for the block, and restore each with the time it had left (and its interval) after
    it; with no timer set, or off the main thread (where no limit applies), nothing."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return
    stopped = [(which, signal.setitimer(which, 0)) for which in _TIMERS]
    try:
        yield
    finally:
        for which, (left, interval) in stopped:
            if left > 0:
                signal.setitimer(which, left, interval)
