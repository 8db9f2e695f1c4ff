"""Cutting the input into parts: what one Dask task reads.

A part is a path and a byte range.  A JSON-lines file (not compressed) is cut at line ends into blocks
of ``block_lines`` lines; a compressed file or a text/HTML document is one part.  Each part also carries
the number of its first line as serial reading counts it (Python's text mode, where ``\\r\\n``, ``\\n``
and a lone ``\\r`` each end a line), so that a report without an id is named ``FILE:LINE`` as serial
``warledger extract`` names it, and its messages give the same line numbers.

Parts are numbered in input order (paths in the order given, a folder's files sorted as the reader
sorts them, blocks in file order): the shards concatenated by number are the serial output.
"""
from __future__ import annotations

import glob
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

from warledger.errors import InputError
from warledger.ingest.args import check_input_paths

DEFAULT_BLOCK_LINES = 2000
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class Part:
    """One task's input: the file at ``path`` (absolute: a worker's working folder is not the client's),
    named ``name`` as serial reading names it (the path as given: report ids and messages use it), bytes
    ``start`` to ``end`` (``end`` None: the whole file), ``first_line`` the number of its first line, and the
    file's size and modification time when it was planned (a rerun redoes a part whose file changed)."""

    index: int
    path: str
    start: int
    end: Optional[int]
    first_line: int
    size: int
    mtime_ns: int
    name: str = ""

    def key(self) -> str:
        """What makes a part the same part on a rerun."""
        return f"{self.path}\0{self.start}\0{self.end}\0{self.first_line}\0{self.size}\0{self.mtime_ns}"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def expand_inputs(paths: list[str]) -> list[str]:
    """Paths as given, with shell patterns ('archive/*.jsonl') expanded in sorted order; a pattern that
    matches nothing, a missing path and standard input ('-') are refused with a message saying why."""
    out: list[str] = []
    for p in paths:
        if p == "-":
            raise InputError("standard input ('-') cannot be shared with Dask workers: give files or "
                             "folders (or patterns such as 'archive/*.jsonl') that every worker can read")
        if _GLOB_CHARS & set(p) and not Path(p).exists():
            found = sorted(glob.glob(p, recursive=True))
            if not found:
                raise InputError(f"input pattern {p!r} matches no file; check the folder and the pattern")
            out.extend(found)
        else:
            out.append(p)
    check_input_paths(out)   # the serial run's message and exit status (README, "Exit codes")
    return out


def parts_of_paths(paths: list[str], parts: list[Part]) -> dict[str, list[int]]:
    """The parts planned from each given path (a folder: those of its files), for the rule of a failed input."""
    index: dict[str, list[int]] = {}
    for part in parts:
        index.setdefault(part.path, []).append(part.index)
    return {given: [i for f in _files(given) for i in index.get(str(f.resolve()), [])] for given in paths}


def _files(path: str) -> list[Path]:
    """The files a path stands for, as :func:`warledger.ingest.read_reports` walks them."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
    return [p]


def is_plain_jsonl(path: Path) -> bool:
    from warledger.ingest.reader import JSONL_SUFFIXES

    suffixes = [s.lower() for s in path.suffixes]
    return bool(suffixes) and suffixes[-1] in JSONL_SUFFIXES


def _count_text_lines(raw: bytes) -> int:
    """How many lines Python's text mode makes of ``raw`` (one line as binary reading splits them, ending in
    ``\\n`` or at the end of the file): a lone ``\\r`` ends a line there too."""
    n = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
    return n + (0 if raw.endswith((b"\n", b"\r")) else 1) if raw else 0


READ_CHUNK = 1024 * 1024  # the most bytes of a line :func:`blocks` holds at once (a test lowers it)


def blocks(path: Path, block_lines: int) -> Iterator[tuple[int, int, int]]:
    """(start byte, end byte, first line) of each block of about ``block_lines`` lines of a file; a file in UTF-16
    (a byte-order mark) is one block: its newlines are two bytes, and its mark says how to read the rest.

    The file is read in pieces of at most :data:`READ_CHUNK` bytes (``readline(limit)``), so a huge line (the reader
    skips one over ``MAX_LINE_BYTES``) is never held whole; a block ends only where a piece ends in ``\\n`` (a line
    end), and a ``\\r\\n`` cut between two pieces is counted once, as text mode counts it."""
    start, first, ends, pos = 0, 1, 0, 0
    with open(path, "rb") as f:
        if f.read(2) in (b"\xff\xfe", b"\xfe\xff"):
            yield 0, path.stat().st_size, 1
            return
        f.seek(0)
        last = b""
        while piece := f.readline(READ_CHUNK):
            pos += len(piece)
            ends += _count_text_lines(piece) - (0 if piece.endswith((b"\n", b"\r")) else 1)
            if last == b"\r" and piece.startswith(b"\n"):
                ends -= 1  # "\r\n" cut between two pieces: one line end
            last = piece[-1:]
            if last == b"\n" and ends >= block_lines:
                yield start, pos, first
                start, first, ends = pos, first + ends, 0
    if pos > start:
        yield start, pos, first


def plan(paths: list[str], block_lines: int = DEFAULT_BLOCK_LINES) -> list[Part]:
    """The parts of every input path, numbered in input order."""
    if block_lines < 1:
        raise InputError(f"--block-lines must be at least 1 (got {block_lines})")
    parts: list[Part] = []
    for given in paths:
        files = _files(given)
        if not files:
            raise InputError(f"{given}: folder has no files to read")
        for f in files:
            st = f.stat()
            where, name = str(f.resolve()), str(f)
            if is_plain_jsonl(f):
                for start, end, first in blocks(f, block_lines):
                    parts.append(Part(len(parts), where, start, end, first, st.st_size, st.st_mtime_ns, name))
            else:
                parts.append(Part(len(parts), where, 0, None, 1, st.st_size, st.st_mtime_ns, name))
    return parts


def fingerprint() -> str:
    """The installed warledger: its version and a hash of its code and data files.  Client and workers
    must agree on it (a worker with other rules or lexicons would write other records)."""
    return _fingerprint(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


_FP_CACHE: dict[str, str] = {}


def _fingerprint(root: str) -> str:
    import hashlib

    from warledger.version import __version__

    if root in _FP_CACHE:
        return _FP_CACHE[root]
    h = hashlib.sha1()
    base = Path(root)
    for f in sorted(base.rglob("*")):
        rel = f.relative_to(base).as_posix()
        if not f.is_file() or f.name.startswith(".") or "__pycache__" in rel or rel.startswith("serve/"):
            continue
        if f.suffix != ".py" and not rel.startswith("data/"):
            continue
        h.update(rel.encode("utf-8") + b"\0" + f.read_bytes() + b"\0")
    _FP_CACHE[root] = fp = f"{__version__}+{h.hexdigest()[:12]}"
    return fp
