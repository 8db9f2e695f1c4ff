"""Actor lexicon and scanning: the theatre's ``actors.tsv`` rows compiled into one scanner, and the mentions it
finds in a span mapped to ACLED-style names (:func:`find_actors`).

The lexicon is the theatre's ``actors.tsv`` followed by the global bundle's
(``warledger/data/theatres/<ISO2>/actors.tsv``, ``.../global/actors.tsv``; one row per actor: ACLED name,
short faction name, family, kind, alias pattern).  Each theatre's rows are compiled once, on first use, into a
single alternation, so finding the actors of a clause is one regex scan.  Names keep their ``{country}`` and
``({period})`` templates until the report's country is settled (:mod:`warledger.theatre.actors`).  Which mention
acted and which was acted upon is decided in :mod:`warledger.extract.actors`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from warledger.errors import WarledgerError
from warledger.extract.actor_gaps import (BARE_GROUP, BELIEVED_GAP, COORD, DESCRIPTORS, JOIN_GAP, MEMBERS_OF_GAP, PRO_TAIL, SET_OFF,
                                         SUPPORTED_GAP, UMBRELLA_GAP, UNDER_GAP)
from warledger.extract.lexicon import rows
from warledger.extract.scanner import Scanner
from warledger.extract.segment import bound_to_paragraph, crosses_paragraph, paragraph_pieces
from warledger.lexcache import cached
from warledger.theatre.context import on_switch


KINDS = ("armed", "civilian", "generic")
# Families the assignment rules know (a bundle may name others: they only group an actor with its own side).
# "gov" is the theatre's own state forces.
FAMILIES = ("russia", "turkey", "coalition", "israel", "iran", "isis", "hts", "sdf", "gov", "rebels",
            "civilians", "unidentified", "state", "other")
_FAMILY = re.compile(r"^[a-z_]+$")
CIVILIANS = "Civilians ({country})"
UNIDENTIFIED = "Unidentified Armed Group ({country})"


@dataclass(frozen=True, slots=True)
class ActorMention:
    name: str                  # ACLED-style name, e.g. "Military Forces of Russia (2000-)"
    start: int                 # span of the words in the text
    end: int
    rule: str
    faction: Optional[str] = None   # short faction name for killed_groups, e.g. "National Liberation Front"
    family: str = "other"           # coarse side: russia, gov, rebels, civilians, unidentified, ...
    kind: str = "armed"             # armed | civilian | generic

    @property
    def armed(self) -> bool:
        return self.kind != "civilian"


@dataclass(frozen=True, slots=True)
class _Row:
    name: str
    faction: Optional[str]
    family: str
    kind: str
    line: int
    bundle: str = ""


def _read_rows(path: Path, rows: list[_Row], alts: list[str]) -> None:
    from warledger.theatre import data_lines

    header_seen = False
    for no, cols in data_lines(path):
        if not header_seen and cols[0] == "name":
            header_seen = True
            continue
        if len(cols) != 5:
            raise WarledgerError(f"{path} line {no}: expected 5 tab-separated columns "
                                 f"(name, faction, family, kind, pattern), found {len(cols)}")
        name, faction, fam, kind, pat = cols
        if kind not in KINDS or not _FAMILY.match(fam):
            raise WarledgerError(f"{path} line {no}: unknown kind {kind!r} or family {fam!r}; "
                                 f"kinds are {KINDS}, families lower-case words such as {FAMILIES}")
        try:
            re.compile(pat)
        except re.error as exc:
            raise WarledgerError(f"{path} line {no}: bad pattern for {name!r}: {exc}") from exc
        alts.append(rf"(?P<a{len(rows)}>{pat})")
        rows.append(_Row(name, None if faction in ("", "-") else faction, fam, kind, no, path.parent.name))


@lru_cache(maxsize=None)  # one per theatre met (27 bundles now): a bound under their number reloaded them in turn
def _lexicon(country: Optional[str], key: tuple[str, ...]) -> tuple[list[_Row], Scanner]:
    """:func:`_build_lexicon`, built once and then loaded from the user cache (:mod:`warledger.lexcache`; its stamp
    covers the theatre folders ``key``)."""
    return cached(f"actors-{country or 'none'}", lambda: _build_lexicon(country))


def _build_lexicon(country: Optional[str]) -> tuple[list[_Row], Scanner]:
    """The actor rows of one theatre's bundle and of the global bundle, in this order (earlier rows win ties
    at one place): the theatre's named actors, the global named actors, then the theatre's generic words
    (its own readings of "soldiers", unit names written in the text), then the global generic words."""
    from warledger.theatre import global_files, theatre

    named: list[tuple[_Row, str]] = []
    generic: list[tuple[_Row, str]] = []
    th = theatre(country)
    own = th.file("actors.tsv") if th is not None else None
    tiers: list[list[tuple[_Row, str]]] = []
    for path in ([own] if own is not None else []) + global_files("actors.tsv"):
        rows_: list[_Row] = []
        alts_: list[str] = []
        _read_rows(path, rows_, alts_)
        tiers.append([(r, a) for r, a in zip(rows_, alts_)])
    for tier in tiers:
        named += [(r, a) for r, a in tier if r.kind != "generic"]
    for tier in tiers:
        generic += [(r, a) for r, a in tier if r.kind == "generic"]
    rows: list[_Row] = []
    alts: list[str] = []
    for r, a in named + generic:
        alts.append(re.sub(r"^\(\?P<a\d+>", f"(?P<a{len(rows)}>", a))
        rows.append(r)
    if not rows:
        raise WarledgerError("no actor rows in the theatre bundles (warledger/data/theatres/global/actors.tsv); "
                             "reinstall warledger")
    return rows, Scanner(alts)


STATE_FORCES = "State Forces"
MILITARY_OWN = "Military Forces of {country} ({period})"
POLICE_OWN = "Police Forces of {country} ({period})"
_POLICE = re.compile(r"\b(?:police|gendarmerie)\b", re.IGNORECASE)


_GENDARMES = re.compile(r"gendarm", re.IGNORECASE)


@lru_cache(maxsize=1)
def _gendarmeries() -> dict[str, str]:
    return {country: name for country, name in rows("gendarmeries.tsv", 2)}


def _gendarmerie() -> str:
    """The name ACLED gives the gendarmes of the theatre being read (../data/gendarmeries.tsv): its police unless
    listed there."""
    from warledger.theatre.context import current_country
    from warledger.theatre.countries import country_name

    return _gendarmeries().get(country_name(current_country()) or "", POLICE_OWN)


def _own_demonym(words: str) -> bool:
    """Whether ``words`` begin with a demonym of the theatre being read ("Iraqi police" in Iraq)."""
    from warledger.theatre import theatre
    from warledger.theatre.context import current_country
    from warledger.theatre.countries import country_name

    cc = current_country()
    th = theatre(cc)
    first = words.split()[0].lower() if words.split() else ""
    if th is not None:
        return any(first == d.lower() for d in th.demonyms)
    return _demonym_of_name(first, (country_name(cc) or "").lower()) if cc else False


def _demonym_of_name(word: str, name: str) -> bool:
    """Whether ``word`` is, by its spelling, the demonym of the country called ``name`` (both lower case), for
    countries with no bundle to list their demonyms: the name with an ending ("venezuela" -> "venezuelan",
    "chad" -> "chadian"), the name's beginning ("thai" of "thailand"), or all but the name's last two letters
    ("leban" of "lebanon" -> "lebanese", "turk" of "turkey" -> "turkish")."""
    if len(word) < 4 or len(name) < 4 or " " in name:
        return False
    common = len(os.path.commonprefix([word, name]))
    return word.startswith(name) or name.startswith(word) or common >= max(4, len(name) - 2)


def _demonym_state(words: str) -> Optional[str]:
    """The ACLED name of the theatre (not the one being read) whose demonym ``words`` begin with ("Kenyan troops"
    -> "Kenya"); None when no theatre's."""
    from warledger.theatre import theatres
    from warledger.theatre.context import current_country

    first = words.split()[0].lower() if words.split() else ""
    return next((th.name for cc, th in theatres().items() if cc != current_country()
                 and any(first == d.lower() for d in th.demonyms)), None) or _period_state(first)


