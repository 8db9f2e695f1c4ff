"""The server keeps its long-lived objects out of the garbage collector's walks (a full collection over
them stalled every request in flight), and the load benchmark reports the collector's pauses."""
from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from warledger.evaluate.serve_bench import ServerClock  # noqa: E402
from warledger.serve.app import create_app  # noqa: E402
from warledger.serve.settings import Settings  # noqa: E402


def test_the_running_app_freezes_its_heap_and_lets_go_when_it_stops(tmp_path: Path) -> None:
    gc.unfreeze()
    app = create_app(Settings(db=str(tmp_path / "ledger.db")))
    assert gc.get_freeze_count() == 0
    with TestClient(app) as client:
        assert gc.get_freeze_count() > 1000          # modules, routes, the engine: out of the walks
        assert client.get("/api/incidents?limit=5").status_code == 200
    assert gc.get_freeze_count() == 0                # stopped: nothing held out of the collector's sight


def test_the_bench_clock_reports_the_collectors_pauses_by_generation() -> None:
    async def plain(scope, receive, send):  # type: ignore[no-untyped-def]
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    clock = ServerClock(plain)
    try:
        client = TestClient(clock)                      # no lifespan: the plain app has none
        client.get("/api/incidents")
        gc.collect()                                    # one full collection while the clock runs
        measured = json.loads(client.get("/__bench/clock").content)
        assert len(measured["seconds"]) == 1
        assert len(measured["pauses"]["2"]) >= 1
        assert all(p >= 0 for p in measured["pauses"]["2"])
        again = json.loads(client.get("/__bench/clock").content)   # read once, then cleared
        assert again["seconds"] == [] and "2" not in again["pauses"]
    finally:
        gc.callbacks.remove(clock._collector)
