"""Numbers as reports write them: digits, words, vague quantities and bounds -> :class:`Range`.

"7" -> 7/7/7; "three" -> 3; "a child" -> 1; "dozens" -> low 12 best 12 (ACLED's rule); "tens" -> 10;
"more than 125" -> low 126; "at least 53" -> low 53; "about 180" -> best 180; "nearly 32"/"up to 9" ->
high; "a large number" -> no figure (None, with a problem note).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from warledger.errors import InputError
from warledger.extract.lexicon import alternation, rows
from warledger.record import Range

_ROWS = rows("numbers.tsv", 3)
WORD_VALUE: dict[str, tuple[Optional[int], str]] = {
    w.lower(): ((None if v == "-" else int(v)), k) for w, v, k in _ROWS}
BOUNDS: dict[str, str] = {p.lower(): e for p, e in rows("bounds.tsv", 2)}
for _p, _e in BOUNDS.items():
    if _e not in ("above", "atleast", "about", "below", "atmost"):
        raise InputError(f"warledger/data/bounds.tsv: unknown effect {_e!r} for {_p!r}; fix the file (its header describes the columns)")

_NUMWORDS = [w for w, (_, k) in WORD_VALUE.items() if k in ("unit", "tens", "scale") and w not in ("no", "single", "both")]
_WORD = alternation(_NUMWORDS)
NUMBER_WORDS = _WORD
_PHRASES = [w for w, (_, k) in WORD_VALUE.items() if k in ("vague", "unknown", "article") or w in ("no", "single", "both")]
# the core of a count: digits, a compound of number words, or a vague/unknown phrase
NUMBER_CORE = (r"(?:\d{1,3}(?:,\d{3})+|\d+|(?:%s)(?:(?:\s+and\s+|[\s-]+)(?:%s))*|%s)"
               % (_WORD, _WORD, alternation(_PHRASES)))
BOUND = r"(?:%s)" % alternation(list(BOUNDS))
# a count with an optional bound; group "bound" and "num"
# "between 2 and 4", "2 to 4", "10-12": a range; group "num" holds the low end, "hi" the high end
QUANTITY = (r"(?:(?:(?P<bound>%s)\s+)?(?P<num>%s)|(?:between\s+)?(?P<lo>\d+)\s*(?:-|–|to|and)\s*(?P<hi>\d+)(?=\s|$))"
            % (BOUND, NUMBER_CORE))
_QUANTITY_RE = re.compile(r"^%s$" % QUANTITY, re.I)
_SPLIT = re.compile(r"\s+and\s+|[\s-]+")


@dataclass(frozen=True, slots=True)
class Quantity:
    range: Optional[Range]       # None when the words give no figure ("a large number")
    problem: Optional[str] = None


def words_value(words: str) -> Optional[int]:
    """Value of a number written in words or digits ("twenty-five", "1,200", "one hundred and five")."""
    w = words.strip().lower()
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", w):
        return int(w.replace(",", ""))
    if w in WORD_VALUE:
        return WORD_VALUE[w][0]
    total, current = 0, 0
    for part in _SPLIT.split(w):
        if not part:
            continue
        v = WORD_VALUE.get(part)
        if v is None or v[0] is None:
            return None
        n, kind = v
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
    key = re.sub(r"\s+", " ", num.strip().lower())
    info = WORD_VALUE.get(key)
    if info is not None and info[1] == "unknown":
        return Quantity(None, f"count not stated as a number: {num.strip()!r}")
    n = words_value(key)
    if n is None:
        return Quantity(None, f"count not understood: {num.strip()!r}")
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


def quantity_of(m: "re.Match[str]") -> Quantity:
    """The :class:`Quantity` a match of :data:`QUANTITY` states (a bounded count or a "between" range)."""
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
