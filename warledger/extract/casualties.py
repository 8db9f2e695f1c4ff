"""Casualty mentions: who was killed or injured, how many, by category.

A *victim group* is a count and a victim noun ("7 civilians", "a young man", "3 members of “Jaysh
al-Izza” faction"), optionally with sub-counts ("including 2 women and a child") that are not added
to it.  Each head group gets a status (killed or injured) from the verb that governs it: an active verb
just before it ("killing 3 people"), else a passive or intransitive one after it ("were killed", "died").
Negations ("no casualties", "neither injuries nor fatalities") give zero counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from warledger.errors import InputError
from warledger.extract.lexicon import rows
from warledger.extract.needs import Needing
from warledger.extract.numbers import QUANTITY, count_date_part, quantity_of, quantity_span, words_value
from warledger.record import Evidence, Incident, Range
from warledger.extract.alternation import Alternation
from warledger.extract.scanner import top_alternatives, guarded
from warledger.extract.segment import GAP, GAP0, bound_to_paragraph
from warledger.lexcache import cached

VICTIMS: list[tuple[str, str]] = [(n, c) for n, c in rows("victims.tsv", 2)]
for _n, _c in VICTIMS:
    if _c not in ("civilians", "children", "women", "men", "fighters", "total"):
        raise InputError(f"warledger/data/victims.tsv: unknown category {_c!r} for {_n!r}; fix the file (its header describes the columns)")
_NOUN_CAT: list[tuple[re.Pattern[str], str]] = [(re.compile(r"(?:%s)$" % n.replace(" ", r"\s+"), re.I), c) for n, c in VICTIMS]
_NOUN = "|".join(sorted((n.replace(" ", r"\s+") for n, _ in VICTIMS), key=len, reverse=True))

# words that may stand between a count and its noun: "7 Iranian officers", "3 pro-Iran militiamen",
# "four Syrian regime forces members", "a young man", "3 children of ..."
_MOD = (r"(?:[A-Z][\w’'.\-]*|pro-[\w\-]+|[“\"][^”\"\n]{1,40}[”\"]|(?i:regime|government|opposition|rebel|security|"
        r"military|police|army|forces?|armed|local|other|more|unarmed|young|elderly|old|displaced|injured|wounded|"
        r"dead|innocent|internally|newborn|little|teenage|female|male|Kurdish|Arab|Islamic|Iranian|Syrian|Turkish|"
        r"Russian|militia|faction|tribal|fellow|civil|defen[cs]e|medical|relief|humanitarian|aid|border|customs|"
        r"sons?|from|of|the|same|one|family|members?|former|prominent|senior|leading|and|body|bodies|brigadier|"
        r"national|air|intelligence|suspected|deputy|all|state|special|elite|junior|allied|backed|affiliated|loyal|"
        r"loyalist|unidentified|unknown|his|her|their|its|Brig\.|group|engineer|field|media|brigade|battalion|division|"
        r"regiment|unit|cell|official|security|siblings?|\w+['’]s|"
        r"\d+(?:st|nd|rd|th)|(?:\d+|two|three|four|five|six|seven|eight|nine|ten)-year-old))")
GROUP = r"(?<!\w)(?<![a-z0-9]-)(?i:%s)\s+(?:%s\s+){0,5}?(?i:(?P<noun>%s))(?![\w-])" % (QUANTITY, _MOD, _NOUN)
_GROUP_RE = guarded(bound_to_paragraph(re.compile(GROUP)))


def _noun_only() -> Alternation:
    return Alternation(top_alternatives(_NOUN), r"(?<![\w-])", r"(?![\w-])", re.I).complete()


# a victim noun alone, the anchor of a count ("three civilians"): the matches of one alternation of the nouns, found
# by Alternation's jump to the words whose first three letters begin one (the engine tried every noun at every word);
# built once, then loaded from the user cache
POSSESSIVE_GAP0 = r"(?:[^\S\n]*+(?:\n[^\S\n]*+)?)"  # GAP0, each run possessive
_NOUN_ONLY = cached("victim-nouns", _noun_only)
_INCLUDING = Needing(bound_to_paragraph(re.compile(r"[^.;:,\d]{0,60}?(?:,\s*)?\b(?:including|among them|among whom|of whom|incl\.|amongst them|of them)\b:?\s*", re.I)))
_COLON_LIST = bound_to_paragraph(re.compile(r"\s*:\s*(?=\S)"))
# a singular noun with no count inside a list: "three civilians including child"
_BARE_NOUN = guarded(bound_to_paragraph(re.compile(r"(?:(?:a|an|one)\s+)?(?P<noun>child|woman|man|boy|girl|infant|baby|civilian|fighter|soldier)\b", re.I)))
# each alternative holds its own leading space ("\s*" before "\s+and" made a run of n spaces cost n^2 steps)
# kept in its paragraph by GAP/GAP0 (at most one line break), not bound_to_paragraph: a bound blank looks ahead for a
# break through the whole blank run after it, n^2 steps over a long run of blanks (test_runaway_patterns)
_SUBGROUP_SEP = re.compile(r"(?:%s,%s(?:and%s)?|%sand%s|%sas%swell%sas%s)" % (
    POSSESSIVE_GAP0, GAP0, GAP, GAP, GAP, GAP, GAP, GAP, GAP), re.I)

_FIGHTER_AFTER = bound_to_paragraph(re.compile(r"\s+(?:[A-Z][\w’'-]*\s+){0,3}(?:fighters|combatants|soldiers|members|militants|militiamen|guards)\b"))


_NOT_A_VICTIM = bound_to_paragraph(re.compile(r"\s+(?:family|families|car|cars|vehicles?|house|houses|homes?|areas?|buildings?|objects?|infrastructure|"
                           r"facilit(?:y|ies)|neighbou?rhoods?|targets?|sites?|property|properties|population|shop|market|"
                           r"bus|truck|motorcycle|van|boat|aircraft|plane)\b", re.I))
_ARMED_MEN = bound_to_paragraph(re.compile(r"\b(?:security|police|military|army|armed|militia)\s+(?:\w+\s+)?men\b", re.I))


def obfuscated(word: str) -> str:
    """``word`` as a pattern that also matches the spellings monitors use to dodge filters ("kil*led", "de-ath")."""
    return "".join(ch + r"[*\-]?" if i < len(word) - 1 else ch for i, ch in enumerate(word))


KILL_WORDS = ("|".join(obfuscated(w) for w in ("killed", "killing", "dead", "death", "martyred")) + "|" +
              r"killed|killing|kill|kills|died|dead|deaths?|martyred|martyrdom|succumbed|lost\s+(?:their|his|her)\s+lives?|"
              r"slain|massacred|executed|shot\s+dead|perished|lives\s+of|death\s+of|bodies|lifeless|life|toll|"
              r"fatalit(?:y|ies)|fatally|murdered|assassinated|liquidated|neutrali[sz]ed")
INJURE_WORDS = "|".join(obfuscated(w) for w in ("injured", "wounded")) + r"|injured|injuring|injures|injure|injur(?:y|ies)|wounded|wounding|wounds?|hurt|maimed|casualties"
_VERB_RE = guarded(bound_to_paragraph(re.compile(r"\b(?:(?P<k>%s)|(?P<i>%s))\b" % (KILL_WORDS, INJURE_WORDS), re.I)))
# an active verb right before a group governs it: "killing 3", "killed 16 civilians", "the death of a child"
_ACTIVE_BEFORE = guarded(bound_to_paragraph(re.compile(
    r"\b(?:(?P<k>k[*\-]?i[*\-]?l[*\-]?l[*\-]?(?:ing|ed)|kill|kills|claim(?:ed|ing|s)?\s+the\s+lives?\s+of|(?:the\s+)?(?:death|deaths|killing|martyrdom|"
    r"execution|assassination)\s+of|left|leaving|leaves|shot\s+dead|executed|murdered|massacred|slaughtered)"
    r"|(?P<i>injuring|injured|injure|injures|wounding|wounded|wound|(?:the\s+)?(?:injury|injuries|wounding)\s+of|"
    r"hurting)|(?P<d>detain(?:ed|ing|s)?|arrest(?:ed|ing|s)?|captur(?:ed|ing|es)|kidnapp?(?:ed|ing|s)?|abduct(?:ed|ing|s)?|"
    r"who\s+(?:is|was|are|were)|whom\s+(?:is|are|were)|rescu(?:ed|ing)|evacuat(?:ed|ing)|recruit(?:ed|ing)|releas(?:ed|ing)|deport(?:ed|ing)|expell(?:ed|ing)))"
    r"\s*(?:of\s+)?(?:the\s+)?$", re.I)))
# a count with no victim noun: "Eight killed and over 29 injured", "4 killed, 2 wounded", "the toll rose to 8"
# the blank after a line start or a comma is bounded and possessive: a run of thousands of blank lines was tried
# from every line start of the run and every length (a 6 KB note took 30 CPU-s); a line start later in the run
# still reaches a count after it
_BARE_BEFORE = bound_to_paragraph(re.compile(
    r"(?:(?:^|(?<=[,;:|\n(]))\s{0,100}+|\b(?:and|that|while|whereas)\s+)%s\s+(?:others?\s+|more\s+)?(?:were\s+|are\s+|have\s+been\s+)?"
    r"(?:(?P<k>k[*\-]?i[*\-]?l[*\-]?l[*\-]?e[*\-]?d|dead|died|martyred)|(?P<i>in[*\-]?jured|wounded))\b" % QUANTITY, re.I | re.M))
# the verbs every _BARE_BEFORE match ends with: searched first (one cheap scan of the clause), as _BARE_BEFORE, which
# can start after any comma or line start, is tried at every position; about one clause in seven holds one
_BARE_BEFORE_VERB = guarded(bound_to_paragraph(re.compile(r"(?:k[*\-]?i[*\-]?l[*\-]?l[*\-]?e[*\-]?d|dead|died|martyred|in[*\-]?jured|wounded)\b", re.I)))
_TOLL = Needing(guarded(bound_to_paragraph(re.compile(r"\b(?:(?:death\s+)?toll|number\s+of\s+(?:dead|deaths|fatalities|victims|[^.;]{0,80}?\bkilled\b))[^.;]{0,160}?\b(?:rose|risen|rises|climbed|increased|reached|jumped|raised)\s+"
                   r"to\s+%s\b(?P<k>)(?P<i>)?" % QUANTITY, re.I))))
# headline style, a singular noun with no article: "Civilian killed in ...", "| Child killed and five injured"
_HEADLINE_ONE = re.compile(
    r"(?:^|(?<=[|:–—]))[ \t]*(?:(?:Young|Elderly|Old)[ \t]+)?(?P<noun>[Cc]ivilian|[Cc]hild|[Ww]oman|[Mm]an|[Bb]oy|[Gg]irl|[Ff]ighter|"
    r"[Ss]oldier|[Mm]ember|[Ss]hepherd|[Ff]armer|[Pp]erson|[Cc]itizen)[ \t]+(?:and[ \t]+[\w \t-]{1,30}?[ \t]+)?(?:(?P<k>%s)|(?P<i>%s))\b"
    % ("|".join(obfuscated(w) for w in ("killed", "dead")) + "|killed|dies|died|dead",
       "|".join(obfuscated(w) for w in ("injured", "wounded")) + "|injured|wounded"), re.M)
# a bare count after a casualty verb: "killing 1 and injuring 2", "killing two"
_BARE = Needing(guarded(bound_to_paragraph(re.compile(r"\b(?:(?P<k>killing|killed)|(?P<i>injuring|wounding|injured|wounded))\s+%s(?=\s*(?:[,.;)]|and\b|others?\b|in\b|on\b|near\b|at\b|of\s+(?:them|whom)\b|from\b|$))"
                   % QUANTITY, re.I))))
# "a family of six", "a family of 5 members": the count follows the noun
_FAMILY_OF = Needing(bound_to_paragraph(re.compile(r"(?<![\w-])(?:an?\s+|the\s+)?family\s+of\s+%s(?:\s+(?:members|people|persons))?\b" % QUANTITY, re.I)))
# "including 12-year-old Ahmad": an age with no noun
_AGED = guarded(bound_to_paragraph(re.compile(r"(?:an?\s+)?(?P<age>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                   r"fifteen|sixteen|seventeen)-year-old(?:\s+[A-Z][\w’'-]*){0,4}", re.I)))
# headline style, an active verb before a singular noun with no article: "forces kill man", "shelling injures child"
_VERB_ONE = Needing(guarded(bound_to_paragraph(re.compile(r"\b(?:(?P<k>kills?|killing)|(?P<i>injures?|injuring|wounds|wounding))\s+(?:(?:young|elderly|old|little)\s+)?"
                       r"(?P<noun>child|man|woman|boy|girl|civilian|shepherd|farmer|citizen|person|fighter|soldier|infant|baby)\b"
                       r"(?!\s*['’]s)(?!-)", re.I))))
# a possessive before one relative: "a man and his wife", "her son"
_KIN = Needing(guarded(bound_to_paragraph(re.compile(r"(?<![\w-])(?:his|her|their)\s+(?:(?:young|little|elderly|old|pregnant|infant|eldest|youngest)\s+)?"
                  r"(?P<noun>wife|husband|son|daughter|mother|father|brother|sister|child|baby|infant|boy|girl)\b(?!\s*['’]s)", re.I))))
# "killed a man and injured his son": a relative named right after a second casualty verb
_KIN_AFTER_VERB = bound_to_paragraph(re.compile(r"\s*(?:,\s*)?(?:and|while)\s+(?:also\s+)?(?:killing|killed|injuring|injured|wounding|wounded)\s+", re.I))
# "the drone claims three lives", "cost two lives"
_LIVES = Needing(bound_to_paragraph(re.compile(r"\b(?:claim(?:s|ed|ing)?|cost(?:s|ing)?|took|takes|taking)\s+(?:the\s+)?%s\s+(?:civilian\s+)?lives\b" % QUANTITY, re.I)))
# "killing a child and injuring another", "the death of one and the injury of another"
_ANOTHER = Needing(guarded(bound_to_paragraph(re.compile(r"\b(?:(?P<k>killing|killed|(?:the\s+)?death\s+of)|(?P<i>injuring|wounding|injured|wounded|(?:the\s+)?(?:injury|wounding)\s+of))"
                      r"\s+(?P<w>another(?:\s+one)?|a\s+(?:second|third|fourth)(?:\s+one)?)\b", re.I))))
_AFTER_LEFT = bound_to_paragraph(re.compile(r"^\s*(?:(?P<k>dead|killed)|(?P<i>injured|wounded))\b", re.I))
NEGATION = Needing(guarded(bound_to_paragraph(re.compile(
    r"\b(?:(?:there\s+(?:were|was)\s+)?no\s+(?:reported\s+)?(?P<what>casualties|fatalities|deaths|losses|injuries|victims|"
    r"human\s+losses|causalities|one\s+(?:was\s+)?(?:killed|hurt|injured))"
    r"|neither\s+(?P<n1>injuries|fatalities|casualties|deaths)\s+nor\s+(?P<n2>injuries|fatalities|casualties|deaths)"
    r"|without\s+(?:causing\s+)?(?:any\s+)?(?P<what2>casualties|fatalities|injuries|losses)"
    r"|no\s+injuries\s+or\s+fatalities|no\s+fatalities\s+or\s+injuries)\b", re.I))))


_ACTIVE_AFTER = bound_to_paragraph(re.compile(r"\s+(?:a|an|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|several|dozens|"
                           r"\d+|at\s+least|more\s+than|about|around|nearly|up\s+to)\b", re.I))
_PASSIVE_BEFORE = bound_to_paragraph(re.compile(r"\b(?:was|were|been|being|is|are|got|get)\s+(?:\w+\s+)?$", re.I))
_LATER_DIED = Needing(bound_to_paragraph(re.compile(r"[^;]{0,150}?\b(?:(?:later|subsequently|then|afterwards)\s+(?:died|succumbed|passed\s+away)|"
                         r"(?:died|succumbed)\s+(?:later\s+|\w+\s+days?\s+later\s+)?(?:from|of|to)\s+(?:his|her|their|the)?\s*(?:wounds|injuries))", re.I)))
_TOLL_BEFORE = Needing(bound_to_paragraph(re.compile(r"\b(?:death\s+)?toll\b[^.;]{0,200}?\b(?:rose|risen|rises|climbed|increased|reached|jumped|raised)\s+to\s+$", re.I)))
_OF_WHOM = bound_to_paragraph(re.compile(r"[^.;:]{0,60}?,?\s*(?:%s)\s+of\s+(?:whom|them)\s+(?:were|are|was|is)\s+(?:(?:%s)\s+)?(?P<noun>%s)\b"
                      % (QUANTITY, "|".join(("all", "also")), "|".join(("children", "child", "women", "woman", "civilians",
                                                                        "fighters", "men", "girls", "boys"))), re.I))
# what every :data:`_OF_WHOM` match holds: searched first (a cheap scan), as the lazy count search of _OF_WHOM tried
# the whole count pattern at each of 60 positions after every group (most of the casualty groups' time)
_OF_WHOM_WORDS = Needing(bound_to_paragraph(re.compile(r"of\s+(?:whom|them)\s", re.I)))
_KILLED_AND_INJURED = bound_to_paragraph(re.compile(r"\s+(?:and|or|&)\s+(?:injured|wounded)\b", re.I))
_ELLIPTIC = bound_to_paragraph(re.compile(r"(?<![\w-])(?i:%s)\s+(?:[A-Za-z][\w'’-]*\s+){1,3}and\s+$" % QUANTITY))
_NOMINAL_OF = bound_to_paragraph(re.compile(r"\s+of\b", re.I))
_PLURAL = re.compile(r"(?:[^s]s|men|children|people|personnel|police|youth)$", re.I)
# the words that link two groups or a verb to a group, matched over the gap between them (never over a paragraph
# break: an ACLED note is read as one sentence, and a list does not run into the next paragraph)
_KIN_LINK = bound_to_paragraph(re.compile(r"\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with)\s+"))
_LIST_LINK = bound_to_paragraph(re.compile(r"\s*(?:and|as\s+well\s+as|along\s+with|together\s+with|in\s+addition\s+to)\s+"))
_NEXT_OBJECT = bound_to_paragraph(re.compile(r"\s+(?:all\s+|the\s+|of\s+)?"))
_LIST_GAP = bound_to_paragraph(re.compile(r"\s*(?:,\s*)?(?:and\s+)?"))
_PAIR_LINK = bound_to_paragraph(re.compile(r"\s*(?:,\s*)?(?:and|or)\s+(?:(?:his|her|their)\s+)?"))
_COORDINATED = bound_to_paragraph(re.compile(
    r"\s*(?:,\s*)?(?:(?:and\s+|as\s+well\s+as\s+|along\s+with\s+|together\s+with\s+)(?:(?:his|her|their)\s+)?)?"))
_BREAK = re.compile(r"[.;:]\s(?!\s*(?:were|was|have|has|had|died)\b)|\n", re.I)


@dataclass(slots=True)
class Group:
    start: int
    end: int                        # end of the head words (count + noun)
    category: str
    range: Optional[Range]
    problem: Optional[str]
    status: Optional[str] = None    # "killed" | "injured"
    subs: list["Group"] = field(default_factory=list)
    full_end: int = 0               # end including the sub-count list
    noun: str = ""
    faction: Optional[str] = None
    rule: str = ""
    mixed: bool = False             # its figure (or a sub-count's) counts two groups of people together


@lru_cache(maxsize=4096)
def noun_category(noun: str) -> str:
    noun = re.sub(r"\s+", " ", noun.lower())
    for pat, cat in _NOUN_CAT:
        if pat.match(noun):
            return cat
    return "total"


def _bare_one(m: re.Match[str]) -> Group:
    return Group(m.start(), m.end(), noun_category(m.group("noun")), Range.exact(1), None, full_end=m.end(),
                 noun=m.group("noun").lower())


def _group_at(m: re.Match[str]) -> Group:
    q = quantity_of(m)
    return Group(m.start(), m.end(), noun_category(m.group("noun")), q.range, q.problem, full_end=m.end(),
                 noun=m.group("noun").lower())


def _covered(out: list[Group], pos: int) -> bool:
    """Whether ``pos`` lies inside a group already read (its head words or its sub-count list)."""
    return any(g.start <= pos < g.full_end for g in out)


def _not_a_count(text: str, m: re.Match[str], end: int) -> Optional[int]:
    """Where to read on when a count and victim noun (a :data:`_GROUP_RE` match) are no victims, else None."""
    if ((m.group("num") or "").lower() in ("a", "an", "one", "single") and _PLURAL.search(m.group("noun"))
            and not re.match(r"\s+of\b", text[m.end("num"):m.end("num") + 4])):
        return m.start("num") + len(m.group("num"))  # "a pro-Iran militias' position": not a count
    if _NOT_A_VICTIM.match(text, m.end("noun"), end):
        return m.end()  # "a civilian car", "a civilian house": an adjective, not a victim
    if count_date_part(m) is not None:
        return quantity_span(m)[1]  # "on 3 June Syrian civilians", "in 2019 civilians": a date, no count
    return None


def _listed_subs(text: str, p: int, end: int) -> list[Group]:
    """The sub-counts listed from ``p`` ("2 children, a woman and 12-year-old Ahmad"), up to the list's end."""
    subs: list[Group] = []
    while True:
        sm = _GROUP_RE.match(text, p, end) or _BARE_NOUN.match(text, p, end) or _AGED.match(text, p, end)
        if not sm:
            break
        if sm.re is _AGED:  # "including 12-year-old Ahmad ...": a child when under 18
            age = words_value(sm.group("age"))
            if age is not None and age < 18:
                subs.append(Group(sm.start(), sm.end(), "children", Range.exact(1), None, full_end=sm.end(), noun="child"))
        else:
            subs.append(_group_at(sm) if sm.re is _GROUP_RE else _bare_one(sm))
        p = sm.end()
        sep = _SUBGROUP_SEP.match(text, p, end)
        if not sep:
            break
        if not (_GROUP_RE.match(text, sep.end(), end) or _BARE_NOUN.match(text, sep.end(), end)
                or _AGED.match(text, sep.end(), end)):
            break
        p = sep.end()
    return subs


