"""Arabic-script reports: casualty counts, dates, places, perpetrators and event types.

:func:`extract_arabic` reads ``report.text[start:end]`` (a body that is mostly Arabic script) and returns
Incident records.  It works on a normalised copy (:mod:`arabic_lex`) and maps every match back to
``report.text`` for evidence.

How counts are read, per sentence, left to right (:mod:`warledger.extract.arabic_counts`):
- a casualty word (مقتل، استشهاد، إصابة، أصيب ...) sets the status (killed / injured) of what follows;
- a victim noun with an optional number before it is a group: "3 شهداء", "11 مدنياً", "طفلين" (dual = 2),
  "طفل" (singular = 1), "عشرات المدنيين" (low 10), "أكثر من 5" (low 6), "نحو 5" (best 5);
  nouns such as شهيد/قتيل/جريح carry their own status, others take the status in force;
- after "بينهم/منهم" the groups are sub-counts of the group before (not additive): "5 شهداء بينهم طفل
  وامرأة" is civilians 5, children 1, women 1; without a head group, "و" lists add up: "استشهاد رجلين
  وطفل" is civilians 3, men 2, children 1;
- "آخرين" (others) takes the category of the group before it.
Sentences are grouped into incidents by the settlement they name (a sentence that names none continues
the incident before it); within one incident a repeated or updated toll keeps the larger figure, and a later
incident with the same lead figure is the same event retold (unless in another governorate).
Sentences that count over a period ("منذ مطلع العام", "خلال الشهر", "هذه الهجمات أدت إلى") or give a war
total (300 killed or 1,000 injured and more) are aggregate claims.  After the lead, a sentence that steps back
("وكان ... قد", "وسبق أن", "قبل ساعات", "في 9 حزيران الماضي", "قصف مماثل", "بعد يومين من مقتل ...") or an
incident dated more than a day from the lead's date is background, kept as an aggregate.  Runs of short
headline lines (related news, tickers) and readers' comments under a post are page furniture.  Perpetrator: the first actor named next to an
attack word in the incident's sentences, not the victims' side ("عناصر من قسد") nor a source ("المركز
الإعلامي لـ..."); the regime named together with Russia is coded Russia, the SDF with coalition support the
coalition, the regime and the SDF named together as a fire's source ("مصدره مناطق سيطرة النظام وقسد") the SDF,
factions named as backed by Turkey ("فصائل ... المدعومة من تركيا") Turkey (each with a problem note).  Lexicons: ``warledger/data/ar_*.tsv``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Optional

from warledger.errors import InputError
from warledger.extract.arabic_actors import ATTACK_NEAR, classify_arabic
from warledger.extract.arabic_counts import Tally, first_count, largest, sentence_tally
from warledger.extract.arabic_pages import ARABIC_WORDS3, COMMENTS, headline_lists, name_lists, within
from warledger.extract.arabic_lex import (AGREEMENT_RE, AR, GOV_ALT, GOV_RE, GOVERNORATES, MONTH_ALT, MONTHS, SETTLEMENT_ALT, TRIGGER, TRIGGER_RE,
                                          WEEKDAY_ALT, WEEKDAYS, NormText,
                                          has_arabic, mostly_arabic, norm_word)
from warledger.extract.dates import DATE_NOT_STATED, post_date, post_year_fix, post_year_problem, url_date
from warledger.extract.lexicon import rows
from warledger.record import Incident, Kind, Report
from warledger.extract.scanner import guarded
from warledger.extract.segment import GAP, bound_to_paragraph

__all__ = ["arabic_records", "extract_arabic", "mostly_arabic"]

_SENT = re.compile(r"[^.!؟?\n|]+")
_CIV_CATS = ("civilians", "persons", "children", "women", "men")
_PERIOD = guarded(re.compile(rf"(?<![{AR}])[وف]?(?:منذ\s+(?:مطلع|بدايه|بداية|بدء|انطلاق|انطلاقة|احتلال|سيطرة|دخول|اندلاع|(?:بدايت|انطلاقت|سيطرت|احتلال|دخول|اندلاع)(?:ها|ه|هم|هما))|منذ\s+(?:يوم\s+)?(?:\d{{1,2}}\s+(?:من\s+)?)?(?:شهر\s+)?(?:{MONTH_ALT})(?![{AR}])|خلال\s+(?:شهر|الشهر|العام|عام|الاسبوع|الايام|الفتره|الفترة|السنوات|سنوات)"
                     rf"|خلال\s+(?:شهر\s+)?(?:{MONTH_ALT})|تعداد|اجمالي|الاجمالية|الاجمالي|(?:ال)?شهر\s+(?:المذكور|المنصرم)|شهد\s+شهر|خلال\s+(?:ال)?\d+\s+ساعة|حصيله\s+شهر|حصيلة\s+شهر|الحصيلة\s+الشهرية)(?![{AR}])"))
# ("ومنذ 3 كانون الثاني ...", "منذ بدايتها", "منذ احتلالها للمنطقة": a toll since a campaign began is the campaign's)
# a later sentence that steps back to an earlier event: "وكان ... قد قتل", "وسبق أن", "يذكر أن", "في 9 حزيران الماضي",
# "قصف مماثل" (a similar attack); only sentences after the lead's are tested
_RECALL = re.compile(rf"[^{AR}0-9]*(?:و|ف)?(?:كان|كانت|كانوا|سبق|يذكر|يشار|الجدير|جدير|في\s+وقت\s+سابق|قبل\s+ذلك|(?:في\s+)?سياق\s+(?:اخر|منفصل)"
                     rf"|قبل\s+(?:ساعات|ايام|يومين|اسبوع|اسبوعين)|منذ\s+(?:يومين|ايام|اسبوع|اسبوعين))(?![{AR}])")
# "وكان المرصد قد وثق ..." (a source had reported: the story's own toll told again), "وكان أسماء الشهداء ...": not a recall
_RECALL_NOT = re.compile(rf"(?<![{AR}])(?:قد\s+)?(?:رصد|وثق|افاد|اعلن|ذكر|نشر|قال|اكد|اشار|اسماء|اسم)(?![{AR}])")
_RECALL_IN = guarded(re.compile(rf"(?<![{AR}])(?:(?:ال)?(?:ماضي|ماضية|فائت|فائتة|منصرم|مؤخرا|تكرار|مماثل|مماثلا|مماثلة|مشابه|مشابها|مشابهة|"
                        rf"سابق|سابقة)|امس)(?![{AR}])"))  # after the lead: "ارتكب الاحتلال أمس مجزرة" is the day before
# "وأدت هذه الهجمات إلى مقتل 22 شخصاً": a toll of several attacks (only when it comes before the figures)
_THESE_ATTACKS = re.compile(rf"(?<![{AR}])(?:هذه|تلك)\s+(?:الهجمات|الغارات|الاعتداءات|الاستهدافات|الضربات)(?![{AR}])")
# "وذلك بعد أقل من 24 ساعة من مقتل ...", "بعد يومين على مجزرة ...": what follows happened earlier
_AFTER_TIME = re.compile(rf"(?<![{AR}])(?:وذلك\s+)?بعد\s+(?:اقل\s+من\s+|نحو\s+|اكثر\s+من\s+|حوالي\s+)?(?:\d+\s+)?"
                         rf"(?:ساعة|ساعات|ساعتين|يوم|يومين|ايام|اسبوع|اسبوعين|شهر|اشهر)\s+(?:علي|من)(?![{AR}])")
_NOT_CIV = re.compile(rf"(?<![{AR}])(?:عناصر|عنصر|مقاتل\w*|جنود|جندي|عسكري\w*)(?![{AR}])")

# dates: "6 آب 2022", "الأربعاء 28 أيلول/سبتمبر", "19/ أيلول/ 2023", "26/11/2024" (day first, as Arabic writes it),
# "2024-11-26", "2024/11/26", "2024.11.26" (year first: a news site's dateline), "نوفمبر 26, 2024", "أمس",
# "ليلة الأمس", "البارحة" (yesterday), "اليوم"
_DATE_RE = guarded(bound_to_paragraph(re.compile(
    rf"(?P<d>\d{{1,2}})\s*[/-]?\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{MONTH_ALT})(?![{AR}])(?:\s*/\s*(?:{MONTH_ALT})(?![{AR}]))?"
    rf"(?:\s*[/,-]?\s*(?:من\s+)?(?:عام|سنة|سنه)?\s*(?P<y>(?:19|20)\d\d)(?!\d))?"
    rf"|(?<![{AR}])(?P<mm>{MONTH_ALT})[ \t]+(?P<md>\d{{1,2}})[ \t]*[,،][ \t]*(?P<my>(?:19|20)\d\d)(?!\d)"
    rf"|(?<!\d)(?P<nd>\d{{1,2}})\s*[/.-]\s*(?P<nm>\d{{1,2}})\s*[/.-]\s*(?P<ny>20\d\d)(?!\d)"
    rf"|(?<![\d/.])(?P<iy>20\d\d)(?P<isep>[-/.])(?P<im>[01]?\d)(?P=isep)(?P<id>[0-3]?\d)(?![\d/.]?\d)"
    rf"|(?<![{AR}])(?P<rel>(?:اول|اوّل)\s+(?:من\s+)?(?:ال)?امس|(?:ال)?امس\s+الاول|(?:[وب])?(?:ال)?امس|(?:[وب])?البارحه|(?:[وب])?البارحة|اليوم)(?![{AR}])")))
# a settlement word and the name after it: "قرية أم حرمل بريف ..."
# (on one line: "بلدة\n\nالأربعاء" in a tag cloud is two tags; the name may be quoted: مدينة "سرمين")
_PLACE_RE = guarded(bound_to_paragraph(re.compile(rf"(?<![{AR}])(?:[وف])?(?:[بل]|في\s+)?(?P<kind>{SETTLEMENT_ALT})[ \t]+[#\"“«']?(?P<name>[{AR}]+(?:[ \t]+[{AR}]+){{0,2}})")))
# the words that end or rule out a place name (warledger/data/ar_place_words.tsv: stop, generic, not-place)
_PLACE_WORDS: dict[str, set[str]] = {"stop": set(), "generic": set(), "not-place": set()}
for _role, _w in rows("ar_place_words.tsv", 2):
    if _role not in _PLACE_WORDS:
        raise InputError(f"warledger/data/ar_place_words.tsv: unknown role {_role!r} for {_w!r}; "
                         f"use one of {sorted(_PLACE_WORDS)}")
    _PLACE_WORDS[_role].add(norm_word(_w))
_NAME_STOP = _PLACE_WORDS["stop"]  # a word that ends a place name: "قرية أم حرمل بريف ..."
_GENERIC_NAME = _PLACE_WORDS["generic"]  # "في القرية": a word that is no name of its own


_SINCE = re.compile(rf"(?<![{AR}])(?:منذ|حتي)\s+(?:يوم\s+)?$")


# the weekday right before a day and month ("اليوم الثلاثاء 15 شباط", "الجمعة، (13 أيار"), and the years a text names
_WEEKDAY_BEFORE = re.compile(rf"(?<![{AR}])(?P<wd>{WEEKDAY_ALT})[ \t]*[,،(]?[ \t]*$")
_YEAR = re.compile(r"(?<![\d/.])((?:19|20)\d\d)(?![\d/.]?\d)")


def _weekday_before(m: re.Match[str]) -> Optional[int]:
    """The weekday (Monday 0) written right before a date match, or None."""
    wm = _WEEKDAY_BEFORE.search(m.string, max(0, m.start() - 16), m.start())
    return None if wm is None else WEEKDAYS[wm.group("wd")]


def _weekday_year(m: re.Match[str], wd: int, mon: int, day: int) -> Optional[int]:
    """The year of a day and month written without one, told by the weekday ``wd`` before it: the one year the
    text names in which that day falls on that weekday (None with none or several such years)."""
    fits = set()
    for y in {int(y) for y in _YEAR.findall(m.string)}:
        try:
            if date(y, mon, day).weekday() == wd:
                fits.add(y)
        except ValueError:
            continue
    return fits.pop() if len(fits) == 1 else None


def _parse_date(m: re.Match[str], ref: Optional[date]) -> Optional[tuple[date, int]]:
    """(date, ACLED time precision) of a :data:`_DATE_RE` match.  A day and month without a year take it from
    ``ref`` (this year's, else last year's); a weekday before them that does not fall on that date, or no ``ref``,
    leaves the year to :func:`_weekday_year`."""
    try:
        if m.group("rel"):
            if ref is None:
                return None
            w = m.group("rel")
            back = 2 if "اول" in w else (1 if "امس" in w or "البارح" in w else 0)
            return ref - timedelta(days=back), 1
        if m.group("iy"):
            return date(int(m.group("iy")), int(m.group("im")), int(m.group("id"))), 1
        if m.group("ny"):
            return date(int(m.group("ny")), int(m.group("nm")), int(m.group("nd"))), 1
        if m.group("my"):
            return date(int(m.group("my")), MONTHS[re.sub(r"\s+", " ", m.group("mm"))], int(m.group("md"))), 1
        mon = MONTHS[re.sub(r"\s+", " ", m.group("m"))]
        day = int(m.group("d"))
        if m.group("y"):
            return date(int(m.group("y")), mon, day), 1
        wd = _weekday_before(m)
        d: Optional[date] = None
        if ref is not None:
            d = date(ref.year, mon, day)
            if d > ref + timedelta(days=2):
                d = date(ref.year - 1, mon, day)
        if wd is not None and (d is None or d.weekday() != wd):
            y = _weekday_year(m, wd, mon, day)
            d = d if y is None else date(y, mon, day)
        return None if d is None else (d, 1)
    except ValueError:
        return None


def arabic_date(s: str) -> Optional[date]:
    """A full date written in Arabic ("20 سبتمبر 2025"), e.g. a publication date; None otherwise."""
    ns = norm_word(s)
    for m in _DATE_RE.finditer(ns):
        if m.group("rel"):
            continue
        got = _parse_date(m, None)
        if got is not None:
            return got[0]
    return None


@dataclass
class _Place:
    start: int
    end: int
    name: str
    phrase: str
    governorate: Optional[str]
    key: str
    origin: bool = False  # "من مدينة سرمين", "من أهالي قرية ...": where victims come from, not where it happened


_SENTENCE_END = re.compile(r"[.!؟?\n|]")
_ORIGIN = bound_to_paragraph(re.compile(rf"(?<![{AR}])(?:من|اهالي|ابناء|مهجر|مهجرة|نازح|نازحة|نازحين|مهجرين)\s+$"))
# a place named with no settlement word: a hashtag after a locative preposition ("في #سرمدا"), or a name that a
# targeting verb or preposition puts right before its governorate's countryside ("استهدف جنديرس بريف حلب")
_BARE_PLACE = bound_to_paragraph(re.compile(
    rf"(?<![{AR}])(?:في|على|علي|قرب|محيط|اطراف|استهدف|استهدفت|يستهدف|تستهدف|طال|طالت|ضرب|ضربت|قصف|قصفت)\s+"
    rf"(?:#(?P<tag>[{AR}]+(?:_[{AR}]+){{0,2}})(?![{AR}_])"
    rf"|#?(?P<name>[{AR}]+(?:[ \t]+[{AR}]+)?)(?={GAP}(?:ب)?(?:ريف|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي){GAP}#?{GOV_ALT}(?![{AR}])))"))
# hashtags and bare names that are not the place of an event: countries, words tweets tag, buildings (data file)
_NOT_BARE_PLACE = _PLACE_WORDS["not-place"]


def _gov_tail(ns: str, name_e: int) -> tuple[Optional[str], int]:
    """(governorate, end of the place phrase) when a governorate follows a place name within 45 characters
    of the same sentence ("بريف إدلب", "شمالي حلب"); else (None, ``name_e``)."""
    stop = _SENTENCE_END.search(ns, name_e)
    gm = GOV_RE.search(ns, name_e, min(len(ns), name_e + 45, stop.start() if stop else len(ns)))
    if gm is None:
        return None, name_e
    return GOVERNORATES[re.sub(r"\s+", " ", gm.group("w"))], gm.end()


def _places(nt: NormText, text: str) -> list[_Place]:
    ns = nt.s
    out: list[_Place] = []
    for m in _PLACE_RE.finditer(ns):
        if nt.content and not within(m.start(), nt.content):
            continue  # a place in a list of other headlines
        words = m.group("name").split()
        keep: list[str] = []
        for w in words:
            if w in _NAME_STOP or w.startswith(("بال", "بريف", "بمحافظة", "لل")):
                break
            keep.append(w)
        if not keep or keep[0] in _GENERIC_NAME or keep[0] in _NAME_STOP:
            continue
        name_s = m.start("name")
        name_e = name_s + len(" ".join(keep))
        # the governorate: "بريف إدلب", "شمالي حلب", "في محافظة درعا" right after the name
        gov, phrase_e = _gov_tail(ns, name_e)
        if gov is None:
            own = GOVERNORATES.get(" ".join(keep))
            if own is not None:
                gov = own
        o_ns, o_ne = nt.orig(name_s), nt.orig_end(name_e)
        o_ps, o_pe = nt.orig(m.start("kind")), nt.orig_end(phrase_e)
        origin = _ORIGIN.search(ns, max(0, m.start() - 12), m.start()) is not None
        out.append(_Place(o_ps, o_pe, text[o_ns:o_ne].lstrip("#"), text[o_ps:o_pe], gov, " ".join(keep), origin))
    if any(not p.origin for p in out):
        return out
    # only when no settlement word names a place: a bare name is weaker evidence, and a second spelling of a
    # place already found ("بلدة كفرعويد" ... "كفرعويد بريف إدلب") must not become a second incident
    taken = [(p.start, p.end) for p in out]
    for m in _BARE_PLACE.finditer(ns):
        if nt.content and not within(m.start(), nt.content):
            continue
        grp = "tag" if m.group("tag") else "name"
        name_s, name_e = m.start(grp), m.end(grp)
        key = ns[name_s:name_e].replace("_", " ")
        words = key.split()
        if (key in GOVERNORATES or key in _NOT_BARE_PLACE or words[0] in _NOT_BARE_PLACE or words[0] in _NAME_STOP
                or words[0] in _GENERIC_NAME or words[-1] in _NAME_STOP or ATTACK_NEAR.match(words[0])):
            continue
        o_ns, o_ne = nt.orig(name_s), nt.orig_end(name_e)
        if any(a < o_ne and o_ns < b for a, b in taken):
            continue
        gov, phrase_e = _gov_tail(ns, name_e)
        o_pe = nt.orig_end(phrase_e)
        origin = _ORIGIN.search(ns, max(0, m.start() - 12), m.start()) is not None
        out.append(_Place(o_ns, o_pe, text[o_ns:o_ne].lstrip("#").replace("_", " "), text[o_ns:o_pe].lstrip("#"), gov,
                          key, origin))
        taken.append((o_ns, o_pe))
    out.sort(key=lambda p: p.start)
    return out


@dataclass
class _Story:
    """The sentences of one incident: the settlement they name, their (normalised) spans and tallies."""

    key: Optional[str]
    place: Optional[_Place]
    spans: list[tuple[int, int]] = field(default_factory=list)
    tallies: list[Tally] = field(default_factory=list)


_Claim = tuple[tuple[int, int], Tally, Optional[str]]  # an aggregate: its span, its counts, the problem it notes


@dataclass
class _Sentences:
    """Reading a body's sentences into incidents (runs of sentences; a sentence naming a new settlement opens a
    new one) and aggregate claims."""

    nt: NormText
    lists: list[tuple[int, int]]       # page furniture and readers' comments
    name_spans: list[tuple[int, int]]  # lists of the dead's names (read apart)
    places: list[_Place]
    place_starts: list[int] = field(init=False)
    stories: list[_Story] = field(default_factory=list)
    aggregates: list[_Claim] = field(default_factory=list)
    current: Optional[_Story] = None

    def __post_init__(self) -> None:
        self.place_starts = [p.start for p in self.places]

    def read(self, a: int, b: int) -> None:
        """One sentence ``nt.s[a:b]``: counted in an incident, kept as an aggregate, or nothing counted."""
        ns = self.nt.s
        k = bisect.bisect_right(self.lists, (a, float("inf")))
        if k < len(self.lists) and self.lists[k][0] < b:
            b = self.lists[k][0]  # a sentence runs into page furniture or readers' comments: it stops there
        if b - a < 4 or within(a, self.lists) or within(a, self.name_spans):
            return
        k = bisect.bisect_right(self.name_spans, (a, float("inf")))
        if k < len(self.name_spans) and self.name_spans[k][0] < b:
            b = self.name_spans[k][0]  # "... الشهداء: فلان، فلان": the names are read as one list below
        b = self.recalled_tail(a, b)
        tally = sentence_tally(ns, a, b)
        if tally.empty():
            return
        if _PERIOD.search(ns, a, b) or _THESE_ATTACKS.search(ns, a, first_count(tally, b)):
            self.aggregates.append(((a, b), tally, None))
            return
        why = self.not_this_event(a, b, tally)
        if why is not None:
            self.aggregates.append(((a, b), tally, why))
            return
        self.tell(a, b, tally)

    def recalled_tail(self, a: int, b: int) -> int:
        """Where the sentence's own event ends: "..., وذلك بعد أقل من 24 ساعة من مقتل خمسة مدنيين": the rest of
        the sentence recalls an earlier event (kept as background)."""
        ns = self.nt.s
        back = _AFTER_TIME.search(ns, a, b)
        if back is None or back.start() <= a + 10:
            return b
        old_tally = sentence_tally(ns, back.start(), b)
        if not old_tally.empty():
            self.aggregates.append(((back.start(), b), old_tally, "W-BACKGROUND: the sentence recalls an earlier event "
                                                                   "(بعد ... من): not counted as this report's incident"))
        return back.start()

    def not_this_event(self, a: int, b: int, tally: Tally) -> Optional[str]:
        """Why a counted sentence is no incident of this report (a war total, an earlier event recalled), or None."""
        ns = self.nt.s
        big = largest(tally)
        if big is not None:
            return f"W-TALLY-LARGE: a count this large ({big}) is a war or period total, not one attack: kept as an aggregate"
        rc = _RECALL.match(ns, a, b) if self.stories else None
        told = rc is not None and _RECALL_NOT.search(ns, rc.end(), min(b, rc.end() + 50)) is not None
        if self.stories and not told and (rc is not None or _RECALL_IN.search(ns, a, first_count(tally, b))):
            return ("W-BACKGROUND: a later sentence recalls an earlier or similar event "
                    "(وكان/سبق/الماضي/مماثل); not counted as this report's incident")
        return None

    def tell(self, a: int, b: int, tally: Tally) -> None:
        """Add the sentence to the incident of the settlement it names (else to the current one)."""
        places, nt = self.places, self.nt
        o_a, o_b = nt.orig(a), nt.orig_end(b)
        k = bisect.bisect_left(self.place_starts, o_a)
        sp = [places[k]] if k < len(places) and places[k].start < o_b else []
        if sp and sp[0].origin:
            sp = [q for q in places[k:] if q.start < o_b and not q.origin][:1]  # the victims' home town opens no incident
        key = sp[0].key if sp else None
        target = None
        if key is not None:
            target = next((g for g in self.stories if _same_place(g.key, key)), None)
            if target is None and self.current is not None and self.current.key is None:
                target = self.current  # the headline named no village; the body does
                target.key, target.place = key, sp[0]
        else:
            target = self.current
        if target is None:
            target = _Story(key, sp[0] if sp else None)
            self.stories.append(target)
        target.spans.append((a, b))
        target.tallies.append(tally)
        self.current = target


def _reference_date(report: Report, start: int, end: int, ref: Optional[date]) -> Optional[date]:
    """The date relative dates count from: the publication date (its year fixed by the post's own date), else a
    date in the URL (``ref``), else the body's Arabic dateline, else ``ref`` (a date the text states), else the post's
    own date."""
    text = report.text
    if report.published:
        pub = arabic_date(report.published)  # also "20 سبتمبر 2025", which the English reader cannot read
        if pub is not None:
            own = post_year_fix(pub, text, start, end)
            if own is not None and post_year_problem(report.published, own) not in report.problems:
                report.problems.append(post_year_problem(report.published, own))
            return own or pub
    if url_date(report.url) is None:
        ref = _dateline(text, start, end) or ref
    if ref is None:
        ref = post_date(text, start, end)
    return ref


DATELINE = 300  # characters from the top of an Arabic body in which its own (publication) date is looked for
# what may share a line with a dateline: a weekday, a time ("5:48 م", "| 14:32"), separators
_DATELINE_REST = re.compile(rf"(?:[\s,،|:\-–]|\d{{1,2}}:\d\d|[صم](?![{AR}])|{WEEKDAY_ALT})*")
# a photo's caption ends with its credit in brackets: "... عفرين - 25 من تموز 2021 (الدفاع المدني)"
_CREDIT = re.compile(r"[ \t]*\([^()\n]{1,60}\)[ \t]*(?:\n|$)")


def _dateline(text: str, start: int, end: int) -> Optional[date]:
    """The body's own date at the top of an Arabic page: a full date alone on its line ("11/12/2021" under the
    headline: day first, 11 December, as Arabic writes it; the English reader would take it month first), else the
    first full date there that is no photo's caption (an archive photo's date is not the page's) nor the day of an
    agreement (:func:`_agreement_day`)."""
    ns = norm_word(text[start:min(end, start + DATELINE)])
    fulls = [m for m in _DATE_RE.finditer(ns) if m.group("y") or m.group("ny") or m.group("iy") or m.group("my")]
    for m in fulls:
        a, b = ns.rfind("\n", 0, m.start()) + 1, ns.find("\n", m.end())
        b = len(ns) if b < 0 else b
        if _DATELINE_REST.fullmatch(ns, a, m.start()) and _DATELINE_REST.fullmatch(ns, m.end(), b):
            got = _parse_date(m, None)
            if got is not None:
                return got[0]
    for m in fulls:
        if not _CREDIT.match(ns, m.end()) and not _agreement_day(ns, (m.start(), m.end(), date.min, 1)):
            got = _parse_date(m, None)
            if got is not None:
                return got[0]
    return None


def _furniture(nt: NormText) -> list[tuple[int, int]]:
    """The spans of page furniture and readers' comments; ``nt.content`` is set to the spans between them."""
    ns = nt.s
    lists = headline_lists(ns)
    cm = COMMENTS.search(ns)
    if cm is not None and ARABIC_WORDS3.search(ns, 0, cm.start()) is not None:
        lists = [(x, min(y, cm.start())) for x, y in lists if x < cm.start()] + [(cm.start(), len(ns))]
    nt.content, pos = [], 0
    for x, y in lists:
        if x > pos:
            nt.content.append((pos, x))
        pos = y
    if pos < len(ns):
        nt.content.append((pos, len(ns)))
    return lists


