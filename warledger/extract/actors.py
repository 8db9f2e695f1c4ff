"""Actors: which of a span's mentions acted and which was acted upon.

The mentions themselves (armed groups, states and civilians, mapped to ACLED-style actor names) are found by
:mod:`warledger.extract.actor_lexicon` (``find_actors``, re-exported here).

``assign_actors`` decides which mention acted (actor1) and which was acted upon (actor2) with a few
constructions of the genre:

* "clashes between A and B", "A clashed with B", "A against B"      -> (A, B)
* "... killed by A's warplanes", "in A raids", "A shelled B"          -> actor1 A
* "A backed by C", "A supported by C", "C-backed A"                   -> C is an associate, not actor2
* victims who are civilians (strikes, attacks on civilians)           -> actor2 "Civilians (<country>)"
* "air strikes on IS positions" with no side that flies named          -> IS is actor2, actor1 left open

``fill_actor1`` (in :mod:`warledger.extract.attribution`) then gives a record whose clause names no attacker
the one acting in its sentence, else the report's headline/lead attacker when the lead names exactly one and
the record's paragraph names no other (each inheritance noted in the record's ``problems``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Optional

from warledger.extract.actor_gaps import (AGAINST, AIR_OWNER, AMID, AMID_BEFORE, ASSOC_AFTER, ASSOC_BEFORE, BETWEEN,
                                         BY_BEFORE, COORD, DESCRIPTORS, INTERCEPTED, MEMBERS_BEFORE, PLANTER_AFTER,
                                         RECIPROCAL, SENT_END, SUSPECT_AFTER, TARGET_BEFORE, TERRITORY, VICTIM_WORDS,
                                         MOB_ON, PRO_TAIL, WEAPON_AFTER, coded_partner)
from warledger.extract.actor_lexicon import CIVILIANS, UNIDENTIFIED, drop_lexicon_caches
from warledger.extract.actor_lexicon import (ActorMention as ActorMention, family_of as family_of,  # re-exported
                                            find_actors as find_actors)
from warledger.extract.scanner import guarded
from warledger.extract.segment import bound_to_paragraph, paragraph_around
from warledger.theatre.context import on_switch

if TYPE_CHECKING:
    from warledger.extract.classify import EventClass
    from warledger.record import Incident

_FOREIGN = frozenset({"russia", "turkey", "coalition", "israel", "iran"})
_AIR_POWERS = frozenset({"russia", "gov", "coalition", "israel", "turkey", "iran"})  # sides with aircraft
_GROUND_ONLY = frozenset({"isis", "hts", "rebels", "sdf"})  # sides with no warplanes or helicopters
_NO_AIRCRAFT = frozenset({"Hezbollah", "Militia (Pro-Iran)", "Militia (Pro-Government)"})  # allies of air powers

# "Turkey backed JWS": a foreign state written before the name of the group it backs is an associate (ACLED
# names the group).  Not "Turkey backed the offensive", and not "QSD backed Menbij Military Council", where the
# first name is the umbrella that ACLED names.
_STATE_BACKED = bound_to_paragraph(re.compile(r"\s(?:backed|supported|affiliated|allied|aligned)\s+(?=(?-i:[A-Z])|pro-|(?:rebels?|opposition|"
                           r"factions?|groups?|militias?|fighters)\b)", re.IGNORECASE))


def is_associate(text: str, m: ActorMention, lo: int) -> bool:
    before = text[max(lo, m.start - 45):m.start]
    if MEMBERS_BEFORE.search(before) or coded_partner(text, lo, m.start):
        return True  # "Olive Branch forces - comprised of rebel fighters": members of a side, not a side
    a = ASSOC_BEFORE.search(before)
    if a:
        # "between X supported by A and B": the "and" separates the two sides, B is not an associate.
        gap = a.group(0)
        para = paragraph_around(text, lo, m.end, m.start, m.end)[0]
        if re.search(r"\band\b", gap) and BETWEEN.search(text, max(para, m.start - 120), m.start):
            return False
        return True
    if m.family in _FOREIGN and _STATE_BACKED.match(text, m.end, m.end + 40):
        return True
    return bool(ASSOC_AFTER.match(text[m.end:m.end + 12]))


ASSOC_REACH = 80  # characters between an associate and the side it backs or joins ("A, backed by C", "C-backed A")


def associates(text: str, start: int, end: int, a1: Optional[ActorMention], a2: Optional[ActorMention]
               ) -> tuple[list[ActorMention], list[ActorMention]]:
    """ACLED's ``assoc_actor_1`` and ``assoc_actor_2``: the armed groups the clause ``text[start:end]`` names
    as backing or joining a side, not as a side of their own.

    * "A backed by C", "A supported by C", "A with the support of C": C is an associate of A (the side
      named before it);
    * "C-backed A", "Turkey backed JWS", "C air cover ... A": C is an associate of the side named after it;
    * "A and C shelled ...", "A and pro-A C shelled ...": C, named with A as one side, is an associate of A (not of
      the other side).
    Members of a side ("comprised of rebel fighters") and a side's own name are never associates."""
    sides = [m for m in (a1, a2) if m is not None]
    out: tuple[list[ActorMention], list[ActorMention]] = ([], [])
    if not sides:
        return out
    for m in find_actors(text, start, end):
        if not m.armed or any(m.name == s.name or (m.start < s.end and s.start < m.end) for s in sides):
            continue
        if MEMBERS_BEFORE.search(text[max(start, m.start - 45):m.start]):
            continue
        host = _assoc_host(text, start, m, sides)
        if host is None or (a2 is not None and host is not a2 and _same_side(m, a2)) or (
                a1 is not None and host is not a1 and _same_side(m, a1)):
            continue
        side = out[0] if host is a1 else out[1]
        if m.name not in {x.name for x in side}:
            side.append(m)
    return out


