"""Columns of an incident row derived from its merged record, shared by the ledger (which writes them)
and the schema's migrations (which fill them in for rows written before they existed)."""
from __future__ import annotations

import json
from datetime import timedelta
from typing import Any, Optional

from warledger.reconcile.candidates import MATCH_FIELDS, index_columns, match_data
from warledger.reconcile.merge import injured_total
from warledger.reconcile.pairs import pair_facts
from warledger.record import COUNT_CATEGORIES, iso_day, representative_date, tally_value, with_representative_date

__all__ = ["MACHINE_PLACE_KEY", "MATCH_FIELDS", "UNDATED_SORT_KEY", "date_columns", "incident_row", "week_of"]

Rec = dict[str, Any]
UNDATED_SORT_KEY = "9999-99-99"   # sort_key of an incident with no date: after every dated one
MACHINE_PLACE_KEY = "machine_place_problems"  # the geocoder's problems of a place an analyst set (corrections.py)


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


def incident_row(merged: Rec, seq: int) -> dict[str, Any]:
    """The tally/search columns of one merged incident."""
    match = match_data(merged)
    row: dict[str, Any] = {
        "incident_id": merged["incident_id"], "seq": seq, **index_columns(merged), **date_columns(merged),
        "actor1": merged.get("actor1"), "admin1": merged.get("admin1"),
        "admin2": merged.get("admin2"), "sub_event_type": merged.get("sub_event_type"),
        "latitude": merged.get("latitude"), "longitude": merged.get("longitude"),
        "strikes": tally_value(merged.get("strikes")), "n_reports": len(merged.get("reports") or []),
        "country": merged.get("country"), "event_type": merged.get("event_type"), "actor2": merged.get("actor2"),
        "geo_precision": merged.get("geo_precision"), "has_problems": 1 if merged.get("problems") else 0,
        "n_corrections": len(merged.get("reviewed_fields") or []),
        "match_data": json.dumps(match, ensure_ascii=False), "pair_facts": pair_facts(match),
        # the line as readers get it: a range's representative day in event_date (dedup reads match_data)
        "data": json.dumps(with_representative_date(merged), ensure_ascii=False, sort_keys=True),
    }
    killed, injured = merged.get("killed") or {}, merged.get("injured") or {}
    for c in COUNT_CATEGORIES:
        row[f"killed_{c}"] = tally_value(killed.get(c))   # a ceiling alone ("up to 12") adds nothing
        row[f"injured_{c}"] = tally_value(injured.get(c))
    row["killed_total"] = merged.get("fatalities")
    row["injured_total"] = injured_total(injured, merged.get("injured_groups") or [])
    row["sort_key"] = row["event_date"] or row["date_lo"] or UNDATED_SORT_KEY
    row["location"] = merged.get("location")
    return row
