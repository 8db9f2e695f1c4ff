"""A tally as CSV, one text for every reader: ``warledger tally --format csv`` prints it and the API's
``GET /api/tally?format=csv`` sends it (after a BOM, as every CSV download does: Excel reads a CSV without
one in the local code page).  The columns are the tally's own (:meth:`warledger.store.Ledger.tally`), in its
order: the grouping, incidents, reports, strikes, killed and injured by category, and for a time grouping
``ranges_straddling``; an empty cell is a figure no incident of the row states.  A group's name that a
spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is neutralised as every CSV export does it
(:func:`warledger.export.common.csv_safe`)."""
from __future__ import annotations

import csv
import io
from typing import Any

from warledger.export.common import csv_safe


def tally_columns(rows: list[dict[str, Any]], by: str) -> list[str]:
    """The tally's columns: those of its rows, or the grouping and ``incidents`` when nothing matched."""
    return list(rows[0].keys()) if rows else [by, "incidents"]


def tally_csv(rows: list[dict[str, Any]], by: str) -> str:
    """The tally's rows as CSV text (a header line, then one line per group; lines end with a bare newline)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=tally_columns(rows, by), lineterminator="\n")
    w.writeheader()
    w.writerows({k: csv_safe(v) for k, v in row.items()} for row in rows)
    return buf.getvalue()
