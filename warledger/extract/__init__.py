"""Extraction: a report's text -> Incident and Claim records with evidence.  (Stub until issue #2 lands.)"""
from __future__ import annotations

from warledger.record import Report


def extract_report(report: Report) -> Report:
    """Append the report's incidents and aggregate claims to ``report.incidents``."""
    return report
