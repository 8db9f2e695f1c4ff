"""One bad report never stops an ingest (issue 14): it becomes a problem on that report with a stable code,
the rest of its batch is committed, and text no database can keep is cleaned one character for one."""
from __future__ import annotations

import pytest

from handmade import counts, ev, incident, kafr_zita_series, place  # type: ignore[import-not-found]
from warledger.record import Range, Report
from warledger.store import Ledger


def _problems(ledger: Ledger, report_id: str) -> list[str]:
    return list(ledger.report(report_id)["problems"])


def test_surrogates_nul_and_controls_are_cleaned_with_offsets_kept(db: str) -> None:
    text = "Shelling on\x00 Kafr Zita \ud800killed 3 civilians.\x07"
    with Ledger(db) as ledger:
        stats = ledger.ingest([{"id": "dirty", "text": text, "published": "2022-05-18"}])
        assert stats.added == 1 and stats.failed == 0
        stored = ledger.report("dirty")
        assert "\x00" not in stored["text"] and len(stored["text"]) == len(text)
        assert stored["text"].index("3 civilians") == text.index("3 civilians")
        assert any(p.startswith("W-TEXT-CLEANED") for p in stored["problems"])


def test_an_extraction_crash_is_a_problem_on_that_report_only(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import warledger.pipeline as pipeline

    real = pipeline.process

    def flaky(rep, geocoder=None):  # type: ignore[no-untyped-def]
        if "explode" in rep.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(rep, geocoder)

    monkeypatch.setattr(pipeline, "process", flaky)
    items = [{"id": "ok1", "text": "Russian warplanes struck Ariha city on 3 May 2022, killing 2 civilians."},
             {"id": "bad", "text": "explode"},
             {"id": "ok2", "text": "Regime shelling hit Sarmin town on 4 May 2022, killing a child."},
             {"id": "", "text": "no id"}]
    with Ledger(db) as ledger:
        stats = ledger.ingest(items, batch_size=10)
        assert stats.failed == 2 and stats.added == 3
        assert any(m.startswith("E-REPORT-UNREADABLE") for m in stats.messages)
        assert any("E-EXTRACT-FAILED" in p for p in _problems(ledger, "bad"))
        assert {r["id"] for r in ledger.reports()} == {"ok1", "bad", "ok2"}
        assert ledger.counts()["incidents"] >= 2


def test_a_record_the_database_refuses_leaves_the_report_and_the_batch(db: str) -> None:
    t = "Warplanes carried out 99999999999999999999 strikes on Ariha, killing 2 civilians."
    huge = incident(t, date="2022-05-03", where=place("Ariha"), killed=counts(civilians=2),
                    strikes=Range.exact(99999999999999999999),
                    evidence=[ev(t, "killed.civilians", "2 civilians")])
    bad = Report(id="huge", text=t, published="2022-05-04", incidents=[huge])
    with Ledger(db) as ledger:
        stats = ledger.ingest([bad] + kafr_zita_series())
        assert stats.added == 5 and stats.failed == 0
        assert {r["id"] for r in ledger.reports()} == {"huge", "kz1", "kz2", "kz3", "kz4"}
        assert len([x for x in ledger.incidents() if x["location"] == "Kafr Zita"]) == 2
        stored = ledger.report("huge")
        assert stored["records"] == [] and stored["text"] == t, "kept with its text, without the record"
        assert any(p.startswith("E-STORE-FAILED: could not store records") for p in stored["problems"])
        assert [m for m in stats.messages if "E-STORE-FAILED" in m]
