"""Real-data evaluation on the development sets in ../shared/data/eval (skips when absent).

1. Floors: every score in tests/realdata/floors.json must hold, on the very lines it was measured on
   (each entry keeps a digest of those lines' ids; other data fails the test until re-measured).
   Raising a floor is part of every improvement; lowering one needs --allow-lower and a reason in the
   commit message.
2. Agreement: warledger's own scoring (warledger.evaluate) gives the same numbers as the reference
   scorer ../shared/tools/score.py, run as a subprocess on the same output lines, both for
   warledger's output and for the naive baseline's.

Subsets (for CI speed, stated also in floors.json): the FIRST 2000 lines of acled_notes_dev.jsonl;
the whole file for every other set.

Re-measure and rewrite the floors (current value minus 0.01, never below a saved floor) with:
    python tests/realdata/test_eval_dev.py --update
It refuses to write when a score fell below its saved floor; --allow-lower writes all floors at the
current values minus 0.01.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest

from warledger.evaluate.floors import MARGIN, new_floors
from warledger.evaluate.halves import ids_digest
from warledger.evaluate.runner import SetRun, load_evalset, run_dedup, run_set
from warledger.evaluate.scoring import SetScore

pytestmark = pytest.mark.realdata

FLOORS = Path(__file__).resolve().parent / "floors.json"
# set file -> (reference scorer kind, line limit or None for the whole file)
SETS: dict[str, tuple[str, Optional[int]]] = {
    "acled_notes_dev.jsonl": ("acled", 2000),
    "acled_theatres_dev.jsonl": ("theatres", None),
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
        _RUNS[name] = run_set(es, quiet=True, halves=False)
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
    digest = ids_digest(run.evalset.lines)
    assert floors.get("ids_sha256") == digest, (
        f"{name}: floors.json was measured on other lines (ids digest {floors.get('ids_sha256')}, these "
        f"{digest}): re-measure with python tests/realdata/test_eval_dev.py --update")
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
    saved = _floors().get("dedup", {})
    floor = saved.get("metrics")
    es = load_evalset(shared_dir / "data" / "eval" / DEDUP_SET)
    assert saved.get("ids_sha256") == ids_digest(es.lines), (
        "the dedup floors were measured on other lines: re-measure with python tests/realdata/test_eval_dev.py --update")
    score, note = run_dedup(es, quiet=True)
    if score is None:
        pytest.skip(note)
    if not floor:
        pytest.skip("no dedup floor saved yet (run this file with --update)")
    got = score.values()
    below = {k: (round(got[k], 4), f) for k, f in floor.items() if got[k] < f}
    assert not below, f"dedup scores fell below their floors (score, floor): {below}"


def update(shared: Path, allow_lower: bool = False) -> int:
    """Re-measure every set and rewrite floors.json: current values minus MARGIN, never below a saved
    floor; refuse (write nothing, return 1) when a score fell below its floor, unless ``allow_lower``."""
    old = _floors() if FLOORS.exists() else {"sets": {}, "dedup": {}}
    data: dict[str, Any] = {
        "about": "Saved floors of warledger's dev-set scores (current value minus 0.01 when saved). "
                 "tests/realdata/test_eval_dev.py fails when a score falls below its floor, or when the lines "
                 "scored are not those the floors were measured on ('ids_sha256': "
                 "warledger.evaluate.halves.ids_digest of their ids). 'limit' is the number of leading lines "
                 "scored (null: the whole file). Floors are whole-set; eval reports each half too. Raise "
                 "floors with every improvement; lowering one needs --allow-lower and a reason in the commit message.",
        "sets": {}, "dedup": {}}
    refused: list[str] = []
    for name, (_, limit) in SETS.items():
        run = get_run(shared, name)
        floors, below = new_floors(old["sets"].get(name, {}).get("metrics", {}), run.system.values(),
                                   margin=MARGIN, allow_lower=allow_lower)
        refused += [f"{name} {k}: score {v} < floor {f}" for k, (v, f) in below.items()]
        data["sets"][name] = {"limit": limit, "n": run.system.n, "ids_sha256": ids_digest(run.evalset.lines),
                              "metrics": floors}
        print(name, {k: round(v, 3) for k, v in run.system.values().items()}, file=sys.stderr)
    score: Optional[SetScore]
    es = load_evalset(shared / "data" / "eval" / DEDUP_SET)
    score, note = run_dedup(es, quiet=True)
    floors, below = new_floors(old.get("dedup", {}).get("metrics", {}), score.values() if score else {},
                               margin=MARGIN, allow_lower=allow_lower)
    refused += [f"dedup {k}: score {v} < floor {f}" for k, (v, f) in below.items()]
    data["dedup"] = {"set": DEDUP_SET, "note": note, "ids_sha256": ids_digest(es.lines), "metrics": floors}
    if refused and not allow_lower:
        print("refusing to lower floors (give --allow-lower, and a reason in the commit message):\n  "
              + "\n  ".join(refused), file=sys.stderr)
        return 1
    FLOORS.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {FLOORS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from conftest import SHARED  # type: ignore[import-not-found]

    if "--update" not in sys.argv:
        sys.exit("usage: python tests/realdata/test_eval_dev.py --update [--allow-lower]   (re-measure and "
                 "rewrite floors.json; floors only go up unless --allow-lower)")
    sys.exit(update(SHARED, allow_lower="--allow-lower" in sys.argv))
