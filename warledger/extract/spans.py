"""Lookups by position that cost a bisection, not a pass over the whole report (issue 14: extraction time
linear in text length).  A clause asking "which place mentions start inside me?" or "where does my paragraph
begin?" by scanning every mention, or the text back to its last blank line, made a long report quadratic."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, Protocol, TypeVar


class _HasStart(Protocol):
    @property
    def start(self) -> int: ...


T = TypeVar("T", bound=_HasStart)


class ByStart(list[T]):
    """A list of mentions (anything with ``.start``), kept in its given order, that also answers
    :meth:`within` by bisection.  Build it once the list is final: later changes are not indexed."""

    def __init__(self, items: Iterable[T]) -> None:
        super().__init__(items)
        self._order = sorted(range(len(self)), key=lambda i: self[i].start)
        self._starts = [self[i].start for i in self._order]

    def within(self, a: int, b: int) -> list[T]:
        """The items with ``a <= start < b``, in list order (the same as ``[x for x in self if a <= x.start < b]``)."""
        lo, hi = bisect_left(self._starts, a), bisect_left(self._starts, b)
        if hi - lo == 1:
            return [self[self._order[lo]]]
        return [self[i] for i in sorted(self._order[lo:hi])]


class Paragraphs:
    """Where the blank lines ("\\n\\n") of a text are, to answer ``text.rfind("\\n\\n", 0, pos)`` by bisection."""

    def __init__(self, text: str) -> None:
        self._at = [m.start() for m in re.finditer(r"(?=\n\n)", text)]

    def rfind(self, pos: int) -> int:
        """The same as ``text.rfind("\\n\\n", 0, pos)``: the last blank line ending at or before ``pos``, or -1."""
        i = bisect_right(self._at, pos - 2) - 1
        return self._at[i] if i >= 0 else -1