def _set_place(inc: Incident, text: str, p: _Place) -> None:
    inc.place.phrase, inc.place.name, inc.place.governorate = p.phrase, p.name, p.governorate
    inc.add_evidence("location", text, p.start, p.end, "arabic place: settlement word + name")


def _story_records(report: Report, nt: NormText, stories: list[_Story], places: list[_Place],
                   dates: list[tuple[int, int, date, int]], ref: Optional[date]) -> list[Incident]:
    """One incident record per story, with its place, governorate, date and event type."""
    text = report.text
    out: list[Incident] = []
    for g in stories:
        inc = _record(report, nt, g.spans, g.tallies, "incident")
        p = g.place
        if p is None:
            o_spans = [(nt.orig(a), nt.orig_end(b)) for a, b in sorted(g.spans)]
            inside = [q for q in places if within(q.start, o_spans)]
            p = inside[0] if inside else (places[0] if len(stories) == 1 and places else None)
        if p is not None:
            _set_place(inc, text, p)
        if inc.place.governorate is None:
            _governorate(inc, nt, text, g.spans)
        _date(inc, nt, text, g.spans, dates, ref)
        classify_arabic(inc, nt, text, g.spans)
        out.append(inc)
    return out


def _uncounted_attack(report: Report, nt: NormText, start: int, end: int, places: list[_Place],
                      dates: list[tuple[int, int, date, int]], ref: Optional[date]) -> Optional[Incident]:
    """No counts: one event when the text names an attack or a death ("عزاء فلان الذي قُتل"), else None."""
    text, ns = report.text, nt.s
    inc = Incident(kind="incident", span=(start, end))
    classify_arabic(inc, nt, text, nt.content)
    died = next((m for a, b in nt.content for m in TRIGGER_RE.finditer(ns, a, b)
                 if TRIGGER[re.sub(r"\s+", " ", m.group("w"))] == "killed"), None)
    if inc.sub_event_type is None and died is None:
        return None
    if places:
        _set_place(inc, text, places[0])
    if inc.place.governorate is None:
        _governorate(inc, nt, text, nt.content)
    _date(inc, nt, text, nt.content, dates, ref)
    inc.problems.append("W-COUNT-NONE: no casualty counts found in the Arabic text: one incident for the attack it describes")
    return inc


