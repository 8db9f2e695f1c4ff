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

__all__ = ["Tally", "first_count", "largest", "sentence_tally"]

# single attacks in this genre stay far below these; larger figures are war or period totals (as the English reader)
_TALLY_KILLED, _TALLY_INJURED = PLAUSIBLE_BOUND["killed"], PLAUSIBLE_BOUND["injured"]

# a casualty noun of action followed by a given name: "استشهاد أحمد ..."; common first names and name openers
_NAMED_RE = re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?P<w>استشهاد|مقتل|وفاه|وفاة|اصابة|اصابه)\s+"
                       rf"(?:الشاب\s+|الطفل\s+|المدني\s+|الحاج\s+|المواطن\s+)?(?P<name>{GIVEN_NAMES})(?![{AR}])")
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
_PRONOUN_RE = re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?:(?P<k>مقتل|استشهاد|وفات|مصرع)|(?<!متاثرا\sب)(?<!متاثرا\sل)(?P<i>اصابت))"
                         rf"(?P<p>هما|ها|ه)(?![{AR}])")
# a figure with no victim noun: "أسفر عن إصابة 6." (a casualty noun of action, then the bare number) and
# "ارتفعت حصيلة الجرحى إلى 6" (a toll word and its new figure)
_BARE_COUNT = re.compile(rf"(?<![{AR}])(?:[وف])?(?:ب|ل)?(?:(?P<k>مقتل|استشهاد)|(?P<i>اصابة|اصابه|جرح))\s+(?P<num>{NUMBER})"
                         rf"(?=\s*(?:[.,:]|$)|\s+(?:اخرين|اخرون|بجروح|بجراح|جراء|اثر|بقصف)(?![{AR}]))")
_BARE_TOLL = re.compile(rf"(?<![{AR}])(?:حصيلة|حصيله|عدد)\s+(?:ال)?(?:(?P<k>شهداء|قتلي|ضحايا|الوفيات)|(?P<i>جرحي|مصابين|اصابات))"
                        rf"(?:\s*:?\s*|[^.\n]{{0,80}}?(?<![{AR}])(?:الي|ل)\s*)(?P<num>{NUMBER})(?![\d{AR}])")
# a first or final toll with a bare figure, of the status in force: "راح ضحيتها في حصيلة أولية 12"
_BARE_PRELIM = re.compile(rf"(?<![{AR}])(?:ك|في\s+)?(?:حصيلة|حصيله)\s+(?:اولية|اوليه|اولي|نهائية|نهائيه|غير\s+نهائية)\s*:?\s*"
                          rf"(?P<num>\d{{1,4}})(?![\d/.:-])(?!\s*(?!و)[{AR}])")
# "استشهاد مدنيين، وهما: ...": the dual pronoun fixes a plural-looking noun at two
_DUAL_AFTER = re.compile(rf"\s*,?\s*(?:و)?هما(?![{AR}])")
_AND_TRIGGER = re.compile(rf"\s*و\s*(?P<w>{'|'.join(sorted(TRIGGER, key=len, reverse=True))})(?![{AR}])")
_NOT_PEOPLE = re.compile(rf"(?<![{AR}])(?:ال)?(?:دفاع|مجتمع|طيران|سجل|قطاع|حراك|مرصد)\s+$")

