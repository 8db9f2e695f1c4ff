"""`warledger demo`, the README's first command: runs end to end, writes every export, is repeatable."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from warledger.export.common import dated_and_placed
from warledger.cli import main


def test_demo_writes_ledger_and_exports_and_reruns_without_change(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out)]) == 0
    first = capsys.readouterr().out
    for name in ("ledger.db", "ledger-acled.csv", "ledger-ucdp.csv", "ledger.geojson", "ledger.jsonl"):
        assert (out / name).is_file(), name
        assert str(out / name) in first  # the demo says where each file went
    assert f"warledger serve --db {out / 'ledger.db'}" in first  # and what to run next
    incidents = [json.loads(x) for x in (out / "ledger.jsonl").read_text(encoding="utf-8").splitlines()]
    assert incidents, "the example bulletins describe incidents"
    with open(out / "ledger-acled.csv", newline="", encoding="utf-8-sig") as f:  # a BOM for Excel
        rows = list(csv.DictReader(f))
    # ACLED's table holds the incidents with a date and a point (the others are in the jsonl and GeoJSON files)
    assert len(rows) == sum(1 for x in incidents if dated_and_placed(x)) >= 1 and "event_id_cnty" in rows[0]
    assert (out / "ledger-acled.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM itself, as export --out
    gone = len(incidents) - len(rows)
    assert gone >= 1  # the example reports hold one with no date or no point: the demo says so beside the file
    line = next(x for x in first.splitlines() if str(out / "ledger-acled.csv") in x)
    assert f"W-EXPORT-LEFT-OUT: {gone} incident" in line
    geo = json.loads((out / "ledger.geojson").read_text(encoding="utf-8"))
    assert geo["type"] == "FeatureCollection"
    # second run: same reports, nothing added
    assert main(["demo", "--out", str(out)]) == 0
    second = capsys.readouterr().out
    assert "0 added" in second and "5 already in the ledger" in second
    again = [json.loads(x) for x in (out / "ledger.jsonl").read_text(encoding="utf-8").splitlines()]
    assert again == incidents


def test_a_first_run_times_the_one_time_builds_apart() -> None:
    """ledger21: a first run's rate counted the one-time builds ("75.8s (0.066 reports/s)" for 5 reports); the
    summary now gives them apart and the rate of the reports' own time."""
    from warledger.store.ledger import IngestStats

    first = IngestStats(read=5, seconds=75.8, built_seconds=70.0)
    assert first.timing() == ("first run: built the indexes in 70.0 s (once: later runs reuse them); "
                              "5 reports in 5.8 s (0.86 reports/s)")
    assert IngestStats(read=5, seconds=0.4, built_seconds=0.1).timing() == "0.4s (12 reports/s)"   # nothing built


def test_one_time_seconds_counts_the_outermost_pause() -> None:
    import time

    from warledger.timelimit import one_time_seconds, time_limit_paused

    before = one_time_seconds()
    with time_limit_paused():
        with time_limit_paused():     # a lexicon built inside the gazetteer's build: counted once
            time.sleep(0.2)
    assert 0.2 <= one_time_seconds() - before < 0.35


def test_demo_on_a_cold_cache_says_what_it_built_and_the_rate_apart(tmp_path: Path) -> None:
    """A cold WARLEDGER_CACHE (the world gazetteer index copied in, to spare its minute-long build; lexicons and
    geocoding tables built by this run): the first demo says it built the indexes and gives the reports' own
    time; the second reuses them and gives the plain rate."""
    import os
    import shutil
    import subprocess
    import sys

    from warledger.geocode.gazetteer import cache_dir

    index = cache_dir()
    if not index.is_dir() or not any(index.glob("*.sqlite")):
        pytest.skip("no built world gazetteer index in the user cache to copy")
    cold = tmp_path / "cache"
    shutil.copytree(index, cold / "warledger" / "gazetteer")
    env = {**os.environ, "WARLEDGER_CACHE": str(cold)}

    def demo() -> str:
        done = subprocess.run([sys.executable, "-m", "warledger.cli", "demo", "--out", str(tmp_path / "demo")],
                              env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return done.stdout.splitlines()[0]

    first, second = demo(), demo()
    assert "first run: built the indexes in " in first and "; 5 reports in " in first
    assert "first run" not in second and "reports/s)" in second
