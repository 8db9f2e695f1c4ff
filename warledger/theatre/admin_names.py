"""A first-level unit's name by the record's day, where ACLED's data spells a unit differently in different years
(a bundle's optional ``admin1_periods.tsv``: ``admin1 name start end``, days as YYYY-MM-DD, empty for open)."""
from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Optional

from warledger.errors import InputError
from warledger.theatre import bundle_files, root_key, table_rows

FILE = "admin1_periods.tsv"
COLUMNS = ("admin1", "name", "start", "end")
Row = tuple[str, Optional[date], Optional[date]]


def _day(s: str, where: str) -> Optional[date]:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError as exc:
        raise InputError(f"{where}: {s!r} is not a day (YYYY-MM-DD)") from exc


@lru_cache(maxsize=8)
def _rows(key: tuple[str, ...]) -> dict[tuple[str, str], list[Row]]:
    """(ISO2, admin1) -> (name, first day, last day) rows."""
    out: dict[tuple[str, str], list[Row]] = {}
    for th, path in bundle_files(FILE):
        for n, (admin1, name, start, end) in table_rows(path, COLUMNS):
            where = f"{path} line {n}"
            out.setdefault((th.iso2, admin1), []).append((name, _day(start, where), _day(end, where)))
    return out


def admin1_name(iso2: Optional[str], admin1: Optional[str], day: Optional[date]) -> Optional[str]:
    """``admin1`` as ACLED writes it for a record of ``day`` in country ``iso2`` (unchanged when no row holds it)."""
    if not iso2 or not admin1 or day is None:
        return admin1
    for name, start, end in _rows(root_key()).get((iso2, admin1), ()):
        if (start is None or start <= day) and (end is None or day <= end):
            return name
    return admin1
