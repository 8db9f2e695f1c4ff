"""W-DATE-FUTURE depends on what the report says and on the moment it was received, stored with it (ledger20), never
on the day the code runs: a record of a report that has a publication date is checked against that date alone
(W-DATE-AFTER-PUBLISHED), so the same report gets the same problems whenever it is read; a report with none is
checked against ``Report.received``, which the ledger stores as the report's ``ingested_at``.  Ledger tests on
SQLite and PostgreSQL."""
from __future__ import annotations

from typing import Any

from warledger.extract import extract_report
from warledger.record import Report
from warledger.store import Ledger

TEXT = "Three shepherds were killed by shelling on an invented hamlet near Sarmin on {day}."
THIS_YEAR, NEXT_YEAR = "2026-12-07T10:00:00Z", "2027-12-07T10:00:00Z"


def _codes(rep: Report) -> list[list[str]]:
    return [sorted(p.split(":", 1)[0] for p in r.problems) for r in rep.incidents if r.kind == "incident"]


def test_a_report_with_a_publication_date_gets_the_same_problems_whenever_it_is_read() -> None:
    runs = [extract_report(Report(id="p", text=TEXT.format(day="9 March 2027"), published="2027-03-01",
                                  received=when)) for when in (THIS_YEAR, NEXT_YEAR)]
    first, later = (_codes(r) for r in runs)
    assert first == later and first and all("W-DATE-AFTER-PUBLISHED" in c for c in first)
    assert not any("W-DATE-FUTURE" in c for c in first)


def test_a_report_without_one_is_checked_against_the_moment_it_was_received() -> None:
    text = TEXT.format(day="9 March 2027")
    now = _codes(extract_report(Report(id="n", text=text, received=THIS_YEAR)))
    later = _codes(extract_report(Report(id="n", text=text, received=NEXT_YEAR)))
    assert now and all("W-DATE-FUTURE" in c for c in now)
    assert later and not any("W-DATE-FUTURE" in c for c in later)


def test_extraction_stamps_the_moment_it_read_the_report() -> None:
    rep = extract_report(Report(id="s", text=TEXT.format(day="1 March 2024")))
    assert rep.received is not None and rep.received.endswith("Z") and len(rep.received) == 20


def _stored(ledger: Ledger, rid: str) -> dict[str, Any]:
    return ledger.report(rid)


def test_the_ledger_stores_the_moment_the_rule_used(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([Report(id="later", text=TEXT.format(day="9 March 2027"), received=NEXT_YEAR),
                       Report(id="now", text=TEXT.format(day="9 March 2027"), received=THIS_YEAR)], process=True)
        assert _stored(ledger, "later")["ingested_at"] == NEXT_YEAR
        assert _stored(ledger, "now")["ingested_at"] == THIS_YEAR
        by_report = {rid: [p for rec in _stored(ledger, rid)["records"] for p in rec.get("problems") or []]
                     for rid in ("now", "later")}
        assert any(p.startswith("W-DATE-FUTURE:") for p in by_report["now"])
        assert not any(p.startswith("W-DATE-FUTURE:") for p in by_report["later"])
