"""The pipeline: ingest -> extract -> geocode, one :class:`~warledger.record.Report` at a time.

Each stage adds to the report and never drops what an earlier stage found.  A failure inside one
stage for one report becomes a ``problems`` entry on that report; the stream goes on.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Iterable, Iterator, Optional

from warledger.record import Report

if TYPE_CHECKING:
    from warledger.geocode import Geocoder

log = logging.getLogger("warledger")


def process(report: Report, geocoder: Optional["Geocoder"] = None) -> Report:
    """Clean, extract and geocode one report in place; return it."""
    from warledger.extract import extract_report
    from warledger.geocode import geocode_report, default_geocoder
    from warledger.ingest.clean import clean_report

    clean_report(report)
    try:
        extract_report(report)
    except Exception as exc:  # one broken report never stops a run
        log.exception("extraction failed for %s", report.where())
        report.problems.append(f"extraction failed: {type(exc).__name__}: {exc}")
    try:
        geocode_report(report, geocoder if geocoder is not None else default_geocoder())
    except Exception as exc:
        log.exception("geocoding failed for %s", report.where())
        report.problems.append(f"geocoding failed: {type(exc).__name__}: {exc}")
    for inc in report.incidents:
        for p in report.problems:
            if p not in inc.problems:
                inc.problems.append(p)
    return report


def process_stream(reports: Iterable[Report], geocoder: Optional["Geocoder"] = None) -> Iterator[Report]:
    for report in reports:
        yield process(report, geocoder)
