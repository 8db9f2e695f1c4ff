"""One reading frame for the CSV of a coded event dataset (ACLED's, UCDP GED's): each row one event its coders already
told apart from every other, read as a report whose record is the row's own coding.

A dataset is a :class:`CodedTable`: its name, the key columns that make a CSV its table (:func:`has_columns`, also
what chooses the table of a file: :func:`table_of`) and a row function making the report of one row.  The frame
reads the header (a UTF-8 BOM dropped; names stripped and lower-cased, as are the row's keys), gives the row function
each row with its line number (an HXL hashtag row under the header passed over: :func:`hxl_tags`), and names a
row the function refuses (``ValueError``) as ``NAME line N: WHY; row skipped`` in ``skipped``, reading on.  The dataset modules (:mod:`warledger.ingest.acled_csv`,
:mod:`warledger.ingest.ged_csv`) hold only what their codebooks say.  :func:`whole` and :func:`number` read the
number columns of both."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Callable, Iterator, Mapping, Optional, Sequence

from warledger.errors import InputError
from warledger.record import Report, utc_moment

# (row, its line number, the file's name, the moment the file was received) -> the row's report
RowReport = Callable[[dict[str, str], int, str, str], Report]
READS = "warledger reads ACLED and UCDP GED CSV exports, JSON lines, text and HTML"


@dataclass(frozen=True)
class CodedTable:
    dataset: str                       # "ACLED", "UCDP GED": named in the error for a CSV without its columns
    key_columns: tuple[str, ...]       # the columns that make a CSV this dataset's table (the rest read when present)
    row_report: RowReport


def header_names(fields: Optional[Sequence[str]]) -> set[str]:
    return {f.strip().lstrip("\ufeff").lower() for f in fields or []}


def has_columns(fields: Optional[Sequence[str]], key_columns: Sequence[str]) -> bool:
    names = header_names(fields)
    return all(c in names for c in key_columns)


def table_of(fields: Optional[Sequence[str]], tables: Sequence[CodedTable]) -> Optional[CodedTable]:
    """The first of ``tables`` whose key columns the header holds, else None."""
    return next((t for t in tables if has_columns(fields, t.key_columns)), None)


def number(value: Optional[str], column: str) -> Optional[float]:
    """A number cell (None when blank); ValueError naming the column for what is no number."""
    s = (value or "").strip()
    if not s:
        return None
    try:
        return float(s)
    except ValueError:
        raise ValueError(f"{column} {s!r} is not a number") from None


def whole(value: Optional[str], column: str) -> Optional[int]:
    """A count cell: a whole number of 0 or more (None when blank; "3.0" reads as 3); ValueError naming the column
    for anything else."""
    n = number(value, column)
    if n is None:
        return None
    if n != int(n) or n < 0:
        raise ValueError(f"{column} {(value or '').strip()!r} is not a whole number of 0 or more")
    return int(n)


def _normalised(raw: Mapping[Optional[str], object]) -> dict[str, str]:
    """A DictReader row with its names stripped and lower-cased; a short row's missing cells blank, a long row's
    extra cells (under None, a list) dropped."""
    return {(k or "").strip().lower(): (v or "") for k, v in raw.items() if isinstance(v, str)}


def hxl_tags(row: Mapping[str, str]) -> bool:
    """Whether a row is the HXL hashtag row HDX's extracts put under the header ("#date+year", "#adm1+name"; the
    Humanitarian Exchange Language): every cell that is not blank a tag, at least one.  It is no event: passed over
    in silence."""
    cells = [v.strip() for v in row.values() if v.strip()]
    return bool(cells) and all(v.startswith("#") for v in cells)


DELIMITERS = (",", ";", "\t")  # a comma first; a semicolon is what Excel writes in locales whose decimal mark is one
COORDINATES = ("latitude", "longitude")  # read with a decimal comma ("36,21") in a file whose cells a semicolon parts


def delimiter_of(header_line: str, tables: Sequence[CodedTable]) -> str:
    """The delimiter with which ``header_line`` holds one of ``tables``' key columns (a comma when none does)."""
    for delimiter in DELIMITERS:
        if table_of(next(csv.reader(io.StringIO(header_line), delimiter=delimiter), []), tables):
            return delimiter
    return ","


def _decimal_commas(row: dict[str, str]) -> None:
    """Coordinates written with a decimal comma (a spreadsheet's export in such a locale) read as numbers."""
    for column in COORDINATES:
        value = row.get(column, "").strip()
        if value.count(",") == 1 and value.replace(",", "").lstrip("-").isdigit():
            row[column] = value.replace(",", ".")


def read_coded_csv(text: str, name: str, skipped: list[str], table: CodedTable,
                   delimiter: str = ",") -> Iterator[Report]:
    """The reports of a coded CSV's text (``name`` its file, for messages; cells parted by ``delimiter``); each row
    that cannot be read is named in ``skipped`` (and not read).  InputError when the header lacks the table's key
    columns."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=delimiter)
    if not has_columns(reader.fieldnames, table.key_columns):
        raise InputError(f"{name}: a CSV file without {table.dataset}'s columns ({', '.join(table.key_columns)}); "
                         f"{READS}")
    received = utc_moment()
    for n, raw in enumerate(reader, start=2):
        row = _normalised(raw)
        if delimiter != ",":
            _decimal_commas(row)
        if n == 2 and hxl_tags(row):
            continue
        try:
            report = table.row_report(row, n, name, received)
        except ValueError as exc:
            skipped.append(f"{name} line {n}: {exc}; row skipped")
            continue
        yield report