def _assoc_host(text: str, start: int, m: ActorMention, sides: list[ActorMention]) -> Optional[ActorMention]:
    """The side ``m`` backs or joins (:func:`associates`), or None when ``m`` is no associate."""
    lo, hi = paragraph_around(text, start, len(text), m.start, m.end)  # a side across a blank line hosts nothing
    before = [s for s in sides if lo <= s.start and s.end <= m.start and m.start - s.end <= ASSOC_REACH]
    after = [s for s in sides if s.start >= m.end and s.end <= hi and s.start - m.end <= ASSOC_REACH]
    if ASSOC_AFTER.match(text[m.end:m.end + 12]) or (m.family in _FOREIGN and _STATE_BACKED.match(text, m.end, m.end + 40)):
        return min(after, key=lambda s: s.start) if after else None      # "C-backed A", "Turkey backed JWS"
    if is_associate(text, m, start):
        return max(before, key=lambda s: s.end) if before else None      # "A backed by C"
    near = max(before, key=lambda s: s.end) if before else None
    if near is not None and COORD.match(PRO_TAIL.sub("", text[near.end:m.start])) and not BETWEEN.search(
            text, max(start, near.start - 40), near.start + 1) and not TARGET_BEFORE.search(
            text[max(start, m.start - 40):m.start]):
        return near                                                       # "A and C shelled ..."
    return None


# families that sort groups by kind, not by alliance: two cartels or two ethnic militias named together are rivals
# ("the Sinaloa Cartel and the Jalisco cartel fought", "Murle and Dinka militias clashed"), not one side
_RIVAL_KINDS = frozenset({"other", "unidentified", "state", "cartel", "communal"})


def _same_side(a: ActorMention, b: ActorMention) -> bool:
    return a.name == b.name or (a.family == b.family and a.family not in _RIVAL_KINDS)


def assign_actors(text: str, start: int, end: int, event: Optional[EventClass]
                  ) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """(actor1, actor2) for the event in ``text[start:end]``: actor1 is the side that acted."""
    from warledger.theatre.context import current_country
    return _assign(text, start, end, event, current_country())


# ACLED's codebook names the crowd of a demonstration by what it did, whoever marched: "Protesters (<country>)"
# in Protests, "Rioters (<country>)" in Riots (students, workers or a party's supporters alike; the party is
# an associate actor, which the ledger does not keep).  The other side is the force that intervened.
_PROTEST_SUBS = frozenset({"Peaceful protest", "Protest with intervention", "Excessive force against protesters"})
_RIOT_SUBS = frozenset({"Violent demonstration", "Mob violence"})
_CROWD_EVENTS = _PROTEST_SUBS | _RIOT_SUBS
_ONE_SIDED = frozenset({"Change to group/activity", "Headquarters or base established"})
_RIVAL = re.compile(r"\brival\b", re.IGNORECASE)
PROTESTERS = "Protesters ({country})"
RIOTERS = "Rioters ({country})"


