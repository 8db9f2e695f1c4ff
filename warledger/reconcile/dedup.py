"""Cross-report deduplication: is a newly read incident the same event as one already in the ledger?  (What
the merged incident then says: :mod:`warledger.reconcile.merge`.)

Everything here works on *record dicts*: the contract's output line (``Incident.to_json(report_id)``)
plus ``record_id``, ``published`` and ``source``/``url`` of its report.  The ledger stores those
dicts, so the same functions serve the database and in-memory use.

Same incident (:func:`match_score` returns a score, ``None`` when nothing shows they are one event).
A merge needs positive evidence on place AND on date; a stub never merges (issue 11: records with no
place, no actor and a date with days of slack joined unrelated clusters):
- stub (:func:`stub_reason`): a record with no place or no date of its own is neither joiner nor host;
  so is one that is one of several events its text lists (:func:`several_places`).  One exception, with
  positive evidence: a dated record with no place whose report names, as whole words, the place of a
  placed record (:func:`text_names_place`: "a drone strike killed four yesterday" in a post tagged
  #Qamishli) may meet that record, never another place-less one; the merged incident says so
  ("W-DEDUP-TEXT-PLACE");
- place (:func:`place_evidence`): the same name in the text (transliterations of one name share a
  consonant skeleton: Ghwayran, Gweiran, Ghuwayran), the same gazetteer place between phrases in two
  scripts (an Arabic report meets an English one), or a close spelling with coordinates within
  :data:`NEAR_KM` at precision 1-2.  An area (governorate, district, "the countryside of Idlib") and an
  admin centroid standing in for a village the gazetteer lacks are no evidence; two different names,
  or one name far apart, are two places;
- date (:func:`date_evidence`): windows overlap, each widened by its own precision's slack (a day told
  relative to the publication may be off by one; week precision widens by days); a date known only to
  the month or as a span longer than :data:`MAX_SPAN_DAYS` is no evidence;
- compatible perpetrator (same actor1, or one unknown; Syrian and Russian air forces are often
  confused by monitors, so they are compatible for air strikes, at a cost) and event type (a clash and the
  strike or blast within it, as two sources tell one raid, at a cost: :data:`FIGHT_OR_BLAST`);
- compatible counts (a later report may raise a toll, but 2 and 40 are different events).
"""
from __future__ import annotations

import math
import re
from datetime import date, timedelta
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any, Callable, Iterable, Optional, Sequence

from warledger.geocode.normalize import skeleton as _consonants
from warledger.record import STANDOFF_SUB_EVENTS, iso_day, range_value

Rec = dict[str, Any]

NEAR_KM = 8.0
# how far a stated date may be from the true one, by ACLED time precision (1 day, 2 week, 3 month):
# two day-precise reports of one event name the same day (events on different days are different)
PRECISION_SLACK_DAYS = {1: 0, 2: 4, 3: 16}
DEFAULT_SLACK_DAYS = 0
RELATIVE_SLACK_DAYS = 1  # "yesterday" in a post written after midnight is two days back
_DIGIT = re.compile(r"[0-9\u0660-\u0669]")
# Perpetrators that monitors confuse with one another (whose jets? which coalition member?): same family.
ACTOR_FAMILY: dict[str, str] = {
    "Military Forces of Syria (2000-)": "pro-government air forces",
    "Military Forces of Russia (2000-)": "pro-government air forces",
    "Military Forces of the United States (2021-)": "anti-IS coalition",
    "Military Forces of the United States (2017-2021)": "anti-IS coalition",
    "Global Coalition Against Daesh": "anti-IS coalition",
    "QSD: Syrian Democratic Forces": "SDF and its core YPG",
    "YPG: Peoples Protection Units": "SDF and its core YPG",
}
REMOTE = STANDOFF_SUB_EVENTS

