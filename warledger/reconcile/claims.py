"""Within-report reconciliation: does each aggregate claim agree with the incidents it covers?

A monitor's bulletin often states a total ("the strikes killed 16 civilians including 5 children")
and then lists its parts.  :func:`check_report` links each aggregate claim to the report's incidents
it covers (same perpetrator, inside its period, inside its area) and, category by category, compares
the claimed figure with the sum of the parts.  When no incident states a figure for a category (strike
counts usually sit in the aggregates), narrower aggregates stand in: "about 180 raids" against the
Russian "more than 125" plus the regime's "at least 53".

Statuses: ``consistent`` (the claimed range and the parts' sum overlap), ``mismatch`` (they do not:
the check carries both figures and the evidence spans behind each), ``unchecked`` (nothing in the
report to check against).  A claim whose parts fall short may be a bulletin naming only some of its
incidents; parts that exceed the claim are a plain contradiction.  Both are flagged.
"""
from __future__ import annotations

import math
import re
from datetime import date, timedelta
from typing import Any, Iterable, Optional

from warledger.record import COUNT_CATEGORIES, iso_day

Rec = dict[str, Any]
INF = math.inf
APPROX_PERCENT = 10  # "about 180": a best-only figure is read as +-10% (162-198)

CATEGORY_WORDS = {"total": "killed", "civilians": "civilians killed", "children": "children killed",
                  "women": "women killed", "men": "men killed", "fighters": "fighters killed"}




