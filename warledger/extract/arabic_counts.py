"""Arabic casualty counts, one sentence at a time (see :mod:`warledger.extract.arabic` for the reading rules).

:func:`sentence_tally` reads the victim groups of one normalised sentence: a casualty word sets the status of
what follows; a victim noun with an optional number is a group; "بينهم/منهم" opens sub-counts that are not
added; named victims ("استشهاد أحمد ...", quoted names, "المدعو ..."), pronouns ("لمقتله": one, "مقتلهما":
two), bare figures ("إصابة 6", "ارتفعت حصيلة الشهداء إلى 5") and the dual ("مدنيين، وهما") each give a figure;
the same noun and figure told again after a new casualty word (a headline glued to its text) is not added.
The result is a :class:`Tally`: status -> category -> (range, normalised span).  Lexicons: ``warledger/data/ar_*.tsv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from warledger.extract.arabic_lex import (GIVEN_NAMES, AMONG_RE, AR, BOUND, COMBINED_RE, COUNT_RE, NUMBER, TRIGGER,
                                          TRIGGER_GLUED_RE, TRIGGER_RE, VICTIM, number_value)
from warledger.extract.numbers import PLAUSIBLE_BOUND
from warledger.record import Range
from warledger.extract.scanner import guarded
from warledger.extract.segment import bound_to_paragraph

__all__ = ["Tally", "first_count", "largest", "sentence_tally"]

# single attacks in this genre stay far below these; larger figures are war or period totals (as the English reader)
_TALLY_KILLED, _TALLY_INJURED = PLAUSIBLE_BOUND["killed"], PLAUSIBLE_BOUND["injured"]

# a casualty noun of action followed by a given name: "استشهاد أحمد ..."; common first names and name openers
_TITLE = r"(?:الشاب|الشابة|الطفل|الطفلة|المدني|المدنية|الحاج|الحاجة|المواطن|المواطنة|السيدة)\s+"
_NAMED_RE = guarded(re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?P<w>استشهاد|مقتل|وفاه|وفاة|اصابة|اصابه)\s+"
                       rf"(?:{_TITLE})?(?P<name>{GIVEN_NAMES})(?![{AR}])"))
# more named victims joined to the first by "و": "استشهاد أحمد العلي 30 عاماً وخالد الحسن": each given name
# (after up to four words of the last one's name and an age) is one more person.  The words of a name do not
# start with "و" and are not the small words that end it ("في", "جراء", ...): "استشهاد أحمد وإصابة خالد" is one
# Normalised, the preposition "على" is written as the name "علي": it is the name (a father's or grandfather's, the
# last word of one) when an age or the next named victim follows it ("... شيخ علي 12 عاماً وعبد الله ..."), which the
# preposition never governs
_ALI_NAME = rf"علي(?=\s*\(?\s*\d|\s*,?\s*و\s*(?:{_TITLE})?(?:{GIVEN_NAMES})(?![{AR}]))"
_NAME_WORD = (rf"\s+(?!(?:في|من|(?!{_ALI_NAME})علي|الي|جراء|اثر|نتيجة|بعد|قبل|خلال|عن|مع|بسبب|عند|بين|اليوم|امس|كما|حيث)(?![{AR}]))"
              rf"(?!و)[{AR}]+")
_AND_NAMED = guarded(re.compile(rf"(?:{_NAME_WORD}){{0,4}}?(?:\s*\(?\s*\d{{1,3}}\s*(?:عاما|عام|سنة|سنه)?\s*\)?)?"
                                rf"\s*,?\s*و\s*(?P<t>{_TITLE})?(?:{GIVEN_NAMES})(?![{AR}])"))
# "المدعو حامد ...": a title that is always followed by one person's name
_CALLED_RE = re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?P<w>استشهاد|مقتل|وفاه|وفاة|اصابة|اصابه)\s+(?:كل\s+من\s+)?"
                        rf"(?P<name>(?:المدعو|المدعوه|المدعوة)\s+[{AR}]+)")
# named victims in quotes after a casualty noun: 'مقتل كل من "..." و"..."', 'استشهاد المدنيين "..., و..."'; each
# quoted name (or each name in a quoted, comma-separated list) is one person
_QUOTED_RE = re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?P<w>استشهاد|مقتل|وفاه|وفاة|اصابة|اصابه|جرح)\s+(?:كل\s+من\s+)?"
                        rf"(?:(?:ال)?(?:مدنيين|مدنيان|شابين|شابان|مواطنين|مواطنان|شقيقين|شقيقان|صحفيين|صحفيان)\s+)?"
                        rf"(?P<name>[\"“«][^\"”»\n]{{3,120}}[\"”»](?:\s*,?\s*و?\s*[\"“«][^\"”»\n]{{3,60}}[\"”»])*)")
_QUOTED_ITEM = re.compile(r"[\"“«]([^\"”»]+)[\"”»]")
_NAME_ITEM = re.compile(rf"[{AR}گچپژکی]+(?:\s+[{AR}گچپژکی]+){{0,4}}(?:\s*/?\s*\d{{1,3}}\s*(?:عاما|عام|سنة|سنه)?)?")
_NAME_SEP = re.compile(rf"\s*,\s*(?:و\s*)?|\s+و(?=[{AR}])")
# a casualty noun of action with a pronoun: "ما أدى لمقتله" (his death: one), "بعد مقتلهما" (their death: two);
# "متأثرا بإصابته" names the wounds of someone killed, not an injury
_PRONOUN_RE = guarded(re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?:(?P<k>مقتل|استشهاد|وفات|مصرع)|(?<!متاثرا\sب)(?<!متاثرا\sل)(?P<i>اصابت))"
                         rf"(?P<p>هما|ها|ه)(?![{AR}])"))
# a figure with no victim noun: "أسفر عن إصابة 6." (a casualty noun of action, then the bare number) and
# "ارتفعت حصيلة الجرحى إلى 6" (a toll word and its new figure)
_BARE_COUNT = guarded(re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?:(?P<k>مقتل|استشهاد)|(?P<i>اصابة|اصابه|جرح))\s+(?P<num>{NUMBER})"
                         rf"(?=\s*(?:[.,:]|$)|\s+(?:اخرين|اخرون|بجروح|بجراح|جراء|اثر|بقصف)(?![{AR}]))"))
_BARE_TOLL = re.compile(rf"(?<![{AR}])(?:حصيلة|حصيله|عدد)\s+(?:ال)?(?:(?P<k>شهداء|قتلي|ضحايا|الوفيات)|(?P<i>جرحي|مصابين|اصابات))"
                        rf"(?:\s*:?\s*|[^.\n]{{0,80}}?(?<![{AR}])(?:الي|ل)\s*)(?P<num>{NUMBER})(?![\d{AR}])")
# a first or final toll with a bare figure, of the status in force: "راح ضحيتها في حصيلة أولية 12"
_BARE_PRELIM = re.compile(rf"(?<![{AR}])(?:ك|في\s+)?(?:حصيلة|حصيله)\s+(?:اولية|اوليه|اولي|نهائية|نهائيه|غير\s+نهائية)\s*:?\s*"
                          rf"(?P<num>\d{{1,4}})(?![\d/.:-])(?!\s*(?!و)[{AR}])")
# "استشهاد مدنيين، وهما: ...", "مدنيين أحدهما طفلة", "شخصين بينهما امرأة": a dual pronoun after it (هما and the
# duals of "one of", "both", "among", "of": أحدهما/إحداهما، كلاهما، بينهما، منهما) fixes a plural-looking noun at two
_DUAL_AFTER = re.compile(rf"\s*,?\s*(?:و)?(?:هما|احدهما|احداهما|كلاهما|كليهما|بينهما|منهما)(?![{AR}])")
_TRIGGERS = '|'.join(sorted(TRIGGER, key=len, reverse=True))
_AND_TRIGGER = re.compile(rf"\s*و\s*(?P<w>{_TRIGGERS})(?![{AR}])")
# a pool and its parts told with a casualty verb and "of them": "استهداف ثلاثة أطفال، قتل منهم طفل وأصيب اثنان" (three
# children hit: one killed, two injured).  The pool before the verb is no count of that status; each part after the
# verb is (a victim noun, or a bare figure: "استشهد منهم اثنان"), and so is a bare figure after another casualty verb
# joined by "و" to the first part ("... وأصيب اثنان").
_OF_THEM = re.compile(rf"\s*(?:منهم|منهن|منهما)(?![{AR}])")
_OF_THEM_PART = re.compile(rf"(?:[وف])?(?P<w>{_TRIGGERS})\s+(?:منهم|منهن|منهما)\s+(?:(?P<num>{NUMBER})(?![\d{AR}]))?")
_NEXT_PART = re.compile(rf"\s*,?\s*و\s*(?P<w>{_TRIGGERS})\s+(?P<num>{NUMBER})(?![\d{AR}])")
_NOT_PEOPLE = bound_to_paragraph(re.compile(rf"(?<![{AR}])(?:ال)?(?:دفاع|مجتمع|طيران|سجل|قطاع|حراك|مرصد)\s+$"))

# the people a vehicle carried, not victims: "شاحنة تقل 5 عمال", "حافلة تحمل 20 راكباً" (but "لا يقل عن 5": at least 5)
_CARRYING = re.compile(rf"(?<![{AR}])(?<!لا\s)(?:تقل|يقل|تقلان|تحمل|يحمل|متنها|متنه)\s+$")
# the attackers, not victims: "على يد عناصر قسد", "من قبل عناصر", "برصاص جنود"
_BY_HAND = re.compile(rf"(?<![{AR}])(?:علي\s+يد|علي\s+ايدي|بيد|من\s+قبل|برصاص|بنيران)\s+$")
_BETWEEN = re.compile(rf"\s*,?\s*(?:ما\s+)?بين\s+(?:قتيل|قتلي|شهيد|شهداء)\s+و\s*(?:جريح|جرحي|مصاب|مصابين)(?![{AR}])")
# "في صفوف هيئة تحرير الشام" (in the ranks of an armed side), not "في صفوف المدنيين"
_IN_RANKS = re.compile(rf"\s*(?:في|من)\s+صفوف\s+[\"“«]?(?!(?:ال)?(?:مدنيين|مواطنين|اهالي|اهل|سكان|اطفال|نساء|مدني)(?![{AR}]))")
# a noun that governs the next one (construct state): "أبناء زوجها" (her husband's sons), "منزل والده"
_OF_KIN = re.compile(rf"(?<![{AR}])(?:ابناء|ابن|ابنة|بنت|اخ|اخت|شقيق|شقيقة|والد|والدة|زوج|زوجة|احد|احدي|اقارب|عائلة|منزل|"
                     rf"بيت|سيارة|خيمة|جثمان|جثة|قبر)\s+$")
_OF_RE = re.compile(r"\s*(?:من|في\s+صفوف)\s*")
# a figure that is a toll's new total: "ارتفاع عدد الشهداء إلى 10 مدنيين", "ارتفاع ضحايا المجزرة ... إلى 6 قتلى"
_TOLL_BEFORE = re.compile(rf"(?<![{AR}])(?:[وف])?(?:[بل])?(?:ارتفاع|ارتفع|ارتفعت|يرتفع|ترتفع)(?![{AR}])[^.\n]{{0,80}}?"
                          rf"(?<![{AR}])(?:الي|ل)\s*$")
# the people someone was killed with: "ارتقاء فلان برفقة 3 أشخاص" (four dead), "قتلته ... مع ثلاثة من زملائه" (he and
# three of his colleagues: four); the companions' figure, then a victim noun or "من" + a noun with a pronoun suffix
_COMPANION = guarded(re.compile(rf"(?<![{AR}])(?:و)?(?:برفقة|رفقة|مع)\s+(?P<num>{NUMBER})\s+"
                                rf"(?:(?P<of>من\s+[{AR}]+?(?:هما|هم|ها|ه))(?![{AR}])|(?=[{AR}]))"))
# "أن" (that) before a clause's subject: "رغم أن ...", "علماً أن ...", "بأن ...", "لأن ..."
_THAT_BEFORE = re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?ان\s+$")
_SPACES = re.compile(r"\s+")
_GAP = re.compile(r"\s*")
# between a group and a casualty verb that follows it: spaces, or "another" ("وطفل آخر أصيب")
_TO_VERB = re.compile(r"\s+(?:(?:ال)?(?:اخر|اخري|اخران|اخريان|اخرون|اخرين)\s+)?")
_OTHERS = re.compile(r"^(?:ال)?(?:اخر|اخري|اخرين|اخرون|اخريات)$")  # "... و3 آخرين": more people, not the toll's
_STEM = re.compile(r"(?:ين|ون|ان|ا)$")
_PEOPLE = ("children", "women", "men")
_JOINED = re.compile(r"\s*و\s*(?:ال)?")  # "5 أطفال ونساء", "أطفال والنساء": the second group joined to the figure  # case endings: "آخرين" and "آخرون" are one noun


@dataclass
class _Group:
    cat: str
    status: Optional[str]
    rng: Optional[Range]
    span: tuple[int, int]          # normalised offsets
    subs: list["_Group"] = field(default_factory=list)
    noun: str = ""                 # the victim noun as written, without prefixes (restatements repeat it)
    toll: bool = False             # a toll ("ارتفع عدد الشهداء إلى 5"): the total so far, not one more group
    mixed: tuple[str, ...] = ()    # "5 أطفال ونساء": the figure counts these categories together, none alone
    own: bool = False              # the noun states the status itself ("شهيد": killed)


@dataclass
class Tally:
    """Counts read from one sentence: status -> category -> (range, normalised span)."""

    counts: dict[str, dict[str, tuple[Range, tuple[int, int]]]] = field(default_factory=dict)
    vague: set[tuple[str, str]] = field(default_factory=set)  # (status, category) named with no figure: "بينهم أطفال"
    mixed: set[tuple[str, str]] = field(default_factory=set)  # (status, "children+women"): one figure for two groups

    def empty(self) -> bool:
        return not any(self.counts.values())


def _range(m: re.Match[str]) -> Optional[Range]:
    """The range a :data:`COUNT_RE` match states (None when a plural noun has no number)."""
    noun = re.sub(r"\s+", " ", m.group("noun"))
    _, _, count = VICTIM[noun]
    num = m.group("num") or m.group("num2")
    if num is None:
        if count == "N":
            # "مدنيين" is also the dual "مدنيَّين": "استشهاد مدنيين، وهما ..." names two
            return Range.exact(2) if _DUAL_AFTER.match(m.string, m.end()) else None
        n, vague = int(count), False
    else:
        v, vague = number_value(num)
        if v is None:
            return None
        n = v
    bound = BOUND.get(re.sub(r"\s+", " ", m.group("bound"))) if m.group("bound") else None
    if m.group("post"):
        bound = "atleast"
    if vague:
        return Range(n, n, None)
    if num is None and bound is None:
        return Range.exact(n)
    if bound == "above":
        return Range(n + 1, None, None)
    if bound == "atleast":
        return Range(n, None, None)
    if bound == "about":
        return Range(None, n, None)
    if bound == "atmost":
        return Range(None, None, n)
    return Range.exact(n)


def _add(a: Optional[Range], b: Optional[Range]) -> Optional[Range]:
    if a is None:
        return b
    if b is None:
        return a
    def s(x: Optional[int], y: Optional[int]) -> Optional[int]:
        return None if x is None or y is None else x + y
    lo = s(a.low if a.low is not None else a.best, b.low if b.low is not None else b.best)
    best = s(a.value(), b.value())
    return Range(lo, best, s(a.high, b.high))


_Tok = tuple[int, int, str, re.Match[str]]  # start, end, kind ("count", "trigger", "among", "named", ...), match


def _key(words: str) -> str:
    """A lexicon key: the words with each run of spaces as one space."""
    return re.sub(r"\s+", " ", words)


def _victim_counts(ns: str, a: int, b: int) -> list[re.Match[str]]:
    """The victim nouns of ``ns[a:b]`` that are groups of their own (not "بين قتيل وجريح", "قتيلاً وجريحاً")."""
    counts: list[re.Match[str]] = []
    skip_to = -1
    for m in COUNT_RE.finditer(ns, a, b):
        if m.start() < skip_to:
            continue
        between = _BETWEEN.match(ns, m.end())
        if between is not None:  # "37 مدنياً بين قتيل وجريح": killed and injured together
            skip_to = between.end()
            continue
        status = _status_clause(ns, m)
        if status is not None:  # "رغم أن الشابين مدنيان": what the victims were, not more victims
            skip_to = status
            continue
        if m.group("num") and VICTIM[_key(m.group("noun"))][1] != "-":
            combined = COMBINED_RE.match(ns, m.end())
            if combined is not None:  # "40 قتيلاً وجريحاً": killed and injured together, neither alone
                skip_to = combined.end()
                continue
        counts.append(m)
    return counts


def _status_clause(ns: str, m: re.Match[str]) -> Optional[int]:
    """Where a clause stating the victims' status ends ("أن الشابين مدنيان", "بأن الضحيتين مدنيون": that the two
    young men were civilians), when ``m`` is its subject: a bare noun with the article right after "أن", followed
    by a bare civilian noun; else None.  The people it speaks of are counted where their death is told."""
    if m.group("num") or m.group("num2") or m.group("bound") or "ال" not in m.group("pre") or \
            _THAT_BEFORE.search(ns, max(0, m.start() - 8), m.start()) is None:
        return None
    gap = _SPACES.match(ns, m.end())
    nxt = COUNT_RE.match(ns, gap.end()) if gap is not None else None
    if nxt is None or nxt.group("num") or nxt.group("num2") or nxt.group("bound") or nxt.group("pre") or \
            VICTIM[_key(nxt.group("noun"))][0] != "civilians":
        return None
    return nxt.end()


def _add_named(ns: str, b: int, trig_starts: list[int], toks: list[_Tok], covered: list[tuple[int, int]]) -> dict[int, str]:
    """Add the named victims after each casualty word to ``toks`` (and their names to ``covered``).

    Returns each name's category by where it starts, from the title before it ("الطفل أحمد": a child)."""
    named_cat: dict[int, str] = {}
    for rx in (_NAMED_RE, _CALLED_RE, _QUOTED_RE):
        for m in (x for p in trig_starts if (x := rx.match(ns, p, b)) is not None):
            if not any(x <= m.start("name") < y for x, y in covered):
                # "المواطن محمد ...": the title and the name are one person (the title is not counted again)
                titles = [t for t in toks if t[2] == "count" and m.start("w") < t[0] < m.start("name")]
                toks[:] = [t for t in toks if t not in titles]
                title_cat = VICTIM[_key(titles[0][3].group("noun"))][0] if titles else "persons"
                named_cat[m.start("name")] = title_cat if title_cat in ("children", "women", "men") else "persons"
                toks.append((m.start("name"), m.end("name"), "named", m))
                covered.append((m.start("name"), m.end("name")))
    return named_cat


