"""``warledger bench-serve``: how the API and the workbench hold up on a big ledger.

A bounded load generator: it starts the server (uvicorn, as a subprocess on 127.0.0.1) over a ledger,
then ``readers`` concurrent clients (asyncio + httpx) each ask for filtered ``/api/incidents`` pages
(a mix: no filter, a province, a month, an actor, a map box, the review queue, "has problems", a page
deep into the set, a province and a month together; always ``limit=50``) until ``requests`` answers are
in or ``seconds`` have passed, whichever comes first.  Each reader may pause between requests
(``think``: an exponential pause of that mean, as a person reading the page would).  It reports the
count, the errors and the latency percentiles, overall and per kind of query.

Then the workbench's first render, in headless Chromium (Debian's, through Playwright; never a browser
download): the time to DOMContentLoaded, to the incident table, and to the map's points (the map element
gets ``data-points`` when its markers are drawn), each from the start of navigation, in a fresh browser
context (cold cache) per run.  Every request the page makes to a host other than 127.0.0.1 is refused
and counted.

Only 127.0.0.1 is ever a target: the server is started there, and ``--url`` must point there.
"""
from __future__ import annotations

import asyncio
import math
import os
import random
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any, Optional
from urllib.parse import urlencode, urlparse

from warledger.errors import InputError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
KINDS = ("all", "admin1", "month", "actor", "bbox", "queue", "problems", "deep", "admin1+month")
LOCAL_HOSTS = ("127.0.0.1", "localhost")


