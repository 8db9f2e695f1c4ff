"""Deduplication's place-name patterns stay linear on hostile place phrases (issue 14).

A report with thousands of blank lines inside a place phrase ("... countryside of" then a run of blank lines)
made the cutting patterns of :mod:`warledger.reconcile.dedup` retry at every blank: seconds per phrase, paid
for every candidate of every record, so one such report stalled a whole ingest batch.  Invented places."""
from __future__ import annotations

import time

from warledger.reconcile.dedup import place_key, toponym_words
from warledger.timelimit import time_limit

HOSTILE = "Quillby village in the western countryside of " + " \n" * 20_000 + "Zarrow"


def _cpu(fn: object, *args: object) -> float:
    t0 = time.process_time()
    with time_limit(10.0):  # a runaway fails the test instead of hanging the suite
        fn(*args)  # type: ignore[operator]
    return time.process_time() - t0


def test_place_phrases_with_runs_of_blank_lines_are_cut_in_linear_time() -> None:
    rec = {"place_phrase": HOSTILE, "location": None}
    assert _cpu(place_key, rec) < 0.5
    assert _cpu(toponym_words, rec) < 0.5


def test_white_space_inside_a_phrase_does_not_change_its_key() -> None:
    plain = {"place_phrase": "Quillby village in the western countryside of Zarrow", "location": None}
    spread = {"place_phrase": "Quillby   village\n in the western\n\n countryside of Zarrow", "location": None}
    hostile = {"place_phrase": HOSTILE, "location": None}
    assert place_key(plain) == place_key(spread) == place_key(hostile) is not None
    assert toponym_words(plain) == toponym_words(spread) == toponym_words(hostile) == "quillby"
