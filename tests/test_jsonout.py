"""The shared record writer behind extract, geocode and incidents."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warledger.jsonout import RecordWriter


def test_jsonl_one_record_a_line(tmp_path: Path) -> None:
    f = tmp_path / "out.jsonl"
    with RecordWriter(str(f), "jsonl") as w:
        w.write({"id": "a", "place": "Binnish"})
        w.write({"id": "b"})
    assert w.count == 2
    assert [json.loads(x) for x in f.read_text(encoding="utf-8").splitlines()] == [{"id": "a", "place": "Binnish"},
                                                                                    {"id": "b"}]


def test_json_array_and_empty_array_are_valid(tmp_path: Path) -> None:
    f = tmp_path / "out.json"
    with RecordWriter(str(f), "json") as w:
        w.write({"n": 1})
        w.write({"n": 2})
    assert json.loads(f.read_text(encoding="utf-8")) == [{"n": 1}, {"n": 2}]
    with RecordWriter(str(f), "json"):
        pass
    assert json.loads(f.read_text(encoding="utf-8")) == []


def test_a_failed_run_leaves_the_array_unclosed(tmp_path: Path) -> None:
    f = tmp_path / "out.json"
    with pytest.raises(RuntimeError):
        with RecordWriter(str(f), "json") as w:
            w.write({"n": 1})
            raise RuntimeError("stop")
    with pytest.raises(json.JSONDecodeError):
        json.loads(f.read_text(encoding="utf-8"))


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="jsonl"):
        RecordWriter(None, "csv")
