"""Segmentation: a report body -> sentences -> clauses, each clause a candidate incident or tally.

Sentences end at a full stop before a capital, or a line break.  Inside a sentence a new clause starts
where a new head casualty group follows a comma/semicolon ("..., and 6 civilians ... were killed"),
after a breakdown marker ("..., they are 7 civilians ..."), or at "while"/"whereas" ("..., while the
warplanes targeted yesterday a hospital").
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from warledger.lexcache import compile_stored, derived_text
from warledger.extract.needs import Needing

_SENT_END = re.compile(r"(?<=[.!?؟])[”\"']?\s+(?=[“\"'(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(r"(?:\b(?:U\.S|U\.N|Mr|Dr|Gen|Lt|Col|No|St|Brig|Maj|Capt|Sgt|Cpl|Pvt|Gov|Sen|Rep|approx|vs|e\.g|i\.e|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.|\b[A-Z]\.)$")
CLAUSE_BEFORE_GROUP = re.compile(
    r"(?:[,;:–—-]\s*(?:and\s+)?(?:(?:they|these|those)\s+(?:are|were|include|included)\s*:?\s*|(?:of\s+)?whom\s+)?"
    r"|\b(?:they|these|those)\s+(?:are|were)\s*:?\s*)$", re.I)
BREAKDOWN = re.compile(r"[,;:]?\s*(?:and\s+)?(?:(?:they|these|those)\s+(?:are|were|include|included)|as\s+follows|distributed\s+as)\b", re.I)
_WHILE = Needing(re.compile(r"[,;]\s+(?:while|whereas|meanwhile|in\s+addition\s+to|as\s+well\s+as)\s+(?=\w)", re.I))


# A paragraph break is two or more line breaks with only blanks between ("\n\n", "\n  \n", "\r\n\r\n").  It ends a
# sentence (``_SENT_END`` ends one at any line break) and a phrase: a place name, its type word and its locative tail
# never continue into the next paragraph or a heading.  ``within_paragraph`` rewrites a pattern's whitespace runs
# (``\s+``, ``\s*``) as runs that hold at most one line break.
BLANKS = r"[^\S\n]"                                         # a blank that is no line break
GAP = r"(?:%s+(?:\n%s*)?|\n%s*)" % (BLANKS, BLANKS, BLANKS)  # \s+ inside one paragraph
GAP0 = r"(?:%s*(?:\n%s*)?)" % (BLANKS, BLANKS)                # \s* inside one paragraph
# A break is found where its blank run begins (no blank before it) or at its first line break, never from inside
# the run: each start inside a run of n blanks would scan the run again (n^2 over a long run: "\n" and 100,000 blanks
# took 98 s before).  A match starts where it did before, except from a search begun inside the run.
PARAGRAPH_BREAK = r"(?:(?<!%s)|(?=\n))%s*\n%s*\n" % (BLANKS, BLANKS, BLANKS)


def within_paragraph(pattern: str) -> str:
    r"""``pattern`` with its whitespace runs kept inside one paragraph: ``\s+`` and ``\s*`` become :data:`GAP` and
    :data:`GAP0`; ``\s*,?\s+`` (two runs that could meet) becomes one run, with or without a comma.  A lone ``\s``
    outside a class is refused (it could be the second line break of a paragraph break next to a run)."""
    out = pattern.replace(r"\s*,?\s+", r"(?:%s,)?%s" % (GAP0, GAP)).replace(r"\s+", GAP).replace(r"\s*", GAP0)
    if re.search(r"(?<!\\)(?<!\[)\\s(?![^\[]*\])", out):
        raise ValueError(f"within_paragraph: a lone \\s is left in {pattern[:80]!r}: write it as \\s+ or \\s*")
    return out


_PARAGRAPH_BREAK = re.compile(PARAGRAPH_BREAK)
_NOT_AT_BREAK = "(?!%s)" % PARAGRAPH_BREAK


def _item_end(pattern: str, i: int) -> int:
    """The index just past the one item of ``pattern`` that opens at ``i``: an escape, a class or one character."""
    c = pattern[i]
    if c == "\\":
        width = {"x": 4, "u": 6, "U": 10}.get(pattern[i + 1:i + 2], 2)
        if pattern[i + 1:i + 2] == "N":
            width = pattern.index("}", i) + 1 - i
        return i + width
    if c != "[":
        return i + 1
    j = i + 1 + (pattern[i + 1:i + 2] == "^")
    j += pattern[j:j + 1] == "]"  # "[]...]", "[^]...]": a leading "]" is a member
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    if j >= len(pattern):
        raise ValueError(f"paragraph_bound: unclosed character class in {pattern[:80]!r}")
    return j + 1


def _holds_newline(item: str, dotall: bool) -> bool:
    """Whether the one-character item ``item`` (an escape, a class, ".") can match a line break."""
    if item == ".":
        return dotall
    if item.startswith("\\") and (item[1] in "AZbBg" or item[1].isdigit()):
        return False  # anchors and back-references are no characters
    return item[0] in "\\[" and re.fullmatch(item, "\n") is not None


def paragraph_bound(pattern: str, flags: int = 0) -> str:
    r"""``pattern`` rewritten so that no match holds a paragraph break (:data:`PARAGRAPH_BREAK`): every one-character
    item that can match a line break (``\s``, ``\W``, ``\D``, ``\n``, a class such as ``[^.]`` or ``[\s,]``, and
    ``.`` under DOTALL) becomes ``(?:(?!PARAGRAPH_BREAK)item)``: it never steps onto the start of a paragraph break.
    One line break (hard-wrapped text) is still matched; quantifiers, groups and look-arounds are kept as written, so
    two whitespace runs side by side cannot meet over a break either (which ``within_paragraph`` cannot promise).
    A look-ahead ``(?=...)`` is left as written: it only says what follows a match, so a match may end at a break
    (``\\.(?=\\s)``).  For a pattern run over a span that may hold several paragraphs (a whole body, an ACLED note, a
    window).  Not for VERBOSE patterns (their blanks and comments are not items)."""
    if flags & re.VERBOSE:
        raise ValueError("paragraph_bound: a VERBOSE pattern cannot be rewritten; write it without re.X")
    dotall = bool(flags & re.DOTALL) or re.match(r"\(\?[aiLmsux]*s", pattern) is not None
    out: list[str] = []
    ahead: list[bool] = []  # per open group: whether it is (or is inside) a look-ahead "(?=...)"
    i = 0
    while i < len(pattern):
        j = _item_end(pattern, i)
        item = pattern[i:j]
        if item == "(":
            ahead.append(pattern.startswith("(?=", i) or bool(ahead and ahead[-1]))
        elif item == ")" and ahead:
            ahead.pop()
        elif _holds_newline(item, dotall) and not (ahead and ahead[-1]):
            item = "(?:%s%s)" % (_NOT_AT_BREAK, item)
        out.append(item)
        i = j
    return "".join(out)


# (pattern as written, its bounded form) for every pattern :func:`bound_to_paragraph` gave (tests/extract/test_paragraph_bound.py)
BOUNDED: list[tuple[re.Pattern[str], re.Pattern[str]]] = []


def bound_to_paragraph(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` compiled again with :func:`paragraph_bound`: the matches of ``rx`` that hold no paragraph break.  The
    rewrite and its compiled form come from the pattern store when a process built them before (start-up)."""
    out = compile_stored(derived_text("paragraph_bound", rx.pattern, rx.flags, paragraph_bound), rx.flags)
    BOUNDED.append((rx, out))
    return out


def paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut at its paragraph breaks: the (start, end) of each paragraph's part, breaks left out.
    A lexicon scanned piece by piece finds no name or phrase that runs into the next paragraph (actors.py,
    classify.py)."""
    if text.find("\n", start, end) < 0:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    a = start
    for m in _PARAGRAPH_BREAK.finditer(text, start, end):
        out.append((a, m.start()))
        a = m.end()
    out.append((a, end))
    return out


def crosses_paragraph(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a paragraph break."""
    return text.find("\n", start, end) >= 0 and _PARAGRAPH_BREAK.search(text, start, end) is not None


# Over a window longer than this, paragraph_around bisects the ends of the breaks found from ``lo`` (one pass per text
# and ``lo``) instead of reading every break before ``s`` again: asked for each name of a long page from the body's
# start (actors._assoc_host), the page's breaks were read once per name.  The breaks a search of ``text[lo:s]`` finds
# are those of a search from ``lo`` to the text's end that end by ``s`` (a break is blanks between two line breaks:
# one cut short at ``s`` matches nothing, and none starts inside it).
_LONG_WINDOW = 2000
_ENDS: tuple[str, int, list[int]] = ("", -1, [])  # the last text and ``lo`` asked about, and its breaks' ends


def _break_ends(text: str, lo: int) -> list[int]:
    global _ENDS
    memo = _ENDS
    if memo[0] is not text or memo[1] != lo:
        memo = _ENDS = (text, lo, [m.end() for m in _PARAGRAPH_BREAK.finditer(text, lo)])
    return memo[2]


