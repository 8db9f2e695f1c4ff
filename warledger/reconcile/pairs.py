"""Possible duplicates: two incidents deduplication did not merge that may still be one event, with a score and
the reasons in words and as codes, for the workbench's duplicates queue.

Deduplication (:mod:`warledger.reconcile.dedup`) merges only on positive evidence of one place and one day, so
many reports of one event stay apart (an area on one side, a date known to a few days, a toll that rose).  This
module weighs such a pair with the same evidence functions (:func:`date_evidence`, :func:`place_evidence`,
:func:`km_between`, :func:`actor_relation`, :func:`type_relation`, :func:`counts_compatible`): there is no second
notion of "same place" or "same day".  A pair those rules call contradictory (different days, different places,
two admin1 or admin2 units) is never a possible duplicate: :func:`pair_reasons` returns None for it.

:func:`candidate_pairs` finds the pairs without comparing every incident with every other: incidents are
blocked by country, swept in order of their date window (only windows that overlap meet), and compared only
within one admin1 (or with an incident whose admin1 is unknown).  In a dense block most windows that overlap
belong to precise points kilometres apart: what :func:`pair_reasons` would read of each incident to reject such a
pair (its date window, whether its place is an area or one of several, whether its point is precise) is worked out
once per incident (:class:`Facts`), and :func:`surely_apart` rejects the pair from those before the full
comparison; it says None only where :func:`pair_reasons` would.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, Iterable, Iterator, NamedTuple, Optional

from warledger.reconcile.dedup import (MAX_EVIDENCE_WINDOW_DAYS, NEAR_KM, ONE_OF_SEVERAL, actor_relation, coded_row,
                                       counts_compatible, date_evidence, date_window, is_area, killed_best, km_between,
                                       names_evidence, place_evidence, place_keys, precise_point, several_places,
                                       type_relation)

Rec = dict[str, Any]

# what each reason adds to a pair's score (a reason's code -> weight); the codes are stable, the words free
WEIGHTS = {
    "same-day": 3.0, "dates-overlap": 1.5, "date-vague": 0.0,
    "same-place": 4.0, "near": 2.0, "same-admin2": 1.5, "same-admin1": 0.5, "place-unknown": 0.0,
    "names-differ": -3.0,
    "same-actor1": 1.0, "actors-swapped": 0.5, "actor-family": 0.0, "actor-unknown": 0.0, "different-actor1": -2.0,
    "same-sub-event": 1.0, "remote-both": 0.5, "type-compatible": 0.0, "type-unknown": 0.0,
    "different-type": -2.0,
    "killed-same": 1.5, "killed-compatible": 0.5, "killed-unknown": 0.0, "killed-differ": -2.0,
    "same-source": 0.0,
}
NEAR_PAIR_KM = 25.0   # two precise points further apart than this, with no same name: not listed


@dataclass(frozen=True)
class Reason:
    code: str
    words: str

    def as_json(self) -> Rec:
        return {"code": self.code, "words": self.words, "weight": WEIGHTS[self.code]}


def _date_reason(a: Rec, b: Rec) -> Optional[Reason]:
    same, why = date_evidence(a, b)
    if same is False:
        return None
    wa, wb = date_window(a), date_window(b)
    if same and wa is not None and wb is not None:
        if a.get("event_date") and a.get("event_date") == b.get("event_date") and _narrow(wa) and _narrow(wb):
            return Reason("same-day", f"same day ({a['event_date']})" + ("" if wa[0] == wa[1] and wb[0] == wb[1]
                                                                           else ", give or take a day"))
        days = (min(wa[1], wb[1]) - max(wa[0], wb[0])).days + 1
        said = f"both {_day(a)}" if _day(a) == _day(b) else f"{_day(a)} and {_day(b)}"
        return Reason("dates-overlap", f"{said}, a date known within a few days: the days they may have "
                                       f"happened on overlap by {days} day{'' if days == 1 else 's'}")
    return Reason("date-vague", f"{_day(a)} and {_day(b)}: {why}")


def _narrow(window: tuple[date, date]) -> bool:
    """A day, or a day named relative to the publication ("on Tuesday": a day either side)."""
    return (window[1] - window[0]).days <= 2


def _day(rec: Rec) -> str:
    rng = rec.get("date_range")
    if rng and len(rng) == 2 and rng[0] != rng[1]:
        return f"{rng[0]} to {rng[1]}"
    return str(rec.get("event_date") or "no date")


def _place_reasons(a: Rec, b: Rec) -> Optional[list[Reason]]:
    same, why = place_evidence(a, b)
    if same is False:
        return None
    adm1 = (a.get("admin1"), b.get("admin1"))
    if adm1[0] and adm1[1] and adm1[0] != adm1[1]:
        return None       # two admin1 units: different places, whatever the names
    km = km_between(a, b) if precise_point(a) and precise_point(b) else None
    if same:
        return [Reason("same-place", f"same place: {why}" + (f" ({km:.1f} km apart)" if km is not None else ""))]
    area = is_area(a) or is_area(b)   # an area's point is its centre, no place: its distance says nothing
    if km is not None and not area and km > NEAR_PAIR_KM:
        return None
    what = "one is an area" if area else why
    out = [Reason("near", _near_words(a, b, km, what))] if km is not None and not area else []
    adm2 = (a.get("admin2"), b.get("admin2"))
    said = "" if out else f" ({what})"   # the why is said once
    if adm2[0] and adm2[1] and adm2[0] != adm2[1]:
        return None       # two districts: an area is not in the other's district, nor two places in one
    if adm2[0] and adm2[0] == adm2[1]:
        out.append(Reason("same-admin2", f"both in {adm2[0]}{said}"))
    elif adm1[0] and adm1[0] == adm1[1]:
        out.append(Reason("same-admin1", f"both in {adm1[0]}{said}"))
    if several_places(a) or several_places(b):
        named = _names_differ(a, b)
        if named:
            out.append(Reason("names-differ", f"one is one of several places its text lists, and the names differ: "
                                              f"{named}"))
    if not out:
        out.append(Reason("place-unknown", f"nothing shows they are at one place ({why})"))
    return out


def _near_words(a: Rec, b: Rec, km: float, why: str) -> str:
    """The words of a "near" reason: how far apart, and why that is no evidence of one place.  A record that is one of
    several places its text lists sits at one of them: said as such, and "the same point" rather than "0.0 km"."""
    if not (several_places(a) or several_places(b)):
        return f"{km:.1f} km apart ({why})"
    where = "the same point" if km < 0.05 else f"{km:.1f} km apart"
    if _names_differ(a, b):
        return f"{where}, one side being one of several places its text lists"
    return f"{where}: the same place, named among several places one side's text lists"


def _names_differ(a: Rec, b: Rec) -> Optional[str]:
    """What deduplication would say of the two names were neither one of several places a text lists: the two
    names, when it would call them different places (an ACLED note split over several locations codes each
    at its own)."""
    bare = [dict(r, problems=[p for p in r.get("problems") or () if not str(p).startswith(ONE_OF_SEVERAL)])
            for r in (a, b)]
    if place_evidence(bare[0], bare[1])[0] is False:
        return f"{a.get('place_phrase') or a.get('location')} vs {b.get('place_phrase') or b.get('location')}"
    return None


def _side_reasons(a: Rec, b: Rec) -> list[Reason]:
    """Perpetrator and kind of event."""
    out = []
    actor = actor_relation(a, b)
    x, y = a.get("actor1"), b.get("actor1")
    if actor is None:
        out.append(Reason("different-actor1", f"perpetrators differ: {x} vs {y}"))
    elif actor >= 1.0:
        out.append(Reason("same-actor1", f"same perpetrator: {x}"))
    elif actor < 0:
        out.append(Reason("actor-family", f"perpetrators of one family: {x} vs {y}"))
    elif x and y:
        out.append(Reason("actors-swapped", f"one's perpetrator is the other's second actor: {x} vs {y}"))
    else:
        out.append(Reason("actor-unknown", "a perpetrator is unknown on one side"))
    kind = type_relation(a, b)
    s, t = a.get("sub_event_type"), b.get("sub_event_type")
    if kind is None:
        out.append(Reason("different-type", f"different kinds of event: {s} vs {t}"))
    elif kind >= 1.0:
        out.append(Reason("same-sub-event", f"same sub-event type: {s}"))
    elif kind < 0:
        out.append(Reason("type-compatible", f"kinds of event one monitor may code for the other: {s} vs {t}"))
    elif s and t:
        out.append(Reason("remote-both", f"both remote violence: {s} vs {t}"))
    else:
        out.append(Reason("type-unknown", "the kind of event is unknown on one side"))
    return out


def _killed_reason(a: Rec, b: Rec) -> Reason:
    ka, kb = killed_best(a), killed_best(b)
    if ka is None or kb is None:
        return Reason("killed-unknown", "killed unknown on one side")
    if ka == kb:
        return Reason("killed-same", f"killed {ka} vs {kb}")
    if counts_compatible(ka, kb):
        return Reason("killed-compatible", f"killed {ka} vs {kb} (a toll that may have risen)")
    return Reason("killed-differ", f"killed {ka} vs {kb}")


def pair_reasons(a: Rec, b: Rec) -> Optional[tuple[float, list[Reason]]]:
    """The score and the reasons two incidents (match data: :data:`candidates.MATCH_FIELDS`, with ``actor2``
    and ``country``) may be one event; None when the automatic rules say they are not (different
    days or places, two admin1 or admin2 units, an aggregate, a report of both, two rows of a coded dataset)."""
    if a.get("kind", "incident") != "incident" or b.get("kind", "incident") != "incident":
        return None
    if set(a.get("reports") or ()) & set(b.get("reports") or ()):
        return None     # one report never states one incident twice as separate records
    if coded_row(a) and coded_row(b):
        return None     # two rows of a coded event dataset: its coders told them apart (ingest never merges them)
    when = _date_reason(a, b)
    if when is None:
        return None
    where = _place_reasons(a, b)
    if where is None:
        return None
    reasons = [when, *where, *_side_reasons(a, b), _killed_reason(a, b)]
    return round(sum(WEIGHTS[r.code] for r in reasons), 2), reasons


def source_reason(a: Iterable[str], b: Iterable[str]) -> Optional[Reason]:
    """The sources (names) both incidents' reports come from, if any."""
    shared = sorted(set(a) & set(b))
    return Reason("same-source", "both from " + ", ".join(shared[:3])) if shared else None


