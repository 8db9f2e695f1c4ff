"""Saved score floors (tests/realdata/floors.json): how they are raised, and when they may be lowered.

A floor is a measured score minus a margin.  Re-measuring raises floors and never lowers one silently:
when a score has fallen below its saved floor, :func:`new_floors` reports it, and the caller refuses
to write unless lowering was asked for explicitly (``--allow-lower``, with a reason in the commit).
Each set's entry also stores :func:`warledger.evaluate.halves.ids_digest` of the lines it was measured
on, so that floors measured on other data (another subset, a changed file) are noticed.
"""
from __future__ import annotations

MARGIN = 0.01


def floor_of(value: float, margin: float = MARGIN) -> float:
    return max(0.0, round(value - margin, 3))


def new_floors(old: dict[str, float], measured: dict[str, float], *, margin: float = MARGIN,
               allow_lower: bool = False) -> tuple[dict[str, float], dict[str, tuple[float, float]]]:
    """The floors to save, and the metrics whose score fell below the old floor ({metric: (score, floor)}).

    Without ``allow_lower`` a floor is ``max(old floor, score - margin)``: it only goes up.  With it,
    every floor is ``score - margin``, lower or not.  The caller refuses to save when the second result
    is not empty and ``allow_lower`` was not given."""
    floors: dict[str, float] = {}
    below: dict[str, tuple[float, float]] = {}
    for metric, value in measured.items():
        floor = floor_of(value, margin)
        prev = old.get(metric)
        if prev is not None and value < prev:
            below[metric] = (round(value, 4), prev)
        if prev is not None and not allow_lower:
            floor = max(floor, prev)
        floors[metric] = floor
    return floors, below