def _quoted_toll(ns: str, m: re.Match[str]) -> bool:
    """The quotes after a casualty word hold a toll, not names: a victim noun with a figure, or one that counts two or
    more ('أدت إلى مقتل "أربعة مدنيين، هم رجل وامرأة وطفلان"'); its groups are read as counts, each once."""
    for v in COUNT_RE.finditer(ns, m.start("name"), m.end("name")):
        if v.group("num") is not None or v.group("num2") is not None or VICTIM[_key(v.group("noun"))][2] != "1":
            return True
    return False


def _bare_figures(ns: str, a: int, b: int, trig_starts: list[int], covered: list[tuple[int, int]]) -> list[_Tok]:
    """Figures with no victim noun: "إصابة 6." after a casualty word, tolls, first or final tolls."""
    toks: list[_Tok] = []
    for rx in (_BARE_COUNT, _BARE_TOLL, _BARE_PRELIM):
        found = (x for p in trig_starts if (x := rx.match(ns, p, b)) is not None) if rx is _BARE_COUNT else rx.finditer(ns, a, b)
        for m in found:
            if not any(x <= m.start("num") < y for x, y in covered) and number_value(m.group("num"))[0] is not None:
                toks.append((m.start("num"), m.end("num"), "bare", m))
    for m in (x for p in trig_starts if (x := _OF_THEM_PART.match(ns, p, b)) is not None):
        first = COUNT_RE.match(ns, m.end(), b) if m.group("num") is None else m
        nxt = _NEXT_PART.match(ns, first.end(), b) if first is not None else None
        for part in (m, nxt):
            if (part is not None and part.group("num") is not None and number_value(part.group("num"))[0] is not None
                    and not any(x <= part.start("num") < y for x, y in covered)):
                toks.append((part.start("num"), part.end("num"), "bare", part))
    return toks


