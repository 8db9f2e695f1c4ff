"""ACLED-style notes: "On 2 June 2023, ... 1 fatality." -- one event per note.

The note's own coding sentence ("3 fatalities.", "Unknown fatalities coded as 10.", "Casualties
unknown.", "Neither injuries nor fatalities were reported.") decides the fatality count; the casualty
groups of the narrative fill the categories.
"""
from __future__ import annotations

import re
from typing import Optional

from warledger.extract.actor_lexicon import CIVILIANS, UNIDENTIFIED
from warledger.extract.actors import unnamed_planter
from warledger.extract.casualties import NEGATION, assign_status, find_groups
from warledger.extract.dates import MONTH_PATTERN, find_dates
from warledger.extract.forces import without_forces
from warledger.extract.incidents import Clause, classify_into, set_counts, set_date, set_place
from warledger.extract.numbers import NUMBER_CORE, NUMBER_WORDS, words_value
from warledger.extract.places import find_places, norm
from warledger.extract.segment import Sentence, bound_to_paragraph
from warledger.record import Incident, Range, Report
from warledger.extract.needs import Needing
from warledger.extract.scanner import guarded

# possessive spaces (\s*+, \s++) where the next token cannot begin with a space: the same matches, but a run of
# blank lines after "On 1" no longer splits n ways between "\s+" and "\s*" (a 4 KB note took 3 CPU-s)
ACLED_LEAD = bound_to_paragraph(re.compile(r"\s*+(?:On|Around|Between|From|In|During|Overnight\s+on|On\s+or\s+around)\s++(?:the\s+night\s+of\s+)?"
                        r"[0-3]?\d(?:\s*+(?:-|and|to)\s*+[0-3]?\d)?\s++(?:%s)?\s*+(?:(?:-|and|to)\s+[0-3]?\d\s+)?(?:%s)\s+(?:19|20)\d\d\b"
                        % (MONTH_PATTERN, MONTH_PATTERN), re.I))
_N = r"(?P<n>%s)" % NUMBER_CORE
CODING = Needing(guarded(bound_to_paragraph(re.compile(
    r"(?P<unknown>\b(?:casualties|fatalities)\s+(?:are\s+|were\s+)?unknown|no\s+(?:information|reports?|details)\s+(?:on|about|regarding)\s+"
    r"(?:the\s+)?(?:casualties|fatalities|losses|deaths)|unknown\s+(?:number\s+of\s+)?(?:fatalities|casualties)(?!\s+(?:are\s+)?coded))"
    r"|(?P<zero>\b(?:no|neither|without)\s+(?:reported\s+|any\s+)?(?:injuries\s+(?:or|nor)\s+)?(?:fatalities|casualties|deaths|losses|causalities)"
    r"|\bneither\s+(?:injuries|casualties)\s+n?or\s+(?:fatalities|deaths)|\bno\s+one\s+was\s+killed)"
    r"|\b(?:coded|estimated|assumed)\s+(?:(?:the\s+)?fatalities\s+)?(?:as|to|at)?\s*(?:an?\s+additional\s+)?(?:half\s+\(\s*)?(?P<n6>\d+|ten|five|twenty)\b\)?(?!\s*,?\s*(?:and\s+)?split)"
    r"|(?P<dist>\b(?:distributed|spread|split)\s+(?:the\s+)?(?:\d+\s+)?(?:fatalities\s+)?(?:evenly\s+|equally\s+)?(?:over|across|between|among)\s+"
    r"(?:the\s+)?(?:activities|events|locations|clashes)\s+(?:in|at)\s+(?P<places>[^.]+))"
    r"|\beach\s+(?:allocated|coded|assigned|given)\s+(?P<n7>\d+)"
    r"|\bcoded\s+fatalities\s+(?:are|is|of|:)\s*(?P<n8>\d+)"
    r"|(?:fatalities|deaths)\s+(?:are\s+|were\s+)?(?:coded|recorded|counted)\s+(?:as|to|at)\s+" + _N +
    r"|\b(?:total|overall)\s+(?:of\s+)?(?:fatalities|deaths)\s*(?:coded\s+(?:as|to|at)\s*|:|is|was|of|at)?\s*(?P<n2>\d+)"
    r"|(?P<each>(?P<n3>\d+|one|two|three|four|five)\s+fatalit(?:y|ies)\s+(?:killed\s+)?(?:in|for|at)\s+each)"
    r"|\bsplit\b[^.]*?\b(?P<n5>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:fatalit(?:y|ies)\s+)?each\b"
    r"|(?P<split>\b(?:split|spread|distributed|divided)\s+(?:up\s+)?(?:evenly\s+|equally\s+)?(?:between|across|among|over)\s+"
    r"(?:fighting\s+at\s+)?(?:the\s+)?(?:both\b|two\b|(?P<nloc>\d+|three|four|five|six)\b))"
    r"|(?:^|(?<=[.;]\s))(?P<n4>\d+|(?:" + NUMBER_WORDS + r")(?:[\s-]+(?:" + NUMBER_WORDS + r"))*)\s+fatalit(?:y|ies)\b",
    re.I | re.M))))
