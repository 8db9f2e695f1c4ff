"""ACLED-style notes about countries the dev sets never cover (world_notes.jsonl, next to this file), scored as
the held-out theatre sets are (warledger's own theatre scorer).  The notes and their gold fields were written for
warledger in our own words (no ACLED text): 74 notes over 33 countries, every ACLED event type, 15 of the
countries with no bundle before 2026-12-06 (Chad, CAR, Burundi, Uganda, Venezuela, Thailand, Indonesia, Peru,
Iran, Turkey, Russia, Georgia, Lebanon, Libya, Haiti).  Gold names follow ACLED's public conventions as far as
they could be established (see BENCHMARKS.md, "World notes").  Needs no ../shared.

Floors: the scores measured when they were last raised, less 0.01 (BENCHMARKS.md has the per-field history)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from warledger.evaluate.runner import load_evalset, predict_warledger
from warledger.evaluate.scoring import score_theatres

NOTES = Path(__file__).with_name("world_notes.jsonl")
FLOORS = {
    "country": 0.936, "admin1": 0.652, "within_25km": 0.868, "event_type": 0.96, "sub_event_type": 0.93,
    "actor_names": 0.72, "fatalities": 0.92, "date": 0.99,
}


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    evalset = load_evalset(NOTES, kind="theatres")
    pred = predict_warledger(evalset, quiet=True)
    return score_theatres(evalset.lines, pred).values()


def test_the_set_is_what_its_docstring_says() -> None:
    lines = [json.loads(x) for x in NOTES.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(lines) == 74 and len({x["id"] for x in lines}) == 74
    assert len({x["gold"]["country"] for x in lines}) == 33
    assert {x["gold"]["event_type"] for x in lines} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments"}


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_world_notes_hold_their_floors(scores: dict[str, float], metric: str) -> None:
    assert scores[metric] >= FLOORS[metric], (metric, round(scores[metric], 3))