# the form of a stored :class:`Facts` (the ledger's ``pair_facts`` column, :meth:`Facts.as_json`): a stored value of
# another version is not read (the facts are worked out from the match data instead), and a ledger whose stored facts
# are of another version has them worked out again when it is opened (store.schema.refresh_pair_facts).  Bump it when
# what :meth:`Facts.of` works out changes (code or data files, as the place keys' steps 3-5 did):
# tests/reconcile/test_facts_version.py fails until it is bumped and FACTS_DIGEST (its hand-made incidents' facts) set
FACTS_VERSION = 1
FACTS_DIGEST = "ac32a4956cc86362e3a29977a3a0ad173721e8590c1da8d6ee0a1ae56551f86e"


class Facts(NamedTuple):
    """What :func:`surely_apart` reads of one incident's match data, worked out once per incident (and stored with
    it: :meth:`as_json`, so the finder of a big ledger parses no match data for a pair it rejects)."""
    window: Optional[tuple[date, date]]
    vague_place: bool     # an area, or one of several places its text lists: no place evidence either way
    latitude: Optional[float]   # of a precise point (:func:`precise_point`) only
    reports: frozenset[str]
    incident: bool
    keys: tuple[str, ...] = ()   # the place's :func:`place_keys`
    point: Optional[tuple[float, float]] = None   # (latitude, longitude) of a precise point, as km_between reads it

    @classmethod
    def of(cls, rec: Rec) -> "Facts":
        point = None
        if precise_point(rec):
            try:
                point = float(rec["latitude"]), float(rec["longitude"])   # km_between's test of a point
            except (KeyError, TypeError, ValueError):
                point = None
        return cls(window=date_window(rec), vague_place=is_area(rec) or several_places(rec),
                   latitude=point[0] if point else None, reports=frozenset(rec.get("reports") or ()),
                   incident=rec.get("kind", "incident") == "incident", keys=tuple(place_keys(rec)), point=point)

    def as_json(self) -> str:
        """The facts as the ledger stores them: a JSON list led by :data:`FACTS_VERSION`."""
        w = self.window
        return json.dumps([FACTS_VERSION, w[0].isoformat() if w else None, w[1].isoformat() if w else None,
                           self.vague_place, self.incident, sorted(self.reports), list(self.keys),
                           list(self.point) if self.point else None], ensure_ascii=False)

    @staticmethod
    def current(text: Optional[str]) -> bool:
        """Whether a stored value is facts of this version (:meth:`as_json`): :meth:`from_json` reads it."""
        return bool(text) and str(text).startswith(f"[{FACTS_VERSION}, ")

    @classmethod
    def from_json(cls, text: Optional[str]) -> Optional["Facts"]:
        """Stored facts (:meth:`as_json`); None when there are none or they are of another version."""
        if not text:
            return None
        v = json.loads(text)
        if not isinstance(v, list) or len(v) != 8 or v[0] != FACTS_VERSION:
            return None
        _, lo, hi, vague, incident, reps, keys, point = v
        pt = (float(point[0]), float(point[1])) if point else None
        return cls(window=(date.fromisoformat(lo), date.fromisoformat(hi)) if lo and hi else None,
                   vague_place=bool(vague), latitude=pt[0] if pt else None, reports=frozenset(reps),
                   incident=bool(incident), keys=tuple(keys), point=pt)


