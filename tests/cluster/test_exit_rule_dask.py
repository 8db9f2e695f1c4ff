"""The exit rule is the same on Dask (``--workers``) as in a serial run (ledger20; README "Exit codes"): a missing
path, a path that gives no report (empty, nothing but unreadable lines, binary) and an interrupted run give the same
exit status and the same words on stderr whether extraction runs here or on local Dask workers; a path that gave
reports despite a bad line is no failure either way.  Dask is in the ``test`` extra: without it the module skips."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from warledger.cli import main

pytest.importorskip("distributed")

TEXT = "Shelling killed two shepherds near an invented hamlet outside Sarmin on 3 May 2022."
SUMMARY = re.compile(r"warledger: (\d+ input path\(s\) could not be read or held no report: .*?) \(see")


def _inputs(tmp_path: Path) -> dict[str, Path]:
    paths = {"good": tmp_path / "good.txt", "empty": tmp_path / "empty.txt", "blob": tmp_path / "blob.bin",
             "bad_lines": tmp_path / "bad.jsonl", "mixed": tmp_path / "mixed.jsonl", "missing": tmp_path / "none.txt"}
    paths["good"].write_text(TEXT + "\n", encoding="utf-8")
    paths["empty"].write_bytes(b"")
    paths["blob"].write_bytes(b"\x00\x07\x01" * 300)
    paths["bad_lines"].write_text("{{{\nnot json\n", encoding="utf-8")
    paths["mixed"].write_text('{"id": "m1", "text": "' + TEXT + '"}\nnot json\n', encoding="utf-8")
    return paths


def _run(command: str, given: Path, good: Path, out: Path, dask: bool,
         capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    if command == "ingest":
        extra = ["--db", str(out.with_suffix(".db"))]
    else:
        extra = ["--out-dir", str(out)] if dask else ["--out", str(out.with_suffix(".jsonl"))]
    capsys.readouterr()
    rc = main([command, str(given), str(good), "--progress", "off", *extra, *(["--workers", "1"] if dask else [])])
    return rc, capsys.readouterr().err


@pytest.mark.parametrize("command,failed", [("ingest", "empty"), ("ingest", "bad_lines"), ("ingest", "missing"),
                                            ("ingest", "mixed"), ("extract", "empty"), ("extract", "bad_lines"),
                                            ("extract", "missing")])
def test_the_same_status_and_words_on_dask(command: str, failed: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    paths = _inputs(tmp_path)
    serial = _run(command, paths[failed], paths["good"], tmp_path / "serial", False, capsys)
    dask = _run(command, paths[failed], paths["good"], tmp_path / "dask", True, capsys)
    assert serial[0] == dask[0] == (0 if failed == "mixed" else 1)
    if failed == "missing":
        assert all("1 input path not found" in err and "none.txt" in err for _, err in (serial, dask))
    elif failed != "mixed":
        assert SUMMARY.findall(serial[1]) == SUMMARY.findall(dask[1]) != []
    assert all(paths[failed].name in err for _, err in (serial, dask))


@pytest.mark.parametrize("dask", [False, True])
def test_an_interrupted_run_exits_130_either_way(dask: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.store import Ledger

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Ledger, "ingest", interrupted)
    paths = _inputs(tmp_path)
    rc, err = _run("ingest", paths["good"], paths["mixed"], tmp_path / "run", dask, capsys)
    assert rc == 130 and err.strip().endswith("warledger: interrupted")
