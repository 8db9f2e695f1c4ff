"""``warledger bench-serve --walk``: the workbench's requests one analyst makes, each timed on its own.

The load test (``serve_bench.run_load``) measures many readers of one API route; a team's analyst meets
the other routes: the map, the timeline, the table in each order and deep in it, the filter bar's name
lists, an incident page, the review queue and an export.  Each is asked once untimed, then timed
``repeat`` times (median and worst).  With ``writes``, each is also timed right after another analyst's
write (a review of some incident, as a team makes all day): everything the server remembers per state of
the ledger (totals, name lists, region-centre guesses) is then read again.  The writes are review actions
on the benchmark's own synthetic ledger, logged in its audit trail as ``bench-walk``.
"""
from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import urlencode

PAGE = 50


@dataclass
class Step:
    name: str
    path: str
    status: int = 0
    size: int = 0
    warm: list[float] = field(default_factory=list)
    after_write: list[float] = field(default_factory=list)
    note: str = ""

    def row(self) -> dict[str, Any]:
        def stats(xs: list[float]) -> Optional[dict[str, float]]:
            return {"median": round(statistics.median(xs), 1), "max": round(max(xs), 1)} if xs else None
        return {"name": self.name, "path": self.path, "status": self.status, "bytes": self.size,
                "warm_ms": stats(self.warm), "after_write_ms": stats(self.after_write), "note": self.note}


def walk_paths(client: Any) -> list[tuple[str, str]]:
    """(name, path) of each request the walk times, from the served ledger's own names and ids."""
    admin1 = [r["admin1"] for r in client.get("/api/tally", params={"by": "admin1"}).json()["rows"] if r["admin1"]]
    actors = [r["actor1"] for r in client.get("/api/tally", params={"by": "actor1"}).json()["rows"] if r["actor1"]]
    months = [r["month"] for r in client.get("/api/tally", params={"by": "month"}).json()["rows"] if r["month"]]
    total = int(client.get("/api/incidents", params={"limit": 1}).json()["total"])
    one = client.get("/api/incidents", params={"limit": 1, "offset": min(5000, total // 2)}).json()["items"][0][
        "incident_id"]
    merged = client.get("/api/incidents", params={"limit": 1, "merged": "true"}).json()["items"]
    deep = str(PAGE * 49)
    steps = [("map", "/api/map"), ("map, 20,000 points", "/api/map?limit=20000"),
             ("map, one province", "/api/map?" + urlencode({"admin1": admin1[0]})),
             ("timeline by week", "/api/timeline?period=week"), ("timeline by month", "/api/timeline?period=month"),
             ("timeline, one actor", "/api/timeline?" + urlencode({"period": "week", "actor": actors[0]}))]
    for sort in ("date", "-date", "killed", "-killed", "place", "-place"):
        steps.append((f"table sort {sort}", "/?" + urlencode({"sort": sort})))
        steps.append((f"table sort {sort}, page 50", "/?" + urlencode({"sort": sort, "offset": deep})))
    steps += [("table, one province, page 50", "/?" + urlencode({"admin1": admin1[0], "offset": deep})),
              ("API page, sort -killed, page 50", "/api/incidents?" + urlencode({"sort": "-killed", "offset": deep})),
              ("name suggestions (a name that matches nothing)", "/?" + urlencode({"actor": "Nobody at all"})),
              ("incident page", f"/incidents/{one}")]
    if merged:
        steps.append(("incident page, merged", f"/incidents/{merged[0]['incident_id']}"))
    steps += [("review queue", "/review"), ("review queue, page 50", "/review?offset=" + deep),
              ("review queue, places", "/review?queue=places"), ("review queue, merged", "/review?queue=merged"),
              ("audit trail", "/api/audit?limit=200"),
              ("export acled-csv, one province", "/api/export?" + urlencode({"format": "acled-csv",
                                                                               "admin1": admin1[0]})),
              ("export geojson, one month", "/api/export?" + urlencode(
                  {"format": "geojson", "date_from": months[len(months) // 2] + "-01",
                   "date_to": months[len(months) // 2] + "-28"}))]
    return steps


def _timed(client: Any, path: str, headers: dict[str, str]) -> tuple[float, int, int]:
    t0 = time.perf_counter()
    size = 0
    with client.stream("GET", path, headers=headers) as resp:
        for chunk in resp.iter_bytes():
            size += len(chunk)
        status = resp.status_code
    return 1000 * (time.perf_counter() - t0), status, size


def run_walk(url: str, token: Optional[str] = None, repeat: int = 3,
             progress: Optional[Callable[[Step], None]] = None) -> list[Step]:
    """Time each of :func:`walk_paths`; with ``token`` (a writer's), also right after a write."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    out = []
    with httpx.Client(base_url=url, timeout=600) as client:
        victims = [i["incident_id"] for i in client.get("/api/incidents", params={"limit": 20, "offset": 100})
                   .json()["items"]]
        n_write = 0
        for name, path in walk_paths(client):
            step = Step(name, path)
            _timed(client, path, headers)
            for _ in range(repeat):
                ms, step.status, step.size = _timed(client, path, headers)
                step.warm.append(ms)
            if token:
                for _ in range(repeat):
                    iid = victims[n_write % len(victims)]
                    n_write += 1
                    client.post(f"/api/incidents/{iid}/review", headers=headers,
                                json={"action": "reopen", "reason": "bench-serve --walk"}).raise_for_status()
                    ms, step.status, step.size = _timed(client, path, headers)
                    step.after_write.append(ms)
            out.append(step)
            if progress is not None:
                progress(step)
    return out


def walk_table(steps: list[Step]) -> str:
    def fmt(xs: list[float]) -> str:
        return f"{statistics.median(xs):,.0f} ({max(xs):,.0f})" if xs else ""
    rows = ["| request | status | bytes | warm ms, median (max) | after a write ms, median (max) |",
            "|---|---:|---:|---:|---:|"]
    for s in steps:
        rows.append(f"| {s.name} `{s.path}` | {s.status} | {s.size:,} | {fmt(s.warm)} | {fmt(s.after_write)} |")
    return "\n".join(rows)