# the attackers, not victims: "على يد عناصر قسد", "من قبل عناصر", "برصاص جنود"
_BY_HAND = re.compile(rf"(?<![{AR}])(?:علي\s+يد|علي\s+ايدي|بيد|من\s+قبل|برصاص|بنيران)\s+$")
_BETWEEN = re.compile(rf"\s*,?\s*(?:ما\s+)?بين\s+(?:قتيل|قتلي|شهيد|شهداء)\s+و\s*(?:جريح|جرحي|مصاب|مصابين)(?![{AR}])")
# "في صفوف هيئة تحرير الشام" (in the ranks of an armed side), not "في صفوف المدنيين"
_IN_RANKS = re.compile(rf"\s*(?:في|من)\s+صفوف\s+[\"“«]?(?!(?:ال)?(?:مدنيين|مواطنين|اهالي|اهل|سكان|اطفال|نساء|مدني)(?![{AR}]))")
# a noun that governs the next one (construct state): "أبناء زوجها" (her husband's sons), "منزل والده"
_OF_KIN = re.compile(rf"(?<![{AR}])(?:ابناء|ابن|ابنة|بنت|اخ|اخت|شقيق|شقيقة|والد|والدة|زوج|زوجة|احد|احدي|اقارب|عائلة|منزل|"
                     rf"بيت|سيارة|خيمة|جثمان|جثة|قبر)\s+$")
_OF_RE = re.compile(r"\s*(?:من|في\s+صفوف)\s*")
_STEM = re.compile(r"(?:ين|ون|ان|ا)$")  # case endings: "آخرين" and "آخرون" are one noun


@dataclass
class _Group:
    cat: str
    status: Optional[str]
    rng: Optional[Range]
    span: tuple[int, int]          # normalised offsets
    subs: list["_Group"] = field(default_factory=list)
    noun: str = ""                 # the victim noun as written, without prefixes (restatements repeat it)
    toll: bool = False             # a toll ("ارتفع عدد الشهداء إلى 5"): the total so far, not one more group


@dataclass
class Tally:
    """Counts read from one sentence: status -> category -> (range, normalised span)."""

    counts: dict[str, dict[str, tuple[Range, tuple[int, int]]]] = field(default_factory=dict)
    vague: set[tuple[str, str]] = field(default_factory=set)  # (status, category) named with no figure: "بينهم أطفال"

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


