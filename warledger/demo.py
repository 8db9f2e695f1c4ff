"""``warledger demo``: the whole pipeline on the built-in example reports, ending by itself."""
from __future__ import annotations

import json
from pathlib import Path

from warledger.commands import example_reports_path
from warledger.geocode import load_geocoder
from warledger.ingest import read_reports
from warledger.pipeline import process_stream


def run(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    extracted = out / "incidents-extracted.jsonl"
    n_reports = n_records = 0
    with open(extracted, "w", encoding="utf-8") as f:
        for report in process_stream(read_reports(example_reports_path()), load_geocoder(None)):
            n_reports += 1
            for rec in report.records():
                n_records += 1
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"warledger demo: {n_reports} example reports -> {n_records} incidents and claims")
    print(f"  extraction: {extracted}")
    return 0