def _read_subs(text: str, g: Group, pos: int, end: int) -> int:
    """The sub-counts after the group ``g`` ("including 2 children", "2 of whom were children"); where reading goes on."""
    inc = _INCLUDING.match(text, pos, end) or _COLON_LIST.match(text, pos, end)
    if inc and not _GROUP_RE.search(text, pos, inc.end()):
        g.subs.extend(_listed_subs(text, inc.end(), end))
        if g.subs:
            g.full_end = g.subs[-1].end
            pos = g.full_end
    ow = _OF_WHOM.match(text, pos, end) if _OF_WHOM_WORDS.search(text, pos, end) else None
    if ow:  # "4 people were killed, 2 of whom were children"
        q = quantity_of(ow)
        g.subs.append(Group(ow.start("num") if ow.group("num") else ow.start(), ow.end(), noun_category(ow.group("noun")),
                            q.range, q.problem, full_end=ow.end(), noun=ow.group("noun").lower()))
        g.full_end = pos = ow.end()
    return pos


def _counted_nouns(text: str, start: int, end: int) -> list[Group]:
    """The groups told as a count and a victim noun ("three civilians"), with their sub-counts."""
    out: list[Group] = []
    pos = start
    while pos < end:
        # anchor on the next victim noun (a cheap scan), then look for its count just before it
        nm = _NOUN_ONLY.search(text, pos, end)
        if not nm:
            break
        m = _GROUP_RE.search(text, max(pos, nm.start() - 140), nm.end())
        if not m:
            pos = nm.end()
            continue
        skip = _not_a_count(text, m, end)
        if skip is not None:
            pos = skip
            continue
        g = _group_at(m)
        if g.category in ("women", "men", "children") and (_FIGHTER_AFTER.match(text, m.end(), end) or (
                g.category == "men" and _ARMED_MEN.search(text, m.start(), m.end()))):
            g.category = "fighters"  # "three women SDF fighters", "two young men fighters"
        pos = _read_subs(text, g, m.end(), end)
        out.append(g)
    return out