def _tokens(ns: str, a: int, b: int) -> tuple[list[_Tok], dict[int, str]]:
    """The tokens of the sentence ``ns[a:b]`` in text order, and each named victim's category (see :func:`_add_named`)."""
    counts = _victim_counts(ns, a, b)
    toks: list[_Tok] = [(m.start(), m.end(), "count", m) for m in counts]
    covered = [(m.start(), m.end()) for m in counts]
    trig_starts: list[int] = []  # where casualty words start: the named-victim and bare-figure patterns begin there
    for m in TRIGGER_RE.finditer(ns, a, b):
        trig_starts.append(m.start())
        if not any(s <= m.start() < e for s, e in covered):
            toks.append((m.start(), m.end(), "trigger", m))
    toks.extend((m.start(), m.end(), "among", m) for m in AMONG_RE.finditer(ns, a, b))
    named_cat = _add_named(ns, b, trig_starts, toks, covered)
    toks.extend((m.start(), m.end(), "pronoun", m) for m in _PRONOUN_RE.finditer(ns, a, b))
    toks.extend(_bare_figures(ns, a, b, trig_starts, covered))
    toks.sort(key=lambda t: t[0])
    return toks, named_cat


@dataclass(frozen=True)
class _Noun:
    """A victim noun met in the sentence (a :data:`COUNT_RE` match) with its lexicon row."""

    s: int
    e: int
    m: re.Match[str]
    cat: str    # civilians, persons, children, women, men, fighters, others
    own: str    # the status the noun states itself ("شهيد": killed), or "-"
    count: str  # how many the noun alone means: "1", "2" or "N" (a plural)

    @property
    def bare(self) -> bool:
        """No figure with the noun."""
        return self.m.group("num") is None and self.m.group("num2") is None


