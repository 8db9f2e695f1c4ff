"""Damage to facilities: "targeted a hospital ... put it out of service" -> {hospital, out of service}."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from warledger.extract.lexicon import rows
from warledger.extract.needs import Needing
from warledger.extract.scanner import guarded
from warledger.extract.segment import bound_to_paragraph

_FAC = [(re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % n, re.I), o) for n, o in rows("facilities.tsv", 2)]
_FAC_ANY = Needing(guarded(bound_to_paragraph(re.compile(r"(?<![\w-])(?:%s)(?![\w-])" % "|".join(n for n, _ in rows("facilities.tsv", 2)), re.I))))
# a facility counts as hit when a strike verb or preposition of attack comes shortly before it
_HIT_BEFORE = bound_to_paragraph(re.compile(r"\b(?:target(?:ed|ing|s)?|hit(?:ting|s)?|struck|strik(?:e|es|ing)|shell(?:ed|ing)|bomb(?:ed|ing)|"
                         r"destroy(?:ed|ing)?|damag(?:ed|ing)|on|attack(?:ed|ing)?\s+on|raided|storm(?:ed|ing))\b"
                         r"[^.;,]{0,60}$", re.I))
_EFFECT = Needing(guarded(bound_to_paragraph(re.compile(r"\b(?P<oos>out\s+of\s+(?:service|operation|action))|(?P<destroyed>destroy(?:ed|ing)|destruction|razed|"
                     r"levelled|leveled|collapsed?)|(?P<damaged>damag(?:ed|e|ing)|burn(?:ed|t|ing)|fire)\b", re.I))))


@dataclass(frozen=True, slots=True)
class DamageMention:
    object: str
    effect: Optional[str]
    start: int
    end: int
    effect_span: Optional[tuple[int, int]]


def find_damage(text: str, start: int, end: int) -> list[DamageMention]:
    out: list[DamageMention] = []
    eff = None
    for e in _EFFECT.finditer(text, start, end):
        kind = "out of service" if e.group("oos") else "destroyed" if e.group("destroyed") else "damaged"
        if eff is None or kind == "out of service":
            eff = (kind, e.start(), e.end())
    for m in _FAC_ANY.finditer(text, start, end):
        if not _HIT_BEFORE.search(text, max(start, m.start() - 80), m.start()) and eff is None:
            continue
        obj = next(o for p, o in _FAC if p.fullmatch(m.group(0)))
        if obj in ("vehicle", "house", "building") and eff is None:
            continue
        if any(d.object == obj for d in out):
            continue
        out.append(DamageMention(obj, eff[0] if eff else None, m.start(), m.end(), (eff[1], eff[2]) if eff else None))
    return out