def _add_counts_before_verb(text: str, start: int, end: int, out: list[Group]) -> None:
    """Counts with no victim noun told before their verb ("5 were killed") and tolls ("the toll rose to 7")."""
    rxs: tuple["re.Pattern[str] | Needing", ...] = (_BARE_BEFORE, _TOLL) if _BARE_BEFORE_VERB.search(text, start, end) else (_TOLL,)
    for rx in rxs:
        for m in rx.finditer(text, start, end):
            q = quantity_of(m)
            s0, e0 = quantity_span(m)
            if q.range is None or _covered(out, s0):
                continue
            g = Group(s0, e0, "total", q.range, None, status="killed" if m.group("k") is not None else "injured",
                      full_end=m.end(), rule="count before verb" if rx is _BARE_BEFORE else "toll rose to")
            inc = _INCLUDING.match(text, m.end(), end)
            if inc and not _GROUP_RE.search(text, m.end(), inc.start()):
                sm = _GROUP_RE.match(text, inc.end(), end)
                if sm:
                    g.subs.append(_group_at(sm))
                    g.full_end = sm.end()
            out.append(g)


def _add_singulars(rx: "re.Pattern[str] | Needing", text: str, start: int, end: int, out: list[Group]) -> None:
    """One victim named by a singular noun with its verb (``rx``: a headline's or a verb's)."""
    for m in rx.finditer(text, start, end):
        if _covered(out, m.start("noun")):
            continue
        out.append(Group(m.start("noun"), m.end("noun"), noun_category(m.group("noun")), Range.exact(1), None,
                         status="killed" if m.group("k") else "injured", full_end=m.end(), rule="headline singular",
                         noun=m.group("noun").lower()))


