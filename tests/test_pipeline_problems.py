"""A stage that fails on one report leaves a problem with a stable code on it, and the run goes on."""
from __future__ import annotations

import pytest

import warledger.extract as extract_pkg
import warledger.geocode as geocode_pkg
from warledger.pipeline import process
from warledger.record import Report


def test_failing_extraction_and_geocoding_are_coded_problems(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("an invented failure")

    monkeypatch.setattr(extract_pkg, "extract_report", broken)
    monkeypatch.setattr(geocode_pkg, "geocode_report", broken)
    rep = process(Report(id="r", text="Shells fell on an invented village."), geocoder=None)
    codes = [p.split(":")[0] for p in rep.problems]
    assert codes == ["E-EXTRACT-FAILED", "E-GEOCODE-FAILED"]
    assert all("RuntimeError: an invented failure" in p for p in rep.problems)
