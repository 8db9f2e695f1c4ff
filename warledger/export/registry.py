"""The exporters, one registry (:data:`EXPORTERS`) that the CLI, the demo and the web API read.

>>> from warledger.export import EXPORTERS, export, export_bytes_iter
>>> EXPORTERS["acled-csv"].media_type
'text/csv; charset=utf-8'
>>> export(ledger.incidents(), "ucdp-csv", path="ged.csv")            # or out=open_text_file
>>> for chunk in export_bytes_iter(ledger.incidents(), "geojson"): send(chunk)

A new format is one :class:`Exporter` added to :data:`EXPORTERS`: text formats give ``pieces`` (the
output as text pieces, streamed), binary formats a ``writer`` to a path or binary file.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from typing import IO, Any, Callable, Iterable, Iterator, Optional

from warledger.errors import InputError
from warledger.export.acled import acled_leaves_out, acled_pieces
from warledger.export.common import Rec
from warledger.export.flat import geojson_pieces, jsonl_pieces, write_parquet
from warledger.export.ucdp import ged_leaves_out, ucdp_pieces

CHUNK_BYTES = 64 * 1024
Pieces = Callable[[Iterable[Rec]], Iterator[str]]
LeavesOut = Callable[[Rec], Optional[str]]  # why a format cannot hold a line, None when it can


class _Counted:
    """An iterable that counts what it yields, and (``leaves_out``) leaves out the items a format cannot hold,
    counted by reason."""

    def __init__(self, items: Iterable[Rec], leaves_out: Optional[LeavesOut] = None) -> None:
        self.items, self.leaves_out, self.n = items, leaves_out, 0
        self.reasons: dict[str, int] = {}

    @property
    def left_out(self) -> int:
        return sum(self.reasons.values())

    def __iter__(self) -> Iterator[Rec]:
        why = self.leaves_out
        for x in self.items:
            reason = why(x) if why is not None else None
            if reason is not None:
                self.reasons[reason] = self.reasons.get(reason, 0) + 1
                continue
            self.n += 1
            yield x


def text_writer(pieces: Pieces) -> Callable[[Iterable[Rec], IO[str]], int]:
    """A writer ``(incidents, text_file) -> count`` from a text format's pieces."""
    def write(incs: Iterable[Rec], out: IO[str]) -> int:
        counted = _Counted(incs)
        for piece in pieces(counted):
            out.write(piece)
        return counted.n
    return write


@dataclass(frozen=True)
class Exporter:
    """One export format: its name (``--format``), file extension, HTTP media type, whether it is binary,
    and how it is written: ``writer(incidents, out) -> count`` where ``out`` is a text file for text
    formats and a path or binary file for binary ones; text formats also give ``pieces`` for streaming."""

    name: str
    extension: str
    media_type: str
    binary: bool
    writer: Callable[[Iterable[Rec], Any], int]
    pieces: Optional[Pieces] = None
    leaves_out: Optional[LeavesOut] = None  # why a line cannot be a row; such lines are left out, counted by reason
    bom: bool = False  # a file or download starts with the UTF-8 byte order mark (Excel then reads UTF-8)

    def filename(self, stem: str = "ledger") -> str:
        """A file name for this format: ``ledger-acled.csv``, ``ledger.geojson``..."""
        kind = self.name.rsplit("-", 1)[0] if "-" in self.name else ""
        return f"{stem}-{kind}{self.extension}" if kind else f"{stem}{self.extension}"


def _text(name: str, extension: str, media_type: str, pieces: Pieces,
          leaves_out: Optional[LeavesOut] = None, bom: bool = False) -> Exporter:
    return Exporter(name, extension, media_type, False, text_writer(pieces), pieces, leaves_out, bom)


# the CSV tables: only the lines with a date and a point (ACLED and GED give every event both: typed columns in
# pandas and R), GED's only its organized violence, and a BOM in files and downloads (Excel reads a CSV without one
# in the local code page, and Arabic names become mojibake; pandas, readr and csv with "utf-8-sig" skip it)
EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    _text("acled-csv", ".csv", "text/csv; charset=utf-8", acled_pieces, acled_leaves_out, True),
    _text("ucdp-csv", ".csv", "text/csv; charset=utf-8", ucdp_pieces, ged_leaves_out, True),
    _text("geojson", ".geojson", "application/geo+json", geojson_pieces),
    Exporter("parquet", ".parquet", "application/vnd.apache.parquet", True, write_parquet),
    _text("jsonl", ".jsonl", "application/x-ndjson", jsonl_pieces),
)}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def exporter(fmt: str) -> Exporter:
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise InputError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}") from None