def extract_arabic(report: Report, start: int, end: int, ref: Optional[date] = None) -> list[Incident]:
    """Incident and aggregate records for the Arabic text ``report.text[start:end]`` (not appended)."""
    text = report.text
    nt = NormText(text, start, end)
    ns = nt.s
    ref = _reference_date(report, start, end, ref)
    lists = _furniture(nt)
    dates: list[tuple[int, int, date, int]] = []
    for m in _DATE_RE.finditer(ns):
        got = _parse_date(m, ref)
        if got is not None and not within(m.start(), lists):
            dates.append((m.start(), m.end(), got[0], got[1]))
    places = _places(nt, text)
    names = name_lists(ns, nt.content)
    reading = _Sentences(nt, lists, [(x[0], x[1]) for x in names], places)
    for sm in _SENT.finditer(ns):
        reading.read(sm.start(), sm.end())
    stories = reading.stories
    for hs, he, tally in names:  # a list of the dead's names: a figure for the incident it follows
        target = next((g for g in reversed(stories) if min(x for x, _ in g.spans) <= hs), None)
        if target is None:
            target = _Story(None, None)
            stories.insert(0, target)
        target.spans.append((hs, he))
        target.tallies.append(tally)
    out = _story_records(report, nt, _merge_retold(stories), places, dates, ref)
    _settle(out)
    for span, tally, why in reading.aggregates:
        agg = _record(report, nt, [span], [tally], "aggregate")
        if why:
            agg.problems.append(why)
        classify_arabic(agg, nt, text, [span])
        out.append(agg)
    if not any(r.kind == "incident" for r in out):
        inc = _uncounted_attack(report, nt, start, end, places, dates, ref)
        if inc is not None:
            out.insert(0, inc)
    return out