def pair_facts(match: Rec) -> str:
    """The stored facts (``wl_incidents.pair_facts``) of an incident's match data as the ledger stores it."""
    return Facts.of(match).as_json()


KM_PER_DEGREE_OF_LATITUDE = math.pi / 180 * 6371.0   # km_between's sphere: no two points are nearer than this
                                                     # times their difference in latitude


def surely_apart(fa: Facts, fb: Facts) -> bool:
    """True when :func:`pair_reasons` would surely say None for two incidents, from their :class:`Facts`: not
    both incidents, one report on both sides, date windows apart (:func:`date_evidence` False), or two precise
    points of named places more than :data:`NEAR_KM` apart or two names that are no spellings of one another
    (:func:`place_evidence` False, asked only of named places; a difference in latitude alone that puts two
    points a kilometre further apart than :data:`NEAR_KM` spares it).  False says nothing."""
    if not (fa.incident and fb.incident) or fa.reports & fb.reports:
        return True
    wa, wb = fa.window, fb.window
    if wa is not None and wb is not None and (wa[0] > wb[1] or wb[0] > wa[1]):
        return True
    if fa.vague_place or fb.vague_place:
        return False
    if fa.latitude is not None and fb.latitude is not None and \
            abs(fa.latitude - fb.latitude) * KM_PER_DEGREE_OF_LATITUDE > NEAR_KM + 1.0:
        return True
    km = None
    if fa.point is not None and fb.point is not None:
        km = km_between({"latitude": fa.point[0], "longitude": fa.point[1]},
                        {"latitude": fb.point[0], "longitude": fb.point[1]})
    return names_evidence(fa.keys, fb.keys, km)[0] is False


