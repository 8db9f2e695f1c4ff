"""Every row of a coded event dataset is a coded row, by the input's kind (session 17, ledger17).  Session 16 told
an ACLED note's row by its coder's fatalities line ("2 fatalities."), so two notes with no such line (a note on
clashes in two villages, whose toll the coder left to the place list) still merged, and headed the duplicates
queue.  Now an input the reader takes as a coded dataset's row (an ACLED-style note with no publication date, read as
one event) marks its record ``coded`` when the ledger stores it.  Invented notes; SQLite and PostgreSQL."""
from __future__ import annotations

from typing import Any

from warledger.cluster.blocks import slim
from warledger.extract import extract_report
from warledger.reconcile.dedup import CODED_KEY, coded_row
from warledger.record import Report
from warledger.store import Ledger

NOTES: list[dict[str, Any]] = [
    {"id": "c1", "text": "On 4 May 2023, regime forces shelled Kafr Nabl and Hass towns in southern Idleb "
                         "countryside.", "source": "Invented notes"},
    {"id": "c2", "text": "On 4 May 2023, regime forces fired artillery shells at Kafr Nabl and Hass towns in the "
                         "southern countryside of Idleb.", "source": "Invented notes"},
]
MONITOR = {"id": "m1", "text": "Regime forces shelled Kafr Nabl town in southern Idleb countryside on Thursday.",
           "published": "2023-05-05", "source": "Invented Monitor"}


def test_notes_without_a_coders_line_stay_apart_and_out_of_the_queue(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(NOTES)
        lines = list(ledger.incidents())
        assert sorted(sorted(line["reports"]) for line in lines) == [["c1"], ["c2"]]
        assert ledger.duplicate_pairs() == ([], 0)   # main proposed them as one event (score 8.5)
        assert all(line.get(CODED_KEY) is True for line in lines)
        assert all(rec.get(CODED_KEY) is True for rec in ledger.records())


def test_a_monitors_report_still_joins_a_coded_row(db: str) -> None:
    one_place = {"id": "c3", "text": "On 4 May 2023, regime forces shelled Kafr Nabl town in southern Idleb countryside.",
                 "source": "Invented notes"}
    with Ledger(db) as ledger:
        ledger.ingest([one_place, MONITOR])
        lines = list(ledger.incidents())
        assert [sorted(line["reports"]) for line in lines] == [["c3", "m1"]]
        monitor = [rec for rec in ledger.records() if rec["report_id"] == "m1"]
        assert monitor and not any(rec.get(CODED_KEY) for rec in monitor)


def test_the_input_kind_marks_the_report_not_a_sentence() -> None:
    note = extract_report(Report(id="c1", text=NOTES[0]["text"]))
    news = extract_report(Report(id="m1", text=MONITOR["text"], published=MONITOR["published"]))
    assert note.coded and note.incidents
    assert not any(e.rule.startswith("coding:") for e in note.incidents[0].evidence)  # no coder's line to go by
    assert not news.coded


def test_the_dask_blocks_keep_the_mark() -> None:
    rec = {"record_id": "c1#0", "report_id": "c1", "kind": "incident", CODED_KEY: True, "evidence": []}
    assert coded_row(slim(rec))
