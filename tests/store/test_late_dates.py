"""How late a date may be (session 19, ledger19): one rule, :func:`warledger.record.late_day_problem`, at every
entry point.  A day after tomorrow (UTC) is in the future: refused in ``--published`` and in an analyst's corrected
event date, not used (null, with W-PUBLISHED-FUTURE) when a line's "published" says it, flagged W-DATE-FUTURE on a
record; an event date more than a day after its report's publication is flagged W-DATE-AFTER-PUBLISHED.  Ledger
tests on SQLite and PostgreSQL."""
from __future__ import annotations

import argparse
from datetime import date

import pytest

from warledger.errors import PROBLEM_CODES, InputError
from warledger.extract import extract_text
from warledger.ingest.args import published_arg
from warledger.record import Report
from warledger.store import Ledger

TODAY = date(2026, 12, 7)
TEXT = "Three shepherds were killed by shelling on an invented hamlet near Sarmin on {day}."


def test_the_rule_allows_one_day_of_slack_and_no_more() -> None:
    from warledger.record import late_day_problem, latest_day

    assert latest_day(TODAY) == date(2026, 12, 8)
    assert late_day_problem("2026-12-08", today=TODAY) is None
    assert (late_day_problem("2026-12-09", today=TODAY) or "").startswith("W-DATE-FUTURE:")
    assert (late_day_problem("9999-12-31", what="publication date") or "").startswith("W-PUBLISHED-FUTURE:")
    assert late_day_problem("2024-03-02", "2024-03-01") is None          # next morning east of UTC
    assert (late_day_problem("2024-03-03", "2024-03-01") or "").startswith("W-DATE-AFTER-PUBLISHED:")
    assert late_day_problem("not a day", "2024-03-01") is None
    for code in ("W-DATE-FUTURE", "W-DATE-AFTER-PUBLISHED", "W-PUBLISHED-FUTURE"):
        assert code in PROBLEM_CODES


@pytest.mark.parametrize("value", ["9999-12-31", f"{date.today().year + 1}-01-15"])
def test_a_published_flag_in_the_future_is_refused(value: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="future"):
        published_arg(value)
    assert published_arg("2024-03-01") == "2024-03-01"


def test_a_record_dated_after_its_publication_is_flagged() -> None:
    (rec,) = [r for r in extract_text(TEXT.format(day="9 March 2024"), published="2024-03-01") if r.kind == "incident"]
    assert rec.event_date == "2024-03-09"                      # kept as the report says it, for an analyst to judge
    assert any(p.startswith("W-DATE-AFTER-PUBLISHED:") for p in rec.problems)
    (same_day,) = [r for r in extract_text(TEXT.format(day="1 March 2024"), published="2024-03-01")
                   if r.kind == "incident"]
    assert not any("AFTER-PUBLISHED" in p or "FUTURE" in p for p in same_day.problems)


def test_a_record_dated_in_the_future_is_flagged() -> None:
    recs = [r for r in extract_text(TEXT.format(day="9 March 2091")) if r.kind == "incident"]
    assert recs and all(any(p.startswith("W-DATE-FUTURE:") for p in r.problems) for r in recs)


def test_a_lines_future_publication_is_not_used(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([{"id": "far", "text": TEXT.format(day="1 March 2024"), "published": "9999-12-31"}])
        (row,) = ledger.reports()
        assert row["published"] is None
        assert any(p.startswith("W-PUBLISHED-FUTURE:") for ln in ledger.incidents() for p in ln["problems"])


def test_a_correction_to_a_future_day_is_refused(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([Report(id="r1", text=TEXT.format(day="1 March 2024"), published="2024-03-01")])
        (line,) = [ln for ln in ledger.incidents() if ln.get("kind", "incident") == "incident"]
        for far in ("9999-12-31", f"{date.today().year + 1}-06-01"):
            with pytest.raises(InputError, match="W-DATE-FUTURE"):
                ledger.correct(line["incident_id"], "event_date", far, who="tester")
        ledger.correct(line["incident_id"], "event_date", "2024-02-28", who="tester")
        assert ledger.detail(line["incident_id"])["event_date"] == "2024-02-28"