class Entry:
    """One incident as the pair finder sees it: its id, window, block, its stored :class:`Facts` (``stored``, may be
    None) and its match data, parsed from the stored JSON (``raw``) only when the incident meets another (most
    incidents of a big ledger meet none); ``raw`` may be None until :func:`meetings` has run (the caller then
    fills it in for the entries of the pairs met, :func:`compare`)."""

    def __init__(self, incident_id: str, lo: date, hi: date, country: Optional[str], admin1: Optional[str],
                 raw: Optional[str], extra: Rec, stored: Optional[str] = None) -> None:
        self.incident_id, self.lo, self.hi, self.country, self.admin1 = incident_id, lo, hi, country, admin1
        self.raw, self.extra, self.stored = raw, extra, stored
        self._facts: Optional[Facts] = None

    @cached_property
    def match(self) -> Rec:
        if self.raw is None:
            raise ValueError(f"incident {self.incident_id}: match data not loaded")
        return dict(json.loads(self.raw), **self.extra)

    @property
    def facts(self) -> Facts:
        if self._facts is None:
            self._facts = Facts.from_json(self.stored) or Facts.of(self.match)
        return self._facts


Row = tuple[str, Optional[str], Optional[str], Optional[str], Optional[str], Optional[str], Rec]


def entries(rows: Iterable[Row], stored: Optional[Iterable[Optional[str]]] = None) -> Iterator[Entry]:
    """Entries from (incident_id, date_lo, date_hi, country, admin1, match data JSON, extra fields) rows (and each
    row's stored facts, when given): an incident with no window, or a window wider than any the automatic rules
    take as evidence, meets no other."""
    facts = iter(stored) if stored is not None else None
    for iid, lo, hi, country, admin1, raw, extra in rows:
        kept = next(facts) if facts is not None else None
        if not lo or not hi:
            continue
        d0, d1 = date.fromisoformat(lo), date.fromisoformat(hi)
        if (d1 - d0).days > MAX_EVIDENCE_WINDOW_DAYS:
            continue
        yield Entry(iid, d0, d1, country, admin1, raw, extra, kept)