def _add_families(text: str, start: int, end: int, out: list[Group]) -> None:
    """"a family of five (including 3 children)": civilians, as many as the family."""
    for m in _FAMILY_OF.finditer(text, start, end):
        q = quantity_of(m)
        if q.range is None or any(g.start <= m.start() < g.full_end or m.start() <= g.start < m.end() for g in out):
            continue
        g = Group(m.start(), m.end(), "civilians", q.range, None, full_end=m.end(), noun="family", rule="")
        inc = _INCLUDING.match(text, m.end(), end)
        if inc:
            p = inc.end()
            while sm := (_GROUP_RE.match(text, p, end) or _BARE_NOUN.match(text, p, end)):
                g.subs.append(_group_at(sm) if sm.re is _GROUP_RE else _bare_one(sm))
                p = sm.end()
                sep = _SUBGROUP_SEP.match(text, p, end)
                if not sep:
                    break
                p = sep.end()
            g.full_end = max(g.full_end, p if g.subs else inc.end())
        out.append(g)


def _add_kin(text: str, start: int, end: int, out: list[Group]) -> None:
    """"a man and his wife", "killed a man and injured his son": a relative joined to a victim is one more."""
    for m in _KIN.finditer(text, start, end):
        if _covered(out, m.start()) or not any(
                g.full_end <= m.start() and (_KIN_LINK.fullmatch(text, g.full_end, m.start())
                                             or _KIN_AFTER_VERB.fullmatch(text, g.full_end, m.start())) for g in out):
            continue  # only "a man and his wife", "killed a man and injured his son": "in front of his son" names no victim
        out.append(Group(m.start(), m.end(), noun_category(m.group("noun")), Range.exact(1), None, full_end=m.end(),
                         noun=m.group("noun").lower()))


