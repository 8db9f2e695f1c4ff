"""warledger's exceptions, and the registry of its problem codes.  Every message names the input and says what to do.

Exceptions stop a command.  Problems do not: they are strings ``"CODE: words"`` on a report, a record or an
incident (ARCHITECTURE.md, "Problems", says what each code means).  :data:`PROBLEM_CODES` declares, once for every
documented code, which correction of an incident answers it (:mod:`warledger.store.corrections` moves an answered
problem to the incident's ``answered_problems``), or why no correction can.
"""
from __future__ import annotations

import re
from typing import NamedTuple, Optional

from warledger.record import COUNT_CATEGORIES


class WarledgerError(Exception):
    """Base class: the CLI prints ``warledger: <message>`` and exits non-zero."""


class InputError(WarledgerError):
    """An input file or line could not be read (names the file and line)."""


class GazetteerError(WarledgerError):
    """A gazetteer could not be loaded or built (names the path)."""


class StoreError(WarledgerError):
    """The ledger database could not be opened or written (names the database)."""


class ClusterError(WarledgerError):
    """Dask is missing, a scheduler cannot be reached, or the workers run another warledger (names which)."""


class ProblemCode(NamedTuple):
    """What answers a problem code: a correction of any one of ``answered_by`` (to a value, not to "unknown"); an
    entry "a+b" needs corrections of both a and b (the place: its name and its point, as the workbench's gazetteer
    picker sets them).  No field: ``no_field`` says why no correction of an incident answers it."""
    answered_by: tuple[str, ...]
    no_field: str = ""


NAMED = "named"   # the field the problem's own words name: "...disagree on FIELD: ..." (reconcile.dedup writes it)
PLACE = "location+latitude"   # the place an analyst set: its name and its point together
CASUALTIES = tuple(f"{s}.{c}" for s in ("killed", "injured") for c in COUNT_CATEGORIES) + ("fatalities",)
CHILDREN = ("killed.children", "injured.children")
SIDES = tuple(f"{s}.{c}" for s in ("killed", "injured") for c in ("civilians", "fighters"))


def _by(fields: tuple[str, ...], *codes: str) -> dict[str, ProblemCode]:
    return {code: ProblemCode(fields) for code in codes}


def _none(why: str, *codes: str) -> dict[str, ProblemCode]:
    return {code: ProblemCode((), why) for code in codes}


