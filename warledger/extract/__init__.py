"""Extraction: a report's text -> Incident records (incidents and aggregate claims) with evidence.

:func:`extract_report` reads only ``report.body_span`` (ingest cuts off page furniture there); every
offset is into ``report.text``.  The work is split by concern: :mod:`numbers` (counts as written),
:mod:`dates`, :mod:`segment` (sentences and clauses), :mod:`casualties`, :mod:`places`, :mod:`damage`,
:mod:`incidents` (clauses -> records) and :mod:`acled` (ACLED-style notes, one event each);
classification and actors come from :mod:`classify` and :mod:`actors`.
"""
from __future__ import annotations

import re
import sys
import types
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional

from warledger.extract.acled import ACLED_LEAD, extract_acled_note
from warledger.extract.arabic import arabic_records
from warledger.extract.attribution import fill_actor1
from warledger.extract.casualties import assign_status, find_groups
from warledger.extract.dates import DateMention, find_dates, post_year_problem, published_problem, reference_date
from warledger.extract.incidents import (TALLY, Clause, another_attacker, build_record, classify_into, dedupe, merge_into,
                                         settle)
from warledger.extract.numbers import refuse_absurd, words_value
from warledger.extract.places import PlaceMention, find_places
from warledger.extract.segment import BREAKDOWN, Sentence, clause_cuts, sentences
from warledger.extract.spans import ByStart, Paragraphs
from warledger.record import Incident, Report
from warledger.theatre.context import reading_in
from warledger.theatre.country import settle_country
from warledger.theatre.records import finish_records
from warledger.extract.scanner import guarded

__all__ = ["extract_report", "extract_text"]

# "Ten attacks killed eight people": a count of several attacks or operations is a tally of several events
_SEVERAL = guarded(re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|tens|hundreds)\s+"
                      r"(?:separate\s+|similar\s+|drone\s+|deadly\s+)?(?:attacks|operations|incidents|massacres|bombings)\b", re.I))
