"""A naive regex baseline, scored beside warledger in every ``warledger eval`` run: the floor.

One record per report: the first number before "killed"/"fatalities"/"dead", the first full date,
the first governorate named (placed at its capital city), the first sub-event keyword, the first two actor keywords (in text
order).  It reads nothing else: no clauses, no ranges, no geocoding beyond the governorate.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any, Optional

from warledger.evaluate.lexicon import lexicon

_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), 1)}
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s+" + _MONTH + r",?\s+((?:19|20)\d\d)\b", re.I)
_MONTH_DAY_YEAR = re.compile(r"\b" + _MONTH + r"\s+(\d{1,2}),?\s+((?:19|20)\d\d)\b", re.I)
_KILLED = re.compile(r"\b(\d{1,4})\b[^.\d]{0,40}?\b(?:killed|fatalit|dead|died|deaths)", re.I)
_CIVILIANS = re.compile(r"\b(\d{1,4})\s+(?:\w+\s+){0,2}?civilians?\b", re.I)
_CHILDREN = re.compile(r"\b(\d{1,4})\s+(?:\w+\s+)?(?:children|child|kids)\b", re.I)
_WOMEN = re.compile(r"\b(\d{1,4})\s+(?:\w+\s+)?(?:women|woman)\b", re.I)
_INJURED = re.compile(r"\b(\d{1,4})\b[^.\d]{0,40}?\b(?:injur|wound)", re.I)


@lru_cache(maxsize=1)
def _governorates() -> tuple[tuple[re.Pattern[str], str], ...]:
    # longest spellings first so "Rural Damascus" wins over "Damascus"
    rows = sorted(lexicon().baseline_gov, key=lambda kv: -len(kv[0]))
    return tuple((re.compile(r"\b" + re.escape(k) + r"\b", re.I), v) for k, v in rows)


def _first_int(rx: re.Pattern[str], text: str) -> Optional[int]:
    m = rx.search(text)
    return int(m.group(1)) if m else None


def _exact(n: Optional[int]) -> Optional[dict[str, int]]:
    return None if n is None else {"low": n, "best": n, "high": n}


def _first_date(text: str) -> Optional[str]:
    found: list[tuple[int, str]] = []
    for rx, order in ((_DAY_MONTH_YEAR, "dmy"), (_MONTH_DAY_YEAR, "mdy")):
        m = rx.search(text)
        if not m:
            continue
        if order == "dmy":
            d, mon, y = int(m.group(1)), _MONTHS[m.group(2).lower()], int(m.group(3))
        else:
            mon, d, y = _MONTHS[m.group(1).lower()], int(m.group(2)), int(m.group(3))
        try:
            found.append((m.start(), date(y, mon, d).isoformat()))
        except ValueError:
            continue
    return min(found)[1] if found else None


def _first_governorate(text: str) -> Optional[str]:
    best: Optional[tuple[int, str]] = None
    for rx, name in _governorates():
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), name)
    return best[1] if best else None


def _actors(text: str) -> tuple[Optional[str], Optional[str]]:
    hits: list[tuple[int, str]] = []
    for rx, name in lexicon().baseline_actor:
        m = rx.search(text)
        if m:
            hits.append((m.start(), name))
    names = [n for _, n in sorted(hits)]
    return (names[0] if names else None), (names[1] if len(names) > 1 else None)


def baseline_report(report_id: str, text: str) -> list[dict[str, Any]]:
    """The baseline's output for one report: one record in the contract's format."""
    text = text or ""
    killed = _first_int(_KILLED, text)
    sub = next((v for rx, v in lexicon().baseline_sub if rx.search(text)), None)
    a1, a2 = _actors(text)
    gov = _first_governorate(text)
    lat, lon = lexicon().baseline_capital.get(gov or "", (None, None))
    return [{
        "report_id": report_id, "kind": "incident", "event_date": _first_date(text),
        "sub_event_type": sub, "actor1": a1, "actor2": a2, "admin1": gov, "admin2": None,
        "latitude": lat, "longitude": lon, "fatalities": killed,
        "killed": {"total": _exact(killed), "civilians": _exact(_first_int(_CIVILIANS, text)),
                   "children": _exact(_first_int(_CHILDREN, text)), "women": _exact(_first_int(_WOMEN, text))},
        "injured": {"civilians": _exact(_first_int(_INJURED, text))},
    }]


def baseline_place(place_id: str, phrase: str, governorate: Optional[str]) -> dict[str, Any]:
    """The baseline has no gazetteer: a place is put at the capital of the first governorate its
    phrase (or given governorate) names, else left unresolved."""
    gov = _first_governorate(f"{phrase or ''} {governorate or ''}")
    lat, lon = lexicon().baseline_capital.get(gov or "", (None, None))
    return {"id": place_id, "location": None, "admin1": gov, "latitude": lat, "longitude": lon,
            "problems": [] if gov else ["baseline: no governorate named"]}