def export(incs: Iterable[Rec], fmt: str, out: Optional[IO[Any]] = None, path: Optional[str] = None) -> int:
    """Write ``incs`` in ``fmt`` to ``out`` (a text file; a binary file for a binary format) or to the file
    ``path``.  Returns the number of incidents written (:func:`export_counts` also says how many were left out)."""
    return export_counts(incs, fmt, out, path)[0]


def export_counts(incs: Iterable[Rec], fmt: str, out: Optional[IO[Any]] = None, path: Optional[str] = None,
                  reasons: Optional[dict[str, int]] = None) -> tuple[int, int]:
    """:func:`export`, returning (incidents written, incidents left out because the format cannot hold them: a
    CSV table's lines with no date or no point, :func:`warledger.export.common.table_leaves_out`, ACLED's lines with no
    event type of its codebook, :func:`warledger.export.acled.acled_leaves_out`; GED's lines
    outside its scope, :func:`warledger.export.ucdp.ged_leaves_out`).  ``reasons``, when given, gets how many
    were left out for each reason (words that follow "N incidents").  A text format written to ``path`` starts
    with a BOM when the format asks for one; ``out`` gets the text alone."""
    ex = exporter(fmt)
    counted = _Counted(incs, ex.leaves_out)
    try:
        return _write(ex, counted, out, path)
    finally:
        if reasons is not None:
            for why, n in counted.reasons.items():
                reasons[why] = reasons.get(why, 0) + n


def _write(ex: Exporter, counted: _Counted, out: Optional[IO[Any]], path: Optional[str]) -> tuple[int, int]:
    if ex.binary:
        if not path and out is None:
            raise InputError(f"{ex.name} is a binary format: give --out FILE{ex.extension}")
        n = ex.writer(counted, path or out)
        return n, counted.left_out
    if out is not None:
        return ex.writer(counted, out), counted.left_out
    if not path:
        raise InputError(f"export to {ex.name} needs an output: a text file object or --out FILE{ex.extension}")
    with open(path, "w", encoding="utf-8-sig" if ex.bom else "utf-8", newline="") as f:
        return ex.writer(counted, f), counted.left_out


def export_bytes_iter(incs: Iterable[Rec], fmt: str, chunk_bytes: int = CHUNK_BYTES) -> Iterator[bytes]:
    """The export of ``incs`` in ``fmt`` as byte chunks of about ``chunk_bytes`` (for a web response).

    Text formats stream as they are produced, UTF-8 encoded; a binary format is written to a temporary
    file first, then read back in chunks.  An unknown format raises :class:`InputError` at the first
    ``next()``; call :func:`exporter` first to fail before sending headers."""
    ex = exporter(fmt)
    incs = _Counted(incs, ex.leaves_out)
    if ex.pieces is not None:
        buf: list[bytes] = [b"\xef\xbb\xbf"] if ex.bom else []
        size = len(buf)
        for piece in ex.pieces(incs):
            b = piece.encode("utf-8")
            buf.append(b)
            size += len(b)
            if size >= chunk_bytes:
                yield b"".join(buf)
                buf, size = [], 0
        if buf:
            yield b"".join(buf)
        return
    with tempfile.TemporaryFile() as tmp:
        ex.writer(incs, tmp)
        tmp.seek(0)
        while chunk := tmp.read(chunk_bytes):
            yield chunk


def _writer(fmt: str) -> Callable[[Iterable[Rec], IO[str]], int]:
    """:func:`export` to a text file for ``fmt`` (the format's own line filter included)."""
    def write(incs: Iterable[Rec], out: IO[str]) -> int:
        return export(incs, fmt, out=out)
    return write


# the writers by their old names: (incidents, text file) -> count; write_parquet takes a path
write_acled_csv = _writer("acled-csv")
write_ucdp_csv = _writer("ucdp-csv")
write_geojson = _writer("geojson")
write_jsonl = _writer("jsonl")