_AREA_WORDS = (r"villages?|towns?|city|cities|areas?|camps?|outskirts|neighbou?rhoods?|countryside|frontlines?|"
               r"front|axis|road|highway|vicinity|surroundings|district|sub-district|plain|mountains?|desert|farms?|"
               r"province|governorate|region|east|west|north|south|eastern|western|northern|southern")
_PLACE_CUT = re.compile(r"\s*(?:,|\(|\band\b|\bin\b|\bnear\b|\bon\b|\bof\b|\bbetween\b|\b(?:" + _AREA_WORDS + r")\b).*$", re.I)
_PLACE_LEAD = re.compile(r"^(?:(?:the|a)\s+)?(?:(?:" + _AREA_WORDS + r")\s+(?:of|in|near)\s+(?:the\s+)?)*", re.I)
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|at|an|ash|az|adh|ath)[\s\-]+", re.I)
_NONALPHA = re.compile(r"[^a-z\u0600-\u06ff]+")
_DOUBLED = re.compile(r"(.)\1")   # a doubled letter, written once by _key (compiled, and kept by a function rather
                                  # than an "\1" template, which re expands again for every match)


# Arabic place phrases: "مدينة #اعزاز في ريف حلب" -> "اعزاز".  The settlement words come from the Arabic
# lexicon (with ة written as ه, the way keys are folded), loaded on the first Arabic key: importing the
# extraction package at start-up would make every command (even --help) load all its lexicons.
@lru_cache(maxsize=1)
def _arabic_lexicon() -> tuple[Callable[[str], str], re.Pattern[str]]:
    from warledger.extract.arabic_lex import SETTLEMENTS, norm_word

    words = sorted({w.replace("ة", "ه") for w in SETTLEMENTS} | {"محيط", "اطراف", "سجن", "مشفي", "مستشفي"},
                   key=len, reverse=True)
    return norm_word, re.compile(r"^(?:(?:[وب]?(?:" + "|".join(words) + r"))\s+)+")


_AR_CUT = re.compile(r"\s+(?:في|بريف|ريف|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي|قرب|بالقرب|علي|من|ضمن|الواقعه|الواقع|"
                     r"التابعه|التابع)(?![\u0621-\u064a]).*$")
_AR_LETTER = re.compile(r"[\u0621-\u064a]")
_AR_ARTICLE = re.compile(r"^ال")


def _ar_fold(text: str) -> str:
    """Arabic words in the one spelling place keys compare: the lexicon's normalisation (hamza seats, alif
    maqsura, diacritics, tatweel) and ta marbuta as ha ("بلدة أطمة" -> "بلده اطمه")."""
    norm_word = _arabic_lexicon()[0]
    return norm_word(text).replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي")


@lru_cache(maxsize=1 << 16)   # pure; a ledger or a block planner asks for the same few thousand names again and again
def _key(name: str) -> Optional[str]:
    name = name.strip().lower()
    if _AR_LETTER.search(name):
        lead = _arabic_lexicon()[1]
        name = _ar_fold(name.replace("#", " "))
        name = _AR_ARTICLE.sub("", _AR_CUT.sub("", lead.sub("", name)).strip())
    name = _ARTICLE.sub("", name)
    key = _NONALPHA.sub("", name.replace("'", "").replace("\u2019", ""))
    # common transliteration variants: doubled letters, ou/u, ee/i
    key = _DOUBLED.sub(_first_group, key.replace("ou", "u").replace("ee", "i"))
    return key or None


def _first_group(m: re.Match[str]) -> str:
    return m.group(1)


def skeleton(key: str) -> str:
    """A place key's consonant skeleton, the geocoder's own (:func:`warledger.geocode.normalize.skeleton`), for
    matching spellings of one name: "ghwayranprison", "gweiranprison" and "ghuwayranprison" give one."""
    return _consonants(key) or key