def _period_state(word: str) -> Optional[str]:
    """The state, as its forces' ACLED base name writes it ("the Republic of Congo"), of the one state with actor
    periods (a bundle's listed demonyms are read before) whose one-word name ``word`` spells as a demonym ("azerbaijani" -> "Azerbaijan", "togolese"
    -> "Togo"): a foreign state's forces in any theatre, or any state's when the note's country is not known yet.
    None when no state's or two states' ("malaysian" is nearer Malaysia than Malawi, and wins), when the word only
    shares a beginning with a name and has no demonym's ending ("liberation" is not Liberian), and when it is the
    first word of a state's longer name ("dominican", "saudi", "democratic": not read here)."""
    from warledger.theatre import root_key

    states, first_words = _period_states(root_key())
    if word in first_words:
        return None
    scored: dict[int, set[str]] = {}
    for name, state in states.items():
        if " " in name or not _demonym_of_name(word, name):
            continue
        if not (word.startswith(name) or name.startswith(word) or _DEMONYM_END.search(word)):
            continue
        scored.setdefault(len(os.path.commonprefix([word, name])), set()).add(state)
    best = scored[max(scored)] if scored else set()
    return next(iter(best)) if len(best) == 1 else None


# the endings of English demonyms that do not begin with their state's whole name ("Lebanese", "Turkish", "Omani")
_DEMONYM_END = re.compile(r"(?:an|ese|i|ish|ic|ch|ite|ine|ino|er|ois)$")


