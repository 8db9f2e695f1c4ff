"""Why a page yielded no record: a wall (sign-in, cookies, a removed post, a bot check, a post's empty frame) or a
text that names no event.  A report in which nothing was found gets one ``W-EVENT-NONE`` problem whose words say
which, so that the ledger's report page and ``warledger extract --with-reports`` tell an analyst what the input was
(a wall is to be fetched again signed in; an article naming no event is no extraction failure).  No record is made
up for either.  The walls' phrases: ``warledger/data/page_walls.tsv``."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from warledger.extract.lexicon import rows
from warledger.record import Report

__all__ = ["no_record_problem"]

# problems that already say why a report has no record
_EXPLAINED = ("W-TEXT-EMPTY:", "W-EVENT-NONE:", "E-")
_WORD = re.compile(r"[^\W\d_]{2,}")
_OWN_WORDS = 12  # distinct words besides the wall's phrases: a byline, a page's name; a post of its own has more


@lru_cache(maxsize=1)
def _walls() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pat, re.I | re.M)) for kind, pat in rows("page_walls.tsv", 2) if kind != "kind")


def _wall(text: str) -> Optional[tuple[str, str]]:
    """The kind of wall ``text`` is and the words that show it (the first row of the file that a line holds): the
    lines holding a wall's phrase, and fewer than :data:`_OWN_WORDS` distinct words on the other lines (so a short
    post inside a platform's frame is no wall)."""
    found: dict[int, str] = {}
    rest: list[str] = []
    for line in text.splitlines():
        hits = [(i, m.group(0).strip()) for i, (_, rx) in enumerate(_walls()) if (m := rx.search(line)) is not None]
        found.update(x for x in hits if x[0] not in found)
        if not hits:
            rest.append(line)
    if not found or len({w.casefold() for w in _WORD.findall(" ".join(rest))}) >= _OWN_WORDS:
        return None
    first = min(found)
    return _walls()[first][0], found[first]


def no_record_problem(report: Report) -> Optional[str]:
    """The problem saying why ``report`` yielded no record, or None when it has records or a problem says why."""
    if report.incidents or any(p.startswith(_EXPLAINED) for p in report.problems):
        return None
    start, end = report.body_span
    body = report.text[start:end]
    wall = _wall(report.text)
    if wall is not None:
        return (f"W-EVENT-NONE: no event found: the page is a {wall[0]} ({wall[1][:40]!r}), not an article; "
                f"fetch it again (signed in, or from an archive) to read it")
    words = len(_WORD.findall(body))
    return (f"W-EVENT-NONE: no event found: the text ({words} words) names no attack, casualty or other event "
            f"that the reader knows")
