"""Tune and check halves of the evaluation sets (the project's rule).

Every dev set is split by a hash of each line's ``id``: a line is in the *tune* half when
``sha1(str(id).encode("utf-8")).digest()[0] % 2 == 0``, else in the *check* half.  Tune-half examples
may be read to find phenomena; check-half lines are only scored.  A rule that raises the tune score but
not the check score is memorising.  This module is the one place that decides a line's half; the eval
command, its report and the real-data tests all use it.
"""
from __future__ import annotations

import hashlib
from typing import Any, Iterable, Mapping, Optional, Sequence, TypeVar

HALVES = ("tune", "check")
T = TypeVar("T", bound=Mapping[str, Any])  # a line: a mapping with an "id"


def half_of(line_id: Any) -> str:
    """'tune' or 'check': the half of the line whose ``id`` is ``line_id``."""
    return "tune" if hashlib.sha1(str(line_id).encode("utf-8")).digest()[0] % 2 == 0 else "check"


def in_half(lines: Iterable[T], half: Optional[str]) -> list[T]:
    """The lines (dicts with an ``id``) of ``half``; all of them when ``half`` is None."""
    if half is None:
        return list(lines)
    if half not in HALVES:
        raise ValueError(f"half must be one of {', '.join(HALVES)}, not {half!r}")
    return [x for x in lines if half_of(x["id"]) == half]


def ids_digest(lines: Sequence[Any]) -> str:
    """A short digest of the ids of ``lines``, in order: what a saved score was measured on."""
    h = hashlib.sha256()
    for x in lines:
        h.update(str(x["id"]).encode("utf-8") + b"\n")
    return h.hexdigest()[:16]
