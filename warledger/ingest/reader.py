"""Reading reports: JSON lines (the contract's input), plain text and HTML files, folders of them.

Everything streams: one report at a time, so memory stays flat whatever the corpus size.  A bad line
(invalid JSON, no text, a binary blob) is reported on stderr with its file and line number and
skipped; the other reports are still read.  :class:`ReadStats` counts what was read and skipped so the
CLI can exit non-zero only when nothing could be read.
"""
from __future__ import annotations

import gzip
import io
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Optional, Union

from warledger.errors import InputError
from warledger.ingest.kinds import coded_input
from warledger.record import Report, late_day_problem

MAX_REPORT_CHARS = 1_000_000      # longer texts are read in parts split at paragraph breaks
MAX_LINE_BYTES = 64 * 1024 * 1024  # a longer JSON line is skipped unread (:func:`read_jsonl`); a test may lower it
_DISCARD_CHUNK = 1 << 20           # the rest of a line over the limit is read and dropped this much at a time
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ".xhtml"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

Warn = Callable[[str], None]


def _stderr(msg: str) -> None:
    print(f"warledger: {msg}", file=sys.stderr)


@dataclass
class ReadStats:
    read: int = 0
    skipped: int = 0
    messages: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)   # paths given that could not be read at all


# publication dates as pages print them: "7 November 2019", "Nov 7, 2019", "7 نوفمبر 2019", "7 تشرين الثاني 2019"
_WRITTEN_DMY = re.compile(r"^(?:[^\d]{0,20}?[,،]\s*)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m>[^\W\d_]+(?:\s+[^\W\d_]+)?)\.?,?"
                          r"\s+(?P<y>\d{4})\b")
_WRITTEN_MDY = re.compile(r"^(?:[^\d]{0,20}?,\s*)?(?P<m>[A-Za-z]+)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b")


def _month_number(word: str) -> Optional[int]:
    from warledger.extract.arabic_lex import MONTHS as AR_MONTHS, norm_word
    from warledger.extract.dates import MONTHS as EN_MONTHS

    word = word.strip().rstrip(".")
    return EN_MONTHS.get(word.lower()) or AR_MONTHS.get(re.sub(r"\s+", " ", norm_word(word)))


def _written_date(s: str) -> Optional[str]:
    """'7 November 2019', 'Nov 7, 2019', 'Thursday, 7 November 2019', '7 نوفمبر 2019' -> '2019-11-07'."""
    s = s.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    for pattern in (_WRITTEN_DMY, _WRITTEN_MDY):
        m = pattern.match(s)
        if m:
            month = _month_number(m["m"])
            if month:
                try:
                    return date(int(m["y"]), month, int(m["d"])).isoformat()
                except ValueError:
                    return None
    return None


def scale_of(value: Any) -> Optional[str]:
    """An input report's ``source_scale`` (ACLED's scale of the source, e.g. "National" or "New media"), trimmed;
    None when absent or not a non-empty string.  The ACLED export joins the scales of an incident's reports."""
    return value.strip()[:100] if isinstance(value, str) and value.strip() else None


def parse_published(value: Any, where: str, problems: list[str]) -> Optional[str]:
    """ISO date or datetime, or a written-out date in English or Arabic ("7 November 2019",
    "Nov 7, 2019", "7 نوفمبر 2019") -> 'YYYY-MM-DD'; anything else -> None with a problem naming the input."""
    day = _published_day(value, where, problems)
    why = late_day_problem(day, what="publication date")
    if day is not None and why is not None:  # a placeholder or a typo: not a date relative dates can resolve against
        problems.append(why + f" ({where}); the date is not used: relative dates are left unresolved")
        return None
    return day


def _published_day(value: Any, where: str, problems: list[str]) -> Optional[str]:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        s = value.strip()
        try:
            return date.fromisoformat(s[:10]).isoformat() if len(s) >= 10 else date.fromisoformat(s).isoformat()
        except ValueError:
            try:
                return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
            except ValueError:
                pass
        written = _written_date(s)
        if written:
            return written
    problems.append(f"W-PUBLISHED-UNREADABLE: published date {value!r} is not a date warledger can read (use YYYY-MM-DD): "
                    f"relative dates are left unresolved")
    return None


