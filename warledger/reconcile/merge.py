"""The ledger line of one incident from its member records (:func:`merge_records`): dates and places from its
best-dated and best-placed members, votes on its type and actors (disagreements become problems), counts merged
as ranges (:func:`merge_ranges`) with totals that cover their parts (:func:`fatalities_of`).  Which records are
one incident is decided in :mod:`warledger.reconcile.dedup`; this module only merges them."""
from __future__ import annotations

from collections import Counter
from typing import Any, Iterable, Optional, Sequence

from warledger.reconcile.dedup import CODED_KEY, date_is_relative
from warledger.reconcile.disagree import figures_disagree
from warledger.record import CODED_COLUMNS_KEY, COUNT_CATEGORIES, representative_date, tally_value

Rec = dict[str, Any]


def merge_ranges(ranges: Iterable[Optional[dict[str, Any]]]) -> Optional[dict[str, Optional[int]]]:
    """Counts across reports: low = min of lows, high = max of highs, best = max of bests; but a report's floor
    ("at least 11": low 11) is a count of the dead too, so neither best nor high falls below the largest low
    (10 and "at least 11" merge to best 11, not 10)."""
    rs = [r for r in ranges if r]
    if not rs:
        return None
    lows = [r["low"] for r in rs if r.get("low") is not None]
    bests = [r["best"] for r in rs if r.get("best") is not None]
    highs = [r["high"] for r in rs if r.get("high") is not None]
    best = max(bests + lows) if bests else None
    high = max(highs + ([best] if best is not None else [])) if highs else None
    return {"low": min(lows) if lows else None, "best": best, "high": high}


def _merge_counts(recs: Sequence[Rec], key: str) -> dict[str, Any]:
    return {c: merge_ranges((r.get(key) or {}).get(c) for r in recs) for c in COUNT_CATEGORIES}


def _merge_groups(recs: Sequence[Rec], key: str) -> list[dict[str, Any]]:
    by: dict[str, list[dict[str, Any]]] = {}
    for r in recs:
        for g in r.get(key) or []:
            by.setdefault(g["group"], []).append(g.get("count"))
    return [{"group": g, "count": merge_ranges(cs)} for g, cs in by.items()]


def _parts_sum(counts: dict[str, Any], groups: list[dict[str, Any]]) -> Optional[int]:
    """Civilians plus fighters (the fighters by faction when no fighter figure is given): the people a
    total must at least cover.  Children, women and men are sub-counts of these and are never added, but
    the total covers the largest of them too ("four children" among "three civilians" killed: at least 4)."""
    civ, fighters = tally_value(counts.get("civilians")), tally_value(counts.get("fighters"))
    if fighters is None and groups:
        gv = [tally_value(g.get("count")) for g in groups]
        fighters = sum(v for v in gv if v is not None) if all(v is not None for v in gv) else None
    parts = [p for p in (civ, fighters) if p is not None]
    subs = [v for v in (tally_value(counts.get(c)) for c in ("children", "women", "men")) if v is not None]
    if not parts:
        return max(subs) if subs else None
    return max([sum(parts)] + subs)


def fatalities_of(killed: dict[str, Any], groups: list[dict[str, Any]]) -> Optional[int]:
    """ACLED's best total over merged counts: the stated total, but never less than the civilians and
    fighters the same incident's reports count (one report's "4 killed" and another's "7 fighters" of the
    same event make 7, not 4), nor than any of its children, women or men, so a tally's category columns never
    exceed its total column.  A count known only by its ceiling ("up to 12") is no figure here
    (:func:`warledger.record.tally_value`): with nothing else stated the fatalities are unknown (None)."""
    total = tally_value(killed.get("total")) if killed.get("total") else None
    parts = _parts_sum(killed, groups)
    if total is None:
        return parts
    return max(total, parts) if parts is not None else total


def injured_total(injured: dict[str, Any], groups: Optional[list[dict[str, Any]]] = None) -> Optional[int]:
    """The injured counterpart of :func:`fatalities_of`."""
    total = tally_value(injured.get("total")) if injured.get("total") else None
    parts = _parts_sum(injured, groups or [])
    if total is None:
        return parts
    return max(total, parts) if parts is not None else total


def _vote(recs: Sequence[Rec], key: str, problems: list[str]) -> Any:
    vals = [r.get(key) for r in recs if r.get(key) not in (None, "")]
    if not vals:
        return None
    counts = Counter(vals)
    if len(counts) > 1:
        problems.append(f"W-REPORTS-DISAGREE: reports disagree on {key}: " + "; ".join(
            f"{v} ({', '.join(r['report_id'] for r in recs if r.get(key) == v)})" for v in counts))
    top = max(counts.values())
    return next(v for v in vals if counts[v] == top)  # most frequent; ties: earliest ingested