def _add_lives(text: str, start: int, end: int, out: list[Group]) -> None:
    """"claimed the lives of 4 (including a child)": killed, as many as the figure."""
    for m in _LIVES.finditer(text, start, end):
        q = quantity_of(m)
        s0, e0 = quantity_span(m)
        if q.range is None or _covered(out, s0):
            continue
        g = Group(s0, m.end(), "total", q.range, None, status="killed", full_end=m.end(), rule="claimed lives")
        inc = _INCLUDING.match(text, m.end(), end)
        sm = (_GROUP_RE.match(text, inc.end(), end) or _BARE_NOUN.match(text, inc.end(), end)) if inc else None
        if sm is not None and inc is not None and not _GROUP_RE.search(text, m.end(), inc.start()):
            g.subs.append(_group_at(sm) if sm.re is _GROUP_RE else _bare_one(sm))
            g.full_end = sm.end()
        out.append(g)


def _add_verb_counts(text: str, start: int, end: int, out: list[Group]) -> None:
    """One more victim ("killing another") and bare counts after their verb ("killing 4.")."""
    for m in _ANOTHER.finditer(text, start, end):
        if _covered(out, m.start("w")):
            continue
        out.append(Group(m.start("w"), m.end("w"), "total", Range.exact(1), None, status="killed" if m.group("k") else "injured",
                         full_end=m.end("w"), noun="other", rule="another"))
    for m in _BARE.finditer(text, start, end):
        q = quantity_of(m)
        s0, _ = quantity_span(m)
        if q.range is None or _covered(out, s0):
            continue
        out.append(Group(s0, m.end(), "total", q.range, None, status="killed" if m.group("k") else "injured",
                         full_end=m.end(), rule="bare count after verb"))


