"""Place phrases: where an event happened ("al-Sahara village in the western countryside of Aleppo").

A place mention is a toponym (capitalised words with their al-/el- particles) marked as a place by a
settlement word ("X village", "the town of X") or a locative preposition, extended by its locative
tail ("in the southern countryside of Idlib", "west of Ain Issa").  Mentions after "from" or "to"
(where victims came from, where the wounded were taken) are not the place of the event.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from warledger.errors import InputError
from warledger.extract.lexicon import alternation, rows
from warledger.extract.scanner import guarded
from warledger.extract.segment import PARAGRAPH_BREAK, within_paragraph

_PLACES = rows("places.tsv", 3)
for _k, _n, _g in _PLACES:
    if _k not in ("governorate", "city", "not_place"):
        raise InputError(f"warledger/data/places.tsv: kind must be governorate, city or not_place, not {_k!r} ({_n!r}); "
                         "fix the file (its header describes the columns)")


_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an)[-\s]")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_TRAILING = re.compile(r"[\s,]+$")


def norm(s: str) -> str:
    s = s.lower().replace("’", "'").replace("‘", "'")
    return _NOT_LETTERS.sub("", _ARTICLE.sub("", s))


GOV: dict[str, str] = {norm(n): g for k, n, g in _PLACES if k == "governorate"}
CITY_GOV: dict[str, str] = {norm(n): g for k, n, g in _PLACES if k == "city"}
# words that never begin a place name ("Share on Facebook", "on Monday", "in Syrian Democratic Forces areas")
_NOT_PLACE = re.compile(r"^(?:%s)\b" % alternation([n for k, n, _ in _PLACES if k == "not_place"]), re.I)
_AREA_RE = guarded(re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % alternation(
    [re.escape(n).replace(r"\-", "[-\\s]?").replace(r"\ ", r"[-\s]+").replace("'", "['’]?") for k, n, _ in _PLACES
     if k != "not_place"],
    escape=False), re.I))

_PART = r"(?:al|el|ad|ar|as|ash|at|az|an|ez|ed|es|Al|El|Ad|Ar|As|Ash|At|Az|An|Ez|Ed|Es)"
# "as", "at", "an" in lower case are English with a space after them ("Abu Dali as Russian jets struck")
# the word itself is atomic, (?>...): a hyphenated chain ("Abc-Def-Ghi") is one word, never re-split at each hyphen
# by NAME's joiners below (re-splitting made a chain of n such words cost about n^5 steps)
_CAPWORD = r"(?:(?:as|at|an)[-’']|(?!(?:as|at|an)[ \t])%s[- \t’']?)?(?>[A-Z][\w’'\-]*[\w])" % _PART
# particles joining a name's words; "as", "at" and "an" only with a hyphen ("Ras as-Sahel"): with a space they
# are English ("near Abu Dali as Russian jets struck")
_LOW = r"(?:bin|bani|abu|um|umm|ibn|of[ \t]+the|de|du|al|el|ez|ed|es|ad|ar|ash|az)"
NAME = r"%s(?:(?:[ \t]+|-)(?:%s[ \t]+)?%s){0,4}" % (_CAPWORD, _LOW, _CAPWORD)
_TYPE = (r"(?:villages?|towns?|city|cities|outskirts|neighbou?rhoods?|areas?|camps?|district|region|hamlets?|farms|suburbs?|"
         r"sub-?district|subdistrict|axis|axes|front(?:line)?s?|countryside|desert|plain|mountains?|hills?|airport|"
         r"base|prison|crossing|road|highway|street|square|roundabout|dam|valley|refinery|oil\s+field|field|"
         r"province|governorate|"
         # the words ACLED's notes of other countries use for a unit below the first level ("Hlaing township of
         # Yangon", "Faskari LGA", "Beni territory", "Kisumu county")
         r"townships?|LGA|county|counties|territory|municipality|commune|department|tehsil|upazila|woreda|"
         r"prefecture|sub-?county)")
_DIR = (r"(?:north|south|east|west|northern|southern|eastern|western|north-?east(?:ern)?|north-?west(?:ern)?|"
        r"south-?east(?:ern)?|south-?west(?:ern)?|central|rural|greater|northeast|northwest|southeast|southwest)")
# the words after a name that say what kind of place it is, for other modules ("Kani township (Sagaing)")
PLACE_TYPE = _TYPE
_Q = r"[“\"']?"
# "Damascus - International Airport", "Hmeimim airbase": an airport named after its town
_AIR = r"(?:[-–]\s+)?(?:[Ii]nternational\s+|[Mm]ilitary\s+)?(?:[Aa]irport|[Aa]ir[\s-]?[Bb]ase|[Aa]irbase|[Aa]irfield)"
_NAMEX = r"%s%s%s(?:\s+%s)?" % (_Q, NAME, _Q, _TYPE)
_TAIL = (r"(?:\s*,?\s+(?:(?:in|on|at|near|within|of|to)\s+(?:the\s+)?(?:%s\s+)?(?:(?:countryside|outskirts|suburbs?|"
         r"province|governorate|desert|region|parts?|side|vicinity|area|areas|city|town|village)\s+(?:of\s+)?(?:the\s+)?)?"
         r"|(?:%s\s+)(?:of\s+)?(?:the\s+)?)%s)") % (_DIR, _DIR, _NAMEX)
# "the YPG-held town of X", "QSD-controlled Y village": the holder is not part of the name
_HELD = (r"(?:[\w/]+-(?:held|controlled|besieged|dominated|run)\s+)?"
         r"(?![\w/]+-(?:held|controlled|besieged|dominated|run)\b)")
# verbs of taking ground ("captured X", "took control of X") and cues of nearness ("in the vicinity of X")
_TAKE = (r"(?:re)?captur(?:e|ed|ing)|retook|retak(?:e|en|ing)|seiz(?:e|ed|ing)|regain(?:ed|ing)?|overt(?:ook|akes?)|"
         r"took\s+over|(?:attempt(?:ed|ing)?|tried)\s+to\s+(?:enter|storm|advance\s+(?:on|into))|(?:(?:partial|full)\s+)?control\s+(?:of|over)|"
         r"controlled|entered|besieged|surrounding|battle\s+for|advanced?\s+(?:on|towards?|into)|"
         r"(?:areas?|villages|towns|axis|front(?:line)?s?)\s+between|[Cc]oded\s+(?:location\s+)?(?:as|to|at|in)|"
         r"(?:vicinity|surroundings|environs|edges?|entrance)\s+of|around|close\s+to|outside")


# the middle of a town, before "of" only ("the centre of Sumy", "the city center of X", "the heart of X"), its streets
# and its station ("along the streets of Pecs", "near the railway station of X"): after a name the word is a
# facility's ("the Health Centre")
_MIDDLE = r"(?:(?:city|town)\s+)?cent(?:re|er)|heart|streets|(?:railway|train|bus|central)\s+station"


def _branches(held: str) -> tuple[str, str]:
    """The place-mention pattern's alternatives, with ``held`` before a name ("the YPG-held town of X"): those that
    open with a settlement word or a preposition, and the one that opens with the name ("X village", n2)."""
    opening = (
        r"\b%s(?P<t1>%s|%s)\s+of\s+(?:the\s+)?%s(?P<n1>%s)%s(?:\s+(?P<t4>%s))?"
        r"|\bthe\s+(?P<t5>village|town|city)\s+(?P<n5>%s)(?=\s*(?:[,.;:(]|$)|\s+(?:in|near|from|after|with|of|and|on|at|east|west|north|south)\b|%s)"
        r"|\b(?P<prep>in|on|at|near|targeting|targeted|targets|hit|hitting|struck|striking|shelled|shelling|bombed|bombing|"
        r"stormed|attacked|into|through|across|of|%s)\s+(?:the\s+)?(?:downtown\s+|(?P<d3>%s)\s+)?%s%s(?P<n3>%s)%s(?:\s+(?P<t3>%s|%s))?(?![\w-])"
        % (held, _TYPE, _MIDDLE, _Q, NAME, _Q, _TYPE, NAME, PARAGRAPH_BREAK, _TAKE, _DIR, held, _Q, NAME, _Q, _AIR, _TYPE))
    return opening, r"(?<![\w-])%s%s(?P<n2>%s)%s\s+(?P<t2>%s)\b" % (held, _Q, NAME, _Q, _TYPE)


def _settlement(held: str) -> re.Pattern[str]:
    """The place-mention pattern, with ``held`` before a name ("the YPG-held town of X")."""
    opening, named = _branches(held)
    return guarded(re.compile(within_paragraph(r"(?:%s|%s)(?P<tail>%s{0,3})" % (opening, named, _TAIL))))


_SETTLEMENT = _settlement(_HELD)
# A span with no "-held", "-controlled"... has no holder to match: _HELD is then the empty string (its optional group
# cannot match, its look-ahead always holds), and the pattern without it is cheaper at every word (no [\w/]+ run read
# and given back letter by letter): same matches (tests/extract/test_places.py)
_HOLDER_WORD = re.compile(r"-(?:held|controlled|besieged|dominated|run)")
_SETTLEMENT_NO_HOLDER = _settlement("")
# The name-first alternative ("X village") is tried at every capitalised word; its match holds only letters, digits,
# apostrophes, quotes, hyphens and whitespace (a run of _NAME_CHARS), and its last name word begins with a capital and
# is followed by a type word.  So it can start only in a run that holds a match of _CAPITAL_TYPE (one type-word test
# per capitalised word, not a whole name read at each), and it is searched there alone (``_search_no_holder``)
_OPENING_NO_HOLDER, _NAMED_NO_HOLDER = (guarded(re.compile(within_paragraph(b))) for b in _branches(""))
_NAME_CHARS = r"[\w’'“\"\-\s]"
_NAME_RUN = re.compile(r"%s*" % _NAME_CHARS)
_BEFORE_RUN = re.compile(r"(?s:.*)[^\w’'“\"\-\s]")  # up to the last character that is not a name character
_CAPITAL_TYPE = re.compile(r"[A-Z][\w’'\-]*+[“\"']?\s+(?=(?:%s)\b)" % _TYPE)
_LOOK_BACK = 160


def _run_start(text: str, pos: int, at: int) -> int:
    """Where the run of name characters holding ``at`` begins (``pos`` at the earliest)."""
    while at > pos:
        lo = max(pos, at - _LOOK_BACK)
        before = _BEFORE_RUN.match(text, lo, at)
        if before is not None:
            return before.end()
        at = lo
    return pos


def _search_no_holder(text: str, pos: int, end: int) -> Optional[re.Match[str]]:
    """``_SETTLEMENT_NO_HOLDER.search(text, pos, end)``: the alternatives are tried in the pattern's order at each
    start, so the name-first one wins only where it starts before every other one."""
    opening = _OPENING_NO_HOLDER.search(text, pos, end)
    limit = opening.start() if opening else end
    start = opening.start() if opening else None
    at, stop = pos, _NAME_RUN.match(text, limit, end).end()  # type: ignore[union-attr]  # (a * pattern always matches)
    while (hit := _CAPITAL_TYPE.search(text, at, stop)) is not None:
        run_start = _run_start(text, pos, hit.start())
        if run_start >= limit:
            break
        at = _NAME_RUN.match(text, hit.start(), end).end()  # type: ignore[union-attr]  # (a * pattern always matches)
        named = _NAMED_NO_HOLDER.search(text, run_start, at)
        if named is not None:
            if named.start() < limit:
                start = named.start()
            break
    return None if start is None else _SETTLEMENT_NO_HOLDER.match(text, start, end)


_AREA_TYPES = ("countryside", "province", "governorate", "desert", "region", "areas", "plain", "mountains")
_FROM_BEFORE = re.compile(within_paragraph(r"\b(?:from|to|towards|toward|native\s+of|hails?\s+from|residents?\s+of|people\s+of|"
                          r"sons?\s+of|displaced\s+from|originally\s+from|transferred\s+to|taken\s+to)\s+(?:the\s+)?"
                          r"(?:(?:village|town|city|area|neighbou?rhood|camp)s?\s+of\s+(?:the\s+)?)?$"), re.I)


# a march or a rally through, into or across a place: where a protest happened ("marched through Mexico
# City", "supporters marching into Islamabad"); other motion ("fired into", "smuggled through") is not a place of the event
_MARCH_BEFORE = re.compile(r"\b(?:march(?:ed|es|ing)?|parad(?:e|ed|es|ing)|process(?:ion|ed)|walk(?:ed|ing)|"
                           r"rall(?:y|ied|ies|ying)|demonstrat(?:ed|ing)|protest(?:ed|ing)|stream(?:ed|ing)|"
                           r"pour(?:ed|ing)|spread|converg(?:ed|ing))\s+(?:[a-z]+ly\s+)?$"
                           # vehicles a crowd drove in, and the road a crowd stood on ("farmers drove hundreds of
                           # tractors into Brussels", "taxis parked along the main road into Port Louis")
                           r"|\b(?:drove|driving)\s+(?:(?:their|hundreds\s+of|dozens\s+of|some|several)\s+)?"
                           r"(?:tractors|trucks|lorries|cars|taxis|vehicles|buses|motorcycles)\s+$"
                           r"|\b(?:main\s+)?(?:road|roads|highway|avenue)\s+$", re.I)
# the people of a place who, as a crowd, did something ("residents of Barcelona marched", "villagers of X, angry at
# Y, blocked the road"): where they did it, not where victims came from
_DWELLERS_BEFORE = re.compile(r"\b(?:residents|inhabitants|villagers|townspeople|dwellers)\s+of$", re.I)
_CROWD_AFTER = re.compile(r"(?:\s*,[^,.;]{1,60},)?\s+(?:[a-z]+ly\s+)?(?:march(?:ed)?|protest(?:ed)?|rall(?:y|ied)|"
                          r"gather(?:ed)?|demonstrat(?:e|ed)|block(?:ed)?|staged|held|took\s+to|burn(?:ed|t)|"
                          r"set\s+(?:up|fire)|clash(?:ed)?|threw|stormed|picket(?:ed)?|sat\s+in|walked)\b")


_GROUP = re.compile(r"\b(?:Forces|Force|Army|Corps|Council|Division|Brigades?|Regiment|Battalions?|Legion|"
                    r"Units?|Coalition|Guards?|Intelligence|Police|Movement|Party|Group|Organi[sz]ation|Committee|"
                    r"Militias?|Hezbollah|Hizbollah|Tahrir|Islamic|State|Jaysh|Jaish|Ahrar|Faylaq|Liwa|Harakat|"
                    r"Democratic|Liberation|National)\b")
_TIME_TAIL = re.compile(r"[ \t,]+(?:on|in|at|during|since|of)[ \t]+(?:the[ \t]+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                        r"Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|"
                        r"November|December)\b.*$", re.S)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    phrase: str
    name: str
    governorate: Optional[str]
    settlement: bool          # named with a settlement word or locative preposition, not only a governorate
    excluded: bool            # follows "from"/"to": where victims came from or were taken
    rule: str


def governorate_in(text: str, start: int, end: int) -> Optional[tuple[str, int, int]]:
    """The first governorate named (or implied by a well-known city) in ``text[start:end]``."""
    city: Optional[tuple[str, int, int]] = None
    for m in _AREA_RE.finditer(text, start, end):
        key = norm(m.group(0))
        if key in GOV:
            return GOV[key], m.start(), m.end()
        if city is None and key in CITY_GOV:
            city = (CITY_GOV[key], m.start(), m.end())
    return city


def find_places(text: str, start: int, end: int) -> list[PlaceMention]:
    """Place mentions in ``text[start:end]``, in text order, not overlapping; a place the note says the event is
    coded to ("Coded as Tadmor", "fatalities coded to Hajin") comes first: the coder's own choice."""
    return list(_find_places(text, start, end))


