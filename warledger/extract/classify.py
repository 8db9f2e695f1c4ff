"""Event classification: the ACLED event type, sub-event type and weapon of a clause.  (Stub.)"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True, slots=True)
class EventClass:
    event_type: str            # ACLED event type, e.g. "Explosions/Remote violence"
    sub_event_type: str        # ACLED sub-event type, e.g. "Air/drone strike"
    weapon: Optional[str]      # "warplanes", "helicopters", "drone", "artillery", "IED", ...
    start: int                 # span of the trigger words in the text
    end: int
    rule: str                  # name of the rule that fired
    confidence: float = 1.0


def classify_event(text: str, start: int = 0, end: Optional[int] = None) -> Optional[EventClass]:
    """Classify the event described in ``text[start:end]``; None when no event is described."""
    return None