def place_keys(rec: Rec) -> list[str]:
    """Every key the record's place can be known by: the text's phrase (:func:`place_key`) and, when the
    geocoder found that very place (geo_precision 1), the gazetteer's name for it.  The second lets an
    Arabic report of "مدينة اعزاز" meet an English one of "Azaz town"."""
    keys = [k for k in (place_key(rec),) if k]
    if rec.get("location") and rec.get("geo_precision") == 1:
        loc = _key(rec["location"])
        if loc and loc not in keys:
            keys.append(loc)
    return keys


def lookup_keys(rec: Rec) -> tuple[Optional[str], Optional[str]]:
    """The keys a ledger indexes an incident's place by, to find candidates quickly: the skeletons of
    the text's phrase and (when the geocoder found that very place) of the gazetteer name.  A record
    looks up the skeletons of all its :func:`place_keys` in both."""
    keys = place_keys(rec)
    first = skeleton(keys[0]) if keys else None
    second = skeleton(keys[1]) if len(keys) > 1 else None
    return first, second


def place_key(rec: Rec) -> Optional[str]:
    """A normalised name for the place: the toponym of the text's phrase (what the report says), else
    the gazetteer name.  "al-Sahara village in the western countryside of Aleppo" -> "sahara";
    "the frontline of Fleifel" -> "fleifel"; "Kafr Nabl" -> "kafrnabl"; "مدينة #اعزاز في ريف حلب" -> "اعزاز".

    The phrase comes first because a geocoder that cannot find a village falls back to its district
    or governorate, and two villages must not become one place that way."""
    phrase, name = rec.get("place_phrase"), rec.get("location")
    return _phrase_key(phrase if isinstance(phrase, str) else None, name if isinstance(name, str) else None)


def one_line(phrase: str) -> str:
    """A place phrase with every run of white space (newlines included) as one space, trimmed: the cutting patterns
    below then cost time linear in the phrase (a hostile phrase with thousands of blank lines made their leading
    ``\\s*``/``\\s+`` retry at every blank: seconds per phrase, for every candidate of every record)."""
    return " ".join(phrase.split())


@lru_cache(maxsize=1 << 16)   # pure, and asked for the same phrases again and again
def _phrase_key(phrase: Optional[str], name: Optional[str]) -> Optional[str]:
    if phrase:
        key = _key(_PLACE_CUT.sub("", _PLACE_LEAD.sub("", one_line(phrase))))
        if key:
            return key
    return _key(name) if name else None


@lru_cache(maxsize=1 << 16)
def _same_key(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) >= 5 and len(b) >= 5 and (a.startswith(b) or b.startswith(a)):
        return True
    if len(a) >= 5 and len(b) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.85:
        return True
    sa = skeleton(a)
    return len(sa) >= 4 and sa == skeleton(b)




def date_is_relative(rec: Rec) -> bool:
    """True when the record's day comes from words relative to the publication ("yesterday", "on
    Sunday", "اليوم"), not from a stated day number: such a day inherits the uncertainty of when the
    report was posted (after midnight, another time zone), so it may be off by one."""
    if "date_relative" in rec:
        return bool(rec["date_relative"])
    said = [e.get("text") or "" for e in rec.get("evidence") or () if e.get("field") == "event_date"]
    return bool(said) and not any(_DIGIT.search(t) for t in said)


def date_window(rec: Rec) -> Optional[tuple[date, date]]:
    """The days the event may have happened on, widened by the record's own precision (and by a day
    when a day-precise date is only relative to the publication: :func:`date_is_relative`)."""
    return _window(rec, told_by(rec))


