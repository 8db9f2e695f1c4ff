"""Scoring: gold lines (the evaluation sets' format) against warledger's output lines (the contract's
format, as plain dicts).  The definitions are the project's published metrics (see BENCHMARKS.md)
and agree with the reference scorer used for the held-out sets.

Each ``score_*`` function takes the gold lines and the output lines (any order; grouped by
``report_id``, or ``id`` for places) and returns a :class:`SetScore`: per metric the number right
and the number scored, plus the failed cases (for ``warledger eval --errors``).
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable, Optional

from warledger.evaluate.lexicon import actor_family, admin1_key, ascii_lower, belligerent_families, lexicon, name_key

Line = dict[str, Any]
STATES_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Airwars geolocation accuracies precise enough to score a 10 km distance against.
FINE_ACCURACY = frozenset({"village", "town", "city", "exact_location", "neighbourhood_area", "street"})


@dataclass
class Case:
    """One scored item that failed: what the gold says, what the output says, how far off."""

    id: str
    gold: Any
    got: Any
    badness: float = 1.0


@dataclass
class Metric:
    name: str
    right: int = 0
    scored: int = 0
    value_override: Optional[float] = None   # for F1-type metrics that are not right/scored
    failures: list[Case] = field(default_factory=list)

    @property
    def value(self) -> float:
        if self.value_override is not None:
            return self.value_override
        return self.right / self.scored if self.scored else 0.0

    def add(self, ok: bool, case: Optional[Case] = None) -> None:
        self.scored += 1
        if ok:
            self.right += 1
        elif case is not None:
            self.failures.append(case)


@dataclass
class SetScore:
    kind: str
    n: int
    metrics: dict[str, Metric]
    confusion: Optional[dict[tuple[str, str], int]] = None
    notes: list[str] = field(default_factory=list)
    groups: dict[str, "SetScore"] = field(default_factory=dict)   # per country (theatres)

    def values(self) -> dict[str, float]:
        return {k: m.value for k, m in self.metrics.items()}


# ------------------------------------------------------------------------------------------ helpers
def range_value(r: Any) -> Optional[int]:
    """The single figure of a range: best, else low, else high (a bare number is itself)."""
    if r is None:
        return None
    if isinstance(r, (int, float)):
        return int(r)
    if isinstance(r, dict):
        for k in ("best", "low", "high"):
            v = r.get(k)
            if isinstance(v, (int, float)):
                return int(v)
    return None


def count_of(line: Line, what: str, category: str) -> Optional[int]:
    block = line.get(what)
    return range_value(block.get(category)) if isinstance(block, dict) else None


def as_float(x: Any) -> Optional[float]:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def as_int(x: Any) -> Optional[int]:
    try:
        return int(x)
    except (TypeError, ValueError):
        return None


def gold_range(gold: Line, low_key: str, high_key: str) -> Optional[tuple[int, int]]:
    """A gold low..high pair as integers; one side alone stands for both; None when neither is given."""
    lo, hi = as_int(gold.get(low_key)), as_int(gold.get(high_key))
    if lo is None:
        return None if hi is None else (hi, hi)
    return lo, (lo if hi is None else hi)


def distance_km(lat1: Optional[float], lon1: Optional[float], lat2: Optional[float], lon2: Optional[float]) -> float:
    """Great-circle distance (haversine, Earth diameter 12742 km); infinite when a coordinate is missing."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return math.inf
    rad = math.pi / 180
    a = (math.sin((lat2 - lat1) * rad / 2) ** 2
         + math.cos(lat1 * rad) * math.cos(lat2 * rad) * math.sin((lon2 - lon1) * rad / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


def nearest_km(lines: list[Line], lat: Any, lon: Any) -> float:
    ds = [distance_km(as_float(p.get("latitude")), as_float(p.get("longitude")), lat, lon) for p in lines]
    return min(ds) if ds else math.inf


def group_by_report(pred: Iterable[Line]) -> dict[str, list[Line]]:
    out: dict[str, list[Line]] = defaultdict(list)
    for p in pred:
        out[str(p.get("report_id"))].append(p)
    return out


def incident_lines(lines: list[Line]) -> list[Line]:
    """Output lines that are single incidents (aggregate claims are not scored against one event)."""
    return [p for p in lines if p.get("kind", "incident") == "incident"]


def _brief(p: Line, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: p.get(k) for k in keys}


# ---------------------------------------------------------------------------------------- ACLED notes
ACLED_METRICS = ("fatalities", "date", "admin1", "admin2", "within_10km", "sub_event_type", "actors",
                 "some_incident")


def _score_toll_and_date(ms: dict[str, Metric], g: Line, ps: list[Line]) -> None:
    """The ``fatalities`` and ``date`` metrics of one ACLED note (the notes set and the theatres set alike).
    ACLED codes an unknown toll as 0, so records without a number add nothing; the date is scored only on
    notes that state one."""
    gid, gg = str(g["id"]), g["gold"]
    tolls = [p.get("fatalities") if p.get("fatalities") is not None else count_of(p, "killed", "total") for p in ps]
    total = sum(t for t in tolls if isinstance(t, int))
    ms["fatalities"].add(total == gg["fatalities"],
                         Case(gid, gg["fatalities"], total, abs(total - (gg["fatalities"] or 0))))
    if STATES_A_YEAR.search(g["text"] or ""):
        got = [p.get("event_date") for p in ps]
        ms["date"].add(gg["event_date"] in got, Case(gid, gg["event_date"], got))


def score_acled(gold: list[Line], pred: Iterable[Line]) -> SetScore:
    by = group_by_report(pred)
    ms = {k: Metric(k) for k in ACLED_METRICS}
    for g in gold:
        gid, gg = str(g["id"]), g["gold"]
        ps = incident_lines(by.get(gid, []))
        _score_toll_and_date(ms, g, ps)
        gk = admin1_key(gg["admin1"])
        ms["admin1"].add(any(admin1_key(p.get("admin1")) == gk for p in ps),
                         Case(gid, gg["admin1"], [p.get("admin1") for p in ps]))
        gk = name_key(gg["admin2"])
        ms["admin2"].add(any(name_key(p.get("admin2")) == gk for p in ps),
                         Case(gid, gg["admin2"], [p.get("admin2") for p in ps]))
        near = nearest_km(ps, gg["latitude"], gg["longitude"])
        ms["within_10km"].add(near <= 10, Case(
            gid, _brief(gg, ("location", "latitude", "longitude")),
            [_brief(p, ("location", "latitude", "longitude")) for p in ps],
            near if near != math.inf else 1e9))
        ms["sub_event_type"].add(any(p.get("sub_event_type") == gg["sub_event_type"] for p in ps),
                                 Case(gid, gg["sub_event_type"], [p.get("sub_event_type") for p in ps]))
        want = {actor_family(gg["actor1"]), actor_family(gg["actor2"])} - {None}
        ms["actors"].add(any({actor_family(p.get("actor1")), actor_family(p.get("actor2"))} - {None} == want
                             for p in ps),
                         Case(gid, [gg["actor1"], gg["actor2"]], [[p.get("actor1"), p.get("actor2")] for p in ps]))
        ms["some_incident"].add(bool(ps), Case(gid, "an incident", [p.get("kind") for p in by.get(gid, [])]))
    return SetScore("acled", len(gold), ms)


# ------------------------------------------------------------------------------------- Airwars texts
AIRWARS_METRICS = ("civilians", "children", "women", "civ_injured", "date±1", "within_10km", "perpetrator")
_AIRWARS_COUNTS = (("civilians", "civilians_killed", "killed", "civilians"),
                   ("children", "children_killed", "killed", "children"),
                   ("women", "women_killed", "killed", "women"),
                   ("civ_injured", "civilians_injured", "injured", "civilians"))


def _within_a_day(lines: list[Line], gold_day: date) -> bool:
    """Some record is dated within one day of ``gold_day``.  Records are checked in order; an
    unreadable date stops the check (the text counts as missed, as in the reference scorer)."""
    for p in lines:
        d = p.get("event_date")
        if not d:
            continue
        if abs((date.fromisoformat(d[:10]) - gold_day).days) <= 1:
            return True
    return False


def score_airwars(gold: list[Line], pred: Iterable[Line]) -> SetScore:
    """Texts linked to exactly one Airwars incident.  A count is right when the sum over the text's
    incident records lies inside Airwars' min-max range (one text may cover only part of it)."""
    by = group_by_report(pred)
    ms = {k: Metric(k) for k in AIRWARS_METRICS}
    n = 0
    for g in gold:
        linked = g["gold"]["incidents"]
        if len(linked) != 1:
            continue
        n += 1
        gid, gi = str(g["id"]), linked[0]
        ps = incident_lines(by.get(gid, []))
        for metric, col, what, cat in _AIRWARS_COUNTS:
            span = gold_range(gi, col + "_min", col + "_max")
            if span is None:
                continue
            lo, hi = span
            vals = [v for v in (count_of(p, what, cat) for p in ps) if v is not None]
            got = sum(vals) if vals else None
            off = 1e9 if got is None else (lo - got if got < lo else got - hi)
            ms[metric].add(got is not None and lo <= got <= hi, Case(gid, [lo, hi], got, off))
        if gi.get("incident_date"):
            got_dates = [p.get("event_date") for p in ps]
            try:
                ok = _within_a_day(ps, date.fromisoformat(gi["incident_date"]))
            except ValueError:
                ok = False
            ms["date±1"].add(ok, Case(gid, gi["incident_date"], got_dates))
        lat, lon = as_float(gi.get("latitude")), as_float(gi.get("longitude"))
        if lat is not None and gi.get("geolocation_accuracy") in FINE_ACCURACY:
            near = nearest_km(ps, lat, lon)
            ms["within_10km"].add(near <= 10, Case(
                gid, {"location": gi.get("location_en"), "latitude": lat, "longitude": lon},
                [_brief(p, ("location", "latitude", "longitude")) for p in ps], near if near != math.inf else 1e9))
        fams = belligerent_families(gi.get("belligerent"))
        if fams:
            ms["perpetrator"].add(any(actor_family(p.get("actor1")) in fams for p in ps),
                                  Case(gid, gi.get("belligerent"), [p.get("actor1") for p in ps]))
    return SetScore("airwars", n, ms)


# ------------------------------------------------------------------------------------- ACLED theatres
THEATRE_METRICS = ("fatalities", "date", "country", "admin1", "within_25km", "event_type", "sub_event_type",
                   "actor_names", "some_incident")
_ACTOR_NONALNUM = re.compile(r"[^a-z0-9]+")
_ACTOR_PERIOD = re.compile(r".*\(\d{4}-?\d*\)$")


def actor_key(value: object) -> str:
    """An ACLED actor name reduced for comparison: ascii, lower case, letters and digits only."""
    return _ACTOR_NONALNUM.sub("", ascii_lower(value))


def actor_matches(pred: Optional[str], gold: Optional[str]) -> bool:
    """``pred`` names ACLED's actor ``gold``: the same name, or ``gold`` with a sub-unit after a state force's
    name and period ("Military Forces of Iraq (2014-)" matches "... (2014-) Popular Mobilization Forces")."""
    p, g = actor_key(pred), actor_key(gold)
    return bool(p) and (p == g or (g.startswith(p) and bool(_ACTOR_PERIOD.match(str(pred).strip()))))


def _actor_pair_right(p: Line, gold_actors: list[str]) -> bool:
    mine = [x for x in (p.get("actor1"), p.get("actor2")) if x]
    return len(mine) == len(gold_actors) and all(any(actor_matches(x, a) for x in mine) for a in gold_actors)


def score_theatres(gold: list[Line], pred: Iterable[Line]) -> SetScore:
    """ACLED notes from any country: the ACLED metrics that do not depend on Syria, plus event type,
    country (some record names the note's country and none names another) and ACLED's own actor names
    (the unordered pair; a sub-unit after a state force's period may be left out).  Also scored per
    country (``SetScore.groups``)."""
    by = group_by_report(pred)
    per: dict[str, list[Line]] = defaultdict(list)
    for g in gold:
        per[str(g["gold"].get("country") or "(none)")].append(g)
    whole = _score_theatre_lines(gold, by)
    whole.groups = {c: _score_theatre_lines(lines, by) for c, lines in sorted(per.items())}
    return whole


def _score_theatre_lines(gold: list[Line], by: dict[str, list[Line]]) -> SetScore:
    ms = {k: Metric(k) for k in THEATRE_METRICS}
    for g in gold:
        gid, gg = str(g["id"]), g["gold"]
        ps = incident_lines(by.get(gid, []))
        _score_toll_and_date(ms, g, ps)
        country = name_key(gg.get("country"))
        mine = {name_key(p.get("country")) for p in ps if p.get("country")}
        ms["country"].add(mine == {country}, Case(gid, gg.get("country"), [p.get("country") for p in ps]))
        gk = admin1_key(gg["admin1"])
        ms["admin1"].add(any(name_key(p.get("country")) == country and admin1_key(p.get("admin1")) == gk for p in ps),
                         Case(gid, [gg.get("country"), gg["admin1"]], [[p.get("country"), p.get("admin1")] for p in ps]))
        near = nearest_km(ps, gg["latitude"], gg["longitude"])
        ms["within_25km"].add(near <= 25, Case(
            gid, _brief(gg, ("location", "admin1", "latitude", "longitude")),
            [_brief(p, ("location", "admin1", "latitude", "longitude")) for p in ps], near if near != math.inf else 1e9))
        for k in ("event_type", "sub_event_type"):
            ms[k].add(any(p.get(k) == gg[k] for p in ps), Case(gid, gg[k], [p.get(k) for p in ps]))
        want = [a for a in (gg.get("actor1"), gg.get("actor2")) if a]
        ms["actor_names"].add(any(_actor_pair_right(p, want) for p in ps),
                              Case(gid, want, [[p.get("actor1"), p.get("actor2")] for p in ps]))
        ms["some_incident"].add(bool(ps), Case(gid, "an incident", [p.get("kind") for p in by.get(gid, [])]))
    return SetScore("theatres", len(gold), ms)


# ------------------------------------------------------------------------------------------ CASE 2021
def score_case(gold: list[Line], pred: Iterable[Line]) -> SetScore:
    """The FIRST output line of each snippet (any kind) gives its sub-event type, mapped to CASE's
    labels ("NONE" when there is no line or no ACLED class).  F1 per gold label; weighted by support
    and macro-averaged over the labels that occur in the gold."""
    lex = lexicon()
    by = group_by_report(pred)
    pairs: list[tuple[str, str, str]] = []
    for g in gold:
        label = g["gold"]["label"]
        if label in lex.case_unseen:
            continue
        ps = by.get(str(g["id"]), [])
        sub_type = ps[0].get("sub_event_type") if ps else None
        guess = lex.case_labels.get(sub_type, "NONE") if isinstance(sub_type, str) else "NONE"
        pairs.append((str(g["id"]), label, guess))
    confusion: dict[tuple[str, str], int] = defaultdict(int)
    for _, a, b in pairs:
        confusion[(a, b)] += 1
    labels = sorted({a for _, a, _ in pairs})
    f1s: list[float] = []
    support: list[int] = []
    for lab in labels:
        tp = confusion.get((lab, lab), 0)
        fp = sum(c for (a, b), c in confusion.items() if b == lab and a != lab)
        fn = sum(c for (a, b), c in confusion.items() if a == lab and b != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        support.append(tp + fn)
    n = len(pairs)
    weighted = sum(f * s for f, s in zip(f1s, support)) / sum(support) if support else 0.0
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    acc = Metric("accuracy")
    for gid, a, b in pairs:
        acc.add(a == b, Case(gid, a, b))
    ms = {"weighted_f1": Metric("weighted_f1", acc.right, n, weighted, acc.failures),
          "macro_f1": Metric("macro_f1", acc.right, n, macro, acc.failures),
          "accuracy": acc}
    return SetScore("case", n, ms, confusion=dict(confusion))


# -------------------------------------------------------------------------------------- Airwars places
def score_places(gold: list[Line], pred: Iterable[Line]) -> SetScore:
    got = {str(p.get("id")): p for p in pred}
    ms = {k: Metric(k) for k in ("within_5km", "within_25km", "resolved")}
    for g in gold:
        gid, gg = str(g["id"]), g["gold"]
        p = got.get(gid, {})
        dist = distance_km(as_float(p.get("latitude")), as_float(p.get("longitude")), gg["latitude"], gg["longitude"])
        case = Case(gid, {"place": g.get("place"), "latitude": gg["latitude"], "longitude": gg["longitude"]},
                    _brief(p, ("location", "admin1", "latitude", "longitude", "problems")), dist if dist != math.inf else 1e9)
        ms["within_5km"].add(dist <= 5, case)
        ms["within_25km"].add(dist <= 25, case)
        ms["resolved"].add(as_float(p.get("latitude")) is not None, case)
    return SetScore("places", len(gold), ms)


# ------------------------------------------------------------------------------------ cross-report dedup
def score_pairs(gold_clusters: Iterable[Iterable[str]], pred_groups: Iterable[Iterable[str]]) -> SetScore:
    """Pairwise precision/recall/F1 of cross-report deduplication.  ``gold_clusters`` lists, per gold
    incident, the ids of the reports that describe it (a report may sit in several); ``pred_groups``
    lists, per predicted (ledger) incident, the ids of the reports merged into it.  A pair is two
    reports in one cluster; only reports that appear in the gold are scored."""
    def pairs(groups: Iterable[Iterable[str]], keep: Optional[set[str]]) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for grp in groups:
            m = sorted({r for r in grp if keep is None or r in keep})
            out.update((a, b) for x, a in enumerate(m) for b in m[x + 1:])
        return out

    gold = [list(c) for c in gold_clusters]
    scored = {r for c in gold for r in c}
    gp, pp = pairs(gold, None), pairs(pred_groups, scored)
    tp = len(gp & pp)
    prec = tp / len(pp) if pp else 0.0
    rec = tp / len(gp) if gp else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    ms = {"pair_precision": Metric("pair_precision", tp, len(pp), prec),
          "pair_recall": Metric("pair_recall", tp, len(gp), rec),
          "pair_f1": Metric("pair_f1", tp, len(gp), f1)}
    ms["pair_precision"].failures = [Case(f"{a} + {b}", "different incidents", "merged") for a, b in sorted(pp - gp)]
    ms["pair_recall"].failures = [Case(f"{a} + {b}", "same incident", "kept apart") for a, b in sorted(gp - pp)]
    return SetScore("dedup", len(scored), ms)


SCORERS = {"acled": score_acled, "theatres": score_theatres, "airwars": score_airwars, "case": score_case, "places": score_places}
