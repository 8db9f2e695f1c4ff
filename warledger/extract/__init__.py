"""Extraction: a report's text -> Incident records (incidents and aggregate claims) with evidence.

This package's public face: :func:`extract_report` (a :class:`~warledger.record.Report` in place) and
:func:`extract_text` (plain text), also reachable as ``warledger.extract(text, published=...)``.
:func:`extract_report` reads only ``report.body_span`` (ingest cuts off page furniture there); every
offset is into ``report.text``.  It settles the report's country and reference date, then hands the body to
one reader: :mod:`arabic` (Arabic script), :mod:`acled` (an ACLED-style note, one event) or :mod:`english`
(a report read sentence by sentence).  The readers share the work split by concern: :mod:`numbers` (counts as
written), :mod:`dates`, :mod:`segment` (sentences and clauses), :mod:`casualties`, :mod:`places`,
:mod:`damage`, :mod:`incidents` (clauses -> records); classification and actors come from :mod:`classify`
and :mod:`actors`.  A page that yields no record at all (a menu, a ticker of other headlines) is read once more from
the headline its URL's path carries (:mod:`url_headline`, ``W-URL-HEADLINE``).
"""
from __future__ import annotations

import re
import sys
import types
from datetime import date
from typing import Optional

from warledger.extract.acled import ACLED_LEAD, extract_acled_note
from warledger.extract.dates import flag_late_dates, post_year_problem, published_problem, reference_date
from warledger.extract.english import english_records, furniture_spans
from warledger.extract.numbers import refuse_absurd
from warledger.extract.casualties import no_child_among_adults
from warledger.extract.url_headline import headline_records
from warledger.extract.walls import no_record_problem
from warledger.lexcache import save_patterns
from warledger.extract.crowds import tag_crowds
from warledger.record import Incident, Report, iso_day, utc_moment
from warledger.theatre.context import reading_in
from warledger.theatre.country import settle_country
from warledger.theatre.records import finish_records

__all__ = ["extract_report", "extract_text", "note_input"]

save_patterns()  # the patterns the modules above derived, stored for the next process when some were new


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
    tag_crowds(report, report.incidents[first:])
    refuse_absurd(report.incidents[first:])
    no_child_among_adults(report.incidents[first:])
    if len(report.incidents) == first:  # the page states nothing: the headline its URL carries may
        report.incidents.extend(headline_records(report, extract_report))
    why = no_record_problem(report)
    if why is not None:
        report.problems.append(why)
    report.received = report.received or utc_moment()
    flag_late_dates(report.published, report.incidents[first:], iso_day(report.received))
    return report


def _reference(report: Report, start: int, end: int) -> tuple[Optional[date], Optional[str]]:
    """The date relative dates resolve against and where it comes from; problems when it is unsure or missing."""
    ref, ref_how = reference_date(report.text, start, end, report.published, report.url, furniture_spans(report, start, end))
    if ref_how == "post-header" and ref is not None:
        report.problems.append(post_year_problem(report.published, ref))
    why = published_problem(report.published)
    if why is not None and ref is None:
        report.problems.append(why)
    return ref, ref_how


def note_input(report: Report, start: int, end: int) -> bool:
    """Whether the body ``start``..``end`` is read as an ACLED-style note, one event (no publication date, and ACLED's
    lead "On 2 June 2023," or one line).  How the body reads, not what the input is: whether the report is a coded
    dataset's row (``Report.coded``) is the input's kind (:mod:`warledger.ingest.kinds`)."""
    text = report.text
    one_event_note = not report.published and "\n" not in text[start:end].strip() and end - start < 2500
    return not report.published and ACLED_LEAD.match(text, start, end) is not None or one_event_note


def _read_as_note(report: Report, start: int, end: int) -> bool:
    """Read an ACLED-style note (one event) when the body is one; False when it is a report to read by sentence."""
    if not note_input(report, start, end):
        return False
    note = extract_acled_note(report, start, end)
    if ACLED_LEAD.match(report.text, start, end) is not None or not _says_nothing(note):
        report.incidents.append(note)  # (else a login wall or a menu, not an event: walls.no_record_problem says which)
    return True


# The Arabic reader (warledger.extract.arabic and its lexicons: a fifth of the start-up) is imported when a body first
# holds an Arabic letter: arabic_records reads a body only when it holds a run of Arabic words (arabic_lex.has_arabic).
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def arabic_records(report: Report, start: int, end: int, ref: Optional[date]) -> Optional[list[Incident]]:
    """:func:`warledger.extract.arabic.arabic_records`, None without importing it when the body has no Arabic letter."""
    if _ARABIC_LETTER.search(report.text, start, end) is None:
        return None
    from warledger.extract.arabic import arabic_records as read

    save_patterns()  # what the Arabic modules derived at import, for the next process (nothing when all was stored)
    return read(report, start, end, ref)


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
    report.incidents.extend(english_records(report, start, end, ref, ref_how))
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
