"""A time tally given a range lists every period of it, the quiet ones as zero rows, and says so (the page's chart
drew them as zero while the table, its CSV and ``warledger tally`` left them out); without a range only the
periods with incidents are listed, as before."""
from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

import pytest

from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
from warledger.cli import main
from warledger.errors import InputError
from warledger.record import Report
from warledger.store import Ledger
from warledger.store.periods import periods_between


def _reports() -> list[Report]:
    out = []
    for n, (day, town) in enumerate((("2021-01-12", "Ariha"), ("2021-03-03", "Sarmin"), ("2021-03-20", "Binnish"))):
        t = f"Shelling on {town} killed {n + 2} civilians."
        out.append(Report(id=f"p{n}", text=t, published=day, source="Example Monitor", incidents=[
            incident(t, date=day, where=place(town), killed=counts(civilians=n + 2),
                     evidence=[ev(t, "killed.civilians", f"{n + 2} civilians")])]))
    return out


def test_a_range_lists_every_period_the_quiet_ones_as_zero_rows(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(_reports())
        assert [r["month"] for r in ledger.tally("month")] == ["2021-01", "2021-03"]   # no range: as before
        rows = ledger.tally("month", date_from="2020-12-15", date_to="2021-04-30")
        assert [r["month"] for r in rows] == ["2020-12", "2021-01", "2021-02", "2021-03", "2021-04"]
        quiet = rows[2]
        assert list(quiet) == list(rows[1]) and quiet["incidents"] == quiet["killed_civilians"] == 0
        assert all(v == 0 for k, v in quiet.items() if k != "month")
        assert rows[3]["incidents"] == 2 and rows[3]["killed_civilians"] == 7
        weeks = ledger.tally("week", date_from="2021-01-01")   # no end: the last week with incidents
        assert weeks[0]["week"] == "2020-12-28" and weeks[-1]["week"] == "2021-03-15" and len(weeks) == 12
        assert sum(r["incidents"] for r in weeks) == 3
        one = ledger.tally("day", date_from="2021-01-01", date_to="2021-03-31", where={"month": "2021-03"})
        assert [r["day"] for r in one] == ["2021-03-03", "2021-03-20"]   # a period asked for: no others listed
        assert [r["actor1"] for r in ledger.tally("actor1", date_from="2020-01-01")] == [
            r["actor1"] for r in ledger.tally("actor1")]   # not a time tally: no rows added


def test_periods_between_steps_by_day_week_and_month() -> None:
    assert periods_between("month", "2020-11", "2021-02") == ["2020-11", "2020-12", "2021-01", "2021-02"]
    assert periods_between("week", "2021-03-01", "2021-03-15") == ["2021-03-01", "2021-03-08", "2021-03-15"]
    assert periods_between("day", "2020-02-28", "2020-03-01") == ["2020-02-28", "2020-02-29", "2020-03-01"]
    with pytest.raises(InputError, match="week or month"):
        periods_between("day", "1900-01-01", "2021-01-01")


def _cli(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        assert main(["tally", *args]) == 0
    return out.getvalue(), err.getvalue()


def test_warledger_tally_lists_the_quiet_months_and_says_so(tmp_path: Any) -> None:
    db = str(tmp_path / "ledger.db")
    with Ledger(db) as ledger:
        ledger.ingest(_reports())
    rng = ("--from", "2020-12-01", "--to", "2021-04-30")
    table, _ = _cli("--db", db, "--by", "month", *rng)
    assert table.splitlines()[0] == ("(every month from 2020-12 to 2021-04 is listed: 3 with no incident, "
                                     "as zero rows)")
    assert any(line.startswith("2021-02") and line.split()[1] == "0" for line in table.splitlines())
    text, said = _cli("--db", db, "--by", "month", "--format", "csv", *rng)
    assert [line.split(",")[:2] for line in text.splitlines()[1:]] == [
        ["2020-12", "0"], ["2021-01", "1"], ["2021-02", "0"], ["2021-03", "2"], ["2021-04", "0"]]
    assert "3 with no incident" in said and not text.startswith("(")
    rows = json.loads(_cli("--db", db, "--by", "month", "--format", "json", *rng)[0])
    assert len(rows) == 5
    one, said = _cli("--db", db, "--by", "day", "--format", "csv", *rng, "--where", "month=2021-03")
    assert one.count("\n") == 3 and not said   # one month asked for: its days with incidents, nothing said
    plain, said = _cli("--db", db, "--by", "month", "--format", "csv")
    assert plain.count("\n") == 3 and not said   # no range: the months with incidents, nothing said
