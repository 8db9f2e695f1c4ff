"""Inputs as an analyst meets them (robust22): JSON lines that are JSON but not objects, a coded CSV saved by Excel in
a decimal-comma locale (a BOM, semicolons, "35,80"), archives and packed files given for a document, and a folder of
all of them.  Each bad input is named with what it is and what to do; the rest is read.  Rows in our own words (the
coded tables of tests/store/test_coded_csv_input.py, written again with semicolons)."""
from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma
import sys
import zipfile
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.errors import InputError
from warledger.ingest import ReadStats, read_reports
from warledger.store import Ledger

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
from test_coded_csv_input import ACLED, GED, Table  # noqa: E402

GOOD = {"id": "h1", "text": "On 3 May 2022 a shell hit the invented hamlet of Tell Qasr, killing 2 farmers.",
        "published": "2022-05-04"}


def test_json_lines_that_are_not_objects_are_named_in_json_words(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join([json.dumps(GOOD), "[1, 2]", '"a string"', "null", "42", "true"]) + "\n", encoding="utf-8")
    stats = ReadStats()
    assert [r.id for r in read_reports(f, stats=stats, warn=lambda m: None)] == ["h1"]
    kinds = [m.rsplit("got ", 1)[1] for m in stats.messages]
    assert kinds == ["an array; line skipped", "a string; line skipped", "null; line skipped",
                     "a number; line skipped", "true or false; line skipped"]
    assert all(f"{f} line {n}: expected a JSON object" in m for n, m in zip(range(2, 7), stats.messages))


def _excel_european(table: Table) -> bytes:
    """The table's two good rows as Excel writes a CSV where the decimal mark is a comma."""
    rows = list(csv.reader(io.StringIO(table.csv(table.rows[:2]))))
    at = [rows[0].index(c) for c in ("latitude", "longitude")]
    for row in rows[1:]:
        for i in at:
            row[i] = row[i].replace(".", ",")
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


@pytest.mark.parametrize("table", [ACLED, GED], ids=lambda t: t.name)
def test_a_coded_csv_with_a_bom_semicolons_and_decimal_commas_is_read(table: Table, tmp_path: Path) -> None:
    f = tmp_path / f"{table.name}-excel.csv"
    f.write_bytes(_excel_european(table))
    stats = ReadStats()
    got = list(read_reports(f, stats=stats, warn=lambda m: None))
    assert [r.id for r in got] == list(table.ids) and stats.skipped == 0
    db = str(tmp_path / "l.db")
    assert main(["ingest", str(f), "--db", db, "--progress", "off"]) == 0
    with Ledger(db) as ledger:
        lines = sorted(ledger.incidents(), key=lambda ln: ln["reports"])
    assert [ln["latitude"] for ln in lines] == [pytest.approx(35.80)] * 2
    assert [ln["longitude"] for ln in lines] == [pytest.approx(36.60)] * 2


def test_a_semicolon_csv_of_other_columns_is_still_refused_by_its_columns(tmp_path: Path) -> None:
    f = tmp_path / "other.csv"
    f.write_bytes(b"\xef\xbb\xbfid;text\r\nx1;a shell hit a mill\r\n")
    with pytest.raises(InputError, match="other.csv: a CSV file without ACLED's columns"):
        list(read_reports(f, warn=lambda m: None))


PACKED = {
    "reports.zip": (lambda data: _zipped(data), "a ZIP archive", "unzip"),
    "reports.bz2": (bz2.compress, "a bzip2-compressed file", "bunzip2"),
    "reports.xz": (lzma.compress, "an xz-compressed file", "unxz"),
    "reports.gz": (gzip.compress, "a gzip-compressed file", "NAME.jsonl.gz"),
    "reports.pdf": (lambda data: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + data, "a PDF document", "pdftotext"),
}


def _zipped(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("reports.jsonl", data)
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(PACKED))
def test_an_archive_or_packed_file_is_named_for_what_it_is(name: str, tmp_path: Path) -> None:
    pack, what, step = PACKED[name]
    f = tmp_path / name
    f.write_bytes(pack((json.dumps(GOOD) + "\n").encode()))
    with pytest.raises(InputError) as err:
        list(read_reports(f, warn=lambda m: None))
    assert str(err.value).startswith(f"{f}: {what}") and "which warledger does not open" in str(err.value)
    assert step in str(err.value)


def test_a_folder_of_mixed_files_reads_every_readable_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.jsonl").write_text(json.dumps(GOOD) + "\n[1]\n", encoding="utf-8")
    (folder / "b.jsonl.gz").write_bytes(gzip.compress((json.dumps({**GOOD, "id": "h2"}) + "\n").encode()))
    (folder / "c.txt").write_text("On 5 May 2022 a drone struck a car near the invented village of Umm Tala.\n",
                                  encoding="utf-8")
    (folder / "d.csv").write_bytes(_excel_european(ACLED))
    (folder / "e.zip").write_bytes(_zipped(b"{}"))
    db = str(tmp_path / "inbox.db")
    assert main(["ingest", str(folder), "--db", db, "--progress", "off"]) == 0
    err = capsys.readouterr().err
    assert "e.zip: a ZIP archive" in err and "unzip" in err and "a.jsonl line 2" in err
    with Ledger(db) as ledger:
        ids = sorted(r["id"] for r in ledger.reports())
    assert ids == sorted(["h1", "h2", (folder / "c.txt").as_posix(), *ACLED.ids])
    assert main(["ingest", str(folder), "--db", db, "--progress", "off"]) == 0   # again: nothing doubled
    with Ledger(db) as ledger:
        assert sorted(r["id"] for r in ledger.reports()) == ids
