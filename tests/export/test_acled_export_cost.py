"""The ACLED CSV's timestamps are read once per distinct stamp (session 17, ledger17).  Since session 16 each row's
``timestamp`` is when its incident last changed (``last_modified``), and time.strptime on every row was an eighth of
the export's time on the ACLED-notes dev ledger (0.36 s before session 16, 0.42 s after, CPU); a ledger's lines
share a few ingest times.  The rows are the same."""
from __future__ import annotations

import calendar
import csv
import io
import time
from typing import Any

import pytest

from warledger.export import export

from test_export_semantics import line

STAMPS = ["2026-12-07T08:30:00Z", "2026-12-07T08:31:05Z", "2026-12-07T09:00:59Z"]


def test_three_stamps_are_parsed_three_times_and_written_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [line(n, last_modified=STAMPS[n % 3]) for n in range(300)]
    lines.append(line(301, last_modified="2026-12-07T10:00:00.123456+00:00"))
    calls: list[Any] = []
    real = time.strptime

    def counted(*args: Any) -> Any:
        calls.append(args)
        return real(*args)
    monkeypatch.setattr(time, "strptime", counted)
    buf = io.StringIO()
    export(lines, "acled-csv", out=buf)
    assert len(calls) <= 4
    stamps = [int(row["timestamp"]) for row in csv.DictReader(io.StringIO(buf.getvalue()))]
    want = [calendar.timegm(time.strptime(s[:19], "%Y-%m-%dT%H:%M:%S")) for s in STAMPS]
    assert stamps[:6] == want * 2 and stamps[-1] == calendar.timegm((2026, 12, 7, 10, 0, 0, 0, 0, 0))
