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
