"""warledger: turn conflict reports into a reconciled ledger of incidents.

Library API (what the CLI is a thin layer over)::

    import warledger
    incidents = warledger.extract(text, published="2019-11-07")
    from warledger import Ledger
    ledger = Ledger("ledger.db"); ledger.ingest(reports); ledger.tally(by="actor1")
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from warledger.record import Counts, Damage, Evidence, GroupCount, Incident, Place, Range, Report

__version__ = "0.1.0"
__all__ = ["extract", "Ledger", "Report", "Incident", "Evidence", "Range", "Counts", "Place", "GroupCount", "Damage"]

if TYPE_CHECKING:
    from warledger.store import Ledger


def extract(text: str, published: Optional[str] = None, *, report_id: str = "report",
            gazetteer: Optional[str] = None, source: Optional[str] = None) -> list[Incident]:
    """Extract incidents and aggregate claims from one report's text (plain text or HTML).

    ``published`` (ISO date) is what relative dates ("yesterday") resolve against.
    ``gazetteer`` is a gazetteer file or built index; without it the built-in one is used.
    """
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process

    report = Report(id=report_id, text=text, published=published, source=source)
    process(report, load_geocoder(gazetteer))
    return report.incidents


def __getattr__(name: str) -> Any:
    if name == "Ledger":
        from warledger.store import Ledger
        return Ledger
    raise AttributeError(name)
