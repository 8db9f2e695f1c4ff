"""Actor names and actor types as the exports write them.

* :func:`period_name` gives a state's forces the ACLED name of the period that contains the event's
  date ("Military Forces of Israel (2009-2021)" for a 2020 event), from the theatre bundles' ``actor_periods.tsv``
  files (the global bundle's for states that are not theatres), the same table extraction reads.
* :func:`state_of` tells which state an ACLED-style state-force name belongs to, and :func:`inter_code`
  gives ACLED's actor type codes (1 the state forces of the country of the event, 8 other states' forces).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Optional

from warledger.export.common import country_name

# "Military Forces of Israel (2009-2021) Special Forces" -> base, period, what follows
_PERIOD = re.compile(r"^(?P<base>.*?)\s*\((?P<period>\d{4}-(?:\d{4})?)\)(?P<rest>.*)$")
_STATE = re.compile(r"^(?:(?:Military|Police) Forces|Government) of (?:the )?(?P<state>[^()]+?)\s*(?:\(|$)")


@dataclass(frozen=True, slots=True)
class Period:
    base: str
    start: date
    end: Optional[date]
    acled_name: str
    line: int

    def contains(self, d: date) -> bool:
        return self.start <= d and (self.end is None or d <= self.end)


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@lru_cache(maxsize=4)
def _load_periods(key: tuple[str, ...]) -> dict[str, tuple[Period, ...]]:
    from warledger.theatre.actors import base_key, period_rows   # the one table of actor periods (the bundles' files)

    out: dict[str, list[Period]] = {}
    for row in period_rows():
        out.setdefault(base_key(row.base), []).append(Period(row.base, row.start, row.end, row.acled_name, row.line))
    return {k: tuple(sorted(v, key=lambda p: p.start)) for k, v in out.items()}


def load_periods() -> dict[str, tuple[Period, ...]]:
    """The periods of each base name (by :func:`warledger.theatre.actors.base_key`: no article after "of"), oldest
    first, with the names ACLED gives them now (the
    ``actor_periods.tsv`` files of the theatre bundles, :func:`warledger.theatre.actors.period_rows`)."""
    from warledger.theatre import roots

    return _load_periods(tuple(str(r) for r in roots()))


def state_of(actor: Optional[str]) -> Optional[str]:
    """The state whose forces an ACLED-style name names ("Military Forces of the United States (2021-)"
    -> "United States"), spelled as the country facts spell it; None for non-state actors."""
    m = _STATE.match(actor or "")
    return country_name(m.group("state")) if m else None


def strip_period(actor: str) -> str:
    """The name without its ACLED period: "Military Forces of Yemen (2016-) Supreme Political Council" ->
    "Military Forces of Yemen Supreme Political Council"."""
    m = _PERIOD.match(actor)
    return _squash(m.group("base") + m.group("rest")) if m else _squash(actor)


def _pick(candidates: list[Period], actor: str) -> Period:
    if len(candidates) == 1:
        return candidates[0]
    same = [p for p in candidates if p.acled_name == actor]
    return same[0] if same else max(candidates, key=lambda p: p.start)


def _without_stale_period(actor: str, m: re.Match[str], day: date, periods: tuple[Period, ...]) -> str:
    """``actor`` when its own period may hold ``day`` (no row of the table says otherwise), else the name without
    its period: "(2016-)" on a 2015 event, or "(2000-)" on a 2025 one when the table's period that began in 2000
    ended on 2024-12-07."""
    first, _, last = m.group("period").partition("-")
    if day.year < int(first) or (last and day.year > int(last)) or any(
            p.start.year == int(first) and p.end is not None and p.end < day for p in periods):
        return strip_period(actor)
    return actor


def period_name(actor: Optional[str], day: Optional[date]) -> Optional[str]:
    """``actor`` with the ACLED period that contains ``day``; unchanged when the name carries no period,
    the day is unknown or no period of that actor contains it, unless its own period cannot hold the day (it
    starts after it, ended before it, or the table's row it names ended before it: "(2000-)" after that
    government fell): then the name goes without a period rather than with a government's that was not in
    power (:func:`_without_stale_period`).

    A unit after the period ("... (2000-) Military Intelligence") is kept.  Rows are looked up by the
    name without its period, then by the state's military ("Police Forces of Iraq" takes the periods of
    "Military Forces of Iraq", keeping its own branch)."""
    if not actor or day is None:
        return actor
    m = _PERIOD.match(actor)
    if not m:
        return actor
    base, rest = _squash(m.group("base")), m.group("rest")
    periods = load_periods()
    from warledger.theatre.actors import base_key

    whole = periods.get(base_key(base + rest))        # "Military Forces of Yemen Houthi": the unit is the base
    if whole:
        hits = [p for p in whole if p.contains(day)]
        return _pick(hits, actor).acled_name if hits else _without_stale_period(actor, m, day, whole)
    own = periods.get(base_key(base))
    state = state_of(actor)
    borrowed = own is None and state is not None
    if borrowed:
        own = next((v for k, v in periods.items() if k.startswith("Military Forces of") and state_of(k) == state),
                   None)
    hits = [p for p in own or () if p.contains(day)]
    if not hits:
        return _without_stale_period(actor, m, day, own or ())
    chosen = _pick(hits, actor)
    if borrowed:
        pm = _PERIOD.match(chosen.acled_name)
        return f"{base} ({pm.group('period')}){rest}" if pm else actor
    suffixes = {(_PERIOD.match(p.acled_name) or m).group("rest") for p in own or ()}
    return chosen.acled_name + _unit(rest, suffixes)


def _unit(rest: str, suffixes: set[str]) -> str:
    """What follows a period in a name, less the word of a government's row that begins it ("(2012-2022) Hadi
    Security Belt Forces" -> " Security Belt Forces"): the chosen row's name brings its own word, and a name
    written by the export and read back is named the same again, not "Hadi Hadi"."""
    for word in sorted((x for x in suffixes if x), key=len, reverse=True):
        if rest == word or rest.startswith(word + " "):
            return rest[len(word):]
    return rest


# ---------------------------------------------------------------- actor types

def inter_code(actor: Optional[str], country: Optional[str]) -> Optional[int]:
    """ACLED's numeric actor types: 1 state forces, 2 rebels, 3 political militias, 4 identity militias,
    5 rioters, 6 protesters, 7 civilians, 8 external/other forces.  A state's forces are 1 in their own
    country and 8 elsewhere; with the country of the event unknown their code is left unknown (None)."""
    if not actor:
        return None
    a = actor.lower()
    if a.startswith("civilians"):
        return 7
    if a.startswith("protesters"):
        return 6
    if a.startswith("rioters"):
        return 5
    state = state_of(actor)
    if state is not None:
        where = country_name(country)
        return None if where is None else 1 if where == state else 8
    if a.startswith("communal militia") or "ethnic militia" in a:
        return 4
    if "militia" in a or a.startswith("unidentified"):
        return 3
    return 2


def interaction(i1: Optional[int], i2: Optional[int]) -> Optional[int]:
    """ACLED's interaction: the two codes, smaller first (10 x the code when there is one actor)."""
    if i1 is None:
        return None
    if i2 is None:
        return i1 * 10
    lo, hi = sorted((i1, i2))
    return lo * 10 + hi