def _window(rec: Rec, told: Optional[date]) -> Optional[tuple[date, date]]:
    """:func:`date_window` for a caller that has the record's :func:`told_by` already."""
    prec = rec.get("time_precision") or 0
    days = PRECISION_SLACK_DAYS.get(prec, DEFAULT_SLACK_DAYS)
    if prec == 1 and date_is_relative(rec):
        days = RELATIVE_SLACK_DAYS
    slack = timedelta(days=days)
    rng = rec.get("date_range")
    lo = hi = None
    if rng and len(rng) == 2:
        lo, hi = iso_day(rng[0]), iso_day(rng[1])
    d = iso_day(rec.get("event_date"))
    lo = lo or d
    hi = hi or d
    if lo is None or hi is None:
        return None
    if hi < lo:
        lo, hi = hi, lo
    lo, hi = lo - slack, hi + slack
    if told is not None and lo <= told + _AFTER_REPORT < hi:
        hi = told + _AFTER_REPORT
    return lo, hi


# a record whose day is only its report's date ("W-DATE-REPORT: ... the report's date 2024-12-04 is used"):
# the event happened on or before that day, never days after it (a day's margin: the report's date may be
# in another time zone than the event's)
_REPORT_DATE = re.compile(r"^W-DATE-REPORT:.*?\b(\d{4}-\d{2}-\d{2})\b")
_AFTER_REPORT = timedelta(days=RELATIVE_SLACK_DAYS)


def told_by(rec: Rec) -> Optional[date]:
    """The earliest report date a record (or a merged incident, which keeps its members' problems) took as its
    event date because the text states none; None when its date is stated.  The event is not after it: a week-
    precise date widens only backwards from it (:func:`date_window`), so the strikes of a busy city on the days
    after a report stay apart from it."""
    days = [iso_day(m.group(1)) for m in (_REPORT_DATE.match(str(p)) for p in rec.get("problems") or ()) if m]
    known = [d for d in days if d is not None]
    return min(known) if known else None


def km_between(a: Rec, b: Rec) -> Optional[float]:
    try:
        la1, lo1, la2, lo2 = (float(a["latitude"]), float(a["longitude"]), float(b["latitude"]), float(b["longitude"]))
    except (KeyError, TypeError, ValueError):
        return None
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def is_area(rec: Rec) -> bool:
    """True when the record's place is only an area (governorate, district, countryside) or unknown.

    A phrase naming a village the gazetteer lacks ("Jdid Ekeidat town in Deir ez Zor countryside",
    geocoded to the governorate) is still a named place: only the geocoding is vague."""
    key = place_key(rec)
    if not key:
        return True
    areas = {_key(rec[k]) for k in ("admin1", "admin2") if rec.get(k)}
    gp = rec.get("geo_precision")
    if gp is not None and gp >= 3 and rec.get("location"):
        areas.add(_key(rec["location"]))
    return any(a and (a == key or _same_key(a, key)) for a in areas)


def precise_point(rec: Rec) -> bool:
    """True when the record's coordinates are the place itself or near it (ACLED geo_precision 1-2), not
    an admin unit's centroid or capital standing in for a place the gazetteer lacks."""
    return rec.get("latitude") is not None and rec.get("geo_precision") in (1, 2)


def _same_name(a: str, b: str) -> bool:
    """One place name for certain: the same key or the same consonant skeleton (transliterations of one name)."""
    if a == b:
        return True
    sa = skeleton(a)
    return len(sa) >= 4 and sa == skeleton(b)


def _script(key: str) -> str:
    return "arabic" if _AR_LETTER.search(key) else "latin"


def place_evidence(a: Rec, b: Rec) -> tuple[Optional[bool], str]:
    """Whether two records are at one place: (True, why) on positive evidence, (False, why) when they are
    at different places, (None, why) when nothing shows they are at one place.

    Positive evidence: the same place name (key or consonant skeleton: "Ghwayran", "Gweiran"), or the same
    gazetteer place (geo_precision 1, so an Arabic report meets an English one), or a close spelling of
    the name with coordinates within :data:`NEAR_KM` at precision 1-2.  The gazetteer's name counts only
    between phrases in different scripts: two same-script names that are no spellings of one another are
    two places even when the geocoder matched both to one entry.  Coordinates that are only an admin
    unit's centroid (precision 3) are no evidence: two villages the gazetteer lacks share them.  A place
    that is only an area (a governorate, a district, "the countryside of Idlib") is no evidence either:
    many events happen in one area on one day.  Two different names, or the same name more than
    :data:`NEAR_KM` apart at precision 1-2 (two villages of one name), are different places."""
    if is_area(a) or is_area(b):
        return None, "only an area on one side"
    if several_places(a) or several_places(b):
        return None, "one side's text lists several places"
    return named_place_evidence(a, b)


