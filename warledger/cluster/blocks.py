"""Deduplication in blocks: which records could ever meet, cut into independent groups that Dask tasks place
with the ledger's own lookup and decision (:mod:`warledger.reconcile.candidates`), so that the ledger a Dask
ingest builds is the one a serial ingest builds, record for record.

Serial ingest places each record, in the order it stores them (input order, then the record's ordinal), in
the best-matching incident of the ledger so far.  Its decision on a record depends only on the incidents that
*could* match it, so the records fall into *components*: two records are linked when they could ever be
compared (:func:`could_meet`: positive place evidence between them, or one's report naming the other's
place, within :data:`LINK_GAP_DAYS`), and a component is what their links join.  An incident's members all
lie in one component, and a record's decision reads only incidents of its own component; so placing each
component alone, in the stored order, gives every record the decision serial ingest gives it.  Records
that can never match (:func:`warledger.reconcile.dedup.can_ever_match`: undated, a vague date, a stub, one
of several places) are components of one, placed without a task.

A component whose records share one (country, admin1, month) is placed by that block's task; the rest (a
place-less record named by places in several blocks, windows across a month's edge, one place geocoded to
two admin1 units) by the *residual* tasks.  Nothing here imports Dask.
"""
from __future__ import annotations

import bisect
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Optional, Sequence

from warledger.reconcile.candidates import BlockLedger, lookup_of
from warledger.reconcile.replay import ReplayLedger
from warledger.reconcile.dedup import (CODED_KEY, CODED_RULE, MAX_EVIDENCE_WINDOW_DAYS, NEAR_KM, TEXT_KEY, date_window,
                                       is_area, place_evidence, place_keys, several_places, skeleton, stub_reason,
                                       text_names_place, text_place_pair, toponym_words)

Rec = dict[str, Any]
Decision = tuple[str, Optional[str]]

# What a block task needs of a record: the fields match_score reads of a record and of a merged incident, and
# every field merge_records derives those from (votes add problems; the date's evidence says if it is relative).
SLIM_FIELDS = ("record_id", "report_id", "kind", "ordinal", "published", "event_date", "date_range",
               "time_precision", "location", "place_phrase", "latitude", "longitude", "geo_precision", "where_prec",
               "admin1", "admin2", "admin3", "country", "actor1", "actor2", "event_type", "sub_event_type", "weapon",
               "fatalities", "killed", "killed_groups", "problems", TEXT_KEY, CODED_KEY)
# An incident's date is its best-dated member's (merge_records' ``when``), which changes only to a better
# (time precision, has a day) key: at most 6 keys, each a member's window of at most MAX_EVIDENCE_WINDOW_DAYS
# overlapping the one before.  So a record that matches an incident is within this many days of the member
# that gave the incident its place, and a link needs no more.
WHEN_KEYS = 6
LINK_GAP_DAYS = WHEN_KEYS * (MAX_EVIDENCE_WINDOW_DAYS + 1)
CELL_DEG = 0.1


def slim(rec: Rec) -> Rec:
    """The part of a stored record (:func:`warledger.store.bulk.report_records`) a block task reads."""
    out = {k: rec[k] for k in SLIM_FIELDS if k in rec}
    # the date's evidence (is it relative?) and a coder's line (a coded dataset's row: dedup.coded_row)
    out["evidence"] = [e for e in rec.get("evidence") or ()
                       if e.get("field") == "event_date" or str(e.get("rule") or "").startswith(CODED_RULE)]
    return out


def planned(rec: Rec) -> Rec:
    """What the planner needs of a stored record: its slim form (:func:`slim`) when it could ever match, else
    its id alone (most records: undated, a vague date, a stub; each is a component of one, whose decision
    needs nothing but the id).  This keeps the client's memory for a million records in the hundreds of MB."""
    return slim(rec) if lookup_of(rec) is not None else {"record_id": rec["record_id"]}


