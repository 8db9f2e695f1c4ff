"""The command line: help that teaches, exit codes, bad input that never stops the run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from warledger.cli import build_parser, main


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warledger.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_help_lists_the_contract_commands() -> None:
    text = build_parser().format_help()
    for cmd in ("extract", "demo"):
        assert cmd in text
    assert "warledger extract --input reports.jsonl" in text


def test_extract_without_input_explains_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 1
    assert "--input" in capsys.readouterr().err


def test_extract_exit_status_nonzero_only_when_nothing_read(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "Nothing happened today."}\nnot json\n', encoding="utf-8")
    done = run_cli("extract", "--input", str(good), "--with-reports")
    assert done.returncode == 0
    assert "good.jsonl line 2" in done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert [x["report_id"] for x in lines] == ["g1"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{{{\n", encoding="utf-8")
    done = run_cli("extract", "--input", str(bad))
    assert done.returncode == 1 and "nothing could be read" in done.stderr


def test_extract_reads_jsonl_from_stdin() -> None:
    done = run_cli("extract", "--input", "-", "--with-reports", stdin='{"id": "s1", "text": "Calm day."}\n')
    assert done.returncode == 0
    assert json.loads(done.stdout.splitlines()[0])["report_id"] == "s1"


def test_extract_json_format_is_one_valid_array(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    done = run_cli("extract", "--input", str(f), "--format", "json", "--with-reports")
    assert [r["report_id"] for r in json.loads(done.stdout)] == ["a", "b"]