def _crowd_actors(text: str, start: int, end: int, event: EventClass, mentions: list[ActorMention]
                  ) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """(crowd, intervening force) for a protest or riot in ``text[start:end]``."""
    sub = event.sub_event_type
    name = PROTESTERS if sub in _PROTEST_SUBS else RIOTERS
    said = next((m for m in mentions if m.name.split(" (")[0] == name.split(" (")[0]), None)
    crowd = ActorMention(name, said.start if said else event.start, said.end if said else event.end,
                         said.rule if said else "protest or riot: the crowd", None, "other", "civilian")
    if sub == "Peaceful protest" or sub in _RIOT_SUBS and _RIVAL.search(text, event.start, event.end):
        return crowd, (crowd if sub in _RIOT_SUBS else None)  # rival crowds that fight each other: rioters both
    force = next((m for m in mentions if m.armed and not is_associate(text, m, start) and (
        sub != "Mob violence" or MOB_ON.search(text, max(start, m.start - 40), m.start))), None)
    if sub == "Mob violence" and force is None:
        force = next((m for m in mentions if not m.armed and m.family == "civilians"), None) or ActorMention(
            CIVILIANS, event.start, event.end, "mob violence: its victims (actor_gaps.MOB_ON)", None, "civilians", "civilian")
    return crowd, force


@dataclass
class _Span:
    """One span's actor mentions, read to choose its actor1 and actor2."""

    text: str
    start: int
    end: int
    event: Optional[EventClass]
    armed: list[ActorMention]
    civil: list[ActorMention]
    principal: list[ActorMention]  # the armed mentions that are not associates ("backed by the coalition")

    @property
    def etype(self) -> Optional[str]:
        return self.event.event_type if self.event is not None else None

    def target_before(self, m: ActorMention) -> bool:
        """Whether ``m`` is introduced as a target ("on positions of HTS")."""
        return TARGET_BEFORE.search(self.text[max(self.start, m.start - 40):m.start]) is not None


# "shelled X in conjunction with airstrikes by Russian warplanes": the force of a strike beside the event, which ACLED
# records as an event of its own; it is neither the event's actor nor its target
_ACCOMPANYING = re.compile(r"\b(?:in\s+conjunction\s+with|amid(?:st)?|coinciding\s+with)\s+(?:[-\w]+\s+){0,5}?"
                           r"by\s+(?:the\s+)?$", re.IGNORECASE)


def _accompanying(text: str, start: int, m: ActorMention) -> bool:
    return _ACCOMPANYING.search(text, max(start, m.start - 80), m.start) is not None


def _agent(c: _Span) -> ActorMention:
    """The side that acted: the owner of the weapon, the agent of a passive, else the first mention not a target."""
    text, start, end, event = c.text, c.start, c.end, c.event
    # The owner of the weapon acts: "Russian warplanes", "a Turkish drone", "the regime's shelling".
    for m in c.principal if c.etype != "Battles" else ():
        if WEAPON_AFTER.match(text, m.end, min(end, m.end + 45)) and not _accompanying(text, start, m):
            return m
    # The agent of a passive ("killed by Russian warplanes", "in raids by the regime") acts.
    for m in c.principal:
        if c.etype == "Battles" and event is not None and (SENT_END.search(text, event.end, max(event.end, m.start))
                                                            or AMID.search(text, event.end, max(event.end, m.start))):
            continue  # "X clashed with Y amid airstrikes by Z", "... The clashes were accompanied by shelling by Z"
        if BY_BEFORE.search(text[max(start, m.start - 30):m.start]) and not c.target_before(m) and \
                not _accompanying(text, start, m):
            return m
    # The first mention that is not introduced as a target ("on positions of HTS") acts.
    return next((m for m in c.principal if not c.target_before(m)), c.principal[0])


def _air_strike_agent(c: _Span, agent: ActorMention) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """In an air strike the side with the aircraft acted: (that side, None); (None, the target) when no side
    that flies is named; else (``agent``, None)."""
    weapon = c.event.weapon if c.event is not None else None
    if c.event is None or c.event.sub_event_type != "Air/drone strike" or not (agent.family not in _AIR_POWERS or (
            agent.name in _NO_AIRCRAFT and weapon in ("warplanes", "helicopters"))):
        return agent, None
    # Ground forces "backed by coalition warplanes": in an air strike the side with the aircraft acted.
    flyer = next((m for m in c.armed if m.family in _AIR_POWERS and m.kind == "armed" and not c.target_before(m)), None)
    if flyer is not None:
        c.principal = [flyer] + [m for m in c.principal if m is not flyer]
        return flyer, None
    if weapon in ("warplanes", "helicopters") and (
            agent.family in _GROUND_ONLY or agent.name in _NO_AIRCRAFT or agent.name == UNIDENTIFIED):
        # "air strikes on IS positions" with no side that flies named here: the group is the target;
        # who flew is left for the sentence or the report's lead to say (see fill_actor1).
        return None, next((m for m in c.armed if m.family in _GROUND_ONLY), agent)
    return agent, None