@dataclass
class _Reading:
    """Reading one sentence's tokens left to right: the status in force and the groups read so far."""

    ns: str
    a: int
    b: int
    named_cat: dict[int, str]
    status: Optional[str] = None
    heads: list[_Group] = field(default_factory=list)
    pending: list[_Group] = field(default_factory=list)  # groups read before any casualty word: "طفل وامرأتان أصيبوا"
    in_sub: bool = False
    top: Optional[_Group] = None  # the last group that is not a sub-count
    skip_trigger: int = -1
    last_trigger: int = -10**6
    names_end: int = -1  # the end of the last list of named victims: the titles and names in it are read
    of_them_end: int = -1  # the end of the last "قتل منهم" (of them): what follows is a part, not a sub-count
    pool_cat: str = "persons"  # the category of the people "منهم" speaks of: a bare figure of a part is of them

    def read(self, tok: _Tok) -> None:
        s, e, kind, m = tok
        if kind in ("count", "named") and s < self.names_end:
            return
        if kind == "trigger":
            self.trigger(s, e, m)
        elif kind == "among":
            self.in_sub = self.top is not None and s >= self.of_them_end
        elif kind == "pronoun":
            self.pronoun(s, e, m)
        elif kind == "bare":
            self.bare_figure(s, e, m)
        elif kind == "named":
            self.named(s, e, m)
        else:
            cat, own, count = VICTIM[_key(m.group("noun"))]
            self.noun(_Noun(s, e, m, cat, own, count))

    def settle_pending(self, status: Optional[str]) -> None:
        """The groups read before a casualty word take its status."""
        for g in self.pending:
            g.status = status
            self.heads.append(g)
        self.pending = []

    def trigger(self, s: int, e: int, m: re.Match[str]) -> None:
        """A casualty word: the status of what follows."""
        if s < self.skip_trigger:
            return
        status = TRIGGER[_key(m.group("w"))]
        self.verb_after(s, e, status)
        self.status = status
        self.last_trigger = e
        if self.top is not None and self.top.status not in (None, status):
            self.top = None  # "قتلت طفلة، وأصيب شقيقاها (طفلة وشاب)": a list after a new casualty word is not the girl's
        both = _AND_TRIGGER.match(self.ns, e)
        if both is not None and not self.pending and TRIGGER.get(_key(both.group("w"))) not in (None, status):
            self.status, self.skip_trigger = "combined", both.end()  # "قتل وجرح 20 شخصاً": one figure for both
        if self.of_them(e, status):
            return
        self.settle_pending(self.status)
        self.in_sub = False

    def of_them(self, e: int, status: str) -> bool:
        """"ثلاثة أطفال، قتل منهم طفل": the groups before the verb are the pool (not counted with its status: they
        were hit, not all killed), what follows is one part of it, a group of its own.  Not after a group of the
        verb's own status ("5 شهداء، قتل منهم" would be the sub-counts of that group)."""
        m = _OF_THEM.match(self.ns, e)
        if m is None or (self.top is not None and self.top.status == status and self.top not in self.pending):
            return False
        pool = self.pending[-1] if self.pending else self.top
        self.pool_cat = pool.cat if pool is not None else "persons"  # "عناصر داعش ... قتلت منهم 5": five of them
        self.pending, self.top, self.in_sub, self.of_them_end = [], None, False, m.end()
        return True

    def verb_after(self, s: int, e: int, status: str) -> None:
        """"قتل شابان ... و3 مدنيين أصيبوا": a casualty verb right after a group that is not the first of the last
        casualty word's, and that governs no figure of its own, gives that group its status (the noun came first)."""
        g = self.top
        if (g is None or g.own or g.status in (None, status) or g.status not in ("killed", "injured") or self.in_sub
                or _TO_VERB.fullmatch(self.ns, g.span[1], s) is None):
            return
        gap = _GAP.match(self.ns, e)
        if gap is not None and COUNT_RE.match(self.ns, gap.end(), self.b) is not None:
            return  # "قتل شابان وامرأة أصيب طفل": the verb governs the noun after it
        first = next((h for h in self.heads if h.span[0] >= self.last_trigger), None)
        if first is not None and first is not g:
            g.status = status

    def pronoun(self, s: int, e: int, m: re.Match[str]) -> None:
        """"ما أدى لمقتله": the people just named, else as many as the pronoun says."""
        st = "killed" if m.group("k") else "injured"
        if self.pending:
            self.settle_pending(st)
        elif not any(h.status == st for h in self.heads):
            g = _Group("persons", st, Range.exact(2 if m.group("p") == "هما" else 1), (s, e))
            self.heads.append(g)
            self.top = g
        self.status, self.in_sub, self.last_trigger = st, False, e

    def bare_figure(self, s: int, e: int, m: re.Match[str]) -> None:
        """"إصابة 6.", "ارتفعت حصيلة الشهداء إلى 5": people, as many as the figure."""
        v, vague = number_value(m.group("num"))
        if m.re in (_OF_THEM_PART, _NEXT_PART):
            st = TRIGGER[_key(m.group("w"))]
        else:
            st = ("killed" if m.group("k") else "injured") if m.re is not _BARE_PRELIM else (self.status or "")
        if st not in ("killed", "injured"):
            return
        cat = self.pool_cat if m.re in (_OF_THEM_PART, _NEXT_PART) else "persons"
        g = _Group(cat, st, Range(v, v, None) if vague else Range.exact(v or 0), (s, e), toll=m.re is _BARE_TOLL)
        self.heads.append(g)
        self.top, self.status, self.in_sub = g, st, False

    def named(self, s: int, e: int, m: re.Match[str]) -> None:
        """"استشهاد أحمد ...": one named person; quoted names: one each."""
        if self.in_sub and self.top is not None and self.top.rng is not None:
            return  # "ثلاث ضحايا وهم: أحمد ...، وخالد ...": the names of people already counted
        n = 1
        if m.re is _QUOTED_RE:
            items = _QUOTED_ITEM.findall(m.group("name"))
            names = items if len(items) > 1 else [x for x in _NAME_SEP.split(items[0]) if x.strip()]
            if not all(_NAME_ITEM.fullmatch(x.strip()) for x in names) or _quoted_toll(self.ns, m):
                return  # a quoted description or statement, not a list of names
            n = len(names)
        g = _Group(self.named_cat.get(s, "persons"), TRIGGER[_key(m.group("w"))], Range.exact(n), (s, e))
        self.heads.append(g)
        pos = m.end("name") if m.re is not _QUOTED_RE else self.b
        while (more := _AND_NAMED.match(self.ns, pos, self.b)) is not None:  # one more named person each
            title = VICTIM.get(_key(more.group("t").strip()[2:])) if more.group("t") else None  # "الطفل": "طفل"
            cat = title[0] if title is not None and title[0] in ("children", "women", "men") else "persons"
            g = _Group(cat, g.status, Range.exact(1), (pos, more.end()))
            self.heads.append(g)
            pos = self.names_end = more.end()
        self.top, self.status, self.in_sub = g, g.status, False

    def noun(self, v: _Noun) -> None:
        """A victim noun: a new group, a sub-count of the last one, or words about the last one."""
        if self.not_a_victim(v):
            return
        if self.joins_figure(v):
            return
        last = self.top
        if (last is not None and v.cat == "fighters" and v.m.group("num") is None and last.cat in ("civilians", "persons")
                and _OF_RE.fullmatch(self.ns, last.span[1], v.s)):
            last.cat = "fighters"  # "3 شهداء من عناصر الفصائل": the martyrs are fighters
            return
        adjacent = (last is not None and v.bare and not v.m.group("pre")
                    and not self.ns[last.span[1]:v.s].strip() and not last.subs)
        if adjacent and last is not None and self.describes(last, v):
            return
        self.new_group(v, adjacent)

    def joins_figure(self, v: _Noun) -> bool:
        """"5 أطفال ونساء", "بينهم 7 نساء وأطفال": a plural with no figure joined by "و" to a figure of another group
        of people (children, women, men) shares that figure: it counts both together, so neither is known alone."""
        if not (v.bare and v.count == "N" and v.cat in _PEOPLE and self.top is not None):
            return False
        prev = self.top.subs[-1] if self.in_sub and self.top.subs else self.top
        if not (prev.rng is not None and prev.cat in _PEOPLE and prev.cat != v.cat and not prev.mixed
                and _JOINED.fullmatch(self.ns, prev.span[1], v.m.start("noun"))):
            return False
        prev.mixed = tuple(sorted((prev.cat, v.cat)))
        return True

    def not_a_victim(self, v: _Noun) -> bool:
        """Words that name no victim: the attackers, a crowd, the Civil Defence, a witness, a relative."""
        ns, s, m, num = self.ns, v.s, v.m, v.m.group("num")
        if v.cat == "others" and v.bare and v.count == "1" and self.status is None and not (self.heads or self.pending):
            return True  # "من ناحية أخرى" (on the other hand), "ليلة أخرى": "another" before any victim or casualty word
        if v.own == "-" and _CARRYING.search(ns, max(self.a, s - 10), s):
            return True  # "شاحنة تقل خمسة عمال": the passengers (who of them was hurt is said after)
        if v.own == "-" and _BY_HAND.search(ns, max(self.a, s - 14), s):
            return True  # "مقتل 3 أشخاص على يد عناصر قسد": the attackers
        if v.own == "-" and num and number_value(num)[1] and s - self.last_trigger > 30:
            return True  # "يتجمع فيه المئات من المدنيين": a vague crowd far from any casualty word is not a toll
        if num is None and _NOT_PEOPLE.search(ns, max(0, s - 12), s):
            return True  # "الدفاع المدني" is the Civil Defence, "المجتمع المدني" civil society
        if (v.bare and v.count != "N" and m.group("pre").endswith(("ال", "ل"))
                and (v.cat in ("fighters", "others") or any(h.cat == v.cat for h in self.heads + self.pending))):
            return True  # "الطفلة ..." names a victim already counted; "العسكري" is mostly an adjective
        if (v.bare and v.count != "N" and v.own == "-"
                and m.group("pre").endswith(("ال", "ل")) and v.cat in ("civilians", "persons") and s - self.last_trigger > 20
                and TRIGGER_RE.search(ns, v.e, min(self.b, v.e + 25)) is None):
            return True  # "أفاد الناشط ...", "قال المسعف ...": a witness or source ("الصحفي الذي استشهد" is a victim)
        if (num is None and not m.group("pre") and m.group("noun").endswith(("ه", "ها", "هم", "هما"))
                and _OF_KIN.search(ns, max(self.a, s - 12), s)):
            return True  # "أحد أبناء زوجها", "منزل والده": a relative named in a genitive, not a victim
        return False

    def describes(self, last: _Group, v: _Noun) -> bool:
        """A noun right after the last group that tells who its people were (and so is no group of its own)."""
        cat, own, count = v.cat, v.own, v.count
        if count == "N" and cat in ("children", "women") and own == "-" and last.cat in ("civilians", "persons") and last.rng is not None:
            last.cat = cat  # "4 شهداء أطفال": the martyrs are children
            return True
        if (count == "1" and cat in ("children", "women", "men") and own == "-"
                and last.rng is not None and last.rng.value() == 1 and last.cat in ("civilians", "persons", "women")
                and VICTIM.get(last.noun, VICTIM.get(last.noun + "ا", ("", "-", "")))[1] != "-"):
            last.cat = cat  # "شهيدة طفلة", "شهيد طفل": one martyr, a child
            return True
        if (cat in ("civilians", "persons", "others") or (cat == "women" and own != "-" and last.cat in ("children", "women"))
                or (count == "1" and own == "-" and cat == last.cat and last.rng is not None and last.rng.value() == 1)):
            # "امرأة مسنة", "رجل مسن": the second noun describes the same person
            if own != "-" and last.status is None and last in self.pending:  # "طفل شهيد", "طفلة شهيدة": a child, killed
                last.status = own
                self.pending.remove(last)
                self.heads.append(last)
                self.status = own
            return True  # "شهيد مدني", "3 شهداء مدنيين": the second noun describes the same people
        return False

    def new_group(self, v: _Noun, adjacent: bool) -> None:
        """A group of its own (or a sub-count of the last: "بينهم 3 أطفال")."""
        cat, own, count, last = v.cat, v.own, v.count, self.top
        g = _Group(cat, own if own != "-" else self.status, _range(v.m), (v.s, v.e), noun=_STEM.sub("", _key(v.m.group("noun"))),
                   own=own != "-")
        if (adjacent and last is not None and own == "-" and cat in ("children", "women", "men") and count in ("1", "2")
                and last.cat in ("civilians", "persons") and last.rng is not None and (last.rng.value() or 0) > int(count)):
            self.in_sub = True  # "3 مدنيين طفلان وامرأة": the figure, then who they were (not added)
        if cat in ("civilians", "persons") and _IN_RANKS.match(self.ns, v.e, self.b):
            g.cat = "fighters"  # "عشرة جرحى في صفوف هيئة تحرير الشام": in an armed side's ranks
        if cat == "others":
            prev = self.heads[-1] if self.heads else None
            g.cat = "fighters" if prev is not None and prev.cat == "fighters" else "civilians"  # "آخرين": other people
            self.in_sub = False
        if self.in_sub and self.top is not None and (own == "-" or own == self.top.status):
            self.top.subs.append(g)
            return
        self.in_sub = False
        if own != "-":
            self.status = own
        if g.status is None:
            self.pending.append(g)
        else:
            self.heads.append(g)
        self.top = g