@lru_cache(maxsize=4)
def _period_states(key: tuple[str, ...]) -> tuple[dict[str, str], frozenset[str]]:
    """(lower-case state name -> the state as its military's ACLED base name writes it, for every state with actor
    periods (../data/theatres/*/actor_periods.tsv); the first words of every state's name of two words or more)."""
    from warledger.theatre import table_rows
    from warledger.theatre.actors import period_rows
    from warledger.theatre.countries import COUNTRY_CODES_TSV, COUNTRY_COLUMNS

    prefix = "Military Forces of "
    states = {r.country.lower(): r.base[len(prefix):] for r in period_rows() if r.base.startswith(prefix)}
    return states, frozenset(
        cols[0].split()[0].lower() for _, cols in table_rows(COUNTRY_CODES_TSV, COUNTRY_COLUMNS) if " " in cols[0])


def _lex() -> tuple[list[_Row], Scanner]:
    from warledger.theatre import root_key, theatre
    from warledger.theatre.context import current_country

    th = theatre(current_country())  # countries without a bundle of their own share the global lexicon
    return _lexicon(th.iso2 if th is not None else None, root_key())


_ANTI_OR_PRO_BEFORE = re.compile(r"\b(?:anti|pro)[- ]?$", re.IGNORECASE)
# no actor's name in a report runs longer (ACLED's longest are about 120 characters): a name pattern is tried on at
# most this many characters from each word start, so a hostile run of hyphenated words costs linear time
LONGEST_NAME = 1000


# An actor's name ends at a paragraph break (segment.PARAGRAPH_BREAK): "Ain Rumman\n\nThe Syrian\n\nArmy" is no unit's
# name, and "Syrian Democratic\n\nForces" no alias.  The lexicon's patterns write their spaces as ``\s+``; rather
# than rewrite every row (and slow the Scanner), a span is scanned one paragraph at a time (segment.paragraph_pieces),
# and two mentions on either side of a break are never joined into one.
_NAME_WORDS = re.compile(r"(?:[A-Z][\w’']*(?:[- ]+|$))+")


def _group_words(words: str) -> str:
    """The capitalised words that name a group in a mention ("Al-Awad tribesmen" -> "Al Awad")."""
    m = _NAME_WORDS.match(words)
    name = re.sub(r"[-\s]+", " ", m.group(0) if m else words).strip()
    return re.sub(r"\s+(?:Tribal|Clan|Communal)(?:\s+Militias?)?$", "", name)


def _raw_mentions(text: str, start: int, end: int) -> list[ActorMention]:
    out: list[ActorMention] = []
    rows, rx = _lex()
    for m in (m for a, b in paragraph_pieces(text, start, end) for m in rx.finditer(text, a, b, longest=LONGEST_NAME)):
        idx = int(rx.group(m)[1:]) if m.lastgroup else -1
        if idx < 0:
            continue
        if _ANTI_OR_PRO_BEFORE.search(text, max(start, m.start() - 6), m.start()):
            continue  # "anti-Houthi forces", "anti-IS operations", "pro-Turkey factions": the side named is the
            # enemy or the patron of the actor, not the actor (a patron's proxies have rows of their own)
        row = rows[idx]
        name = m.group(0) if row.name == "{text}" else row.name  # a unit named in the text itself
        faction = name if row.name == "{text}" else row.faction
        family = row.family
        if "{named}" in row.name:  # "Al Awad tribesmen": the group named by its own words
            name = row.name.replace("{named}", _group_words(m.group(0)))
        elif row.name == STATE_FORCES and _own_demonym(m.group(0)):
            # "Velorian soldiers" in Veloria: the theatre's own state forces
            name = POLICE_OWN if _POLICE.search(m.group(0)) else MILITARY_OWN
            family = "gov"
        elif row.name == POLICE_OWN and _GENDARMES.match(m.group(0)):
            name = _gendarmerie()  # "gendarmes": the state's police, or the name ACLED gives its gendarmerie
        elif row.name == STATE_FORCES and (state := _demonym_state(m.group(0))) is not None:
            # "Kenyan troops" in Somalia: the forces of the theatre whose demonym it is, with that state's period
            name = ("Police" if _POLICE.search(m.group(0)) else "Military") + f" Forces of {state} ({{period}})"
        out.append(ActorMention(name, m.start(), m.end(), f"theatres/{row.bundle}/actors.tsv:{row.line}", faction,
                                family, row.kind))
    return out


