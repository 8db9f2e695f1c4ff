"""A pattern's matches found by trying it only where a match can begin (a candidate-word jump).

Python's engine tries a pattern at every position of the text.  A date pattern of a dozen alternatives, each opening
with a word boundary and a word ("since", "the", a month, a number word) or a digit, costs that at every character,
most of them inside words.  :func:`start_jump` reads the parsed pattern once and writes one search for the positions
where some alternative can begin: a word start (where the alternative opens with ``\\b`` and a letter) whose first
two characters begin that alternative, or a character of its first class (a digit, anywhere).  :class:`Jumped` then
runs that C-speed search and tries the whole pattern, anchored (``match``), only there.

Equivalence: ``search`` gives the leftmost position where the pattern matches; the jump stops at every position where
it can (it is generous: case-insensitive, a digit anywhere, a ``\\b`` only where the word characters are ASCII letters
of the pattern's own literals), and the anchored ``match`` at a position is what ``search`` would find there (look-
behinds and ``\\b`` see the text before ``pos``; ``endpos`` cuts the text for both).  So :meth:`Jumped.search` and
:meth:`Jumped.finditer` give the same matches as the pattern's own, group for group (``tests/test_jump.py``).  A
pattern whose starts cannot be told (a class of any character, an empty match) gets no jump: the pattern itself runs.
"""
from __future__ import annotations

import re
from re import _constants as _C  # type: ignore[attr-defined]  # private: typeshed has no stubs for it
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # private: typeshed has no stubs for it
from typing import Any, Iterator, Optional

from warledger.extract.scanner import ANY_CHAR, IGNORE_CASE, class_seq, seq_prefixes

_WORD_START = "\0ws"  # in a start: \b or (?<!\w), then an ASCII letter (the character before is no \w)
_DEPTH = 12  # nested optional groups and alternations followed this deep, then the plain prefix reading takes over
_ZERO_WIDTH = (_C.AT, _C.ASSERT, _C.ASSERT_NOT)
_REPEATS = (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None))
_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)


def _NOT_AFTER_WORD(item: tuple[Any, Any]) -> bool:
    """Whether a parsed item is a look-behind such as ``(?<!\\w)`` or ``(?<![\\w-])``: no word character before."""
    op, av = item
    if op is not _C.ASSERT_NOT or av[0] != -1:
        return False
    sub = list(av[1])  # one character, of a class that holds \w: (?<!\w), (?<![\w-])
    return len(sub) == 1 and sub[0][0] is _C.IN and (_C.CATEGORY, _C.CATEGORY_WORD) in list(sub[0][1]) and \
        (_C.NEGATE, None) not in list(sub[0][1])


def _starts(items: list[Any], ws: bool, depth: int, out: set[tuple[str, ...]]) -> bool:
    """Add to ``out`` how a match of the sequence ``items`` can begin: ``(word_start, c1, c2)`` (two characters, the
    second lower-cased or ``ANY_CHAR``; ``word_start`` "" or :data:`_WORD_START`) or ``("class", text)``.  False when
    it cannot be told (the sequence may match the empty string, or its first character is any)."""
    i = 0
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        if items[i][0] is _C.AT and items[i][1] is _C.AT_BOUNDARY or _NOT_AFTER_WORD(items[i]):
            ws = True
        i += 1
    if i == len(items):
        return False
    op, av = items[i]
    rest = list(items[i + 1:])
    if depth < _DEPTH:
        if op is _C.SUBPATTERN:
            return _starts(list(av[3]) + rest, ws, depth + 1, out)
        if op is _ATOMIC:
            return _starts(list(av) + rest, ws, depth + 1, out)
        if op is _C.BRANCH:
            return all(_starts(list(b) + rest, ws, depth + 1, out) for b in av[1])
        if op in _REPEATS and av[0] == 0 and av[1] == 1:  # an optional item: with it, or without it
            return _starts(list(av[2]) + rest, ws, depth + 1, out) and _starts(rest, ws, depth + 1, out)
    two = seq_prefixes(items[i:], True, 2)
    if two is not None and two:
        for p in two:
            c1, c2 = p[0], (p[1] if len(p) > 1 else ANY_CHAR).lower()
            if not (c1.isascii() and c1.isalpha()):
                break  # a digit (any script's), a mark, a letter outside ASCII: read as a class below
            if not (c2.isascii() and c2.isalpha()):
                c2 = ANY_CHAR  # a digit second could be any script's digit
            out.add((_WORD_START if ws else "", c1.lower(), c2))
        else:
            return True
    cls: list[str] = []
    nullable = class_seq(items[i:], cls)
    if nullable is None or nullable or not cls:
        return False
    out.add(("class", "[" + "".join(x for x in dict.fromkeys(cls) if x != IGNORE_CASE) + "]"))
    return True


def start_jump(rx: re.Pattern[str]) -> Optional[re.Pattern[str]]:
    """The search for the next position where a match of ``rx`` can begin (see the module's doc); None when the
    positions cannot be told."""
    out: set[tuple[str, ...]] = set()
    if not _starts(list(_sre_parse.parse(rx.pattern, rx.flags)), False, 0, out):
        return None
    classes = sorted({x[1][1:-1] for x in out if x[0] == "class"})  # one class of every class start
    branches = ["[" + "".join(classes) + "]"] if classes else []
    for ws in (_WORD_START, ""):
        firsts: dict[str, set[str]] = {}
        for x in out:
            if x[0] == ws:
                firsts.setdefault(x[1], set()).add(x[2])
        if not firsts:
            continue
        if ws and rx.flags & re.ASCII:  # an ASCII \b holds after a letter outside ASCII: no look-behind then
            ws = ""
        alts = [c1 if ANY_CHAR in c2s else f"{c1}[{''.join(sorted(c2s))}]" for c1, c2s in sorted(firsts.items())]
        branches.append(("(?<!\\w)" if ws else "") + "(?:" + "|".join(alts) + ")")
    return re.compile("|".join(branches), re.IGNORECASE)


JUMPED: list["Jumped"] = []  # every Jumped pattern: the tests compare each with its plain pattern


class Jumped:
    """``rx`` searched with :func:`start_jump`: ``search`` and ``finditer`` give the same matches as ``rx``'s own."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self.jump = start_jump(rx)
        if rx.match("") is not None:
            self.jump = None  # an empty match: finditer's rules for it are the engine's own
        JUMPED.append(self)

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def match(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match[str]]:
        return self.rx.match(text, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match[str]]:
        return next(self.finditer(text, pos, endpos), None)

    def finditer(self, text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else min(endpos, len(text))
        if self.jump is None:
            yield from self.rx.finditer(text, pos, end)
            return
        jump, match = self.jump.search, self.rx.match
        while True:
            w = jump(text, pos, end)
            if w is None:
                return
            p = w.start()
            m = match(text, p, end)
            if m is None:
                pos = p + 1
                continue
            yield m
            pos = m.end() if m.end() > p else p + 1