# the first bytes of archives and packed files an analyst may give for a document, what each is and what to do with it
# (each format's published signature); a JSON-lines file gzipped and named .gz is read (:func:`open_lines`)
_PACKED = (
    (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx file is one too)",
     "extract it (unzip FILE -d FOLDER) and give the folder; save a Word or Excel file as text or CSV first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "extract it (7z x FILE) and give the folder"),
    (b"Rar!\x1a\x07", "a RAR archive", "extract it (unrar x FILE) and give the folder"),
    (b"BZh91AY&SY", "a bzip2-compressed file", "decompress it (bunzip2 -k FILE) and give what it holds"),
    (b"\xfd7zXZ\x00", "an xz-compressed file", "decompress it (unxz -k FILE) and give what it holds"),
    (b"\x1f\x8b", "a gzip-compressed file",
     "warledger reads gzipped JSON lines named NAME.jsonl.gz; decompress any other (gunzip -k FILE)"),
    (b"%PDF-", "a PDF document", "save its text (pdftotext FILE) and give the text file"),
)


def decode_bytes(data: bytes, name: str) -> tuple[str, Optional[str]]:
    """Bytes of a document -> (text, problem or None).  Raises InputError for binary data."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    packed = next((p for p in _PACKED if data.startswith(p[0])), None)
    if packed is not None:
        raise InputError(f"{name}: {packed[1]}, which warledger does not open; {packed[2].replace('FILE', name)}")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes); "
                         "give a text, HTML or JSON-lines file")
    try:
        text, problem = data.decode("utf-8"), None
    except UnicodeDecodeError:
        text, problem = legacy_decode(data, name)
    sample = text[:8192]
    if sample and len(_CONTROL.findall(sample)) > 0.05 * len(sample):
        raise InputError(f"{name}: looks like a binary file (many control characters); "
                         "give a text, HTML or JSON-lines file")
    return text, problem


# A word in Arabic script is written wholly in bytes above 0x7F in cp1256, so its letters come in runs; the accented
# letters of a Western text in cp1252 stand one at a time between ASCII letters ("Straße", "été")
_ARABIC_RUNS = 0.5


def legacy_decode(data: bytes, name: str) -> tuple[str, str]:
    """Bytes that are not UTF-8 -> (text, problem): cp1256 when most bytes above 0xBF stand beside another byte
    above 0x7F (words of Arabic letters: Arabic pages saved by Windows tools), else cp1252 (Western ones)."""
    head = data[:65536]
    high = [i for i, b in enumerate(head) if b >= 0xC0]
    runs = sum(1 for i in high if (i > 0 and head[i - 1] >= 0x80) or (i + 1 < len(head) and head[i + 1] >= 0x80))
    enc = "cp1256" if high and runs / len(high) > _ARABIC_RUNS else "cp1252"
    return (data.decode(enc, errors="replace"),
            f"W-TEXT-ENCODING: {name}: not valid UTF-8; decoded as {enc} (check the characters of names)")


def _split_huge(report: Report) -> Iterator[Report]:
    """Yield the report, or for a text over MAX_REPORT_CHARS, its parts split at paragraph breaks."""
    if len(report.text) <= MAX_REPORT_CHARS:
        yield report
        return
    text, pos, part = report.text, 0, 1
    nparts_hint = len(text) // MAX_REPORT_CHARS + 1
    while pos < len(text):
        cut = min(pos + MAX_REPORT_CHARS, len(text))
        if cut < len(text):
            brk = text.rfind("\n\n", pos + MAX_REPORT_CHARS // 2, cut)
            cut = brk + 2 if brk > 0 else cut
        sub = Report(id=f"{report.id}#part{part}", text=text[pos:cut], published=report.published, country=report.country,
                     url=report.url, source=report.source, source_scale=report.source_scale,
                     language=report.language, coded=report.coded, coded_columns=dict(report.coded_columns),
                     line=report.line, origin=report.origin, problems=list(report.problems))
        sub.problems.append(f"W-REPORT-SPLIT: report is {len(text):,} characters; read in about {nparts_hint} parts "
                            f"(this is part {part}, characters {pos:,}-{cut:,}); offsets are within the part")
        yield sub
        pos, part = cut, part + 1


def open_lines(path: Path) -> IO[Any]:
    """The lines of a JSON-lines file (gunzipped when it ends in .gz) for :func:`read_jsonl`: bytes, each line
    decoded there (UTF-8, else as :func:`legacy_decode` finds, with a problem), or text when the file starts with
    a UTF-16 byte-order mark (Windows tools save "Unicode" text so: read as UTF-8, every line was invalid JSON)."""
    raw: IO[bytes] = gzip.open(path, "rb") if path.suffix == ".gz" else open(path, "rb")  # type: ignore[assignment]
    try:
        return utf16_or_bytes(raw)
    except (OSError, EOFError):
        raw.close()
        raise


def utf16_or_bytes(raw: IO[bytes]) -> IO[Any]:
    """``raw`` (seekable, at its start) as text when it starts with a UTF-16 byte-order mark, else itself."""
    bom = raw.read(2)
    raw.seek(0)
    if bom in (b"\xff\xfe", b"\xfe\xff"):
        return io.TextIOWrapper(raw, encoding="utf-16", errors="replace")
    return raw


def decode_line(raw: Union[str, bytes], where: str) -> tuple[str, Optional[str]]:
    """One line of a JSON-lines input as text, and the problem when it was not UTF-8 (:func:`legacy_decode`: a
    line written by a tool in cp1256 or cp1252, whose Arabic the UTF-8 reading turned into U+FFFD silently); a
    UTF-8 byte-order mark is dropped."""
    if isinstance(raw, bytes):
        try:
            text, problem = raw.decode("utf-8"), None
        except UnicodeDecodeError:
            text, problem = legacy_decode(raw, where)
    else:
        text, problem = raw, None
    return text.lstrip("\ufeff"), problem


def _text_mode_lines(stream: Iterable[Union[str, bytes]]) -> Iterator[Union[str, bytes]]:
    """The lines of ``stream`` as text mode makes them: a binary line also ends at a lone ``\\r`` (the line
    numbers a Dask part counts: :func:`warledger.cluster.parts.blocks`)."""
    for chunk in stream:
        if isinstance(chunk, bytes) and b"\r" in chunk:
            yield from chunk.splitlines(keepends=True)
        else:
            yield chunk


class _LongLine:
    """A line longer than :data:`MAX_LINE_BYTES`, whose bytes (or characters, of a text stream) were dropped."""

    def __init__(self, unit: str) -> None:
        self.unit = unit


Line = Union[str, bytes]


def _ending(piece: Line) -> int:
    """How many characters of ``piece`` are its line end (0: the line goes on)."""
    tail = piece[-2:]
    if tail in (b"\r\n", "\r\n"):
        return 2
    return 1 if tail[-1:] in (b"\n", b"\r", "\n", "\r") else 0


def _long_line(like: Line) -> _LongLine:
    return _LongLine("bytes" if isinstance(like, bytes) else "characters")


def _joined(held: list[Line]) -> Line:
    if held and isinstance(held[0], bytes):
        return b"".join(p for p in held if isinstance(p, bytes))
    return "".join(p for p in held if isinstance(p, str))


def _bounded_lines(stream: Iterable[Line]) -> Iterator[Union[Line, _LongLine]]:
    """:func:`_text_mode_lines` of ``stream``, but a line longer than :data:`MAX_LINE_BYTES` (its end not counted)
    comes as a :class:`_LongLine`, and when ``stream`` can ``readline`` the rest of it is never held: it is read
    and dropped in chunks up to its end (``\n``, or a lone ``\r`` as text mode ends a line)."""
    limit = MAX_LINE_BYTES
    readline = getattr(stream, "readline", None)
    if not callable(readline):   # lines already in memory (a list, a generator): only the limit applies
        for line in _text_mode_lines(stream):
            yield _long_line(line) if len(line) - _ending(line) > limit else line
        return
    held: list[Line] = []
    size, long, after_cr = 0, False, False
    while True:
        chunk: Line = readline(_DISCARD_CHUNK if long else max(limit + 2 - size, 1))
        if not chunk:
            break
        if after_cr and chunk[:1] in (b"\n", "\n"):   # a \r\n cut between two reads: the \n ends no new line
            chunk = chunk[1:]
        after_cr = False
        for piece in (chunk.splitlines(keepends=True) if isinstance(chunk, bytes) else [chunk]):
            end = _ending(piece)
            size += len(piece)
            long = long or size - end > limit
            if long:
                held.clear()
            else:
                held.append(piece)
            if end:
                yield _long_line(piece) if long else _joined(held)
                held, size, long, after_cr = [], 0, False, piece[-1:] in (b"\r", "\r")
    if long:
        yield _long_line(chunk)
    elif held:
        yield _joined(held)


def read_jsonl(stream: Iterable[Union[str, bytes]], name: str, *, stats: Optional[ReadStats] = None,
               warn: Warn = _stderr, published: Optional[str] = None, first_line: int = 1) -> Iterator[Report]:
    """Reports from JSON lines (text, or bytes each decoded by :func:`decode_line`); bad lines are reported (file
    and line) and skipped.  ``first_line``: the number of the stream's first line in its file (a block of a file
    read on its own)."""
    stats = stats if stats is not None else ReadStats()

    def skip(n: int, why: str) -> None:
        stats.skipped += 1
        msg = f"{name} line {n}: {why}; line skipped"
        stats.messages.append(msg)
        warn(msg)

    for n, raw in enumerate(_bounded_lines(stream), first_line):
        if isinstance(raw, _LongLine):
            skip(n, f"longer than {MAX_LINE_BYTES} {raw.unit}")
            continue
        line, encoding = decode_line(raw, f"{name} line {n}")
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            skip(n, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            skip(n, f"expected a JSON object like {{\"id\": ..., \"text\": ...}}, got {_json_kind(obj)}")
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            skip(n, "no \"text\" string")
            continue
        rid = obj.get("id")
        problems: list[str] = [encoding] if encoding else []
        if rid in (None, ""):
            rid = f"{name}:{n}"
            problems.append(f"W-ID-MISSING: no \"id\": named {rid} after its file and line")
        if _CONTROL.search(text[:4096]) and len(_CONTROL.findall(text[:4096])) > 0.05 * min(len(text), 4096):
            skip(n, "text looks like binary data (many control characters)")
            continue
        pub = parse_published(obj.get("published", published), f"{name} line {n}", problems)
        country = obj.get("country")
        report = Report(id=str(rid), text=text, published=pub, url=obj.get("url"), source=obj.get("source"),
                        source_scale=scale_of(obj.get("source_scale")),
                        language=obj.get("language"), line=n, origin=name, problems=problems, coded=coded_input(obj),
                        country=str(country) if isinstance(country, str) and country.strip() else None)
        for part in _split_huge(report):
            stats.read += 1
            yield part


def _json_kind(value: Any) -> str:
    """What a JSON value is, in JSON's words (a line holding ``[1, 2]`` is "an array", not Python's "list")."""
    kinds = ((bool, "true or false"), (list, "an array"), (str, "a string"), (int, "a number"), (float, "a number"))
    return "null" if value is None else next((k for t, k in kinds if isinstance(value, t)), type(value).__name__)


def document_id(path: Path) -> str:
    """A plain file's report id: its path as given (for a file found in a folder, the folder as given
    joined with the file's path inside it), with forward slashes: ``a/report.txt`` and ``b/report.txt``
    are two reports.  Read the same files by the same paths to ingest them again."""
    return path.as_posix()


def read_document(path: Path, *, published: Optional[str] = None, stats: Optional[ReadStats] = None,
                  warn: Warn = _stderr) -> Iterator[Report]:
    """One plain-text or HTML file as one report; its id is :func:`document_id` of the path."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from exc
    yield from document_reports(data, str(path), document_id(path), published=published, stats=stats, warn=warn)


