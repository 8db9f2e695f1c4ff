"""Actor1 for records whose own clause names no side that acted: the side acting in the record's sentence,
else the report's headline/lead attacker when the report names exactly one attacking side (each inheritance
noted in the record's ``problems``).  Reads both actors.py (who is named) and classify.py (what happened).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional, TypeGuard

from warledger.extract.actor_gaps import TARGET_BEFORE
from warledger.extract.actor_lexicon import ActorMention, find_actors
from warledger.extract.actors import assign_actors, family_of, is_associate, unnamed_planter
from warledger.extract.classify import EventClass, classify_event
from warledger.extract.scanner import SENT_BREAK, sentence_around
from warledger.extract.segment import bound_to_paragraph
from warledger.extract.spans import ByStart, Paragraphs

if TYPE_CHECKING:
    from warledger.record import Incident

_ATTACK_TYPES = frozenset({"Explosions/Remote violence", "Violence against civilians", "Battles"})
LEAD_CHARS = 700  # the headline and the lead paragraph


def _acts(m: Optional[ActorMention]) -> TypeGuard[ActorMention]:
    return m is not None and m.kind != "civilian" and m.family not in ("unidentified", "civilians", "other")


_HELD_AFTER = bound_to_paragraph(re.compile(r"\s*-?\s*(?:held|controlled|run)\b", re.IGNORECASE))  # "Kurdish forces-held areas": a place


def lead_attacker(text: str, lo: int, hi: int, blanks: Optional[Paragraphs] = None) -> Optional[ActorMention]:
    """The side that acts in the report's headline and lead, when they name exactly one."""
    lead_end = min(hi, lo + LEAD_CHARS)
    para = (blanks or Paragraphs(text)).find(lo + 1, lead_end)
    found: list[ActorMention] = []
    a = lo
    while a < lead_end:
        b_m = SENT_BREAK.search(text, a, lead_end)
        b = b_m.end() if b_m else lead_end
        if text[a:b].strip():
            ev = classify_event(text, a, b)
            if ev is not None and ev.event_type in _ATTACK_TYPES:
                a1, _ = assign_actors(text, a, b, ev)
                if _acts(a1) and a1.kind == "armed":  # a named side, not "military"
                    found.append(a1)
                    # every side named as acting with it ("regime and Turkish forces shell ...") counts too
                    found += [m for m in find_actors(text, a, b) if _acts(m) and m.kind == "armed"
                              and not is_associate(text, m, a) and not _HELD_AFTER.match(text, m.end, b)
                              and not TARGET_BEFORE.search(text[max(a, m.start - 40):m.start])]
        if para >= 0 and b > para and found:
            break  # the headline and the first paragraph named the attacker
        a = b
    fams = {m.family for m in found}
    return found[0] if len(fams) == 1 else None


def fill_actor1(text: str, lo: int, hi: int, records: list["Incident"]) -> None:
    """Give actor1 to records with an event whose clause names no side that acted: the side that acts in the
    record's sentence, else the report's headline/lead attacker when the report names exactly one attacking
    side.  Each inheritance is written to the record's ``problems``."""
    todo = [r for r in records if r.sub_event_type and r.actor1 is None and r.span]
    if not todo:
        return
    lead: Optional[ActorMention] = None
    lead_done = False
    placed = ByStart([o for o in records if o.span], start=lambda o: o.text_span[0])
    blanks = Paragraphs(text)
    for r in todo:
        # todo holds records with a span and a sub-event type, and the event type is always set with it
        assert r.span is not None and r.event_type is not None and r.sub_event_type is not None
        s, e = r.span
        ev = EventClass(r.event_type, r.sub_event_type, r.weapon, s, e, "record")
        a, b = sentence_around(text, lo, hi, s, e, 600)
        if (a, b) != (s, e):
            a1, _ = assign_actors(text, a, b, ev)
            if _acts(a1):
                r.actor1 = a1.name
                r.add_evidence("actor1", text, a1.start, a1.end, a1.rule)
                r.problems.append("W-ACTOR-INHERITED: actor1 not named in the record's clause: taken from its sentence")
                continue
        if r.event_type not in _ATTACK_TYPES:
            continue
        if not lead_done:
            lead, lead_done = lead_attacker(text, lo, hi, blanks), True
        # ... and no record of the same paragraph names another attacker
        para = (blanks.rfind(s, lo), blanks.find(e, hi))  # the paragraph's breaks before s and after e
        sides = {family_of(o.actor1) for o in placed.within(para[0], para[1] if para[1] >= 0 else len(text) + 1)
                 if o.actor1} - {"unidentified", "civilians", "other"}
        if lead is not None and sides <= {lead.family}:
            r.actor1 = lead.name
            r.add_evidence("actor1", text, lead.start, lead.end, lead.rule)
            r.problems.append("W-ACTOR-INHERITED: actor1 not named in the record's clause or sentence: taken from the report's "
                              "headline/lead, the only attacking side it names")
    for r in todo:
        unnamed_planter(r)
