"""Assembling Incident records from a report: clauses -> incidents and aggregate claims.

See :func:`extract_incidents`.  Each clause (see :mod:`segment`) that states casualties, damage or a
strike count, or names an event at a settlement, becomes a record; a clause that tallies a period
("since the second of this month", "in 5 days") or is followed by its breakdown ("they are ...") is an
``aggregate``; the clauses of its breakdown are its parts and inherit its dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Hashable, Optional

from warledger.extract import actors as actors_mod
from warledger.extract import classify as classify_mod
from warledger.extract.casualties import NEGATION, Group
from warledger.extract.damage import find_damage
from warledger.extract.dates import DATE_NOT_STATED, MONTH_PATTERN, DateMention
from warledger.extract.numbers import PLAUSIBLE_BOUND, QUANTITY, count_date_part, quantity_of
from warledger.extract.places import PlaceMention, governorate_in
from warledger.extract.segment import Sentence, bound_to_paragraph
from warledger.extract.spans import ByStart, KeyIndex, Paragraphs
from warledger.record import (GROUND_SUB_EVENTS, STANDOFF_SUB_EVENTS, Damage, GroupCount, Incident, Place, Range,
                              Report)
from warledger.extract.scanner import guarded
from warledger.extract.needs import Needing

# a date written between an article and the strike noun ("a 2019 airstrike", "a Dec. 3 strike", "a 4 May 2021 raid")
# qualifies the strike: the article is the count (after a number, "3 2019 strikes", it is read as no count)
_DATE_MODIFIER = (r"(?:(?:19|20)\d\d|(?=[A-Z])(?i:{m})\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|"
                  r"\d{{1,2}}(?:st|nd|rd|th)?\s+(?=[A-Z])(?i:{m})(?:,?\s+(?:19|20)\d\d)?|(?=[A-Z])(?i:{m})\s+(?:19|20)\d\d)"
                  ).format(m=MONTH_PATTERN)
STRIKES = Needing(guarded(bound_to_paragraph(re.compile(r"(?<![\w-])%s\s+(?:(?P<when>%s)\s+)?(?:(?:Russian|Turkish|Israeli|regime|American|Syrian|coalition|drone|air|aerial|"
                     r"artillery|rocket|missile|mortar|heavy|guided|barrel|cluster|precision|military|separate|"
                     r"more|other|new|violent|intensive|consecutive)[\s-]+){0,3}"
                     r"(?P<what>air\s*strikes|airstrikes|strikes|raids|air\s*raids|shells|rockets|missiles|barrel\s+bombs|"
                     r"sorties|bombs|projectiles|mortars|shelling|bombardments|attacks|air\s*strike|airstrike|strike|"
                     r"raid|shell|rocket|missile|barrel\s+bomb)\b" % (QUANTITY, _DATE_MODIFIER), re.I))))
TALLY = Needing(guarded(bound_to_paragraph(re.compile(r"\b(?:since(?!\s+(?:the\s+)?(?:(?:very\s+)?early\s+hours|dawn|daybreak|(?:this|the)\s+(?:morning|afternoon|evening)|morning|midnight|last\s+night|noon|sunrise))|so\s+far|in\s+total|total(?:\s+number)?|overall|death\s+toll\s+since|"
                    r"during\s+the\s+(?:past|last)|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last)|this\s+year|"
                    r"several\s+areas|the\s+number\s+of|across\s+(?:Syria|the\s+country)|daily\s+(?:death\s+)?toll|in\s+less\s+than|"
                    r"monthly|distribution|(?:these|those|the\s+total|such)\s+(?:attacks|strikes|operations|incidents))\b", re.I))))
_TOLL_RISE = Needing(bound_to_paragraph(re.compile(r"\b(?:death\s+)?toll\s+(?:is\s+)?(?:expected|likely|set|feared|could|may)\s+(?:to\s+)?(?:rise|increase|climb)|"
                        r"toll\s+(?:might|may|could|will)\s+(?:rise|increase)|critical\s+(?:condition|situation)|"
                        r"seriously\s+(?:injured|wounded)", re.I)))
_FACTION_AFTER = bound_to_paragraph(re.compile(r"\s+(?:of|from|belonging\s+to|affiliated\s+(?:with|to))\s+(?:the\s+)?(?:so-called\s+)?"
                            r"[“\"]?(?P<f>(?:(?:al|el)[-\s])?[A-Z][\w’'\-]*(?:\s+(?:(?:al|el)[-\s])?[A-Z][\w’'\-]*){0,5})[”\"]?"
                            r"|\s+of\s+[“\"](?P<q>[^”\"]{2,40})[”\"]"))
_FACTION_GENERIC = re.compile(r"^(?:the\s+)?(?:rebel|islamic|regime|opposition|same|one|Russian|Syrian|Turkish)\b", re.I)
CATS = ("total", "civilians", "children", "women", "men", "fighters")


@dataclass(slots=True)
class Clause:
    start: int
    end: int
    sentence: Sentence
    groups: list[Group] = field(default_factory=list)
    aggregate: bool = False
    parent: Optional["Clause"] = None
    record: Optional[Incident] = None


def _add(a: Optional[Range], b: Optional[Range]) -> Optional[Range]:
    if a is None:
        return b
    if b is None:
        return a
    def f(x: Optional[int], y: Optional[int]) -> Optional[int]:
        return x + y if x is not None and y is not None else None
    return Range(f(a.low, b.low), f(a.best, b.best), f(a.high, b.high))


def _faction(text: str, g: Group, end: int, mentions: list[actors_mod.ActorMention]) -> Optional[str]:
    for a in mentions:  # the group's own words name its side: "3 regime soldiers"
        if g.start <= a.start < g.end and a.kind == "armed":
            return a.faction or a.name
    for a in mentions:  # else a side named after it, before the next count: "2 fighters of HTS"
        if g.end <= a.start < min(end, g.end + 80) and a.faction:
            return a.faction
    m = _FACTION_AFTER.match(text, g.end, min(end, g.end + 80))
    if m:
        f = (m.group("f") or m.group("q") or "").strip()
        f = re.sub(r"^(?:al|el)[-\s]", "", f)
        f = re.sub(r"\s+(?:faction|group|movement|militia|forces)$", "", f, flags=re.I)
        if f and not _FACTION_GENERIC.match(f) and len(f) > 2:
            return f
    return None


def set_counts(inc: Incident, text: str, clause: Clause, mentions: list[actors_mod.ActorMention]) -> None:
    """Set the record's counts (and faction groups) from the clause's casualty groups, with their evidence."""
    for g in clause.groups:
        if g.status is None:
            continue
        counts = inc.killed if g.status == "killed" else inc.injured
        base = f"{g.status}."
        if g.range is None:
            inc.problems.append(f"W-COUNT-VAGUE: {g.status} count not stated as a number: {text[g.start:g.end]!r}")
            continue
        if g.mixed:
            inc.problems.append(f"W-COUNT-MIXED: {g.status}: one figure counts two groups of people together "
                                f"({text[g.start:g.full_end][:60]!r}); neither is stated alone: left null")
        cats = [g.category]
        if g.category in ("children", "women", "men") and not any(
                x.category in ("civilians", "fighters") and x.status == g.status for x in clause.groups):
            cats.append("civilians")
        for c in cats:
            counts.set(c, _add(counts.get(c), g.range))
            inc.add_evidence(base + c, text, g.start, g.end, g.rule)
        if g.category == "fighters":
            nxt = [x.start for x in clause.groups if x.start > g.start]
            fac = _faction(text, g, min([clause.end] + nxt), mentions)
            if fac:
                groups = inc.killed_groups if g.status == "killed" else inc.injured_groups
                groups.append(GroupCount(fac, g.range))
                inc.add_evidence(base.rstrip(".") + "_groups", text, g.start, g.end, "faction after count")
        for s in g.subs:
            if s.range is None or (s.category in ("total", "fighters") or (s.category == "civilians" and g.category != "total")):
                continue
            counts.set(s.category, _add(counts.get(s.category), s.range))
            inc.add_evidence(base + s.category, text, s.start, s.end, "sub-count (not added)")


def set_place(inc: Incident, text: str, places: list[PlaceMention], clause: Clause, aggregate: bool) -> Optional[str]:
    """Set the record's place from the clause's place mentions; returns a W-PLACE-LIST problem for the caller
    to add when the clause names several places (:func:`place_list`)."""
    inside = [p for p in places if clause.start <= p.start < clause.end and not p.excluded]
    pick: Optional[PlaceMention] = None
    if not aggregate:
        pick = next((p for p in inside if p.settlement), None)
    if pick is None:
        pick = next(iter(inside), None)
    if pick is None:
        return None
    gov = pick.governorate
    if gov is None:
        g = governorate_in(text, clause.sentence.start, clause.sentence.end)
        gov = g[0] if g else None
    inc.place = Place(phrase=pick.phrase, name=pick.name, governorate=gov, admin1=gov)  # country: the report's
    inc.add_evidence("location", text, pick.start, pick.end, "place: " + pick.rule)
    several = place_list(inside)
    if not several:
        return None
    return (f"{PLACE_LIST_CODE}: the clause names {len(several)} places ({', '.join(several)}): the event is at "
            "one or all of them; the first is given")


PLACE_LIST_CODE = "W-PLACE-LIST"  # a record whose place is one of several the text lists (dedup: no one place)


def place_list(mentions: list[PlaceMention]) -> list[str]:
    """The places a clause lists when it names more than one: two or more settlements ("in Karama, Hamrat
    Nasir and Jdaidat towns") or places in two or more governorates ("in Tabni badia in Deir ez Zor
    countryside, and Maadan badia in Ar Raqqa countryside"); else an empty list."""
    from warledger.extract.places import norm

    names: dict[str, str] = {}
    for p in mentions:
        if p.settlement and norm(p.name) not in names:
            names[norm(p.name)] = p.name
    govs = {p.governorate for p in mentions if p.governorate}
    if len(names) >= 2:
        return list(names.values())
    if len(govs) >= 2:
        return [p.name for p in mentions]
    return []


def set_date(inc: Incident, text: str, d: Optional[DateMention], how: str = "") -> None:
    """Set the record's event date (a day, else a range) from the date mention ``d``, with its evidence (``how``
    prefixes the rule)."""
    if d is None:
        return
    if d.day is not None:
        inc.event_date = d.day.isoformat()
        inc.date_range = (d.day.isoformat(), d.day.isoformat())
        inc.time_precision = 1
    else:
        inc.date_range = (d.earliest.isoformat(), d.latest.isoformat())
        inc.time_precision = d.precision
        inc.problems.append(f"W-DATE-RANGE: event date only known as a range {d.earliest.isoformat()}..{d.latest.isoformat()}")
    inc.add_evidence("event_date", text, d.start, d.end, "date: " + how + d.rule)


ASSOC_FIELDS = ("assoc_actor_1", "assoc_actor_2")


def classify_into(inc: Incident, text: str, start: int, end: int) -> None:
    """Copy the sibling classifier's and actor finder's answers for ``text[start:end]`` into ``inc``."""
    ev = classify_mod.classify_event(text, start, end)
    if ev is not None:
        inc.event_type, inc.sub_event_type, inc.weapon = ev.event_type, ev.sub_event_type, ev.weapon
        inc.add_evidence("sub_event_type", text, ev.start, ev.end, ev.rule)
        if ev.weapon:
            inc.add_evidence("weapon", text, ev.start, ev.end, ev.rule)
    a1, a2 = actors_mod.assign_actors(text, start, end, ev)
    if a1 is not None:
        inc.actor1 = a1.name
        inc.add_evidence("actor1", text, a1.start, a1.end, a1.rule)
    if a2 is not None:
        inc.actor2 = a2.name
        inc.add_evidence("actor2", text, a2.start, a2.end, a2.rule)
    inc.evidence = [x for x in inc.evidence if x.field not in ASSOC_FIELDS]
    for f, found in zip(ASSOC_FIELDS, actors_mod.associates(text, start, end, a1, a2)):
        setattr(inc, f, [m.name for m in found])
        for m in found:
            inc.add_evidence(f, text, m.start, m.end, "associate: " + m.rule)


def _negation(inc: Incident, text: str, start: int, end: int) -> bool:
    found = False
    for m in NEGATION.finditer(text, start, end):
        words = " ".join(w for w in (m.group("what"), m.group("what2"), m.group("n1"), m.group("n2")) if w).lower()
        whole = m.group(0).lower()
        injured = "injur" in words or "injur" in whole or "hurt" in whole
        killed = not ("injur" in words and "fatal" not in words and "death" not in words and "casualt" not in words) \
            or "fatal" in whole or "death" in whole
        if "casualt" in words or "losses" in words or "victims" in words or "causalit" in words:
            injured = killed = True
        if killed and inc.killed.total is None and inc.killed.is_empty():
            inc.killed.total = Range.exact(0)
            inc.add_evidence("killed.total", text, m.start(), m.end(), "negation")
            found = True
        if injured and inc.injured.total is None and inc.injured.is_empty():
            inc.injured.total = Range.exact(0)
            inc.add_evidence("injured.total", text, m.start(), m.end(), "negation")
            found = True
    return found


def build_record(report: Report, clause: Clause, places: list[PlaceMention], dates: list[DateMention],
                 inherited: Optional[DateMention], paras: Optional[Paragraphs] = None) -> Optional[Incident]:
    """The record one clause states, or None when it states nothing countable or locatable.  ``places`` and
    ``dates`` may be :class:`~warledger.extract.spans.ByStart` lists and ``paras`` the text's blank lines: the
    lookups then cost a bisection, not a pass over the report."""
    text = report.text
    by_place: ByStart[PlaceMention] = places if isinstance(places, ByStart) else ByStart(places)
    by_date: ByStart[DateMention] = dates if isinstance(dates, ByStart) else ByStart(dates)
    paras = paras if paras is not None else Paragraphs(text)
    s, e = clause.start, clause.end
    inc = Incident(kind="aggregate" if clause.aggregate else "incident", span=(s, e))
    # the clause's actors name the side of a count of fighters ("3 regime soldiers"); most clauses count none and
    # give no record, so their actors are read only when a record is built (classify_into)
    fighters = any(g.status is not None and g.category == "fighters" for g in clause.groups)
    set_counts(inc, text, clause, actors_mod.find_actors(text, s, e) if fighters else [])
    negated = _negation(inc, text, s, e)
    not_counts: list[str] = []
    for sm in STRIKES.finditer(text, s, e):
        why = count_date_part(sm)
        if why is None and sm.group("when") and (sm.group("num") or "").lower() not in ("a", "an", "one"):
            why = f"{sm.group('when')!r} is a date"
        if why is not None:  # "a 2019 airstrike", "the Aug. 29 drone strike": a date; a count may follow
            not_counts.append(f"W-STRIKE-YEAR: in {sm.group(0).strip()!r} {why}, not a count of strikes")
            continue
        q = quantity_of(sm)
        if q.range is not None:
            inc.strikes = q.range
            inc.add_evidence("strikes", text, sm.start(), sm.end(), "count of " + re.sub(r"\s+", " ", sm.group("what").lower()))
        break
    for dm in find_damage(text, s, e):
        inc.damage.append(Damage(dm.object, dm.effect))
        inc.add_evidence("damage", text, dm.start, dm.end, "facility hit")
        if dm.effect_span:
            inc.add_evidence("damage", text, dm.effect_span[0], dm.effect_span[1], "damage effect")
    several = set_place(inc, text, by_place.within(clause.start, clause.end), clause, clause.aggregate)
    has_counts = not (inc.killed.is_empty() and inc.injured.is_empty()) or bool(inc.problems)
    typed_place = any(x.field == "location" and "type word" in x.rule for x in inc.evidence)
    if not (has_counts or inc.damage or negated or inc.strikes or typed_place):
        return None  # no record whatever the event (below): not classified (most clauses of a long report)
    classify_into(inc, text, s, e)  # (adds no location evidence: typed_place stays)
    if inc.sub_event_type is None:  # the clause alone does not say what happened: its sentence may
        for f in ("actor1", "actor2"):
            setattr(inc, f, None)
        inc.evidence = [x for x in inc.evidence if x.field not in ("actor1", "actor2") + ASSOC_FIELDS]
        classify_into(inc, text, clause.sentence.start, clause.sentence.end)
    if not (has_counts or inc.damage or negated or inc.strikes or (inc.sub_event_type and typed_place)):
        return None
    inc.problems += not_counts + ([several] if several else [])
    inside = by_date.within(s, e)
    d = inside[0] if inside else None
    if len(inside) > 1 and clause.groups:
        # "Abdi on Sunday called ... after three fighters were killed in a strike on Friday": the event's own date
        # follows its victims; an earlier one dates the reporting
        g0 = min(g.start for g in clause.groups if g.status) if any(g.status for g in clause.groups) else None
        after = [x for x in inside if g0 is not None and x.start > g0 and x.day is not None]
        if after and _REPORTING.search(text, s, after[0].start):
            d = after[0]
    if d is None:
        before = by_date.within(clause.sentence.start, s)
        if not before and inherited is None:  # "On 3 May, clashes broke out ... 4 soldiers were killed."
            para = paras.rfind(s) + 1
            before = [x for x in by_date.within(para, s) if x.day is not None]
            if before:
                set_date(inc, text, before[-1], "carried from an earlier sentence: ")
        d = before[-1] if before else inherited
    if not inc.evidence or not any(x.field == "event_date" for x in inc.evidence):
        set_date(inc, text, d)
    if _TOLL_RISE.search(text, s, e) or (clause.parent is None and _TOLL_RISE.search(text, e, min(e + 200, clause.sentence.end))):
        inc.problems.append("W-COUNT-RISING: the report expects the toll to rise or some are in critical condition: counts may grow")
    return inc


def _place_key(inc: Incident) -> Optional[str]:
    from warledger.extract.places import norm
    return norm(inc.place.name) if inc.place.name else None


def _same_counts(a: Incident, b: Incident) -> bool:
    for what in ("killed", "injured"):
        for cat in CATS:
            ra, rb = getattr(a, what).get(cat), getattr(b, what).get(cat)
            if ra is not None and rb is not None and ra.value() == rb.value() and ra.value():
                return True
    return False


def merge_into(keep: Incident, other: Incident) -> None:
    """Fold ``other`` (another mention of the same event) into ``keep``."""
    _merge_into(keep, other)


def _merge_into(keep: Incident, other: Incident) -> None:
    for what in ("killed", "injured"):
        ck, co = getattr(keep, what), getattr(other, what)
        for cat in CATS:
            rk, ro = ck.get(cat), co.get(cat)
            if ro is not None and (rk is None or (ro.value() or 0) > (rk.value() or 0)):
                ck.set(cat, ro)
    for attr in ("event_date", "date_range", "time_precision", "event_type", "sub_event_type", "weapon", "actor1", "actor2", "strikes"):
        if getattr(keep, attr) is None and getattr(other, attr) is not None:
            setattr(keep, attr, getattr(other, attr))
    if keep.place.phrase is None and other.place.phrase is not None:
        keep.place = other.place
    for attr in ASSOC_FIELDS:
        if not getattr(keep, attr) and getattr(other, attr):
            setattr(keep, attr, list(getattr(other, attr)))
    keep.damage += [d for d in other.damage if d not in keep.damage]
    keep.killed_groups += [g for g in other.killed_groups if g.group not in {x.group for x in keep.killed_groups}]
    keep.evidence += other.evidence
    for what in ("killed", "injured"):
        c = getattr(keep, what)
        if c.total is not None and c.total.value() == 0 and any(
                (c.get(cat).value() or 0) > 0 for cat in CATS if cat != "total" and c.get(cat) is not None):
            c.total = None  # "no casualties were reported" of another strike is no zero beside "three civilians killed"
            keep.evidence = [e for e in keep.evidence if not (e.field == f"{what}.total" and e.rule == "negation")]
    dated = keep.event_date is not None and any(e.field == "event_date" for e in keep.evidence)
    keep.problems += [p for p in other.problems if p not in keep.problems and not (dated and p.startswith(DATE_NOT_STATED))]


def another_attacker(prev: Incident, new: Incident) -> bool:
    """``new`` tells of another side striking from afar in the middle of a ground fight (or the other way
    round): "SDF fighters stormed the building. Coalition warplanes struck IS positions, killing 7" is two
    events, whoever's toll it is."""
    a, b = prev.sub_event_type, new.sub_event_type
    kinds = ((a in STANDOFF_SUB_EVENTS and b in GROUND_SUB_EVENTS) or (a in GROUND_SUB_EVENTS and b in STANDOFF_SUB_EVENTS))
    return kinds and prev.actor1 is not None and new.actor1 is not None and prev.actor1 != new.actor1


def _compatible(a: Incident, b: Incident) -> bool:
    if another_attacker(a, b) and not _same_counts(a, b):
        return False
    pa, pb = _place_key(a), _place_key(b)
    dates_ok = a.event_date is None or b.event_date is None or a.event_date == b.event_date
    return dates_ok and (pa is None or pb is None or pa == pb)


# victims named only by these nouns, with no fighter noun, in a strike or attack: civilians (ACLED/Airwars practice)
_PEOPLE_NOUN = re.compile(r"\b(?:people|persons?|individuals?|civilians?|citizens?|residents?|family|families|"
                          r"man|men|wom[ae]n|child(?:ren)?|boys?|girls?|kids?|brothers?|sisters?|siblings?|wife|husband|"
                          r"displaced|farmers?|shepherds?|passers-?by|inhabitants?)\b", re.I)
_FIGHTER_NOUN = re.compile(r"\b(?:fighters?|members?|soldiers?|militants?|militi\w*|combatants?|commanders?|officers?|"
                           r"troops?|personnel|guards?|jihadists?|rebels?|insurgents?|prisoners?|detainees?|leaders?|"
                           r"cadres?|elements?|gunm[ae]n|recruits?)\b", re.I)
_NOT_VICTIMS = re.compile(r"\b(?:bodies|martyrs?|victims?)\b", re.I)
# a later paragraph that recalls an earlier report or event: "Yesterday, ...", "On March 12, ...", "A few hours ago"
_RECALL = bound_to_paragraph(re.compile(r"\s*(?:[-•]\s*)?(?:yesterday|earlier(?:\s+(?:today|on|this|in))?|a\s+few\s+hours\s+ago|hours\s+ago|"
                     r"last\s+(?:week|month|year|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
                     r"previously|in\s+a\s+(?:previous|separate|similar)\b|it\s+is\s+worth\s+(?:noting|mentioning)|"
                     r"(?:on|in)\s+(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?"
                     r"(?:\s+\d{4})?,?)\b", re.I))


_PERIOD_WORD = bound_to_paragraph(re.compile(r"(?:since|from|between|during|over|throughout|in\s+the\s+(?:past|last))\b", re.I))


# a sentence inside a paragraph that steps back in time: "2 days before this attack, ...", "Yesterday, ..."
_RECALL_SENTENCE = bound_to_paragraph(re.compile(r"\s*(?:yesterday|earlier(?:\s+today)?|a\s+few\s+hours\s+ago|hours\s+ago|previously|"
                              r"(?:\d+|one|two|three|four|five|six|a)\s+(?:days?|weeks?|hours?)\s+(?:before|earlier|ago)|"
                              r"last\s+(?:week|month|year))\b", re.I))


# "This incident comes after three people were killed ... in a similar attack": an earlier event, recalled
_RECALL_INSIDE = bound_to_paragraph(re.compile(r"\b(?:(?:this|the)\s+(?:\w+\s+){0,2}(?:comes?|came)\s+(?:\w+\s+){0,3}(?:after|following)|"
                            r"(?:in|during)\s+a\s+(?:similar|previous)\b)", re.I))


def _first_count(r: Incident) -> int:
    """Where the record's first casualty words start (its span's end when it has none)."""
    return min([e.start for e in r.evidence if e.field.startswith(("killed.", "injured."))] or [r.text_span[1]])


def _victim_words(inc: Incident, what: str) -> list[str]:
    return [e.text for e in inc.evidence if e.field.startswith(what + ".")]


_BARE_FIGURE = re.compile(r"\W*\w+\W*")
# a sub-count that names its victims civilians ("including one civilian"): the civilians are counted, not inferred
_CIVILIAN_WORD = re.compile(r"\bcivilians?\b", re.I)


def infer_civilians(inc: Incident, text: str) -> None:
    """Killed/injured named only as people, men, women, children, families, or by a bare figure ("3 killed")
    with no fighter noun near it: civilians, as ACLED and Airwars code unarmed victims of strikes on homes,
    markets and villages.  Each inference leaves a problem note naming the words it rests on."""
    for what in ("killed", "injured"):
        c = getattr(inc, what)
        if c.fighters is not None or c.total is None or not (c.total.value() or 0):
            continue
        if c.civilians is not None and (c.civilians.value() or 0) >= (c.total.value() or 0):
            continue  # "four people of one family, including two girls, one an infant": civilians 1 < total 4
        if c.civilians is not None and any(e.field == what + ".civilians" and _CIVILIAN_WORD.search(e.text)
                                           for e in inc.evidence):
            continue  # "five people, including one civilian": the civilians are told apart from the total
        words = _victim_words(inc, what)
        beside = what == "injured" and inc.killed.civilians is not None and inc.killed.fighters is None
        # "4 civilians killed and 2 others injured": the injured are of the kind killed beside them
        spans = [e for e in inc.evidence if e.field.startswith(what + ".")]
        # a bare figure ("3 killed"): civilians only when no fighter noun stands near it
        bare = [e.text for e in spans if _BARE_FIGURE.fullmatch(e.text)
                and not _FIGHTER_NOUN.search(text, max(0, e.start - 80), min(len(text), e.end + 100))]
        nouns = [w for w in words if _PEOPLE_NOUN.search(w) or (beside and re.search(r"\bother|^\W*\w+\W*$", w, re.I))
                 or w in bare]
        if any(_FIGHTER_NOUN.search(w) for w in words) or any(
                _FIGHTER_NOUN.search(text, e.end, min(len(text), e.end + 60)) and
                re.match(r"\s*,\s*(?:all|both|most|two|three|some)\s+(?:of\s+(?:them|whom)\s+)?", text[e.end:e.end + 30])
                for e in spans):
            continue  # "three people, all of them members of the police"
        if not nouns or any(_NOT_VICTIMS.search(w) for w in words):
            continue
        c.civilians = c.total
        ev = next((e for e in inc.evidence if e.field.startswith(what + ".") and _PEOPLE_NOUN.search(e.text)),
                  next(e for e in inc.evidence if e.field.startswith(what + ".")))
        inc.evidence.append(type(ev)(what + ".civilians", ev.start, ev.end, ev.text, "civilians inferred from victim nouns"))
        why = ("with no fighter noun" if _PEOPLE_NOUN.search(nouns[0]) or nouns[0] in bare
               else "beside civilians killed")
        inc.problems.append(f"W-CIVILIANS-INFERRED: {what} civilians inferred: the victims are named only as {nouns[0]!r} {why}")


def no_civilian_dead(inc: Incident, text: str) -> None:
    """The dead are all named as fighters ("three SDF fighters were killed"), no civilian, child, woman or other
    person counted or named in the clause: no civilian died, civilians killed 0 (Airwars and ACLED code a
    strike that killed only combatants as 0 civilian deaths).  A problem note says what it rests on."""
    k = inc.killed
    fighters = k.fighters.value() if k.fighters is not None else None
    if not fighters or any(r is not None for r in (k.civilians, k.children, k.women, k.men)):
        return
    if k.total is not None and k.total.value() != fighters:
        return  # "five killed, three of them fighters": the other two are of no stated kind
    start, end = inc.span if inc.span is not None else (0, 0)
    if start >= end or any(m.start() == 0 or text[m.start() - 1] not in "’'`" for m in _PEOPLE_NOUN.finditer(text, start, end)):
        return  # (a people noun after an apostrophe is the end of a name: "Maarrat al-Nu'man")
    ev = next((e for e in inc.evidence if e.field == "killed.fighters"), None)
    if ev is None:
        return
    k.civilians = Range.exact(0)
    inc.evidence.append(type(ev)("killed.civilians", ev.start, ev.end, ev.text, "no civilian among dead fighters"))
    inc.problems.append(f"W-CIVILIANS-INFERRED: civilians killed 0: the dead are named only as fighters ({ev.text!r})")


def _lead_count(inc: Incident) -> Optional[int]:
    k = inc.killed if not inc.killed.is_empty() else inc.injured
    r = k.civilians or k.total or k.children or k.women
    return r.value() if r is not None else None


def _restated(a: Incident, b: Incident, text: str, paras: Paragraphs) -> bool:
    """``b`` re-tells ``a`` (headline, lead, body): same killed count, compatible date, and places that agree
    or are named together."""
    ca, cb = _lead_count(a), _lead_count(b)
    if not ca or ca != cb or not _compatible_date(a, b) or a.killed.is_empty() != b.killed.is_empty():
        return False
    for cat in CATS:
        ra, rb = a.killed.get(cat), b.killed.get(cat)
        if ra is not None and rb is not None and ra.value() != rb.value():
            return False
    pa, pb = _place_key(a), _place_key(b)
    if pa is None or pb is None or pa == pb:
        return True
    from warledger.extract.places import norm
    for x, y in ((a, b), (b, a)):
        ps = paras.rfind(y.text_span[0]) + 1
        pe = paras.find(y.text_span[1], len(text))
        para = norm(text[ps:pe if pe >= 0 else len(text)])
        if x.place.name and norm(x.place.name) in para:
            return True
    return False


def _stated_day(r: Incident) -> Optional[str]:
    """The record's event date when the text states it (not one the record inherits), else None."""
    return r.event_date if r.event_date and any(e.field == "event_date" for e in r.evidence) else None


def _compatible_date(a: Incident, b: Incident) -> bool:
    da, db = _stated_day(a), _stated_day(b)
    return da is None or db is None or da == db


_REPORTING = re.compile(r"\b(?:said|says|called|announced|reported|stated|told|added|confirmed|revealed|claimed|published|"
                        r"documented|denounced|condemned|accused)\b", re.I)
# single attacks in this genre stay far below these; larger figures are conflict-wide or period totals
_TALLY_KILLED, _TALLY_INJURED = PLAUSIBLE_BOUND["killed"], PLAUSIBLE_BOUND["injured"]
_VAGUE_LARGE = bound_to_paragraph(re.compile(r"\b(?:scores|hundreds|thousands|tens\s+of\s+thousands|millions)\b", re.I))
# a sentence that refers back to the event just told: "The strike killed four people", "The attack also left ..."
_ANAPHORA = bound_to_paragraph(re.compile(r"\s*(?:The|This|That)\s+(?:[\w-]+\s+){0,2}?(?:strike|attack|raid|shelling|bombardment|explosion|blast|"
                       r"air\s*strike|assault|aggression|bombing|targeting|incident|massacre)s?\b"))


def _anaphoric(r: Incident, last: Incident, text: str) -> bool:
    sent_start = max(text.rfind(". ", 0, r.text_span[0]) + 2, text.rfind("\n", 0, r.text_span[0]) + 1)
    if not _ANAPHORA.match(text, sent_start, r.text_span[1]) or r.text_span[0] - last.text_span[1] > 1500:
        return False
    if _place_key(r) and _place_key(last) and _place_key(r) != _place_key(last):
        return False
    da, db = _stated_day(last), _stated_day(r)
    return da is None or db is None or abs((date.fromisoformat(da[:10]) - date.fromisoformat(db[:10])).days) <= 1


def _strikes_bound(r: Incident) -> None:
    """An incident's strike count at or above the plausible bound (warledger/data/plausible.tsv) is a campaign
    or period total ("more than 10,000 sorties"): left null, with a problem quoting it."""
    n = max((v for v in (r.strikes.low, r.strikes.best) if v is not None), default=None) if r.strikes else None
    if n is None or n < PLAUSIBLE_BOUND["strikes"]:
        return
    said = next((e.text for e in r.evidence if e.field == "strikes"), str(n))
    r.strikes = None
    r.evidence = [e for e in r.evidence if e.field != "strikes"]
    r.problems.append(f"W-STRIKE-BOUND: {said!r} states {n} strikes, at or above the {PLAUSIBLE_BOUND['strikes']} "
                      "one incident can hold (warledger/data/plausible.tsv): a campaign or period total, not stored")


def _recalled_paragraphs(records: list[Incident], text: str, titles: set[int], paras: Paragraphs) -> None:
    """Incidents told after the first paragraph's that a paragraph or sentence opens as recalled ("Earlier, ...")
    become background aggregates."""
    first_para: Optional[int] = None
    first_day: Optional[str] = None
    for r in records:
        if r.kind != "incident":
            continue
        para = paras.rfind(r.text_span[0]) + 1
        if id(r) in titles:
            continue
        if first_para is None:
            first_para, first_day = para, _stated_day(r)
            continue
        sent = max(text.rfind(". ", 0, r.text_span[0]) + 2, para)
        later = first_day is not None and (_stated_day(r) or "") > first_day   # "On 9 August" after the 6th's strike
        recalled = (para != first_para and not later and _RECALL.match(text, para) and r.text_span[0] - para < 400) or (
            sent > para and _RECALL_SENTENCE.match(text, sent) and r.text_span[0] - sent < 300) or bool(
            _RECALL_INSIDE.search(text, sent, _first_count(r)))
        if recalled and not (
                r.killed.is_empty() and r.injured.is_empty()):
            r.kind = "aggregate"
            r.problems.append("W-BACKGROUND: a later paragraph recalls an earlier event or report; not counted as this report's incident")


def _tally_problem(r: Incident, records: list[Incident], by_span: ByStart[Incident], text: str) -> Optional[str]:
    """Why an incident's sentence makes it a tally (it continues one, counts over a period, or opens with a tally
    word), or None."""
    sent_start = max(text.rfind(". ", 0, r.text_span[0]), text.rfind("\n", 0, r.text_span[0]))
    if r.place.name is None and any(o.kind == "aggregate" for o in by_span.within(sent_start, r.text_span[0])):
        # "These attacks left 15 civilians ..., and 83 combatants ... dead": the tally goes on
        return "W-TALLY: continues a tally in the same sentence: not one incident"
    ev = next((e for e in r.evidence if e.field == "event_date"), None)
    if (r.date_range and r.date_range[0] != r.date_range[1] and ev is not None and _PERIOD_WORD.match(ev.text)
            and sent_start <= ev.start < r.text_span[1]
            and not any(o is not r and o.text_span[0] <= ev.start < o.text_span[1] for o in records)):
        # "Since December 1, sixteen people have been killed": a tally over a period
        return "W-TALLY: a count over a period (since/between/during), not one incident"
    t = TALLY.search(text, sent_start + 1, r.text_span[0])
    if t is not None and not (r.killed.is_empty() and r.injured.is_empty()) and not any(
            o is not r and o.text_span[0] <= t.start() < o.text_span[1] for o in records):
        # "Since December 1, sixteen people have been killed ...": the sentence opens a tally
        return f"W-TALLY: the sentence opens with {t.group(0)!r}, not one incident"
    return None


def _tallies_and_background(records: list[Incident], text: str) -> None:
    """Incidents that are tallies (:func:`_tally_problem`), or dated more than three days before the first dated
    one (an earlier event recalled), become aggregates."""
    main: Optional[date] = None
    by_span = ByStart([o for o in records if o.span is not None], start=lambda o: o.text_span[0])
    for r in records:
        if r.kind != "incident":
            continue
        why = _tally_problem(r, records, by_span, text)
        if why is not None:
            r.kind = "aggregate"
            r.problems.append(why)
            continue
        stated = _stated_day(r)
        if stated is None:
            continue
        day = date.fromisoformat(stated[:10])
        if main is None:
            main = day
        elif (main - day).days > 3 and not (r.killed.is_empty() and r.injured.is_empty()):
            r.kind = "aggregate"
            r.problems.append(f"W-BACKGROUND: an event of {r.event_date} recalled in a report about {main.isoformat()}; "
                              "not counted as this report's incident")


def _vague_or_war_size(records: list[Incident]) -> None:
    """Incidents counted only in vague large words, or with a war-size count, become aggregates."""
    for r in records:
        quotes = [e.text for e in r.evidence if e.field.startswith(("killed.", "injured."))]
        if r.kind == "incident" and quotes and all(_VAGUE_LARGE.search(q) for q in quotes):
            r.kind = "aggregate"  # "Turkish attacks have killed scores of civilians": a tally in vague words
            r.problems.append("W-TALLY-VAGUE: only a vague large count (scores, hundreds, thousands): a tally, not one incident's count")
        big = max([(x.value() or 0) for x in (r.killed.total, r.killed.civilians, r.killed.fighters) if x is not None] + [0])
        hurt = max([(x.value() or 0) for x in (r.injured.total, r.injured.civilians) if x is not None] + [0])
        if r.kind == "incident" and (big >= _TALLY_KILLED or hurt >= _TALLY_INJURED):
            r.kind = "aggregate"  # "they killed over 3000 people in that conflict"
            r.problems.append(f"W-TALLY-LARGE: a count this large ({max(big, hurt)}) is a war or period total, not one attack: kept as an aggregate")


def _merge_restated(records: list[Incident], text: str, paras: Paragraphs) -> list[Incident]:
    """The records with each incident whose victims are told again (a restatement, an anaphora: "The strike
    killed four people") merged into the one told first."""
    out: list[Incident] = []
    index: KeyIndex[Incident] = KeyIndex(_lead_key)  # the records of out, by lead count
    for r in records:
        if r.kind == "incident" and not (r.killed.is_empty() and r.injured.is_empty()):
            twin = next((o for o in index.candidates(_lead_key(r)) if o.kind == "incident" and _restated(o, r, text, paras)), None)
            last = next((o for o in reversed(out) if o.kind == "incident"), None)
            if twin is None and last is not None and _anaphoric(r, last, text):
                twin = last  # "... killed in a drone strike yesterday. The strike killed four people ..."
            if twin is not None:
                _merge_into(twin, r)
                index.rekey(twin)
                twin.problems.append("W-RESTATED: the same victims are re-stated in the report: merged")
                continue
        out.append(r)
        index.add(r)
    return out


def settle(records: list[Incident], text: str, titles: set[int]) -> list[Incident]:
    """Report-level clean-up: recalled earlier events become background aggregates, restatements of one
    event merge, and victims named only as people become civilians."""
    paras = Paragraphs(text)
    _recalled_paragraphs(records, text, titles, paras)
    _tallies_and_background(records, text)
    _vague_or_war_size(records)
    for r in records:
        if r.kind == "incident":
            infer_civilians(r, text)
            _strikes_bound(r)
    merged = _merge_restated(records, text, paras)
    for r in merged:
        if r.kind == "incident":
            no_civilian_dead(r, text)
    return merged


def dedupe(records: list[Incident], titles: set[int]) -> list[Incident]:
    """One record per incident within a report: a headline that repeats a body incident, and two
    mentions of the same place on the same date, are merged (the larger count wins per category)."""
    out: list[Incident] = []
    index: KeyIndex[Incident] = KeyIndex(_dedupe_keys)  # the records of out, by place and count
    body = [r for r in records if id(r) not in titles]
    for r in records:
        if id(r) in titles and r.kind == "incident":
            twin = next((b for b in body if b.kind == "incident" and (
                _same_counts(r, b) or (_place_key(r) and _place_key(r) == _place_key(b)))), None)
            if twin is not None:
                _merge_into(twin, r)
                continue
            parts = _summed_by(r, body)
            if parts:
                r.kind = "aggregate"  # "Strikes kill eight in two villages" over four here and four there
                r.problems.append(f"W-HEADLINE-TOTAL: the headline's {_lead_count(r)} is the sum of the report's "
                                  f"{' + '.join(str(n) for n in parts)}: a total over its incidents, not another one")
        if r.kind == "incident":
            pk = _place_key(r)
            twin = next((o for o in index.candidates(_dedupe_query(r)) if o.kind == "incident" and _compatible(o, r) and (
                (pk and _place_key(o) == pk) or _same_counts(o, r))), None)
            if twin is not None:
                _merge_into(twin, r)
                index.rekey(twin)
                continue
        out.append(r)
        index.add(r)
    return out


def _summed_by(title: Incident, body: list[Incident]) -> list[int]:
    """The lead counts of two or more body records (incidents, or events the report recalls) that add up to the
    title's lead count, in the order told; [] when none do."""
    total = _lead_count(title)
    counts = [n for n in (_lead_count(b) for b in body if b.kind in ("incident", "aggregate")) if n][:12]
    if not total or len(counts) < 2 or sum(counts) < total:
        return []
    for mask in range(3, 1 << len(counts)):
        picked = [n for i, n in enumerate(counts) if mask >> i & 1]
        if len(picked) >= 2 and sum(picked) == total:
            return picked
    return []


def _dedupe_base(r: Incident) -> list[Hashable]:
    """What :func:`dedupe` can match a record on: its place, and each non-zero count (see :func:`_same_counts`)."""
    pk = _place_key(r)
    keys: list[Hashable] = [("place", pk)] if pk else []
    for what in ("killed", "injured"):
        for cat in CATS:
            x = getattr(r, what).get(cat)
            if x is not None and x.value():
                keys.append((what, cat, x.value()))
    return keys


def _dedupe_keys(o: Incident) -> list[Hashable]:
    """A kept record's keys: each of its own with its date, and with any date (see :func:`_compatible`)."""
    return [k for b in _dedupe_base(o) for k in ((b, o.event_date), (b, "*"))]


def _dedupe_query(r: Incident) -> list[Hashable]:
    """The keys of the kept records ``r`` may merge into: the same key on the same day or undated (a dated
    record), or on any day (an undated one)."""
    when: tuple[Optional[str], ...] = (r.event_date, None) if r.event_date is not None else ("*",)
    return [(b, d) for b in _dedupe_base(r) for d in when]


def _lead_key(r: Incident) -> list[Hashable]:
    """What :func:`settle` can match a record on: its lead count (see :func:`_restated`)."""
    n = _lead_count(r)
    return [n] if n else []
