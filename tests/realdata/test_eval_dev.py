"""Real-data evaluation on the development sets in ../shared/data/eval (skips when absent).

1. Floors: every score in tests/realdata/floors.json must hold.  Raising a floor is part of every
   improvement; lowering one needs a reason in the commit message.
2. Agreement: warledger's own scoring (warledger.evaluate) gives the same numbers as the reference
   scorer ../shared/tools/score.py, run as a subprocess on the same output lines, both for
   warledger's output and for the naive baseline's.

Subsets (for CI speed, stated also in floors.json): the FIRST 2000 lines of acled_notes_dev.jsonl;
the whole file for every other set.

Re-measure and rewrite the floors (current value minus 0.01) with:
    python tests/realdata/test_eval_dev.py --update
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

from warledger.evaluate.runner import SetRun, load_evalset, run_dedup, run_set
from warledger.evaluate.scoring import SetScore

pytestmark = pytest.mark.realdata

FLOORS = Path(__file__).resolve().parent / "floors.json"
MARGIN = 0.01
# set file -> (reference scorer kind, line limit or None for the whole file)
SETS: dict[str, tuple[str, Optional[int]]] = {
    "acled_notes_dev.jsonl": ("acled", 2000),
    "airwars_en_dev.jsonl": ("airwars", None),
    "airwars_ar_dev.jsonl": ("airwars", None),
    "case2021_task2_dev.jsonl": ("case", None),
    "airwars_places_dev.jsonl": ("places", None),
}
DEDUP_SET = "airwars_en_dev.jsonl"

_RUNS: dict[str, SetRun] = {}


def get_run(shared: Path, name: str) -> SetRun:
    """Each set is evaluated once per test session."""
    if name not in _RUNS:
        es = load_evalset(shared / "data" / "eval" / name, SETS[name][1])
        _RUNS[name] = run_set(es, quiet=True)
    return _RUNS[name]


def reference_scores(shared: Path, kind: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]],
                     tmp: Path) -> dict[str, str]:
    """The reference scorer's printed values ("0.123") per metric."""
    g, p = tmp / f"{kind}_gold.jsonl", tmp / f"{kind}_pred.jsonl"
    g.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in gold), encoding="utf-8")
    p.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in pred), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(shared / "tools" / "score.py"), kind, str(g), str(p)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out: dict[str, str] = {}
    for line in proc.stdout.splitlines():
        if " = " in line and line.startswith(kind + "."):
            metric, value = line[len(kind) + 1:].split(" = ", 1)
            out[metric] = value.split()[0]
    assert out, f"reference scorer printed no metrics:\n{proc.stdout}\n{proc.stderr}"
    return out


def _floors() -> dict[str, Any]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", list(SETS))
def test_scores_hold_their_floors(shared_dir: Path, name: str) -> None:
    floors = _floors()["sets"][name]
    assert floors["limit"] == SETS[name][1], "floors.json was measured on a different subset"
    run = get_run(shared_dir, name)
    got = run.system.values()
    assert set(floors["metrics"]) <= set(got), f"floors.json names metrics the scorer lacks: {floors['metrics']}"
    below = {k: (round(got[k], 4), f) for k, f in floors["metrics"].items() if got[k] < f}
    assert not below, f"{name}: scores fell below their floors (score, floor): {below}"


@pytest.mark.parametrize("name", list(SETS))
def test_scoring_agrees_with_reference_scorer(shared_dir: Path, name: str, tmp_path: Path) -> None:
    kind = SETS[name][0]
    run = get_run(shared_dir, name)
    for who, score, pred in (("warledger", run.system, run.system_pred), ("baseline", run.baseline, run.baseline_pred)):
        ref = reference_scores(shared_dir, kind, run.evalset.lines, pred, tmp_path)
        mine = {k: f"{v:.3f}" for k, v in score.values().items()}
        assert mine == ref, f"{name} ({who}): warledger.evaluate {mine} != reference {ref}"


def test_baseline_is_not_trivially_zero(shared_dir: Path) -> None:
    """The floor shown beside every table must measure something (guards the baseline's lexicon)."""
    run = get_run(shared_dir, "acled_notes_dev.jsonl")
    assert run.baseline.metrics["date"].value > 0.5
    assert run.baseline.metrics["admin1"].value > 0.3


def test_dedup_holds_its_floor(shared_dir: Path) -> None:
    floor = _floors().get("dedup", {}).get("metrics")
    es = load_evalset(shared_dir / "data" / "eval" / DEDUP_SET)
    score, note = run_dedup(es, quiet=True)
    if score is None:
        pytest.skip(note)
    if not floor:
        pytest.skip("no dedup floor saved yet (run this file with --update)")
    got = score.values()
    below = {k: (round(got[k], 4), f) for k, f in floor.items() if got[k] < f}
    assert not below, f"dedup scores fell below their floors (score, floor): {below}"


def _floor(v: float) -> float:
    return max(0.0, round(v - MARGIN, 3))


def update(shared: Path) -> None:
    """Re-measure every set and rewrite floors.json at current values minus MARGIN."""
    data: dict[str, Any] = {
        "about": "Saved floors of warledger's dev-set scores (current value minus 0.01 when saved). "
                 "tests/realdata/test_eval_dev.py fails when a score falls below its floor. 'limit' is the "
                 "number of leading lines scored (null: the whole file). Raise floors with every improvement; "
                 "lowering one needs a reason in the commit message.",
        "sets": {}, "dedup": {}}
    for name, (_, limit) in SETS.items():
        run = get_run(shared, name)
        data["sets"][name] = {"limit": limit, "n": run.system.n,
                              "metrics": {k: _floor(v) for k, v in run.system.values().items()}}
        print(name, {k: round(v, 3) for k, v in run.system.values().items()}, file=sys.stderr)
    score: Optional[SetScore]
    score, note = run_dedup(load_evalset(shared / "data" / "eval" / DEDUP_SET), quiet=True)
    data["dedup"] = {"set": DEDUP_SET, "note": note,
                     "metrics": {k: _floor(v) for k, v in score.values().items()} if score else {}}
    FLOORS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS}", file=sys.stderr)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from conftest import SHARED  # type: ignore[import-not-found]

    if "--update" not in sys.argv:
        sys.exit("usage: python tests/realdata/test_eval_dev.py --update   (re-measure and rewrite floors.json)")
    update(SHARED)