def paragraph_around(text: str, lo: int, hi: int, s: int, e: int) -> tuple[int, int]:
    """The part of ``text[lo:hi]`` in the paragraph that holds ``text[s:e]`` (a trigger, a name): from the end of the
    last paragraph break before ``s`` to the start of the first one after ``e``.  A window looking before or after a
    word, or the rest of a body searched from it, stays in the word's paragraph."""
    a, b = lo, hi
    if s - lo > _LONG_WINDOW:
        ends = _break_ends(text, lo)
        i = bisect_right(ends, s)
        a = ends[i - 1] if i else lo
    elif text.find("\n", lo, s) >= 0:
        for m in _PARAGRAPH_BREAK.finditer(text, lo, s):
            a = m.end()
    if text.find("\n", e, hi) >= 0:
        after = _PARAGRAPH_BREAK.search(text, e, hi)
        b = after.start() if after is not None else hi
    return a, b


# a line listing another article ("Daily death toll | 19 people killed on April 21 across Syria",
# "Old ordnance | Two children killed in explosion near base…"): not this report's own words
_OTHER_HEADLINE = re.compile(r"^[^.\n]{3,80}\s\|\s[^\n]*$|(?:…|\.\.\.)\s*$", re.M)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    title: bool = False


def sentences(text: str, start: int, end: int, skip: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of ``text[start:end]``, leaving out furniture lines in ``skip``."""
    out: list[Sentence] = []
    pos = start
    first_line = True
    for m in list(_SENT_END.finditer(text, start, end)) + [None]:
        e = m.start() if m else end
        if m and "\n" not in m.group(0) and _ABBREV.search(text, max(pos, e - 6), e):
            continue
        s0, s1 = pos, e
        while s0 < s1 and text[s0].isspace():
            s0 += 1
        while s1 > s0 and text[s1 - 1].isspace():
            s1 -= 1
        line_start = text.rfind("\n", 0, s0) + 1
        line_end = text.find("\n", s0)
        line_end = end if line_end < 0 or line_end > end else line_end
        headline_list = not first_line and line_start == s0 and _OTHER_HEADLINE.search(text, s0, line_end) is not None
        if s1 > s0 and not headline_list and not any(a <= s0 < b for a, b in skip):
            is_title = first_line and text[s1 - 1] not in ".!?" and (m is None or "\n" in m.group(0)) and s1 - s0 < 300
            out.extend(_pieces(text, s0, s1, is_title))
            first_line = False
        pos = m.end() if m else end
    return out


# the longest sentence read whole (the development sets' longest is under 4,000 characters): a longer run without
# a sentence end (a page with no punctuation, a hostile input) is read in pieces of at most this size, cut at a
# space, so that work done per sentence stays bounded and extraction time grows linearly with the text
MAX_SENTENCE = 5000
_LAST_SPACE = re.compile(r"\s(?=\S*$)")


def _pieces(text: str, s0: int, s1: int, title: bool) -> list[Sentence]:
    """``text[s0:s1]`` as one sentence, or in pieces of at most :data:`MAX_SENTENCE` characters when longer."""
    out: list[Sentence] = []
    while s1 - s0 > MAX_SENTENCE:
        cut = _LAST_SPACE.search(text, s0 + MAX_SENTENCE // 2, s0 + MAX_SENTENCE)
        c = cut.start() if cut else s0 + MAX_SENTENCE
        out.append(Sentence(s0, c, title and not out))
        s0 = c
        while s0 < s1 and text[s0].isspace():
            s0 += 1
    if s1 > s0:
        out.append(Sentence(s0, s1, title and not out))
    return out


def clause_cuts(text: str, start: int, end: int, group_starts: list[int], group_ends: tuple[int, ...] = ()) -> list[int]:
    """Positions inside ``text[start:end]`` where a new clause starts."""
    cuts: set[int] = set()
    ends = set(group_ends)
    for g in group_starts:
        if any(e in ends and text[e:g].strip() == "," for e in (g - 1, g - 2)):
            continue  # "killing 2 civilians, a man and his wife": an apposition, not a new clause
        if g > start and CLAUSE_BEFORE_GROUP.search(text, max(start, g - 40), g):
            m = CLAUSE_BEFORE_GROUP.search(text, max(start, g - 40), g)
            cuts.add(m.start() if m else g)
    for m in _WHILE.finditer(text, start, end):
        cuts.add(m.start())
    return sorted(c for c in cuts if start < c < end)