def named_place_evidence(a: Rec, b: Rec) -> tuple[Optional[bool], str]:
    """:func:`place_evidence` of two records already known to be named places (neither :func:`is_area` nor one of
    :func:`several_places`): for a caller that worked those out once per record."""
    km = km_between(a, b) if precise_point(a) and precise_point(b) else None
    return names_evidence(place_keys(a), place_keys(b), km)


def names_evidence(ka: Sequence[str], kb: Sequence[str], km: Optional[float]) -> tuple[Optional[bool], str]:
    """:func:`named_place_evidence` from each record's :func:`place_keys` and the distance between their precise
    points (None unless both are :func:`precise_point`), for a caller that stored those (the pair finder)."""
    if km is not None and km > NEAR_KM:
        return False, f"{km:.0f} km apart"
    if ka and kb and _script(ka[0]) == _script(kb[0]) and not (_same_name(ka[0], kb[0]) or _same_key(ka[0], kb[0])):
        # two names in one script that are no spellings of one another: different places, even when the
        # geocoder took both for one gazetteer entry (a fuzzy match of a name it lacks)
        return False, "different place names"
    if any(_same_name(x, y) for x in ka for y in kb):
        return True, "same place name"
    if any(_same_key(x, y) for x in ka for y in kb):
        if km is not None:
            return True, f"similar names {km:.1f} km apart"
        return None, "similar names, no precise coordinates to confirm them"
    return False, "different place names"


# the problem codes extraction gives a record that is one of several events its text lists: a clause that
# names several places (warledger.extract.incidents.place_list) and an ACLED note that shares its fatalities
# out over several coded events (warledger.extract.acled)
ONE_OF_SEVERAL = ("W-PLACE-LIST", "W-SPLIT-CODING")


def several_places(rec: Rec) -> bool:
    """True when the record is one of several events its text lists ("in Karama, Hamrat Nasir and Jdaidat
    towns"; "fatalities split, 5 each, between the two locations") and carries only one place: the event
    may be at any of them, so its place is no one place."""
    return any(str(p).startswith(ONE_OF_SEVERAL) for p in rec.get("problems") or ())


# ---------------------------------------------------------------- a place named only in the report's text

TEXT_KEY = "_text_words"  # transient: the report's words (:func:`text_words`), set by the ledger, never stored
_WORD_SEP = re.compile(r"[^a-z\u0621-\u064a]+")
MIN_NAME_LETTERS = 4


def text_words(text: str) -> str:
    """A report's text as lower-case words between single spaces (and one at each end), for whole-word
    search of a place name: "#Qamishli, yesterday" -> " qamishli yesterday "; Arabic words folded as place keys
    fold them (:func:`_ar_fold`: "في أطمة" -> " في اطمه "), so a name matches however its hamza is written."""
    if _AR_LETTER.search(text):
        text = _ar_fold(text)
    return " " + _WORD_SEP.sub(" ", text.lower()).strip() + " "


def toponym_words(rec: Rec) -> Optional[str]:
    """The words of the record's place name (the toponym of its phrase, as :func:`place_key` cuts it, or
    the gazetteer name), in the form of :func:`text_words` without the end spaces; None when shorter than
    :data:`MIN_NAME_LETTERS` letters: "the town of Tall Tamr" -> "tall tamr"."""
    phrase = rec.get("place_phrase") or rec.get("location")
    if not phrase:
        return None
    phrase = one_line(phrase)
    if _AR_LETTER.search(phrase):
        name = _AR_CUT.sub("", _arabic_lexicon()[1].sub("", _ar_fold(phrase.replace("#", " ")))).strip()
    else:
        name = _PLACE_CUT.sub("", _PLACE_LEAD.sub("", phrase))
    words = text_words(name).strip()
    return words if len(words.replace(" ", "")) >= MIN_NAME_LETTERS else None


