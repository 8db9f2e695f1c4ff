"""The words every match of a pattern holds, so that a span holding none of them is not searched at all.

Python's engine tries a pattern at every position of a span.  A pattern such as the strike counts ("3 Russian
airstrikes": a count, its modifiers, then one of a few nouns) costs that at each word of every clause, although
most clauses hold none of its nouns.  :func:`needed` reads the parsed pattern once and gives a few literal strings
of which every match holds at least one (here "strike", "raid", "shell" ...); :class:`Needing` looks for them in
the span (:meth:`str.find` on the text lower-cased once) and runs the pattern only where one is.

Equivalence: the strings are taken from literal characters that a match must read in order (a run of literals in a
sequence; the union over a branch's alternatives, none when one alternative has none; a repeat's body when it
must occur once; nothing from a class, a look-around or a back-reference), so a span with none of them has no match,
and where one is the pattern itself runs: :meth:`Needing.search`, :meth:`Needing.finditer` and
:meth:`Needing.match` give the pattern's own matches (``tests/extract/test_needs.py``).  Cases: the strings are
lower-cased and only ASCII characters are kept; the text is lower-cased too after the four characters that a
case-insensitive ASCII letter also matches and ``str.lower`` does not map to it ("İ", "ı", "ſ"; the Kelvin sign
lowers to "k") are mapped to it, so that a case-insensitive match is always found (a case-sensitive one as well:
the check is only looser).  The strings come from the pattern store (:func:`warledger.lexcache.derived_text`).
"""
from __future__ import annotations

import re
from re import _constants as _C  # type: ignore[attr-defined]  # private: typeshed has no stubs for it
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # private: typeshed has no stubs for it
from typing import Any, Iterator, Optional

from warledger.lexcache import derived_text

_MOST = 24  # more strings than this: not worth looking for (the pattern runs everywhere)
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None))
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)
# characters that a case-insensitive ASCII letter matches and str.lower does not give as that letter ("İ" lowers
# to two characters: mapped first, every other offset of the text stays)
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})
_ODD = ("\u0130", "\u0131", "\u017f")


def _better(a: Optional[frozenset[str]], b: Optional[frozenset[str]]) -> Optional[frozenset[str]]:
    """The more telling of two sets of strings (each enough): the longer shortest string, then the fewer strings."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _seq(items: Any, depth: int) -> Optional[frozenset[str]]:
    """A set of strings one of which every match of the sequence ``items`` holds (None: none known)."""
    best: Optional[frozenset[str]] = None
    run: list[str] = []
    for op, av in list(items) + [(None, None)]:
        if op is _C.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            best = _better(best, frozenset({"".join(run)}))
            run = []
        if op is not None and depth < 40:
            best = _better(best, _item(op, av, depth + 1))
    return best


def _item(op: Any, av: Any, depth: int) -> Optional[frozenset[str]]:
    if op is _C.SUBPATTERN:
        return _seq(av[3], depth)
    if op is _ATOMIC:
        return _seq(av, depth)
    if op in _REPEATS and av[0] >= 1:
        return _seq(av[2], depth)
    if op is _C.BRANCH:
        out: set[str] = set()
        for alt in av[1]:
            got = _seq(alt, depth)
            if got is None:
                return None
            out |= got
        return _minimal(out)
    return None


def _minimal(words: set[str]) -> Optional[frozenset[str]]:
    """``words`` without those that hold another one (a span holding "airstrikes" holds "strike"); None when too
    many are left to be worth the look."""
    kept = frozenset(w for w in words if not any(o != w and o in w for o in words))
    return kept if len(kept) <= _MOST else None


def _derive(pattern: str, flags: int) -> Optional[str]:
    got = _seq(_sre_parse.parse(pattern, flags), 0)
    return None if got is None or min(map(len, got)) < 3 else "\n".join(sorted(got))


def needed(rx: re.Pattern[str]) -> Optional[tuple[str, ...]]:
    """Lower-case ASCII strings one of which every match of ``rx`` holds (case-insensitively); None when no such
    set of strings of three characters or more is known."""
    got = derived_text("needed_words", rx.pattern, rx.flags, _derive)
    return None if got is None else tuple(got.split("\n"))


_last: tuple[str, str] = ("", "")


def folded(text: str) -> str:
    """``text`` lower-cased, "İ", "ı" and "ſ" read as "i", "i" and "s" (the same length: offsets stay); the last
    text's is kept."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low = (text.translate(_FOLD) if any(c in text for c in _ODD) else text).lower()
    _last = (text, low)
    return low


class Needing:
    """``rx``, run only on spans that hold one of the strings of :func:`needed` (see the module's doc)."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.words = needed(rx)

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def holds(self, text: str, pos: int, endpos: int) -> bool:
        """Whether ``text[pos:endpos]`` holds one of the strings (always, when there are none)."""
        words = self.words
        if words is None:
            return True
        low = folded(text)
        pos = max(pos, 0)  # (a negative start is the text's start to the engine, an offset from the end to find)
        for w in words:
            if low.find(w, pos, endpos) >= 0:
                return True
        return False

    def search(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        return self.rx.search(text, pos, end) if self.holds(text, pos, end) else None

    def match(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        return self.rx.match(text, pos, end) if self.holds(text, pos, end) else None

    def finditer(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        return self.rx.finditer(text, pos, end) if self.holds(text, pos, end) else iter(())
