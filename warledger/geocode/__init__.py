"""Geocoding: place phrases -> gazetteer places with admin units and precision codes.  (Stub until issue #3 lands.)"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from warledger.record import Place, Report


class Geocoder:
    """Resolves place phrases against one gazetteer."""

    def resolve(self, phrase: str, governorate: Optional[str] = None) -> Place:
        return Place(phrase=phrase, governorate=governorate)


@lru_cache(maxsize=8)
def load_geocoder(path: Optional[str] = None) -> Geocoder:
    """A geocoder over ``path`` (a source file or built index), ``$WARLEDGER_GAZETTEER``, or the built-in one."""
    return Geocoder()


def default_geocoder() -> Geocoder:
    return load_geocoder(None)


def geocode_report(report: Report, geocoder: Geocoder) -> Report:
    """Fill each incident's ``place`` from its phrase."""
    return report