def text_place_pair(a: Rec, b: Rec) -> Optional[tuple[Rec, Rec]]:
    """(placeless, placed) when one record names no place of its own but carries its report's words
    (:data:`TEXT_KEY`) and the other is a record with one named place (no stub, no area, not one of a
    list); else None."""
    for x, y in ((a, b), (b, a)):
        if (stub_reason(x) == "no place" and x.get(TEXT_KEY) and not several_places(x)
                and stub_reason(y) is None and not is_area(y) and not several_places(y)):
            return x, y
    return None


def text_names_place(placeless: Rec, placed: Rec) -> bool:
    """True when the report of ``placeless`` names, as whole words, the place of ``placed``: positive
    evidence of the place for a record whose own sentence names none ("a Turkish drone strike killed
    four people yesterday" in a post tagged #Qamishli)."""
    name = toponym_words(placed)
    return bool(name) and f" {name} " in (placeless.get(TEXT_KEY) or "")


def _told_by(rec: Rec) -> str:
    """The report(s) a record or an incident (which has no ``report_id``, only ``reports``) comes from."""
    ids = [rec["report_id"]] if rec.get("report_id") else [str(r) for r in rec.get("reports") or ()]
    return ", ".join(ids) or "(unknown)"


def text_place_note(rec: Rec, inc: Rec) -> str:
    """The problem a record carries when it joined an incident through :func:`text_names_place`."""
    pair = text_place_pair(rec, inc)
    placeless, placed = pair if pair is not None else (rec, inc)
    return (f"W-DEDUP-TEXT-PLACE: the record of report {_told_by(placeless)} names no place of its own; it was "
            f"merged with the record of report {_told_by(placed)} at {placed.get('place_phrase') or placed.get('location')!r} "
            f"because its report names that place, on a compatible date, with a compatible perpetrator and toll. "
            f"Check the place, or split the incident if they are two events")


def stub_reason(rec: Rec) -> Optional[str]:
    """Why a record may take part in no merge (as joiner or as host), or None: a record with no place,
    or no date of its own, matches anything by default, and such stubs chained unrelated events."""
    if not place_key(rec):
        return "no place"
    if date_window(rec) is None:
        return "no date"
    return None


MAX_SPAN_DAYS = 7  # a date known only as a span longer than a week ("since the 2nd", a month) is no evidence


def _span_days(rec: Rec) -> Optional[int]:
    """How many days the record's stated date spans (0 for one day), before any slack; None when undated."""
    rng = rec.get("date_range")
    lo, hi = (iso_day(rng[0]), iso_day(rng[1])) if rng and len(rng) == 2 else (None, None)
    d = iso_day(rec.get("event_date"))
    lo, hi = lo or d, hi or d
    return abs((hi - lo).days) if lo and hi else None


# the widest date window a record can have and still be date evidence: a span of MAX_SPAN_DAYS widened on
# each side by the largest slack of a precision that counts (day or week) or of a relative date
MAX_EVIDENCE_WINDOW_DAYS = MAX_SPAN_DAYS + 2 * max(PRECISION_SLACK_DAYS[1], PRECISION_SLACK_DAYS[2],
                                                   RELATIVE_SLACK_DAYS)


def can_ever_match(rec: Rec) -> bool:
    """False when no incident could ever match this record (so the ledger need not look): an aggregate
    claim, a stub, a date too vague to be evidence, or one of several places a text lists.  The same
    tests run inside :func:`match_score`; this only saves the lookup."""
    if rec.get("kind", "incident") != "incident" or several_places(rec):
        return False
    stub = stub_reason(rec)
    if stub and not (stub == "no place" and rec.get(TEXT_KEY)):
        return False
    span = _span_days(rec)
    return (rec.get("time_precision") or 0) < 3 and span is not None and span <= MAX_SPAN_DAYS


