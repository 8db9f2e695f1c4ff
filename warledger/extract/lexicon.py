"""Loading the extraction lexicons (``warledger/data/*.tsv``) once, with named errors."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from warledger.errors import InputError


@lru_cache(maxsize=None)
def rows(name: str, ncols: int) -> tuple[tuple[str, ...], ...]:
    """The data rows of ``warledger/data/<name>``: tab-separated, ``#`` comments and blank lines skipped.

    Raises :class:`InputError` naming the file and line when a row has the wrong number of columns.
    """
    text = resources.files("warledger.data").joinpath(name).read_text(encoding="utf-8")
    if not text.startswith("# source:"):
        raise InputError(f"warledger/data/{name}: the first line must be a '# source: ...' comment")
    out: list[tuple[str, ...]] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = tuple(c.strip() for c in line.split("\t"))
        if len(cols) != ncols:
            raise InputError(f"warledger/data/{name} line {n}: expected {ncols} tab-separated columns, "
                             f"got {len(cols)}: {line!r}; fix the file (columns are described in its header)")
        out.append(cols)
    return tuple(out)


def alternation(phrases: list[str], escape: bool = True) -> str:
    """A regex alternation of ``phrases``, longest first so the longest phrase wins; phrases of one length keep
    their order in ``phrases`` (a set's order changed with each process's hash seed, and so the pattern's text)."""
    items = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") if escape else p for p in items)
