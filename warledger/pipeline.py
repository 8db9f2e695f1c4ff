"""The pipeline: ingest -> extract -> geocode, one :class:`~warledger.record.Report` at a time.

Each stage adds to the report and never drops what an earlier stage found.  A failure inside one
stage for one report becomes a ``problems`` entry on that report; the stream goes on.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from warledger.record import Report
from warledger.timelimit import DEFAULT_MAX_SECONDS, ReportTimeout, max_seconds, time_limit, time_limit_paused

if TYPE_CHECKING:
    from warledger.geocode import AnyGeocoder

log = logging.getLogger("warledger")
__all__ = ["process", "process_stream", "DEFAULT_MAX_SECONDS", "ReportTimeout", "max_seconds", "time_limit",
           "time_limit_paused"]


def process(report: Report, geocoder: Optional["AnyGeocoder"] = None) -> Report:
    """Clean, extract and geocode one report in place; return it."""
    from warledger.theatre import roots_fixed

    with roots_fixed():  # the theatre folders' variable read once for the report
        return _process(report, geocoder)


def _process(report: Report, geocoder: Optional["AnyGeocoder"]) -> Report:
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
