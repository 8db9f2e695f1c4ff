"""Deduplication that does not depend on the order reports arrive in.

Placing each record in the best incident *so far* (greedy, :func:`warledger.reconcile.candidates.decide`) makes
the ledger depend on arrival: with three reports where A and B tell one event, B and C one event, but A and C
nothing in common, A-B-C gives {A, B} {C} and C-B-A gives {A} {B, C} (or, with an incident's date and place
widened by its first member, one incident or two).  So when a record *links* existing incidents (it would join
one of them, or one of their member records would take it: :func:`links`), those incidents' records and the
new one are placed again, all of them, in one order that depends only on their content (:func:`canonical_key`:
the first day of the record's window, then its content-derived id), with the same decision as ever
(:class:`warledger.reconcile.candidates.BlockLedger`).  Which records are together no longer depends on the
arrival; an incident's *name* still does (its first stored record's: ids and URLs stay as they were).  Each
settling regroups only the incidents one record links, so the result is not a component placed in content
order at once: the Dask block tasks replay these steps record by record (:mod:`warledger.reconcile.replay`),
so both ingests agree.

Left as they were (the greedy decision): incidents an analyst touched (a correction, a merge, a split, a
"not the same event", a hold): analysts' decisions are not re-opened by a new report.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Optional, Sequence

import dataclasses
from datetime import date, timedelta

from warledger.reconcile.candidates import BlockLedger, Lookup
from warledger.reconcile.dedup import MAX_EVIDENCE_WINDOW_DAYS, date_window, match_score

TEXT_PLACE_CODE = "W-DEDUP-TEXT-PLACE:"

Rec = dict[str, Any]


# a record linking more incidents than this is placed by the greedy decision alone (a runaway chain's bound)
MAX_LINKED = 12
# how much wider than a record's own lookup the incidents it may link are looked up: an incident is indexed by its
# best-dated member's window, and a member a record pairs with may lie a window away from it
REACH_DAYS = MAX_EVIDENCE_WINDOW_DAYS + 1


def widened(lk: Lookup, days: int = REACH_DAYS) -> Lookup:
    """The same lookup over a date window ``days`` wider on each side."""
    def shift(day: str, n: int) -> str:
        return (date.fromisoformat(day) + timedelta(days=n)).isoformat()
    return dataclasses.replace(lk, earliest=shift(lk.earliest, -days), lo=shift(lk.lo, -days), hi=shift(lk.hi, days))


def canonical_key(rec: Rec) -> tuple[str, str]:
    """The order records are placed in: the first day of the record's date window ("" when none), then its id
    (a hash of its report's id and content and its place in the report: no arrival order in it)."""
    win = date_window(rec)
    return (win[0].isoformat() if win else "", str(rec.get("record_id") or ""))


Window = Optional[tuple[date, date]]


def overlap(a: Window, b: Window) -> bool:
    """True when both date windows are known and share a day: :func:`match_score` of two records is None unless
    their windows (:func:`warledger.reconcile.dedup.date_window`) overlap, whichever way round it is asked
    (its date evidence demands it), so a pair whose windows do not is never scored."""
    return a is not None and b is not None and a[0] <= b[1] and b[0] <= a[1]


def links(rec: Rec, incident: Rec, members: Iterable[Rec], window_of: Callable[[Rec], Window] = date_window) -> bool:
    """True when ``rec`` would join ``incident`` (its merged line) or pairs with one of its member records
    either way round: the incident's grouping may then change with ``rec``.  A member whose date window
    (``window_of``: :func:`date_window`, or a caller's store of it) does not meet ``rec``'s cannot pair with it
    (:func:`overlap`) and is not scored."""
    if match_score(rec, incident) is not None:
        return True
    win = window_of(rec)
    return any(match_score(rec, m) is not None or match_score(m, rec) is not None
               for m in members if overlap(win, window_of(m)))


def linked_incidents(rec: Rec, found: Iterable[Rec], members_of: Callable[[str], list[Rec]],
                     window_of: Callable[[Rec], Window] = date_window) -> Optional[dict[str, list[Rec]]]:
    """The incidents of ``found`` (merged lines) that ``rec`` links (:func:`links`), each with its member records
    (``members_of(incident id)``: read only for an incident of several reports, or one it links); None when it links
    none or more than :data:`MAX_LINKED` (the greedy decision stands).  The database ledger
    (:func:`warledger.store.settle.settle`) and the Dask tasks' replay (:mod:`warledger.reconcile.replay`) both ask
    this, so they link alike; the replay hands ``window_of`` its store of each record's window."""
    found_links: dict[str, list[Rec]] = {}
    for inc in found:
        multi = len(inc.get("reports") or []) > 1
        members = members_of(inc["incident_id"]) if multi else []
        if links(rec, inc, members, window_of):
            found_links[inc["incident_id"]] = members or members_of(inc["incident_id"])
    if not found_links or len(found_links) > MAX_LINKED:
        return None
    return found_links


def regroup(recs: Sequence[Rec]) -> dict[str, tuple[str, Optional[str]]]:
    """Record id -> (incident id, the problem the record gains: :func:`warledger.reconcile.candidates.decide`),
    the records placed in :func:`canonical_key` order by the ledger's decision; each incident named after its
    member that comes first in ``recs`` (the stored order: an incident keeps the id it had, and its URL).  A
    place-less record needs its report's words (:data:`warledger.reconcile.dedup.TEXT_KEY`) to meet a place."""
    ledger = BlockLedger()
    placed: dict[str, tuple[str, Optional[str]]] = {}
    for rec in sorted(recs, key=canonical_key):
        placed[rec["record_id"]] = ledger.place(dict(rec))
    name: dict[str, str] = {}
    for rec in recs:
        name.setdefault(placed[rec["record_id"]][0], "inc-" + rec["record_id"][4:])
    return {rid: (name[iid], note) for rid, (iid, note) in placed.items()}


def with_note(problems: Iterable[str], note: Optional[str]) -> list[str]:
    """A record's problems with its old text-place note (:data:`TEXT_PLACE_CODE`) replaced by ``note``."""
    kept = [p for p in problems if not p.startswith(TEXT_PLACE_CODE)]
    return kept + [note] if note else kept
