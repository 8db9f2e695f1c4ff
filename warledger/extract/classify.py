"""Event classification: the ACLED event type, sub-event type and weapon of a clause.

Rules-first.  ``warledger/data/event_rules.tsv`` lists trigger patterns (verbs and weapon nouns) with the
ACLED sub-event type they signal and a weight.  All patterns are compiled once, at import, into a
:class:`~warledger.extract.scanner.Scanner` (small alternations keyed by a word's first two letters, reached by one C-speed jump to the
next word that can begin a trigger); a clause is scanned once and the label with the highest weight wins
(ties: the earliest trigger; the first strong trigger of a clause gets a bonus, since reports name their main
event first, and a larger one in a whole long report, whose headline names its subject).  A generic violence
word ("a massacre", "attacked", "killed") gives way to a means named in the same clause ("... committed by
the Russian warplanes", "... with drones").  A few labels are decisions rather than words, resolved here:

* ``@territory``  ground taken: "Government regains territory" when the side that took it is the state
  (or its allies), "Non-state actor overtakes territory" otherwise; a withdrawal without fighting is a
  "Non-violent transfer of territory".
* ``@shooting``   shootings, executions, killings: "Armed clash" when the target is an armed actor,
  "Attack" (violence against civilians) when the victims are civilians.
* ``@protest``    protests: peaceful unless police intervened (tear gas, dispersal, arrests), used lethal
  force, or the protesters themselves turned violent.

ACLED's own conventions are kept where they differ from the words: one armed group detaining or abducting
fighters of another, shelling exchanged by both sides, direct fire (RPGs, anti-tank missiles) at armed
targets, and air strikes met by air defences or flown in a joint ground operation are battles.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from warledger.errors import InputError, WarledgerError
from warledger.extract.actor_lexicon import find_actors
from warledger.extract.actors import own_state_force, territory_taker
from warledger.extract.lexicon import rows
from warledger.extract.needs import Needing
from warledger.lexcache import cached
from warledger.extract.scanner import Scanner, guarded, sentence_around
from warledger.extract.segment import bound_to_paragraph, crosses_paragraph, paragraph_around, paragraph_pieces
from warledger.record import GROUND_SUB_EVENTS, STANDOFF_SUB_EVENTS, SUB_TO_TYPE
from warledger.theatre.context import on_switch

RULES_TSV = Path(__file__).resolve().parent.parent / "data" / "event_rules.tsv"
PLACEHOLDERS = ("@territory", "@shooting", "@protest", "@intervene", "@force", "@violent")


@dataclass(frozen=True, slots=True)
class EventClass:
    event_type: str            # ACLED event type, e.g. "Explosions/Remote violence"
    sub_event_type: str        # ACLED sub-event type, e.g. "Air/drone strike"
    weapon: Optional[str]      # "warplanes", "helicopters", "drone", "artillery", "IED", ...
    start: int                 # span of the trigger words in the text
    end: int
    rule: str                  # name of the rule that fired
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class _Rule:
    label: str
    weapon: Optional[str]
    weight: float
    line: int


MODIFIERS = ("@intervene", "@force", "@violent")
def _load(path: Path = RULES_TSV) -> tuple[list[_Rule], Scanner, Scanner]:
    """The rules, the event-trigger regex and the protest-modifier regex (scanned only for protests)."""
    from warledger.theatre import table_rows

    rules: list[_Rule] = []
    alts: list[str] = []
    mods: list[str] = []
    for no, (label, weapon, weight, pat) in table_rows(path, ("label", "weapon", "weight", "pattern")):
        if label not in SUB_TO_TYPE and label not in PLACEHOLDERS:
            raise WarledgerError(f"{path} line {no}: {label!r} is neither an ACLED sub-event type nor one of "
                                 f"{PLACEHOLDERS}")
        try:
            w = float(weight)
            re.compile(pat)
        except (ValueError, re.error) as exc:
            raise WarledgerError(f"{path} line {no}: bad weight or pattern: {exc}") from exc
        (mods if label in MODIFIERS else alts).append(rf"(?P<r{len(rules)}>{pat})")
        rules.append(_Rule(label, None if weapon in ("", "-") else weapon, w, no))
    if not alts:
        raise WarledgerError(f"{path}: no rules; reinstall warledger")

    return rules, Scanner(alts), Scanner(mods)


_RULES, _RX, _MOD_RX = cached("event-rules", _load)  # built once, then loaded from the user cache

# Targets that make a shooting a battle (armed) or an attack on civilians, captives whose detention is a battle
# (armed) or not, and the armed nouns of an apposition ("a man, a member of ..."): warledger/data/target_nouns.tsv,
# read and checked once, each list one case-insensitive alternation.
TARGET_LISTS = ("armed_target", "civil_target", "armed_captive", "civil_captive", "armed_apposition")


def _target_nouns() -> dict[str, list[str]]:
    nouns: dict[str, list[str]] = {k: [] for k in TARGET_LISTS}
    for kind, noun in rows("target_nouns.tsv", 2):
        if kind not in nouns:
            raise InputError(f"warledger/data/target_nouns.tsv: list {kind!r} (noun {noun!r}) is not one of "
                             f"{', '.join(TARGET_LISTS)}; fix the file (its header describes the columns)")
        try:
            re.compile(noun)
        except re.error as exc:
            raise InputError(f"warledger/data/target_nouns.tsv: noun {noun!r} of {kind} is no valid pattern ({exc}); "
                             "fix the file") from exc
        nouns[kind].append(noun)
    for kind, listed in nouns.items():
        if not listed:
            raise InputError(f"warledger/data/target_nouns.tsv: no {kind} nouns; reinstall warledger")
    return nouns


TARGET_NOUNS = _target_nouns()


def _noun_pattern(kind: str) -> re.Pattern[str]:
    return bound_to_paragraph(re.compile(r"\b(?:%s)\b" % "|".join(TARGET_NOUNS[kind]), re.IGNORECASE))


_ARMED_TARGET = guarded(_noun_pattern("armed_target"))
# "a man who is a former rebel", "a young man, a member of the 8th Brigade": the civilian-sounding noun is armed
_ARMED_APPOSITION = bound_to_paragraph(re.compile(
    r"(?:\s+(?:man|men|woman|person))?\W{0,3}(?:who\s+(?:is|was|had\s+been|has\s+been|worked|served)\s+(?:as\s+)?|,\s*)(?:an?\s+|the\s+)?(?:former\s+|ex-?\s*)?"
    r"(?:[-\w]+\s+){0,2}?(?:%s)\b" % "|".join(TARGET_NOUNS["armed_apposition"]), re.IGNORECASE))
_CIVIL_TARGET = guarded(_noun_pattern("civil_target"))
FIRST_MIN = 5.0     # a trigger this strong can be the clause's main event
FIRST_BONUS = 3.0   # ... and the first such trigger gets this bonus
LONG_SPAN = 1500    # a span this long is a whole report: the event its headline/lead names first is its subject
LONG_BONUS = 6.0
# Generic violence words ("attacked", "a massacre", "stormed", "killed"): they say that something violent
# happened, not how.  A means phrase in the same clause (warplanes, shelling, a drone, barrel bombs, an IED)
# says how, and outranks them.
_GENERIC_VIOLENCE = guarded(bound_to_paragraph(re.compile(r"(?:gunmen\s+)?(?:attack(?:ed|s|ing)?|assault(?:ed|s)?|storm(?:ed|ing)|massacr\w*|"
                               r"target(?:ed|ing)|kill(?:ed|ing)|murder(?:ed|s)?|slaughtered)\b", re.IGNORECASE)))
_MEANS_LABELS = frozenset({"Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"})
MEANS_GAP = 80
_CLAUSE_BREAK = bound_to_paragraph(re.compile(r"[.;:]\s|\b(?:while|whilst|amid|after|before|following|as\s+well|then|later|replied|"
                           r"respond\w*|in\s+response|resulted|which|meanwhile)\b", re.IGNORECASE))


def _clause_break(text: str, a: int, b: int) -> bool:
    """Whether a clause ends between ``a`` and ``b``: a clause-ending word or mark, or a blank line."""
    return _CLAUSE_BREAK.search(text, a, b) is not None or crosses_paragraph(text, a, b)


# Arrests of fighters of armed groups in operations are battles in ACLED's coding.  The groups' acronyms:
# warledger/data/armed_acronyms.tsv (as written; and as read after "members of", where case is not checked).
_ACRONYMS = rows("armed_acronyms.tsv", 3)
_ARREST_ARMED = bound_to_paragraph(re.compile(
    r"\b(?:arrest\w*|detain\w*|captur\w*|apprehend\w*)\s+(?:\w+\s+){0,4}?"
    r"(?:(?-i:" + "|".join(a for a, _, _ in _ACRONYMS) + r")|islamic\s+state|daesh|cell|fighters?|militants?|"
    r"members?\s+of\s+(?:the\s+)?(?:islamic|" + "|".join(m for _, m, _ in _ACRONYMS if m != "-") + r"|cell)|"
    r"commanders?|leaders?\s+of|emirs?|gunm[ae]n|militiam[ae]n)", re.IGNORECASE))
_MANNED_DOWNED = bound_to_paragraph(re.compile(r"(?:sh[uo]t|shooting|downed|down(?:ing)?)\s+(?:down\s+)?(?:an?\s+|the\s+|two\s+|\d+\s+)?"
                            r"(?:[-\w]+\s+){0,3}?(?:warplanes?|jets?|helicopters?|planes?|aircraft|fighter\s+jets?)\b",
                            re.IGNORECASE))
# an abduction told as what came before a killing: "... after he went missing", "after having been kidnapped"
_PRELUDE = bound_to_paragraph(re.compile(r"\b(?:after|since|having|days?\s+after|hours?\s+after)\s+(?:(?:he|she|they|being|been|had|has|was|were|"
                      r"having)\s+){0,3}$", re.IGNORECASE))
_KILLING = bound_to_paragraph(re.compile(r"\b(?:killed|executed|shot\s+dead|found\s+dead|bod(?:y|ies)\b[^.]{0,60}?\bfound|murdered|"
                      r"assassinated)\b", re.IGNORECASE))
_UNNAMED_ARMED_CAPTOR = bound_to_paragraph(re.compile(r"\b(?:faction|brigade|battalion|militia|operations?\s+room|fighters|forces|group)\s+"
                                  r"(?:\w+\s+){0,2}$", re.IGNORECASE))
_STATE_ARRESTER = bound_to_paragraph(re.compile(r"\b(?:police|security\s+(?:forces|services)|intelligence|authorities|prosecutors?|court)\b",
                             re.IGNORECASE))
_EXPLOSIVE_LABELS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Shelling/artillery/missile attack",
                               "Air/drone strike", "Armed clash", "Non-state actor overtakes territory",
                               "Government regains territory", "Arrests"})
_VICTIMS = re.compile(r"\b(?:killed|killing|kills|dead|died|wounded|wounding|injured|injuring|injuries|casualties|"
                      r"martyred|fatalit\w+)\b", re.IGNORECASE)
_HURT = re.compile(r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|dead)\b", re.IGNORECASE)
# strategic developments a protest is about rather than what happened ("protested against the peace deal")
_PROTEST_TOPICS = ("Agreement", "Change to group/activity", "Headquarters or base established",
                   "Non-violent transfer of territory")
_BY_AGENT = bound_to_paragraph(re.compile(r"\bby\s+(?:the\s+|an?\s+)?(?:[-\w]+\s+){0,3}$|"
                       r"\b(?:gunfire|fire|shots|bullets|shooting)\s+(?:opened\s+)?(?:from|of)\s+(?:the\s+)?(?:[-\w]+\s+){0,2}$",
                       re.IGNORECASE))
_SUPPORT_BEFORE = Needing(guarded(bound_to_paragraph(re.compile(
    r"(?:supported|backed|covered|assisted|aided|accompanied)\s+by\s+(?:[-\w’']+\s+){0,4}$|"
    r"(?:air|aerial)\s+(?:cover|support|coverage)\s+(?:of|from|by)\s+(?:[-\w’']+\s+){0,3}$|"
    r"(?:support|cover|participation)\s+of\s+(?:[-\w’']+\s+){0,4}$", re.IGNORECASE))))
_CAPTIVE_ARMED = _noun_pattern("armed_captive")
_CIVIL_CAPTIVE = _noun_pattern("civil_captive")
_AIR_DEFENCE = bound_to_paragraph(re.compile(r"\bair[- ]defen[cs]es?\b(?:\s+\w+){0,4}\s+(?:intercept\w*|confront\w*|respond\w*|engag\w*|"
                          r"fired|shot\s+down|downed|repel\w*)|(?:trigger|activat)\w*\s+(?:[-\w'’]+\s+){0,4}air[- ]defen[cs]e",
                          re.IGNORECASE))
_MUTUAL = bound_to_paragraph(re.compile(r"\b(?:in\s+response|in\s+retaliation|retaliat\w*|repl(?:ied|ying)|respond(?:ed|ing)|"
                     r"in\s+conjunction\s+with(?!\s+(?:[-\w'’]+\s+){0,2}(?:air\s*strikes?|air\s*raids?|warplanes|aerial|aircraft))|"
                     r"amid\s+(?:[-\w'’]+\s+){1,4}(?:shelling|targeting)|both\s+sides|mutual|"
                     r"reciprocal|exchang(?:e|ed|es|ing)|while\s+(?:[-\w'’]+\s+){1,4}(?:shelled|shelling|targeted|targeting|fired|firing))\b",
                     re.IGNORECASE))
_JOINT_OP = bound_to_paragraph(re.compile(r"\b(?:joint|arrest|security|airdrop|air[- ]drop|landing|raid|ground)\s+operations?\b|"
                       r"\bintercept(?:ed|ing|ion)\b", re.IGNORECASE))
_DIRECT_FIRE = bound_to_paragraph(re.compile(r"(?-i:RPG|ATGM|TOW)|rocket[- ]propelled|anti[- ](?:tank|armou?r)", re.IGNORECASE))
_WORD_END = bound_to_paragraph(re.compile(r"\w+(?:\s+(?:killed|attacked|stormed|dead))?"))
_NOT_TERRITORY = bound_to_paragraph(re.compile(r"\b(?:attempt(?:ed|s|ing)?|tried|trying|try|aim(?:ed|ing)?|seeking|sought|plan(?:ned|s)?|"
                            r"fail(?:ed|ing)?|bid|order)\s+(?:by\s+[-\w’' ]{1,40}?\s+)?to\s+(?:\w+\s+)?$|\bbriefly\s+$", re.IGNORECASE))
_FACILITY = bound_to_paragraph(re.compile(r"\W*(?:control\s+)?(?:(?:of|over)\s+)?(?:the\s+|a\s+|an\s+|their\s+|its\s+|several\s+|two\s+|three\s+|\d+\s+)?"
                       r"(?:[-\w’']+\s+){0,3}?(?:depots?|hospitals?|buildings?|houses?|checkpoints?|cent(?:er|re)s?|"
                       r"headquarters|prisons?|schools?|warehouses?|offices?|vehicles?|tanks?|weapons|ammunition|"
                       r"trucks?|cars?|homes?|room|cells?|positions?|points?|posts?|garrisons?|HQs?|bases?|outposts?|"
                       r"barracks)\b", re.IGNORECASE))
# control gained over part of a place only: "partially controlled", "captured 60% of", "parts of the city"
_PARTIAL = bound_to_paragraph(re.compile(r"\bpartial(?:ly)?\b|\W*(?:control\s+(?:of|over)\s+)?(?:\d+\s*%|parts?|some\s+parts|sections?)\s+of\b",
                      re.IGNORECASE))
GOV_FAMILIES = frozenset({"gov", "state", "russia", "iran"})


def _event(label: str, weapon: Optional[str], start: int, end: int, rule: str, conf: float) -> EventClass:
    return EventClass(SUB_TO_TYPE[label], label, weapon, start, end, rule, conf)


def _territory_label(text: str, start: int, end: int, trig_start: int, trig_end: int) -> str:
    """Government regains territory when the state (or its allies) took the ground, else Non-state actor
    overtakes territory (see :func:`territory_taker`).  The state is any force ACLED names as the country's own
    ("Military Forces of Yemen (2016-) Supreme Political Council", a rival government's army, is one)."""
    taker = territory_taker(text, start, end, trig_start, trig_end)
    if taker is not None and (taker.family in GOV_FAMILIES or own_state_force(taker.name)):
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _non_state_captor(text: str, start: int, end: int, trig_start: int, trig_end: int) -> bool:
    """Whether the subject of an arrest is a named armed group rather than a state's military or police."""
    captor = territory_taker(text, start, end, trig_start, trig_end)  # the subject before the verb
    if captor is None or captor.end > trig_start or captor.kind != "armed":
        return False
    return not captor.name.startswith(("Military Forces of", "Police Forces of")) and \
        captor.family not in ("state", "gov")


def _two_sides(text: str, start: int, end: int) -> bool:
    fams = {m.family for m in find_actors(text, start, end) if m.kind == "armed" and m.family not in ("other",)}
    return len(fams) >= 2


def _armed_captive(text: str, start: int, end: int, trig_start: int, trig_end: int, label: str) -> bool:
    """Whether an arrest/abduction is of fighters of an armed group, by a named armed actor."""
    start, end = paragraph_around(text, start, end, trig_start, trig_start)  # a blank line ends the sentence
    mentions = find_actors(text, start, end)
    before = [m for m in mentions if m.end <= trig_start]
    after = [m for m in mentions if m.start >= trig_end and m.start - trig_end < 60]
    window = text[trig_end:min(end, trig_end + 60)]
    armed_words = _CAPTIVE_ARMED.search(window)
    armed_named = next((m for m in after if m.kind == "armed"), None)
    civil = _CIVIL_TARGET.search(window) or _CIVIL_CAPTIVE.search(window)
    if civil and not (armed_words and armed_words.start() < civil.start()) and \
            not (armed_named and armed_named.start - trig_end < civil.start()):
        return False
    if label == "Arrests":
        if _STATE_ARRESTER.search(text, start, trig_start):
            return False
        captor = before[0] if before else None
        captives_armed = bool(armed_words or armed_named or _ARREST_ARMED.search(text, trig_start, end))
        if captor is None:
            # "X faction arrested IS fighters": a captor the lexicon does not know, but an armed one
            return captives_armed and _UNNAMED_ARMED_CAPTOR.search(text, start, trig_start) is not None
        named_group = captor.kind == "generic" and captor.family == "rebels"  # "Azim Operation Room"
        return (captor.kind == "armed" or named_group) and captor.family not in ("state", "israel") and captives_armed
    return bool(armed_named or (armed_words and armed_words.group(0).lower() not in ("members", "member")))


def _shooting_label(text: str, start: int, end: int, trig_start: int) -> str:
    """Shooting/killing: a battle when the victims are armed, an attack on civilians otherwise."""
    start, end = paragraph_around(text, start, end, trig_start, trig_start)  # a blank line ends the sentence
    after = text[trig_start:end]
    before = text[start:trig_start]

    def first_target(rx: re.Pattern[str]) -> Optional[re.Match[str]]:
        for m in rx.finditer(after):
            if not _BY_AGENT.search(after[max(0, m.start() - 30):m.start()]):
                return m
        return None
    trig_end = _WORD_END.search(text, trig_start, end)
    after_from = trig_end.end() if trig_end else trig_start
    named_after = next((m for m in find_actors(text, after_from, end) if not _BY_AGENT.search(
        text[max(trig_start, m.start - 30):m.start])), None)
    if named_after is not None and named_after.start - trig_start < 60:
        if named_after.kind == "armed":
            return "Armed clash"
        if named_after.kind == "civilian" and not _ARMED_APPOSITION.match(text, named_after.end):
            return "Attack"
    armed = first_target(_ARMED_TARGET)
    civil = first_target(_CIVIL_TARGET)
    if civil is not None and _ARMED_APPOSITION.match(after, civil.end()):
        civil = None  # "shot dead a man who was a member of the 8th Brigade"
    if armed and (not civil or armed.start() <= civil.start()):
        return "Armed clash"
    if civil:
        return "Attack"
    # Victims named before a passive verb ("a QSD fighter was shot dead by ...").
    armed_b = [m for m in _ARMED_TARGET.finditer(before)]
    civil_b = [m for m in _CIVIL_TARGET.finditer(before)]
    if armed_b and (not civil_b or armed_b[-1].start() > civil_b[-1].start()):
        return "Armed clash"
    if civil_b:
        return "Attack"
    armed_actors = [m for m in find_actors(text, start, end) if m.armed]
    return "Armed clash" if len({m.family for m in armed_actors if m.kind != "generic"}) >= 2 else "Attack"


def _drop_caches() -> None:
    """Classifications cached by text hold one theatre's reading: dropped when reading moves to another."""
    _classify.cache_clear()


on_switch(_drop_caches)


def classify_event(text: str, start: int = 0, end: Optional[int] = None) -> Optional[EventClass]:
    """Classify the event described in ``text[start:end]``; None when no event is described."""
    return _classify(text, start, len(text) if end is None else end)


_Hit = tuple[float, int, int, int]  # a label's strongest trigger: (weight, start, end, rule index)


@dataclass
class _Triggers:
    """What one scan of a span found."""

    best: dict[str, _Hit]                      # label -> its strongest trigger
    means: list[tuple[int, int, int]]          # strong weapon/means triggers: (start, end, rule index)
    weapons: dict[str, list[tuple[int, str]]]  # label -> (position, weapon) in text order


def _scan(text: str, start: int, end: int) -> _Triggers:
    """Weigh every trigger of ``text[start:end]``: each label keeps its strongest (the first strong one gets a bonus)."""
    found = _Triggers({}, [], {})
    best = found.best
    first = True
    first_bonus = LONG_BONUS if end - start > LONG_SPAN else FIRST_BONUS
    prev_weapon_end = -10
    # one paragraph at a time: a trigger ("barrel bombs", "air strikes") never runs over a paragraph break
    for m in (m for a, b in paragraph_pieces(text, start, end) for m in _RX.finditer(text, a, b)):
        idx = int(_RX.group(m)[1:]) if m.lastgroup else -1
        if idx < 0:
            continue
        rule = _RULES[idx]
        weight = rule.weight
        if rule.weapon:
            prev_weapon_end = m.end()
            found.weapons.setdefault(rule.label, []).append((m.start(), rule.weapon))
        elif rule.label == "Armed clash" and m.start() - prev_weapon_end <= 2 and \
                text[m.start():m.start() + 6].lower() == "attack":
            continue  # "a rocket attack on the camp": the weapon's attack, not a battle
        if rule.weapon and _SUPPORT_BEFORE.search(text, max(start, m.start() - 45), m.start()):
            # "QSD, supported by coalition warplanes, detained ...": the support is not the event.
            weight = 2.0
        elif rule.label in _MEANS_LABELS and weight >= 5 and rule.weapon != "heavy weapons":
            # (an assault "with heavy machine guns" stays an assault: only fire from them is a shelling)
            found.means.append((m.start(), m.end(), idx))
        if first and weight >= FIRST_MIN and not rule.label.startswith("@") or \
                first and rule.label in ("@shooting", "@territory") and weight >= FIRST_MIN:
            # The event a clause names first is its main event ("X bombed Y, ... amid reports of Z").
            weight += first_bonus
            first = False
        cur = best.get(rule.label)
        if cur is None or weight > cur[0]:
            best[rule.label] = (weight, m.start(), m.end(), idx)
    return found


_SIZE_TAG = re.compile(r"\[size=[^\]\n]{0,40}\]")


# What a crowd protested about is no part of what happened to it: "denounced the demolition of a school" (the word of
# grievance's object), "demanding that those who killed demonstrators be held accountable", "protesting the group
# having executed a commander" (a clause of its own inside the grievance), "to demand the release of relatives detained
# by the police" (a participle's agent).  Not "students protesting a fuel price rise threw stones": the crowd's own
# verb; and never across a comma, a sentence end, an auxiliary or a second subject.
_GRIEVANCE = bound_to_paragraph(re.compile(
    r"\b(?:demand(?:ed|ing|s)?|call(?:ed|ing|s)?\s+for|in\s+rejection\s+of|reject(?:ed|ing)|denounc(?:ed|ing|es?)|"
    r"condemn(?:ed|ing|s)?|protest(?:ed|ing|s)?|against|accountable|release\s+of)\b", re.IGNORECASE))
_GRIEVANCE_END = re.compile(r"[.;:,\n]|\b(?:were|was|are|is|been|when|while|but|before|after|until|then|and\s+(?:the\s+)?"
                            r"(?:police|security|forces|troops|soldiers|army|gunmen))\b", re.IGNORECASE)
_GRIEVANCE_OBJECT = re.compile(r"\s+(?:the|a|an|his|her|its|their)\s+(?:[-\w]+\s+)?", re.IGNORECASE)
_GRIEVANCE_CLAUSE = re.compile(r"\b(?:who|whom|that|which|having)\b", re.IGNORECASE)
_PARTICIPLE_BY = re.compile(r"[-\w]+\s+by\b", re.IGNORECASE)
_GRIEVANCE_REACH = 150


def _grievance(text: str, start: int, at: int) -> bool:
    for m in _GRIEVANCE.finditer(text, max(start, at - _GRIEVANCE_REACH), at):
        gap = text[m.end():at]
        if not _GRIEVANCE_END.search(gap) and (_GRIEVANCE_OBJECT.fullmatch(gap) or _GRIEVANCE_CLAUSE.search(gap) or
                                               _PARTICIPLE_BY.match(text, at)):
            return True
    return False


def _protest(text: str, start: int, end: int, best: dict[str, _Hit]) -> None:
    """Protests: one label out of four, by what else happened (``best``'s "@protest" becomes that label)."""
    for label in ("Armed clash", "Arrests", "Looting/property destruction"):
        if label in best and _grievance(text, start, best[label][1]):
            best.pop(label)  # the crowd's grievance (see _GRIEVANCE)
    for m in (m for a, b in paragraph_pieces(text, start, end) for m in _MOD_RX.finditer(text, a, b)):
        mod = _RULES[int(_MOD_RX.group(m)[1:])] if m.lastgroup else None
        if mod is not None and _grievance(text, start, m.start()):
            continue
        if mod is not None and mod.label not in best:
            best[mod.label] = (mod.weight, m.start(), m.end(), int(_MOD_RX.group(m)[1:]))
    w, s, e, idx = best.pop("@protest")
    if "Armed clash" in best:
        best.setdefault("@violent", best["Armed clash"])  # clashes at a protest: the protest turned violent
    if "@violent" in best or "Looting/property destruction" in best or text[s:s + 4].lower() == "riot":
        label = "Violent demonstration"  # a violent crowd is a riot even when force answers it (ACLED's codebook)
    elif "@force" in best:
        label = "Excessive force against protesters"
    elif "@intervene" in best or "Arrests" in best:
        label = "Protest with intervention"
    else:
        label = "Peaceful protest"
    bonus = 8.0 if label != "Peaceful protest" else 0.0
    if _SIZE_TAG.search(text, start, end):
        bonus += 40.0  # ACLED tags a crowd's size on demonstrations only: the note is one, whatever else it tells
    if "Armed clash" in best and label == "Violent demonstration":
        best.pop("Armed clash")
    if label != "Peaceful protest" and "Arrests" in best:
        best.pop("Arrests")
    for topic in _PROTEST_TOPICS:
        best.pop(topic, None)  # "protested against the deal", "demanded the withdrawal": what the crowd wanted
    best[label] = (w + bonus, s, e, idx)


def _strongest(text: str, start: int, end: int, found: _Triggers) -> tuple[str, _Hit]:
    """The winning label (highest weight, then earliest) after the corrections of what a trigger means."""
    best = found.best
    label, (w, s, e, idx) = max(best.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
    disr = best.get("Disrupted weapons use")
    if disr is not None and label != "Disrupted weapons use" and _RULES[disr[3]].weight >= 9 and \
            label in _EXPLOSIVE_LABELS and not _VICTIMS.search(text, start, end):
        # Weapons found, seized or defused before they could be used, and nobody was hurt.
        label, (w, s, e, idx) = "Disrupted weapons use", disr
    if label == "@shooting" and found.means and _GENERIC_VIOLENCE.match(text, s, e):
        # "killed in a massacre committed by Russian warplanes", "gunmen attacked the village with drones":
        # the means named in the same clause is the event ("attacked ..., while warplanes ..." is not).
        near = [h for h in found.means if (h[0] >= e and h[0] - e <= MEANS_GAP and not _clause_break(text, e, h[0]))
                or (h[1] <= s and s - h[1] <= MEANS_GAP and not _clause_break(text, h[1], s))]
        if near:
            hs, he, hidx = min(near, key=lambda h: abs(h[0] - s))
            label = _RULES[hidx].label
            w, s, e, idx = best[label][0], hs, he, hidx
    if label == "Shelling/artillery/missile attack" and "Air/drone strike" in best and \
            _RULES[idx].weapon in ("missiles", "rockets"):
        # Missiles or rockets fired by warplanes, helicopters or drones: an air strike.
        label, (w, s, e, idx) = "Air/drone strike", best["Air/drone strike"]
    return label, (w, s, e, idx)


def _acled_conventions(text: str, start: int, end: int, label: str, s: int, e: int, idx: int) -> str:
    """The label under ACLED's conventions where they differ from the words (see the module docstring)."""
    cs, ce = paragraph_around(text, start, end, s, e) if end - start <= LONG_SPAN else \
        sentence_around(text, start, end, s, e, 400)
    low = text[cs:ce].lower()
    if label == "Air/drone strike" and (("defen" in low and _AIR_DEFENCE.search(text, cs, ce)) or
                                        (("operation" in low or "intercept" in low) and _JOINT_OP.search(text, cs, ce))):
        # Air defences engaging the attacking aircraft: ACLED codes the exchange as a battle.
        label = "Armed clash"
    if label == "Shelling/artillery/missile attack" and _MUTUAL.search(text, cs, ce) and _two_sides(text, cs, ce):
        # Both sides shelling each other ("X shelled Y; in response Y shelled X"): a battle.
        label = "Armed clash"
    if label == "Shelling/artillery/missile attack" and _DIRECT_FIRE.match(text, s, e) and _HURT.search(text, cs, ce):
        # RPGs and anti-tank missiles that killed or wounded are direct fire: a battle against armed targets; fired
        # at a position or a vehicle with no one hurt they are a shelling, as heavy guns are.
        label = _shooting_label(text, start, end, s)
        if label == "Attack":
            label = "Shelling/artillery/missile attack"
    if label == "Shelling/artillery/missile attack" and _RULES[idx].weapon == "heavy weapons" and \
            _HURT.search(text, cs, ce):
        # Heavy guns fired at a distance are shelling; heavy guns that killed or wounded armed men fought them.
        label = _shooting_label(text, start, end, s)
        if label == "Attack":
            label = "Shelling/artillery/missile attack"
    if label == "Disrupted weapons use" and _MANNED_DOWNED.match(text, s, min(end, e + 50)):
        # a manned aircraft shot down is a fight between two armed sides; a drone or missile downed is not
        label = "Armed clash"
    if label == "Abduction/forced disappearance" and _PRELUDE.search(text[max(start, s - 40):s]) and \
            (killing := _KILLING.search(text, *paragraph_around(text, start, end, s, e))):
        # "the body of a QSD member was found ... after he went missing": the killing is the event
        label = _shooting_label(text, start, end, killing.start())
    if label in ("Arrests", "Abduction/forced disappearance") and _armed_captive(text, start, end, s, e, label):
        # One armed group seizing members of another is a battle in ACLED's coding.
        label = "Armed clash"
    elif label == "Arrests" and _non_state_captor(text, start, end, s, e):
        # ACLED's codebook: an arrest is made by a state's forces; a group that is not a state detaining
        # people abducts them.
        label = "Abduction/forced disappearance"
    return label


def _not_ground(text: str, start: int, end: int, s: int, e: int) -> bool:
    """An attempt that did not succeed, a building or a military position rather than ground, or only part of a place."""
    return bool(_NOT_TERRITORY.search(text, max(start, s - 60), s) or
                _FACILITY.match(text, e, min(end, e + 80)) or
                _PARTIAL.search(text, max(start, s - 12), s) or _PARTIAL.match(text, e, min(end, e + 40)))


def _weapon_of(label: str, weapon: Optional[str], weapons: dict[str, list[tuple[int, str]]], s: int) -> Optional[str]:
    """The weapon an event of ``label`` names (``weapon``: its trigger's)."""
    if label in GROUND_SUB_EVENTS:
        # What struck in a battle, if a weapon word is there ("clashes ... with heavy machine guns").
        return weapon if label == "Armed clash" and weapon == "gunfire" else None
    if label in STANDOFF_SUB_EVENTS:
        # The most specific weapon word of the family in the clause (a drone beats "aircraft").
        later = [wp for pos, wp in weapons.get(label, []) if pos >= s]
        return ("drone" if "drone" in later else later[0]) if later else weapon
    return weapon


@lru_cache(maxsize=512)  # a clause, its sentence and a one-event body are often the same span
def _classify(text: str, start: int, end: int) -> Optional[EventClass]:
    found = _scan(text, start, end)
    best = found.best
    if not best:
        return None
    if "@protest" in best:
        _protest(text, start, end, best)
    for k in ("@force", "@violent", "@intervene"):
        best.pop(k, None)
    if not best:
        return None
    # Withdrawal without fighting: a non-violent transfer even when someone then "took control".
    if "Non-violent transfer of territory" in best and "@territory" in best and "Armed clash" not in best:
        best.pop("@territory")
    label, (w, s, e, idx) = _strongest(text, start, end, found)
    label = _acled_conventions(text, start, end, label, s, e, idx)
    conf = min(1.0, 0.5 + w / 20.0)
    if label == "@territory" and _not_ground(text, start, end, s, e):
        # ground not taken: the fighting is the event
        best.pop("@territory")
        if best:
            label, (w, s, e, idx) = ("Armed clash", best["Armed clash"]) if "Armed clash" in best else \
                max(best.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
    rule = _RULES[idx]
    weapon = rule.weapon
    if label == "@territory":
        label = _territory_label(text, start, end, s, e)
    elif label == "@shooting":
        label = _shooting_label(text, start, end, s)
        if w < 3:  # only "killed"/"wounded": no weapon word
            weapon = None
            conf = 0.4
    return _event(label, _weapon_of(label, weapon, found.weapons, s), s, e, f"event_rules.tsv:{rule.line}", conf)