def percentile(values: list[float], p: float) -> float:
    """The nearest-rank percentile (p in 0..100) of ``values`` (0.0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[k]


@dataclass
class Shape:
    """What the ledger holds, to build realistic queries from: read from the running API itself."""
    total: int
    admin1: list[str]
    actors: list[str]
    months: list[str]
    points: list[tuple[float, float]]


@dataclass
class LoadResult:
    readers: int
    think: float
    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    samples: list[str] = field(default_factory=list)
    server: list[float] = field(default_factory=list)   # the server's own time per request (ServerClock)
    pauses: dict[str, list[float]] = field(default_factory=dict)  # the collector's pauses by generation

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.latencies.values())

    def summary(self, kind: Optional[str] = None) -> dict[str, Any]:
        lat = self.latencies.get(kind, []) if kind else [x for v in self.latencies.values() for x in v]
        errs = self.errors.get(kind, 0) if kind else sum(self.errors.values())
        return {"count": len(lat), "errors": errs, "p50_ms": round(1000 * percentile(lat, 50), 1),
                "p95_ms": round(1000 * percentile(lat, 95), 1), "p99_ms": round(1000 * percentile(lat, 99), 1),
                "max_ms": round(1000 * max(lat, default=0.0), 1)}

    def table(self) -> str:
        rate = self.count / self.seconds if self.seconds else 0.0
        rows = [f"{self.count} requests by {self.readers} readers in {self.seconds:.1f} s ({rate:.0f}/s), "
                f"think time {self.think:g} s, {sum(self.errors.values())} errors", "",
                "| query | count | errors | p50 ms | p95 ms | p99 ms | max ms |", "|---|---:|---:|---:|---:|---:|---:|"]
        for kind in (None,) + tuple(k for k in KINDS if k in self.latencies or k in self.errors):
            s = self.summary(kind)
            rows.append(f"| {kind or '**all**'} | {s['count']} | {s['errors']} | {s['p50_ms']} | {s['p95_ms']} | "
                        f"{s['p99_ms']} | {s['max_ms']} |")
        if self.server:
            sv = self.server
            rows.append(f"| (server's own time, {len(sv)} requests of one worker, warm-up included) | {len(sv)} | | "
                        f"{1000 * percentile(sv, 50):.1f} | {1000 * percentile(sv, 95):.1f} | "
                        f"{1000 * percentile(sv, 99):.1f} | {1000 * max(sv):.1f} |")
        if self.pauses:
            rows += ["", "The server's garbage collector in the same time (a pause stalls every request in flight): " +
                     "; ".join(f"generation {g}: {len(p)} collections, longest {1000 * max(p, default=0.0):.1f} ms"
                               for g, p in sorted(self.pauses.items()))]
        return "\n".join(rows)


def query_for(kind: str, shape: Shape, rng: random.Random) -> dict[str, str]:
    """The query string of one request of this kind (always a page of 50)."""
    q: dict[str, str] = {"limit": "50"}
    if kind in ("admin1", "admin1+month") and shape.admin1:
        q["admin1"] = rng.choice(shape.admin1)
    if kind in ("month", "admin1+month") and shape.months:
        month = rng.choice(shape.months)
        q["date_from"], q["date_to"] = month + "-01", month + "-28"
    if kind == "actor" and shape.actors:
        q["actor"] = rng.choice(shape.actors)
    if kind == "bbox" and shape.points:
        lat, lon = rng.choice(shape.points)
        q["bbox"] = f"{lon - 0.5:.3f},{lat - 0.4:.3f},{lon + 0.5:.3f},{lat + 0.4:.3f}"
    if kind == "queue":
        q["review_state"] = "queue"
    if kind == "problems":
        q["has_problems"] = "true"
    if kind == "deep":
        q["offset"] = str(rng.randrange(max(1, shape.total // 2), max(2, shape.total - 50)))
    elif kind != "all" and rng.random() < 0.3:
        q["offset"] = str(50 * rng.randrange(1, 6))   # the next few pages of a filtered list
    return q


def check_local(url: str) -> str:
    """``url`` without a trailing slash, if it points at this machine; else an error."""
    host = urlparse(url).hostname
    if host not in LOCAL_HOSTS:
        raise InputError(f"--url {url!r}: the load generator only targets 127.0.0.1 (a server on this machine)")
    return url.rstrip("/")


def ledger_shape(url: str, rng: random.Random) -> Shape:
    """Provinces, actors, months and places of the served ledger, read through its own API."""
    import httpx

    with httpx.Client(base_url=url, timeout=120) as client:
        total = int(client.get("/api/incidents", params={"limit": 1}).raise_for_status().json()["total"])
        admin1 = [r["admin1"] for r in client.get("/api/tally", params={"by": "admin1"}).json()["rows"] if r["admin1"]]
        actors = [r["actor1"] for r in client.get("/api/tally", params={"by": "actor1"}).json()["rows"] if r["actor1"]]
        months = [r["month"] for r in client.get("/api/tally", params={"by": "month"}).json()["rows"] if r["month"]]
        offsets = [rng.randrange(max(1, total)) for _ in range(20)]
        points = []
        for off in offsets:
            for item in client.get("/api/incidents", params={"limit": 5, "offset": off}).json()["items"]:
                if item.get("latitude") is not None:
                    points.append((float(item["latitude"]), float(item["longitude"])))
    return Shape(total, admin1, actors, months, points)


def first_pause(rng: random.Random, think: float) -> float:
    """How long a reader waits before its first page.  Readers who pause an exponential time of mean
    ``think`` between pages are, at any moment, an exponential time of that mean from their next request
    (the pause has no memory), so each reader starts there: the load is in its steady state from the first
    request on.  Without this, all readers asked at the same instant and the first requests queued behind
    each other (50 at once: up to 250 ms), a start-up burst no population of readers makes.  Back-to-back
    readers (``think`` 0) start at once."""
    return rng.expovariate(1.0 / think) if think > 0 else 0.0


async def _reader(n: int, client: Any, shape: Shape, budget: list[int], deadline: float, think: float,
                  seed: int, result: LoadResult) -> None:
    rng = random.Random(seed * 1000 + n)
    await asyncio.sleep(first_pause(rng, think))
    while budget[0] > 0 and time.perf_counter() < deadline:
        budget[0] -= 1
        kind = KINDS[rng.randrange(len(KINDS))]
        params = query_for(kind, shape, rng)
        t0 = time.perf_counter()
        try:
            resp = await client.get("/api/incidents", params=params)
            await resp.aread()
            ok = resp.status_code == 200
        except Exception as exc:  # a timeout or a refused connection is an error of the run, not a crash
            ok = False
            resp = None
            if len(result.samples) < 5:
                result.samples.append(f"{kind} {urlencode(params)}: {type(exc).__name__}: {exc}")
        dt = time.perf_counter() - t0
        if ok:
            result.latencies.setdefault(kind, []).append(dt)
        else:
            result.errors[kind] = result.errors.get(kind, 0) + 1
            if resp is not None and len(result.samples) < 5:
                result.samples.append(f"{kind} {urlencode(params)}: HTTP {resp.status_code} {resp.text[:200]}")
        if think > 0:
            await asyncio.sleep(rng.expovariate(1 / think))


async def _load(url: str, shape: Shape, readers: int, requests: int, seconds: float, think: float,
                seed: int, warmup: int) -> LoadResult:
    import httpx

    # keep-alive shorter than the server's (uvicorn: 5 s), so a reader never reuses a connection the server
    # is closing at that moment (a client-side error that says nothing of the server)
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers, keepalive_expiry=4.0)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        if warmup:  # not counted: fills the database's and the server's caches as a first visit would
            await asyncio.gather(*(_reader(n, client, shape, [1], time.perf_counter() + 60, 0.0, seed + 99,
                                           LoadResult(readers, 0.0)) for n in range(min(readers, warmup))))
        result = LoadResult(readers, think)
        budget = [requests]
        t0 = time.perf_counter()
        deadline = t0 + seconds
        await asyncio.gather(*(_reader(n, client, shape, budget, deadline, think, seed, result)
                               for n in range(readers)))
        result.seconds = time.perf_counter() - t0
        try:   # the server's own times (one worker's, when there are several)
            clock = await client.get("/__bench/clock")
            measured = clock.json() if clock.status_code == 200 else {}
            result.server = [float(x) for x in measured.get("seconds", [])]
            result.pauses = {str(g): [float(x) for x in p] for g, p in measured.get("pauses", {}).items()}
        except Exception:
            result.server = []
    return result


def run_load(url: str, readers: int = 50, requests: int = 5000, seconds: float = 120.0, think: float = 0.0,
             seed: int = 7, warmup: int = 50) -> LoadResult:
    """``readers`` concurrent clients on ``url``'s ``/api/incidents``, bounded by ``requests`` and ``seconds``."""
    url = check_local(url)
    if readers < 1 or requests < 1 or seconds <= 0:
        raise InputError("--readers, --requests and --seconds must be positive")
    shape = ledger_shape(url, random.Random(seed))
    return asyncio.run(_load(url, shape, readers, requests, seconds, think, seed, warmup))