_SPLIT_TOTAL = bound_to_paragraph(re.compile(r"(?P<n>\d+|[a-z]+)\s+fatalities\s+(?:are\s+|were\s+)?split|(?:coded\s+(?:as|to)\s+)(?P<c>\d+)[^.]*split", re.I))


_SPLIT_LIST = Needing(guarded(bound_to_paragraph(re.compile(r"\b(?:split|allocated|distributed)\b[^.]*?(?:as\s+follows?|as\s+following|:|;|\bwith\b)\s*(?P<list>.*?)(?:\.(?=\s)|\.?$)", re.I | re.S))))
_SPLIT_ITEM = bound_to_paragraph(re.compile(r"(?:(?P<a>\d+)\s+(?:(?:fatalit(?:y|ies)\s+)?(?:coded|allocated|assigned)\s+to\s+|in\s+|at\s+|for\s+|to\s+)?(?P<n1>[A-Z][^,;\d]*?)|(?P<n2>[A-Z][^,;\d]*?)\s*[-:]?\s*(?P<b>\d+))"
                         r"\s*(?=,|;|\band\b|$)"))


def _split_share(text: str, start: int, end: int, place: Optional[str]) -> Optional[tuple[int, int, int]]:
    """This note's share of fatalities split among locations: (value, start, end) of the matching item."""
    m = _SPLIT_LIST.search(text, start, end)
    if not m:
        return None
    items = []
    lst = m.group("list")
    off = m.start("list")
    for it in _SPLIT_ITEM.finditer(lst):
        name = (it.group("n1") or it.group("n2") or "").strip()
        name = re.sub(r"^(?:and|in)\s+", "", name)
        items.append((name, int(it.group("a") or it.group("b")), off + it.start(), off + it.end()))
    if not items:
        return None
    if place:
        p = norm(place)
        for name, v, s, e in items:
            n = norm(name.split(" - ")[-1])
            if n and p and (n == p or n in p or p in n):
                return v, s, e
    if len({v for _, v, _, _ in items}) == 1:
        return items[0][1], items[0][2], items[0][3]
    return None


def _share(total: int, parts: int) -> int:
    """One event's share of a total split over ``parts`` events, in whole deaths: the quotient rounded half up
    (15 over two is 8, 23 over three 8, 10 over three 3), the share most of the events get."""
    return (2 * total + parts) // (2 * parts)


def _coded(text: str, start: int, end: int, body: Optional[int] = None
           ) -> tuple[Optional[int], Optional[tuple[int, int]], str]:
    """(fatalities, evidence span, rule) from the note's coding sentences; the last one wins."""
    value: Optional[int] = None
    span: Optional[tuple[int, int]] = None
    rule = ""
    seen = False
    for m in CODING.finditer(text, max(start, end - 700), end):  # the coding sentences close the note
        seen = True
        if m.group("zero"):
            value, span, rule = 0, (m.start(), m.end()), "coding: none"
        elif m.group("unknown"):
            value, span, rule = None, (m.start(), m.end()), "coding: unknown"
        elif m.group("dist"):
            parts = len([p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group("places")) if p.strip()])
            total = value if value is not None else body
            if total is not None and parts > 0:
                value, span, rule = _share(total, parts), (m.start(), m.end()), "coding: distributed over places"
        elif m.group("split"):
            total = None
            for s in _SPLIT_TOTAL.finditer(text, start, m.end()):
                total = words_value(s.group("n") or s.group("c") or "")
            if total is None and value is not None:
                total = value
            if total is None:
                total = body
            parts = 2 if not m.group("nloc") else (words_value(m.group("nloc")) or 2)
            if total is not None:
                value, span, rule = _share(total, parts), (m.start(), m.end()), "coding: split evenly"
        else:
            raw = m.group("n5") or m.group("n6") or m.group("n7") or m.group("n8") or m.group("n") or m.group("n2") or m.group("n3") or m.group("n4")
            v = words_value(raw) if raw else None
            if v is None:
                continue
            if m.group("n6") and re.search(r"\badditional\b", m.group(0), re.I):
                v += value if value is not None else (body or 0)  # "coded as an additional 10"
            value, span, rule = v, (m.start(), m.end()), "coding: fatalities"
    if not seen:
        return None, None, "none"
    return value, span, rule