def find_actors(text: str, start: int = 0, end: Optional[int] = None) -> list[ActorMention]:
    """Every actor mention in ``text[start:end]``, in text order (see :func:`_find_actors`)."""
    from warledger.theatre.context import current_country
    return list(_find_actors(text, start, len(text) if end is None else end, current_country()))


_CODED_AS = bound_to_paragraph(re.compile(r"\s*(?:(?:forces|fighters|troops|units|elements)\b)?[\s'’\"”]*\(\s*(?:coded|recorded|counted)\s+as\s+(?:the\s+)?", re.IGNORECASE))


_BRACKET_OPEN = re.compile(r"\s*\(\s*")


@lru_cache(maxsize=64)  # classification and actor assignment both read the same clause
def _find_actors(text: str, start: int, end: int, country: Optional[str] = None) -> tuple[ActorMention, ...]:
    """Every actor mention in ``text[start:end]``, in text order.

    A generic word ("gunmen", "soldiers", "militants") right after a named actor ("IS gunmen") is folded
    into it; on its own it stands for an unidentified armed group (or, for "soldiers"/"army", state forces).
    """
    raw = _raw_mentions(text, start, end)
    out: list[ActorMention] = []
    for m in raw:
        if out and crosses_paragraph(text, out[-1].end, m.start):
            out.append(m)  # a name and a word of the next paragraph are never one mention
            continue
        if out and _CODED_AS.fullmatch(text, out[-1].end, m.start):
            # "anti-Houthi forces (coded as Giants Brigade)": the monitor's own coding names the actor
            prev = out[-1]
            out[-1] = ActorMention(m.name, prev.start, m.end, m.rule, m.faction, m.family, m.kind)
            continue
        if out and m.name == out[-1].name and _BRACKET_OPEN.fullmatch(text, out[-1].end, m.start) and \
                text.startswith(")", m.end):
            prev = out[-1]  # "Boko Haram (JAS)": the name and its short form in brackets are one mention
            out[-1] = ActorMention(prev.name, prev.start, m.end + 1, prev.rule, prev.faction, prev.family, prev.kind)
            continue
        if m.kind == "generic" and out:
            prev = out[-1]
            if prev.kind == "armed" and prev.end <= m.start and JOIN_GAP.match(text[prev.end:m.start]):
                out[-1] = ActorMention(prev.name, prev.start, m.end, prev.rule, prev.faction, prev.family,
                                       prev.kind)
                continue
        if out and out[-1].kind == "armed" and m.kind == "armed" and (
                BARE_GROUP.match(text, m.start, m.end) or m.name in DESCRIPTORS) and \
                not text[out[-1].end:m.start].strip(" ’'s)”\"»"):
            continue  # "Al Fath Al Mubeen Operation Room factions", "Olive Branch rebel and Islamist factions": one
        if out:
            prev = out[-1]
            gap = text[prev.end:m.start]
            if m.kind == "armed" and prev.kind != "civilian" and (UMBRELLA_GAP.match(gap) or (
                    "Operation" in m.name and UNDER_GAP.match(gap))):
                out[-1] = ActorMention(m.name, prev.start, m.end, m.rule, prev.faction or m.faction, m.family, m.kind)
                joint = PRO_TAIL.sub("", text[out[-2].end:prev.start]) if len(out) > 1 else ""
                if len(out) > 1 and SET_OFF.search(gap) and out[-2].armed and (
                        COORD.match(joint) or SUPPORTED_GAP.match(joint)):
                    # "A's troops and B's fighters, operating under C": A and B together are the operation C
                    out[-2:] = [ActorMention(m.name, out[-2].start, m.end, m.rule, out[-1].faction, m.family, m.kind)]
                continue
            if m.kind == "armed" and prev.kind == "generic" and (BELIEVED_GAP.match(gap) or MEMBERS_OF_GAP.match(gap)):
                out[-1] = ActorMention(m.name, prev.start, m.end, m.rule, m.faction, m.family, m.kind)
                continue
        out.append(m)
    return tuple(out)


def family_of(name: str) -> str:
    """The family of an ACLED-style name as the theatre's lexicon gives it ("other" when unknown)."""
    for row in _lex()[0]:
        if row.name == name:
            return row.family
    return "other"


def drop_lexicon_caches() -> None:
    """Mentions cached by text alone hold one theatre's reading: dropped when reading moves to another."""
    _find_actors.cache_clear()


on_switch(drop_lexicon_caches)
