"""Every period of a date range in a time tally.  A tally by day, week or month lists the periods that hold
incidents; given a range (``--from``/``--to``, the API's and the page's ``date_from``/``date_to``), it lists every
period of the range, those with no incident as zero rows, so a quiet week is a row saying 0, as the page's chart
draws it, not a row left out.  Without a range a tally lists only the periods with incidents (a ledger's first and
last incident may be decades apart).  A missing bound of the range is the first or last period that holds incidents;
a row outside the range (an incident known by a range that overlaps it, placed on its middle day) stays."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Optional

from warledger.errors import InputError
from warledger.store.rows import week_of

Rec = dict[str, Any]
TIME_GROUPINGS = ("day", "week", "month")
DATE_WHERE = {"event_date", "week", "month"}   # a tally's exact-value filters that name one period
MAX_PERIODS = 20_000   # about 55 years of days: a longer range by day is refused (choose week or month)


def period_of(by: str, day: str) -> str:
    """The period (a day, the Monday of its ISO week, or 'YYYY-MM') an ISO day falls in."""
    return day if by == "day" else (str(week_of(day)) if by == "week" else day[:7])


def periods_between(by: str, first: str, last: str) -> list[str]:
    """Every period from the one ``first`` names to the one ``last`` names (periods as :func:`period_of` gives them,
    a month as 'YYYY-MM'), in order; refused past MAX_PERIODS."""
    lo = date.fromisoformat(first + "-01" if by == "month" else first)
    hi = date.fromisoformat(last + "-01" if by == "month" else last)
    out: list[str] = []
    while lo <= hi:
        if len(out) >= MAX_PERIODS:
            raise InputError(f"a tally by {by} from {first} to {last} has more than {MAX_PERIODS} rows: "
                             f"tally by a longer period (week or month) or give a shorter range")
        if by == "month":
            out.append(lo.isoformat()[:7])
            lo = date(lo.year + lo.month // 12, lo.month % 12 + 1, 1)
        else:
            out.append(lo.isoformat())
            lo += timedelta(days=1 if by == "day" else 7)
    return out


def range_of(rows: list[Rec], by: str, date_from: Optional[str], date_to: Optional[str],
             where: Optional[dict[str, str]] = None) -> Optional[tuple[str, str]]:
    """The first and last period a time tally lists every period between (None: not a time tally, no range
    given, one period asked for by ``where`` (a day, week or month), or a bound missing with no dated row to take
    it from)."""
    if by not in TIME_GROUPINGS or not (date_from or date_to) or set(where or {}) & DATE_WHERE:
        return None
    dated = sorted(str(r[by]) for r in rows if r.get(by) is not None)
    lo = period_of(by, date_from) if date_from else (dated[0] if dated else None)
    hi = period_of(by, date_to) if date_to else (dated[-1] if dated else None)
    return (lo, hi) if lo and hi and lo <= hi else None


def every_period(rows: list[Rec], by: str, columns: list[str], date_from: Optional[str], date_to: Optional[str],
                 where: Optional[dict[str, str]] = None) -> list[Rec]:
    """``rows`` (a tally by ``by``, oldest first, undated last) with a zero row (every one of ``columns`` 0 but
    the period) for each period of the range (:func:`range_of`) that holds no incident; ``rows`` as they are
    when there is no such range."""
    span = range_of(rows, by, date_from, date_to, where)
    if span is None:
        return rows
    have = {str(r[by]): r for r in rows if r.get(by) is not None}
    periods = sorted(set(periods_between(by, *span)) | set(have))
    return [have.get(p) or {by: p, **{c: 0 for c in columns}} for p in periods] + [r for r in rows if r.get(by) is None]


def periods_note(rows: list[Rec], by: str, date_from: Optional[str], date_to: Optional[str],
                 where: Optional[dict[str, str]] = None) -> Optional[str]:
    """What a tally with every period listed says of it ("every month from 2019-10 to 2019-12 is listed: 1 with no
    incident, as a zero row"); None when the tally lists only the periods with incidents."""
    span = range_of(rows, by, date_from, date_to, where)
    if span is None:
        return None
    empty = sum(1 for r in rows if r.get(by) is not None and not r.get("incidents"))
    return (f"every {by} from {span[0]} to {span[1]} is listed: {empty} with no incident, "
            f"as {'a zero row' if empty == 1 else 'zero rows'}")