# a coding sentence that shares the fatalities out over several events ("split, 5 each, between the two
# locations", "distributed over the activities in X and Y", "spread evenly across events"): the note is one of them
_SPLIT_CODING = bound_to_paragraph(re.compile(r"(?:fatalit|deaths|casualt)[^.]{0,120}?\b(?:split|spread|distributed|divided|allocated)\b"
                           r"[^.]{0,160}?(?:\b(?:between|across|over|among|each|as)\b|:)", re.I))
SPLIT_CODING_CODE = "W-SPLIT-CODING"


def unnamed_attacker(r: "Incident") -> None:
    """ACLED's codebook, for a monitor's note: violence against civilians has a perpetrator and civilians for its
    target; when the note names no side, actor1 is the country's unidentified armed group (a problem says so) and
    actor2 the country's civilians.  Not for web texts (attribution.py), whose perpetrator the ledger's dedup reads:
    an unnamed one there stays unknown."""
    if r.event_type != "Violence against civilians":
        return
    if r.actor1 is None:
        r.actor1 = UNIDENTIFIED
        r.problems.append("W-ACTOR-UNNAMED: no side named for the violence against civilians: actor1 is an "
                          "unidentified armed group, as ACLED codes it")
    if r.actor2 is None:
        r.actor2 = CIVILIANS  # its target are civilians by definition (see actors._implied_other)


def extract_acled_note(report: Report, start: int, end: int) -> Incident:
    text = report.text
    inc = Incident(kind="incident", span=(start, end))
    sent = Sentence(start, end)
    clause = Clause(start, end, sent)
    clause.groups = find_groups(text, start, end)
    assign_status(text, clause.groups, start, end)
    dates, problems = find_dates(text, start, min(end, start + 80), None)
    if not dates:
        dates, problems = find_dates(text, start, end, None)
        dates = [d for d in dates if d.day is not None]
    set_date(inc, text, dates[0] if dates else None)
    if not dates:
        inc.problems.append("W-DATE-NONE: no date found in the note")
    set_counts(inc, text, clause, [])
    several = set_place(inc, text, without_forces(text, find_places(text, start, end)), clause, False)
    body = inc.fatalities
    value, span, rule = _coded(text, start, end, body)
    share = _split_share(text, start, end, inc.place.name)
    if share is not None and rule != "coding: unknown":
        value, span, rule = share[0], (share[1], share[2]), "coding: split among locations"
    if rule == "coding: unknown":
        inc.killed.total = None
        for c in ("civilians", "fighters"):
            inc.killed.set(c, None)
        inc.killed_groups.clear()
        inc.problems.append("W-COUNT-UNKNOWN: the note says the number of fatalities is unknown")
        assert span is not None
        inc.add_evidence("killed.total", text, span[0], span[1], rule)
    elif value is not None and span is not None:
        inc.killed.total = Range.exact(value)
        inc.add_evidence("killed.total", text, span[0], span[1], rule)
    elif rule == "none":
        n = NEGATION.search(text, start, end)
        if n and inc.killed.is_empty():
            inc.killed.total = Range.exact(0)
            inc.add_evidence("killed.total", text, n.start(), n.end(), "negation")
    classify_into(inc, text, start, end)
    unnamed_planter(inc)  # a bomb nobody is named for: an unidentified armed group (ACLED's codebook)
    unnamed_attacker(inc)  # violence against civilians nobody is named for: likewise
    inc.problems += problems + ([several] if several else [])
    split = _SPLIT_CODING.search(text, start, end)
    if split is not None:
        inc.problems.append(f"{SPLIT_CODING_CODE}: the note shares its fatalities out over several events "
                            f"({text[split.start():split.end()]!r}): it codes one of them")
    return inc