# ---------------------------------------------------------------- the workbench's first render

_OBSERVE = """
(() => {
  const marks = {};
  window.__wl_marks = marks;
  const look = () => {
    if (!('table' in marks) && document.querySelector('#incident-table tbody tr')) marks.table = performance.now();
    const m = document.getElementById('map');
    if (!('points' in marks) && m && m.hasAttribute('data-points')) {
      marks.points = performance.now(); marks.n_points = Number(m.getAttribute('data-points'));
    }
    if (!('timeline' in marks) && document.querySelector('#timeline svg')) marks.timeline = performance.now();
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: true});
  document.addEventListener('DOMContentLoaded', look);
})();
"""


def run_render(url: str, runs: int = 5, path: str = "/", timeout_s: float = 60.0) -> list[dict[str, Any]]:
    """Load ``url + path`` ``runs`` times in headless Chromium, each in a fresh context; per run the
    milliseconds from navigation start to DOMContentLoaded, the table, the map's points and the timeline."""
    url = check_local(url)
    if not os.path.exists(CHROMIUM):
        raise InputError(f"the render benchmark needs Chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    out: list[dict[str, Any]] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                out.append(_render_once(browser, url + path, timeout_s))
        finally:
            browser.close()
    return out


def _render_once(browser: Any, target: str, timeout_s: float) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def guard(route: Any) -> None:
        if urlparse(route.request.url).hostname in LOCAL_HOSTS or route.request.url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.add_init_script(_OBSERVE)
    try:
        page.goto(target, wait_until="domcontentloaded", timeout=timeout_s * 1000)
        # (selectors, not wait_for_function: the page's Content-Security-Policy forbids eval, rightly)
        page.wait_for_selector("#map[data-points]", state="attached", timeout=timeout_s * 1000)
        page.wait_for_selector("#timeline svg, #timeline:not(:empty)", state="attached", timeout=timeout_s * 1000)
        marks = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
            return Object.assign({ttfb: n.responseStart, dcl: n.domContentLoadedEventEnd}, window.__wl_marks); }""")
    finally:
        context.close()
    row = {k: round(float(v), 1) for k, v in marks.items()}
    row["blocked"] = len(blocked)
    return row


def render_table(rows: list[dict[str, Any]]) -> str:
    head = ["| run | first byte ms | DOMContentLoaded ms | table ms | map points ms | timeline ms | points | "
            "off-host requests |", "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for i, r in enumerate(rows, 1):
        head.append(f"| {i} | {r.get('ttfb')} | {r.get('dcl')} | {r.get('table')} | {r.get('points')} | "
                    f"{r.get('timeline')} | {int(r.get('n_points', 0))} | {r.get('blocked')} |")
    if rows:
        first = [max(r.get("points", 0), r.get("table", 0)) for r in rows]
        head.append(f"\nfirst render (table and map points drawn): median {percentile(first, 50):.0f} ms, "
                    f"max {max(first):.0f} ms over {len(rows)} runs")
    return "\n".join(head)


# ---------------------------------------------------------------- the server under test

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_app() -> Any:
    """The app factory the benchmark's uvicorn runs (``--factory``): the ledger named by WARLEDGER_BENCH_DB."""
    from warledger.serve.app import create_app
    from warledger.serve.settings import Settings

    db = os.environ.get("WARLEDGER_BENCH_DB")
    if not db:
        raise InputError("WARLEDGER_BENCH_DB is not set: the benchmark's server needs the ledger to serve")
    return ServerClock(create_app(Settings(db=db)))


