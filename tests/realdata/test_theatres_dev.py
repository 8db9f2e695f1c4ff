"""ACLED notes from Syria, Iraq and Yemen (../shared/data/eval/acled_theatres_dev.jsonl; skips when absent):
no record of an Iraqi or Yemeni note is placed in Syria.  The theatre metrics' floors (whole file, built-in
world gazetteer) are in floors.json with the other sets' and checked by test_eval_dev.py, on the same run
(each set is extracted once per test session)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_eval_dev import get_run  # the same directory (pytest puts it on sys.path)

pytestmark = pytest.mark.realdata

SET = "acled_theatres_dev.jsonl"


def test_no_iraqi_or_yemeni_record_is_placed_in_syria(shared_dir: Path) -> None:
    run = get_run(shared_dir, SET)
    country = {str(g["id"]): g["gold"]["country"] for g in run.evalset.lines}
    pred = run.system_pred
    assert len({str(p["report_id"]) for p in pred}) > 0.95 * len(country)  # the run read the notes (not vacuous)
    wrong = [p["report_id"] for p in pred if country[str(p["report_id"])] in ("Iraq", "Yemen")
             and p.get("country") == "Syria"]
    assert not wrong, wrong[:10]
    # the other way round, one Syrian village is named like a Yemeni governorate and read as Yemen (measured: 1)
    assert sum(country[str(p["report_id"])] == "Syria" and p.get("country") in ("Iraq", "Yemen") for p in pred) <= 1
