"""The baseline, set detection, the eval command and BENCHMARKS.md rewriting, on invented reports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.errors import InputError
from warledger.evaluate.baseline import baseline_place, baseline_report
from warledger.evaluate.report import rewrite_section
from warledger.evaluate.runner import detect_kind, load_evalset

NOTE = ("On 3 May 2022, regime forces shelled the outskirts of Kafr Nabl in the Idlib countryside with "
        "artillery. 4 civilians were killed, including 2 children, and 6 were wounded.")


def test_baseline_reads_first_number_date_governorate_keyword() -> None:
    (rec,) = baseline_report("n1", NOTE)
    assert rec["fatalities"] == 4
    assert rec["event_date"] == "2022-05-03"
    assert rec["admin1"] == "Idleb"
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"
    assert rec["actor1"] == "Military Forces of Syria (2000-)" and rec["actor2"] == "Civilians (Syria)"
    assert rec["killed"]["civilians"]["best"] == 4 and rec["killed"]["children"]["best"] == 2
    assert rec["injured"]["civilians"]["best"] == 6
    assert rec["latitude"] is not None


def test_baseline_leaves_unknowns_null() -> None:
    (rec,) = baseline_report("n2", "Clashes broke out near a checkpoint. No details were given.")
    assert rec["fatalities"] is None and rec["event_date"] is None and rec["admin1"] is None
    assert rec["sub_event_type"] == "Armed clash"
    assert baseline_place("p", "a hill farm", None)["latitude"] is None
    assert baseline_place("p", "a farm near Hama", None)["admin1"] == "Hama"


def test_detect_kind_by_name_then_gold_shape(tmp_path: Path) -> None:
    assert detect_kind(Path("my_acled_notes.jsonl"), None) == "acled"
    assert detect_kind(Path("airwars_places_x.jsonl"), None) == "places"
    assert detect_kind(Path("x.jsonl"), {"gold": {"label": "ARREST"}}) == "case"
    assert detect_kind(Path("x.jsonl"), {"gold": {"incidents": []}}) == "airwars"
    assert detect_kind(Path("acled_theatres_x.jsonl"), None) == "theatres"
    assert detect_kind(Path("x.jsonl"), {"gold": {"fatalities": 0, "country": "Freedonia",
                                                  "event_type": "Protests"}}) == "theatres"
    assert detect_kind(Path("x.jsonl"), {"gold": {"fatalities": 0}}) == "acled"
    with pytest.raises(InputError, match="cannot tell"):
        detect_kind(Path("x.jsonl"), {"gold": {"something": 1}})


def test_load_evalset_names_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "case_x.jsonl"
    f.write_text('{"id": "1", "text": "t", "gold": {"label": "ARREST"}}\n{"id": "2"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        load_evalset(f)
    assert len(load_evalset(f, limit=1).lines) == 1


def test_rewrite_section_replaces_only_its_block(tmp_path: Path) -> None:
    f = tmp_path / "B.md"
    f.write_text("# Benchmarks\n\nintro stays\n", encoding="utf-8")
    rewrite_section(f, "eval", "first table")
    rewrite_section(f, "bench", "speed")
    rewrite_section(f, "eval", "second table")
    text = f.read_text(encoding="utf-8")
    assert "intro stays" in text and "second table" in text and "speed" in text
    assert "first table" not in text and text.count("warledger eval: begin") == 1


def test_eval_command_prints_table_and_writes_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "mini_case.jsonl"
    lines = [{"id": "1", "text": "Government warplanes bombed a market in Ariha.", "gold": {"label": "AIR_STRIKE"}},
             {"id": "2", "text": "Protesters gathered peacefully in Sweida square.", "gold": {"label": "PEACE_PROTEST"}}]
    f.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    out = tmp_path / "BENCHMARKS.md"
    assert main(["eval", str(f), "--confusion", "--errors", "1", "-q", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "weighted_f1" in printed and "baseline" in printed and "gold \\ warledger" in printed
    body = out.read_text(encoding="utf-8")
    assert f"Command: `warledger eval {f}" in body and "weighted_f1" in body
    # the baseline gets both snippets right: warplanes -> air strike, protest keyword
    assert "| accuracy |" in body and "2/2 |" in body


def test_eval_ceiling_prints_the_upper_bounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "mini_airwars_en.jsonl"
    gold = {"civilians_killed_min": "3", "civilians_killed_max": "3", "incident_date": "2021-03-03",
            "belligerent": "Russian Military", "airwars_id": "x1"}
    lines = [{"id": "1", "text": "Russian jets killed three civilians in Ariha on 3 March 2021.", "gold": {"incidents": [gold]}},
             {"id": "2", "text": "This page is not available.", "gold": {"incidents": [gold]}}]
    f.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert main(["eval", str(f), "--ceiling", "--no-dedup", "-q"]) == 0
    printed = capsys.readouterr().out
    assert "#### Ceilings" in printed
    assert "| civilians | 0.500 | 0.500 | 1/2 |" in printed  # the empty page cannot state a toll


def test_eval_theatres_prints_per_country_rows_for_whole_and_halves(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "mini_acled_theatres.jsonl"
    gold = {"fatalities": 0, "event_date": "2021-06-01", "admin1": "Nowhere", "latitude": 15.0, "longitude": 44.0,
            "event_type": "Protests", "sub_event_type": "Peaceful protest", "actor1": "Protesters (Yemen)",
            "actor2": None, "location": "Nowhere"}
    lines = [{"id": f"n{i}", "text": f"On 1 June 2021 people protested in a square (note {i}).",
              "gold": dict(gold, country=("Yemen" if i % 2 else "Iraq"))} for i in range(8)]
    f.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    assert main(["eval", str(f), "-q"]) == 0
    printed = capsys.readouterr().out
    assert "ACLED notes of any country" in printed and "| actor_names |" in printed
    rows = [r for r in printed.splitlines() if r.startswith("| Iraq |") or r.startswith("| Yemen |")]
    parts = {tuple(c.strip() for c in r.split("|")[1:3]) for r in rows}
    assert ("Iraq", "whole") in parts and ("Yemen", "whole") in parts
    assert {p for _, p in parts} == {"whole", "tune half", "check half"}