class ServerClock:
    """ASGI wrapper: the time the server spent on each ``/api/incidents`` request (from its first byte in
    to its last byte out), so a report can tell the server's share of a latency from the load generator's.
    ``GET /__bench/clock`` returns (and clears) what was measured in this worker, with the garbage
    collector's pauses by generation in the same time."""

    def __init__(self, app: Any) -> None:
        import gc

        self.app = app
        self.seconds: list[float] = []
        self.pauses: dict[int, list[float]] = {}
        self._gc_start = 0.0
        gc.callbacks.append(self._collector)

    def _collector(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.pauses.setdefault(int(info["generation"]), []).append(time.perf_counter() - self._gc_start)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(("/api/incidents", "/__bench/")):
            await self.app(scope, receive, send)
            return
        if scope["path"] == "/__bench/clock":
            import json

            body = json.dumps({"seconds": self.seconds, "pauses": self.pauses}).encode()
            self.seconds, self.pauses = [], {}
            await send({"type": "http.response.start", "status": 200,
                        "headers": [(b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        t0 = time.perf_counter()

        async def timed_send(message: dict[str, Any]) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                self.seconds.append(time.perf_counter() - t0)

        await self.app(scope, receive, timed_send)


class Server:
    """uvicorn on 127.0.0.1 in a subprocess (so the load generator does not share its interpreter)."""

    def __init__(self, db: str, workers: int = 1, port: Optional[int] = None) -> None:
        self.db, self.workers, self.port = db, workers, port or free_port()
        self.proc: Optional[subprocess.Popen[bytes]] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "Server":
        import httpx

        cmd = [sys.executable, "-m", "uvicorn", "--factory", "warledger.evaluate.serve_bench:bench_app",
               "--host", "127.0.0.1", "--port", str(self.port), "--workers", str(self.workers),
               "--log-level", "warning", "--no-access-log"]
        env = dict(os.environ, WARLEDGER_BENCH_DB=self.db)
        self.proc = subprocess.Popen(cmd, env=env)
        deadline = time.time() + 120
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise InputError(f"the benchmark server exited with code {self.proc.returncode} "
                                 f"(ledger {self.db!r}): see the messages above")
            try:
                if httpx.get(self.url + "/api/incidents?limit=1", timeout=30).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise InputError(f"the benchmark server did not answer on {self.url} within 120 s")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def machine() -> str:
    """The machine a figure was measured on, and how busy it was."""
    import platform

    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, " \
           f"load average {load}"