def _associates(recs: Sequence[Rec], side: str, name: Optional[str]) -> list[str]:
    """The associates of one side (``assoc_actor_1`` of actor1, ``assoc_actor_2`` of actor2) over the member
    records that name that side as the merged line does, in order, without the side itself."""
    out: list[str] = []
    for r in recs:
        if r.get(side) == name:
            for a in r.get("assoc_" + side.replace("actor", "actor_")) or ():
                if a and a != name and a not in out:
                    out.append(a)
    return out


ACTOR_FIELDS = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")


def names_for_day(line: Rec, day: Optional[str], fields: Iterable[str] = ACTOR_FIELDS) -> Rec:
    """``line`` (a copy when a name changes) with each state force's period the one that holds ``day``
    (:func:`warledger.theatre.actors.name_for_day`): a record told with its own date joins an incident dated
    after a change of government, or an analyst moves the incident's date across one."""
    from warledger.theatre.actors import name_for_day

    out = line
    for f in fields:
        v = line.get(f)
        new = [name_for_day(a, day) for a in v] if isinstance(v, list) else name_for_day(v, day)
        if new != v:
            out = dict(out) if out is line else out
            out[f] = new
    return out


def _per_report(rec: Rec) -> Rec:
    """A record's entry in its incident's ``per_report``: the report, its source and date, and its own figures (and
    the coded row's carried columns when it has them)."""
    out = {"report_id": rec["report_id"], "published": rec.get("published"), "source": rec.get("source"),
           "source_scale": rec.get("source_scale"), "fatalities": rec.get("fatalities"),
           "killed": rec.get("killed"), "injured": rec.get("injured")}
    if rec.get(CODED_COLUMNS_KEY):
        out[CODED_COLUMNS_KEY] = rec[CODED_COLUMNS_KEY]
    return out


def merge_records(recs: Sequence[Rec], incident_id: str) -> Rec:
    """The ledger line for one incident from its member records (in ingest order); every member's state forces
    are named with the periods of the incident's day before the votes (:func:`names_for_day`)."""
    problems: list[str] = []

    def when_key(r: Rec) -> tuple[int, int]:
        return (r.get("time_precision") or 9, 0 if r.get("event_date") else 1)

    def where_key(r: Rec) -> tuple[int, int]:
        has_xy = r.get("latitude") is not None
        return (r.get("geo_precision") or 9 if has_xy else 9, 0 if r.get("location") else 1)

    when = min(recs, key=when_key)  # min() keeps the earliest on ties
    where = min(recs, key=where_key)
    day = representative_date(when.get("event_date"), when.get("date_range"))[0]
    recs = [names_for_day(r, day) for r in recs]
    killed = _merge_counts(recs, "killed")
    injured = _merge_counts(recs, "injured")
    kg = _merge_groups(recs, "killed_groups")
    ig = _merge_groups(recs, "injured_groups")
    damage: list[dict[str, Any]] = []
    for r in recs:
        for d in r.get("damage") or []:
            if d not in damage:
                damage.append(d)
    evidence = [dict(e, report_id=r["report_id"]) for r in recs for e in (r.get("evidence") or [])]
    for r in recs:
        for p in r.get("problems") or []:
            if p not in problems:
                problems.append(p)
    out: Rec = {
        "incident_id": incident_id,
        "report_id": recs[0]["report_id"],  # the report that first told it; all of them: "reports"
        "kind": "incident",
        "event_date": when.get("event_date"),
        "date_range": when.get("date_range"),
        "time_precision": when.get("time_precision"),
        "date_relative": date_is_relative(when),
        "event_type": _vote(recs, "event_type", problems),
        "sub_event_type": _vote(recs, "sub_event_type", problems),
        "weapon": _vote(recs, "weapon", problems),
        "actor1": _vote(recs, "actor1", problems),
        "actor2": _vote(recs, "actor2", problems),
    }
    figures_disagree(recs, problems)
    out["assoc_actor_1"] = _associates(recs, "actor1", out["actor1"])
    out["assoc_actor_2"] = _associates(recs, "actor2", out["actor2"])
    for k in ("location", "place_phrase", "admin1", "admin2", "admin3", "country", "latitude", "longitude",
              "geo_precision", "where_prec"):
        out[k] = where.get(k)
    out.update({
        "strikes": merge_ranges(r.get("strikes") for r in recs),
        "killed": killed, "injured": injured, "killed_groups": kg, "injured_groups": ig, "damage": damage,
        "fatalities": fatalities_of(killed, kg),
        "evidence": evidence,
        "problems": problems,
        "reports": list(dict.fromkeys(r["report_id"] for r in recs)),
        "first_published": min((r["published"] for r in recs if r.get("published")), default=None),
        "records": [r["record_id"] for r in recs],
        "per_report": [_per_report(r) for r in recs],
    })
    if any(r.get(CODED_KEY) for r in recs):   # one of its records is a coded dataset's row (coded_row)
        out[CODED_KEY] = True
    return out
