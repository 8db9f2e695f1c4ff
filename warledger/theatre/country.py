"""The country of a report: given (the input's ``country``, ``--country``) or found in its text.

Signals, each with a weight, summed per country over the report's body:

* a theatre's first-level unit (ACLED spelling or a variant: "Idleb", "Basra", "Hodeidah")   3
* a theatre's district or region ("Afrin", "Jabal al-Zawiyah")                               2
* a country's name ("Yemen", "العراق"; every country GeoNames lists, the theatres' aliases)   2
* a theatre's demonym ("Iraqi", "Syrian")                                                     1
* when none of these is found: a town of at least 10,000 people that the built-in world gazetteer
  knows, spelt so, in one country only (or there five times as populous as anywhere else)     1
  and, when these decide nothing, a first-level unit of a country no theatre describes, by a name
  only that country's units bear ("Saxony", "Gorno-Badakhshan", "Imereti")                    2
* a theatre's own armed groups ("Houthis", "PMF"; not generic categories or foreign states)   1
* a town followed by its own first-level unit in brackets, ACLED's way of writing a place ("Kasese
  (Kasese)", "Bint Jbeil (Nabatieh)"): the one country where a town of that very spelling lies in a
  unit of that very spelling, or of a name beginning so ("Kursk" of "Kurskaya oblast'"; the built-in
  world gazetteer's towns and units)                                                          3
  (a town no gazetteer knows, with a unit of that spelling in one country only: "Baga Sola (Lac)") 1.5
  or after a comma ("Alexandria, Virginia"), or a unit bearing a country's name ("Atlanta (Georgia)")   3
* when nothing above names any country (a report's text, not a place phrase): a capitalised name within a sentence,
  after words the place finder does not read ("residents of Ho", "across Dhaka", "entered Kidal"), that is a town
  in one country by the same test as a town's (not a sentence's first word, a month, or a name after an Arabic
  article)                                                                                    1

When every town-and-unit pair found points to one country and no other country weighs more, that country is the
report's, without the usual margin: ACLED writes the event's own place so, and the other places a note names are
what the event is about ("a rally in Portland (Oregon) for a ceasefire in Gaza").

A name written as an adjective of a force ("Saudi-led", "Iran-backed") is not a signal, nor a demonym owning aircraft
("Ukrainian drones struck Voronezh"), nor a place named as what a rally is for ("in support of Gaza").  A town of
several countries' names counts for the one of them whose armed group the text names ("JNIM ... near Kayes").  A note that says
where ACLED codes the event ("ACLED uses a Yemeni location close to the border ...", "coded to a location in
Iraq") settles the country outright: the coder's statement beats places named across a border.  The country with the
highest sum wins when it has at least twice the runner-up's; otherwise the country is left unknown with a
``W-COUNTRY-AMBIGUOUS`` problem, and with ``W-COUNTRY-NONE`` when nothing names one.  Nothing is ever placed in
a country by default.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from warledger.theatre import root_key, theatres
from warledger.theatre.countries import country_code, country_name, geonames_countries

if TYPE_CHECKING:
    from warledger.extract.alternation import Alternation
    from warledger.record import Report

W_ADMIN1, W_ADMIN2, W_NAME, W_DEMONYM, W_TOWN, W_GROUP = 3.0, 2.0, 2.0, 1.0, 1.0, 1.0
W_WORLD_UNIT = 2.0  # a unit of a country no bundle describes, read when towns decide nothing (below)
REPEATS = 2          # each distinct name counts at most this many times
MARGIN = 2.0          # the winner needs this many times the runner-up's weight
BYNAME_LIKENESS = 0.5  # a town's by-name counts only when spelt this like its own name (difflib ratio, loose forms)
TOWN_RATIO = 10.0     # a by-name counts as a town this many times smaller; a capital named bare this many times bigger
TOWN_DOMINANCE = 5.0  # a town name counts for a country this many times more populous there than elsewhere ("Bergen",
# Norway's city of 290,000 people, not the Dutch town of 30,000; "Limerick", not the American town a fifth its size)
_ATTRIBUTIVE = re.compile(r"[-‐–\s]\s?(?:backed|led|affiliated|based|allied|supported|linked|aligned|funded|sponsored|"
                          r"made|built|trained|controlled|held)\b", re.IGNORECASE)


_GENERIC_WORD = re.compile(r"^(?:jabal|jebel|jabel|tal|tall|tell|khirbet|khirbat|deir|dayr|ain|ayn|bir|wadi|qasr|jisr|"
                           r"hawsh|hosh|mazraat|kafr|ras|tel|sheikh|shaykh|abu|umm|beit|bayt)$", re.IGNORECASE)
_ARTICLES = r"(?:al|el|as|ar|ad|ash|at|az|an|ath|adh|Al|El|As|Ar|Ad|Ash|At|Az|An)"
# a capitalised word (not an article) right before or after a unit's name, or a street-level feature after it
_PREV_NAME = re.compile(r"(?<![\w-])(?!%s\b)[A-Z][\w'’]+[ \t]$" % _ARTICLES)
_NEXT_NAME = re.compile(r"[ \t](?:(?:%s[- ])?(?![A-Z][a-z]+\s+\d)[A-Z][\w'’]+|(?:square|street|road|roundabout|bridge|"
                        r"neighbou?rhood|quarter|market|camp|junction|crossing)\b)|~s\b" % _ARTICLES)
# a possessive ("Hama's countryside", "Turkey's drones"), marked before the apostrophes are dropped: "Hamas" would
# be no name at all
# (the apostrophe first, then the word character before it: the engine scans for the apostrophe at C speed instead
# of trying the pattern at every position; the same spans as "(?<=\w)['’]s\b")
# a country's mission abroad ("rallied outside the United States consulate", "the Israeli embassy", "the embassy of
# France"): the country the mission stands for, not the one it stands in; no signal at all
_MISSION_AFTER = re.compile(r"\s+(?:embass(?:y|ies)|consulates?(?:[-\s]general)?|high\s+commission)\b", re.IGNORECASE)
_MISSION_BEFORE = re.compile(r"\b(?:embass(?:y|ies)|consulates?(?:[-\s]general)?|high\s+commission)\s+of\s+(?:the\s+)?$",
                             re.IGNORECASE)
# a country's name before a unit word is a unit's name ("Niger state" of Nigeria, "Mexico state"): not the country
_UNIT_AFTER = re.compile(r"[ \t]+(?:state|province|region|department|governorate)\b")
_POSSESSIVE = re.compile(r"['’](?<=\w['’])s\b")
_UNIT_OPENING = re.compile(r"(?:\(|,\s?)$")  # where a town's unit follows it: "Atlanta (Georgia)", "Alexandria, Virginia"
# motion to or from a country ("smuggled into Jordan", "returned from Turkey"): not where it happened
_MOTION = re.compile(r"\b(?:to|towards?|into|from|across|via|through|out\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
# what a rally is for or about ("in support of Gaza", "solidarity with Palestine", "hostages held in Gaza", "a ceasefire
# in Lebanon"): the cause, not where the rally is; no signal at all
_CAUSE = re.compile(r"\b(?:(?:support(?:ing)?|solidarity)(?:\s+(?:of|with|for))?|hostages\s+(?:held\s+)?in|ceasefire\s+in)\s+"
                    r"(?:the\s+(?:people\s+of\s+)?)?$", re.IGNORECASE)
# where a country's name says where ("in Grenada", "across Kenya", "St. George's, Grenada", "(Grenada)"); a name in no
# such place ("against Japan", "divestment from Israel", "villages handed to Azerbaijan") is what a note is about
_PLACED_BEFORE = re.compile(r"(?:\b(?:in|at|near|outside|inside|across|throughout|around|within)\s+(?:the\s+)?|"
                            r"[\w.]\s*,\s*|\(\s*)$", re.IGNORECASE)
MIN_TOWN_POPULATION = 10_000  # a town outside any theatre's tables counts only when it is this big
NEAR_TOWN_POPULATION = 100_000  # ... and a town spelt differently ("Nassriya" for Nasiriyah) only when this big
NEAR_SPELLING = 0.9  # how close (normalize.similarity) such a spelling must be
# a floor no town's population reaches: a town spelt so counts for nothing (a big town spelt close to its own name,
# where the text calls it a city, still may: that test has its own floor, NEAR_TOWN_POPULATION)
NO_TOWNS = 10 ** 12
AMBIGUOUS_CODE = "W-COUNTRY-AMBIGUOUS"
TOWN_GUESS_CODE = "W-COUNTRY-BY-TOWN"   # the country rests on a town's spelling alone: a guess, drawn as one
BY_TOWNS = "towns the world gazetteer knows in one country, armed groups of a theatre"
_CITY_AFTER = re.compile(r"\s+city\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Finding:
    """The country settled for a report, how, and the problem when none could be."""

    code: Optional[str]
    how: str
    problem: Optional[str] = None
    scores: tuple[tuple[str, float], ...] = ()
    backed: tuple[str, ...] = ()  # countries named by more than a town: a name, an admin unit, a demonym, a group


@lru_cache(maxsize=8)
def _signals(key: tuple[str, ...]) -> tuple["Alternation", dict[str, list[tuple[str, float]]]]:
    """One pattern over every signal phrase, and phrase -> [(country, weight)]; built once and then loaded from the
    user cache (:mod:`warledger.lexcache`), its buckets compiled."""
    from warledger.lexcache import cached

    return cached("country-signals", _build_signals)


def _build_signals() -> tuple["Alternation", dict[str, list[tuple[str, float]]]]:
    from warledger.extract.alternation import Alternation
    from warledger.geocode.gazetteer import admin_table

    table: dict[str, dict[str, float]] = {}

    def add(phrase: str, cc: str, w: float) -> None:
        phrase = phrase.strip()
        if _GENERIC_WORD.match(phrase):
            return  # "Tall", "Deir": the first word of many names, not a place by itself
        if len(phrase) >= (3 if w >= W_ADMIN1 else 4):  # short district names ("Bab") are common words
            slot = table.setdefault(phrase, {})
            slot[cc] = max(slot.get(cc, 0.0), w)
    for iso2, c in geonames_countries().items():
        if c.get("name"):
            add(c["name"], iso2, W_NAME)
    for th in theatres().values():
        for n in (th.name, *th.names):
            add(n, th.iso2, W_NAME)
        for d in th.demonyms:
            add(d, th.iso2, W_DEMONYM)
    for r in admin_table():
        for v in (r.name, *r.variants):
            if r.by_word:  # a district of a full list: only "Shirqat district", "مديرية نهم" (many are towns elsewhere)
                for phrase in _as_unit(v, theatres()[r.country].admin_words.get("admin2", ())):
                    add(phrase, r.country, W_ADMIN2)
            else:
                add(v, r.country, W_ADMIN1 if r.level == "admin1" else W_ADMIN2)
    alts = sorted({re.escape(p.translate(_MARKS)).replace(r"\ ", r"[-\s]+").replace(r"\-", r"[-\s]?")
                   for p in table}, key=len, reverse=True)
    rx = Alternation(alts, r"(?<![\w-])", r"(?![\w])")  # the matches of one alternation of them, found faster
    return rx.complete(), {_norm(p): sorted(v.items()) for p, v in table.items()}


def _as_unit(name: str, words: tuple[str, ...]) -> list[str]:
    """A district's name written as one: "Shirqat district(s)" for a Latin word, "قضاء الشرقاط" for an Arabic one."""
    out = []
    for w in words:
        if w.isascii() and name.isascii():
            out += [f"{name} {w}", f"{name} {w}s"]
        elif not w.isascii() and not name.isascii():
            out.append(f"{w} {name}")
    return out


