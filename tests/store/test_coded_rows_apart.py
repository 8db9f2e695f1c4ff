"""Two rows of a coded event dataset are two events (session 16, ledger16): ACLED's coders already brought every
source of an event into one row ("2 fatalities." is a coder's line), so two of their notes on one village, one day
and one toll stay two incidents and the tally counts both tolls; a monitor's report of the same event still merges
with one of them.  On main the three merged and the tally lost one note's deaths.  SQLite and PostgreSQL."""
from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from warledger.cluster.blocks import slim
from warledger.reconcile.dedup import CODED_KEY, coded_row
from warledger.reconcile.pairs import pair_reasons
from warledger.store import Ledger
from warledger.store.schema import incidents

NOTES: list[dict[str, Any]] = [
    {"id": "n1", "text": "On 12 March 2023, unidentified gunmen shot dead two farmers near Sarmin town in Idleb "
                         "countryside. 2 fatalities.", "source": "Invented notes", "coded": True},
    {"id": "n2", "text": "On 12 March 2023, two farmers were found shot dead on the road near Sarmin in Idleb "
                         "countryside, killed by unidentified gunmen. 2 fatalities.", "source": "Invented notes", "coded": True},
    {"id": "m1", "text": "Unidentified gunmen shot dead two farmers near Sarmin town in the countryside of Idleb on "
                         "Sunday.", "published": "2023-03-13", "source": "Invented Monitor"},
]


def test_two_coded_notes_stay_two_incidents(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(NOTES)
        groups = sorted(sorted(line["reports"]) for line in ledger.incidents())
        assert groups == [["m1", "n1"], ["n2"]]
        assert sum(line["fatalities"] or 0 for line in ledger.incidents()) == 4
        (row,) = ledger.tally(by="admin1")
        assert row["incidents"] == 2 and row["killed_total"] == 4


def test_a_coders_line_alone_is_not_a_coded_row_and_the_dask_blocks_keep_the_mark() -> None:
    # session 18 (ledger18): a row is coded by the input's kind, never by how its body reads ("2 fatalities.")
    rec = {"record_id": "n1#0", "report_id": "n1", "kind": "incident", "evidence": [
        {"field": "killed.total", "start": 90, "end": 103, "text": "2 fatalities", "rule": "coding: fatalities"},
        {"field": "actor1", "start": 20, "end": 38, "text": "unidentified gunmen", "rule": "actors.tsv:1"}]}
    assert not coded_row(rec)
    assert coded_row(dict(rec, **{CODED_KEY: True})) and coded_row(slim(dict(rec, **{CODED_KEY: True})))


def test_the_duplicates_queue_does_not_propose_two_coded_rows(db: str) -> None:
    # the queue offers what ingest might have missed; two coded rows are apart by the dataset's own coding
    with Ledger(db) as ledger:
        ledger.ingest(NOTES[:2])
        assert len(list(ledger.incidents())) == 2
        pairs, total = ledger.duplicate_pairs()
        assert (pairs, total) == ([], 0)



def test_only_the_coded_lines_keep_the_two_notes_out_of_the_queue(db: str) -> None:
    # the same two incidents, with one side's coder's line taken away, are a candidate pair: the rule is what
    # keeps them apart, not their places or dates
    with Ledger(db) as ledger:
        ledger.ingest(NOTES[:2])
        with ledger.engine.connect() as conn:
            rows = conn.execute(select(incidents.c.match_data).order_by(incidents.c.incident_id)).all()
    a, b = (r[0] if isinstance(r[0], dict) else json.loads(r[0]) for r in rows)
    assert coded_row(a) and coded_row(b)
    assert pair_reasons(a, b) is None
    uncoded = {k: v for k, v in b.items() if k != CODED_KEY}
    uncoded["evidence"] = [e for e in uncoded.get("evidence") or [] if not str(e.get("rule")).startswith("coding:")]
    assert not coded_row(uncoded) and pair_reasons(a, uncoded) is not None
