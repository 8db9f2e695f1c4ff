"""The English reader: an English report's body, sentence by sentence, -> Incident records.

:func:`english_records` is called by :func:`warledger.extract.extract_report` for a body that is neither
Arabic script (:mod:`arabic`) nor an ACLED-style note (:mod:`acled`).  Each sentence is cut into clauses
(:mod:`segment`); a clause with its casualty groups (:mod:`casualties`), places and dates becomes a record
(:mod:`incidents`), an aggregate when it counts over several events or a period; what carries from one sentence
to the next (the open tally, the last incident of the paragraph) is the state of :class:`_Reading`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Optional

from warledger.extract.attribution import fill_actor1
from warledger.extract.casualties import assign_status, find_groups
from warledger.extract.dates import DateMention, find_dates
from warledger.extract.forces import without_forces
from warledger.extract.incidents import (TALLY, Clause, another_attacker, build_record, classify_into, dedupe, merge_into,
                                         settle)
from warledger.extract.needs import Needing
from warledger.extract.numbers import words_value
from warledger.extract.places import PlaceMention, find_places
from warledger.extract.scanner import guarded
from warledger.extract.segment import BREAKDOWN, Sentence, bound_to_paragraph, clause_cuts, sentences
from warledger.extract.spans import ByStart, Paragraphs
from warledger.record import Incident, Report

__all__ = ["english_records"]

# "Ten attacks killed eight people": a count of several attacks or operations is a tally of several events
_SEVERAL = Needing(guarded(bound_to_paragraph(re.compile(r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|tens|hundreds)\s+"
                      r"(?:separate\s+|similar\s+|drone\s+|deadly\s+)?(?:attacks|operations|incidents|massacres|bombings)\b", re.I))))
_TALLY_INTRO = Needing(re.compile(r"\b(?:number|total|toll|tally)\b", re.I))
_CLASS_FIELDS = ("sub_event_type", "weapon", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_BULLET = re.compile(r"[•●▪◦·*\-]\s")


def furniture_spans(report: Report, start: int, end: int) -> list[tuple[int, int]]:
    """The page-furniture lines of the body (warledger.ingest.clean), which extraction skips."""
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
            if _TALLY_INTRO.search(text, c.start, c.end) and TALLY.search(text, c.start, c.end):
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


def english_records(report: Report, start: int, end: int, ref: Optional[date],
                    ref_how: Optional[str]) -> list[Incident]:
    """The records of the English body ``report.text[start:end]``, in text order: one per clause that tells an
    event or a tally, settled (restated ones merged); relative dates resolve against ``ref`` (from ``ref_how``)."""
    text = report.text
    found_dates, date_problems = find_dates(text, start, end, ref)
    reading = _Reading(report, ref, ref_how, ByStart(found_dates), ByStart(without_forces(text, find_places(text, start, end))), Paragraphs(text))
    for sent in sentences(text, start, end, furniture_spans(report, start, end)):
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
    if ref_how in _GUESSED_REFERENCE and ref is not None:
        _flag_guessed_dates(records, found_dates, ref, _GUESSED_REFERENCE[ref_how])
    return records


# reference dates that are only a date the text mentions (dates.reference_date), and how a problem names them
_GUESSED_REFERENCE = {"dateline": "first date near the top of the report", "latest stated": "latest date the report states"}


def _flag_guessed_dates(records: list[Incident], mentions: list[DateMention], ref: date, which: str) -> None:
    """With no publication date and no URL date, relative dates ("on Friday", "August 10") were resolved against a
    full date the text merely mentions, which may be older than the report: say so on each record so dated, as a
    guess (W-DATE-REF-GUESSED), rather than let the day look like a stated fact."""
    guessed = {(d.start, d.end) for d in mentions if d.from_ref}
    for rec in records:
        ev = next((e for e in rec.evidence if e.field == "event_date"), None)
        if ev is not None and (ev.start, ev.end) in guessed:
            rec.problems.append(f"W-DATE-REF-GUESSED: {ev.text!r} is dated against the {which}, {ref.isoformat()} "
                                "(there is no publication date): check the day and the year")