def _candidates(c: _Span, agent: ActorMention, between: bool) -> tuple[list[ActorMention], list[ActorMention]]:
    """The mentions that may be the other side, and the agent's allies named so far."""
    text, start, end = c.text, c.start, c.end
    allies: list[ActorMention] = []
    candidates = c.principal
    against = AGAINST.search(text, agent.end, paragraph_around(text, start, end, agent.start, agent.end)[1]) \
        if between else None
    if against is not None and any(m.start >= against.end() for m in c.principal):
        # "between A and B against C": A and B are one side, C the other
        allies += [m for m in c.principal if agent.end <= m.start < against.start()]
        candidates = [m for m in c.principal if m is agent or m.start >= against.end()]
    if c.etype == "Battles":
        ground = [m for m in c.principal if m is agent or not AIR_OWNER.match(text, m.end, min(end, m.end + 40))]
        if any(m is not agent and not _same_side(m, agent) for m in ground):
            candidates = ground  # "amid Russian airstrikes": support, not a side of the battle
    if not between:
        # "Russian and Syrian regime warplanes bombed ...": a side named just before the agent joins it.
        prev = [m for m in candidates if m.end <= agent.start and not _same_side(m, agent)]
        if prev and COORD.match(text[prev[-1].end:agent.start]) and not c.target_before(prev[-1]):
            allies.append(prev[-1])
    return candidates, allies


def _other_side(c: _Span, agent: ActorMention) -> tuple[Optional[ActorMention], list[ActorMention]]:
    """(actor2, the agent's allies): "between A and B" / "A against B": the other side is the first mention
    after a separator that is not on A's side."""
    text, start, end = c.text, c.start, c.end
    para = paragraph_around(text, start, end, agent.start, agent.end)[0]
    between = BETWEEN.search(text, max(para, agent.start - 40), agent.start + 1) is not None
    candidates, allies = _candidates(c, agent, between)
    side = agent
    for m in candidates:
        if m is agent or _same_side(m, agent) or any(m is a for a in allies) or (
                m.family in _FOREIGN and any(_same_side(m, a) for a in allies)):
            continue  # "regime's warplanes and the Russian guarantor ..., mostly by Russian strikes": one side
        if c.etype == "Explosions/Remote violence" and _accompanying(text, start, m):
            continue  # "... in conjunction with airstrikes by Russian warplanes": an event of its own, no side of this
        if c.etype == "Explosions/Remote violence" and AMID_BEFORE.search(text, max(start, m.start - 12), m.start):
            allies.append(m)  # "Russian warplanes struck X amid regime helicopters dropping barrel bombs": a strike beside it
            continue
        gap = text[side.end:m.start]
        # "A forces and pro-A factions shelled ...": the patron named before the ally joins nothing
        joined = COORD.match(PRO_TAIL.sub("", gap)) or (text[m.start] == "و" and not gap.strip())  # Arabic "and": proclitic
        if m.start > agent.start and not between and joined and \
                not RECIPROCAL.match(text, m.end, min(end, m.end + 60)):
            side = m  # "Turkish forces and Turkey-backed rebels shelled ...": one side
            allies.append(m)
            continue
        return m, allies
    return None, allies


def _own_state_first(agent: ActorMention, allies: list[ActorMention]) -> ActorMention:
    """The side ACLED names first when a foreign power and the theatre's own state forces strike together
    ("Russian and regime warplanes", "regime forces and Russia shelled ..."): the state's own forces, the foreign
    ally being an associate.  On the theatres' development notes such joint strikes are coded to the Syrian state
    in 9 of 10 (tune half); the ally stays out of actor2, which is the side attacked."""
    if agent.family not in _FOREIGN:
        return agent
    return next((m for m in allies if m.family == "gov" and m.kind == "armed"), agent)


_HEADING_END = re.compile(r"\s*:")  # the event named by the note's category heading ("Arrests: On 3 May ...")


