"""Which incidents a record is compared with, and the one decision on where it goes: shared by the ledger
(which looks the candidates up in its database) and the block tasks of a Dask ingest (which hold a block's
incidents in memory: :class:`BlockLedger`), so both place every record the same way.

:func:`lookup_of` states a record's candidate lookup once (a bounded date scan, and the place filter);
:meth:`Lookup.admits` evaluates it on an incident's index columns (:func:`index_columns`) in Python, and the
ledger turns the same :class:`Lookup` into SQL.  :func:`decide` is the decision: the best-matching
candidate (:func:`warledger.reconcile.dedup.best_match`) and, when a place-less record joined through its
report's words, the problem the record carries.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Iterable, Optional

from warledger.reconcile.dedup import (CODED_KEY, MAX_EVIDENCE_WINDOW_DAYS, TEXT_KEY, best_match, can_ever_match,
                                       coded_row, date_window, is_area, lookup_keys, place_keys, skeleton, stub_reason,
                                       text_place_note, toponym_words)
from warledger.reconcile.merge import merge_records

Rec = dict[str, Any]

NEAR_DEG = 0.12  # candidate box around a geocoded record (about 13 km)
# the longest place key the incidents table holds (schema: String(200)); a longer one, from a runaway phrase, is
# cut to it where it is stored and where it is looked up alike (PostgreSQL refused it and lost the records)
PLACE_KEY_LEN = 200
# the fields of a merged incident that deduplication compares (the ledger's ``match_data`` column)
MATCH_FIELDS = ("incident_id", "kind", "reports", "event_date", "date_range", "time_precision", "location",
                "place_phrase", "latitude", "longitude", "geo_precision", "admin1", "admin2", "admin3", "actor1",
                "event_type", "sub_event_type", "fatalities", "killed", "first_published", "date_relative",
                "problems")


def cut_key(k: Optional[str]) -> Optional[str]:
    return k[:PLACE_KEY_LEN] if k else k


def index_columns(merged: Rec) -> dict[str, Any]:
    """The columns a candidate lookup reads from an incident: its date window and its two place keys."""
    win = date_window(merged)
    key1, key2 = (cut_key(k) for k in lookup_keys(merged))
    return {"date_lo": win[0].isoformat() if win else None, "date_hi": win[1].isoformat() if win else None,
            "place_key": key1, "place_key2": key2}


def match_data(merged: Rec) -> Rec:
    """What the ledger stores in ``match_data`` and hands to :func:`decide`, as it reads it back (JSON)."""
    out: Rec = json.loads(json.dumps({k: merged.get(k) for k in MATCH_FIELDS}, ensure_ascii=False))
    if coded_row(merged):
        out[CODED_KEY] = True
    return out


@dataclass(frozen=True)
class Lookup:
    """A record's candidate lookup: incidents whose window starts in ``earliest``..``hi`` and ends on or after
    ``lo`` (ISO days), with a place; and of those, unless ``placeless`` (the record names no place: only its
    report's words can), the ones in the ``near`` box (lat_lo, lat_hi, lon_lo, lon_hi) or with one of ``keys``
    as a place key.  ``with_placeless``: the place-less incidents of one report in the window too."""

    earliest: str
    lo: str
    hi: str
    keys: tuple[str, ...]
    near: Optional[tuple[float, float, float, float]]
    placeless: bool
    with_placeless: bool

    def in_window(self, cols: dict[str, Any]) -> bool:
        lo, hi = cols["date_lo"], cols["date_hi"]
        return lo is not None and hi is not None and self.earliest <= lo <= self.hi and hi >= self.lo

    def admits(self, cols: dict[str, Any], lat: Any, lon: Any) -> bool:
        """The SQL of :meth:`Ledger._candidates`, in Python, for a placed incident's columns."""
        if cols["place_key"] is None or not self.in_window(cols):
            return False
        if self.placeless:
            return True
        by_name = bool(self.keys) and (cols["place_key"] in self.keys or cols["place_key2"] in self.keys)
        if self.near is not None:
            near = (lat is not None and lon is not None and self.near[0] <= lat <= self.near[1]
                    and self.near[2] <= lon <= self.near[3])
            return near or by_name
        return by_name if self.keys else True


def lookup_of(rec: Rec) -> Optional[Lookup]:
    """The candidate lookup of a record; None when no incident could ever match it (:func:`can_ever_match`)."""
    win = date_window(rec)
    if win is None or not can_ever_match(rec):
        return None
    placeless = stub_reason(rec) == "no place"
    keys = tuple(sorted({skeleton(k)[:PLACE_KEY_LEN] for k in place_keys(rec)}))
    lat, lon = rec.get("latitude"), rec.get("longitude")
    near = None
    if not placeless and lat is not None and lon is not None:
        near = (lat - NEAR_DEG, lat + NEAR_DEG, lon - NEAR_DEG, lon + NEAR_DEG)
    return Lookup(earliest=(win[0] - timedelta(days=MAX_EVIDENCE_WINDOW_DAYS)).isoformat(), lo=win[0].isoformat(),
                  hi=win[1].isoformat(), keys=keys, near=near, placeless=placeless,
                  with_placeless=not placeless and not is_area(rec) and bool(toponym_words(rec)))


def decide(rec: Rec, candidates: Iterable[Rec]) -> tuple[Optional[Rec], Optional[str]]:
    """The incident a record joins (None: it founds its own) and the problem it then carries, if any."""
    match = best_match(rec, candidates)
    if match is None:
        return None, None
    note = text_place_note(rec, match) if stub_reason(rec) or stub_reason(match) else None
    return match, note


# ---------------------------------------------------------------- a block's incidents, in memory

@dataclass
class _Incident:
    incident_id: str
    members: list[Rec]
    match: Rec = field(default_factory=dict)
    cols: dict[str, Any] = field(default_factory=dict)
    text: Optional[str] = None     # the founding report's words, for a place-less incident

    def refresh(self) -> None:
        merged = merge_records(self.members, self.incident_id)
        self.match = match_data(merged)
        self.cols = index_columns(merged)
        self.cols["n_reports"] = len(merged.get("reports") or [])


class BlockLedger:
    """The incidents of one block (a set of records that no record outside it can join), built in memory by
    the same lookup and decision as the database ledger, records taken in the order the ledger stores them."""

    def __init__(self) -> None:
        self.incidents: list[_Incident] = []
        self.by_id: dict[str, _Incident] = {}

    def candidates(self, rec: Rec) -> list[Rec]:
        lk = lookup_of(rec)
        if lk is None:
            return []
        found = [i.match for i in self.incidents
                 if lk.admits(i.cols, i.match.get("latitude"), i.match.get("longitude"))]
        if lk.with_placeless:
            found += [dict(i.match, **{TEXT_KEY: i.text}) for i in self.incidents
                      if i.cols["place_key"] is None and i.cols["n_reports"] == 1 and lk.in_window(i.cols)]
        return found

    def place(self, rec: Rec) -> tuple[str, Optional[str]]:
        """Place one record (a slim record: :func:`warledger.reconcile.blocks.slim`); return the incident it is
        in and the problem it gained, if any.  The record's ``TEXT_KEY`` is dropped as the ledger drops it."""
        match, note = decide(rec, self.candidates(rec))
        text = rec.pop(TEXT_KEY, None)
        if note is not None:
            rec["problems"] = list(rec.get("problems") or []) + [note]
        if match is not None:
            inc = self.by_id[match["incident_id"]]
            inc.members.append(rec)
        else:
            inc = _Incident("inc-" + rec["record_id"][4:], [rec], text=text)
            self.incidents.append(inc)
            self.by_id[inc.incident_id] = inc
        inc.refresh()
        return inc.incident_id, note
