"""The pipeline: ingest -> extract -> geocode, one :class:`~warledger.record.Report` at a time.

Each stage adds to the report and never drops what an earlier stage found.  A failure inside one
stage for one report becomes a ``problems`` entry on that report; the stream goes on.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from warledger.record import Report

if TYPE_CHECKING:
    from warledger.geocode import AnyGeocoder

log = logging.getLogger("warledger")

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


def process(report: Report, geocoder: Optional["AnyGeocoder"] = None) -> Report:
    """Clean, extract and geocode one report in place; return it."""
    from warledger.extract import extract_report
    from warledger.geocode import geocode_report, default_geocoder
    from warledger.ingest.clean import clean_report

    clean_report(report)
    try:
        with time_limit(max_seconds()):
            extract_report(report)
    except ReportTimeout as exc:  # what was read before the alarm may be half a record: keep none of it
        report.incidents = []
        report.problems.append(f"E-EXTRACT-TIMEOUT: {exc} (set WARLEDGER_MAX_SECONDS to allow more); "
                               f"the report is kept with its text and no records")
    except Exception as exc:  # one broken report never stops a run
        log.exception("extraction failed for %s", report.where())
        report.problems.append(f"E-EXTRACT-FAILED: extraction failed: {type(exc).__name__}: {exc}")
    try:
        geocode_report(report, geocoder if geocoder is not None else default_geocoder())
    except Exception as exc:
        log.exception("geocoding failed for %s", report.where())
        report.problems.append(f"E-GEOCODE-FAILED: geocoding failed: {type(exc).__name__}: {exc}")
    for inc in report.incidents:
        for p in report.problems:
            if p not in inc.problems:
                inc.problems.append(p)
    return report


def process_stream(reports: Iterable[Report], geocoder: Optional["AnyGeocoder"] = None) -> Iterator[Report]:
    for report in reports:
        yield process(report, geocoder)
