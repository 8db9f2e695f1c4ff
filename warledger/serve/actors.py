"""ACLED actor names for the workbench's type-ahead: the names already in the ledger and those of the theatre
bundles' actor lexicons (``warledger/data/theatres/<ISO2>/actors.tsv`` and the global one, read with the theatre
package's loader), each written with the period that fits the incident's date by the code that names actors
with periods (:func:`warledger.theatre.actors.render`, :func:`~warledger.theatre.actors.period_name`).

"Military Forces of Syria (2000-)" suggested for an incident of 2025 becomes the period of 2025; a template
"Civilians ({country})" becomes the incident's country's name; a name with no known period stays as it is."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Optional

from warledger.theatre import data_lines, global_files, root_key, theatre
from warledger.theatre.actors import base_key, is_template, name_for_day, period_name, period_rows, render
from warledger.theatre.countries import country_code, country_name

Rec = dict[str, Any]
_DATED = re.compile(r"^(?P<base>.+?) \((?P<start>\d{4})-(?:\d{4})?\)(?P<rest>.*)$")  # "Base (2000-)" or "(2000-2024)"


def lexicon_names(iso2: Optional[str]) -> tuple[str, ...]:
    """The ACLED names (column 1, templates as written) of the theatre's actors.tsv, then the global bundle's."""
    return _lexicon_names(iso2, root_key())


@lru_cache(maxsize=64)
def _lexicon_names(iso2: Optional[str], key: tuple[str, ...]) -> tuple[str, ...]:  # key: the theatre folders
    th = theatre(iso2) if iso2 else None
    own = th.file("actors.tsv") if th is not None else None
    out: dict[str, None] = {}
    for path in ([own] if own is not None else []) + global_files("actors.tsv"):
        for _, cols in data_lines(path):
            if cols and cols[0] and cols[0] != "name":
                out[cols[0]] = None
    return tuple(out)


def for_date(name: str, iso2: Optional[str], year: Optional[int]) -> str:
    """``name`` with the period that fits ``year`` (templates rendered for the country); unchanged when no
    period of its base is known, or with no year."""
    if is_template(name):
        return render(name, iso2, year)[0] or name
    m = _DATED.match(name)
    if m is None or year is None:
        return name
    base = m.group("base")
    full = period_name(country_name(iso2) or "", base, year) if iso2 else None
    if full is None and base_key(base) in _period_bases(root_key()):
        return base + m.group("rest")  # a period of the base, none for this year: written without one, as render does
    return full + m.group("rest") if full else name


@lru_cache(maxsize=8)
def _period_bases(key: tuple[str, ...]) -> frozenset[str]:
    return frozenset(base_key(r.base) for r in period_rows())


def suggest(q: str, ledger_names: list[str], country: Optional[str], day: Optional[str], limit: int = 20) -> Rec:
    """Names holding every word of ``q`` (case-insensitive), the ledger's first, each for the incident's
    country and year; names starting with ``q`` before the others."""
    iso2 = country_code(country) if country else None
    year = int(day[:4]) if day and day[:4].isdigit() else None
    words = (q or "").lower().split()
    seen: dict[str, str] = {}
    for source, names in (("ledger", ledger_names), ("lexicon", lexicon_names(iso2))):
        for raw in names:
            name = name_for_day(for_date(raw, iso2, year), day) or raw   # the day's period, not only the year's
            low = name.lower()
            if name not in seen and all(w in low for w in words):
                seen[name] = source
    ranked = sorted(seen.items(), key=lambda kv: (not kv[0].lower().startswith(" ".join(words)), kv[1] != "ledger",
                                                 kv[0].lower()))
    return {"q": q, "country": country_name(iso2) if iso2 else None, "year": year, "total": len(ranked),
            "items": [{"name": n, "from": s} for n, s in ranked[:limit]]}
