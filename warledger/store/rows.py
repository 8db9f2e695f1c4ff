"""Columns of an incident row derived from its merged record, shared by the ledger (which writes them)
and the schema's migrations (which fill them in for rows written before they existed)."""
from __future__ import annotations

from datetime import timedelta
from typing import Any, Optional

from warledger.reconcile.candidates import MATCH_FIELDS
from warledger.record import iso_day, representative_date

__all__ = ["MATCH_FIELDS", "date_columns", "week_of"]


def week_of(d: Optional[str]) -> Optional[str]:
    """The Monday of the ISO week of a 'YYYY-MM-DD...' day (None when there is no readable day)."""
    day = iso_day(d)
    return (day - timedelta(days=day.weekday())).isoformat() if day else None


def date_columns(merged: dict[str, Any]) -> dict[str, Optional[str]]:
    """The date columns tallies and filters use.  ``event_date`` is the day the reports name, or for an
    incident known only by a range the day inside it that ACLED would code (its middle:
    :func:`warledger.record.representative_date`), so a range is counted in a period it lies in; ``week``
    and ``month`` follow that day.  ``range_start``/``range_end`` keep what the reports state."""
    rng = merged.get("date_range")
    rep, _ = representative_date(merged.get("event_date"), rng)
    start = end = rep if not merged.get("date_range") else None
    if rng and len(rng) == 2 and rng[0] and rng[1]:
        start, end = str(rng[0])[:10], str(rng[1])[:10]
    return {"event_date": rep, "week": week_of(rep), "month": rep[:7] if rep else None,
            "range_start": start, "range_end": end}
