"""The theatre a report is read in: extraction sets it for the report's duration (a context variable), and the
lexicons that depend on the country (actors) read it."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, Optional

_CURRENT: ContextVar[Optional[str]] = ContextVar("warledger_theatre", default=None)
_ON_SWITCH: list[Callable[[], None]] = []
_LAST: list[Optional[str]] = [None]


def current_country() -> Optional[str]:
    """ISO2 code of the theatre being read (None: none known, only the global bundle applies)."""
    return _CURRENT.get()


def on_switch(fn: Callable[[], None]) -> None:
    """Call ``fn`` whenever reading moves to another theatre (caches keyed by text must be dropped)."""
    _ON_SWITCH.append(fn)


@contextmanager
def reading_in(country: Optional[str]) -> Iterator[None]:
    """Read in ``country``'s theatre for the duration of the block."""
    if _LAST[0] != country:
        _LAST[0] = country
        for fn in _ON_SWITCH:
            fn()
    token = _CURRENT.set(country)
    try:
        yield
    finally:
        _CURRENT.reset(token)