def document_reports(data: bytes, name: str, rid: str, *, published: Optional[str] = None,
                     stats: Optional[ReadStats] = None, warn: Warn = _stderr) -> Iterator[Report]:
    """The bytes of one plain-text or HTML document (a file, or one uploaded to the workbench) as one report
    with the id ``rid`` (in parts when it is huge); an empty text is skipped with a message naming ``name``, and
    binary data raises :class:`InputError`."""
    stats = stats if stats is not None else ReadStats()
    text, problem = decode_bytes(data, name)
    problems = [problem] if problem else []
    if not text.strip():
        stats.skipped += 1
        msg = f"{name}: file is empty; nothing to extract"
        stats.messages.append(msg)
        warn(msg)
        return
    pub = parse_published(published, name, problems)
    report = Report(id=rid, text=text, published=pub, origin=name, problems=problems)
    for part in _split_huge(report):
        stats.read += 1
        yield part


def read_reports(source: Union[str, Path], *, published: Optional[str] = None,
                 stats: Optional[ReadStats] = None, warn: Warn = _stderr) -> Iterator[Report]:
    """Reports from a JSON-lines file (``.jsonl``, ``.json``, ``.gz``), ``-`` (JSON lines on stdin), a
    text or HTML file, or a folder of such files.  ``published`` is the default publication date."""
    stats = stats if stats is not None else ReadStats()
    if str(source) == "-":
        yield from read_jsonl(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>", stats=stats, warn=warn,
                              published=published)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        if not files:
            raise InputError(f"{path}: folder has no files to read")
        for p in files:
            try:
                yield from read_reports(p, published=published, stats=stats, warn=warn)
            except InputError as exc:
                stats.skipped += 1
                stats.messages.append(str(exc))
                warn(str(exc))
        return
    if not path.exists():
        raise InputError(f"{path}: no such file (give a .jsonl file of reports, a text/HTML file or a folder)")
    suffixes = [s.lower() for s in path.suffixes]
    if (suffixes[-1:] and suffixes[-1] in JSONL_SUFFIXES) or suffixes[-2:-1] and suffixes[-1] == ".gz":
        try:
            with open_lines(path) as stream:
                yield from read_jsonl(stream, str(path), stats=stats, warn=warn, published=published)
        except (OSError, EOFError) as exc:
            raise InputError(f"{path}: cannot read ({exc})") from exc
        return
    if suffixes[-1:] == [".csv"]:
        yield from _read_csv(path, stats, warn)
        return
    yield from read_document(path, published=published, stats=stats, warn=warn)


def _read_csv(path: Path, stats: ReadStats, warn: Warn) -> Iterator[Report]:
    """An ACLED or UCDP GED CSV's rows as coded reports (:mod:`warledger.ingest.acled_csv`,
    :mod:`warledger.ingest.ged_csv`, by the columns of its header); its bad rows named and skipped."""
    import csv

    from warledger.ingest.acled_csv import ACLED_TABLE
    from warledger.ingest.coded_csv import delimiter_of, read_coded_csv, table_of
    from warledger.ingest.ged_csv import GED_TABLE

    try:
        text, _ = decode_bytes(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc})") from exc
    skipped: list[str] = []
    line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = delimiter_of(line, (GED_TABLE, ACLED_TABLE))   # Excel in a decimal-comma locale writes semicolons
    header = next(csv.reader(io.StringIO(line), delimiter=delimiter), [])
    table = table_of(header, (GED_TABLE, ACLED_TABLE)) or ACLED_TABLE     # neither: ACLED's reader names the columns
    for report in read_coded_csv(text, str(path), skipped, table, delimiter):
        stats.read += 1
        yield report
    for msg in skipped:
        stats.skipped += 1
        stats.messages.append(msg)
        warn(msg)