def _settle(records: list[Incident]) -> None:
    """Incidents after the lead that are not this report's event become aggregates: a later incident dated
    more than a day away from the lead's stated date (an earlier attack recalled)."""
    lead: Optional[date] = None
    for i, r in enumerate(records):
        stated = (r.event_date is not None and any(e.field == "event_date" for e in r.evidence)
                  and not any(p.startswith(DATE_NOT_STATED) for p in r.problems))
        if not stated or r.event_date is None:  # (stated implies a date: the test tells mypy)
            continue
        day = date.fromisoformat(r.event_date[:10])
        if lead is None:
            lead = day if i == 0 or all(o.kind != "incident" for o in records[:i]) else None
            if lead is None:
                continue
        elif abs((lead - day).days) > 1:
            r.kind = "aggregate"
            r.problems.append(f"W-BACKGROUND: an event of {r.event_date} recalled in a report about {lead.isoformat()}; "
                              "not counted as this report's incident")


def _same_place(a: Optional[str], b: str) -> bool:
    """"أوبين" and "أوبين الشرقية" name the same settlement (one is a word-prefix of the other)."""
    if a is None:
        return False
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _signature(tallies: list[Tally]) -> tuple[Any, ...]:
    """The killed (else injured) figures of an incident's sentences: equal signatures tell one event twice."""
    for st in ("killed", "injured"):
        merged: dict[str, Optional[int]] = {}
        for t in tallies:
            for cat, (r, _) in t.counts.get(st, {}).items():
                v = r.value()
                if v is not None and (merged.get(cat) is None or v > (merged[cat] or 0)):
                    merged[cat] = v
        if merged:
            return (st,) + tuple(sorted(merged.items()))
    return ()