def _window(rec: Rec) -> Optional[tuple[int, int]]:
    win = date_window(rec)
    return (win[0].toordinal(), win[1].toordinal()) if win else None


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def could_meet(a: Rec, b: Rec) -> bool:
    """True when one of the records could ever join an incident the other gave its place to: positive place
    evidence (either way round) or one's report naming the other's place (the dates are checked apart)."""
    pair = text_place_pair(a, b)
    if pair is not None:
        return text_names_place(*pair)
    if stub_reason(a) or stub_reason(b):
        return False
    return bool(place_evidence(a, b)[0] or place_evidence(b, a)[0])


class _Sets:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _pairs(recs: Sequence[Rec], wins: list[Optional[tuple[int, int]]], live: list[int]) -> Iterable[tuple[int, int]]:
    """Pairs of records that may meet: same place-name skeleton, precise coordinates within :data:`NEAR_KM`,
    or a place-less record whose report has a placed record's toponym among its words."""
    by_name: dict[str, list[int]] = defaultdict(list)
    by_cell: dict[tuple[int, int], list[int]] = defaultdict(list)
    by_toponym: dict[str, list[int]] = defaultdict(list)
    placeless: list[int] = []
    for i in live:
        r = recs[i]
        if stub_reason(r) == "no place":
            placeless.append(i)
            continue
        if is_area(r) or several_places(r):
            continue
        for k in {skeleton(k) for k in place_keys(r)}:
            by_name[k].append(i)
        if r.get("latitude") is not None and r.get("geo_precision") in (1, 2):
            by_cell[(math.floor(r["latitude"] / CELL_DEG), math.floor(r["longitude"] / CELL_DEG))].append(i)
        name = toponym_words(r)
        if name:
            by_toponym[name].append(i)
    for group in by_name.values():
        yield from _close_in_time(group, wins)
    for (cy, cx), group in by_cell.items():
        lat = (cy + 0.5) * CELL_DEG
        reach = NEAR_KM / (111.0 * max(math.cos(math.radians(min(abs(lat) + CELL_DEG, 89.0))), 0.01))
        span = int(math.ceil(reach / CELL_DEG))
        near = sorted((j for dy in (-1, 0, 1) for dx in range(-span, span + 1)
                       for j in by_cell.get((cy + dy, cx + dx), ())), key=lambda j: wins[j][0])  # type: ignore[index]
        starts = [wins[j][0] for j in near]  # type: ignore[index]
        for i in group:
            wi = wins[i]
            assert wi is not None
            first = bisect.bisect_left(starts, wi[0] - LINK_GAP_DAYS - MAX_EVIDENCE_WINDOW_DAYS)
            last = bisect.bisect_right(starts, wi[1] + LINK_GAP_DAYS)
            yield from ((min(i, j), max(i, j)) for j in near[first:last] if j != i)
    longest = max((len(w.split()) for w in by_toponym), default=0)
    for i in placeless:
        said = str(recs[i].get(TEXT_KEY) or "").split()
        seen: set[str] = set()
        for n in range(1, longest + 1):
            for s in range(len(said) - n + 1):
                phrase = " ".join(said[s:s + n])
                if phrase in by_toponym and phrase not in seen:
                    seen.add(phrase)
                    yield from ((i, j) for j in by_toponym[phrase])


def _close_in_time(group: list[int], wins: list[Optional[tuple[int, int]]]) -> Iterable[tuple[int, int]]:
    """The pairs of ``group`` whose windows are within :data:`LINK_GAP_DAYS` (a sweep over the sorted starts)."""
    order = sorted(group, key=lambda i: wins[i][0])  # type: ignore[index]
    for n, i in enumerate(order):
        wi = wins[i]
        assert wi is not None
        for j in order[n + 1:]:
            wj = wins[j]
            assert wj is not None
            if wj[0] - wi[1] > LINK_GAP_DAYS:
                break
            yield (i, j) if i < j else (j, i)