# the latitude bands of the sweep: two precise points of named places whose bands are two or more apart are more
# than NEAR_KM + 1 km apart in latitude alone, so surely_apart rejects them: they never meet
BAND_DEGREES = (NEAR_KM + 1.0) / KM_PER_DEGREE_OF_LATITUDE
ANY_BAND = "any"   # the lane of an entry surely_apart does not reject by latitude (an area, no precise point)


def _band(f: Facts) -> Optional[int]:
    return None if f.vague_place or f.latitude is None else math.floor(f.latitude / BAND_DEGREES)


Lanes = dict[Optional[str], dict[Any, list[tuple[Entry, Facts]]]]   # admin1 -> latitude band -> open entries


def _lanes(active: Lanes, unit: Optional[str], band: Optional[int]) -> Iterator[tuple[dict[Any, Any], Any]]:
    """The lanes of the sweep an entry of this admin1 and latitude band meets: its admin1 and the unknown one (any
    admin1 when its own is unknown), its band and the two beside it and the lane of no band (every band when it
    has none)."""
    units = [active[u] for u in (unit, None) if u in active] if unit is not None else list(active.values())
    for bands in units:
        if band is None:
            yield from ((bands, b) for b in list(bands))
        else:
            yield from ((bands, b) for b in (band - 1, band, band + 1, ANY_BAND) if b in bands)


def meetings(items: Iterable[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """Every pair of entries the full comparison must see, by blocks: one country, windows that overlap (a sweep
    in order of the window's start), one admin1 or an unknown admin1 on one side, not :func:`surely_apart`.  Each
    pair comes as (the entry earlier in the sweep, the later).  The open windows are kept in lanes by admin1 and
    latitude band (:func:`_lanes`): a pair of lanes that cannot meet is never looked at."""
    by_country: dict[Optional[str], list[Entry]] = {}
    for e in items:
        by_country.setdefault(e.country, []).append(e)
    for block in by_country.values():
        block.sort(key=lambda e: (e.lo, e.hi, e.incident_id))
        active: Lanes = {}   # the entries whose window is still open, with their facts
        for e in block:
            unit, fe = e.admin1 or None, e.facts
            band = _band(fe)
            for bands, b in _lanes(active, unit, band):
                open_ = bands[b] = [o for o in bands[b] if o[0].hi >= e.lo]
                for o, fo in open_:
                    if not surely_apart(fo, fe):
                        yield o, e
            active.setdefault(unit, {}).setdefault(ANY_BAND if band is None else band, []).append((e, fe))


def compare(met: Iterable[tuple[Entry, Entry]]) -> Iterator[tuple[float, list[Reason], Entry, Entry]]:
    """The pairs of :func:`meetings` that may be one event (:func:`pair_reasons`), with their score and reasons."""
    for o, e in met:
        found = pair_reasons(o.match, e.match)
        if found is not None:
            yield found[0], found[1], o, e


def candidate_pairs(items: Iterable[Entry]) -> Iterator[tuple[float, list[Reason], Entry, Entry]]:
    """Every pair of entries that may be one event (:func:`pair_reasons`): :func:`compare` of :func:`meetings`."""
    return compare(meetings(items))