def _put(out: dict[str, tuple[Range, tuple[int, int]]], cat: str, r: Optional[Range], span: tuple[int, int],
         toll: bool = False, tolled: Optional[set[str]] = None, more: bool = False) -> None:
    """Add a group's figure to its category (a toll replaces a smaller figure instead; a figure no larger than
    a toll read before it (``tolled``: its categories) is part of it, unless it counts others (``more``))."""
    tolled = set() if tolled is None else tolled
    if r is None:
        return
    if cat in out and toll:  # "... وارتفاع عدد الشهداء إلى 12": a toll is a total, not one more group
        if (r.value() or 0) > (out[cat][0].value() or 0):
            out[cat] = (r, span)
        tolled.add(cat)
        return
    if cat in tolled and not more and (r.value() or 0) <= (out[cat][0].value() or 0):
        return  # "ارتفع عدد الشهداء إلى 10، حيث توفي طفل متأثراً بجراحه": the death that raised the toll is in it
    if toll:
        tolled.add(cat)
    if cat in out:
        old_r, old_span = out[cat]
        out[cat] = (_add(old_r, r) or r, (min(old_span[0], span[0]), max(old_span[1], span[1])))
    else:
        out[cat] = (r, span)


def _sub_counts(h: _Group) -> dict[str, tuple[Range, tuple[int, int]]]:
    """A group's sub-counts ("بينهم 3 أطفال") summed by category ("persons" among them are civilians)."""
    subs_by: dict[str, tuple[Range, tuple[int, int]]] = {}
    for sg in h.subs:
        if sg.rng is None or sg.mixed:
            continue  # no figure, or one figure for two groups ("بينهم 5 أطفال ونساء"): no sub-count of either
        c = "civilians" if sg.cat == "persons" else sg.cat
        if c in subs_by:
            subs_by[c] = (_add(subs_by[c][0], sg.rng) or sg.rng, (subs_by[c][1][0], sg.span[1]))
        else:
            subs_by[c] = (sg.rng, sg.span)
    return subs_by


