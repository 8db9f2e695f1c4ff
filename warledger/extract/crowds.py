"""The size of a protest's or a riot's crowd, as the report states it (ACLED's ``crowd size=`` tag): the note's own
``[size=...]`` (ACLED's notes carry it), else a figure or a size word before a noun naming the crowd's people
("around 200 protesters", "hundreds of demonstrators") in the record's paragraph.  The words are kept as evidence
(field ``crowd_size``) on the size itself; the ACLED export writes them as the tag.  Nothing is estimated: a crowd
"gathered" with no size stated gets no evidence (the export says "no report", as ACLED does).  Words:
``data/crowd_sizes.tsv``."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Optional

from warledger.extract.lexicon import alternation, rows
from warledger.extract.segment import paragraph_around, within_paragraph
from warledger.record import ACLED_SIZE_NOTE, CROWD_EVENT_TYPES, CROWD_FIELD, Incident, Report

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:hundred|thousand|million))?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The note's own bracket (:data:`warledger.record.ACLED_SIZE_NOTE`) and a size before the crowd's people."""
    table: dict[str, list[str]] = {}
    for kind, value in rows("crowd_sizes.tsv", 2):
        table.setdefault(kind, []).append(value)
    about, many = alternation(table["about"]), alternation(table["many"])
    crowd = alternation(table["crowd"], escape=False)
    size = within_paragraph(rf"(?P<size>(?:(?:{about})\s+)?(?:{_NUMBER})|(?:{many}))\s+(?:of\s+)?(?:{crowd})\b")
    return ACLED_SIZE_NOTE, re.compile(rf"(?<![\w,.]){size}", re.I)


def _size_span(text: str, lo: int, hi: int) -> Optional[tuple[int, int, str]]:
    note, phrase = _patterns()
    m = note.search(text, lo, hi)
    if m is not None:
        return m.start(1), m.end(1), "note's [size=]"
    m = phrase.search(text, lo, hi)
    return (m.start("size"), m.end("size"), "crowd size before its people") if m is not None else None


def tag_crowds(report: Report, records: Iterable[Incident]) -> None:
    """Give each protest or riot record the words its paragraph states its crowd's size in (evidence
    ``crowd_size``), when it states one."""
    text = report.text
    lo, hi = report.body or (0, len(text))
    for inc in records:
        if inc.kind != "incident" or inc.event_type not in CROWD_EVENT_TYPES or inc.span is None:
            continue
        if any(e.field == CROWD_FIELD for e in inc.evidence):
            continue
        a, b = paragraph_around(text, lo, hi, *inc.span)
        found = _size_span(text, a, b)
        if found is not None:
            inc.add_evidence(CROWD_FIELD, text, found[0], found[1], found[2])
