"""The page structure of Arabic posts and pages: lists of victims' names under a heading, runs of other headlines
(tickers, menus, "related news") that are page furniture, where readers' comments begin, and a span test.

Split out of :mod:`warledger.extract.arabic`, which reads the stories; this module only finds spans.
"""
from __future__ import annotations

import bisect
import re

from warledger.extract.arabic_counts import Tally
from warledger.extract.arabic_lex import AR
from warledger.extract.scanner import guarded
from warledger.record import Range


# a list of victims' names under a heading: "الشهداء: فلان، فلان، فلان", "#الشهداء\n1- فلان\n2- فلان"
_NAMES_HEAD = guarded(re.compile(rf"(?<![{AR}])#?(?:اسماء\s+)?ال(?:(?P<k>شهداء|قتلي|ضحايا)|(?P<i>جرحي|مصابين|مصابون|اصابات))"
                         rf"(?:\s+(?:هم|هي))?[ \t]*(?::[ \t]*\n?|\n)"))
_NAME_LINE = guarded(re.compile(rf"[ \t]*(?:[-•▪*–/]+[ \t]*)?(?:\d{{1,2}}[ \t]*[-_.)][ \t]*)?(?:(?:الطفل|الطفلة|السيدة|الشاب|الشابة|الشهيد|"
                        rf"الشهيدة|المسن|المسنة|الحاج|الحاجة|المواطن|المواطنة|الرجل)\s+)?"
                        rf"(?P<name>[{AR}]+(?:[ \t]+[{AR}]+){{0,4}})[ \t]*(?:\(?[ \t]*\d{{1,3}}[ \t]*(?:عاما|عام|سنة|سنه|سنوات|اعوام)?[ \t]*\)?)?"))
_NAME_NEXT = re.compile(rf"[ \t]*,[ \t]*(?:و[ \t]*)?|[ \t]*\n[ \t/]*|[ \t]+و(?=[{AR}])")
_NOT_A_NAME = guarded(re.compile(rf"(?<![{AR}])(?:جراء|اثر|بقصف|قصف|نتيجة|في|من|الذي|التي|الذين|وهم|هو|هي|استهداف|اليوم|امس|"
                         rf"بينهم|منهم|الله|رحمه|رحمهم|عدد|حصيلة|الشهداء|الجرحي|المصابين|الاصابات)(?![{AR}])"))


def name_lists(ns: str, content: list[tuple[int, int]]) -> list[tuple[int, int, Tally]]:
    """Lists of victims' names under a heading ("الشهداء: ..."): (heading start, list end, a Tally of one figure,
    the number of names; a list cut short with "..." is a lower bound).  Only names count: an item with a
    verb, preposition or other ordinary word in it ends the list."""
    out: list[tuple[int, int, Tally]] = []
    for m in _NAMES_HEAD.finditer(ns):
        if content and not within(m.start(), content):
            continue
        pos, n, end = m.end(), 0, m.end()
        while True:
            item = _NAME_LINE.match(ns, pos)
            if item is None or _NOT_A_NAME.search(item.group("name")):
                break
            n, end = n + 1, item.end()
            sep = _NAME_NEXT.match(ns, end)
            if sep is None:
                break
            pos = sep.end()
        if n < 2:
            continue
        cut = ns.startswith(("...", "…"), end) or ns.startswith(("...", "…"), end - 3)
        st = "killed" if m.group("k") else "injured"
        t = Tally()
        t.counts[st] = {"civilians": (Range(n, None, None) if cut else Range.exact(n), (m.start(), end))}
        out.append((m.start(), end, t))
    return out


_LINE = re.compile(r"[^\n]+")
# where a social-media page's readers' comments and replies begin (after the post: its reactions or view count)
COMMENTS = re.compile(r"All reactions:|(?<=\d)[KM]?Views|LikeCommentMost relevant|Most relevant")
ARABIC_WORDS3 = re.compile(rf"[{AR}]{{2,}}\s+[{AR}]{{2,}}\s+[{AR}]{{2,}}")


def headline_lists(ns: str) -> list[tuple[int, int]]:
    """Spans of page furniture: runs of three or more short Arabic lines that are not sentences
    (lists of other headlines: "related news", tickers, menus) in a page that has an article paragraph.
    Bullet lines ("- ...") are content."""
    out: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    # beside an article paragraph three headlines make a list; a page without one needs six (a post of short
    # lines is content)
    need = 3 if any(len(m.group()) >= 150 for m in _LINE.finditer(ns)) else 6
    for m in _LINE.finditer(ns):
        line = m.group().strip()
        if not line:
            continue
        # a short line cut off with dots ("حصيلة جديدة لانفجار المستودع في...") is a headline too; a long
        # one is a post's preview, which is content
        cut = line.endswith(("...", "…"))
        short = (len(line) < 110 and (cut or not line.endswith((".", ":", ",", "؛")))
                 and not line.startswith(("-", "•", "*", "–")) and ARABIC_WORDS3.search(line) is not None)
        if short:
            run.append((m.start(), m.end()))
            continue
        if len(run) >= need:
            out.append((run[0][0], run[-1][1]))
        run = []
    if len(run) >= need:
        out.append((run[0][0], run[-1][1]))
    return out


def within(pos: int, spans: list[tuple[int, int]]) -> bool:
    """True when ``pos`` lies in one of the sorted, non-overlapping ``spans`` (binary search)."""
    k = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]