_TALLY_INTRO = re.compile(r"\b(?:number|total|toll|tally)\b", re.I)
_CLASS_FIELDS = ("sub_event_type", "weapon", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_BULLET = re.compile(r"[•●▪◦·*\-]\s")


def _furniture(report: Report, start: int, end: int) -> list[tuple[int, int]]:
    try:
        from warledger.ingest.clean import furniture_lines
    except ImportError:  # ingest not installed: nothing to skip
        return []
    return furniture_lines(report.text, start, end)


_PLACE_FIELDS = frozenset({"location", "admin1"})


def _fills(prev: Incident, new: Incident) -> bool:
    """True when ``new`` (no place, no date) only adds what ``prev`` lacks: the same event, told on."""
    if another_attacker(prev, new):
        return False
    for what in ("killed", "injured"):
        a, b = getattr(prev, what), getattr(new, what)
        for cat in ("total", "civilians", "children", "women", "men", "fighters"):
            if a.get(cat) is not None and b.get(cat) is not None:
                return False
    return True


def _says_nothing(inc: Incident) -> bool:
    """True when a record holds no event type, place, date, strike count or casualty figure (an actor named
    alone, as in a menu's "English (US)", is no event)."""
    return not (inc.sub_event_type or inc.place.phrase or inc.place.governorate
                or inc.event_date or inc.strikes or not inc.killed.is_empty() or not inc.injured.is_empty()
                or inc.killed_groups or inc.damage)


def extract_report(report: Report) -> Report:
    """Append the report's incidents and aggregate claims to ``report.incidents``, in text order.

    The report's country is settled first (given, or found in its text: :mod:`warledger.theatre.country`);
    the text is then read with that theatre's lexicons, and actor names get the country and period ACLED
    names them by."""
    settle_country(report)
    first = len(report.incidents)
    with reading_in(report.country):
        _extract(report)
    finish_records(report, report.incidents[first:])
    refuse_absurd(report.incidents[first:])
    return report


def _reference(report: Report, start: int, end: int) -> tuple[Optional[date], Optional[str]]:
    """The date relative dates resolve against and where it comes from; problems when it is unsure or missing."""
    ref, ref_how = reference_date(report.text, start, end, report.published, report.url)
    if ref_how == "post-header" and ref is not None:
        report.problems.append(post_year_problem(report.published, ref))
    why = published_problem(report.published)
    if why is not None and ref is None:
        report.problems.append(why)
    return ref, ref_how


def _read_as_note(report: Report, start: int, end: int) -> bool:
    """Read an ACLED-style note (one event) when the body is one; False when it is a report to read by sentence."""
    text = report.text
    lead = ACLED_LEAD.match(text, start, end)
    one_event_note = not report.published and "\n" not in text[start:end].strip() and end - start < 2500
    if not (lead is not None and not report.published or one_event_note):
        return False
    note = extract_acled_note(report, start, end)
    if lead is None and _says_nothing(note):  # a login wall or a menu, not an event
        report.problems.append("W-EVENT-NONE: no event found: the text names no event, place, date or casualties")
    else:
        report.incidents.append(note)
    return True


def _clauses(text: str, sent: Sentence, places: ByStart[PlaceMention]) -> list[Clause]:
    """The sentence's clauses with their casualty groups; a clause with no casualty verb and no place of its own
    belongs to the one before it."""
    groups = find_groups(text, sent.start, sent.end)
    assign_status(text, groups, sent.start, sent.end)
    cuts = clause_cuts(text, sent.start, sent.end, [g.start for g in groups], tuple(g.full_end for g in groups))
    bounds = [sent.start] + cuts + [sent.end]
    clauses = [Clause(a, b, sent) for a, b in zip(bounds, bounds[1:]) if b > a]
    for c in clauses:
        c.groups = [g for g in groups if c.start <= g.start < c.end]
    merged: list[Clause] = []
    for c in clauses:
        own = any(g.status for g in c.groups) or any(
            p.settlement and not p.excluded for p in places.within(c.start, c.end))
        if merged and not own and not text[c.start:c.start + 12].lstrip(",; ").lower().startswith(("while", "whereas")):
            merged[-1].end = c.end
            merged[-1].groups += c.groups
        else:
            merged.append(c)
    return merged


@dataclass
class _Reading:
    """Reading an English body sentence by sentence: each clause a record (or none), and what carries over."""

    report: Report
    ref: Optional[date]
    ref_how: Optional[str]
    dates: ByStart[DateMention]
    places: ByStart[PlaceMention]
    paras: Paragraphs
    records: list[Incident] = field(default_factory=list)
    titles: set[int] = field(default_factory=set)  # id() of the records read from titles
    tally_open: bool = False  # the last record was a tally: unplaced counts that follow continue it
    last_aggregate: Optional[Clause] = None
    last_incident: Optional[Incident] = None
    last_para: int = -1

    def sentence(self, sent: Sentence) -> None:
        text = self.report.text
        merged = _clauses(text, sent, self.places)
        parent: Optional[Clause] = None
        if self.last_aggregate is not None and BREAKDOWN.match(text, sent.start, sent.end) and \
                text[sent.start:sent.start + 5].strip():
            parent = self.last_aggregate  # "... killing 9 civilians. They are 5 civilians ..."
        for i, c in enumerate(merged):
            c.aggregate = self.is_aggregate(c, merged[i + 1] if i + 1 < len(merged) else None, sent, parent)
            if c.aggregate:
                parent = c
            else:
                c.parent = parent
            self.clause(c, sent)

    def is_aggregate(self, c: Clause, nxt: Optional[Clause], sent: Sentence, parent: Optional[Clause]) -> bool:
        """Whether a clause counts over several events or a period (a tally), not one event."""
        text = self.report.text
        breakdown = nxt is not None and BREAKDOWN.match(text, nxt.start, nxt.end) is not None
        period = any(d.day is None for d in self.dates.within(c.start, c.end))
        # the cheap tests first: the tally and "several attacks" patterns are searched over the clause only when needed
        if breakdown or period or _BULLET.match(text, sent.start) is not None:
            return True
        if parent is None and any(g.status for g in c.groups) and TALLY.search(text, c.start, c.end) is not None:
            return True
        several = _SEVERAL.search(text, c.start, c.end)
        if several is not None and (words_value(several.group(1)) or 0) > 1:
            return True
        # "• 78 civilians, including ten women, were killed by regime forces"
        return self.tally_open and parent is None and any(g.status for g in c.groups) and not any(
            p.settlement and not p.excluded for p in self.places.within(c.start, c.end))

    def clause(self, c: Clause, sent: Sentence) -> None:
        """The clause's record: added, merged into the incident it tells on, or none."""
        text = self.report.text
        inherited: Optional[DateMention] = None
        if c.parent is not None:
            pd = self.dates.within(c.parent.start, c.parent.end)
            inherited = pd[0] if pd else None
        rec = build_record(self.report, c, self.places, self.dates, inherited, self.paras)
        if rec is None:
            if TALLY.search(text, c.start, c.end) and _TALLY_INTRO.search(text, c.start, c.end):
                self.tally_open = True  # "the number of attacks since early 2022 has reached 96. These attacks left ..."
            return
        _date_unstated(rec, self.ref, self.ref_how)
        para = self.paras.rfind(c.start)
        if self.joins_last(rec, para, sent):
            return
        if sent.title:
            self.titles.add(id(rec))
        if rec.kind == "incident" and not sent.title:
            self.last_incident, self.last_para = rec, para
        if rec.kind == "aggregate":
            self.last_aggregate = c
            self.tally_open = not sent.title
        elif rec.place.name is not None:
            self.tally_open = False
        self.records.append(rec)

    def joins_last(self, rec: Incident, para: int, sent: Sentence) -> bool:
        """An unplaced incident in the paragraph of the last one: merged into it when it only adds what that one
        lacks (True); given its place when it is another side's strike in that fight."""
        last = self.last_incident
        if rec.kind != "incident" or last is None or para != self.last_para or sent.title or rec.place.name is not None:
            return False
        if not any(e.field == "event_date" and "carried" not in e.rule for e in rec.evidence) and _fills(last, rec):
            merge_into(last, rec)  # "... on the frontline of X. 3 soldiers were killed."
            return True
        if last.place.name is not None and another_attacker(last, rec):
            rec.place = replace(last.place)  # the strike hit where the fight was
            rec.evidence += [type(e)(e.field, e.start, e.end, e.text, "place of the fight it took part in: " + e.rule)
                             for e in last.evidence if e.field in _PLACE_FIELDS]
            rec.problems.append("W-PLACE-INHERITED: place not named in its sentence: the place of the fight it took part in")
        return False


def _date_unstated(rec: Incident, ref: Optional[date], ref_how: Optional[str]) -> None:
    """A record whose clause states no date: an incident takes the report's date (with a problem saying so)."""
    if rec.event_date is None and rec.date_range is None and ref is not None and rec.kind == "incident":
        rec.event_date = ref.isoformat()
        rec.time_precision = 2
        rec.problems.append(f"W-DATE-REPORT: event date not stated: the report's {ref_how} date {ref.isoformat()} is used")
    elif rec.event_date is None and rec.date_range is None:
        rec.problems.append("W-DATE-UNKNOWN: event date not stated and the report has no publication date")


def _whole_report_event(text: str, start: int, end: int, places: ByStart[PlaceMention], dates: ByStart[DateMention],
                        ref: Optional[date], ref_how: Optional[str]) -> Optional[Incident]:
    """No incident read: one for the event the whole body describes (its first place and date), else None."""
    fallback = Incident(kind="incident", span=(start, end))
    classify_into(fallback, text, start, end)
    if fallback.sub_event_type is None:
        return None
    inside = [p for p in places if not p.excluded]
    if inside:
        p = inside[0]
        fallback.place.phrase, fallback.place.name, fallback.place.governorate = p.phrase, p.name, p.governorate
        fallback.add_evidence("location", text, p.start, p.end, "place: " + p.rule)
    if dates and dates[0].day:
        fallback.event_date = dates[0].day.isoformat()
        fallback.time_precision = 1
        fallback.add_evidence("event_date", text, dates[0].start, dates[0].end, "date: " + dates[0].rule)
    elif ref is not None:
        fallback.event_date = ref.isoformat()
        fallback.time_precision = 2
        fallback.problems.append(f"W-DATE-REPORT: event date not stated: the report's {ref_how} date {ref.isoformat()} is used")
    fallback.problems.append("W-COUNT-NONE: no counts found: one incident for the event the report describes")
    return fallback


def _extract(report: Report) -> Report:
    text = report.text
    start, end = report.body_span
    if start >= end or not text[start:end].strip():
        return report
    ref, ref_how = _reference(report, start, end)
    arabic = arabic_records(report, start, end, ref)  # Arabic-script body: warledger.extract.arabic reads it
    if arabic is not None:
        report.incidents.extend(arabic)
        return report
    if _read_as_note(report, start, end):
        return report
    found_dates, date_problems = find_dates(text, start, end, ref)
    reading = _Reading(report, ref, ref_how, ByStart(found_dates), ByStart(find_places(text, start, end)), Paragraphs(text))
    for sent in sentences(text, start, end, _furniture(report, start, end)):
        reading.sentence(sent)
    records = settle(dedupe(reading.records, reading.titles), text, reading.titles)
    if len(records) == 1 and records[0].kind == "incident":
        # one event in the whole report: its words anywhere in the body classify it
        only = records[0]
        only.evidence = [e for e in only.evidence if e.field not in _CLASS_FIELDS]
        only.event_type = only.sub_event_type = only.weapon = only.actor1 = only.actor2 = None
        classify_into(only, text, start, end)
    if not any(r.kind == "incident" for r in records):
        fallback = _whole_report_event(text, start, end, reading.places, reading.dates, ref, ref_how)
        if fallback is not None:
            records.insert(0, fallback)
    fill_actor1(text, start, end, records)  # records whose clause names no attacker: its sentence, or the lead's
    for rec in records:
        for problem in date_problems:
            if problem not in rec.problems:
                rec.problems.append(problem)
    report.incidents.extend(records)
    return report


def extract_text(text: str, published: Optional[str] = None, report_id: str = "text") -> list[Incident]:
    """Library shortcut: the incidents and aggregate claims in ``text`` (plain text; no geocoding).

    Also reachable as ``warledger.extract(text, published="2019-11-07")``."""
    report = Report(id=report_id, text=text, published=published)
    try:
        from warledger.ingest.clean import clean_report
    except ImportError:  # pragma: no cover - ingest is part of the package
        pass
    else:
        clean_report(report)
    return extract_report(report).incidents


class _CallableModule(types.ModuleType):
    """Lets ``warledger.extract(text, published=...)`` be called like a function."""

    def __call__(self, text: str, published: Optional[str] = None, report_id: str = "text") -> list[Incident]:
        return extract_text(text, published, report_id)


sys.modules[__name__].__class__ = _CallableModule