def _implied_other(c: _Span, anchor: ActorMention) -> tuple[ActorMention, Optional[ActorMention]]:
    """(actor1, actor2) when the text names no second side: the civilian victims, the country's civilians or an
    unidentified armed group, as ACLED codes them."""
    text, start, end, event, etype = c.text, c.start, c.end, c.event, c.etype
    # Strikes, attacks and explosions with civilian victims: ACLED codes the civilians as actor2.
    if c.civil and etype in ("Explosions/Remote violence", "Violence against civilians", None) and \
            VICTIM_WORDS.search(text, start, end):
        return anchor, c.civil[0]
    if c.civil and event is not None and event.sub_event_type == "Looting/property destruction":
        # ACLED's codebook: the owners of the property looted or destroyed ("looted civilians' crops") are actor2
        return anchor, c.civil[0]
    if etype == "Violence against civilians" and event is not None and anchor.kind != "civilian":
        # ACLED's codebook: violence against civilians targets civilians by definition, so actor2 is the
        # country's civilians even when the report names the victim only as "a man" or "a teacher".
        return anchor, ActorMention(CIVILIANS, event.start, event.end, "violence against civilians: the target",
                                    None, "civilians", "civilian")
    if event is not None and event.sub_event_type == "Arrests" and anchor.kind != "civilian" and \
            (anchor.end <= event.start or _HEADING_END.match(text, event.end)) and \
            all(_same_side(m, anchor) for m in c.principal):
        # an arrest by a side named before it, the text naming no other armed group (an associate, "accompanied by
        # Russian forces", is none): those detained are civilians, as ACLED codes them ("arrested several members of
        # the 23rd Division": the group named is the detained)
        return anchor, ActorMention(CIVILIANS, event.start, event.end, "arrests: the detained", None, "civilians",
                                    "civilian")
    if etype == "Battles" and event is not None and anchor.family not in ("other", "unidentified") and \
            not BETWEEN.search(text, start, end):
        # A battle names one side only ("the body of an SDF fighter was found", "regime forces detained a man
        # who had opened fire"): ACLED codes the other side as an unidentified armed group.
        other = ActorMention(UNIDENTIFIED, event.start, event.end, "unnamed other side", None, "unidentified", "generic")
        return (other, anchor) if c.target_before(anchor) else (anchor, other)
    return anchor, None


def _reordered(c: _Span, anchor: ActorMention, other: Optional[ActorMention]
               ) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """(actor1, actor2) after the rules on which side came first and which name ACLED gives the other side."""
    text, start, end, event = c.text, c.start, c.end, c.event
    if c.etype == "Battles" and other is not None and other.kind != "civilian" and \
            WEAPON_AFTER.match(text, other.end, min(end, other.end + 45)) and \
            not WEAPON_AFTER.match(text, anchor.end, min(end, anchor.end + 45)):
        # "air defences repelled an Israeli missile attack": the side that fired acted first.
        anchor, other = other, anchor
    if other is not None and other.name in DESCRIPTORS:
        # "rebel factions, including HTS": the named group is the side ACLED names
        named = next((m for m in c.principal if m.start > other.start and m.name not in DESCRIPTORS
                      and m.kind == "armed" and not _same_side(m, anchor) and not _accompanying(text, start, m)
                      and not SENT_END.search(text, other.end, m.start)), None)
        if named is not None:
            other = named
    if event is not None and event.sub_event_type in TERRITORY and other is not None:
        # ground taken: actor1 is the side that took it ("HTS recaptured X from regime forces")
        taker = territory_taker(text, start, end, event.start, event.end)
        if taker is not None and _same_side(taker, other) and not _same_side(taker, anchor):
            anchor, other = other, anchor
    return anchor, other


@lru_cache(maxsize=512)  # the same span is often asked twice (a clause that is its whole sentence)
def _assign(text: str, start: int, end: int, event: Optional[EventClass], country: Optional[str] = None
            ) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    first, second = _sides(text, start, end, event)
    if event is not None and event.event_type == "Battles" and second is None and first is not None \
            and _COMMUNAL_NAME.search(first.name):
        return first, first  # "clashes between two clans", "Al Lahaq tribesmen clashed": the group fought itself
    if event is not None and event.sub_event_type in _POLICING:
        return _as_police(text, first), _as_police(text, second)
    if event is not None and first is not None and second is None and event.sub_event_type == "Disrupted weapons use" \
            and first.family not in ("unidentified", "civilians") and first.kind != "civilian" and \
            INTERCEPTED.search(text, start, end):
        # ACLED's codebook: a drone, rocket or missile shot down was fired by someone; when the note names only the
        # side that stopped it, the one that fired it is the country's unidentified armed group (a device found and
        # defused is left alone: world notes code none)
        return first, ActorMention(UNIDENTIFIED, event.start, event.end, "interception: the weapon's unnamed owner",
                                   None, "unidentified", "generic")
    if event is not None and first is not None and event.sub_event_type == "Remote explosive/landmine/IED" and \
            _hit_not_planter(text, start, end, first, second):
        # ACLED's codebook: the side a device hit is actor2; when the note names none that set it off, actor1 is
        # the country's unidentified armed group ("an IED exploded as an SDF patrol passed")
        return ActorMention(UNIDENTIFIED, event.start, event.end, "explosive device: no side named that set it off",
                            None, "unidentified", "generic"), first
    return first, second