def sentence_tally(ns: str, a: int, b: int) -> Tally:
    """Read the casualty groups of one sentence ``ns[a:b]`` (normalised text)."""
    toks: list[tuple[int, int, str, re.Match[str]]] = []
    counts: list[re.Match[str]] = []
    skip_to = -1
    for m in COUNT_RE.finditer(ns, a, b):
        if m.start() < skip_to:
            continue
        between = _BETWEEN.match(ns, m.end())
        if between is not None:  # "37 مدنياً بين قتيل وجريح": killed and injured together
            skip_to = between.end()
            continue
        if m.group("num") and VICTIM[re.sub(r"\s+", " ", m.group("noun"))][1] != "-":
            combined = COMBINED_RE.match(ns, m.end())
            if combined is not None:  # "40 قتيلاً وجريحاً": killed and injured together, neither alone
                skip_to = combined.end()
                continue
        counts.append(m)
    for m in counts:
        toks.append((m.start(), m.end(), "count", m))
    covered = [(m.start(), m.end()) for m in counts]
    trig_starts: list[int] = []  # where casualty words start: the named-victim and bare-figure patterns begin there
    for m in TRIGGER_RE.finditer(ns, a, b):
        trig_starts.append(m.start())
        if not any(s <= m.start() < e for s, e in covered):
            toks.append((m.start(), m.end(), "trigger", m))
    for m in AMONG_RE.finditer(ns, a, b):
        toks.append((m.start(), m.end(), "among", m))
    named_cat: dict[int, str] = {}  # a named victim's category, from the title before the name ("الطفل أحمد")
    for rx in (_NAMED_RE, _CALLED_RE, _QUOTED_RE):
        for m in (x for p in trig_starts if (x := rx.match(ns, p, b)) is not None):
            if not any(x <= m.start("name") < y for x, y in covered):
                # "المواطن محمد ...": the title and the name are one person (the title is not counted again)
                titles = [t for t in toks if t[2] == "count" and m.start("w") < t[0] < m.start("name")]
                toks = [t for t in toks if t not in titles]
                title_cat = VICTIM[re.sub(r"\s+", " ", titles[0][3].group("noun"))][0] if titles else "persons"
                named_cat[m.start("name")] = title_cat if title_cat in ("children", "women", "men") else "persons"
                toks.append((m.start("name"), m.end("name"), "named", m))
                covered.append((m.start("name"), m.end("name")))
    for m in _PRONOUN_RE.finditer(ns, a, b):
        toks.append((m.start(), m.end(), "pronoun", m))
    for rx in (_BARE_COUNT, _BARE_TOLL, _BARE_PRELIM):
        found = (x for p in trig_starts if (x := rx.match(ns, p, b)) is not None) if rx is _BARE_COUNT else rx.finditer(ns, a, b)
        for m in found:
            if not any(x <= m.start("num") < y for x, y in covered) and number_value(m.group("num"))[0] is not None:
                toks.append((m.start("num"), m.end("num"), "bare", m))
    toks.sort(key=lambda t: t[0])
    status: Optional[str] = None
    heads: list[_Group] = []
    pending: list[_Group] = []   # groups read before any casualty word: "طفل وامرأتان أصيبوا"
    in_sub = False
    top: Optional[_Group] = None  # the last group that is not a sub-count
    skip_trigger = -1
    last_trigger = -10**6
    for s, e, kind, m in toks:
        if kind == "trigger":
            if s < skip_trigger:
                continue
            status = TRIGGER[re.sub(r"\s+", " ", m.group("w"))]
            last_trigger = e
            if top is not None and top.status not in (None, status):
                top = None  # "قتلت طفلة، وأصيب شقيقاها (طفلة وشاب)": a list after a new casualty word is not the girl's
            both = _AND_TRIGGER.match(ns, e)
            if both is not None and not pending and TRIGGER.get(re.sub(r"\s+", " ", both.group("w"))) not in (None, status):
                status, skip_trigger = "combined", both.end()  # "قتل وجرح 20 شخصاً": one figure for both
            for g in pending:
                g.status = status
                heads.append(g)
            pending = []
            in_sub = False
            continue
        if kind == "among":
            in_sub = top is not None
            continue
        if kind == "pronoun":  # "ما أدى لمقتله": the people just named, else as many as the pronoun says
            st = "killed" if m.group("k") else "injured"
            if pending:
                for g in pending:
                    g.status = st
                    heads.append(g)
                pending = []
            elif not any(h.status == st for h in heads):
                g = _Group("persons", st, Range.exact(2 if m.group("p") == "هما" else 1), (s, e))
                heads.append(g)
                top = g
            status, in_sub, last_trigger = st, False, e
            continue
        if kind == "bare":  # "إصابة 6.", "ارتفعت حصيلة الشهداء إلى 5": people, as many as the figure
            v, vague = number_value(m.group("num"))
            st = ("killed" if m.group("k") else "injured") if m.re is not _BARE_PRELIM else (status or "")
            if st not in ("killed", "injured"):
                continue
            g = _Group("persons", st, Range(v, v, None) if vague else Range.exact(v or 0), (s, e), toll=m.re is _BARE_TOLL)
            heads.append(g)
            top, status, in_sub = g, st, False
            continue
        if kind == "named":  # "استشهاد أحمد ..." : one named person; quoted names: one each
            if in_sub and top is not None and top.rng is not None:
                continue  # "ثلاث ضحايا وهم: أحمد ...، وخالد ...": the names of people already counted
            n = 1
            if m.re is _QUOTED_RE:
                items = _QUOTED_ITEM.findall(m.group("name"))
                names = items if len(items) > 1 else [x for x in _NAME_SEP.split(items[0]) if x.strip()]
                if not all(_NAME_ITEM.fullmatch(x.strip()) for x in names):
                    continue  # a quoted description or statement, not a list of names
                n = len(names)
            g = _Group(named_cat.get(s, "persons"), TRIGGER[re.sub(r"\s+", " ", m.group("w"))], Range.exact(n), (s, e))
            heads.append(g)
            top, status, in_sub = g, g.status, False
            continue
        cat, own, count = VICTIM[re.sub(r"\s+", " ", m.group("noun"))]
        if own == "-" and _BY_HAND.search(ns, max(a, s - 14), s):
            continue  # "مقتل 3 أشخاص على يد عناصر قسد": the attackers
        if own == "-" and m.group("num") and number_value(m.group("num"))[1] and s - last_trigger > 30:
            continue  # "يتجمع فيه المئات من المدنيين": a vague crowd far from any casualty word is not a toll
        if m.group("num") is None and _NOT_PEOPLE.search(ns, max(0, s - 12), s):
            continue  # "الدفاع المدني" is the Civil Defence, "المجتمع المدني" civil society
        if (m.group("num") is None and m.group("num2") is None and count != "N" and m.group("pre").endswith(("ال", "ل"))
                and (cat in ("fighters", "others") or any(h.cat == cat for h in heads + pending))):
            continue  # "الطفلة ..." names a victim already counted; "العسكري" is mostly an adjective
        if (m.group("num") is None and m.group("num2") is None and count != "N" and own == "-"
                and m.group("pre").endswith(("ال", "ل")) and cat in ("civilians", "persons") and s - last_trigger > 20
                and TRIGGER_RE.search(ns, e, min(b, e + 25)) is None):
            continue  # "أفاد الناشط ...", "قال المسعف ...": a witness or source ("الصحفي الذي استشهد" is a victim)
        if (m.group("num") is None and not m.group("pre") and m.group("noun").endswith(("ه", "ها", "هم", "هما"))
                and _OF_KIN.search(ns, max(a, s - 12), s)):
            continue  # "أحد أبناء زوجها", "منزل والده": a relative named in a genitive, not a victim
        last = top
        if (last is not None and cat == "fighters" and m.group("num") is None and last.cat in ("civilians", "persons")
                and _OF_RE.fullmatch(ns, last.span[1], s)):
            last.cat = "fighters"  # "3 شهداء من عناصر الفصائل": the martyrs are fighters
            continue
        adjacent = (last is not None and m.group("num") is None and m.group("num2") is None and not m.group("pre")
                    and not ns[last.span[1]:s].strip() and not last.subs)
        if (adjacent and last is not None and count == "N" and cat in ("children", "women") and own == "-"
                and last.cat in ("civilians", "persons") and last.rng is not None):
            last.cat = cat  # "4 شهداء أطفال": the martyrs are children
            continue
        if (adjacent and last is not None and count == "1" and cat in ("children", "women", "men") and own == "-"
                and last.rng is not None and last.rng.value() == 1 and last.cat in ("civilians", "persons", "women")
                and VICTIM.get(last.noun, VICTIM.get(last.noun + "ا", ("", "-", "")))[1] != "-"):
            last.cat = cat  # "شهيدة طفلة", "شهيد طفل": one martyr, a child
            continue
        if adjacent and last is not None and (cat in ("civilians", "persons", "others") or (
                cat == "women" and own != "-" and last.cat in ("children", "women")) or (
                count == "1" and own == "-" and cat == last.cat and last.rng is not None and last.rng.value() == 1)):
            # "امرأة مسنة", "رجل مسن": the second noun describes the same person
            if own != "-" and last.status is None and last in pending:  # "طفل شهيد", "طفلة شهيدة": a child, killed
                last.status = own
                pending.remove(last)
                heads.append(last)
                status = own
            continue  # "شهيد مدني", "3 شهداء مدنيين": the second noun describes the same people
        g = _Group(cat, own if own != "-" else status, _range(m), (s, e), noun=_STEM.sub("", re.sub(r"\s+", " ", m.group("noun"))))
        if (adjacent and last is not None and own == "-" and cat in ("children", "women", "men") and count in ("1", "2")
                and last.cat in ("civilians", "persons") and last.rng is not None and (last.rng.value() or 0) > int(count)):
            in_sub = True  # "3 مدنيين طفلان وامرأة": the figure, then who they were (not added)
        if cat in ("civilians", "persons") and _IN_RANKS.match(ns, e, b):
            g.cat = "fighters"  # "عشرة جرحى في صفوف هيئة تحرير الشام": in an armed side's ranks
        if cat == "others":
            prev = heads[-1] if heads else None
            g.cat = "fighters" if prev is not None and prev.cat == "fighters" else "civilians"  # "آخرين": other people
            in_sub = False
        if in_sub and top is not None and (own == "-" or own == top.status):
            top.subs.append(g)
            continue
        in_sub = False
        if own != "-":
            status = own
        if g.status is None:
            pending.append(g)
        else:
            heads.append(g)
        top = g
    tally = Tally()
    for st in ("killed", "injured"):
        hs = [h for h in heads if h.status == st]
        if not hs:
            continue
        out: dict[str, tuple[Range, tuple[int, int]]] = {}
        fighter_context = any(h.cat == "fighters" for h in hs)

        def put(cat: str, r: Optional[Range], span: tuple[int, int], toll: bool = False) -> None:
            if r is None:
                return
            if cat in out and toll:  # "... وارتفاع عدد الشهداء إلى 12": a toll is a total, not one more group
                if (r.value() or 0) > (out[cat][0].value() or 0):
                    out[cat] = (r, span)
                return
            if cat in out:
                old_r, old_span = out[cat]
                out[cat] = (_add(old_r, r) or r, (min(old_span[0], span[0]), max(old_span[1], span[1])))
            else:
                out[cat] = (r, span)

        for k, h in enumerate(hs):
            if h.noun and h.rng is not None and any(
                    o.noun == h.noun and o.rng == h.rng and o.cat == h.cat and TRIGGER_GLUED_RE.search(ns, o.span[1], h.span[0])
                    for o in hs[:k]):
                continue  # "مقتل 4 أشخاص ... مقتل 4 أشخاص": a headline glued to its own text tells the same deaths again
            subs_by: dict[str, tuple[Range, tuple[int, int]]] = {}
            tally.vague.update((st, sg.cat) for sg in h.subs if sg.rng is None and sg.cat in ("children", "women", "men"))
            for sg in h.subs:
                if sg.rng is None:
                    continue
                c = "civilians" if sg.cat == "persons" else sg.cat
                if c in subs_by:
                    subs_by[c] = (_add(subs_by[c][0], sg.rng) or sg.rng, (subs_by[c][1][0], sg.span[1]))
                else:
                    subs_by[c] = (sg.rng, sg.span)
            if h.cat == "fighters":
                put("fighters", h.rng, h.span)
                continue
            if h.cat in ("persons", "civilians") and ("civilians" in subs_by or "fighters" in subs_by or (
                    fighter_context and h.cat == "persons")):
                put("total", h.rng, h.span, h.toll)
                if "civilians" in subs_by:
                    put("civilians", *subs_by.pop("civilians"))
            else:
                put("civilians", h.rng, h.span, h.toll)
                if h.cat in ("children", "women", "men"):
                    put(h.cat, h.rng, h.span)
            for c, (r, sp) in subs_by.items():
                if c in ("children", "women", "men", "fighters"):
                    put(c, r, sp)
        if out:
            tally.counts[st] = out
    return tally


def first_count(tally: Tally, default: int) -> int:
    """Where the first casualty group of a sentence's tally starts (normalised offset)."""
    return min([sp[0] for st in tally.counts.values() for _, sp in st.values()] or [default])


def largest(tally: Tally) -> Optional[int]:
    """The largest figure of a sentence when it is too large for one attack (a war or period total), else None."""
    big = max([(r.value() or 0) for r, _ in tally.counts.get("killed", {}).values()] + [0])
    hurt = max([(r.value() or 0) for r, _ in tally.counts.get("injured", {}).values()] + [0])
    return max(big, hurt) if big >= _TALLY_KILLED or hurt >= _TALLY_INJURED else None