_REPORT = "about the report as read (its input, text or publication date), not a value of an incident"
_STAGE = "a stage failed on the report: run it again; no value of an incident is in question"
_MERGE = "about which records make the incident (a merge, an aggregate, a split): undo the merge or reject it"
_CLAIM = "a report's own total checked against its parts: what the report says stays true whatever is corrected"
PROBLEM_CODES: dict[str, ProblemCode] = {
    **_none(_REPORT, "W-HTML-CONVERTED", "W-TEXT-EMPTY", "W-TEXT-CLEANED", "W-TEXT-ENCODING", "W-PUBLISHED-UNREADABLE",
            "W-REPORT-SPLIT", "W-ID-MISSING", "W-ID-CONFLICT", "W-PUBLISHED-INVALID", "W-PUBLISHED-RANGE",
            "W-PUBLISHED-YEAR", "W-PUBLISHED-FUTURE", "W-URL-HEADLINE"),
    **_none(_STAGE, "E-EXTRACT-FAILED", "E-EXTRACT-TIMEOUT", "E-STORE-FAILED", "E-REPORT-UNREADABLE"),
    **_none(_MERGE, "W-DEDUP-TEXT-PLACE", "W-EVENT-NONE", "W-BACKGROUND", "W-TALLY", "W-TALLY-VAGUE", "W-TALLY-LARGE",
            "W-HEADLINE-TOTAL", "W-RESTATED", "W-SPLIT-CODING"),
    # merged reports disagree on a field (the vote) or a figure (the widest range): answered by a correction of the
    # field the problem's words name, the report's value an analyst picked as the one that holds or another
    "W-REPORTS-DISAGREE": ProblemCode((NAMED,)),
    **_none(_CLAIM, "W-CLAIM-MISMATCH", "W-CLAIM-UNCHECKED"),
    **_none("printed by an export, stored nowhere", "W-EXPORT-LEFT-OUT"),
    **_by(("country",), "W-COUNTRY-AMBIGUOUS", "W-COUNTRY-BY-TOWN", "W-COUNTRY-NONE", "W-COUNTRY-UNKNOWN"),
    **_by(("actor1",), "W-ACTOR-UNNAMED", "W-ACTOR-INHERITED", "W-ACTOR-JOINT"),
    **_by(("actor1", "actor2"), "W-ACTOR-PERIOD", "W-ACTOR-COUNTRY"),
    **_by(("event_date",), "W-DATE-NONE", "W-DATE-REPORT", "W-DATE-UNKNOWN", "W-DATE-ELSEWHERE", "W-DATE-RANGE",
          "W-DATE-NO-YEAR", "W-DATE-WEEKDAY-YEAR", "W-DATE-WEEKDAY-MISMATCH", "W-DATE-NEEDS-PUBLISHED",
          "W-DATE-REF-GUESSED", "W-DATE-IMPOSSIBLE", "W-DATE-FUTURE", "W-DATE-AFTER-PUBLISHED"),
    # a count problem is answered by a correction of a count of killed or injured people (or of fatalities); the
    # codes whose subject is one group or the strikes by a correction of that figure
    **_by(CASUALTIES, "W-COUNT-NONE", "W-COUNT-UNKNOWN", "W-COUNT-VAGUE", "W-COUNT-MIXED", "W-COUNT-UNREAD",
          "W-COUNT-RISING", "W-COUNT-DATE", "W-COUNT-ABSURD", "W-COUNT-RANGE-WIDENED"),
    **_by(SIDES, "W-CIVILIANS-INFERRED"),
    **_by(CHILDREN, "W-COUNT-ADULTS"),
    **_by(("strikes",), "W-STRIKE-YEAR", "W-STRIKE-BOUND"),
    **_by(("location",), "W-PLACE-INHERITED"),
    # the geocoder's problems, and a geocoding that failed, are answered by the place an analyst set
    **_by((PLACE,), "W-PLACE-LIST", "E-GEOCODE-FAILED", "W-GEO-NOT-FOUND", "W-GEO-NO-NAME", "W-GEO-AMBIGUOUS",
          "W-GEO-NAMED-WITH", "W-GEO-NEAR", "W-GEO-REGION", "W-GEO-UNIT", "W-GEO-GOVERNORATE", "W-GEO-CENTROID",
          "W-GEO-DISTRICT", "W-GEO-FROM-TEXT", "W-GEO-HOMONYM", "W-GEO-BORDER", "W-GEO-ROAD", "W-GEO-SPELLING"),
}


# Problems that make an incident's point a guess on a map (the workbench's dashed circle, the exports' place_guess);
# their producers: geocode.resolve.CENTROID_CODE and SPELLING_CODE, theatre.country.TOWN_GUESS_CODE
AREA_PROBLEM = "W-GEO-CENTROID"          # the point stands for an admin unit or region, not the place the report names
SPELLING_PROBLEM = "W-GEO-SPELLING"      # the place was found by a near spelling of the report's name only
TOWN_COUNTRY_PROBLEM = "W-COUNTRY-BY-TOWN"   # the country rests on a town's spelling, the report names none


def problem_code(problem: object) -> str:
    """ "W-DATE-RANGE: event date only known as ..." -> "W-DATE-RANGE"."""
    return str(problem).split(":", 1)[0].strip()


_NAMED_FIELD = re.compile(r"\bdisagree on ([a-z][a-z0-9_]*(?:\.[a-z]+)?):")


def named_field(problem: object) -> Optional[str]:
    """The field a problem's words name: "W-REPORTS-DISAGREE: reports disagree on actor1: ..." -> "actor1";
    None when they name none."""
    m = _NAMED_FIELD.search(str(problem))
    return m.group(1) if m else None


def answering_fields(problem: object) -> tuple[str, ...]:
    """The fields (or "a+b" pairs) a correction of which answers ``problem`` (:data:`PROBLEM_CODES`), the field its
    words name put in for :data:`NAMED`; () when no correction answers it."""
    entry = PROBLEM_CODES.get(problem_code(problem))
    if entry is None:
        return ()
    named = named_field(problem)
    return tuple(s for s in (named if s == NAMED else s for s in entry.answered_by) if s)


def os_message(exc: OSError) -> str:
    """A failed open, write or folder creation, naming the path and what to do (the CLI prints it)."""
    where = exc.filename if exc.filename is not None else "a file"
    why = exc.strerror or str(exc)
    return (f"cannot open or write {where!r}: {why}; check that its folder exists, that you may write there and "
            f"that the disk has room, or choose another path")
