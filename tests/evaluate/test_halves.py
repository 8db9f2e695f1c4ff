"""Tune and check halves in the evaluation tools, and the floors' guards (halves rule, issue 11 task B)."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.evaluate.floors import new_floors
from warledger.evaluate.halves import half_of, ids_digest, in_half

# invented snippets with CASE-like labels
SNIPPETS = [
    ("Government warplanes bombed a market in Kafr Sajna.", "AIR_STRIKE"),
    ("Protesters gathered peacefully in the square of Tell Hamis.", "PEACE_PROTEST"),
    ("Artillery shells fell on the outskirts of Jisr Bani Hasan.", "ARTILLERY_MISSILE_ATTACK"),
    ("A drone struck a truck on the road near Rasm al-Ward.", "AIR_STRIKE"),
    ("Gunmen abducted a teacher in Bir Qasab.", "ABDUCT_DISAPPEAR"),
    ("Security forces arrested four young men in Dayr Khabiya.", "ARREST"),
    ("Residents marched against rising bread prices in Umm Batinah.", "PEACE_PROTEST"),
    ("Rebels and army units fought for hours near Tal Sultan.", "ARMED_CLASH"),
    ("A roadside bomb exploded beside a patrol near Khirbat Ghazala.", "REMOTE_EXPLOSIVE"),
    ("Helicopters dropped barrel bombs on Hawsh Bilas.", "AIR_STRIKE"),
]


def test_half_of_is_the_project_rule() -> None:
    for i in list(range(50)) + ["abc", "r-17", "رقم"]:
        expected = "tune" if hashlib.sha1(str(i).encode("utf-8")).digest()[0] % 2 == 0 else "check"
        assert half_of(i) == expected
    lines = [{"id": i} for i in range(200)]
    tune, check = in_half(lines, "tune"), in_half(lines, "check")
    assert len(tune) + len(check) == 200 and 60 < len(tune) < 140
    assert not {x["id"] for x in tune} & {x["id"] for x in check}
    assert half_of(7) == half_of("7")                       # the id's text decides, whatever its JSON type


def test_ids_digest_tells_other_lines_apart() -> None:
    a = [{"id": "1"}, {"id": "2"}]
    assert ids_digest(a) == ids_digest([{"id": "1", "text": "other"}, {"id": "2"}])
    assert ids_digest(a) != ids_digest([{"id": "1"}, {"id": "3"}]) != ids_digest(a[:1])


def _write_set(tmp_path: Path) -> Path:
    f = tmp_path / "mini_case.jsonl"
    f.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "gold": {"label": g}}) + "\n"
                         for i, (t, g) in enumerate(SNIPPETS)), encoding="utf-8")
    return f


def _rows(printed: str) -> dict[str, list[str]]:
    return {cells[0]: cells[1:] for line in printed.splitlines() if line.startswith("| ")
            for cells in [[c.strip() for c in line.strip("|").split("|")]]}


def test_eval_reports_each_half_beside_the_whole_and_agrees_with_half_runs(tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    f = _write_set(tmp_path)
    assert main(["eval", str(f), "-q"]) == 0
    whole = capsys.readouterr().out
    head = next(x for x in whole.splitlines() if x.startswith("| metric"))
    assert [c.strip() for c in head.strip("|").split("|")][1::2] == ["warledger", "tune half", "check half", "baseline"]
    n_tune = len(in_half([{"id": f"s{i}"} for i in range(len(SNIPPETS))], "tune"))
    assert f"tune {n_tune}, check {len(SNIPPETS) - n_tune}" in whole
    for half, col in (("tune", 2), ("check", 4)):
        assert main(["eval", str(f), "-q", "--half", half]) == 0
        alone = capsys.readouterr().out
        assert f"({half} half)" in alone
        for metric, cells in _rows(alone).items():
            if metric != "metric" and not metric.startswith("-"):
                assert _rows(whole)[metric][col:col + 2] == cells[:2], (half, metric)


def test_errors_list_only_tune_lines_and_check_lines_are_never_shown(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "mini_case.jsonl"
    # every gold label is wrong on purpose, so that every line is a failure
    f.write_text("".join(json.dumps({"id": f"s{i}", "text": t, "gold": {"label": "SEXUAL_VIOLENCE"}}) + "\n"
                         for i, (t, _) in enumerate(SNIPPETS)), encoding="utf-8")
    assert main(["eval", str(f), "-q", "--errors", "50"]) == 0
    shown = set(re.findall(r"^\[(s\d+)\]", capsys.readouterr().out, re.M))
    assert shown and all(half_of(i) == "tune" for i in shown)
    assert shown == {f"s{i}" for i in range(len(SNIPPETS)) if half_of(f"s{i}") == "tune"}
    assert main(["eval", str(f), "-q", "--errors", "5", "--half", "check"]) == 1
    assert "only scored" in capsys.readouterr().err


def test_floors_only_go_up_unless_lowering_is_asked() -> None:
    old = {"a": 0.50, "b": 0.80}
    floors, below = new_floors(old, {"a": 0.70, "b": 0.805})
    assert floors == {"a": 0.69, "b": 0.80} and below == {}     # b's score still holds: its floor is kept
    floors, below = new_floors(old, {"a": 0.45, "b": 0.90})
    assert below == {"a": (0.45, 0.50)} and floors["a"] == 0.50  # the caller refuses to write this
    floors, below = new_floors(old, {"a": 0.45, "b": 0.90}, allow_lower=True)
    assert floors == {"a": 0.44, "b": 0.89} and below == {"a": (0.45, 0.50)}
    assert new_floors({}, {"c": 0.3})[0] == {"c": 0.29}