@lru_cache(maxsize=16)  # country detection (by its towns) and extraction read the same body
def _find_places(text: str, start: int, end: int) -> tuple[PlaceMention, ...]:
    out: list[PlaceMention] = []
    pos = start
    search = _SETTLEMENT.search if _HOLDER_WORD.search(text, start, end) else _search_no_holder
    while pos < end:
        m = search(text, pos, end)
        if m is None:
            break
        grp = next(g for g in ("n1", "n2", "n3", "n5") if m.group(g))
        name, nstart = m.group(grp), m.start(grp)
        # a rejected name ("attacked Syrian Democratic Forces in Anad village") must not swallow the place in
        # its tail: scanning resumes right after the name; an accepted mention resumes after its tail
        pos = max(nstart + len(name), m.start() + 1)
        if _NOT_PLACE.match(name):
            # "the Russian warplanes on X": try again from inside the match
            continue
        name = _TRAILING.sub("", name)
        if grp == "n3" and _GROUP.search(name):
            continue  # "clashes between the Military Forces of Syria and ...": an armed group, not a place
        if grp != "n3" and (last := list(_GROUP.finditer(name))):
            # "the Islamist Militia Mare' town": the group's name runs into the place's
            cut = last[-1].end()
            rest = name[cut:].lstrip(" -'’")
            if len(rest) < 3 or not rest[:1].isupper():
                continue
            nstart += len(name) - len(rest)
            name = rest
        key = norm(name)
        is_gov = key in GOV
        dwellers = (grp == "n3" and m.group("prep").lower() == "of"
                    and bool(_DWELLERS_BEFORE.search(text, max(start, m.start() - 30), m.end("prep")))
                    and bool(_CROWD_AFTER.match(text, nstart + len(name), end)))
        if m.group("prep") and not (is_gov or key in CITY_GOV or m.group("tail") or dwellers):
            prep = m.group("prep").lower()
            if (prep in ("of", "into", "through", "across", "entered", "around", "outside", "surrounding", "controlled")
                    and not m.group("t3") and not (prep in ("into", "through", "across")
                                                   and _MARCH_BEFORE.search(text, max(start, m.start() - 40), m.start()))) \
                    or len(name) < 3:
                continue
        t1 = (m.group("t1") or m.group("t5") or "").lower()
        tg = "t1" if m.group("t1") else "t5"
        # "the streets of X", "the railway station of X": the town itself is the place (precision 1 where X is known)
        pstart = m.start(tg) if t1 and t1 not in _AREA_TYPES and not t1.endswith(("streets", "station")) else nstart
        if grp == "n3" and m.group("d3"):
            pstart = m.start("d3")  # "in eastern Hama": the direction says it is the countryside, not the city
        pend = m.end()
        phrase = text[pstart:pend].strip(" ,")
        tail = _TIME_TAIL.search(phrase)
        if tail:
            phrase = phrase[:tail.start()]
        gov = governorate_in(text, nstart, pend)
        # "took to the streets of X": a crowd in X, not a place some victim was taken to
        excluded = not dwellers and t1 != "streets" and bool(_FROM_BEFORE.search(text, max(start, pstart - 40), pstart))
        after = (m.group("t2") or m.group("t3") or m.group("t4") or "").lower()
        settlement = not is_gov and t1 not in _AREA_TYPES
        if is_gov and after in ("city",):
            settlement = True
        rule = ("type word before" if t1 else "type word after" if m.group("t2")
                else "preposition " + (m.group("prep") or "").lower() + (", type word after" if m.group("t3") else ""))
        pos = max(pos, m.end())
        out.append(PlaceMention(pstart, pstart + len(phrase), phrase, name, gov[0] if gov else None,
                                settlement, excluded, rule))
    coded = [p for p in out if p.rule.lower().startswith("preposition coded")]
    if coded and coded[0] is not out[0]:
        out = coded[:1] + [p for p in out if p is not coded[0]]
    return tuple(out)
