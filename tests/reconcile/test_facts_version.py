"""The stored pair facts (``wl_incidents.pair_facts``) cannot go stale silently: what :meth:`Facts.of` works out for
a set of hand-made incidents is pinned by a digest next to FACTS_VERSION, so a change of what the facts hold (date
window, area or one of several places, point, place keys) fails here until FACTS_VERSION is bumped; a ledger whose
stored facts are of another version has them worked out again when it is opened."""
from __future__ import annotations

import hashlib
import json
from typing import Any

from warledger.reconcile import pairs
from warledger.reconcile.pairs import FACTS_DIGEST, FACTS_VERSION, Facts

# every digest ever pinned, by FACTS_VERSION: a version's digest never changes (a new computation is a new version)
PINNED = {1: "ac32a4956cc86362e3a29977a3a0ad173721e8590c1da8d6ee0a1ae56551f86e"}

# hand-made match data, in our own words: one of each thing the facts tell apart
HANDMADE: list[dict[str, Any]] = [
    {"kind": "incident", "reports": ["r1"], "event_date": "2021-03-04", "time_precision": 1,
     "place_phrase": "the village of Tel Marah", "location": "Tell Marah", "geo_precision": 1,
     "latitude": 36.1, "longitude": 37.2, "admin1": "Aleppo"},
    {"kind": "incident", "reports": ["r2", "r3"], "event_date": "2021-03-05", "time_precision": 2,
     "place_phrase": "Aleppo countryside", "location": "Aleppo", "geo_precision": 3, "latitude": 36.2,
     "longitude": 37.1, "admin1": "Aleppo"},
    {"kind": "incident", "reports": ["r4"], "event_date": "2021-03-06", "time_precision": 1, "date_relative": True,
     "place_phrase": "Kafr Hamra town", "location": "Kafr Hamrah", "geo_precision": 2, "latitude": 36.25,
     "longitude": 37.05, "problems": ["W-PLACE-LIST: the text lists three villages; this is the first"]},
    {"kind": "incident", "reports": ["r5"], "date_range": ["2021-02-01", "2021-02-09"], "event_date": "2021-02-05",
     "time_precision": 2, "place_phrase": None, "location": None, "geo_precision": None, "latitude": None},
    {"kind": "incident", "reports": ["r6"], "event_date": "2021-04-10", "time_precision": 1,
     "problems": ["W-DATE-REPORT: no day in the text; the report's date 2021-04-10 taken"],
     "place_phrase": "مدينة الباب في ريف حلب", "location": "Al Bab", "geo_precision": 1, "latitude": 36.37,
     "longitude": 37.51},
    {"kind": "incident", "reports": ["r7"], "event_date": None, "place_phrase": "near the Sabha crossing",
     "location": "Sabha", "geo_precision": 2, "latitude": "not a number", "longitude": 12.0},
    {"kind": "tally", "reports": ["r8"], "event_date": "2021-05-01", "time_precision": 3, "location": "Idlib",
     "admin1": "Idlib", "geo_precision": 3, "latitude": 35.9, "longitude": 36.6},
]


def _digest() -> str:
    """The facts of the hand-made incidents without their leading version number."""
    facts = [json.loads(Facts.of(dict(rec)).as_json())[1:] for rec in HANDMADE]
    return hashlib.sha256(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()


def test_facts_digest_pins_facts_version() -> None:
    assert _digest() == FACTS_DIGEST, (
        "what pairs.Facts works out changed: bump FACTS_VERSION in warledger/reconcile/pairs.py and set FACTS_DIGEST "
        f"to {_digest()!r} (stored ledgers then work their pair facts out again when they are opened)")
    assert PINNED.get(FACTS_VERSION, FACTS_DIGEST) == FACTS_DIGEST, "a version's digest never changes"


def test_handmade_incidents_exercise_every_fact() -> None:
    """The digest guards something: the hand-made incidents differ in every fact it covers."""
    facts = [Facts.of(dict(rec)) for rec in HANDMADE]
    assert {f.vague_place for f in facts} == {True, False}
    assert {f.incident for f in facts} == {True, False}
    assert {f.point is None for f in facts} == {True, False}
    assert {f.window is None for f in facts} == {True, False}
    assert len({f.window for f in facts if f.window}) >= 4
    assert {len(f.keys) for f in facts} >= {0, 1, 2}


def test_a_change_of_the_computation_changes_the_digest(monkeypatch: Any) -> None:
    before = _digest()
    monkeypatch.setattr(pairs, "several_places", lambda rec: False)
    assert _digest() != before
