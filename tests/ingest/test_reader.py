"""Reading reports: JSON lines, documents, bad input."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from warledger.errors import InputError
from warledger.ingest import ReadStats, decode_bytes, parse_published, read_reports
from warledger.ingest import reader as reader_mod


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_reads_fields_and_ignores_unknown_keys(tmp_path: Path) -> None:
    f = write(tmp_path / "r.jsonl", [json.dumps({"id": "r1", "text": "Shelling hit a village.", "published": "2020-01-02T10:00:00",
                                                 "source": "Monitor", "gold": {"x": 1}})])
    (r,) = list(read_reports(f))
    assert (r.id, r.text, r.published, r.source, r.line) == ("r1", "Shelling hit a village.", "2020-01-02", "Monitor", 1)


def test_jsonl_keeps_a_stated_source_scale_and_nothing_else(tmp_path: Path) -> None:
    rows = [{"id": "r1", "text": "Shelling hit a village.", "source_scale": " Subnational "},
            {"id": "r2", "text": "Shelling hit a village.", "source_scale": 3}, {"id": "r3", "text": "Shelling hit a village."}]
    f = write(tmp_path / "r.jsonl", [json.dumps(r) for r in rows])
    assert [r.source_scale for r in read_reports(f)] == ["Subnational", None, None]


def test_bad_lines_are_named_and_skipped_but_others_survive(tmp_path: Path) -> None:
    f = write(tmp_path / "mixed.jsonl", ['{"id": "ok1", "text": "a"}', "{broken", "[1, 2]", '{"id": "no-text"}',
                                         '{"id": "ok2", "text": "b"}'])
    stats, messages = ReadStats(), []
    got = [r.id for r in read_reports(f, stats=stats, warn=messages.append)]
    assert got == ["ok1", "ok2"]
    assert stats.read == 2 and stats.skipped == 3
    assert any("mixed.jsonl line 2" in m and "not valid JSON" in m for m in messages)
    assert any("line 3" in m and "JSON object" in m for m in messages)
    assert any("line 4" in m and '"text"' in m for m in messages)


def test_missing_id_is_named_after_file_path_and_line(tmp_path: Path) -> None:
    f = write(tmp_path / "noid.jsonl", ['{"text": "a"}'])
    (r,) = list(read_reports(f))
    assert r.id == f"{f}:1" and any(p.startswith("W-ID-MISSING: no \"id\"") for p in r.problems)
    # two files of the same name in two folders: two ids (the name alone made them one report)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    write(tmp_path / "a" / "noid.jsonl", ['{"text": "first"}'])
    write(tmp_path / "b" / "noid.jsonl", ['{"text": "second"}'])
    ids = [r.id for r in read_reports(tmp_path / "a" / "noid.jsonl")] + [r.id for r in read_reports(tmp_path / "b" / "noid.jsonl")]
    assert len(set(ids)) == 2


def test_plain_files_of_the_same_name_in_two_folders_are_two_reports(tmp_path: Path) -> None:
    for sub, text in (("a", "Shelling hit the first village."), ("b", "Shelling hit the second village.")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text(text, encoding="utf-8")
    in_folder = [r.id for r in read_reports(tmp_path)]
    assert in_folder == [f"{tmp_path.as_posix()}/a/report.txt", f"{tmp_path.as_posix()}/b/report.txt"]
    one_by_one = [r.id for sub in ("a", "b") for r in read_reports(tmp_path / sub / "report.txt")]
    assert one_by_one == in_folder      # the same file has the same id however it was reached


def test_impossible_published_date_becomes_a_problem() -> None:
    problems: list[str] = []
    assert parse_published("2019-02-30", "x", problems) is None
    assert problems and problems[0].startswith("W-PUBLISHED-UNREADABLE:") and "2019-02-30" in problems[0]
    assert "YYYY-MM-DD" in problems[0]
    assert parse_published("2019-11-07", "x", []) == "2019-11-07"
    assert parse_published(None, "x", []) is None


def test_written_out_published_dates_in_english_and_arabic() -> None:
    # pages often print their date with a month name, in the page's own language
    assert parse_published("3 March 2021", "x", []) == "2021-03-03"
    assert parse_published("Mar 3, 2021", "x", []) == "2021-03-03"
    assert parse_published("Wednesday, 3 March 2021", "x", []) == "2021-03-03"
    assert parse_published("3 مارس 2021", "x", []) == "2021-03-03"          # Egyptian month name
    assert parse_published("٣ آذار ٢٠٢١", "x", []) == "2021-03-03"           # Levantine name, Arabic digits
    assert parse_published("12 كانون الأول 2020", "x", []) == "2020-12-12"   # two-word Levantine name
    for bad in ("30 February 2021", "3 Marchember 2021", "March 2021"):
        problems: list[str] = []
        assert parse_published(bad, "x", problems) is None and problems, bad


def test_gzipped_jsonl(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl.gz"
    with gzip.open(f, "wt", encoding="utf-8") as g:
        g.write('{"id": "z", "text": "zipped"}\n')
    assert [r.text for r in read_reports(f)] == ["zipped"]


def test_plain_document_uses_its_path_and_published(tmp_path: Path) -> None:
    f = tmp_path / "bulletin-12.txt"
    f.write_text("Two shells fell on the market.", encoding="utf-8")
    (r,) = list(read_reports(f, published="2021-05-01"))
    assert (r.id, r.published, r.origin) == (f.as_posix(), "2021-05-01", str(f))


def test_binary_and_empty_files(tmp_path: Path) -> None:
    b = tmp_path / "photo.bin"
    b.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    with pytest.raises(InputError, match="binary"):
        list(read_reports(b))
    e = tmp_path / "empty.txt"
    e.write_bytes(b"")
    stats, messages = ReadStats(), []
    assert list(read_reports(e, stats=stats, warn=messages.append)) == []
    assert stats.skipped == 1 and "empty" in messages[0]


def test_windows_arabic_encoding_is_decoded_with_a_problem() -> None:
    text, problem = decode_bytes("قصف على القرية".encode("cp1256"), "ar.txt")
    assert text == "قصف على القرية"
    assert problem is not None and "cp1256" in problem
    text, problem = decode_bytes("Hama countryside".encode("utf-8"), "en.txt")
    assert (text, problem) == ("Hama countryside", None)


def test_folder_reads_every_file_and_survives_a_bad_one(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("First report.", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02" * 100)
    write(tmp_path / "c.jsonl", ['{"id": "c1", "text": "Third."}'])
    stats, messages = ReadStats(), []
    ids = [r.id for r in read_reports(tmp_path, stats=stats, warn=messages.append)]
    assert ids == [f"{tmp_path.as_posix()}/a.txt", "c1"]
    assert stats.skipped == 1 and "b.bin" in messages[0]


def test_missing_file_names_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="nothere.jsonl: no such file"):
        list(read_reports(tmp_path / "nothere.jsonl"))


def test_huge_text_is_read_in_parts_without_losing_characters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader_mod, "MAX_REPORT_CHARS", 1000)
    para = "Artillery shells fell on the eastern neighbourhoods.\n\n"
    f = tmp_path / "big.txt"
    f.write_text(para * 100, encoding="utf-8")
    parts = list(read_reports(f))
    assert len(parts) > 3
    assert "".join(p.text for p in parts) == para * 100
    assert all(len(p.text) <= 1000 for p in parts)
    assert parts[1].id == f"{f.as_posix()}#part2" and parts[1].problems[-1].startswith("W-REPORT-SPLIT:") and "part 2" in parts[1].problems[-1]