def _retells(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Two signatures tell one event: the same status, the same lead figure (civilians, else all people), and
    no category where both give a figure and the figures differ ("3 قتلى" then "3 قتلى بينهم طفل")."""
    if not a or not b or a[0] != b[0]:
        return False
    da, db = dict(a[1:]), dict(b[1:])
    lead = next((c for c in ("civilians", "total") if c in da and c in db), None)
    if lead is None or not da[lead]:
        return False
    return all(da[c] == db[c] for c in da.keys() & db.keys())


def _merge_retold(stories: list[_Story]) -> list[_Story]:
    """A later incident with the same figures as an earlier one is the same event retold (a headline naming
    the town, the body naming the village; a detail added the second time): one record, not two.  Places in
    two different governorates keep two records."""
    def gov(g: _Story) -> Optional[str]:
        return g.place.governorate if g.place is not None else None

    out: list[_Story] = []
    for g in stories:
        sig = _signature(g.tallies)
        twin = next((o for o in out if sig and _retells(_signature(o.tallies), sig)
                     and (gov(o) is None or gov(g) is None or gov(o) == gov(g))), None)
        if twin is not None:
            twin.spans += g.spans
            twin.tallies += g.tallies
            if twin.place is None:
                twin.place = g.place
        else:
            out.append(g)
    return out


def arabic_records(report: Report, start: int, end: int, ref: Optional[date] = None) -> Optional[list[Incident]]:
    """The records of an Arabic-script body, or None when the English reader should read it.

    A body that is mostly Arabic script is Arabic's.  A mixed body (an Arabic post inside an English page's
    furniture: "Copy link to Tweet", "Shared with Public") is Arabic's when its Arabic words state casualties
    or name an attack."""
    if not has_arabic(report.text, start, end):
        return None
    recs = extract_arabic(report, start, end, ref)
    if not mostly_arabic(report.text, start, end) and not any(
            not r.killed.is_empty() or not r.injured.is_empty() or r.sub_event_type is not None for r in recs):
        return None
    if report.published and arabic_date(report.published) is not None:
        report.problems[:] = [p for p in report.problems if not p.startswith(("W-PUBLISHED-INVALID:", "W-PUBLISHED-YEAR:"))]
    return recs


def _record(report: Report, nt: NormText, spans: list[tuple[int, int]], tallies: list[Tally], kind: Kind) -> Incident:
    text = report.text
    inc = Incident(kind=kind, span=(nt.orig(spans[0][0]), nt.orig_end(spans[-1][1])))
    for st in ("killed", "injured"):
        counts = getattr(inc, st)
        for t in tallies:
            for cat, (r, (a, b)) in t.counts.get(st, {}).items():
                old = counts.get(cat)
                if old is None or (r.value() or 0) > (old.value() or 0):
                    counts.set(cat, r)  # a repeated or updated toll: the larger figure
                    inc.evidence = [e for e in inc.evidence if e.field != f"{st}.{cat}"]
                    inc.add_evidence(f"{st}.{cat}", text, nt.orig(a), nt.orig_end(b), "arabic casualty group")
    for st, cat in sorted({v for t in tallies for v in t.vague}):
        if getattr(inc, st).get(cat) is None:
            inc.problems.append(f"W-COUNT-VAGUE: {st} {cat}: the text names {cat} among the victims (بينهم/منهم) but gives no figure; left null")
    for st, cats in sorted({v for t in tallies for v in t.mixed}):
        inc.problems.append(f"W-COUNT-MIXED: {st} {cats.replace('+', ' and ')}: one figure counts these groups together "
                            f"(\"5 أطفال ونساء\"); neither is stated alone: left null")
    if inc.killed.civilians is not None and _NOT_CIV.search(nt.s, spans[0][0], spans[-1][1]) and inc.killed.fighters is None:
        inc.problems.append("W-CIVILIANS-INFERRED: civilian status of the Arabic victims assumed from the monitor's usage (fighters are named nearby)")
    return inc


_HEADER_LINE = re.compile(r"[ \t#*:\-–|]*$", re.M)


def _standalone(ns: str, gm: re.Match[str]) -> bool:
    """The governorate name is a line of its own: a section header of a digest ("درعا" above its news)."""
    line_s = ns.rfind("\n", 0, gm.start()) + 1
    return _HEADER_LINE.fullmatch(ns, line_s, gm.start()) is not None and _HEADER_LINE.match(ns, gm.end()) is not None


def _governorate(inc: Incident, nt: NormText, text: str, spans: list[tuple[int, int]]) -> None:
    first = min((a for a, _ in spans), default=0)
    # a governorate heading a line of its own after the incident's start opens the next section of a digest
    gm = next((m for a, b in spans for m in GOV_RE.finditer(nt.s, a, b)
               if not (m.start() > first and _standalone(nt.s, m))), None)
    if gm is None:
        # named nowhere in the incident's own words: the nearest governorate before it (a digest's section
        # header), else the first after it that is not the header of another section
        matches = [m for a, b in nt.content for m in GOV_RE.finditer(nt.s, a, b)]
        before = [m for m in matches if m.start() < first]
        after = [m for m in matches if m.start() >= first and not _standalone(nt.s, m)]
        gm = before[-1] if before else (after[0] if after else None)
    if gm is None:
        return
    inc.place.governorate = GOVERNORATES[re.sub(r"\s+", " ", gm.group("w"))]
    s, e = nt.orig(gm.start("w")), nt.orig_end(gm.end("w"))
    if inc.place.phrase is None:
        inc.place.phrase = text[s:e]
    inc.add_evidence("admin1", text, s, e, "arabic governorate name")


def _date(inc: Incident, nt: NormText, text: str, spans: list[tuple[int, int]],
          dates: list[tuple[int, int, date, int]], ref: Optional[date]) -> None:
    dates = [d for d in dates if not _SINCE.search(nt.s, max(0, d[0] - 8), d[0])]  # "منذ 8 كانون الأول": a period
    ordered = sorted(spans)
    inside = [d for d in dates if within(d[0], ordered)]
    pick = inside[0] if inside else None
    mismatch: Optional[str] = None
    elsewhere = [d for d in dates if not _agreement_day(nt.s, d)]
    if pick is None and elsewhere:
        # elsewhere in the report: a date near the publication date, else (undated report) the latest one;
        # older dates are background ("in May 2020 Moscow and Ankara agreed ...")
        if ref is not None:
            pick = next((d for d in elsewhere if timedelta(days=-7) <= d[2] - ref <= timedelta(days=1)), None)
        else:
            pick = max(elsewhere, key=lambda d: d[2])
        pick, mismatch = _weekday_fits(nt.s, ordered, pick)
    if pick is not None:
        inc.event_date, inc.time_precision = pick[2].isoformat(), pick[3]
        if not inside:
            inc.problems.append("W-DATE-ELSEWHERE: event date not stated with the counts: a date from elsewhere in the report is used")
        inc.add_evidence("event_date", text, nt.orig(pick[0]), nt.orig_end(pick[1]), "arabic date")
        if _by_weekday(nt.s, pick, ref):
            inc.problems.append(f"W-DATE-WEEKDAY-YEAR: the event date {nt.s[pick[0]:pick[1]].strip()!r} names no year: "
                                f"{pick[2].year}, the year the text names in which it falls on the weekday it gives")
    elif ref is not None and (mismatch is None or _weekday_fits(nt.s, ordered, (0, 0, ref, 1))[0] is not None):
        inc.event_date, inc.time_precision = ref.isoformat(), 2
        inc.problems.append(f"W-DATE-REPORT: event date not stated: the report's date {ref.isoformat()} is used")
    elif ref is not None:  # the report's date falls on another weekday than the incident's sentences name
        inc.problems.append(f"W-DATE-UNKNOWN: event date not stated; the report's date {ref.isoformat()} is another day")
    else:
        inc.problems.append("W-DATE-UNKNOWN: event date not stated and the report has no publication date")
    if mismatch is not None:
        inc.problems.append(mismatch)


AGREEMENT_BEFORE, AGREEMENT_AFTER = 80, 40  # characters of its sentence before and after a date searched for an agreement


def _agreement_day(ns: str, d: tuple[int, int, date, int]) -> bool:
    """The date ``d`` is the day an agreement was signed or reached: an agreement's noun stands in its sentence just
    before it ("اتفاق وقف إطلاق النار الموقع في 5 آذار 2020") or just after it ("وفي 5 أيار 2020 توصل الطرفان إلى اتفاق")."""
    start = max(ns.rfind("\n", 0, d[0]), ns.rfind(".", 0, d[0]), d[0] - AGREEMENT_BEFORE) + 1
    ends = [x for x in (ns.find("\n", d[1]), ns.find(".", d[1])) if x >= 0]
    end = min(ends + [d[1] + AGREEMENT_AFTER])
    return AGREEMENT_RE.search(ns, start, d[0]) is not None or AGREEMENT_RE.search(ns, d[1], end) is not None


# a weekday the incident's own sentences name ("اليوم السبت", "فجر الجمعة", "ليل الأربعاء- الخميس")
_STATED_WEEKDAY = re.compile(rf"(?<![{AR}])(?:[وب])?(?P<wd>{WEEKDAY_ALT})(?![{AR}])")


def _weekday_fits(ns: str, spans: list[tuple[int, int]], pick: Optional[tuple[int, int, date, int]]
                  ) -> tuple[Optional[tuple[int, int, date, int]], Optional[str]]:
    """A date from elsewhere in the report dates the incident only if it falls on a weekday the incident's own
    sentences name, or the day after one (a report of the next day: "أمس السبت").  A date on another weekday
    is another day (an archive photo's caption, a sidebar's headline): none is used, and the problem says why.
    Sentences naming no weekday keep ``pick``."""
    if pick is None:
        return None, None
    named = {m.group("wd"): WEEKDAYS[m.group("wd")] for a, b in spans for m in _STATED_WEEKDAY.finditer(ns, a, b)}
    if not named or any(pick[2].weekday() in (w, (w + 1) % 7) for w in named.values()):
        return pick, None
    return None, (f"W-DATE-WEEKDAY-MISMATCH: the incident's sentences name the weekday {' / '.join(sorted(named))}; the "
                  f"date elsewhere in the report, {pick[2].isoformat()}, falls on another day: not used")


def _by_weekday(ns: str, d: tuple[int, int, date, int], ref: Optional[date]) -> bool:
    """The date ``d`` (a day and month) took its year from its weekday (:func:`_weekday_year`), not from ``ref``."""
    m = _DATE_RE.match(ns, d[0], d[1])
    return (m is not None and bool(m.group("m")) and not m.group("y")
            and (ref is None or d[2].year not in (ref.year, ref.year - 1)))
