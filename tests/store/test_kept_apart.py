"""'Not the same' in the ledger (SQLite and PostgreSQL): an analyst's answer that two incidents are two events
follows their records, so a later ingest does not put them back together and a merge is refused in words."""
from __future__ import annotations

import pytest

from warledger.store import Ledger
from warledger.store.duplicates import KeptApart

# written for this test: two reports of a strike at one village on one day, which deduplication merges
FIRST = {"id": "hill-0703", "published": "2021-07-03", "source": "Hill Courier",
         "text": "Regime artillery shelled the village of Kafr Oweid in Jabal al-Zawiya on Friday, killing 2 civilians."}
SECOND = {"id": "vale-0703", "published": "2021-07-03", "source": "Vale Bulletin",
          "text": "Two civilians were killed on Friday when regime artillery shelled the village of Kafr Oweid."}


def _incident_of(ledger: Ledger, report_id: str) -> str:
    return str(next(i for i in ledger.incidents() if report_id in i["reports"])["incident_id"])


def test_an_ingest_does_not_join_what_an_analyst_kept_apart(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([dict(FIRST), dict(SECOND)])
        one = _incident_of(ledger, "hill-0703")
        assert _incident_of(ledger, "vale-0703") == one          # merged by deduplication
        record = next(r["record_id"] for r in ledger.records() if r["report_id"] == "vale-0703")
        other = ledger.split(one, [record], who="ana")["incident_id"]
        ledger.keep_apart([one, other], who="ana", reason="two shellings")
        ledger.remove_reports(["vale-0703"])                       # a tool puts the report in again
        ledger.ingest([dict(SECOND)])
        assert _incident_of(ledger, "vale-0703") != _incident_of(ledger, "hill-0703")
        with pytest.raises(KeptApart, match="ana kept incidents"):
            ledger.merge([_incident_of(ledger, "hill-0703"), _incident_of(ledger, "vale-0703")], who="bo")
        assert [p for p in ledger.duplicate_pairs()[0]
                if {r for i in p["incidents"] for r in i["reports"]} == {"hill-0703", "vale-0703"}] == []
