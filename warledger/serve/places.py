"""The gazetteer behind the workbench's place picker: a name search over the server's gazetteer (the built-in
one or the ``--gazetteer`` it was started with) through the geocode package's own candidate look-up (the one
that places the reports: skeletons, Arabic, near spellings), and the values a picked place sets together.

A candidate's ``id`` is ``ISO2:number``, the place's number in that country's gazetteer as this server loaded
it; a pick sends it back with the name the analyst saw, and a name that no longer matches is refused (the
gazetteer changed: search again), so nothing is set that the analyst was not shown."""
from __future__ import annotations

from typing import Any, Optional

from warledger.errors import InputError
from warledger.geocode.resolve import kind_precision
from warledger.theatre.countries import country_code, country_name

Rec = dict[str, Any]
MAX_COUNTRIES = 6   # without a country, the search covers the one the name points to, else (at most) these of the ledger


def _entry(geo: Any, cc: str, pid: int, score: float) -> Rec:
    g = geo.gazetteer
    precision, where_prec = kind_precision(g.kind[pid])
    return {"id": f"{cc}:{pid}", "name": g.names[pid], "kind": g.kind[pid], "admin1": g.admin1[pid],
            "admin2": g.admin2[pid], "admin3": g.admin3[pid], "country": country_name(g.country[pid] or cc),
            "country_code": g.country[pid] or cc, "latitude": round(g.lat[pid], 5), "longitude": round(g.lon[pid], 5),
            "geo_precision": precision, "where_prec": where_prec, "population": g.population[pid] or None,
            "score": round(min(score, 1.0), 2)}


def search(geocoder: Any, q: str, country: Optional[str], ledger_countries: list[str], limit: int = 20) -> Rec:
    """Candidates for the name ``q``: in ``country`` (a name or ISO code) when given, else in the country the
    name points to, else in the ledger's countries; best match first, then the bigger place."""
    q = (q or "").strip()
    if not q:
        raise InputError("places: give a name to search for (q=...), in any script")
    if len(q) > 200:
        raise InputError("places: a name of at most 200 characters")
    if country:
        cc = country_code(country)
        if cc is None:
            raise InputError(f"places: country {country!r} is not one warledger knows; give its name or ISO code")
        ccs = [cc]
    else:
        named = geocoder.country_of(q, alone=True) if hasattr(geocoder, "country_of") else None
        ccs = [named] if named else [c for c in (country_code(n) for n in ledger_countries) if c][:MAX_COUNTRIES]
    found: list[Rec] = []
    for cc in dict.fromkeys(ccs):
        geo = geocoder.for_country(cc)
        found += [_entry(geo, cc, pid, score) for pid, score in geo.resolver.candidates(q, None, True)]
    found.sort(key=lambda e: (-e["score"], -(e["population"] or 0), e["name"]))
    return {"q": q, "countries": [c for c in dict.fromkeys(ccs)], "items": found[:limit], "total": len(found)}


def picked(geocoder: Any, place_id: str, name: Optional[str]) -> Rec:
    """The candidate ``place_id`` (``ISO2:number``) names, checked against the ``name`` the analyst picked."""
    cc, _, num = (place_id or "").partition(":")
    if not cc or not num.isdigit():
        raise InputError(f"place {place_id!r}: give the id of a candidate from GET /api/places (e.g. 'SY:1234')")
    geo = geocoder.for_country(cc.upper())
    pid = int(num)
    if not 0 < pid < len(geo.gazetteer):
        raise InputError(f"place {place_id!r} is not in this server's gazetteer: search again (GET /api/places)")
    entry = _entry(geo, cc.upper(), pid, 1.0)
    if name is not None and name != entry["name"]:
        raise InputError(f"place {place_id!r} is now {entry['name']!r}, not {name!r} (the gazetteer changed): "
                         "search again and pick the place anew")
    return entry


def place_values(entry: Rec) -> dict[str, Any]:
    """The incident fields a picked place sets, together: its name, admin units, country, point and precision
    codes (a unit left empty in the gazetteer is cleared, not kept from the place it replaces)."""
    return {"location": entry["name"], "admin1": entry["admin1"], "admin2": entry["admin2"],
            "admin3": entry["admin3"], "country": entry["country"], "latitude": entry["latitude"],
            "longitude": entry["longitude"], "geo_precision": entry["geo_precision"],
            "where_prec": entry["where_prec"]}
