"""Event classification: the ACLED event type, sub-event type and weapon of a clause.

Rules-first.  ``warledger/data/event_rules.tsv`` lists trigger patterns (verbs and weapon nouns) with the
ACLED sub-event type they signal and a weight.  All patterns are compiled once, at import, into one
alternation; a clause is scanned once and the label with the highest weight wins (ties: the earliest
trigger).  A few labels are decisions rather than words, resolved here:

* ``@territory``  ground taken: "Government regains territory" when the side that took it is the state
  (or its allies), "Non-state actor overtakes territory" otherwise; a withdrawal without fighting is a
  "Non-violent transfer of territory".
* ``@shooting``   shootings, executions, killings: "Armed clash" when the target is an armed actor,
  "Attack" (violence against civilians) when the victims are civilians.
* ``@protest``    protests: peaceful unless police intervened (tear gas, dispersal, arrests), used lethal
  force, or the protesters themselves turned violent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from warledger.errors import WarledgerError
from warledger.record import SUB_TO_TYPE

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


def _load(path: Path = RULES_TSV) -> tuple[list[_Rule], re.Pattern[str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise WarledgerError(f"cannot read the event rules {path}: {exc}; reinstall warledger") from exc
    rules: list[_Rule] = []
    alts: list[str] = []
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[0] == "label":
            continue
        if len(cols) != 4:
            raise WarledgerError(f"{path} line {no}: expected 4 tab-separated columns "
                                 f"(label, weapon, weight, pattern), found {len(cols)}")
        label, weapon, weight, pat = (c.strip() for c in cols)
        if label not in SUB_TO_TYPE and label not in PLACEHOLDERS:
            raise WarledgerError(f"{path} line {no}: {label!r} is neither an ACLED sub-event type nor one of "
                                 f"{PLACEHOLDERS}")
        try:
            w = float(weight)
            re.compile(pat)
        except (ValueError, re.error) as exc:
            raise WarledgerError(f"{path} line {no}: bad weight or pattern: {exc}") from exc
        alts.append(rf"(?P<r{len(rules)}>{pat})")
        rules.append(_Rule(label, None if weapon in ("", "-") else weapon, w, no))
    if not rules:
        raise WarledgerError(f"{path}: no rules; reinstall warledger")
    return rules, re.compile(r"(?<![\w])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)


_RULES, _RX = _load()

# Targets that make a shooting a battle (armed) or an attack on civilians.
_ARMED_TARGET = re.compile(
    r"\b(?:fighters?|members?|militants?|soldiers?|officers?|commanders?|leaders?|elements?|gunmen|militiam[ae]n|"
    r"personnel|troops|forces|guards?|policem[ae]n|police|conscripts?|recruits?|emirs?|patrols?|positions?|"
    r"checkpoints?|posts?|convoys?|jihadists?|rebels?|terrorists?|insurgents?|army|combatants?|sniper|"
    r"cells?|operatives?|mercenaries|servicem[ae]n|volunteers?)\b", re.IGNORECASE)
_CIVIL_TARGET = re.compile(
    r"\b(?:civilians?|citizens?|residents?|villagers|farmers?|shepherds?|children|child|boys?|girls?|wom[ae]n|"
    r"man|men|people|persons?|person|family|families|students?|teachers?|doctors?|nurses?|workers?|"
    r"journalists?|activists?|worshippers|pastor|priest|displaced|refugees|traders?|merchants?|drivers?|"
    r"pedestrians?|passers-by|youths?|young|elderly|infant|baby|teenager|pharmacist|engineer|"
    r"church|mosque|school|college|university|bar|market|hospital|teahouse|cafe|restaurant|hotel|"
    r"mukhtar|notable|dignitary)\b", re.IGNORECASE)
_CLASH_CONTEXT = re.compile(r"\b(?:clash\w*|battl\w*|fight\w*|fought|exchange\w*)\b", re.IGNORECASE)
_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_PASSIVE_TERR = re.compile(r"^\s*(?:in)?to\b|^\s*(?:the\s+)?(?:full\s+)?control\s+of\b", re.IGNORECASE)
GOV_FAMILIES = frozenset({"syria_gov", "state", "russia", "iran"})


def _event(label: str, weapon: Optional[str], start: int, end: int, rule: str, conf: float) -> EventClass:
    return EventClass(SUB_TO_TYPE[label], label, weapon, start, end, rule, conf)


def _territory_label(text: str, start: int, end: int, trig_start: int, trig_end: int) -> str:
    """Who took the ground: the actor named just before the trigger (or after "fell to"/"control of")."""
    from warledger.extract.actors import find_actors  # actors imports this module: import lazily
    mentions = [m for m in find_actors(text, start, end) if m.armed]
    if not mentions:
        return "Non-state actor overtakes territory"
    taker = None
    if _PASSIVE_TERR.match(text[trig_end - 8:trig_end + 30]) or re.search(
            r"(?:fell|falls|fall\s+of|control\s+of)\s*$", text[trig_start:trig_end], re.IGNORECASE):
        taker = next((m for m in mentions if m.start >= trig_end), None)
    if taker is None:
        before = [m for m in mentions if m.end <= trig_start and not _FROM.search(text[max(start, m.start - 12):m.start])]
        # The subject of the sentence is the first actor of the clause before the verb.
        taker = before[0] if before else None
    if taker is None:
        taker = next((m for m in mentions if not _FROM.search(text[max(start, m.start - 12):m.start])), mentions[0])
    if taker.family in GOV_FAMILIES:
        return "Government regains territory"
    return "Non-state actor overtakes territory"


def _shooting_label(text: str, start: int, end: int, trig_start: int) -> str:
    """Shooting/killing: a battle when the victims are armed, an attack on civilians otherwise."""
    after = text[trig_start:end]
    before = text[start:trig_start]
    armed = _ARMED_TARGET.search(after)
    civil = _CIVIL_TARGET.search(after)
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
    from warledger.extract.actors import find_actors
    armed_actors = [m for m in find_actors(text, start, end) if m.armed]
    return "Armed clash" if len({m.family for m in armed_actors}) >= 2 else "Attack"


def classify_event(text: str, start: int = 0, end: Optional[int] = None) -> Optional[EventClass]:
    """Classify the event described in ``text[start:end]``; None when no event is described."""
    end = len(text) if end is None else end
    best: dict[str, tuple[float, int, int, int]] = {}  # label -> (weight, start, end, rule index)
    hits: dict[str, int] = {}
    for m in _RX.finditer(text, start, end):
        idx = int(m.lastgroup[1:]) if m.lastgroup else -1
        if idx < 0:
            continue
        rule = _RULES[idx]
        hits[rule.label] = hits.get(rule.label, 0) + 1
        cur = best.get(rule.label)
        if cur is None or rule.weight > cur[0]:
            best[rule.label] = (rule.weight, m.start(), m.end(), idx)
    if not best:
        return None

    # Protests: one label out of four, by what else happened.
    if "@protest" in best:
        w, s, e, idx = best.pop("@protest")
        if "@force" in best:
            label = "Excessive force against protesters"
        elif "@violent" in best or "Looting/property destruction" in best:
            label = "Violent demonstration"
        elif "@intervene" in best or "Arrests" in best:
            label = "Protest with intervention"
        else:
            label = "Peaceful protest"
        bonus = 4.0 if label != "Peaceful protest" else 0.0
        if "Armed clash" in best and label == "Violent demonstration":
            best.pop("Armed clash")
        if label != "Peaceful protest" and "Arrests" in best:
            best.pop("Arrests")
        best[label] = (w + bonus, s, e, idx)
    for k in ("@force", "@violent", "@intervene"):
        best.pop(k, None)
    if not best:
        return None

    # Withdrawal without fighting: a non-violent transfer even when someone then "took control".
    if "Non-violent transfer of territory" in best and "@territory" in best and "Armed clash" not in best:
        best.pop("@territory")

    label, (w, s, e, idx) = max(best.items(), key=lambda kv: (kv[1][0], -kv[1][1]))
    rule = _RULES[idx]
    weapon = rule.weapon
    conf = min(1.0, 0.5 + w / 20.0)
    if label == "@territory":
        label = _territory_label(text, start, end, s, e)
    elif label == "@shooting":
        label = _shooting_label(text, start, end, s)
        if w < 3:  # only "killed"/"wounded": no weapon word
            weapon = None
            conf = 0.4
    if label in ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"):
        # What struck in a battle, if a weapon word is there ("clashes ... with heavy machine guns").
        weapon = weapon if label == "Armed clash" and weapon == "gunfire" else None
    elif label in ("Air/drone strike", "Shelling/artillery/missile attack"):
        # The most specific weapon word of the family in the clause (a drone beats "aircraft").
        weapon = _best_weapon(text, s, end, label) or weapon
    return _event(label, weapon, s, e, f"event_rules.tsv:{rule.line}", conf)


_WEAPON_ORDER = {"drone": 3, "helicopters": 2, "warplanes": 1, "missiles": 3, "rockets": 2, "artillery": 1}


def _best_weapon(text: str, s: int, end: int, label: str) -> Optional[str]:
    found: Optional[str] = None
    for m in _RX.finditer(text, s, end):
        idx = int(m.lastgroup[1:]) if m.lastgroup else -1
        rule = _RULES[idx]
        if rule.label == label and rule.weapon:
            if found is None:
                found = rule.weapon
            elif rule.weapon == "drone" and found != "drone":
                found = "drone"
    return found
