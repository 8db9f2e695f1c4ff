"""Names a country may be read from when nothing else names one: a town's own name, and the capitalised names within
a text's sentences (:mod:`warledger.theatre.country` weighs them as towns)."""
from __future__ import annotations

import re

# a capitalised name within a sentence ("residents of Ho marched", "clashed with police across Dhaka"): not a
# sentence's first word, not written in capitals only ("JNIM"), one to three words
_BARE_NAME = re.compile(r"(?<![\w'’.-])[A-Z][a-z][\w'’]*(?:[ -][A-Z][a-z][\w'’]*){0,2}(?![\w'’-])")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?:;\n\[\"“])\s*$")
# a name after an Arabic article ("Al-Dali", "As Sawma'ah"): a place of an Arabic-speaking land that its theatre's
# tables do not spell so, whose folded form (the article dropped) is too often some other land's town ("Dali" of Yunnan)
_ARTICLED = re.compile(r"(?:al|el|as|ar|ad|ash|at|az|an|ath|adh)[- ]", re.IGNORECASE)
# a text that writes Arabic names ("Najm al-Zuhur", "Jroud al Arsal", "Khalid ibn Walid"): its places are
# transliterations, whose parts are too often spelt as some other land's town ("Liwa", "Sahm"); no bare name is read
_ARABIC_FORM = re.compile(r"(?-i:\b(?:al|el|ash|ad|ar|as|at|az|an)[- ][A-Z]|\b(?:ibn|bin|bint|abu)\s[A-Z])")


def bare_names(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """(offset, name) of each capitalised name of ``text[start:end]`` within a sentence: not its first word, not a
    month or a weekday, not a name after an Arabic article; none in a text that writes Arabic names.  The place
    finder reads a town after the words that introduce a place ("in", "near"); a note may name its town after
    others only ("residents of Ho", "across Dhaka", "outside Cochabamba", "entered Kidal")."""
    from warledger.extract.dates import MONTHS, WEEKDAYS

    if _ARABIC_FORM.search(text, start, end):
        return []
    out = []
    for m in _BARE_NAME.finditer(text, start, end):
        name = m.group(0)
        if name.lower() in MONTHS or name.lower() in WEEKDAYS or _ARTICLED.match(name):
            continue
        if m.start() == start or _SENTENCE_OPENS.search(text, max(start, m.start() - 4), m.start()):
            continue  # a sentence's first word ("Police said")
        out.append((m.start(), name))
    return out

