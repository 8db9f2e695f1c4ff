"""A report whose extraction runs away is stopped at the time limit and kept with a problem (issue 14)."""
from __future__ import annotations

import time

import pytest

import warledger.extract as extract_pkg
from warledger.pipeline import process
from warledger.record import Report


def test_runaway_extraction_is_stopped_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    def runaway(report: Report) -> None:
        re.match(r"(a+)+$", "a" * 40 + "b")   # catastrophic backtracking: minutes without a limit

    monkeypatch.setattr(extract_pkg, "extract_report", runaway)
    monkeypatch.setenv("WARLEDGER_MAX_SECONDS", "0.5")
    t0 = time.process_time()  # the limit counts CPU time (a loaded machine must not change the output)
    rep = process(Report(id="slow", text="aaaa"))
    assert time.process_time() - t0 < 5
    assert rep.incidents == [] and any(p.startswith("E-EXTRACT-TIMEOUT") for p in rep.problems)