def _hit_not_planter(text: str, start: int, end: int, first: ActorMention, second: Optional[ActorMention]) -> bool:
    """Whether ``first``, the one armed side an explosion's note names (``second`` none or civilians), was its target:
    neither the subject of a verb that sets a device off nor the agent of a passive nor a weapon's owner."""
    if first.kind == "civilian" or first.family == "unidentified" or (second is not None and second.armed):
        return False
    return not (PLANTER_AFTER.match(text, first.end, min(end, first.end + 60)) or
                SUSPECT_AFTER.match(text, first.end, min(end, first.end + 60)) or
                WEAPON_AFTER.match(text, first.end, min(end, first.end + 45)) or
                BY_BEFORE.search(text[max(start, first.start - 25):first.start]))


# ACLED's codebook names a communal militia by its community ("<name> Tribal Militia (<country>)", "Communal Militia
# (<country>)"); a clash of one such group and no other side is fought within it, the group on both sides
_COMMUNAL_NAME = re.compile(r"(?:Communal|Tribal|Clan) Militia \(")


# ACLED's codebook: the police disperse crowds and make arrests; a report's "security forces" doing so are the
# state's police ("Police Forces of <country> (<years>)"), not its military, whose own words ("army", "soldiers",
# "troops") keep their name.
_POLICING = frozenset({"Protest with intervention", "Excessive force against protesters", "Violent demonstration",
                       "Mob violence", "Arrests", "Abduction/forced disappearance"})
_SECURITY_WORDS = re.compile(r"\bsecurity\s+(?:forces|personnel|services|members|men|agents|officers|units)\b",
                             re.IGNORECASE)
_MILITARY_PREFIX = "Military Forces of "


def _as_police(text: str, m: Optional[ActorMention]) -> Optional[ActorMention]:
    """``m`` renamed as its state's police when its words are "security forces" and it bears a state's name."""
    if m is None or not m.name.startswith(_MILITARY_PREFIX) or not _SECURITY_WORDS.search(text, m.start, m.end):
        return m
    return ActorMention("Police Forces of " + m.name[len(_MILITARY_PREFIX):], m.start, m.end,
                        m.rule + " (security forces in a policing event: police)", m.faction, m.family, m.kind)


# A group named as what the detained are accused of ("arrested 3 men on charges of belonging to IS", "detained
# relatives of IS fighters", "suspected of links with the PKK") is no side of an arrest or abduction: ACLED's
# codebook codes those detained as civilians unless they were taken in combat.
_DETENTIONS = frozenset({"Arrests", "Abduction/forced disappearance"})
_CHARGE_BEFORE = bound_to_paragraph(re.compile(
    r"\b(?:charges?|charged|accus\w+|suspect\w*|suspicion|allegations?|alleged(?:ly)?|belong\w*|affiliat\w*|links?|"
    r"linked|ties|tied|connections?|connected|communicat\w*|collaborat\w*|cooperat\w*|dealings?|dealing|contacts?|"
    r"loyal\w*|membership|support(?:ing)?|famil(?:y|ies)|relatives|wives|widows|sons|daughters|children)"
    r"(?:\s+(?:\w+\s+){0,3}?(?:of|with|to|for|in)|\s+members\s+of)\s+(?:the\s+)?(?:an?\s+)?$", re.IGNORECASE))
_KIN_AFTER = bound_to_paragraph(re.compile(r"(?:’s|'s)?\s*(?:\w+\s+)?(?:families|family|wives|widows|relatives|"
                                           r"women|children)\b", re.IGNORECASE))


# the link between two items of a list ("supported by A, B, C and D"): a comma, "and", or both, nothing else
# ("YPG anti-terror units, YPJ, and US forces": items the lexicon does not name, of three words at most, between)
_LIST_LINK = guarded(bound_to_paragraph(re.compile(r"^(?:(?:\s*[-\w’']+){0,3}?\s*(?:,\s*(?:and\s+)?|\band\s+))+(?:the\s+)?$",
                                                  re.IGNORECASE)))
# what every _LIST_LINK match holds (its characters; its end: a separator, then "the" or not) and a failing gap mostly
# lacks: tested first, in one pass each, as the pattern's nested runs try every split of a long gap's words before failing
_NOT_LINK_CHAR = re.compile(r"[^-\w’'\s,]")
_LINK_END = re.compile(r"(?:,|and|the)\s*\Z", re.IGNORECASE)


def list_link(gap: str) -> bool:
    """Whether ``gap`` only links two items of a list (:data:`_LIST_LINK`)."""
    return _NOT_LINK_CHAR.search(gap) is None and _LINK_END.search(gap) is not None and _LIST_LINK.match(gap) is not None


