"""The serving benchmark's builder and load generator, on a tiny ledger (no timing is asserted)."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from warledger.errors import InputError
from warledger.evaluate.serve_bench import KINDS, LoadResult, Shape, check_local, percentile, query_for
from warledger.evaluate.serve_data import build_ledger
from warledger.store import Ledger
from warledger.store.query import Filters


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("bench") / "tiny.db")
    build_ledger(db, 200, seed=3)
    return db


def test_builder_writes_the_ledgers_own_shape(tiny: str) -> None:
    with Ledger(tiny) as ledger:
        counts = ledger.counts()
        lines = list(ledger.incidents())
        assert counts["incidents"] == 200 == len(lines)
        assert counts["records"] >= 200 and counts["reports"] >= 180
        # every evidence span is the report's words at its offsets
        spans = 0
        for line in lines:
            for e in line["evidence"]:
                assert ledger.report_text(e["report_id"])[e["start"]:e["end"]] == e["text"]
                spans += 1
        assert spans > 200
        # the mix: merged incidents, problems, undated or unplaced ones, several provinces and actors
        assert any(len(x["reports"]) > 1 for x in lines)
        assert any(x["problems"] for x in lines) and any(not x["problems"] for x in lines)
        assert any(x["latitude"] is None for x in lines) and any(x["latitude"] is not None for x in lines)
        assert len({x["admin1"] for x in lines}) >= 5 and len({x["actor1"] for x in lines}) >= 4
        assert len({x["event_date"][:4] for x in lines if x["event_date"]}) >= 4
        assert {x["review_state"] for x in lines} >= {"unreviewed", "accepted"}
        # filters the API uses find these rows through the ledger's own columns
        _, queue = ledger.page(Filters(review_state="queue"))
        _, problems = ledger.page(Filters(has_problems=True))
        assert 0 < queue < 200 and 0 < problems < 200
        detail = ledger.detail(lines[0]["incident_id"])
        assert detail["sources"] and detail["sources"][0]["evidence"]


def test_builder_is_reproducible_and_refuses_a_full_ledger(tmp_path: Path, tiny: str) -> None:
    db = str(tmp_path / "again.db")
    build_ledger(db, 200, seed=3)
    with Ledger(db) as a, Ledger(tiny) as b:
        assert [json.dumps(x, sort_keys=True) for x in a.incidents()] == \
               [json.dumps(x, sort_keys=True) for x in b.incidents()]
    with pytest.raises(InputError, match="--force"):
        build_ledger(db, 10)
    assert build_ledger(db, 10, force=True)["incidents"] == 10


def test_queries_and_percentiles() -> None:
    shape = Shape(total=1000, admin1=["A"], actors=["X"], months=["2020-03"], points=[(35.0, 37.0)])
    rng = random.Random(1)
    qs = {k: query_for(k, shape, rng) for k in KINDS}
    assert qs["admin1"]["admin1"] == "A" and qs["actor"]["actor"] == "X"
    assert qs["month"]["date_from"] == "2020-03-01" and qs["queue"]["review_state"] == "queue"
    assert 500 <= int(qs["deep"]["offset"]) <= 950 and "offset" not in qs["all"]
    assert all(q["limit"] == "50" for q in qs.values())
    x0, y0, x1, y1 = (float(v) for v in qs["bbox"]["bbox"].split(","))
    assert x0 < 37.0 < x1 and y0 < 35.0 < y1
    assert percentile([float(i) for i in range(1, 101)], 99) == 99.0
    assert percentile([float(i) for i in range(1, 101)], 50) == 50.0
    assert percentile([], 99) == 0.0
    with pytest.raises(InputError, match="127.0.0.1"):
        check_local("http://example.org:8000")
    assert check_local("http://127.0.0.1:9/") == "http://127.0.0.1:9"


def test_readers_who_pause_arrive_spread_out_not_all_at_once() -> None:
    from warledger.evaluate.serve_bench import first_pause

    rng = random.Random(3)
    starts = [first_pause(rng, 1.0) for _ in range(2000)]
    assert all(x >= 0 for x in starts)
    assert 0.9 < sum(starts) / len(starts) < 1.1            # the steady state of exponential pauses of mean 1 s
    assert sum(x < 0.01 for x in starts) < 60                # not a burst at the start (about 1% of readers)
    assert first_pause(rng, 0.0) == 0.0                      # back-to-back readers start at once


def test_load_generator_against_a_running_server(tiny: str) -> None:
    pytest.importorskip("fastapi")
    pytest.importorskip("uvicorn")
    pytest.importorskip("httpx")
    from warledger.evaluate.serve_bench import Server, run_load

    with Server(tiny) as server:
        result = run_load(server.url, readers=2, requests=20, seconds=60, seed=5, warmup=2)
    assert isinstance(result, LoadResult)
    assert result.count == 20 and not result.errors, result.samples
    summary = result.summary()
    assert summary["count"] == 20 and 0 < summary["p50_ms"] <= summary["p99_ms"] <= summary["max_ms"]
    assert "| **all** | 20 | 0 |" in result.table()


def test_the_command_builds_then_measures(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    from warledger.cli import main

    db, out = str(tmp_path / "cmd.db"), tmp_path / "figures.json"
    assert main(["bench-serve", "--build", db, "--incidents", "60"]) == 0
    with Ledger(db) as ledger:
        assert ledger.counts()["incidents"] == 60
    assert main(["bench-serve", "--db", db, "--readers", "2", "--requests", "10", "--render", "0",
                 "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert figures["load"]["overall"]["count"] == 10 and figures["load"]["overall"]["errors"] == 0
    assert sum(v["count"] for v in figures["load"]["by_query"].values()) == 10
    with pytest.raises(SystemExit):
        main(["bench-serve", "--readers", "x"])


def test_the_walk_times_each_workbench_request_also_after_a_write(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    from warledger.cli import main

    db, out = str(tmp_path / "walk.db"), tmp_path / "walk.json"
    build_ledger(db, 120, seed=4)
    assert main(["bench-serve", "--db", db, "--readers", "0", "--render", "0", "--walk", "1",
                 "--json", str(out)]) == 0
    steps = json.loads(out.read_text())["walk"]
    names = [s["name"] for s in steps]
    assert {"map", "timeline by month", "table sort -place, page 50", "review queue, places", "incident page",
            "name suggestions (a name that matches nothing)", "export acled-csv, one province"} <= set(names)
    assert all(s["status"] == 200 and s["bytes"] > 0 for s in steps), [(s["name"], s["status"]) for s in steps]
    assert all(len([s["warm_ms"], s["after_write_ms"]]) == 2 and s["after_write_ms"]["median"] > 0 for s in steps)
    with Ledger(db) as ledger:   # the writes were reviews, audited under the walk's own name
        walked = [r for r in ledger.audit_log("review", None) if r["reason"] == "bench-serve --walk"]
        assert len(walked) == len(steps) and {r["who"] for r in walked} == {"bench-walk"}
