"""Finding a gazetteer place named in a text when extraction found no place phrase.

Only capitalised names after a locative cue ("in", "near", "village of", "control of" …) are tried, longest
first, and only close spellings of a gazetteer name count; names of armed groups ("Islamic State", "Hamza
Division") are skipped.  This is a fallback: a place phrase from extraction always wins.
"""
from __future__ import annotations

import re
from typing import Optional

from warledger.extract.segment import GAP, GAP0, PARAGRAPH_BREAK
from warledger.geocode.gazetteer import canonical_admin1
from warledger.geocode.resolve import Resolver

_ART = r"(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|abu|abul|umm|um|bani|beni|de|of)"
_NAME = rf"(?:{_ART}[- ])?[A-Z][\w'’`]*(?:[- ][A-Z][\w'’`]*|[- ]{_ART}[- ]?[A-Z][\w'’`]*){{0,3}}"
# a paragraph break ends a phrase: a cue's words and its name stay in one paragraph (segment.within_paragraph's runs)
_CUE = re.compile((
    r"\b(?:in|near|at|from|to|towards|around|into|over|outside|of|between|and)\s+"
    r"(?:the\s+)?(?:(?:village|town|city|area|areas|outskirts|vicinity|countryside|surroundings|camp|neighbou?rhood|"
    r"district|region|axis|front|frontline|hills?|desert|edge|entrance|western|eastern|northern|southern)\s+"
    r"(?:of\s+)?(?:the\s+)?)?(" + _NAME + r")").replace(r"\s+", GAP))
# the cues above, and list items ("in Salhiyeh, Ramadi, and Ashara")
_LIST_CUE = re.compile(_CUE.pattern.replace(r"\b(?:in|", r"(?:,%s(?:and%s)?|\b(?:in|" % (GAP0, GAP), 1)
                       .replace(r"and)" + GAP, r"and)%s)" % GAP, 1))
_GROUP_WORDS = re.compile(
    r"\b(?:State|Army|Forces|Force|Corps|Division|Brigade|Brigades|Front|Islam|Tahrir|Hezbollah|Hizbollah|Shield|"
    r"Room|Regiment|Battalion|Battalions|Legion|Units|Unit|Council|Coalition|Guard|Guards|Intelligence|Police|"
    r"Operation|Movement|Party|Group|Organization|Committee|Militia|Militias|Assault|Liberation|Regime|Syrian|"
    r"Russian|Turkish|Iranian|Israeli|Kurdish|Arab|Democratic|National|Islamic|Free|Jaysh|Jaish|Ahrar|Faylaq|"
    r"Liwa|Harakat|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


_CLAUSE_END = re.compile(PARAGRAPH_BREAK + r"|[.;,:!?()]|\s(?:where|which|who|after|while|following|as|when|amid|during|with|"
                         r"killing|leaving|causing|but)\s")


def find_place(resolver: Resolver, text: str, start: int = 0, end: Optional[int] = None,
               governorate: Optional[str] = None) -> Optional[tuple[int, int, str]]:
    """(start, end, phrase) of the first gazetteer place named after a locative cue in ``text[start:end]``:
    start-end covers the name; the phrase runs on to the end of the clause ("Tell Safra close to Harim")."""
    end = len(text) if end is None else end
    gov = canonical_admin1(governorate, resolver.country) if governorate else None
    g = resolver.g
    for m in _CUE.finditer(text, start, end):
        words = m.group(1).split()
        s0 = m.start(1)
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if _GROUP_WORDS.search(name) or len(name) < 4:
                continue
            if canonical_admin1(name, resolver.country):
                break  # a governorate: the caller already has it
            cands = [c for c in resolver.candidates(name, gov, fuzzy=False) if c[1] >= 0.85
                     and g.kind[c[0]] in ("place", "region", "admin2", "admin3")]
            if cands:
                stop = _CLAUSE_END.search(text, s0 + len(name), end)
                tail_end = min(stop.start() if stop else end, s0 + len(name) + 80)
                return s0, s0 + len(name), text[s0:tail_end].strip()
    return None


def governorate_votes(resolver: Resolver, text: str, start: int, end: int, skip: str = "") -> dict[str, int]:
    """Governorates of the places named in ``text[start:end]`` that the gazetteer places in one governorate only
    (names inside ``skip`` are not counted), with how many such names point to each."""
    votes: dict[str, int] = {}
    g = resolver.g
    seen: set[str] = set()
    for m in _LIST_CUE.finditer(text, start, end):
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if _GROUP_WORDS.search(name) or len(name) < 4:
                continue
            if name in seen or name in skip:
                break
            gov = canonical_admin1(name, resolver.country)
            if gov is None:
                cands = [c for c in resolver.candidates(name, None, fuzzy=False) if c[1] >= 0.9
                         and g.kind[c[0]] in ("place", "admin2", "admin3")]
                if not cands:
                    continue
                govs = {g.admin1[c[0]] for c in cands}
                if len(govs) != 1:
                    break
                gov = govs.pop()
            seen.add(name)
            if gov:
                votes[gov] = votes.get(gov, 0) + 1
            break
    return votes