def _put_group(out: dict[str, tuple[Range, tuple[int, int]]], h: _Group, fighter_context: bool, tolled: set[str]) -> None:
    """One group and its sub-counts into the categories of its status (``tolled``: see :func:`_put`)."""
    subs_by = _sub_counts(h)
    if h.cat == "fighters":
        _put(out, "fighters", h.rng, h.span)
        return
    more = bool(_OTHERS.match(h.noun))
    if h.cat in ("persons", "civilians") and ("civilians" in subs_by or "fighters" in subs_by or (
            fighter_context and h.cat == "persons")):
        _put(out, "total", h.rng, h.span, h.toll, tolled, more)
        if "civilians" in subs_by:
            _put(out, "civilians", *subs_by.pop("civilians"))
    else:
        _put(out, "civilians", h.rng, h.span, h.toll, tolled, more)
        if h.cat in ("children", "women", "men") and not h.mixed:
            _put(out, h.cat, h.rng, h.span)
    for c, (r, sp) in subs_by.items():
        if c in ("children", "women", "men", "fighters"):
            _put(out, c, r, sp)


def _tally(ns: str, heads: list[_Group]) -> Tally:
    """The groups of a sentence as counts per status and category."""
    tally = Tally()
    for st in ("killed", "injured"):
        hs = [h for h in heads if h.status == st]
        if not hs:
            continue
        out: dict[str, tuple[Range, tuple[int, int]]] = {}
        tolled: set[str] = set()
        fighter_context = any(h.cat == "fighters" for h in hs)
        for k, h in enumerate(hs):
            if h.noun and h.rng is not None and any(
                    o.noun == h.noun and o.rng == h.rng and o.cat == h.cat and TRIGGER_GLUED_RE.search(ns, o.span[1], h.span[0])
                    for o in hs[:k]):
                continue  # "مقتل 4 أشخاص ... مقتل 4 أشخاص": a headline glued to its own text tells the same deaths again
            tally.vague.update((st, sg.cat) for sg in h.subs if sg.rng is None and sg.cat in ("children", "women", "men"))
            tally.mixed.update((st, "+".join(g.mixed)) for g in [h, *h.subs] if g.mixed)
            _put_group(out, h, fighter_context, tolled)
        if out:
            tally.counts[st] = out
    return tally