def _associate_list(text: str, start: int, armed: list[ActorMention]) -> list[ActorMention]:
    """The associates among ``armed`` (:func:`is_associate`), and every side listed right after one ("supported by
    YPG, Asayish, YPJ and US forces": all four back the side named before them, ACLED's assoc_actor), unless the
    list follows "between" ("between X backed by A and B": B is the other side)."""
    out: list[ActorMention] = []
    listing: list[ActorMention] = []  # the associates of a "supported by" list so far (not "C-backed A": A is a side)
    prev: Optional[ActorMention] = None
    for m in sorted(armed, key=lambda x: x.start):
        if is_associate(text, m, start):
            out.append(m)
            if ASSOC_BEFORE.search(text[max(start, m.start - 45):m.start]):
                listing.append(m)
        elif prev is not None and prev in listing and prev.end <= m.start and list_link(text[prev.end:m.start]) \
                and not BETWEEN.search(text, max(start, prev.start - 160), prev.start):
            out.append(m)
            listing.append(m)
        prev = m
    return out


def _charged(text: str, lo: int, m: ActorMention) -> bool:
    """Whether ``m`` names what those detained are accused of or kin to, not a side."""
    return _CHARGE_BEFORE.search(text[max(lo, m.start - 60):m.start]) is not None or \
        _KIN_AFTER.match(text, m.end, m.end + 30) is not None


def _sides(text: str, start: int, end: int, event: Optional[EventClass]
           ) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """(actor1, actor2) by the rules of :func:`assign_actors`, before the police are told from the military."""
    mentions = find_actors(text, start, end)
    if event is not None and event.sub_event_type in _CROWD_EVENTS and (
            "\n" not in text[start:end].strip() or any(not m.armed for m in mentions)):
        # a note, or a page naming a crowd ("students", "residents"): a crowd; a page of several paragraphs
        # naming only armed sides is about them, whatever protest word it has (a headline list, a menu)
        return _crowd_actors(text, start, end, event, mentions)
    if not mentions:
        return None, None
    armed = [m for m in mentions if m.armed]
    civil = [m for m in mentions if not m.armed]
    if event is not None and event.sub_event_type in _DETENTIONS:
        armed = [m for m in armed if not _charged(text, start, m)] or armed
    if not armed:
        return None, (civil[0] if civil and VICTIM_WORDS.search(text, start, end) else None)
    # Associates ("backed by the coalition") do not make a side of their own.
    assoc = _associate_list(text, start, armed)  # once, not once per side (the list scan reads every mention)
    c = _Span(text, start, end, event, armed, civil, [m for m in armed if m not in assoc] or armed)
    agent, target = _air_strike_agent(c, _agent(c))
    if agent is None:
        return None, target
    other, allies = _other_side(c, agent)
    anchor = _own_state_first(agent, allies)
    if other is None:
        anchor, other = _implied_other(c, anchor)
    first, second = _reordered(c, anchor, other)
    if first is not None and event is not None and event.sub_event_type in _ONE_SIDED:
        second = None  # a change to a group's activity, a base established: the acting side only
    return first, second


# Who took the ground in a territory event: for actor order here and for the sub-event type in classify.py.
_SAYS = bound_to_paragraph(re.compile(r"^\W{0,3}\s*(?:\w+\s+)?(?:said|says|say|reported|reports|announced|claimed|claims|stated|"
                   r"confirmed|told|added|noted)\b", re.IGNORECASE))
_OPPONENT = guarded(bound_to_paragraph(re.compile(r"\b(?:from|with|against|between|by|on|of|attack(?:ed|ing|s)?|target(?:ed|ing|s)?|ambush(?:ed|ing)?|"
                       r"storm(?:ed|ing)?|battl(?:ed|ing|es)|fought|fighting|fights|expell(?:ed|ing))\s+(?:the\s+)?(?:[-\w’']+\s+){0,2}$",
                       re.IGNORECASE)))
_ASSOCIATE = bound_to_paragraph(re.compile(r"\b(?:supported|backed|led|commanded|assisted|covered|accompanied)\s+by\s+(?:[-\w’',]+\s+){0,5}$|"
                        r"\b(?:part|support|cover)\s+of\s+(?:the\s+)?(?:[-\w’']+\s+){0,2}$", re.IGNORECASE))
_CLAUSE_COMMA = bound_to_paragraph(re.compile(r",\s*$"))  # "backed by airstrikes, regime forces advanced": the subject after the comma
_COORDINATED = bound_to_paragraph(re.compile(r"\s*(?:[-\w’']+\s+){0,2}?(?:,|and|&)\s*(?:[-\w’']+\s+){0,2}?", re.IGNORECASE))
_CLAIMED_TO = bound_to_paragraph(re.compile(r"^\W{0,3}\s*(?:\w+\s+)?(?:claimed|claims|said|says|announced)\s+to\b", re.IGNORECASE))
_ALLIED = re.compile(r"(?:allied|loyal)\b", re.IGNORECASE)
_AND_BEFORE = bound_to_paragraph(re.compile(r"\band\s+(?:its\s+|their\s+)?$", re.IGNORECASE))
_FROM = bound_to_paragraph(re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE))