def date_evidence(a: Rec, b: Rec) -> tuple[Optional[bool], str]:
    """Whether two records can be of one day: (True, why) when their windows (:func:`date_window`, each
    widened by its precision's slack) overlap and neither date is known only to the month or as a span
    longer than :data:`MAX_SPAN_DAYS`; (False, why) when the windows are apart; (None, why) when one
    date is too vague to tell."""
    ta, tb = told_by(a), told_by(b)  # each read once: the windows and the test below both need them
    wa, wb = _window(a, ta), _window(b, tb)
    if wa is None or wb is None:
        return None, "no date on one side"
    if wa[0] > wb[1] or wb[0] > wa[1]:
        return False, "different dates"
    if ta is not None and tb is not None and abs((ta - tb).days) > RELATIVE_SLACK_DAYS:
        return None, "both dated only by reports published days apart"
    for r in (a, b):
        span = _span_days(r)
        if (r.get("time_precision") or 0) >= 3 or span is None or span > MAX_SPAN_DAYS:
            return None, f"a date known only to the month or within more than {MAX_SPAN_DAYS} days"
    return True, "overlapping dates"


def killed_best(rec: Rec) -> Optional[int]:
    """Best single figure of deaths: fatalities, else the civilians or the total."""
    if rec.get("fatalities") is not None:
        return int(rec["fatalities"])
    k = rec.get("killed") or {}
    return range_value(k.get("total")) or range_value(k.get("civilians"))


def counts_compatible(a: Optional[int], b: Optional[int]) -> bool:
    """Tolls may rise between reports, but a one-death strike is not a forty-death massacre."""
    if a is None or b is None:
        return True
    lo, hi = min(a, b), max(a, b)
    if lo == 0:
        return hi <= 3
    return hi - lo <= 4 or hi <= 3 * lo


def actor_relation(a: Rec, b: Rec) -> Optional[float]:
    """1 same perpetrator, 0 unknown on one side, < 0 compatible at a cost, None incompatible.

    The same clash is reported from either side, so one report's actor1 may be the other's actor2."""
    x, y = a.get("actor1"), b.get("actor1")
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    fx, fy = ACTOR_FAMILY.get(x), ACTOR_FAMILY.get(y)
    if fx is not None and fx == fy:
        return -0.5
    if x == b.get("actor2") or y == a.get("actor2"):
        return 0.0
    return None


def type_relation(a: Rec, b: Rec) -> Optional[float]:
    """1 same sub-event type, 0 unknown or both remote violence (air strike vs shelling), < 0 compatible
    at a cost (a strike one monitor calls an attack on civilians), None different kinds of event."""
    x, y = a.get("sub_event_type"), b.get("sub_event_type")
    if not x or not y:
        return 0.0
    if x == y:
        return 1.0
    if x in REMOTE and y in REMOTE:
        return 0.0
    if {x, y} & REMOTE and {x, y} & {"Attack"}:
        return -0.5
    if a.get("event_type") and a.get("event_type") == b.get("event_type"):
        return -0.5
    return None


CODED_RULE = "coding:"   # the evidence rule of a note's coder's line ("2 fatalities."): extract/acled.py
CODED_KEY = "coded"       # in a stored record, an incident's line and its match data: a coded dataset's row


def coded_row(rec: Rec) -> bool:
    """Whether ``rec`` (a record, or an incident's line or match data) is a row of a coded event dataset: a record
    the ledger stored from such an input, as the input said (``Report.coded``: :mod:`warledger.ingest.kinds`; marked
    ``coded`` by the store), never as its body reads: a one-line news text that reads like a note, even with a
    coder's line ("2 fatalities."), is a report like any other.  ACLED's codebook makes each row one event, its
    coders having already brought every source of that event into it, so two such rows are two events, however
    alike (same day, same village, same toll): merging them loses the deaths of one.  A monitor's reports of those
    events still merge with either row."""
    return bool(rec.get(CODED_KEY))


