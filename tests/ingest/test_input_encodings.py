"""JSON lines and documents in the encodings Windows tools write (robust21): a JSON-lines file saved as
"Unicode" (UTF-16 with a byte-order mark) was read as UTF-8 and every line skipped as invalid JSON; one saved
in cp1256 was read with its Arabic turned into U+FFFD, silently, and stored so; one saved as UTF-8 with a mark
lost its first line; and an Arabic document heavy in the letters lam, mim, nun, ha, waw and ya (cp1256 0xE1-0xED,
among cp1252's small accented letters) was decoded as cp1252.  Now each line is decoded as a document is, with
``W-TEXT-ENCODING`` on its report, and a UTF-16 file is read as UTF-16, serially and in a Dask part alike.
Sentences invented for this test."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from warledger.cluster.parts import blocks
from warledger.ingest import ReadStats, decode_bytes, read_reports
from warledger.ingest.reader import read_jsonl, utf16_or_bytes

ARABIC = "قتل مدنيان في غارة جوية على بلدة تل حمام في ريف حماة يوم 6 نيسان 2021"
ENGLISH = "On 6 April 2021, an air strike hit the village of Tell Hammam, killing two civilians."
WESTERN = {"de": "Gestern wurden außerhalb der Straße drei Männer getötet; Übergriffe größerer Gruppen, heißt es.",
           "fr": "Une frappe aérienne a tué trois civils près de l'hôpital, selon un témoin. ÉTAT: à suivre.",
           "es": "Un ataque aéreo mató a tres civiles; según testigos, la región está en crisis desde hace días."}


def lines(*texts: str) -> str:
    return "".join(json.dumps({"id": f"r{i}", "text": t, "published": "2021-04-07"}, ensure_ascii=False) + "\n"
                   for i, t in enumerate(texts))


def read(path: Path) -> tuple[list[tuple[str, str, list[str]]], ReadStats]:
    stats = ReadStats()
    got = [(r.id, r.text, r.problems) for r in read_reports(path, stats=stats, warn=lambda _m: None)]
    return got, stats


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_jsonl_file_is_read_whole(tmp_path: Path, encoding: str) -> None:
    f = tmp_path / "unicode.jsonl"
    data = lines(ARABIC, ENGLISH).encode(encoding)
    f.write_bytes(data if encoding == "utf-16" else b"\xfe\xff" + data)
    got, stats = read(f)
    assert [(rid, text) for rid, text, _ in got] == [("r0", ARABIC), ("r1", ENGLISH)]
    assert stats.skipped == 0
    assert list(blocks(f, 1)) == [(0, f.stat().st_size, 1)]    # one Dask part: its newlines are two bytes


def test_a_cp1256_jsonl_line_keeps_its_arabic_with_a_problem(tmp_path: Path) -> None:
    f = tmp_path / "windows.jsonl"
    f.write_bytes(lines(ENGLISH).encode("utf-8") + lines(ARABIC).replace('"r0"', '"r1"').encode("cp1256"))
    got, stats = read(f)
    assert [(rid, text) for rid, text, _ in got] == [("r0", ENGLISH), ("r1", ARABIC)]
    assert got[0][2] == []
    assert [p.split(":")[0] for p in got[1][2]] == ["W-TEXT-ENCODING"] and "line 2" in got[1][2][0]
    assert "cp1256" in got[1][2][0]


def test_a_dask_part_reads_its_bytes_as_the_serial_reader(tmp_path: Path) -> None:
    data = lines(ENGLISH, ENGLISH).encode("utf-8") + lines(ARABIC).encode("cp1256")
    got = [(r.line, r.text, r.problems) for r in read_jsonl(utf16_or_bytes(io.BytesIO(data)), "p.jsonl",
                                                            warn=lambda _m: None, first_line=5)]
    assert [(n, t) for n, t, _ in got] == [(5, ENGLISH), (6, ENGLISH), (7, ARABIC)]
    assert got[2][2][0].startswith("W-TEXT-ENCODING: p.jsonl line 7")
    u16 = lines(ARABIC).encode("utf-16")
    assert [r.text for r in read_jsonl(utf16_or_bytes(io.BytesIO(u16)), "u.jsonl")] == [ARABIC]


def test_a_utf8_mark_and_lone_carriage_returns_are_read_as_text_mode_reads_them(tmp_path: Path) -> None:
    f = tmp_path / "notepad.jsonl"
    one, two, three = (json.dumps({"id": f"n{i}", "text": ENGLISH}) for i in range(3))
    f.write_bytes(b"\xef\xbb\xbf" + f"{one}\r\n{two}\r{three}\n".encode())
    got, stats = read(f)
    assert [rid for rid, _, _ in got] == ["n0", "n1", "n2"] and stats.skipped == 0


def test_an_arabic_document_rich_in_lam_mim_nun_is_cp1256_and_western_ones_stay_cp1252() -> None:
    text, problem = decode_bytes(ARABIC.encode("cp1256"), "ar.txt")
    assert text == ARABIC and problem is not None and "cp1256" in problem
    for lang, words in WESTERN.items():
        text, problem = decode_bytes(words.encode("cp1252"), f"{lang}.txt")
        assert text == words and problem is not None and "cp1252" in problem, lang


def test_an_upload_decodes_each_line_as_a_file_is_read() -> None:
    from warledger.serve.uploads import read_upload

    mixed = lines(ARABIC).encode("utf-8") + lines(ENGLISH, ARABIC).replace('"r0"', '"x0"').replace(
        '"r1"', '"x1"').encode("cp1256")
    got = read_upload("mixed.jsonl", mixed, None)
    assert [(r.id, r.text) for r in got] == [("r0", ARABIC), ("x0", ENGLISH), ("x1", ARABIC)]
    assert got[0].problems == [] and got[2].problems[0].startswith("W-TEXT-ENCODING: mixed.jsonl line 3")
    assert [r.text for r in read_upload("u.jsonl", lines(ARABIC).encode("utf-16"), None)] == [ARABIC]
