"""Resolving a place phrase against a :class:`~warledger.geocode.gazetteer.Gazetteer`.

A phrase such as "al-Mshirfah village in the eastern countryside of Maarrat al-Nu'man city" is cut at its
connectors (in, of, near, on, commas, brackets …) into a *head* (the toponym itself) and *context*
segments.  Context segments name a governorate, a district, a region ("Jabal al-Zawiyah") or a reference
town; they constrain the head's candidates (never a same-named place in another governorate) and score
them (same district, distance to the reference town).  When the head is not in the gazetteer, the most
specific context is used instead, with an honest precision code and a problem note:

* a town the phrase is relative to ("southern outskirts of X", "near X", "countryside of X") -> precision 2
  at X (UCDP where_prec 2);
* a region -> precision 2 at its centre (where_prec 5);
* a district / sub-district -> precision 3 at the unit's point (where_prec 3);
* a governorate -> precision 3 at its capital (where_prec 4), the point ACLED gives precision-3 events.

A point that stands for a whole unit (the last three) is never moved to look like a place ("the southern
countryside of Idlib" stays at Idlib's point, not 25 km south of it), and carries a problem with the stable
code :data:`CENTROID_CODE` so a map can draw it as an area, not a village.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Optional

from warledger.geocode.gazetteer import ADMIN1_SIMILARITY, Gazetteer, Grid, admin_table, canonical_admin1, km
from warledger.geocode.tables import CountryTables, cached_map, cached_or_built
from warledger.geocode.normalize import (base_name, deletions, fold, lcs_length, loose, qualifier_class,
                                         similarity, skeleton_variants)
from warledger.record import Geocoded
from warledger.theatre.countries import country_name

# ---------------------------------------------------------------- phrase grammar
_DIR = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|central|middle)"
_DIR_ADJ = rf"(?:{_DIR}(?:ern)?|northeastern|northwestern|southeastern|southwestern|upper|lower)"
# connectors that cut a phrase into segments; the connector is kept to tell the segment's role
_CONNECT = re.compile(
    r"\s*(,|;|:|\(|\)|\[|\]|/|&|\s[-–—]\s|(?<![\w'’`])(?:in|on|at|near|nearby|close to|next to|around|outside|off|"
    r"of|from|towards?|between|and|or|within|by|along|inside|west|east|north|south)(?![\w'’`]))\s*",
    re.IGNORECASE)
_DESCRIPTOR_WORDS = (
    "village|villages|town|towns|city|cities|area|areas|neighbou?rhoods?|quarter|district|sub-?district|"
    "nahiya|countryside|country side|rural|province|governorate|region|municipality|camp|camps|farms?|suburbs?|"
    "townships?|lga|county|counties|territory|commune|department|tehsil|upazila|woreda|prefecture|sub-?county|"
    "outskirts?|vicinity|surroundings?|periphery|edges?|entrance|environs|hills?|plain|valley|desert|"
    "center|centre|downtown|multiple locations|locations?|axis|axes|fronts?|frontlines?|parts?|the|a|an|its|"
    "km|kilometers?|kilometres?|several|some|local|residential|western|eastern|northern|southern|"
    "bridge|road|highway|crossing|river crossing|dam|oil ?fields?|gas ?fields?|fields?|station|school|hospital|"
    "mosque|bakery|market|roundabout|checkpoint|airport|air ?base|military base|base|factory|prison|mountain|"
    "mount|syria|syrian arab republic|street|avenue|square|barrier|military|research|complex|compound|company|"
    "institute|university|college|stadium|club|building|headquarters|palace|plant|refinery|silos?|warehouses?|"
    "depots?|posts?|points?|positions?|barracks|academy|idps?|refugees?|displaced|castle|citadel|fortress|"
    "mountains|hilltops?|ridge|"
    "northeastern|northwestern|southeastern|southwestern|north|south|east|west|central|middle"
)
_DESCRIPTORS = re.compile(rf"(?<![\w'’`])(?:{_DESCRIPTOR_WORDS}|\d+(?:\.\d+)?)(?![\w'’`])", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:outskirts?|vicinity|surroundings?|periphery|edges?|entrance|environs|near|nearby|"
                       r"close to|next to|around|outside|off)\b", re.IGNORECASE)
_COUNTRYSIDE = re.compile(r"\b(?:countryside|country side|rural|desert|suburbs?)\b",
                          re.IGNORECASE)
_ADMIN_WORD = re.compile(r"\b(?:province|governorate|district|sub-?district|nahiya|region)\b", re.IGNORECASE)
_POINT_WORD = re.compile(r"\b(?:city|town|village|camp|neighbou?rhood|quarter)\b", re.IGNORECASE)
_GENERIC_PREFIX = re.compile(r"(?:jabal|jebel|jabel|khirbet|khirbat|kherbet|hawsh|hosh|harsh|mazraat|mazraet|"
                             r"tal|tall|tell|jisr|bir|ain|ayn|ein|wadi|sabkhat?|qasr|deir|dayr)[\s\-]+", re.IGNORECASE)
_QUARTER = re.compile(r"\b(?:neighbou?rhoods?|quarter|district of the city|street|avenue|square)\b", re.IGNORECASE)
_DIRECTION = re.compile(rf"\b({_DIR_ADJ})\b", re.IGNORECASE)
# "Jalawla northeast Baqubah", "Zaghniyah area southeast Ar Rutba": a compass word between a name (or its descriptor)
# and a capitalised name, with no "of", reads as "Jalawla, northeast of Baqubah"; "in northeast Nigeria" is left
_NAME_COMPASS_NAME = re.compile(r"(?<=[\w'’])(\s+)((?:north|south)-?(?:east|west)|north|south|east|west)\s+(?=[A-Z])")
_NOT_A_NAME = re.compile(r"(?:^|\s)(?:in|of|the|to|from|at|on|into|toward|towards|near|and|or|by|a|an)$", re.IGNORECASE)


def _compass_of(text: str) -> str:
    def rep(m: re.Match[str]) -> str:
        before = text[:m.start()]
        return m.group(0) if _NOT_A_NAME.search(before) else f", {m.group(2)} of "
    return _NAME_COMPASS_NAME.sub(rep, text)


_CAP_DIR_SPLIT = re.compile(r"(?<=\w)\s+((?:[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:-?(?:east|west))?(?:ern)?)\s+(?=[A-Z])")
_SPACES = re.compile(r"\s+")
_PAIR = re.compile(r"^((?:(?:al|el|as|ar|ad|ash|az|an|at)-)?[A-Z][\w'’]{2,}(?:\s[A-Z][\w'’]+)?)-([A-Z][\w'’]{2,}.*)$")
# a gazetteer name ending in a facility word ("Azraq Oil Field", "Koniko Gas Field", "Tabqa Dam")
_FEATURE_SUFFIX = re.compile(r"\s+(?:-\s+)?(?:oil|gas)\s+fields?$|\s+(?:-\s+)?(?:dam|field|oil\s+wells?|station|"
                             r"pumping\s+station|camp|bridge|castle|citadel|hill|mountain)$", re.IGNORECASE)
_AIR = r"(?:international\s+|military\s+)?(?:airport|air[\s-]?base|airfield|air\s+field)"
# a gazetteer name of an airport after its town, and a phrase naming one that way
_AIRBASE_NAME = re.compile(r"^(.+?)\s*(?:[-–]\s*)?" + _AIR + r"$", re.IGNORECASE)
_AIRBASE_PHRASE = re.compile(r"^(?:the\s+)?((?:al|el|ad|ar|as|ash|at|az|an)?[-\s]?[A-Z][\w'’\-]*(?:\s+(?!(?:international|military|air)\b)[A-Z][\w'’\-]*)?)\s*(?:[-–]\s*)?"
                             + _AIR + r"\b", re.IGNORECASE)
_ROUTE = re.compile(r"\b(?:highway|road|motorway|triangle|border|route|axis|line)\b", re.IGNORECASE)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
# "Hama's southern countryside" -> "southern countryside of Hama"; "Lattakia's Jablah subdistrict" likewise
_POSSESSIVE_PHRASE = re.compile(r"\b([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2})['’]s\s+([^,;()]+?)"
                                r"(?=$|[,;()]|\s(?:in|near|on|at|of)\s)")

# Arabic connectors and descriptors -> English words, so one grammar serves both scripts.
_AR_WORDS = {
    "في": " in ", "ب": " in ", "قرب": " near ", "بالقرب": " near ", "من": " of ", "محيط": " vicinity of ",
    "أطراف": " outskirts of ", "اطراف": " outskirts of ", "ريف": " countryside of ", "بريف": " in countryside of ",
    "قرية": " village ", "بقرية": " in village ", "بلدة": " town ", "ببلدة": " in town ", "مدينة": " city ",
    "بمدينة": " in city ", "حي": " neighbourhood ", "بحي": " in neighbourhood ", "منطقة": " area ",
    "بمنطقة": " in area ", "محافظة": " province ", "مخيم": " camp ", "و": " and ", "أو": " or ", "او": " or ",
    "بادية": " desert of ", "سد": " dam ", "طريق": " road ", "حقل": " field ", "معبر": " crossing ",
    "مزرعة": " farm ", "حارة": " neighbourhood ", "أحياء": " neighbourhoods ", "مدرسة": " school ",
    "مشفى": " hospital ", "مستشفى": " hospital ", "جامع": " mosque ", "مسجد": " mosque ", "سوق": " market ",
    "شمال": " north ", "جنوب": " south ", "شرق": " east ", "غرب": " west ",
    "الشمالي": " northern ", "الشمالية": " northern ", "الجنوبي": " southern ", "الجنوبية": " southern ",
    "الشرقي": " eastern ", "الشرقية": " eastern ", "الغربي": " western ", "الغربية": " western ",
}
_AR_WORD = re.compile(r"[\u0600-\u06ff]+")
_ARABIC = re.compile(r"[\u0600-\u06ff]")

_LEVEL_RANK = {"place": 0, "spot": 1, "admin3": 2, "region": 3, "admin2": 4, "admin1": 5}
# "Damascus" in reports often means the Damascus area: its suburbs are in Rural Damascus and the reverse
_POOL: dict[str, tuple[str, ...]] = {"Damascus": ("Damascus", "Rural Damascus"),
                                     "Rural Damascus": ("Rural Damascus", "Damascus")}
DENSITY_WEIGHT = 0.02  # score per tenfold more gazetteer places within 10 km (a tie-break between homonyms)
CENTROID_CODE = "W-GEO-CENTROID"  # problem code: the point stands for an admin unit or region, not a place
SPELLING_CODE = "W-GEO-SPELLING"  # problem code: the place was found by a near spelling, not the name the text gives
SPELLING_GUESS = 0.9  # a pick scored below this (a near spelling, not one of the name's spelling family) is flagged as a guess


def kind_precision(kind: str) -> tuple[int, int]:
    """(ACLED geo_precision, UCDP where_prec) of a point at a gazetteer entry of ``kind``: a governorate at its
    capital (3, 4), a district or sub-district at its point (3, 3), a region at its centre (2, 5), a place (1, 1)."""
    return _KIND_PRECISION.get(kind, (1, 1))


_KIND_PRECISION = {"admin1": (3, 4), "admin2": (3, 3), "admin3": (3, 3), "region": (2, 5)}


def centroid_problem(what: str, precision: int, where_prec: int, direction: Optional[str] = None) -> str:
    """The problem that flags a point standing for a whole unit ("the governorate Idleb")."""
    side = f"; the phrase's '{direction}' is not used to move it" if direction else ""
    return (f"{CENTROID_CODE}: the point stands for {what} (precision {precision}, UCDP where_prec {where_prec}), "
            f"not for a place in it{side}")


@dataclass(slots=True)
class Segment:
    text: str
    core: str                   # the name left after descriptors are removed
    connector: str = ""
    relative: bool = False      # outskirts / near / vicinity of this
    countryside: bool = False   # countryside / rural / villages of this
    admin_word: bool = False    # province / district / governorate
    point_word: bool = False    # city / town / village
    direction: Optional[str] = None


@dataclass(slots=True)
class Resolution(Geocoded):
    """What resolving one phrase gave: a gazetteer row or an admin-unit fallback, with codes and notes."""

    problems: list[str] = field(default_factory=list)


def _arabic_to_words(text: str) -> str:
    def rep(m: re.Match[str]) -> str:
        w = m.group(0)
        return _AR_WORDS.get(w, w)
    return _AR_WORD.sub(rep, text.replace("،", ",").replace("؛", ";"))


def segment(phrase: str) -> list[Segment]:
    """Cut a phrase into segments with their connector and role flags."""
    text = phrase.strip()
    if _ARABIC.search(text):
        text = _arabic_to_words(text)
    text = _CAP_DIR_SPLIT.sub(r" \1 ", _POSSESSIVE.sub("", _POSSESSIVE_PHRASE.sub(r"\2 of \1", _compass_of(text))))
    parts = _CONNECT.split(text)
    segs: list[Segment] = []
    connector = ""
    pending_rel = pending_cs = pending_head = False
    pending_dir: Optional[str] = None
    for i, part in enumerate(parts):
        if i % 2 == 1:
            c = part.strip().lower()
            connector = c or connector
            if c in ("near", "nearby", "close to", "next to", "around", "outside", "off"):
                pending_rel = True
            if c in ("west", "east", "north", "south"):
                pending_dir = c
            continue
        raw = part.strip()
        if not raw:
            continue
        core = _SPACES.sub(" ", _DESCRIPTORS.sub(" ", raw)).strip(" -'’.")
        d = _DIRECTION.search(raw)
        seg = Segment(text=raw, core=core, connector=connector,
                      relative=bool(_RELATIVE.search(raw)) or pending_rel,
                      countryside=bool(_COUNTRYSIDE.search(raw)) or pending_cs,
                      admin_word=bool(_ADMIN_WORD.search(raw)), point_word=bool(_POINT_WORD.search(raw)),
                      direction=(d.group(1).lower() if d else pending_dir))
        if not core:
            # a modifier ("the southern outskirts", "the western countryside"): passes its role on
            pending_rel = pending_rel or seg.relative
            pending_cs = pending_cs or seg.countryside
            pending_dir = seg.direction or pending_dir
            if not segs and not seg.relative and not seg.countryside:
                pending_head = True  # "the town of X": X is still the head
            continue
        if pending_head:
            seg.connector = ""
        pending_rel = pending_cs = pending_head = False
        pending_dir = None
        segs.append(seg)
        connector = ""
    return segs


# ---------------------------------------------------------------- the resolver
@dataclass(slots=True)
class _Ctx:
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    admin3: Optional[str] = None
    ref: Optional[int] = None          # a reference place (index into the gazetteer)
    ref_relative: bool = False
    ref_seg: Optional[Segment] = None
    region: Optional[int] = None
    unit: Optional[int] = None          # an admin unit row named by the context
    gov_seg: Optional[Segment] = None
    direction: Optional[str] = None
    spelling: float = 1.0               # the spelling likeness of the last pick (before context bonuses)


def name_tables(gaz: Gazetteer) -> tuple[dict[tuple[str, str, str], int], dict[str, list[tuple[int, str]]],
                                          dict[str, int]]:
    """The resolver's name tables of a gazetteer: admin units by (level, admin1, folded name); places by the skeleton
    of their name without a generic first word ("Bir", "Tal", "Jabal") or a facility word ("Azraq" for "Azraq Oil
    Field"); airports and air bases by the folded name of the town they are named after."""
    units: dict[tuple[str, str, str], int] = {}
    for i in range(1, len(gaz)):
        k = gaz.kind[i]
        if k in ("admin1", "admin2", "admin3"):
            name = gaz.names[i]
            units.setdefault((k, gaz.admin1[i] or "", fold(name)), i)
    # gazetteer names with a generic first word ("Bir", "Tal", "Jabal"), by the skeleton of the rest
    unprefixed: dict[str, list[tuple[int, str]]] = {}
    for i in range(1, len(gaz)):
        m = _GENERIC_PREFIX.match(gaz.names[i])
        if m and gaz.kind[i] == "place":
            rest = gaz.names[i][m.end():]
            if len(fold(rest)) >= 4:
                for key in skeleton_variants(rest)[:1]:
                    unprefixed.setdefault(key, []).append((i, fold(rest)))
    # facilities by the name before their facility word ("Azraq" for "Azraq Oil Field")
    for i in range(1, len(gaz)):
        m = _FEATURE_SUFFIX.search(gaz.names[i])
        if m and gaz.kind[i] == "place":
            rest = gaz.names[i][:m.start()]
            if len(fold(rest)) >= 4:
                for key in skeleton_variants(rest)[:1]:
                    unprefixed.setdefault(key, []).append((i, fold(rest)))
    # airports and air bases by the town they are named after ("Damascus - International Airport")
    airbases: dict[str, int] = {}
    for i in range(1, len(gaz)):
        m = _AIRBASE_NAME.match(gaz.names[i])
        if m and gaz.kind[i] == "place":
            airbases.setdefault(loose(fold(m.group(1))), i)
    return units, unprefixed, airbases


CELL = 0.1  # degrees: the grid cell of the density tie-break (as :class:`~warledger.geocode.gazetteer.Grid`'s)


def place_cells(gaz: Gazetteer) -> dict[tuple[int, int], int]:
    """How many places (kind "place") of a gazetteer lie in each 0.1-degree cell."""
    grid = Grid(CELL)
    for i in range(1, len(gaz)):
        if gaz.kind[i] == "place":
            grid.add(i, gaz.lat[i], gaz.lon[i])
    return {cell: len(ids) for cell, ids in grid.cells.items()}


class Resolver:
    """Phrase -> :class:`Resolution` over one gazetteer."""

    MIN_SIM = 0.45

    def __init__(self, gaz: Gazetteer, country: Optional[str] = None,
                 tables: Optional[CountryTables] = None) -> None:
        self.g = gaz
        if country is None:  # a gazetteer of one country's places: that country
            ccs = {c for c in gaz.country[1:] if c}
            country = ccs.pop() if len(ccs) == 1 else None
        self.country = country
        self._tables = tables  # the gazetteer's tables cached on disk (None: built in memory)
        self.gov_points: dict[str, tuple[float, float]] = {}
        self.gov_country: dict[str, str] = {}
        for r in admin_table(country):
            if r.level == "admin1":
                self.gov_points.setdefault(r.name, (r.latitude, r.longitude))
                self.gov_country.setdefault(r.name, r.country)
        # a country no theatre bundle describes: its first-level units are the index's admin1 entries (the world
        # subdivision table, warledger/geocode/world_admin.py), known by every name and alias they carry
        self._world_units = country is not None and not self.gov_points
        self._world_canon: dict[str, Optional[str]] = {}
        if self._world_units:
            for pid in range(1, len(gaz)):
                if gaz.kind[pid] == "admin1" and gaz.admin1[pid] and gaz.country[pid] == country:
                    self.gov_points.setdefault(gaz.admin1[pid] or "", (gaz.lat[pid], gaz.lon[pid]))
        # admin units present in the index, by level and folded name
        self._near: dict[Optional[str], dict[str, list[str]]] = {}
        self._capitals: dict[str, Optional[int]] = {}
        self._density: dict[int, int] = {}
        self._cells: Optional[dict[tuple[int, int], int]] = None  # places per grid cell (the density tie-break)
        self.units, self._unprefixed, self.airbases = cached_or_built(tables, "names", lambda: name_tables(gaz))
        self._cands: dict[tuple[str, Optional[str], bool], tuple[tuple[int, float], ...]] = {}

    # -- candidates
    def candidates(self, name: str, admin1: Optional[str] = None, fuzzy: bool = True) -> list[tuple[int, float]]:
        """(place, name similarity) for every gazetteer spelling sharing a skeleton with ``name``; when there
        is none, spellings one letter away in the skeleton (same governorate), with a lower score.  Memoised per
        resolver (a phrase's name is asked for again by the head, the whole-name test and the scans; a place
        name recurs across reports), as :meth:`Geocoder.resolution` memoises whole phrases."""
        key = (name, admin1, fuzzy)
        found = self._cands.get(key)
        if found is None:
            found = tuple(self._candidates(name, admin1, fuzzy))
            if len(self._cands) > 100_000:
                self._cands.clear()
            self._cands[key] = found
        return list(found)

    def _candidates(self, name: str, admin1: Optional[str], fuzzy: bool) -> list[tuple[int, float]]:
        q = fold(name)
        if not q:
            return []
        best: dict[int, float] = {}
        g = self.g
        keys = skeleton_variants(name)
        pool = _POOL.get(admin1, (admin1,)) if admin1 else ()
        arabic = bool(_ARABIC.search(name))  # written without short vowels: the skeleton is the spelling
        ql = loose(q)
        lq = len(ql)
        adm, main_fold, names = g.admin1, g.folded, g.names
        for key in keys:
            floor = 0.0 if arabic else (0.73 if len(key) <= 2 else 0.63 if len(key) == 3 else self.MIN_SIM - 0.02)
            for pid, folded in g.lookup(key):
                if pool and adm[pid] and adm[pid] not in pool:
                    continue
                lf = loose(folded)
                if lf == ql:
                    s = 1.0
                else:
                    total = lq + len(lf)
                    if 2 * min(lq, len(lf)) < floor * total:
                        continue  # too different in length to reach the bar
                    s = 2 * lcs_length(ql, lf) / total
                if arabic and len(key) >= 4:
                    s = max(s, 0.9)
                if " - " in names[pid] and folded != main_fold[pid]:
                    s -= 0.05  # "Damascus - Jobar" found as "Jobar": a quarter, when a town of that name exists
                if folded == main_fold[pid]:
                    s += 0.02  # the place's own name rather than one of its alternate names
                if len(key) <= 2 and s < (0.75 if admin1 else 0.8) or len(key) == 3 and s < 0.65:
                    continue  # short skeletons collide often: ask for a closer spelling
                if s >= self.MIN_SIM and s > best.get(pid, -1.0):
                    best[pid] = s
        if not best and (base := base_name(name)) is not None:  # "Tokhar Kabir" -> "Tokhar"
            qual = qualifier_class(name)
            out = []
            for pid, sc in self.candidates(base, admin1, fuzzy):
                if sc < 0.85:
                    continue
                other = qualifier_class(g.names[pid])  # "Fikh Kabirah" is "Big Fikha", not "Small Fikha"
                out.append((pid, sc + (-0.08 if other is None else 0.05 if other == qual else -0.15)))
            return out
        if not best and (m := _GENERIC_PREFIX.match(name)) and len(fold(name[m.end():])) >= 4:
            # "Jabal Huweisses" -> "Huweisses": a feature named after the village beside it
            return [(pid, sc - 0.1) for pid, sc in self.candidates(name[m.end():], admin1, fuzzy)]
        if not best and keys and len(q) >= 5:
            # "Mahrutha" for "Bir Mahruthah": a gazetteer name with a generic first word the text leaves out
            for key in keys:
                for pid, rest in self._unprefixed.get(key, ()):
                    if pool and adm[pid] and adm[pid] not in pool:
                        continue
                    s = similarity(q, rest) - 0.1
                    if s >= 0.75 and s > best.get(pid, -1.0):
                        best[pid] = s
        if not best and fuzzy and keys and len(keys[0]) >= 4:
            near = self._near_keys(admin1)
            seen: set[str] = set()
            for d in {keys[0]} | deletions(keys[0]):
                for key in near.get(d, ()):
                    if key in seen or key == keys[0]:
                        continue
                    seen.add(key)
                    for pid, folded in g.lookup(key):
                        if admin1 and g.admin1[pid] and g.admin1[pid] not in pool:
                            continue
                        s = similarity(q, folded) - 0.1  # an approximate spelling
                        if s >= (0.7 if admin1 else 0.8) and s > best.get(pid, -1.0):
                            best[pid] = s
        return list(best.items())

    def density(self, pid: int) -> int:
        """How many gazetteer places lie in the 0.1-degree cells around place ``pid`` (about 10-15 km): where the
        gazetteer is dense (for an index built from event locations, where fighting is reported most) a name is
        likelier meant."""
        d = self._density.get(pid)
        if d is None:
            g = self.g
            if self._cells is None:
                self._cells = cached_or_built(self._tables, "density", lambda: place_cells(g))
            cells = self._cells
            ci, cj = int(g.lat[pid] // CELL), int(g.lon[pid] // CELL)
            d = sum(cells.get((ci + a, cj + b), 0) for a in (-1, 0, 1) for b in (-1, 0, 1))
            self._density[pid] = d
        return d

    def _near_keys(self, admin1: Optional[str]) -> dict[str, list[str]]:
        """Skeleton keys (>= 4 letters) of one governorate's places and their one-letter deletions."""
        near = self._near.get(admin1)
        if near is None and admin1 and self._world_units:
            # a country with no bundle: its many large units would each need a map built from every key; the
            # country's map (cached on disk) serves, and the candidates are kept to the unit by their rows
            near = self._near[admin1] = self._near_keys(None)
        if near is None and not admin1:  # every key of the country: the biggest table, cached on disk
            near = self._near[admin1] = cached_map(self._tables, "near", lambda: self._build_near(None))
        if near is None:
            near = self._near[admin1] = self._build_near(admin1)
        return near

    def _build_near(self, admin1: Optional[str]) -> dict[str, list[str]]:
        near: dict[str, list[str]] = {}
        adm = self.g.admin1
        for key, rows in self.g.by_key.items():
            if len(key) < 4:
                continue
            if admin1:
                for pid, _ in rows:
                    if adm[pid] in _POOL.get(admin1, (admin1,)):
                        break
                else:
                    continue
            for d in {key} | deletions(key):
                near.setdefault(d, []).append(key)
        return near

    def _pick(self, cands: list[tuple[int, float]], ctx: _Ctx, prefer: str = "place",
              within_km: Optional[float] = None) -> tuple[Optional[int], float, float]:
        """Best candidate by similarity + context agreement; returns (place, score, margin).  With
        ``within_km``, candidates farther than that from the context's reference place are dropped."""
        g = self.g
        scored: list[tuple[float, int]] = []
        ref = ctx.ref if ctx.ref is not None else ctx.region
        if within_km is not None and ctx.ref is not None:
            r = ctx.ref
            cands = [c for c in cands if km(g.lat[r], g.lon[r], g.lat[c[0]], g.lon[c[0]]) <= within_km]
        for pid, sim in cands:
            s = sim
            kind = g.kind[pid]
            if prefer == "place":
                s += {"place": 0.2, "admin3": 0.04, "admin2": 0.03, "admin1": 0.02, "region": 0.02}.get(kind, 0.0)
            else:
                s += {"admin1": 0.12, "admin2": 0.1, "admin3": 0.08, "region": 0.08}.get(kind, 0.0)
            if ctx.admin2 and g.admin2[pid]:
                s += 0.15 if fold(g.admin2[pid]) == fold(ctx.admin2) else -0.05
            if ctx.admin3 and g.admin3[pid] and fold(g.admin3[pid]) == fold(ctx.admin3):
                s += 0.1
            if ctx.admin1 and not g.admin1[pid]:
                lat, lon = self.gov_points.get(ctx.admin1, (g.lat[pid], g.lon[pid]))
                s -= 0.1 if km(lat, lon, g.lat[pid], g.lon[pid]) < 120 else 1.0
            if ref is not None and ref != pid:
                d = km(g.lat[ref], g.lon[ref], g.lat[pid], g.lon[pid])
                s += 0.25 * max(0.0, 1 - d / 40) - (0.2 if d > 60 else 0.0)
            s += 0.01 * math.log10(g.population[pid] + 1) + DENSITY_WEIGHT * math.log10(1 + self.density(pid))
            if kind == "place" and g.admin3[pid] and g.folded[pid] == fold(g.admin3[pid]):
                s += 0.015  # the seat of a sub-district: of two same-named villages, the one more often in the news
            if not g.names[pid].isascii():
                s -= 0.01  # of two sources' spellings of one town, report the plain one
            scored.append((s, pid))
        if not scored:
            return None, 0.0, 0.0
        scored.sort(reverse=True)
        top = scored[0][1]
        ctx.spelling = max(sim for pid, sim in cands if pid == top)
        # the runner-up that is really another place (not the same town listed by several sources)
        rivals = [sc for sc, pid in scored[1:] if km(g.lat[top], g.lon[top], g.lat[pid], g.lon[pid]) > 5]
        margin = scored[0][0] - rivals[0] if rivals else 1.0
        return top, scored[0][0], margin

    def world_unit(self, name: str) -> Optional[str]:
        """The first-level unit ``name`` spells, for a country no theatre's admin table describes (else None)."""
        return self._world_admin1(name) if self._world_units and name else None

    def _canon(self, name: Optional[str]) -> Optional[str]:
        """A first-level unit of this resolver's country (of any theatre when it has none) in ACLED spelling; for
        a country no bundle describes, the admin1 entry of the index that bears this name or a close spelling."""
        if self._world_units and name:
            return self._world_admin1(name)
        return canonical_admin1(name, self.country)

    def _world_admin1(self, name: str) -> Optional[str]:
        if name in self._world_canon:
            return self._world_canon[name]
        q = fold(name)
        g = self.g
        found = {g.admin1[pid] for key in skeleton_variants(name) for pid, folded in g.lookup(key)
                 if g.kind[pid] == "admin1" and g.admin1[pid] and similarity(q, folded) >= ADMIN1_SIMILARITY}
        gov = found.pop() if len(found) == 1 else None
        self._world_canon[name] = gov
        return gov

    def _governorate(self, seg: Segment) -> Optional[str]:
        """The governorate a segment names, if it names one ("Idlib", "rural Damascus", "Dar'a countryside")."""
        text = _DIRECTION.sub(" ", seg.text)
        gov = self._canon(_SPACES.sub(" ", text).strip())
        if gov:
            return gov
        gov = self._canon(seg.core)
        if gov == "Damascus" and seg.countryside:
            return "Rural Damascus"
        return gov

    def _context(self, segs: list[Segment], governorate: Optional[str]) -> _Ctx:
        ctx = _Ctx()
        for s in segs:
            gov = self._governorate(s)
            if gov:
                if ctx.admin1 is None:
                    ctx.admin1, ctx.gov_seg = gov, s
                    ctx.direction = ctx.direction or s.direction
        if ctx.admin1 is None and governorate:
            ctx.admin1 = self._canon(governorate) or governorate
        gs = ctx.gov_seg
        if gs is not None and not (gs.countryside or gs.admin_word or gs.direction or gs.relative):
            # "Sukkari neighbourhood, Aleppo": the governorate's capital city is where to look
            cands = self.candidates(gs.core, ctx.admin1, fuzzy=False)
            pid, _, _ = self._pick([c for c in cands if self.g.kind[c[0]] == "place"], ctx)
            if pid is not None:
                ctx.ref, ctx.ref_seg, ctx.ref_relative = pid, gs, False
        g = self.g
        # broadest last in the phrase ("X, Afrin, Aleppo"): resolve from the end so it constrains the rest
        for s in reversed(segs):
            if s is ctx.gov_seg and not s.point_word:
                continue
            if _QUARTER.search(s.text):
                continue  # "Abu Kamal, Sena'a neighbourhood": a quarter is not where the head lies
            cands = self.candidates(s.core, ctx.admin1)
            prefer = "admin" if s.admin_word else "place"
            pid, score, _ = self._pick(cands, ctx, prefer)
            if pid is None:
                continue
            kind = g.kind[pid]
            if ctx.admin1 is None and g.admin1[pid]:
                ctx.admin1 = g.admin1[pid]
            if kind == "region":
                ctx.region = ctx.region or pid
            elif kind in ("admin2", "admin3") and (s.admin_word or kind == "admin2" and not s.point_word):
                ctx.unit = ctx.unit or pid
                ctx.admin2 = ctx.admin2 or g.admin2[pid]
                ctx.admin3 = ctx.admin3 or g.admin3[pid]
            else:  # the most specific town named (resolved last) is the reference
                ctx.ref, ctx.ref_seg = pid, s
                ctx.ref_relative = s.relative or s.countryside or bool(s.direction)
                ctx.admin2 = g.admin2[pid] or ctx.admin2
                ctx.direction = s.direction or ctx.direction
            if s.direction and not ctx.direction:
                ctx.direction = s.direction
        return ctx

    def _capital(self, gov: str) -> Optional[int]:
        """The gazetteer place at a governorate's capital (within 5 km of the admin table's point)."""
        if gov not in self._capitals:
            best: Optional[int] = None
            if gov in self.gov_points:
                lat, lon = self.gov_points[gov]
                g = self.g
                best_d = 5.0
                for i in range(1, len(g)):
                    if g.kind[i] == "place" and abs(g.lat[i] - lat) < 0.05 and abs(g.lon[i] - lon) < 0.06:
                        d = km(lat, lon, g.lat[i], g.lon[i])
                        if d < best_d:
                            best, best_d = i, d
            self._capitals[gov] = best
        return self._capitals[gov]

    @staticmethod
    def _scope(head: Segment, ctx: _Ctx) -> Optional[float]:
        """How far from the reference place the head may lie: a quarter of a named town is in it, a
        place "in" or "near" a named town is close to it; a governorate's capital alone sets no limit."""
        if ctx.ref is None:
            return None
        if _QUARTER.search(head.text):
            return 15.0
        if ctx.ref_seg is not None and ctx.ref_seg is ctx.gov_seg:
            return None
        return 60.0 if ctx.ref_relative else 40.0

    def _fill(self, res: Resolution, pid: int) -> None:
        g = self.g
        res.location = g.names[pid]
        res.admin1, res.admin2, res.admin3 = g.admin1[pid], g.admin2[pid], g.admin3[pid]
        res.country = country_name(g.country[pid])
        res.latitude, res.longitude = round(g.lat[pid], 5), round(g.lon[pid], 5)

    def resolve(self, phrase: str, governorate: Optional[str] = None, alternate: Optional[str] = None) -> Resolution:
        res = Resolution()
        if self._airbase(res, phrase, governorate):
            return res
        segs = [self._whole_name(x) for x in segment(phrase or "")]
        if not segs and alternate:
            segs = segment(alternate)
            alternate = None
        if not segs:
            if governorate and (gov := self._canon(governorate)):
                return self._governorate_fallback(res, gov, phrase, None)
            res.problems.append(f"W-GEO-NO-NAME: place {phrase!r}: no place name found in the phrase")
            return res
        head: Optional[Segment] = None
        if not segs[0].relative and not segs[0].countryside and segs[0].connector in ("", "the"):
            head = segs[0]
        if alternate and head is not None:
            segs, head = self._with_alternate(segs, head, alternate, governorate)
        if governorate and self._canon(governorate) is None:
            # a hint that is not a governorate ("Afrin", "northern Hassaka") is read as context
            segs = segs + [replace(x, connector="in") for x in segment(governorate)]
            governorate = None
        others = [s for s in segs if s is not head]
        alternates = [s for s in others if s.connector in ("and", "/", "or", "&")]
        context = [s for s in others if s not in alternates]
        ctx = self._context(context, governorate)
        if head is not None and ctx.ref is not None and _PAIR.match(head.core) and _ROUTE.search(head.text):
            # "the Aleppo-Damascus highway south of Maarrat al-Nu'man": the road runs between two cities; the
            # town the phrase places it by is where it happened
            res.problems.append(f"W-GEO-ROAD: {head.text!r} is a road between two places; placed by the town named with it")
            head = None
        if head is not None and ctx.ref is None and _QUARTER.search(head.text) and ctx.admin1:
            # a quarter or street with no town named: in the governorate's capital
            ctx.ref = self._capital(ctx.admin1)
        # the head: a governorate named alone ("Idlib province") is an admin-level answer
        if head is not None:
            gov = self._governorate(head)
            if gov and (head.admin_word or head.countryside) and not head.point_word:
                return self._governorate_fallback(res, gov, phrase, head.direction, named=True)
            for cand_seg in [head, *alternates]:
                pid, score, margin = self._head_pick(cand_seg, head, alternate, ctx)
                if pid is not None:
                    return self._placed(res, pid, score, margin, cand_seg, head, ctx.spelling)
        return self._fallback(res, phrase, head, ctx)

    def _whole_name(self, seg: Segment) -> Segment:
        """A segment whose words, descriptor included, are a place's own name ("Cape Town", "Quezon City",
        "Mexico City"): the whole of it is the name, not what is left without the descriptor ("Cape")."""
        name = _LEADING_ARTICLE.sub("", _SPACES.sub(" ", seg.text)).strip(" -'’.")
        if not seg.core or name == seg.core or len(name.split()) < 2 or len(name.split()) > 4:
            return seg
        g = self.g
        if any(sim >= 1.0 and g.kind[pid] == "place" for pid, sim in self.candidates(name, None, fuzzy=False)):
            return replace(seg, core=name)
        return seg

    def _airbase(self, res: Resolution, phrase: str, governorate: Optional[str]) -> bool:
        """An air base named as such: filled from the air-base table (True), unless the governorate disagrees."""
        if phrase and self.airbases and (m := _AIRBASE_PHRASE.match(phrase.strip())):
            pid = self.airbases.get(loose(fold(m.group(1))))
            if pid is not None and (governorate is None or self._canon(governorate) in
                                    _POOL.get(self._canon(self.g.admin1[pid]) or "", (self._canon(self.g.admin1[pid]),))
                                    or self.g.admin1[pid] is None):
                self._fill(res, pid)
                res.geo_precision, res.where_prec, res.confidence = 1, 1, 0.9
                return True
        return False

    def _with_alternate(self, segs: list[Segment], head: Segment, alternate: str, governorate: Optional[str]
                        ) -> tuple[list[Segment], Segment]:
        """The segments and head with what the other-script spelling adds: a quarter (حي), a governorate."""
        alt_segs = segment(alternate)
        if alt_segs and _QUARTER.search(alt_segs[0].text) and not _QUARTER.search(head.text):
            head = replace(head, text=head.text + " neighbourhood")
            segs = [head] + segs[1:]
        if len(segs) == 1 and len(alt_segs) > 1:
            segs = segs + alt_segs[1:]  # the Latin names only the place; the Arabic says where it is
        elif not governorate and not any(self._governorate(x) for x in segs):
            govs = [x for x in alt_segs[1:] if self._governorate(x)]
            if govs:
                segs = segs + govs[:1]
        return segs, head

    def _head_pick(self, cand_seg: Segment, head: Segment, alternate: Optional[str], ctx: _Ctx
                   ) -> tuple[Optional[int], float, float]:
        """The gazetteer place for the head (or a place named as its alternative): (place, score, margin)."""
        pid, score, margin = self._pick(self.candidates(cand_seg.core, ctx.admin1), ctx,
                                        "admin" if cand_seg.admin_word else "place", self._scope(cand_seg, ctx))
        if pid is None and (m := _PAIR.match(cand_seg.core)):  # "Mare'-Harbal front": the first
            # a road between two towns may be placed by either ("the Ithriya-Khanaser road")
            for part in (m.group(1), m.group(2)) if _ROUTE.search(cand_seg.text) else (m.group(1),):
                pid, score, margin = self._pick(self.candidates(part, ctx.admin1), ctx,
                                                within_km=self._scope(cand_seg, ctx))
                if pid is not None:
                    break
        if pid is None and cand_seg is head and alternate:
            alt_segs = segment(alternate)
            if alt_segs:
                pid, score, margin = self._pick(self.candidates(alt_segs[0].core, ctx.admin1), ctx,
                                                within_km=self._scope(head, ctx))
        return pid, score, margin

    def _placed(self, res: Resolution, pid: int, score: float, margin: float, cand_seg: Segment, head: Segment,
                spelling: float = 1.0) -> Resolution:
        """``res`` filled from the place found, with the precision its kind gives and the confidence of the pick."""
        g = self.g
        self._fill(res, pid)
        kind = g.kind[pid]
        res.geo_precision, res.where_prec = kind_precision(kind)
        if kind in ("admin2", "admin3") and not cand_seg.admin_word and cand_seg.point_word:
            res.geo_precision, res.where_prec = 1, 1  # "the town of X": the unit's seat as a place
        if head.relative:
            res.geo_precision, res.where_prec = 2, 2
        res.confidence = round(max(0.05, min(1.0, 0.55 * min(score, 1.0) + 0.45 * min(margin, 0.5) / 0.5)), 2)
        if cand_seg is not head:
            res.problems.append(f"W-GEO-NAMED-WITH: place {head.core!r} not in the gazetteer; used {cand_seg.core!r} named with it")
        if spelling < SPELLING_GUESS and kind not in ("admin1", "region"):
            res.problems.append(f"{SPELLING_CODE}: place {cand_seg.core!r} taken for {g.names[pid]!r}, a different spelling "
                                f"(likeness {spelling:.2f}): a guess at which place is meant")
        if margin < 0.05:
            res.problems.append(f"W-GEO-AMBIGUOUS: place {cand_seg.core!r} is ambiguous in the gazetteer; chose {g.names[pid]!r} "
                                f"({g.admin1[pid] or '?'}/{g.admin2[pid] or '?'})")
        return res

    def _fallback(self, res: Resolution, phrase: str, head: Optional[Segment], ctx: _Ctx) -> Resolution:
        g = self.g
        missing = (f"W-GEO-NOT-FOUND: place {head.core!r} not found in the gazetteer" + (f" for {ctx.admin1}" if ctx.admin1 else "")
                   if head is not None else None)
        if ctx.ref is not None:
            self._fill(res, ctx.ref)
            res.geo_precision, res.where_prec = 2, 2
            res.confidence = 0.5
            where = (f"at {ctx.ref_seg.core!r} which the phrase names" if ctx.ref_seg is not None else
                     f"in {g.names[ctx.ref]!r}, the capital of {ctx.admin1}, as a quarter or street")
            res.problems.append((missing + "; " if missing else "W-GEO-NEAR: ") + f"placed {where} (precision 2)")
            return res
        if ctx.region is not None:
            self._fill(res, ctx.region)
            res.geo_precision, res.where_prec = 2, 5
            res.confidence = 0.4
            res.problems.append((missing + "; " if missing else "W-GEO-REGION: ") + f"placed at the centre of the region {g.names[ctx.region]!r}")
            res.problems.append(centroid_problem(f"the region {g.names[ctx.region]}", 2, 5))
            return res
        if ctx.unit is not None:
            self._fill(res, ctx.unit)
            res.geo_precision, res.where_prec = 3, 3
            res.confidence = 0.35
            res.problems.append((missing + "; " if missing else "W-GEO-UNIT: ") + f"placed at the admin unit {g.names[ctx.unit]!r} (precision 3)")
            res.problems.append(centroid_problem(f"the admin unit {g.names[ctx.unit]}", 3, 3))
            return res
        if ctx.admin1:
            gov = self._canon(ctx.admin1)
            if gov:
                out = self._governorate_fallback(res, gov, phrase, ctx.direction)
                if missing:
                    out.problems.insert(0, missing)
                return out
        res.problems.append(missing or f"W-GEO-NOT-FOUND: place {phrase!r}: not found in the gazetteer")
        return res

    def governorate(self, gov: str) -> Resolution:
        """The governorate itself (precision 3 at its capital)."""
        return self._governorate_fallback(Resolution(), gov, gov, None, named=True)

    def _governorate_fallback(self, res: Resolution, gov: str, phrase: str, direction: Optional[str],
                              named: bool = False) -> Resolution:
        lat, lon = self.gov_points[gov]
        res.location, res.admin1, res.country = gov, gov, country_name(self.gov_country.get(gov))
        res.latitude, res.longitude = round(lat, 5), round(lon, 5)
        res.geo_precision, res.where_prec = 3, 4
        res.confidence = 0.3 if not named else 0.6
        res.problems.append(f"W-GEO-GOVERNORATE: placed at the governorate {gov} (precision 3)" if not named else
                            f"W-GEO-GOVERNORATE: the phrase names only the governorate {gov} (precision 3)")
        res.problems.append(centroid_problem(f"the governorate {gov}", 3, 4, direction))
        return res