def components(recs: Sequence[Rec]) -> list[list[int]]:
    """The components of the records (indexes, each component in the records' order, the components by their
    first record): records that can never match are alone."""
    wins = [_window(r) if lookup_of(r) is not None else None for r in recs]
    live = [i for i, w in enumerate(wins) if w is not None]
    sets = _Sets(len(recs))
    checked: set[tuple[int, int]] = set()
    for i, j in _pairs(recs, wins, live):
        if (i, j) in checked or sets.find(i) == sets.find(j):
            continue
        checked.add((i, j))
        wi, wj = wins[i], wins[j]
        if wi is not None and wj is not None and _gap(wi, wj) <= LINK_GAP_DAYS and could_meet(recs[i], recs[j]):
            sets.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(recs)):
        groups[sets.find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def block_of(rec: Rec) -> tuple[str, str, str]:
    """A record's block: country, admin1 and the month its date window starts in ("" when unknown)."""
    win = date_window(rec)
    return (rec.get("country") or "", rec.get("admin1") or "", win[0].isoformat()[:7] if win else "")


def place_components(comps: Sequence[Sequence[Rec]]) -> dict[str, Decision]:
    """Task: place each component's records as the ledger would, one by one in the stored order, settling as it
    settles (:class:`warledger.reconcile.replay.ReplayLedger`); each record's final incident and problem."""
    out: dict[str, Decision] = {}
    for comp in comps:
        ledger = ReplayLedger()
        for rec in comp:
            ledger.place(dict(rec))
        out.update(ledger.decisions())
    return out


@dataclass
class Plan:
    """Task inputs: the decisions on records alone, lists of components (block ones, then residual ones), the
    numbers of blocks and residual components, and the records left to the loader's own lookup."""

    alone: dict[str, Decision] = field(default_factory=dict)
    chunks: list[list[list[Rec]]] = field(default_factory=list)
    blocks: int = 0
    residual: int = 0
    serial: int = 0


def _meets_ledger(comp: list[Rec], reach: Optional[tuple[str, str]], pinned: set[str]) -> bool:
    """True when a component could meet an incident already in the ledger (its windows come within
    :data:`LINK_GAP_DAYS` of the ledger's) or holds a record an analyst pinned."""
    if any(r["record_id"] in pinned for r in comp):
        return True
    live = [r for r in comp if lookup_of(r) is not None]
    span = span_of(live)
    if reach is None or span is None:
        return False
    gap = timedelta(days=LINK_GAP_DAYS)
    return span[0] - gap <= date.fromisoformat(reach[1][:10]) and date.fromisoformat(reach[0][:10]) <= span[1] + gap


def plan_blocks(recs: Sequence[Rec], tasks: int, reach: Optional[tuple[str, str]] = None,
                pinned: Optional[set[str]] = None) -> Plan:
    """Cut the records (slim, in the order the ledger stores them) into at most ``tasks`` lists of block
    components and ``tasks`` of residual ones.  ``reach`` and ``pinned`` (:meth:`Ledger.dedup_reach`) describe
    a ledger that is not empty: components that could meet its incidents are left to the loader."""
    plan = Plan()
    blocks: dict[tuple[str, str, str], list[list[Rec]]] = defaultdict(list)
    residual: list[list[Rec]] = []
    for idx in components(recs):
        comp = [recs[i] for i in idx]
        if (reach is not None or pinned) and _meets_ledger(comp, reach, pinned or set()):
            plan.serial += len(comp)
        elif len(comp) == 1:
            plan.alone[comp[0]["record_id"]] = ("inc-" + comp[0]["record_id"][4:], None)
        else:
            keys = {block_of(r) for r in comp}
            (blocks[keys.pop()] if len(keys) == 1 else residual).append(comp)
    plan.blocks, plan.residual = len(blocks), len(residual)
    for group in (list(blocks.values()), [[c] for c in residual]):
        size = max(1, math.ceil(len(group) / max(tasks, 1)))
        for s in range(0, len(group), size):
            plan.chunks.append([comp for blk in group[s:s + size] for comp in blk])
    return plan


def span_of(recs: Iterable[Rec]) -> Optional[tuple[date, date]]:
    """The first and last day of the records' windows (None when none is dated)."""
    wins = [w for w in (date_window(r) for r in recs) if w is not None]
    return (min(w[0] for w in wins), max(w[1] for w in wins)) if wins else None
