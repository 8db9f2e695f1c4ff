"""What kind of input a report is: a row of a coded event dataset (ACLED, UCDP GED: one event its coders already
told apart from every other row) or a report to reconcile with others.  The input says so, never the body's look: a
line's ``"coded"`` field, its ``"source"`` naming a coded dataset, or the dataset's own row key among its fields
(``data/coded_datasets.tsv``).  A one-line news text that reads like a note is still a report."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

CODED_TSV = Path(__file__).resolve().parent.parent / "data" / "coded_datasets.tsv"


@lru_cache(maxsize=1)
def _table() -> tuple[Optional[re.Pattern[str]], tuple[str, ...]]:
    sources: list[str] = []
    fields: list[str] = []
    for line in CODED_TSV.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        what, value = (c.strip() for c in line.split("\t", 1))
        (sources if what == "source" else fields).append(value)
    names = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sources)
    return (re.compile(rf"(?<!\w)(?:{names})(?!\w)", re.I) if names else None), tuple(fields)


def coded_source(source: Optional[str]) -> bool:
    """Whether a report's ``source`` names a coded event dataset ("ACLED notes", "UCDP GED 23.1")."""
    pattern = _table()[0]
    return bool(source) and pattern is not None and pattern.search(str(source)) is not None


def coded_input(line: Mapping[str, Any]) -> bool:
    """Whether an input line (a JSON object or a contract dict) is a row of a coded event dataset: its ``"coded"``
    field when it has one (true or false), else its ``"source"`` or the dataset's row key among its fields."""
    said = line.get("coded")
    if isinstance(said, bool):
        return said
    if coded_source(line.get("source") if isinstance(line.get("source"), str) else None):
        return True
    return any(line.get(name) not in (None, "") for name in _table()[1])