def _bounds(r: Optional[dict[str, Any]]) -> Optional[tuple[float, float]]:
    """A stated range -> the interval it allows: exact 7 -> [7,7]; "more than 125" -> [126, inf);
    "about 180" -> [162, 198]."""
    if not r:
        return None
    lo, best, hi = r.get("low"), r.get("best"), r.get("high")
    if lo is None and hi is None:
        if best is None:
            return None
        slack = best * APPROX_PERCENT
        return (float((best * 100 - slack) // 100), float(-((-(best * 100 + slack)) // 100)))
    return (float(lo if lo is not None else (best if best is not None else 0)),
            float(hi) if hi is not None else INF)


def _fmt(b: tuple[float, float]) -> str:
    lo, hi = b
    if hi == INF:
        return f"at least {int(lo)}"
    return f"{int(lo)}" if lo == hi else f"{int(lo)}-{int(hi)}"


def _value_ranges(rec: Rec, cat: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The ranges that make up ``cat`` for one record and the evidence fields behind them.

    Sub-counts are read as a bulletin means them: civilians not stated but children/women/men stated
    -> their sum (they are disjoint); fighters not stated -> the sum of fighters by faction; total not
    stated -> civilians plus fighters.
    """
    if cat == "strikes":
        return ([rec["strikes"]], ["strikes"]) if rec.get("strikes") else ([], [])
    section, sub = cat.split(".", 1)
    counts = rec.get(section) or {}
    if counts.get(sub):
        return [counts[sub]], [cat]
    if sub == "civilians":
        parts = [(counts[c], f"{section}.{c}") for c in ("children", "women", "men") if counts.get(c)]
        return [p for p, _ in parts], [f for _, f in parts]
    if sub == "fighters":
        groups = rec.get(f"{section}_groups") or []
        return [g["count"] for g in groups if g.get("count")], [f"{section}_groups"] if groups else []
    if sub == "total":
        rs, fs = [], []
        for c in ("civilians", "fighters"):
            r, f = _value_ranges(rec, f"{section}.{c}")
            rs += r
            fs += f
        return rs, fs
    return [], []


def _sum(ranges: Iterable[dict[str, Any]]) -> Optional[tuple[float, float]]:
    lo = hi = 0.0
    seen = False
    for r in ranges:
        b = _bounds(r)
        if b is None:
            continue
        seen = True
        lo += b[0]
        hi += b[1]
    return (lo, hi) if seen else None


def _window(rec: Rec) -> Optional[tuple[date, date]]:
    rng = rec.get("date_range")
    lo = iso_day(rng[0]) if rng else None
    hi = iso_day(rng[1]) if rng else None
    d = iso_day(rec.get("event_date"))
    lo, hi = lo or d, hi or d
    if lo is None or hi is None:
        return None
    return lo - timedelta(days=1), hi + timedelta(days=1)


def covers(agg: Rec, inc: Rec) -> bool:
    """Does aggregate claim ``agg`` cover record ``inc`` (same perpetrator, period and area)?"""
    if agg.get("actor1") and not agg.get("headline") and inc.get("actor1") != agg["actor1"]:
        return False
    w = _window(agg)
    d = iso_day(inc.get("event_date"))
    if w and d and not (w[0] <= d <= w[1]):
        return False
    if agg.get("headline"):
        return True  # a headline sums up its whole report, wherever its words place it
    a1, i1 = agg.get("admin1"), inc.get("admin1")
    if a1 and i1 and a1 != i1:
        named = _skeletons(agg.get("place_phrase")) | set(agg.get("sentence_words") or ())
        if _skeleton(i1.split()[-1]) not in named:
            return False
    return True


_VOWELS = re.compile(r"[aeiouy\W_]+")


def _skeleton(word: str) -> str:
    """Consonants only, so spellings meet: Idlib/Idleb -> dlb."""
    return _VOWELS.sub("", word.lower())


def _skeletons(text: Optional[str]) -> set[str]:
    return {sk for w in re.split(r"[\s,;:.()-]+", text or "") if len(sk := _skeleton(w)) >= 2}


def claim_sentence(text: str, rec: Rec) -> str:
    """The sentence(s) a claim was read from: from the sentence start before its first evidence span to
    the sentence end after its last one."""
    ev = rec.get("evidence") or []
    if not ev:
        return ""
    start, end = min(e["start"] for e in ev), max(e["end"] for e in ev)
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=len(text))
    return text[left + 1:right]


def _sub_aggregates(agg: Rec, aggs: list[Rec], cat: str) -> list[Rec]:
    """Narrower claims inside a broad one (the broad one names no perpetrator; each narrower one does),
    one per perpetrator: the largest figure, so a perpetrator is never counted twice."""
    if agg.get("actor1") and not agg.get("headline"):
        return []
    best: dict[str, tuple[float, Rec]] = {}
    for b in aggs:
        if b is agg or b.get("headline") or not b.get("actor1") or not covers(agg, b):
            continue
        rs, _ = _value_ranges(b, cat)
        s = _sum(rs)
        if s is None:
            continue
        if b["actor1"] not in best or s[0] > best[b["actor1"]][0]:
            best[b["actor1"]] = (s[0], b)
    return [r for _, r in best.values()]


def _evidence(rec: Rec, fields: list[str]) -> list[dict[str, Any]]:
    return [e for e in rec.get("evidence") or [] if e.get("field") in fields
            or any(e.get("field", "").startswith(f + ".") or e.get("field", "").startswith(f + "[") for f in fields)]


def _claimed_categories(agg: Rec) -> list[str]:
    cats = [f"{section}.{c}" for section in ("killed", "injured") for c in COUNT_CATEGORIES
            if (agg.get(section) or {}).get(c)]
    if agg.get("strikes"):
        cats.append("strikes")
    return cats


def _said(r: dict[str, Any], b: tuple[float, float]) -> str:
    """A claimed figure as the report put it: "about 180 (162-198)", "at least 126", "16"."""
    if r.get("low") is None and r.get("high") is None and r.get("best") is not None:
        return f"about {r['best']} ({_fmt(b)})"
    return _fmt(b)


def _label(cat: str) -> str:
    if cat == "strikes":
        return "strikes"
    section, sub = cat.split(".", 1)
    if section == "injured":
        return CATEGORY_WORDS[sub].replace("killed", "injured")
    return CATEGORY_WORDS[sub]


def check_aggregate(agg: Rec, recs: list[Rec]) -> list[Rec]:
    """The checks of one aggregate claim against the other records of its report."""
    incs = [r for r in recs if r.get("kind") == "incident" and covers(agg, r)]
    aggs = [r for r in recs if r.get("kind") == "aggregate"]
    out: list[Rec] = []
    for cat in _claimed_categories(agg):
        claimed_ranges, claim_fields = _value_ranges(agg, cat)
        claimed = _bounds(claimed_ranges[0]) if claimed_ranges else None
        if claimed is None:
            continue
        members: list[tuple[Rec, list[dict[str, Any]], list[str]]] = []
        for r in incs:
            rs, fs = _value_ranges(r, cat)
            if rs:
                members.append((r, rs, fs))
        via = "incidents"
        if not members:
            via = "aggregates"
            for b in _sub_aggregates(agg, aggs, cat):
                rs, fs = _value_ranges(b, cat)
                members.append((b, rs, fs))
        total = _sum(x for _, rs, _ in members for x in rs)
        chk: Rec = {
            "report_id": agg.get("report_id"), "record_id": agg.get("record_id"), "category": cat,
            "headline": bool(agg.get("headline")),
            "claimed": claimed_ranges[0], "claimed_bounds": _jsonable(claimed),
            "parts_sum": _jsonable(total) if total else None, "via": via if members else None,
            "claim_evidence": _evidence(agg, claim_fields + [cat]),
            "parts": [{"record_id": r.get("record_id"), "kind": r.get("kind"),
                       "place": r.get("location") or r.get("place_phrase"),
                       "value": _jsonable(_sum(rs)), "evidence": _evidence(r, fs)} for r, rs, fs in members],
        }
        label = _label(cat)
        if total is None:
            chk["status"] = "unchecked"
            chk["message"] = f"W-CLAIM-UNCHECKED: claim of {_said(claimed_ranges[0], claimed)} {label}: no part of the report states {label} to check it against"
        else:
            addends = " + ".join(_fmt(s) for _, rs, _ in members if (s := _sum(rs)) is not None)
            if claimed[0] <= total[1] and total[0] <= claimed[1]:
                chk["status"] = "consistent"
                chk["message"] = f"claim of {_said(claimed_ranges[0], claimed)} {label} agrees with its {len(members)} {via}: {addends}"
            else:
                chk["status"] = "mismatch"
                how = "exceed" if total[0] > claimed[1] else "fall short of"
                quote = "; ".join(repr(e.get("text")) for e in chk["claim_evidence"][:1])
                chk["message"] = (f"W-CLAIM-MISMATCH: claim of {_said(claimed_ranges[0], claimed)} {label}{' (' + quote + ')' if quote else ''} but its "
                                  f"{len(members)} {via} add up to {_fmt(total)} ({addends}): the parts {how} the claim")
        out.append(chk)
    return out


def _jsonable(b: Optional[tuple[float, float]]) -> Optional[dict[str, Optional[int]]]:
    if b is None:
        return None
    return {"low": int(b[0]), "high": None if b[1] == INF else int(b[1])}


HEADLINE_MAX = 400


def headline_end(text: Optional[str]) -> int:
    """End offset of a report's headline: its first line, when that line is short enough to be one."""
    if not text:
        return 0
    stripped = len(text) - len(text.lstrip())
    nl = text.find("\n", stripped)
    return nl if 0 < nl - stripped <= HEADLINE_MAX else 0


def is_headline(rec: Rec, end: int) -> bool:
    ev = rec.get("evidence") or []
    return bool(end and any(e.get("end", end + 1) <= end for e in ev))


def check_report(recs: list[Rec], text: Optional[str] = None) -> list[Rec]:
    """All checks of one report's aggregate claims.  ``recs`` are the report's records (contract lines,
    with ``record_id`` when stored).  With the report's ``text``, a claim read from the headline is taken
    to sum up the whole report, whatever perpetrator its words name first ("raids by the regime and
    Russia kill 20 civilians")."""
    end = headline_end(text)
    recs = [dict(r, record_id=r.get("record_id") or f"{r.get('report_id')}#{i}",
                 headline=r.get("kind") == "aggregate" and is_headline(r, end)) for i, r in enumerate(recs)]
    if text:
        for r in recs:
            if r["kind"] == "aggregate":
                r["sentence_words"] = sorted(_skeletons(claim_sentence(text, r)))
    out: list[Rec] = []
    for r in recs:
        if r.get("kind") == "aggregate":
            out.extend(check_aggregate(r, recs))
    return out
