"""Every row of a coded event dataset is a coded row, by the input's kind (session 17, ledger17; session 18, ledger18).
Session 16 told an ACLED note's row by its coder's fatalities line ("2 fatalities."), so two notes with no such line
still merged; session 17 by how the body read (an ACLED-style note with no publication date), so a one-line news
text from a .txt file or a web JSONL line was a coded row too and never merged with another source's report of the
same strike.  Now the input says it (ingest.kinds: a ``"coded"`` field, a source naming ACLED, ACLED's row key) and
the reader carries it to ``Report.coded``.  Invented notes; SQLite and PostgreSQL."""
from __future__ import annotations

from typing import Any

import json
from pathlib import Path

from warledger.cluster.blocks import slim
from warledger.extract import extract_report
from warledger.ingest.reader import read_jsonl, read_reports
from warledger.reconcile.dedup import CODED_KEY, coded_row
from warledger.record import Report
from warledger.store import Ledger

NOTES: list[dict[str, Any]] = [
    {"id": "c1", "text": "On 4 May 2023, regime forces shelled Kafr Nabl and Hass towns in southern Idleb "
                         "countryside.", "source": "Invented notes", "coded": True},
    {"id": "c2", "text": "On 4 May 2023, regime forces fired artillery shells at Kafr Nabl and Hass towns in the "
                         "southern countryside of Idleb.", "source": "Invented notes", "coded": True},
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
                 "source": "ACLED (invented notes)"}   # the source names the dataset
    with Ledger(db) as ledger:
        ledger.ingest([one_place, MONITOR])
        lines = list(ledger.incidents())
        assert [sorted(line["reports"]) for line in lines] == [["c3", "m1"]]
        monitor = [rec for rec in ledger.records() if rec["report_id"] == "m1"]
        assert monitor and not any(rec.get(CODED_KEY) for rec in monitor)


def test_the_input_kind_marks_the_report_not_a_sentence() -> None:
    note = extract_report(Report(id="c1", text=NOTES[0]["text"]))
    assert note.incidents and not note.coded    # read as a note, but how a body reads says nothing of the input
    lines = [dict(NOTES[0]), {"id": "a1", "text": NOTES[1]["text"], "source": "acled"},
             {"id": "a2", "text": NOTES[1]["text"], "event_id_cnty": "XYZ123", "source": "Invented Monitor"},
             {"id": "w1", "text": NOTES[1]["text"], "source": "Invented Web"},
             {"id": "w2", "text": NOTES[1]["text"], "source": "ACLED notes", "coded": False},
             {"id": "w3", "text": NOTES[1]["text"], "source": "Racled Weekly"}]
    read = {r.id: r.coded for r in read_jsonl((json.dumps(x) for x in lines), "invented.jsonl")}
    assert read == {"c1": True, "a1": True, "a2": True, "w1": False, "w2": False, "w3": False}


# one strike told in one line each by two invented outlets: a plain text file and a web JSONL line, no publication
# date; each reads like a note ("On <day>, ...") and is read as one
TXT = "On 3 May 2023, an air strike on Kafr Nabl town in southern Idleb countryside killed 4 civilians.\n"
WEB = {"id": "web1", "text": "On 3 May 2023, a warplane struck Kafr Nabl town in the southern countryside of Idleb, "
                             "killing 4 civilians.", "source": "Invented Web", "url": "https://example.org/a"}


def test_one_line_news_texts_from_two_sources_merge(db: str, tmp_path: Path) -> None:
    (tmp_path / "wire.txt").write_text(TXT, encoding="utf-8")
    (tmp_path / "web.jsonl").write_text(json.dumps(WEB) + "\n", encoding="utf-8")
    reps = [*read_reports(tmp_path / "wire.txt"), *read_reports(tmp_path / "web.jsonl")]
    assert len(reps) == 2 and not any(r.coded for r in reps)
    with Ledger(db) as ledger:
        ledger.ingest(reps)
        lines = list(ledger.incidents())
        assert [len(line["reports"]) for line in lines] == [2]      # main: two coded rows, never one event
        assert not lines[0].get(CODED_KEY)
        assert not any(rec.get(CODED_KEY) for rec in ledger.records())


def test_the_dask_blocks_keep_the_mark() -> None:
    rec = {"record_id": "c1#0", "report_id": "c1", "kind": "incident", CODED_KEY: True, "evidence": []}
    assert coded_row(slim(rec))
