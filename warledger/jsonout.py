"""Writing records as JSON lines or as one JSON array, to a file or standard output.

The commands that print records (``extract``, ``geocode``, ``incidents``) share this writer, so every
one of them offers the same two formats with the same shape."""
from __future__ import annotations

import json
import sys
from types import TracebackType
from typing import IO, Any, Optional


class RecordWriter:
    """``with RecordWriter(path, "jsonl") as w: w.write(rec)``; ``path`` None means standard output.

    ``jsonl`` writes one record a line; ``json`` writes one array.  The array is closed only when the
    block ends without an error, so a failed run never leaves output that looks complete.
    """

    def __init__(self, path: Optional[str], fmt: str = "jsonl") -> None:
        if fmt not in ("jsonl", "json"):
            raise ValueError(f"format must be 'jsonl' or 'json', not {fmt!r}")
        self.path, self.fmt, self.count = path, fmt, 0
        self.out: IO[str] = sys.stdout

    def __enter__(self) -> "RecordWriter":
        if self.path:
            self.out = open(self.path, "w", encoding="utf-8")
        if self.fmt == "json":
            self.out.write("[")
        return self

    def write(self, rec: Any) -> None:
        text = json.dumps(rec, ensure_ascii=False)
        if self.fmt == "json":
            self.out.write(("," if self.count else "") + "\n" + text)
        else:
            self.out.write(text + "\n")
        self.count += 1

    def __exit__(self, exc_type: Optional[type[BaseException]], exc: Optional[BaseException],
                 tb: Optional[TracebackType]) -> None:
        try:
            if exc_type is None and self.fmt == "json":
                self.out.write("\n]\n")
        finally:
            if self.path:
                self.out.close()
