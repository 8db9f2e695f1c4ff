"""Numbers as reports write them: digits, words, vague quantities and bounds -> :class:`Range`.

"7" -> 7/7/7; "three" -> 3; "a child" -> 1; "dozens" -> low 12 best 12 (ACLED's rule); "tens" -> 10;
"more than 125" -> low 126; "at least 53" -> low 53; "about 180" -> best 180; "nearly 32"/"up to 9" ->
high; "a large number" -> no figure (None, with a problem note).

A number that belongs to a date is never a count (:func:`date_part`): a year ("a 2019 airstrike", "the 2015
raids"), a day or year beside a month name ("21 April 2024 strike", "the Aug. 29 drone strike", "on 3 June
Syrian civilians") or an ordinal ("the 2nd strike").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from warledger.errors import InputError
from warledger.extract.dates import MONTH_PATTERN
from warledger.extract.lexicon import alternation, rows
from warledger.record import COUNT_CATEGORIES, Incident, Range

_ROWS = rows("numbers.tsv", 3)
WORD_VALUE: dict[str, tuple[Optional[int], str]] = {
    w.lower(): ((None if v == "-" else int(v)), k) for w, v, k in _ROWS}
BOUNDS: dict[str, str] = {p.lower(): e for p, e in rows("bounds.tsv", 2)}
for _p, _e in BOUNDS.items():
    if _e not in ("above", "atleast", "about", "below", "atmost"):
        raise InputError(f"warledger/data/bounds.tsv: unknown effect {_e!r} for {_p!r}; fix the file (its header describes the columns)")

# the largest figures one incident can state (warledger/data/plausible.tsv): larger ones are period totals
PLAUSIBLE_BOUND: dict[str, int] = {}
for _f, _b in rows("plausible.tsv", 2):
    if _f not in ("strikes", "killed", "injured", "any") or not _b.isdigit():
        raise InputError(f"warledger/data/plausible.tsv: bad row {_f!r} {_b!r} (field strikes/killed/injured/any, "
                         f"a whole number); fix the file (its header describes the columns)")
    PLAUSIBLE_BOUND[_f] = int(_b)
if set(PLAUSIBLE_BOUND) != {"strikes", "killed", "injured", "any"}:
    raise InputError("warledger/data/plausible.tsv: needs one row each for strikes, killed, injured and any")
# no figure above this is a count (plausible.tsv's "any" row): see refuse_absurd
COUNT_CEILING = PLAUSIBLE_BOUND["any"]

_NUMWORDS = [w for w, (_, k) in WORD_VALUE.items() if k in ("unit", "tens", "scale") and w not in ("no", "single", "both")]
_WORD = alternation(_NUMWORDS)
NUMBER_WORDS = _WORD
_PHRASES = [w for w, (_, k) in WORD_VALUE.items() if k in ("vague", "unknown", "article") or w in ("no", "single", "both")]
# the core of a count: digits, a compound of number words, or a vague/unknown phrase.  A compound has at most
# MAX_NUMBER_WORDS words ("one hundred and twenty-five thousand three hundred and forty-two" has nine): an
# unbounded repeat made a run of n number words cost n steps at each of its n starts (quadratic)
MAX_NUMBER_WORDS = 12
NUMBER_CORE = (r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:%s)(?:(?:\s+and\s+|[\s-]+)(?:%s)){0,%d}|%s)"
               % (_WORD, _WORD, MAX_NUMBER_WORDS - 1, alternation(_PHRASES)))
BOUND = r"(?:%s)" % alternation(list(BOUNDS))
# a count with an optional bound; group "bound" and "num"
# "between 2 and 4", "2 to 4", "10-12": a range; group "num" holds the low end, "hi" the high end
QUANTITY = (r"(?:(?:(?P<bound>%s)\s+)?(?P<num>%s)|(?:between\s+)?(?P<lo>\d+)\s*(?:-|–|to|and)\s*(?P<hi>\d+)(?=\s|$))"
            % (BOUND, NUMBER_CORE))
_QUANTITY_RE = re.compile(r"^%s$" % QUANTITY, re.I)
_SPLIT = re.compile(r"\s+and\s+|[\s-]+")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")  # a count in digits ("1,200", "15")
_FOUR_DIGITS = re.compile(r"\d{4}")
# a four-digit number in this span, written without a thousands separator and with no bound before it, is a year
YEAR_SPAN = (1900, 2099)
_MONTH = r"(?=[A-Z])(?i:%s)(?![a-z])" % MONTH_PATTERN  # capitalised: "may" and "march" are also verbs
_MONTH_BEFORE = re.compile(r"(?<![\w-])%s\s*$" % _MONTH)
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?%s" % _MONTH)
_DAY_BEFORE = re.compile(r"(?<![\w,.])\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?$", re.I)
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b", re.I)
# "2:15", "10:30": digits right after a clock time's hour and colon are minutes; "2:0015 dead" is a page's time
# ("2:00") glued to the next element's words, read as no count
_CLOCK_BEFORE = re.compile(r"(?<![\d:])\d{1,2}:$")


@dataclass(frozen=True, slots=True)
class Quantity:
    range: Optional[Range]       # None when the words give no figure ("a large number")
    problem: Optional[str] = None


def words_value(words: str) -> Optional[int]:
    """Value of a number written in words or digits ("twenty-five", "1,200", "one hundred and five")."""
    w = words.strip().lower()
    if _DIGITS.fullmatch(w):
        return int(w.replace(",", ""))
    if w in WORD_VALUE:
        return WORD_VALUE[w][0]
    total, current = 0, 0
    for part in _SPLIT.split(w):
        if not part:
            continue
        n, kind = WORD_VALUE.get(part, (None, ""))
        if n is None:
            return None
        if kind == "scale":
            current = max(current, 1) * n
            if n >= 1000:
                total += current
                current = 0
        else:
            current += n
    return total + current


def quantity(bound: Optional[str], num: str) -> Quantity:
    """The :class:`Range` that ``bound`` + ``num`` state."""
    key = _SPACES.sub(" ", num.strip().lower())
    info = WORD_VALUE.get(key)
    if info is not None and info[1] == "unknown":
        return Quantity(None, f"W-COUNT-VAGUE: count not stated as a number: {num.strip()!r}")
    n = words_value(key)
    if n is None:
        return Quantity(None, f"W-COUNT-UNREAD: count not understood: {num.strip()!r}")
    vague = info is not None and info[1] == "vague"
    effect = BOUNDS.get(re.sub(r"\s+", " ", bound.lower())) if bound else None
    if vague:
        return Quantity(Range(n, n, None))
    if effect is None:
        return Quantity(Range.exact(n))
    if effect == "above":
        return Quantity(Range(n + 1, None, None))
    if effect == "atleast":
        return Quantity(Range(n, None, None))
    if effect == "about":
        return Quantity(Range(None, n, None))
    if effect == "below":
        return Quantity(Range(None, None, max(n - 1, 0)))
    return Quantity(Range(None, None, n))


def date_part(text: str, start: int, end: int, bounded: bool = False) -> Optional[str]:
    """Why the number written at ``text[start:end]`` is part of a date rather than a count, or None.

    A year (a four-digit number in :data:`YEAR_SPAN` with no thousands separator and, when ``bounded``
    is false, no bound such as "more than" before it), a day or year beside a month name ("21 April",
    "Aug. 29", "April 2024"), an ordinal ("2nd") and the minutes of a clock time ("2:15", also with another
    element's figure glued on: "2:0015 dead") are never counts."""
    num = text[start:end]
    if not bounded and _FOUR_DIGITS.fullmatch(num) and YEAR_SPAN[0] <= int(num) <= YEAR_SPAN[1]:
        return f"{num} is a year"
    if not num[:1].isdigit():
        return None
    if _CLOCK_BEFORE.search(text, max(0, start - 3), start):
        return (f"{num} follows a clock time's colon: its minutes" + ("" if len(num) <= 2 else
                ", glued to what a page's next element says (never a count)"))
    month = _MONTH_BEFORE.search(text, max(0, start - 12), start)
    if month and not _DAY_BEFORE.search(text, max(0, month.start() - 12), month.start()):
        return f"{num} follows a month name: a date"  # (after "the 25th of June" a number is no day)
    if int(num.replace(",", "")) <= 31 and _MONTH_AFTER.match(text, end):
        return f"{num} comes before a month name: a date"
    if _ORDINAL_AFTER.match(text, end):
        return f"{num}{text[end:end + 2]} is an ordinal"
    return None


def count_date_part(m: "re.Match[str]") -> Optional[str]:
    """:func:`date_part` for a match of :data:`QUANTITY` (each end of a "2018-2019" range is looked at)."""
    if m.group("lo") is not None:
        return date_part(m.string, m.start("lo"), m.end("lo")) or date_part(m.string, m.start("hi"), m.end("hi"))
    return date_part(m.string, m.start("num"), m.end("num"), bounded=m.group("bound") is not None)


def quantity_of(m: "re.Match[str]") -> Quantity:
    """The :class:`Quantity` a match of :data:`QUANTITY` states (a bounded count or a "between" range).

    A number that is part of a date (:func:`count_date_part`) gives no figure and a "W-COUNT-DATE" problem."""
    why = count_date_part(m)
    if why is not None:
        return Quantity(None, f"W-COUNT-DATE: {m.group(0).strip()!r} is no count: {why}")
    if m.group("lo") is not None:
        lo, hi = sorted((int(m.group("lo")), int(m.group("hi"))))
        return Quantity(Range(lo, None, hi))
    return quantity(m.group("bound"), m.group("num"))


def quantity_span(m: "re.Match[str]") -> tuple[int, int]:
    """Where the count words of a :data:`QUANTITY` match stand."""
    if m.group("lo") is not None:
        return m.start("lo"), m.end("hi")
    return (m.start("bound") if m.group("bound") else m.start("num")), m.end("num")


def parse_quantity(text: str) -> Quantity:
    """Parse a whole phrase such as "more than 125" or "dozens"; raises ValueError when it is no count."""
    m = _QUANTITY_RE.match(text.strip())
    if not m:
        raise ValueError(f"not a count: {text!r}")
    return quantity_of(m)


def _too_big(r: Range) -> bool:
    return any(v is not None and v > COUNT_CEILING for v in (r.low, r.best, r.high))


def refuse_absurd(records: Iterable[Incident]) -> None:
    """Leave null every figure of ``records`` above :data:`COUNT_CEILING` (killed and injured by category,
    fighters by faction, strikes), without its evidence, with a W-COUNT-ABSURD problem naming what was said:
    "killed 5000000 civilians" is no count of events, whatever the path that read it."""
    for inc in records:
        refused: list[tuple[str, Range]] = []
        for what in ("killed", "injured"):
            counts = getattr(inc, what)
            for cat in COUNT_CATEGORIES:
                r = counts.get(cat)
                if r is not None and _too_big(r):
                    counts.set(cat, None)
                    refused.append((f"{what}.{cat}", r))
            groups = getattr(inc, f"{what}_groups")
            refused += [(f"{what}_groups", g.count) for g in groups if _too_big(g.count)]
            groups[:] = [g for g in groups if not _too_big(g.count)]
        if inc.strikes is not None and _too_big(inc.strikes):
            refused.append(("strikes", inc.strikes))
            inc.strikes = None
        if not refused:
            continue
        fields = {f for f, _ in refused}
        inc.evidence = [e for e in inc.evidence if e.field not in fields]
        said = ", ".join(f"{f} {max(v for v in (r.low, r.best, r.high) if v is not None):,}" for f, r in refused)
        inc.problems.append(f"W-COUNT-ABSURD: {said}: above {COUNT_CEILING:,}, more than a report can count of its "
                            f"events (warledger/data/plausible.tsv); left null")
