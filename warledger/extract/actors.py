"""Actors: mentions of armed groups, states and civilians, mapped to ACLED-style actor names.  (Stub.)"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from warledger.extract.classify import EventClass


@dataclass(frozen=True, slots=True)
class ActorMention:
    name: str                  # ACLED-style name, e.g. "Military Forces of Russia (2000-)"
    start: int                 # span of the words in the text
    end: int
    rule: str
    faction: Optional[str] = None   # short faction name for killed_groups, e.g. "National Liberation Front"


def find_actors(text: str, start: int = 0, end: Optional[int] = None) -> list[ActorMention]:
    """Every actor mention in ``text[start:end]``, in text order."""
    return []


def assign_actors(text: str, start: int, end: int, event: Optional[EventClass]
                  ) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """(actor1, actor2) for the event in ``text[start:end]``: actor1 is the side that acted."""
    return None, None