def match_score(rec: Rec, inc: Rec) -> Optional[float]:
    """How well a new record fits an existing (merged) incident; ``None`` when nothing shows they are one
    event.  A merge needs positive evidence on place (:func:`place_evidence`) and on date
    (:func:`date_evidence`), compatible perpetrators, event types and tolls; a stub (:func:`stub_reason`)
    never merges."""
    if rec.get("kind", "incident") != "incident" or inc.get("kind", "incident") != "incident":
        return None
    if rec.get("report_id") in (inc.get("reports") or [inc.get("report_id")]):
        return None  # one report never states the same incident twice as separate records
    if coded_row(rec) and coded_row(inc):
        return None  # two rows of a coded event dataset: its coders already told them apart
    same_place: Optional[bool]
    if stub_reason(rec) or stub_reason(inc):  # a stub merges only through a place its report names
        pair = text_place_pair(rec, inc)
        if pair is None or not text_names_place(*pair):
            return None
        same_place, why_place = True, TEXT_PLACE
    else:
        same_place, why_place = place_evidence(rec, inc)
    if not same_place or not date_evidence(rec, inc)[0]:
        return None
    actor = actor_relation(rec, inc)
    kind = type_relation(rec, inc)
    if actor is None or kind is None:
        return None
    ka, kb = killed_best(rec), killed_best(inc)
    if not counts_compatible(ka, kb):
        return None
    score = 2.0 + {"same place name": 4.0, TEXT_PLACE: 2.0}.get(why_place, 3.0) + actor + kind
    if ka is not None and kb is not None:
        score += 1.0 if ka == kb else 0.5
    return score


TEXT_PLACE = "the place-less record's report names the place"


def best_match(rec: Rec, candidates: Iterable[Rec]) -> Optional[Rec]:
    """The incident ``rec`` belongs to (the best-scoring compatible one; ties: the one whose window starts first,
    then the smallest incident id: content, not the order the candidates arrived in), or None."""
    best: Optional[tuple[float, tuple[str, str], Rec]] = None
    for inc in candidates:
        s = match_score(rec, inc)
        if s is None:
            continue
        win = date_window(inc)
        key = (win[0].isoformat() if win else "", str(inc.get("incident_id") or ""))
        if best is None or s > best[0] or (s == best[0] and key < best[1]):
            best = (s, key, inc)
    return best[2] if best else None


# ---------------------------------------------------------------- measuring

def pairwise_scores(gold: Iterable[Iterable[str]], predicted: Iterable[Iterable[str]]) -> dict[str, float]:
    """Pairwise precision, recall and F1 of a clustering of items (e.g. report ids) against gold.

    ``gold`` and ``predicted`` are collections of clusters (sets of item ids).  A pair of items is
    positive when some cluster holds both; an item may sit in several gold clusters (a text linked to
    two incidents).  Only items that appear in ``gold`` are scored.
    """
    def pairs(clusters: Iterable[Iterable[str]], keep: Optional[set[str]] = None) -> set[tuple[str, str]]:
        out: set[tuple[str, str]] = set()
        for c in clusters:
            items = sorted({x for x in c if keep is None or x in keep})
            for i, a in enumerate(items):
                for b in items[i + 1:]:
                    out.add((a, b))
        return out

    gold = [list(c) for c in gold]
    universe = {x for c in gold for x in c}
    g = pairs(gold)
    p = pairs(predicted, universe)
    tp = len(g & p)
    prec = tp / len(p) if p else (1.0 if not g else 0.0)
    rec = tp / len(g) if g else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "gold_pairs": float(len(g)),
            "predicted_pairs": float(len(p)), "true_pairs": float(tp)}