def _ends_with_and(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` ends with "and" and blank, as every :data:`_ELLIPTIC` match there does: checked first,
    as that search tried the whole count pattern at each of the 60 positions before every group."""
    window = text[lo:hi]
    bare = window.rstrip()  # str.rstrip strips what \s matches (both read Python's Unicode whitespace)
    return len(bare) < len(window) and bare.endswith("and")


def _add_shared_nouns(text: str, start: int, end: int, out: list[Group]) -> None:
    """"11 regime and 7 Asayish fighters": the first count shares the next group's noun."""
    for g in list(out):
        lo = max(start, g.start - 60)
        e = _ELLIPTIC.search(text, lo, g.start) if _ends_with_and(text, lo, g.start) else None
        if e and not any(o.start <= e.start() < o.full_end for o in out):
            q = quantity_of(e)
            if q.range is not None:
                s0, e0 = quantity_span(e)
                out.append(Group(s0, e0, g.category, q.range, None, full_end=e0, noun=g.noun, rule="shares noun"))


# "five women and children", "including 3 children and women": a plural with no figure joined to a figure of
# another group of people shares it (the figure counts both groups, neither alone)
_JOINED_PLURAL = bound_to_paragraph(re.compile(r"%sand%s(?:the%s)?(?P<noun>children|kids|women|men)\b" % (GAP, GAP, GAP), re.I))
_PEOPLE = ("children", "women", "men")


def _mixed_figures(text: str, end: int, out: list[Group]) -> None:
    """A figure of children, women or men followed by "and" and another such plural with no figure counts both
    together: a head group becomes civilians (the figure), a sub-count is dropped (its head has the civilians);
    ``mixed`` tells the record to note it."""
    for g in out:
        for x in [g, *g.subs]:
            m = _JOINED_PLURAL.match(text, x.end, end) if x.category in _PEOPLE and x.range is not None else None
            if m is None or noun_category(m.group("noun")) in (x.category, "civilians"):
                continue
            if x is g:
                g.category = "civilians"
            else:
                g.subs.remove(x)
            g.mixed = True


def find_groups(text: str, start: int, end: int) -> list[Group]:
    """Head victim groups in ``text[start:end]`` with their sub-counts, in text order.

    Each way of telling a count adds its groups where no earlier one has read the words (the order matters)."""
    out = _counted_nouns(text, start, end)
    _add_counts_before_verb(text, start, end, out)
    _add_singulars(_HEADLINE_ONE, text, start, end, out)
    _add_families(text, start, end, out)
    _add_singulars(_VERB_ONE, text, start, end, out)
    _add_kin(text, start, end, out)
    _add_lives(text, start, end, out)
    _add_verb_counts(text, start, end, out)
    _add_shared_nouns(text, start, end, out)
    _mixed_figures(text, end, out)
    claimed = {sg.start for g in out for sg in g.subs}
    out = [g for g in out if g.start not in claimed]
    out.sort(key=lambda g: g.start)
    # "3 civilians were killed and 5 others injured": "others" are of the kind named just before
    for prev, g in zip(out, out[1:]):
        if g.noun.startswith("other") and prev.category in ("civilians", "children", "women", "men", "fighters"):
            g.category = "fighters" if prev.category == "fighters" else "civilians"
    return out


def assign_status(text: str, groups: list[Group], start: int, end: int) -> None:
    """Give each group its status from the verbs around it (see module doc)."""
    for i, g in enumerate(groups):
        if g.rule in ("bare count after verb", "count before verb", "toll rose to", "headline singular", "another", "claimed lives"):
            continue
        if g.noun.startswith(("fatalit", "death", "dead")):
            g.status, g.rule = "killed", "death noun"
            continue
        prev_end = groups[i - 1].full_end if i else start
        nxt_start = groups[i + 1].start if i + 1 < len(groups) else end
        before = text[max(prev_end, g.start - 60):g.start]
        if _TOLL_BEFORE.search(text, max(prev_end, g.start - 240), g.start):
            g.status, g.rule = "killed", "toll rose to"
            continue
        m = _ACTIVE_BEFORE.search(before)
        if m:
            if m.group("d"):
                g.status, g.rule = None, "detained"
                continue
            g.status, g.rule = ("killed" if m.group("k") else "injured"), "active verb before"
            continue
        a = _AFTER_LEFT.match(text, g.full_end, nxt_start)
        if a:
            g.status, g.rule = ("killed" if a.group("k") else "injured"), "adjective after"
            continue
        if i and groups[i - 1].status and groups[i - 1].rule not in ("detained", "headline singular", "count before verb") and _LIST_LINK.fullmatch(
                text, prev_end, g.start):
            g.status, g.rule = groups[i - 1].status, "list after " + (groups[i - 1].status or "")
            continue
        v = None
        if g.subs:  # "three civilians killed including a child": the verb stands before the list
            v = _VERB_RE.search(text, g.end, g.subs[0].start)
        if v is None:
            v = _VERB_RE.search(text, g.full_end, min(nxt_start, g.full_end + 160))
        if v and _NOMINAL_OF.match(text, v.end()):
            v = None  # "the injury of 10 others": governs what follows
        if v and i + 1 < len(groups) and _NEXT_OBJECT.fullmatch(text, v.end(), groups[i + 1].start):
            v = None  # "carrying 3 soldiers, killing all 3 soldiers": the verb governs the next group
        if v and _ACTIVE_AFTER.match(text, v.end()) and not _PASSIVE_BEFORE.search(text, max(g.full_end, v.start() - 25), v.start()):
            v = None  # "a sniper shot and killed a fighter": the group is the subject, not a victim
        if v and v.group("k") and _KILLED_AND_INJURED.match(text, v.end()):
            g.status, g.rule = None, "killed and injured together"  # "14 children killed and injured": no split
            continue
        if v and not _BREAK.search(text, g.full_end, v.start()):
            g.status, g.rule = ("killed" if v.group("k") else "injured"), "verb after"
            continue
        # an earlier verb in the clause that governs a list: "killing 6 officers, and 3 militiamen"
        if i and groups[i - 1].status and _LIST_GAP.fullmatch(text, prev_end, g.start):
            g.status, g.rule = groups[i - 1].status, "list after " + (groups[i - 1].status or "")
            continue
        if i + 1 < len(groups) and _PAIR_LINK.fullmatch(text, g.full_end, nxt_start) and \
                _VERB_RE.search(text, groups[i + 1].full_end, min(end, groups[i + 1].full_end + 40)):
            continue  # "a girl and a person were injured": the verb after the pair governs both
        pv = None
        for pv in _VERB_RE.finditer(text, max(start, g.start - 120), g.start):
            pass
        if pv is not None and not _BREAK.search(text, pv.end(), g.start):
            g.status, g.rule = ("killed" if pv.group("k") else "injured"), "verb before"
    # "20 IS fighters and 11 regime fighters were killed": a group coordinated with the next takes its verb
    for i in range(len(groups) - 2, -1, -1):
        g, nx = groups[i], groups[i + 1]
        if g.status is None and nx.status and nx.rule == "verb after" and _COORDINATED.fullmatch(text, g.full_end, nx.start):
            g.status, g.rule = nx.status, "coordinated with next"
    # "was wounded and later died": the injured died
    for g in groups:
        if g.status == "injured" and _LATER_DIED.match(text, g.full_end, min(end, g.full_end + 120)):
            g.status, g.rule = "killed", "injured, later died"
    # a group whose words give no figure counts only when a verb governs it closely ("injured a large number")
    groups[:] = [g for g in groups if g.range is not None or g.rule in ("active verb before", "adjective after")
                 or g.rule in ("detained", "killed and injured together")]


def _exact(r: Optional[Range]) -> Optional[int]:
    """The figure of a count stated exactly ("7", not "at least 7" nor "dozens"), else None."""
    if r is None or r.best is None or r.low != r.best or r.high != r.best:
        return None
    return r.best


def no_child_among_adults(records: Iterable[Incident]) -> None:
    """Every civilian counted is an adult ("a woman and her husband were killed", "two men and a woman"): the
    women and men counted add up exactly to the civilians, so none of them was a child and children is 0 (the
    report states who all the victims were; Airwars codes such a strike as 0 children).  Only exact figures
    count: "at least 3 civilians, among them a woman" leaves children null.  A problem note says what the 0 rests
    on, and the evidence of the 0 is the adults' words."""
    for inc in records:
        if inc.kind != "incident":
            continue
        for what in ("killed", "injured"):
            c = getattr(inc, what)
            civ = _exact(c.civilians)
            if c.children is not None or not civ or (c.women is None and c.men is None):
                continue
            adults = [_exact(r) for r in (c.women, c.men) if r is not None]
            if None in adults or sum(a or 0 for a in adults) != civ:
                continue
            ev = [e for e in inc.evidence if e.field in (f"{what}.women", f"{what}.men")]
            c.children = Range.exact(0)
            inc.evidence.extend(Evidence(f"{what}.children", e.start, e.end, e.text, "every civilian counted is an adult")
                                for e in ev)
            said = ", ".join(repr(e.text) for e in ev) or "the adults counted"
            inc.problems.append(f"W-COUNT-ADULTS: children {what} 0: the {civ} civilians {what} are all counted as "
                                f"women or men ({said})")