_MARKS = str.maketrans("", "", "'’‘`ʿʾ")


def _unmarked(s: str) -> str:
    """``s.translate(_MARKS)``, the marks dropped by one C-speed replace each (translate reads a text outside ASCII
    one character at a time)."""
    for mark in "'’‘`ʿʾ":
        if mark in s:
            s = s.replace(mark, "")
    return s


_BLANKS = re.compile(r"[-\s]+")


def _norm(s: str) -> str:
    return _BLANKS.sub(" ", s.translate(_MARKS)).strip().lower()


def _weights(text: str, start: int = 0, end: Optional[int] = None,
             placed: Optional[set[str]] = None, units: frozenset[str] = frozenset()) -> dict[str, float]:
    """Weights by country of the names the text holds; ``placed`` gets each country some signal ties the text to: a
    unit or district, a demonym (whose people act), or the country's own name where it says where
    (``_PLACED_BEFORE``).  ``units``: names (as ``_norm`` keeps them) that a town's unit bears in the text ("Atlanta
    (Georgia)", read by :func:`_bracket_weights`): there, after the town, no country's name."""
    from warledger.extract.actor_gaps import AIR_OWNER

    rx, table = _signals(root_key())
    out: dict[str, float] = {}
    end = len(text) if end is None else end
    # "Nu’man" is "Numan" (only weights are read: offsets may shift); "Hama's" is "Hama~s", a name and its possessive
    text = _unmarked(_POSSESSIVE.sub("~s", text[:end]))
    start, end = min(start, len(text)), len(text)
    seen: dict[str, int] = {}
    for m in rx.finditer(text, start, end):
        key = _norm(m.group(0))
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > REPEATS:
            continue  # a name said again and again ("Israel" in a page about Israel's strikes) is one signal
        if _ATTRIBUTIVE.match(text, m.end()):
            continue  # "Saudi-led coalition", "Iran-backed militia": a force, not where
        if _CAUSE.search(text, max(start, m.start() - 40), m.start()):
            continue  # "rallied in Amman in support of Gaza": what the rally is for
        if _MISSION_AFTER.match(text, m.end()) or _MISSION_BEFORE.search(text, max(start, m.start() - 40), m.start()):
            continue  # "outside the United States consulate in Nuuk": the mission's country is not where
        word = m.group(0)
        unit_word = bool(_UNIT_AFTER.match(text, m.end()))
        if word.isascii() and word == word.lower():
            continue  # a name is capitalised ("rural Damascus", "al-Hasakeh"; not "hama")
        part = _NEXT_NAME.match(text, m.end()) or _PREV_NAME.search(text, max(start, m.start() - 30), m.start()) \
            or _MOTION.search(text, max(start, m.start() - 20), m.start())
        owner = text.startswith("~s", m.end())
        if _norm(word) in units and _UNIT_OPENING.search(text, max(start, m.start() - 2), m.start()):
            continue  # "Atlanta (Georgia)", "Alexandria, Virginia": the town's unit, not a country
        aircraft = AIR_OWNER.match(text, m.end(), min(len(text), m.end() + 40)) is not None
        for cc, w in table.get(_norm(word), ()):
            if aircraft and w <= W_DEMONYM:
                continue  # "Ukrainian drones struck Voronezh": whose aircraft, not where they struck
            if owner and (w <= W_DEMONYM or country_code(word) == cc):
                continue  # a country's possessive ("Turkey's drones", "Israel's strikes"): who, not where
            if unit_word and w == W_NAME and country_code(word) == cc:
                continue  # "Niger state": a unit bearing a country's name
            # part of a longer name ("Tal Anbar", "Basra square"), a unit's possessive ("Hama's countryside"), a
            # motion ("into Jordan"): half the weight
            out[cc] = out.get(cc, 0.0) + (w / 2 if part and w > W_DEMONYM else w)
            if placed is not None and (_norm(word) not in _country_names() or _PLACED_BEFORE.search(
                    text, max(start, m.start() - 20), m.start())):
                placed.add(cc)
    return out


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Every country's name and a theatre's other names for its country ("Gaza" of Palestine), as ``_norm`` keeps
    them."""
    names = {_norm(_unmarked(c["name"])) for c in geonames_countries().values() if c.get("name")}
    for th in theatres().values():
        names.update(_norm(_unmarked(n)) for n in (th.name, *th.names))
    return frozenset(names)


def _verdict(weights: dict[str, float], how: str, backed: tuple[str, ...]) -> Finding:
    ranked = sorted(weights.items(), key=lambda kv: -kv[1])
    scores = tuple((cc, round(w, 2)) for cc, w in ranked[:4])
    if not ranked:
        return Finding(None, how, None, scores, backed)
    top, w1 = ranked[0]
    w2 = ranked[1][1] if len(ranked) > 1 else 0.0
    if w1 >= MARGIN * w2:
        return Finding(top, how, None, scores, backed)
    names = ", ".join(f"{country_name(cc) or cc} ({w:g})" for cc, w in ranked[:3])
    return Finding(None, how, f"{AMBIGUOUS_CODE}: the text names places of several countries ({names}); "
                              f"country left unknown (give --country or the report's 'country')", scores, backed)


def names_country(text: str, min_town_population: int = MIN_TOWN_POPULATION) -> Optional[str]:
    """The country a short text (a place phrase) names by its units' or its own name, when one clearly wins;
    else by a town the world gazetteer knows, spelt so, in one country (see :func:`find_country`)."""
    return find_country(text, min_town_population=min_town_population).code


def _town_weights(text: str, start: int, end: int, min_population: int = MIN_TOWN_POPULATION,
                  undecided: Optional[list[frozenset[str]]] = None) -> dict[str, float]:
    """Countries of the toponyms extraction finds, by the built-in world gazetteer (see the module docstring);
    ``undecided`` gets, for each name whose namesakes decide nothing, the countries of its big enough namesakes."""
    from warledger.extract.places import find_places

    names = []
    cities: set[str] = set()  # names the text calls a city ("Nassriya city"): a close spelling of a big town may count
    for p in find_places(text, start, end):
        if _CAUSE.search(text, max(start, p.start - 40), p.start):
            continue  # "a deal to free the hostages held in Gaza", "a ceasefire in Gaza": what a rally is for
        if _UNIT_AFTER.match(text, p.end):
            continue  # "in Niger state", "in Tillaberi region": a unit (read with the units), not a town
        if not p.excluded and p.name and len(p.name) >= 3:
            names.append(p.name)
            if _CITY_AFTER.match(p.phrase, p.phrase.find(p.name) + len(p.name)):
                cities.add(p.name)
            # the reference a place is given by ("Zaghniyah area northeast Baqubah", "the X area of Amara city")
            at = p.phrase.find(p.name)
            if at >= 0:
                names += [m.group(0) for m in _name_rx().finditer(p.phrase, at + len(p.name)) if len(m.group(0)) >= 3]
    return _towns_named(names, cities, min_population, undecided)


def _towns_named(names: list[str], cities: set[str], min_population: int,
                 undecided: Optional[list[frozenset[str]]] = None) -> dict[str, float]:
    """Countries of the towns ``names`` (``cities``: those the text calls a city), by the world gazetteer
    (``undecided``: as :func:`_town_weights`)."""
    from warledger.geocode.gazetteer import places_named
    from warledger.geocode.normalize import fold, skeleton_variants

    if not names:
        return {}
    keys = {k: n for n in names for k in skeleton_variants(n)}
    # only the rows _town_country reads: the very spellings, and big towns for a name the text calls a city
    rows = places_named(_world_index(root_key()), keys, {fold(n).replace(" ", "") for n in names},
                        NEAR_TOWN_POPULATION if cities else None)
    out: dict[str, float] = {}
    for name in dict.fromkeys(names):
        cc = _town_country(name, [r for r in rows if keys.get(r[0]) == name], min_population, name in cities,
                           undecided)
        if cc is not None:
            out[cc] = out.get(cc, 0.0) + W_TOWN
    return out


def _bare_town_weights(text: str, start: int, end: int, min_population: int) -> dict[str, float]:
    """Countries of the capitalised names within the text's sentences (:func:`bare_names.bare_names`) that are towns
    the world gazetteer knows in one country (the same test as a place's: :func:`_town_country`), read only when
    nothing else names a country; not a name given as what a rally is for ("in support of Gaza")."""
    from warledger.theatre.bare_names import bare_names

    names = [name for at, name in bare_names(text, start, end) if not _CAUSE.search(text, max(start, at - 40), at)]
    return _towns_named(names, set(), min_population)


def _town_country(name: str, rows: list[tuple], min_population: int,  # type: ignore[type-arg]
                  city: bool = False, undecided: Optional[list[frozenset[str]]] = None) -> Optional[str]:
    """The one country a town's name points to: the very spelling (a place's by-name counting as a town a tenth
    its size); failing any, when the text calls the place a ``city``, a close spelling of a big town's own name
    ("Nassriya city" for Nasiriyah; a near spelling of a village's name is too often some far city's).  None unless
    one country's town is big enough and five times as populous as any other's."""
    from warledger.geocode.normalize import ends_name, fold, loose, similarity

    q = fold(name).replace(" ", "")
    exact: dict[str, float] = {}
    near: dict[str, float] = {}
    byname: set[str] = set()  # countries whose match is only some town's by-name
    capital = False  # the name is some country's capital's own name
    for _, folded, cc, pop, kind, _, main in rows:
        if not cc or kind == "admin2":
            continue  # a district is no town: "Nassriya" the district does not hide Nasiriyah the city
        if folded.replace(" ", "") == q:  # the very spelling, not a near one
            # a by-name counts as a town a tenth the size: "Kut" is Al-Kut's own name, Kutaisi's by-name
            own = ends_name(main or "", q)  # "Nahiyat ash Shinafiyah" is Shinafiyah's own name too
            if not own and similarity(loose(main or ""), loose(q)) < BYNAME_LIKENESS:
                continue  # a by-name unlike the town's own name (a name in another language: "Arbin" for
                # Villeurbanne) says nothing of the country a text in English or Arabic means
            weight = float(pop or 0) if own else (pop or 0) / TOWN_RATIO
            if own and _is_capital(cc, q):
                weight *= TOWN_RATIO  # a country's capital named bare is that capital ("Wellington", "Athens")
                capital = True
            if not own and cc not in exact:
                byname.add(cc)
            elif own:
                byname.discard(cc)
            exact[cc] = max(exact.get(cc, -1.0), weight)
        elif city and main and (pop or 0) >= NEAR_TOWN_POPULATION and similarity(main.replace(" ", ""), q) >= NEAR_SPELLING:
            near[cc] = max(near.get(cc, -1.0), float(pop))
    if capital:
        # a capital's own name is not outweighed by another town's by-name ("Dili", Timor-Leste's capital, is also
        # a by-name of Delhi): the by-name is that town's name in some other tongue, the capital's is its own
        exact = {cc: w for cc, w in exact.items() if cc not in byname}
    best, floor = (exact, min_population) if exact else (near, NEAR_TOWN_POPULATION)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    # a by-name on either side ("Saida" of Sidon) still needs the older margin, ten times
    if ranked and ranked[0][1] >= floor and all(
            ranked[0][1] >= (TOWN_RATIO if {cc, ranked[0][0]} & byname else TOWN_DOMINANCE) * max(w, 1)
            for cc, w in ranked[1:]):
        return ranked[0][0]
    if undecided is not None and len(namesakes := frozenset(cc for cc, w in ranked if w >= floor)) > 1:
        undecided.append(namesakes)  # "Kayes" of Mali and of Congo: another signal may choose
    return None  # a spelling shared by towns of several countries, or no town big enough, decides nothing


@lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    """(ISO2, the capital's name folded without blanks) of every country GeoNames lists."""
    from warledger.geocode.normalize import fold

    return frozenset((cc, fold(c["capital"]).replace(" ", "")) for cc, c in geonames_countries().items()
                     if c.get("capital"))


def _is_capital(cc: str, folded: str) -> bool:
    return (cc, folded) in _capitals()


# "Kasese (Kasese)", "Port-au-Prince (Ouest)", "Mexico City (Ciudad de Mexico)": a capitalised name (words joined by
# blanks or hyphens) and a bracketed unit name right after it
MIN_UNIT_STEM = 4  # a bracketed unit name this long may be the first word of the unit's local name
# (the capital first, then the character before it tested: the engine scans for a capital at C speed; the same
# matches as "(?<![\w'’-])([A-Z]..."); a word saying what kind of place the name is may stand between the name and
# its brackets ("Zeebyu village (Sagaing)", "Faskari LGA (Katsina)"): a settlement word or any theatre's word for an
# admin level (theatre.tsv)
_BRACKETED_FORM = (r"([A-Z](?<![\w'’-][A-Z])[\w'’.]*(?:-[\w'’.]+)*(?:\s[A-Z][\w'’.]*(?:-[\w'’.]+)*){0,3})"
                   r"(?:\s(?i:%s))?\s\(([A-Z][^()\d]{1,40})\)")


@lru_cache(maxsize=1)
def kind_words() -> str:
    """An alternation (a regex, no flags) of the words saying what kind of place a name is: the settlement words
    of place extraction and every theatre's Latin words for its admin levels (theatre.tsv: "township", "LGA")."""
    from warledger.extract.places import PLACE_TYPE

    words = sorted({w for th in theatres().values() for ws in th.admin_words.values() for w in ws
                    if w.isascii() and w.replace(" ", "").replace("-", "").isalpha()}, key=len, reverse=True)
    return "|".join([PLACE_TYPE, *(re.escape(w).replace(r"\ ", r"\s") for w in words)])


@lru_cache(maxsize=1)
def _bracketed() -> re.Pattern[str]:
    return re.compile(_BRACKETED_FORM % kind_words())


# where a bracketed form's brackets open (every match holds a blank, "(" and a capital) and the characters its name
# and kind word are written with (the name's word characters, quotes, dots, hyphens and blanks; the kind words are
# letters, hyphens and blanks): a match holds no other character before its brackets
_OPENING = re.compile(r"\s\([A-Z]")
_NAME_RUN = re.compile(r"[\w'’.\s-]*")
_INNER_MAX = 41  # the bracketed part's longest length in _BRACKETED_FORM (a capital and at most 40 more)


def bracketed_forms(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The matches of :func:`_bracketed` in ``text[start:end]``, searched only just before each opening bracket:
    the pattern run from every capital of a long page (each tried as up to four words and a kind word) was a quarter
    of the cost of a web text's country.  A match that uses the bracket opened at ``q + 1`` begins after the last
    character before ``q`` that no name holds, and closes its bracket at most :data:`_INNER_MAX` characters after
    ``q + 1``; a search from there finds it (any match beginning at or before ``q`` uses that bracket), as the whole
    scan does."""
    rx = _bracketed()
    out: list[re.Match[str]] = []
    backwards: Optional[str] = None
    for op in _OPENING.finditer(text, start, end):
        q = op.start()
        if backwards is None:
            backwards = text[end - 1::-1] if end > 0 else ""  # backwards[i] is text[end - 1 - i]
        run = _NAME_RUN.match(backwards, end - q)  # the name characters just before q, read from q - 1 backwards
        lo = max(start, q - (len(run.group()) if run is not None else 0))
        m = rx.search(text, lo, min(end, q + 3 + _INNER_MAX))
        if m is not None and m.start() <= q:
            out.append(m)
    return out


@lru_cache(maxsize=1)
def _unit_kind() -> re.Pattern[str]:
    return re.compile(r"^(?:(?i:%s)\s+(?=[A-Z]))?(.+?)(?:\s+(?i:%s))?$" % (kind_words(), kind_words()))


def bracket_unit(inner: str) -> str:
    """The unit's name in a bracket's last part, without the word saying what kind of unit it is ("Mai-Ndombe
    province" and "county Louth" name Mai-Ndombe and Louth; "Tamu district, Sagaing region" names Sagaing)."""
    unit = inner.split(",")[-1].strip()
    m = _unit_kind().match(unit)
    return m.group(1) if m and len(m.group(1)) >= 3 else unit


# "Alexandria, Virginia", "London, Ontario": a capitalised name, a comma and a capitalised name of one to three words
# that ends there (a unit's name, when the two make a pair; a list of places most often does not)
_COMMA_PAIR = re.compile(r"([A-Z](?<![\w'’-][A-Z])[\w'’.]*(?:-[\w'’.]+)*(?:\s[A-Z][\w'’.]*(?:-[\w'’.]+)*){0,2}),\s"
                         r"([A-Z][\w'’]*(?:-[\w'’]+)*(?:\s[A-Z][\w'’]*(?:-[\w'’]+)*){0,2})(?![\w'’-])")


def _bracket_weights(text: str, start: int, end: int) -> tuple[dict[str, float], frozenset[str]]:
    """Countries named by a town and its own first-level unit in brackets or after a comma (see the module
    docstring): W_ADMIN1 for each pair found in exactly one country; and the units of those pairs that bear a
    country's name ("Atlanta (Georgia)": a state of the United States there, not the country)."""
    table = _signals(root_key())[1]

    def open_unit(unit: str) -> bool:
        # a unit the signals know ("(Idleb)") is a signal already, no look-up; one that is only a country's name may
        # be a unit of another country's ("Georgia")
        return all(w == W_NAME for _, w in table.get(_norm(unit), [("", W_NAME)]))
    # (no bracket or comma, as in most texts: the patterns are not run over every capitalised word)
    pairs = [(m.group(1), unit, True) for m in bracketed_forms(text, start, end)
             if open_unit(unit := bracket_unit(m.group(2)))] if text.find("(", start, end) >= 0 else []
    if text.find(",", start, end) >= 0:
        pairs += [(m.group(1), m.group(2), False) for m in _COMMA_PAIR.finditer(text, start, end) if open_unit(m.group(2))]
    out: dict[str, float] = {}
    units: set[str] = set()
    for town, unit, bracket in dict.fromkeys(pairs):
        found = _pair_country(town, unit, root_key())
        # a country's name, or a name after a comma, is a unit only where the town lies in it ("Batumi (Georgia)" is
        # no village in the American state)
        if found is not None and (found[1] or (bracket and _norm(unit) not in table)):
            cc, known_town = found
            # a town no gazetteer knows: only its unit speaks for the country, at half the weight
            out[cc] = out.get(cc, 0.0) + (W_ADMIN1 if known_town else W_ADMIN1 / 2)
            if _norm(unit) in table:
                units.add(_norm(unit))
    return out, frozenset(units)


@lru_cache(maxsize=4096)
def _pair_country(town: str, unit: str, key: tuple[str, ...]) -> Optional[tuple[str, bool]]:
    """The one country where a town spelt ``town`` lies in a first-level unit spelt ``unit`` (see
    :func:`_bracket_weights`), with True; for a town no gazetteer knows, the one country with a unit of that very
    spelling, with False; else None (``key``: the theatre folders, whose world index is read)."""
    from warledger.geocode.gazetteer import places_named
    from warledger.geocode.normalize import fold, skeleton_variants

    names = {town, unit}
    keys = {k for n in names for k in skeleton_variants(n)}
    flat = {fold(n).replace(" ", ""): n for n in names}
    rows = places_named(_world_index(key), keys, set(flat))
    towns: dict[str, set[tuple[str, str]]] = {}
    units: dict[str, set[tuple[str, str]]] = {}
    size: dict[tuple[str, str], float] = {}  # the most populous town of the name in each unit
    for _, folded, cc, pop, kind, admin1, _ in rows:
        name = flat.get(folded.replace(" ", ""))
        if name and cc and admin1:
            (units if kind == "admin1" else towns).setdefault(name, set()).add((cc, admin1))
            if name == town and kind != "admin1":
                size[cc, admin1] = max(size.get((cc, admin1), 0.0), float(pop or 0))
    # the unit by one of its names, or the town's unit by a name it begins with ("Kurskaya oblast'" of "Kursk")
    stem = fold(unit) if len(unit) >= MIN_UNIT_STEM else None
    both: dict[str, float] = {}
    for cc, a1 in towns.get(town, set()):
        if (cc, a1) in units.get(unit, set()) or (stem and fold(a1).startswith(stem)):
            both[cc] = max(both.get(cc, 0.0), size.get((cc, a1), 0.0))
    ranked = sorted(both.items(), key=lambda kv: -kv[1])
    # one country, or namesakes in like-named units of several where one town is far the biggest ("Cordoba
    # (Cordoba)": Argentina's city, not a Colombian hamlet in Colombia's Cordoba; "La Paz (La Paz)": Bolivia's)
    if len(ranked) == 1 or (ranked and ranked[0][1] >= max(TOWN_RATIO * ranked[1][1], MIN_TOWN_POPULATION)):
        return ranked[0][0], True
    if both or unit.isupper():  # (an acronym in brackets is no unit: "Syrian National Army (SNA)")
        return None
    # a village no gazetteer knows ("Baga Sola (Lac)"), or whose namesakes all lie in other units ("Bal'ad (Middle
    # Shabelle)", a Balad in Iraq), in a unit of that very spelling in one country only
    alone = {cc for cc, _ in units.get(unit, set())}
    return (alone.pop(), False) if len(alone) == 1 else None


@lru_cache(maxsize=8)
def _world_index(key: tuple[str, ...]) -> str:
    """The built-in world gazetteer index's path, found once per process for each set of theatre folders (finding
    it hashes every admin table; the lexicon cache's stamp is taken once per process in the same way)."""
    from warledger.geocode.gazetteer import builtin_index

    return builtin_index()


@lru_cache(maxsize=1)
def _name_rx() -> re.Pattern[str]:
    from warledger.extract.places import NAME
    return re.compile(NAME)


def _any_of(alternatives: list[str]) -> "re.Pattern[str] | Alternation":
    """Whether a text names one of ``alternatives`` as a whole word (case-insensitive): one alternation, searched
    by :class:`~warledger.extract.alternation.Alternation` (only the alternatives that can start with a word's first
    character are tried there) when no alternative can match the empty string, else by one compiled pattern."""
    from re import _parser as sre_parse  # type: ignore[attr-defined]  # private: typeshed has no stubs for it

    from warledger.extract.alternation import Alternation
    from warledger.extract.scanner import first_class

    left, right = r"(?<![\w-])", r"(?![\w-])"
    # Alternation's first characters spell a category out in ASCII ("\d" as 0-9): an alternative that can begin
    # with one ("\d+ Brigade") is searched by the one pattern, where "\d" is every digit
    if all(sre_parse.parse(a, re.IGNORECASE).getwidth()[0] > 0 and not re.search(r"\\[dDsSwW]", first_class(a, re.I) or "")
           for a in alternatives):
        return Alternation(alternatives, left, right, re.IGNORECASE).complete()
    return re.compile(left + "(?:" + "|".join(alternatives) + ")" + right, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _GroupScanners:
    """One finder over every theatre's own armed groups, and per theatre (and for the global bundle's groups) a
    pattern tried only where the finder matched."""

    finder: "re.Pattern[str] | Alternation"
    at: tuple[tuple[str, "re.Pattern[str]"], ...]      # (ISO2, the theatre's groups, matched at a position)
    common: Optional["re.Pattern[str]"]                # the global bundle's named groups, matched at a position
    # the entries of ``at`` (in order) that can match at a word whose first character is this ASCII character
    # (lower case; "" any other ASCII character); at a character outside ASCII every entry is tried
    by_first: dict[str, tuple[tuple[str, "re.Pattern[str]"], ...]]


def _by_first(at: tuple[tuple[str, "re.Pattern[str]"], ...]) -> dict[str, tuple[tuple[str, "re.Pattern[str]"], ...]]:
    """:attr:`_GroupScanners.by_first`: an entry whose first characters cannot be told, or hold one outside ASCII
    (whose case folding may meet an ASCII letter: "K" is "k"), is tried at every word."""
    from warledger.extract.scanner import first_chars

    firsts = [first_chars(rx.pattern) for _, rx in at]
    keys = {c.lower() for fs in firsts for c in fs or () if c.isascii()}
    return {key: tuple(e for e, fs in zip(at, firsts)
                       if fs is None or not all(c.isascii() for c in fs) or key in {c.lower() for c in fs})
            for key in sorted(keys | {""})}


@lru_cache(maxsize=8)
def _group_scanners(key: tuple[str, ...]) -> Optional[_GroupScanners]:
    """The patterns of the theatres' own armed groups (not generic categories such as "Opposition Rebels
    (<country>)", not foreign states, not actors the global bundle has too); built once and then loaded from the
    user cache (:mod:`warledger.lexcache`)."""
    from warledger.lexcache import cached

    return cached("group-scanners", _build_group_scanners)


def _build_group_scanners() -> Optional[_GroupScanners]:
    from warledger.extract.actor_lexicon import STATE_FORCES
    from warledger.theatre import data_lines, global_files

    home = {cols[0] for p in global_files("home_groups.tsv") for _, cols in data_lines(p) if cols[0] != "name"}
    shared = {cols[0] for p in global_files("actors.tsv") for _, cols in data_lines(p)} - home
    at = []
    every: list[str] = []
    for th in theatres().values():
        path = th.file("actors.tsv")
        if path is None:
            continue
        pats = [f"(?:{cols[4]})" for _, cols in data_lines(path) if len(cols) == 5 and cols[0] != "name"
                and cols[3] == "armed" and cols[2] not in ("state", "coalition") and "({country})" not in cols[0]
                and cols[0] not in shared and "{text}" not in cols[0]]
        if pats:
            at.append((th.iso2, _at(pats)))
            every += pats
    if not every:
        return None
    # the words every country shares: the global bundle's named armed actors ("Islamic State", "Hezbollah") and its
    # generic ones ("government forces", "the army", "gunmen"), not its "<demonym> forces", which names a country:
    # a theatre's reading of the very words ("government forces" in Yemen's row) is no sign of that theatre; a group
    # of global/home_groups.tsv (JNIM) is read everywhere but still names its home theatres
    common = [f"(?:{cols[4]})" for p in global_files("actors.tsv") for _, cols in data_lines(p)
              if len(cols) == 5 and cols[0] not in ("name", STATE_FORCES) and cols[0] not in home
              and cols[3] in ("armed", "generic")]
    return _GroupScanners(_any_of(list(dict.fromkeys(every))), tuple(at), _at(common) if common else None,
                          _by_first(tuple(at)))


def _at(alternatives: list[str]) -> "re.Pattern[str]":
    """One pattern over ``alternatives`` for ``match`` at a position the finder gave (a whole word there)."""
    return re.compile("(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


def _group_weights(text: str, start: int, end: int) -> dict[str, float]:
    """Theatres whose own armed groups the text names: counter-evidence to a town of another country, and
    evidence where nothing else is.  Words a group of the global bundle is read from ("Islamic State", "IS") name
    no one country, and a word inside a longer name of another theatre's group ("Fatah" in "Jabhat Fatah al-Sham")
    is part of that name.  A name several theatres' groups share ("JNIM" in Mali, Burkina Faso and Niger) gives
    each of them 1/n; a theatre's weight is that of its most particular name (at most 1)."""
    gs = _group_scanners(root_key())
    if gs is None:
        return {}
    names: dict[str, set[str]] = {}
    for m in gs.finder.finditer(text, start, end):
        p = m.start()
        ch = text[p]
        tried = gs.by_first.get(ch.lower(), gs.by_first[""]) if ch.isascii() else gs.at  # (the same "here")
        here = [(mm.end(), cc) for cc, rx in tried if (mm := rx.match(text, p, end)) is not None]
        longest = max((e for e, _ in here), default=m.end())
        g = gs.common.match(text, p, end) if gs.common is not None else None
        if g is not None and g.end() >= longest:
            continue
        for e, cc in here:
            if e == longest:  # a shorter reading at the same place is part of the longer name
                names.setdefault(_norm(text[p:e]), set()).add(cc)
    out: dict[str, float] = {}
    for ccs in names.values():
        for cc in ccs:
            out[cc] = max(out.get(cc, 0.0), W_GROUP / len(ccs))
    return {cc: out[cc] for cc, _ in gs.at if cc in out}  # in the theatres' order, as ties are listed


# the coder's statement of the country the event is recorded in: "ACLED uses a Yemeni location", "coded to a
# location in Iraq"
_CODED_IN = re.compile(r"\b(?:ACLED\s+(?:uses|used|codes|coded|records|recorded)|(?:is|are|was|were|been)\s+(?:coded|recorded))"
                       r"\s+(?:(?:it|this|them|these|the\s+events?)\s+)?(?:(?:at|to|in|with|using)\s+)?"
                       r"(?:an?\s+(?P<adj>[A-Z][\w'’-]+)\s+location|an?\s+location\s+in\s+(?:the\s+)?(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))")


# a unit written as where something is ("Leipzig, Saxony", "in Gorno-Badakhshan"), not a word that happens to spell one
# ("the Hail gas field")
_AS_PLACE = re.compile(r"(?:,|\b(?:in|of|near|across))\s+$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _world_units(key: tuple[str, ...]) -> tuple["Alternation", dict[str, str]]:
    """One pattern over the first-level unit names of countries whose bundle lists no units that no signal of
    :func:`_signals` already is (see :func:`_world_unit_weights`), and name -> country; cached as the signals are."""
    from warledger.lexcache import cached

    return cached("world-unit-signals", _build_world_units)


def _build_world_units() -> tuple["Alternation", dict[str, str]]:
    from warledger.extract.alternation import Alternation
    from warledger.geocode.world_admin import unit_countries

    from warledger.geocode.gazetteer import admin_table

    signals = _signals(root_key())[1]
    # the countries whose bundle lists its own units (admin.tsv: Syria, Iraq, Yemen), signals already; a bundle of
    # actors only (Pakistan, Nigeria) leaves its units to the world table like any other country's
    bundled = {r.country for r in admin_table() if r.level == "admin1"}
    table = {_norm(n): cc for n, cc in unit_countries().items()
             if cc not in bundled and _norm(n) not in signals and not _GENERIC_WORD.match(n)}
    alts = sorted({re.escape(p).replace(r"\ ", r"[-\s]+").replace(r"\-", r"[-\s]?") for p in table},
                  key=len, reverse=True)
    return Alternation(alts, r"(?<![\w-])", r"(?![\w])").complete(), table


def _world_unit_weights(text: str, start: int, end: int) -> dict[str, float]:
    """Countries named by a first-level unit of a country no theatre bundle describes ("Leipzig, Saxony",
    "Khorog in Gorno-Badakhshan"), a name only that country's units bear: W_WORLD_UNIT each, read only when nothing
    else names a country and no town or armed group decides (an Algerian or Jordanian unit is spelt as many a
    Syrian village)."""
    rx, table = _world_units(root_key())
    text = _unmarked(text[:end])
    out: dict[str, float] = {}
    for m in rx.finditer(text, min(start, len(text)), len(text)):
        word = m.group(0)
        if word[:1].isupper() and _AS_PLACE.search(text, max(start, m.start() - 12), m.start()) and \
                not _ATTRIBUTIVE.match(text, m.end()) and (cc := table.get(_norm(word))):
            out[cc] = W_WORLD_UNIT
    return out


def _coded_country(text: str, start: int, end: int) -> Optional[str]:
    """The country the note says ACLED records the event in (a theatre's demonym or any country's name)."""
    if text.find("location", max(start, 0), end) < 0:
        return None  # every statement says "location" (the pattern is case-sensitive): a text without it is not read
    for m in _CODED_IN.finditer(text, start, end):
        word = m.group("adj") or m.group("name")
        for th in theatres().values():
            if any(word.lower() == d.lower() for d in th.demonyms):
                return th.iso2
        cc = country_code(word)
        if cc is not None:
            return cc
    return None


def find_country(text: str, start: int = 0, end: Optional[int] = None,
                 min_town_population: int = MIN_TOWN_POPULATION, bare_towns: bool = False) -> Finding:
    """The country ``text[start:end]`` is about (see the module docstring).  With ``bare_towns`` (a report's text,
    not a place phrase), when nothing names a country, a capitalised name within a sentence that is a town in one
    country may (:func:`_bare_town_weights`)."""
    end = len(text) if end is None else end
    coded = _coded_country(text, start, end)
    if coded is not None:
        return Finding(coded, "the note's own coding statement")
    bracketed, pair_units = _bracket_weights(text, start, end)
    groups = _group_weights(text, start, end)
    placed: set[str] = set(bracketed)
    named = _weights(text, start, end, placed, pair_units)
    for cc, w in bracketed.items():
        named[cc] = named.get(cc, 0.0) + w
    if named and not placed and not groups:
        # every country named is what the note is about, none where, and no demonym or armed group says whose people
        # act ("marched in Yerevan against the handover of villages to Azerbaijan", "rallied in Glasgow against arms
        # sales to Israel"): a town that names one country says where
        by_town = _verdict(_town_weights(text, start, end, min_town_population), BY_TOWNS, ())
        if by_town.code is not None:
            return Finding(by_town.code, BY_TOWNS, None, by_town.scores, ())
    if named:
        for cc, w in groups.items():
            named[cc] = named.get(cc, 0.0) + w
        if len(bracketed) == 1 and (cc := next(iter(bracketed))) and \
                all(named[cc] >= w for other, w in named.items() if other != cc):
            # ACLED writes the event's place as "town (unit)": when all such pairs point to one country and nothing
            # names another more, that is where the event is; the other places a note names ("in solidarity with
            # Gaza") are what it is about, and need not be outweighed twice over
            return Finding(cc, "a town and its unit in brackets", None,
                           tuple((c, round(w, 2)) for c, w in sorted(named.items(), key=lambda kv: -kv[1])[:4]),
                           tuple(named))
        return _verdict(named, "named in the text", tuple(named))
    undecided: list[frozenset[str]] = []
    weights = _town_weights(text, start, end, min_town_population, undecided)
    for cc, w in groups.items():
        weights[cc] = weights.get(cc, 0.0) + w
    for namesakes in undecided:
        if len(chosen := namesakes & set(groups)) == 1:
            # a town of several countries' names where an armed group of one of them acts ("JNIM ... near Kayes":
            # Mali's Kayes, not Congo's): that one's town
            cc = next(iter(chosen))
            weights[cc] = weights.get(cc, 0.0) + W_TOWN
    found = _verdict(weights, BY_TOWNS, tuple(groups))
    units = _world_unit_weights(text, start, end)
    if found.code is None and units:
        # no town or group decides: a unit of a country no bundle describes may ("a village in Gorno-Badakhshan")
        for cc, w in units.items():
            weights[cc] = weights.get(cc, 0.0) + w
        found = _verdict(weights, BY_TOWNS, (*groups, *units))
    elif found.code in units:  # the town's country is named by its unit too: no guess
        found = Finding(found.code, found.how, found.problem, found.scores, (*found.backed, found.code))
    if found.code is None and found.problem is None:
        bare = _verdict(_bare_town_weights(text, start, end, min_town_population), BY_TOWNS, ()) if bare_towns else None
        if bare is not None and bare.code is not None:
            return bare  # a town named after words the place finder does not read, in one country only: a guess
        return Finding(None, "none", "W-COUNTRY-NONE: the text names no country, admin unit or known town; country "
                                     "left unknown (give --country or the report's 'country')")
    return found


def settle_country(report: "Report") -> Finding:
    """Settle ``report.country`` (ISO2): the given one when it is a country, else the one its text names."""
    if report.country:
        code = country_code(report.country)
        if code is not None:
            report.country = code
            return Finding(code, "given")
        report.problems.append(f"W-COUNTRY-UNKNOWN: the report's country {report.country!r} is not a country "
                               "warledger knows (use a name, or an ISO 3166 code such as IQ or IRQ); read from the text")
        report.country = None
    start, end = report.body_span
    found = find_country(report.text, start, end, bare_towns=True)
    report.country = found.code
    if found.code is None and found.problem and found.problem.startswith(AMBIGUOUS_CODE):
        report.country_backed = found.backed
    if found.problem and found.problem not in report.problems:
        report.problems.append(found.problem)
    elif found.code is not None and found.how == BY_TOWNS and found.code not in found.backed:
        # no country, admin unit, demonym or armed group named: only a town spelt so in one country points there
        report.problems.append(f"{TOWN_GUESS_CODE}: the text names no country, admin unit or armed group of one; "
                               f"{country_name(found.code) or found.code} is the one country with a town of 10,000 people "
                               f"or more spelt as a town it names: a guess (give --country or the report's 'country')")
    return found
