"""The map's area as a filter (``bbox=W,S,E,N``): the list page's "Only the map's area" button puts the map's
view in the URL, and every page with the filter bar (/, /tally, /duplicates) shows it with a way to clear
it and says how many incidents it leaves out for having no coordinates (a box holds only placed ones).  The
dates filter likewise says how many it leaves out for having no date (a range of days holds only dated ones)."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Optional
from urllib.parse import urlencode

from starlette.requests import Request

from warledger.store.query import Filters


def unplaced_left_out(ledger: Any, f: Filters) -> Optional[int]:
    """How many incidents the other filters keep that the map's area leaves out for having no coordinates
    (None when no area is asked, or when the list is of the unplaced already)."""
    if not f.bbox or f.placed is False:
        return None
    return int(ledger.page(replace(f, bbox=None, placed=False), limit=1)[1])


def without(request: Request, *names: str) -> str:
    """This page's query string without ``names`` (and without ``offset``: the list starts again), as
    "?..." for a link that clears a filter and keeps the rest (the grouping of /tally, the sort of /)."""
    drop = set(names) | {"offset"}
    kept = [(k, v) for k, v in request.query_params.multi_items() if k not in drop]
    return "?" + urlencode(kept)


def unplaced_list(f: Filters) -> str:
    """The list page of the incidents the area left out: the other filters, with no coordinates."""
    return "/?" + urlencode(dict(replace(f, bbox=None, placed=False).as_params()))


def area_context(ledger: Any, f: Filters) -> Optional[dict[str, Any]]:
    """What the filter bar says of the map's area: the box, how many it leaves out for having no coordinates,
    and the link listing those; None without an area."""
    if not f.bbox:
        return None
    x0, y0, x1, y1 = f.bbox
    return {"bbox": f.as_params()["bbox"], "words": f"longitude {x0:g} to {x1:g}, latitude {y0:g} to {y1:g}",
            "left_out": unplaced_left_out(ledger, f), "list": unplaced_list(f)}


def dates_context(ledger: Any, f: Filters) -> Optional[dict[str, Any]]:
    """What the filter bar says of a dates filter: how many incidents the other filters keep that it leaves out
    for having no date, and the link listing those; None without dates (or on the list of the undated)."""
    if not (f.date_from or f.date_to) or f.dated is False:
        return None
    undated = replace(f, date_from=None, date_to=None, dated=False)
    return {"left_out": int(ledger.page(undated, limit=1)[1]), "list": "/?" + urlencode(dict(undated.as_params()))}
