"""Lookups by position that cost a bisection, not a pass over the whole report (issue 14: extraction time
linear in text length).  A clause asking "which place mentions start inside me?" or "where does my paragraph
begin?" by scanning every mention, or the text back to its last blank line, made a long report quadratic."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Any, Callable, Generic, Hashable, Iterable, Iterator, Optional, TypeVar

from warledger.extract.segment import BLANKS


T = TypeVar("T")


class ByStart(list[T]):
    """A list of mentions (anything with ``.start``, or a position given by ``start``), kept in its given order, that also answers
    :meth:`within` by bisection.  Build it once the list is final: later changes are not indexed."""

    def __init__(self, items: Iterable[T], start: Optional[Callable[[T], int]] = None) -> None:
        """``start`` gives an item's position when it is not ``item.start`` (``lambda r: r.span[0]``)."""
        super().__init__(items)
        at: Callable[[Any], int] = start or (lambda x: x.start)
        self._order = sorted(range(len(self)), key=lambda i: at(self[i]))
        self._starts = [at(self[i]) for i in self._order]

    def within(self, a: int, b: int) -> list[T]:
        """The items with ``a <= start < b``, in list order (the same as ``[x for x in self if a <= x.start < b]``)."""
        lo, hi = bisect_left(self._starts, a), bisect_left(self._starts, b)
        if hi - lo == 1:
            return [self[self._order[lo]]]
        return [self[i] for i in sorted(self._order[lo:hi])]


# a paragraph break starts at a line break that blanks (spaces, tabs, "\r") and another line break follow
# (segment.PARAGRAPH_BREAK): "\n\n", "\n  \n", "\r\n\r\n"
_BREAK = re.compile(r"\n(?=%s*\n)" % BLANKS)


class Paragraphs:
    """Where the paragraph breaks stand in a text, to answer ``text.rfind("\\n\\n", lo, pos)`` and
    ``text.find("\\n\\n", pos, end)`` by bisection (on a text without a break, each call read the whole text),
    a blank line holding blanks counting as a break too.  A break runs from its first line break to the end of
    the next one; the answers are where breaks start, among those that end by ``pos`` (``end``)."""

    def __init__(self, text: str) -> None:
        self._at = [m.start() for m in _BREAK.finditer(text)]
        self._end = [text.index("\n", i + 1) + 1 for i in self._at]  # ascending, as the starts are

    def rfind(self, pos: int, lo: int = 0) -> int:
        """The start of the last break in ``text[lo:pos]`` (for "\\n\\n" breaks ``text.rfind("\\n\\n", lo, pos)``)."""
        i = bisect_right(self._end, pos) - 1
        return self._at[i] if i >= 0 and self._at[i] >= lo else -1

    def find(self, pos: int, end: int) -> int:
        """The start of the first break in ``text[pos:end]`` (for "\\n\\n" breaks ``text.find("\\n\\n", pos, end)``)."""
        i = bisect_left(self._at, pos)
        return self._at[i] if i < len(self._at) and self._end[i] <= end else -1


K = TypeVar("K")


class KeyIndex(Generic[K]):
    """Records in the order they were added, found by any of their keys (``keys(record)``) instead of by a pass
    over all of them.  A record that changes is re-keyed with :meth:`rekey`; keys it no longer has may still
    find it, so a caller re-checks its full condition on every candidate."""

    def __init__(self, keys: Callable[[K], Iterable[Hashable]]) -> None:
        self._keys = keys
        self._items: list[K] = []
        self._pos: dict[int, int] = {}
        self._by: dict[Hashable, set[int]] = {}

    def add(self, item: K) -> None:
        self._pos[id(item)] = len(self._items)
        self._items.append(item)
        self.rekey(item)

    def rekey(self, item: K) -> None:
        pos = self._pos[id(item)]
        for k in self._keys(item):
            self._by.setdefault(k, set()).add(pos)

    def candidates(self, keys: Iterable[Hashable]) -> Iterator[K]:
        """The records with any of ``keys``, in the order they were added."""
        found: set[int] = set()
        for k in keys:
            found |= self._by.get(k, set())
        return (self._items[p] for p in sorted(found))