INTER_TSV = Path(__file__).resolve().parent.parent / "data" / "acled_inter.tsv"


@lru_cache(maxsize=1)
def _inter_labels() -> dict[int, str]:
    from warledger.theatre import table_rows

    return {int(code): label for _, (code, label) in table_rows(INTER_TSV, ("code", "label"))}


def inter_label(code: Optional[int]) -> str:
    """An actor type code as ACLED's export writes it ("State forces" for 1, ``data/acled_inter.tsv``); "" for
    none or an unknown code."""
    return _inter_labels().get(code, "") if code is not None and 1 <= code <= 8 else ""


def interaction_label(i1: Optional[int], i2: Optional[int]) -> str:
    """ACLED's interaction in words: the two actor types joined by "-" in the order of their codes ("State
    forces-Civilians"), "<type> only" with one actor, "" when actor1's type is unknown; the exceptions that
    ``data/acled_inter.tsv`` lists by their two-digit code come first."""
    code = interaction(i1, i2)
    if code is None or not inter_label(i1):
        return ""
    own = _inter_labels().get(code) if code > 8 else None
    if own:
        return own
    lo, hi = divmod(code, 10)
    return f"{inter_label(lo)} only" if hi == 0 else f"{inter_label(lo)}-{inter_label(hi)}"
