"""A place filter typed in another of the unit's spellings: the workbench's pages (the list, the tally, the
duplicates) read "Idlib" or "إدلب" in Admin 1 as "Idleb", the ledger's (ACLED's) name, when the theatres' admin tables
(``data/theatres/<ISO2>/admin.tsv``, their variants column) give that spelling to exactly one unit the ledger holds,
and say so beside the filter bar.  The API keeps its exact match (a script gets what it asks for); the page's API link,
exports and "next in this list" carry the ledger's name."""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from warledger.store.query import Filters

LEVELS = ("admin1", "admin2")


@lru_cache(maxsize=1)
def spellings() -> dict[str, dict[str, frozenset[str]]]:
    """{level: {a spelling, casefolded: the units' names}} from every theatre's admin table (names and variants)."""
    from warledger.geocode.gazetteer import admin_table

    out: dict[str, dict[str, set[str]]] = {level: {} for level in LEVELS}
    for row in admin_table():
        if row.level in out:
            for v in (row.name, *row.variants):
                out[row.level].setdefault(v.casefold(), set()).add(row.name)
    return {level: {k: frozenset(v) for k, v in table.items()} for level, table in out.items()}


def respell(f: Filters, choices: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Set each admin filter typed as no name of the ledger but as a spelling of exactly one that it holds (or that name
    in other capitals) to that name; returns what was read so ({field, typed, name}), for the page to say."""
    out = []
    for level in LEVELS:
        typed = getattr(f, level)
        known = set(choices.get(level) or [])
        if not typed or typed in known:
            continue
        key = typed.strip().casefold()
        names = {n for n in spellings()[level].get(key, frozenset()) if n in known}
        names |= {n for n in known if n.casefold() == key}
        if len(names) == 1:
            name = names.pop()
            setattr(f, level, name)
            out.append({"field": level, "typed": typed, "name": name})
    return out