@lru_cache(maxsize=256)  # asked twice per territory event: for actor order here and for its label in classify.py
def territory_taker(text: str, start: int, end: int, trig_start: int, trig_end: int) -> Optional[ActorMention]:
    """Who took the ground: the actor named just before the trigger (or after "fell to"/"control of")."""
    start, end = paragraph_around(text, start, end, trig_start, trig_end)  # a blank line ends the sentence
    # not who only speaks ("X said"), unless X "claimed to" take it; not "allied forces" or "its loyal
    # gunmen" right after "X and": those are X's allies, whoever X is
    mentions = [m for m in find_actors(text, start, end) if m.armed
                and (not _SAYS.match(text[m.end:m.end + 30]) or _CLAIMED_TO.match(text[m.end:m.end + 30]))
                and not (_ALLIED.match(text, m.start) and _AND_BEFORE.search(text[max(start, m.start - 12):m.start]))]
    if not mentions:
        return None
    taker = None
    trig = text[trig_start:trig_end].lower()
    if trig.startswith(("pushed", "expelled", "driven", "repelled")) and re.search(
            r"\b(?:were|was|been|being)\s+$", text[max(start, trig_start - 12):trig_start], re.IGNORECASE):
        # "X were pushed back ... by/from Y": Y took the ground.
        loser = next((m for m in reversed(mentions) if m.end <= trig_start), None)
        taker = next((m for m in mentions if m.start >= trig_end and (loser is None or not m.family == loser.family)),
                     None)
    if taker is None and re.match(r"(?:fell|falls|fall\s+of|under\b)", trig):
        taker = next((m for m in mentions if m.start >= trig_end), None)
    if taker is None:
        # The subject: the nearest actor before the verb that is neither an associate ("supported by Russian
        # warplanes") nor the opponent ("after clashes with the rebels", "from IS").
        sent_start = max([start] + [i + 1 for i in (text.rfind(".", start, trig_start),) if i >= 0])
        before = [m for m in mentions if sent_start <= m.start and m.end <= trig_start
                  and not _OPPONENT.search(text[max(start, m.start - 25):m.start])
                  and not (_ASSOCIATE.search(text[max(start, m.start - 45):m.start])
                           and not _CLAUSE_COMMA.search(text[max(start, m.start - 3):m.start]))]
        taker = before[-1] if before else None
        while taker is not None and len(before) >= 2 and before[-2] is not taker and \
                _COORDINATED.fullmatch(text, before[-2].end, taker.start):
            # "Syrian regime forces and tribal fighters controlled ...": the first named leads
            before.pop()
            taker = before[-1]
    if taker is None:
        taker = next((m for m in mentions if not _FROM.search(text[max(start, m.start - 12):m.start])), mentions[0])
    return taker


def own_state_force(name: str) -> bool:
    """Whether ``name`` is the theatre's own state forces as ACLED names them ("Military Forces of <country> (<years>)"
    with or without a unit or a rival government after it, or its police): not a foreign state's."""
    from warledger.theatre import theatre
    from warledger.theatre.context import current_country

    th = theatre(current_country())
    return any(name.startswith(kind + "{country}") or (th is not None and name.startswith(f"{kind}{th.name} ("))
               for kind in (_MILITARY_PREFIX, "Police Forces of "))


def _drop_caches() -> None:
    """Caches keyed by text alone hold one theatre's reading: dropped when reading moves to another."""
    drop_lexicon_caches()
    for fn in (_assign, territory_taker):
        fn.cache_clear()


on_switch(_drop_caches)


# ---------------------------------------------------------------------------------------------------------
# Records whose clause names no side that acted (the others are in warledger/extract/attribution.py).
def unnamed_planter(r: "Incident") -> None:
    """ACLED's codebook: a bomb, mine or grenade was placed or thrown by someone; when the report names no
    side, actor1 is the country's unidentified armed group (a problem says so)."""
    if r.actor1 is None and r.sub_event_type in _PLANTED:
        r.actor1 = UNIDENTIFIED
        r.problems.append("W-ACTOR-UNNAMED: no side named for the explosive device or grenade: actor1 is an "
                          "unidentified armed group, as ACLED codes it")


_PLANTED = frozenset({"Remote explosive/landmine/IED", "Grenade"})