def sentence_tally(ns: str, a: int, b: int) -> Tally:
    """Read the casualty groups of one sentence ``ns[a:b]`` (normalised text)."""
    toks, named_cat = _tokens(ns, a, b)
    reading = _Reading(ns, a, b, named_cat)
    for tok in toks:
        reading.read(tok)
    for h in reading.heads:
        if h.rng is not None and _TOLL_BEFORE.search(ns, max(a, h.span[0] - 90), h.span[0]):
            h.toll = True  # "ارتفاع عدد الشهداء إلى 10 مدنيين": the total so far
    _companions(ns, a, b, reading.heads)
    return _tally(ns, reading.heads)


def _companions(ns: str, a: int, b: int, heads: list[_Group]) -> None:
    """Add the people a companion figure leaves out (see :data:`_COMPANION`): "N من زملائه" is N more people when no
    victim noun read the figure; the one they were with is one more when no group of that status was read before."""
    for m in _COMPANION.finditer(ns, a, b):
        n = number_value(m.group("num"))[0]
        if n is None or n >= _TALLY_KILLED:
            continue
        at = next((h for h in heads if h.span[0] <= m.start("num") < h.span[1]), None)
        if at is None and not m.group("of"):
            continue  # "مع 3 ..." with no victim noun read: not a count of people
        before = [h for h in heads if h.span[1] <= m.start() and h.status is not None]
        status = at.status if at is not None else (before[-1].status if before else _status_before(ns, a, m.start()))
        if status is None:
            continue
        if at is None:
            heads.append(_Group("persons", status, Range.exact(n), (m.start("num"), m.end())))
        if not any(h.status == status for h in before):
            heads.append(_Group("persons", status, Range.exact(1), (m.start(), m.start("num"))))


def _status_before(ns: str, a: int, e: int) -> Optional[str]:
    """The status of the last casualty word in ``ns[a:e]`` ("قتلته": killed), or None."""
    last = None
    for t in TRIGGER_RE.finditer(ns, a, e):
        last = t
    return TRIGGER.get(re.sub(r"\s+", " ", last.group("w"))) if last is not None else None


def first_count(tally: Tally, default: int) -> int:
    """Where the first casualty group of a sentence's tally starts (normalised offset)."""
    return min([sp[0] for st in tally.counts.values() for _, sp in st.values()] or [default])


def largest(tally: Tally) -> Optional[int]:
    """The largest figure of a sentence when it is too large for one attack (a war or period total), else None."""
    big = max([(r.value() or 0) for r, _ in tally.counts.get("killed", {}).values()] + [0])
    hurt = max([(r.value() or 0) for r, _ in tally.counts.get("injured", {}).values()] + [0])
    return max(big, hurt) if big >= _TALLY_KILLED or hurt >= _TALLY_INJURED else None
