"""Place mentions that are forces: "attacked Kenyan troops near Baure", "shelled FARDC positions in Kibumba".

The place reader takes a capitalised name after a verb of attack as the place attacked.  When that name is a
demonym of any theatre bundle (``warledger/data/theatres/*/theatre.tsv``) or the start of an armed actor's name in
the actor lexicon of the report's theatre (an acronym such as "FARDC", "KDF"; "Kenyan troops" as a whole), and a
noun for armed men, units or their posts follows (``armed_target`` in ``warledger/data/target_nouns.tsv``: troops,
positions, patrols, checkpoints...), the words name who was attacked, not where: the mention is dropped and the
place comes from the rest of the clause ("near Baure").  A mention whose phrase runs on past the name ("IS in
Hajin") is kept: the geocoder places it by its tail.  An acronym that an actor's name covers is dropped even with
no noun after it ("attacked FARDC near Kibumba").
"""
from __future__ import annotations

import re
from functools import lru_cache

from warledger.extract.actor_lexicon import find_actors
from warledger.extract.classify import TARGET_NOUNS
from warledger.extract.places import PlaceMention
from warledger.extract.segment import bound_to_paragraph
from warledger.theatre import root_key

_UNIT_AFTER = bound_to_paragraph(re.compile(r"['’]?s?\s+(?:%s)\b" % "|".join(TARGET_NOUNS["armed_target"]), re.IGNORECASE))
_ACTOR_REACH = 60  # characters after a name an actor's name may run on ("Kenyan defence forces")


@lru_cache(maxsize=8)
def _demonyms(key: tuple[str, ...]) -> frozenset[str]:
    """The demonyms of every theatre bundle in the folders ``key`` (:func:`warledger.theatre.root_key`), case-folded."""
    from warledger.theatre import theatres

    return frozenset(d.casefold() for th in theatres().values() for d in th.demonyms)


def _name_span(text: str, p: PlaceMention) -> tuple[int, int]:
    at = text.find(p.name, p.start, p.end)
    s = at if at >= 0 else p.start
    return s, s + len(p.name)


def is_forces(text: str, p: PlaceMention) -> bool:
    """Whether the place mention ``p`` names forces ("Kenyan troops", "FARDC positions"): see the module doc."""
    s, e = _name_span(text, p)
    if p.end > e:
        return False  # "IS in Hajin": a phrase that runs on past the name holds its place, which the geocoder reads
    unit = _UNIT_AFTER.match(text, e) is not None
    if unit and p.name.casefold() in _demonyms(root_key()):
        return True
    if not (unit or (p.name.isupper() and len(p.name) >= 2)):
        return False
    return any(m.armed and m.kind != "generic" and m.start <= s and m.end >= e
               for m in find_actors(text, s, min(len(text), e + _ACTOR_REACH)))


def without_forces(text: str, places: list[PlaceMention]) -> list[PlaceMention]:
    """``places`` without the mentions that name forces (:func:`is_forces`)."""
    return [p for p in places if not is_forces(text, p)]
