"""Every hostile kind of report the issue lists, through `warledger extract` and `warledger ingest` (issue 14):
exit 0, valid UTF-8 JSON, evidence offsets inside the text, counts in 0..10,000,000, every report with an
incident in the extract also in the ledger, and no report over the per-report time limit.  A few reports per
kind, seeded, in bounded time; `scripts/soak.py` runs ten thousand (BENCHMARKS.md)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mutate import MUTATIONS, check_extract, check_ledger, check_stored, mutated_reports  # type: ignore[import-not-found]

REPO = Path(__file__).resolve().parents[2]
N = len(MUTATIONS) + 13  # every kind first in one report, and again among the extra ones


def _cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONPATH=str(REPO), WARLEDGER_MAX_SECONDS="20")
    return subprocess.run([sys.executable, "-m", "warledger.cli", *args], capture_output=True, env=env, cwd=REPO,
                          timeout=300)


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    rs = list(mutated_reports(N, seed=2026))
    path = tmp_path_factory.mktemp("fuzz") / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rs), encoding="utf-8")
    return path, rs


@pytest.fixture(scope="module")
def extracted(reports: tuple[Path, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    path, rs = reports
    done = _cli("extract", "--input", str(path), "--format", "jsonl", "--progress", "off")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-3000:]
    return check_extract(rs, done.stdout)


def test_the_mutator_is_seeded_and_deals_every_kind() -> None:
    a, b = list(mutated_reports(40, seed=5)), list(mutated_reports(40, seed=5))
    assert a == b and len({r["id"] for r in a}) == 40
    assert {k for r in mutated_reports(len(MUTATIONS)) for k in r["mutations"]} == set(MUTATIONS)


def test_extract_survives_every_mutation(extracted: list[dict[str, Any]]) -> None:
    assert len({x["report_id"] for x in extracted}) > N // 3  # most reports still yield records


def test_ingest_keeps_every_report_with_an_incident(db: str, reports: tuple[Path, list[dict[str, Any]]],
                                                     extracted: list[dict[str, Any]]) -> None:
    path, rs = reports
    done = _cli("ingest", "--input", str(path), "--db", db, "--progress", "off")
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-3000:]
    out = _cli("incidents", "--db", db, "--format", "jsonl", "--no-per-report")
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")[-3000:]
    check_ledger(extracted, [json.loads(x) for x in out.stdout.decode("utf-8").splitlines() if x.strip()])
    from warledger.store import Ledger
    with Ledger(db) as ledger:
        ids = {r["id"] for r in ledger.reports()}
        check_stored(rs, ids, done.stderr.decode("utf-8", "replace"))  # stored, or skipped with a message
        late = [i for i in ids if any("E-EXTRACT-TIMEOUT" in p for p in ledger.report(i)["problems"])]
        assert not late
