"""A fast multi-pattern scanner for lexicon rows (event triggers, actor names).

One alternation of a few hundred branches, tried at every word start, is slow in Python's backtracking
engine.  The scanner computes, once, which characters each row's pattern can start with (from the parsed
pattern) and builds one smaller alternation per first characters; a scan then tries, at each word start,
only the rows that can begin there.  Row order (and so which row wins at one position) is unchanged.
Word boundaries work across scripts (:data:`LEFT`, :data:`RIGHT`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as _C  # type: ignore[attr-defined]  # private: typeshed has no stubs for it
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # private: typeshed has no stubs for it
from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found,unused-ignore]  # private: no stubs
from typing import Any, Callable, Iterator, Optional

import _sre  # type: ignore[import-not-found,unused-ignore]  # private: stubs in some mypy versions only

from warledger.extract.needs import folded, needed
from warledger.lexcache import Deferred, compile_stored, defer_patterns, derived_text, live

# Word boundaries that work across scripts: a Latin word may touch Arabic letters (hashtags, links glued to
# Arabic words) and an Arabic word may carry a one- or two-letter proclitic (ب ل و ف ك ال).
_AR = "\u0621-\u063A\u0640-\u064A\u0660-\u0669\u066E-\u06D3"  # Arabic letters and digits, not punctuation
# The bounds are written so that their SRE code is small (every bucket of a scanner carries them, and a bucket is
# rebuilt from its stored code when first used): a class of more than two runs of characters, or a cased class read
# case-insensitively, compiles to a 256-entry block table (~100 code words each), so each such class is said as
# assertions on classes of at most two runs.  They match exactly what the plain classes match in a case-insensitive
# pattern (tests/extract/test_scanner_bounds.py checks every code point): an ASCII word character, or one of the four
# letters outside ASCII that case-fold to one ("İ", "ı", "ſ", the Kelvin sign).
_AR_RUNS = ("[\u0621-\u063A\u0640-\u064A]", "[\u0660-\u0669\u066E-\u06D3]")
_W_RUNS = ("[A-Za-z]", "[0-9_]", "[\u0130\u0131\u017F]", "\u212A")


def _none_of(runs: tuple[str, ...], look: str) -> str:
    return "(?-i:" + "".join(f"({look}{r})" for r in runs) + ")"


_NOT_AFTER_W, _NOT_BEFORE_W = _none_of(_W_RUNS, "?<!"), _none_of(_W_RUNS, "?!")
_NOT_AFTER_AR, _NOT_BEFORE_AR = _none_of(_AR_RUNS, "?<!"), _none_of(_AR_RUNS, "?!")
_AR_AHEAD = "(?:" + "|".join(f"(?={r})" for r in _AR_RUNS) + ")"
_PROCLITIC = "(?:(?:(?=[\u0628\u0641])|(?=[\u0643\u0644\u0648]))[\u0628-\u0648])"  # one of و ف ب ل ك
# (?<![A-Za-z0-9_])(?<![Arabic])(?:(?:[وفبلك]{0,2}ال|[وفبلك]{1,2})(?=[Arabic]))?, case-insensitive
LEFT = rf"{_NOT_AFTER_W}{_NOT_AFTER_AR}(?:(?:{_PROCLITIC}{{0,2}}\u0627\u0644|{_PROCLITIC}{{1,2}}){_AR_AHEAD})?"
# LEFT at a word beginning with an ASCII character that a scanner's jump (_STARTS, _Tables.jump) found: the jump's own
# look-behind has ruled out an ASCII word character and an Arabic letter or digit before it, and no proclitic can begin
# at an ASCII character, so only the four letters outside ASCII that fold to an ASCII word character are left to rule
# out (18 code words where LEFT is 204: each ASCII bucket, pair and split entry of a scanner carries its bound, and a
# bucket is rebuilt from its stored code when first used)
LEFT_AFTER_JUMP = _none_of(_W_RUNS[2:], "?<!")
# (?!(?<=[A-Za-z0-9_])[A-Za-z0-9_])(?!(?<=[Arabic])[Arabic]), case-insensitive
RIGHT = rf"(?:{_NOT_AFTER_W}|{_NOT_BEFORE_W})(?:{_NOT_AFTER_AR}|{_NOT_BEFORE_AR})"
_PROCLITICS = frozenset("وفبلكا")


CATEGORY_CHARS = {_C.CATEGORY_SPACE: set(" \t\n\r\f\v"), _C.CATEGORY_DIGIT: set("0123456789")}


def _first(items: Any, ic: bool) -> tuple[Optional[set[str]], bool]:
    out: set[str] = set()
    for op, av in items:
        fs, nullable = _first_item(op, av, ic)
        if fs is None:
            return None, False
        out |= fs
        if not nullable:
            return out, False
    return out, True


def _chars(code: int, ic: bool) -> set[str]:
    ch = chr(code)
    return {ch.lower(), ch.upper()} if ic else {ch}


def _first_item(op: Any, av: Any, ic: bool) -> tuple[Optional[set[str]], bool]:
    if op is _C.LITERAL:
        return _chars(av, ic), False
    if op is _C.IN:
        chars: set[str] = set()
        for o, a in av:
            if o is _C.LITERAL:
                chars |= _chars(a, ic)
            elif o is _C.RANGE and a[1] - a[0] <= 400:
                for c in range(a[0], a[1] + 1):
                    chars |= _chars(c, ic)
            elif o is _C.CATEGORY and a in CATEGORY_CHARS:
                chars |= CATEGORY_CHARS[a]
            else:  # NEGATE, CATEGORY, wide ranges: anything
                return None, False
        return chars, False
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return set(), True
    if op is _C.BRANCH:
        chars, nullable = set(), False
        for branch in av[1]:
            fs, n = _first(branch, ic)
            if fs is None:
                return None, False
            chars |= fs
            nullable = nullable or n
        return chars, nullable
    if op is _C.SUBPATTERN:
        sub_ic = (ic or bool(av[1] & re.IGNORECASE)) and not (av[2] & re.IGNORECASE)
        return _first(av[3], sub_ic)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        fs, n = _first(av[2], ic)
        return fs, (n or av[0] == 0)
    return None, False


def first_chars(pattern: str) -> Optional[set[str]]:
    """The characters a case-insensitive match of ``pattern`` can start with; None when it could be any."""
    fs, nullable = _first(list(_sre_parse.parse(pattern, re.IGNORECASE)), True)
    return None if nullable else fs


# ---------------------------------------------------------------- a first-character guard for one pattern
# The categories a class may name, as they are written in a pattern (Unicode semantics kept: "\d" is every digit).
_CATEGORY_TEXT = {_C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s",
                  _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W"}
_GLOBAL_FLAGS = re.compile(r"^\(\?[aiLmsux]+\)")


_ATOMIC = getattr(_C, "ATOMIC_GROUP", None)  # (?>...) and possessive repeats: Python 3.11 and later
_REPEATS = tuple(op for op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", None)) if op is not None)
IGNORE_CASE = "\0i"  # in a list of class items: some first character is matched case-insensitively


def _esc(code: int) -> str:
    return "\\U%08x" % code


def class_seq(items: Any, out: list[str]) -> Optional[bool]:
    """Add to ``out`` the class items a match of the sequence ``items`` can start with; whether the sequence can
    match the empty string; None when its first character cannot be told."""
    for op, av in items:
        nullable = _class_item(op, av, out)
        if nullable is None:
            return None
        if not nullable:
            return False
    return True


def _class_item(op: Any, av: Any, out: list[str]) -> Optional[bool]:
    if op is _C.LITERAL:
        out.append(_esc(av))
        return False
    if op is _C.IN:
        for o, a in av:
            if o is _C.LITERAL:
                out.append(_esc(a))
            elif o is _C.RANGE:
                out.append(f"{_esc(a[0])}-{_esc(a[1])}")
            elif o is _C.CATEGORY and a in _CATEGORY_TEXT:
                out.append(_CATEGORY_TEXT[a])
            else:  # a negated class, another category: not told
                return None
        return False
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return True
    if op is _C.BRANCH:
        nullable = False
        for branch in av[1]:
            n = class_seq(branch, out)
            if n is None:
                return None
            nullable = nullable or n
        return nullable
    if op is _C.SUBPATTERN:
        if av[1] & re.IGNORECASE:  # case-insensitive inside only: the whole class is (generous elsewhere)
            out.append(IGNORE_CASE)
        return class_seq(av[3], out)
    if op is _ATOMIC:
        return class_seq(av, out)
    if op in _REPEATS:
        n = class_seq(av[2], out)
        return None if n is None else (n or av[0] == 0)
    return None


def first_class(pattern: str, flags: int = 0) -> Optional[str]:
    """A character class (in the pattern's own terms: its literals, ranges and categories) that the first
    character of every match of ``pattern`` belongs to; None when it cannot be told or a match may be empty."""
    out: list[str] = []
    nullable = class_seq(list(_sre_parse.parse(pattern, flags)), out)
    if nullable is None or nullable or not out:
        return None
    cls = "[" + "".join(x for x in dict.fromkeys(out) if x != IGNORE_CASE) + "]"
    return f"(?i:{cls})" if IGNORE_CASE in out and not flags & re.IGNORECASE else cls


GUARDED: list[tuple[re.Pattern[str], re.Pattern[str]]] = []  # (pattern, its guarded twin): the tests compare them


def guarded(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` behind a look-ahead for the characters its matches can start with (:func:`first_class`): the same
    matches, found faster by ``search``/``finditer``.  Python's engine tries a pattern at every position of the
    text; a pattern that opens with assertions, optional groups or a wide alternation (a date, a casualty noun
    list) costs that much at each one, where one look-ahead rejects most positions at once.  ``rx`` itself when
    its first character cannot be told.  The class and the compiled twin come from the pattern store when a
    process built them before (:func:`warledger.lexcache.compile_stored`: start-up)."""
    cls = derived_text("first_class", rx.pattern, rx.flags, first_class)
    if cls is None:
        return rx
    pattern = _GLOBAL_FLAGS.sub("", rx.pattern)  # the flags are in rx.flags
    out = compile_stored(f"(?={cls})(?:{pattern}\n)" if rx.flags & re.VERBOSE else f"(?={cls})(?:{pattern})", rx.flags)
    GUARDED.append((rx, out))
    return out


_PREFIX_CAP = 3000 # more possible prefixes than this: treat the pattern as able to start with anything


def seq_prefixes(items: Any, ic: bool, n: int) -> Optional[set[str]]:
    """The strings of up to ``n`` characters a match of the sequence ``items`` can start with: a string of length
    ``n`` is a cut prefix, a shorter one a whole match.  None when unknown (``\\w``, ``.``, a class...)."""
    states, out = {""}, set()
    for op, av in items:
        nxt: set[str] = set()
        for st in states:
            got = _item_prefixes(op, av, ic, n - len(st))
            if got is None:
                if not st:
                    return None
                out.add((st + ANY_CHAR * n)[:n])  # known start, then anything
                continue
            for g in got:
                (out if len(st) + len(g) >= n else nxt).add(st + g)
        states = nxt
        if len(states) + len(out) > _PREFIX_CAP:
            return None
        if not states:
            break
    return out | states


def _item_prefixes(op: Any, av: Any, ic: bool, n: int) -> Optional[set[str]]:
    if op is _C.LITERAL:
        return _chars(av, ic)
    if op is _C.IN:
        fs, _ = _first_item(op, av, ic)
        return fs
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return {""}
    if op is _C.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            got = seq_prefixes(branch, ic, n)
            if got is None:
                return None
            out |= got
        return out
    if op is _C.SUBPATTERN:
        sub_ic = (ic or bool(av[1] & re.IGNORECASE)) and not (av[2] & re.IGNORECASE)
        return seq_prefixes(av[3], sub_ic, n)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        lo, hi, sub = av
        one = seq_prefixes(sub, ic, n)
        if one is None:
            return None
        out, reps = ({""} if lo == 0 else set()), {""}
        for i in range(1, n + 1):
            if i > hi:
                break
            reps = {r + o for r in reps for o in one if len(r) < n}
            reps = {r[:n] for r in reps}
            if i >= lo:
                out |= reps
            else:
                out |= {r for r in reps if len(r) >= n}
            if len(out) > _PREFIX_CAP:
                return None
        return out
    return None


def prefixes2(pattern: str) -> Optional[set[str]]:
    """The two-character prefixes a match of ``pattern`` can start with (the second character lower-cased, or
    ``ANY_CHAR`` when the first is known and the second is not); None when a match may be shorter than two characters
    or its first character is not known."""
    got = seq_prefixes(list(_sre_parse.parse(pattern, re.IGNORECASE)), True, 2)
    if got is None or any(len(g) < 2 for g in got):
        return None
    return {g[0] + g[1].lower() for g in got}


ANY_CHAR = "\0"  # in a prefix: any character
LOWER_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
ALNUM = LOWER_ALNUM | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
THIRD_KNOWN = ALNUM | {" "}  # third characters the jump tells apart (any other one: a match may follow)


def caught_anyway(ch: str) -> bool:
    """Whether a row's third or fourth character ``ch`` (lower case) is one the jumps pass only by their class for the
    characters they do not tell apart (``[^A-Za-z0-9 ]``): a mark ("'", "’") or a letter that matches no ASCII letter,
    digit or blank in any case (not ``ANY_CHAR``; not "ı" or the Kelvin sign, which match "i" and "k":
    :func:`folds_to`).  Such a row need not open the jump to every third (fourth) character after its first two
    (three)."""
    return ch != ANY_CHAR and ch not in THIRD_KNOWN and not any(chr(x) in THIRD_KNOWN for x in folds_to(ch))


# second characters a pair also chooses by ("a " tries no name of "a..." unless one can go on so): ASCII marks and the
# blanks "\s" spells out (:data:`CATEGORY_CHARS`), which no character outside ASCII case-folds to
MARK_SECOND = frozenset(chr(c) for c in range(0x21, 0x7f) if not chr(c).isalnum()) | CATEGORY_CHARS[_C.CATEGORY_SPACE]
SPLIT_OVER = 24  # a pair bucket of more rows than this is split by the third and fourth characters
_SAFE = frozenset(LOWER_ALNUM | MARK_SECOND)  # characters a split tells apart: no other character case-folds to one


@lru_cache(maxsize=None)  # a few hundred distinct characters, asked for at every bucket built or window read
def folds_to(chars: str) -> frozenset[int]:
    """What the engine compares a text character with when it matches ``chars`` case-insensitively (re._compiler: a
    cased literal or class member as its lower case and that lower case's extra cases, ``re._casefix``; an uncased
    one as itself), for every character of ``chars`` (a first character as ``first_chars`` gives it may be two,
    "İ".lower()): a text character ``t`` can match a first character ``c`` when ``folds_to(t) & folds_to(c)``."""
    out: set[int] = set()
    for x in chars:
        lo = _sre.unicode_tolower(ord(x))
        out |= {ord(x), lo, *_EXTRA_CASES.get(lo, ())}
    return frozenset(out)


@lru_cache(maxsize=None)
def _safe_folds(ch: str) -> Optional[str]:
    """The characters of :data:`_SAFE` that a case-insensitive pattern character may match the text character ``ch``
    with (:func:`folds_to`): its lower case for an ASCII letter, itself for another safe character, "i" for "İ" and
    "ı", "s" for "ſ", "k" for the Kelvin sign; none for any other character (no row of known first four characters
    can match a word holding it among them); None for a blank or digit that is not safe ("\\xa0", "٣"): ``\\s`` and
    ``\\d`` match it, and :func:`fours_of` spells them out as ASCII only (:data:`CATEGORY_CHARS`)."""
    low = ch.lower()
    if low in _SAFE:
        return low
    if ch.isspace() or ch.isdecimal():
        return None
    folds = folds_to(ch)
    return "".join(sorted(c for c in _SAFE if folds & folds_to(c)))


def fours_of(pattern: str) -> Optional[set[str]]:
    """The first four characters (lower case) a case-insensitive match of ``pattern`` can begin with; None when one is
    not known, is outside :data:`_SAFE` (a letter outside ASCII may case-fold to an ASCII one), or a match may be
    shorter."""
    got = seq_prefixes(list(_sre_parse.parse(pattern, re.IGNORECASE)), True, 4)
    if got is None or any(len(g) != 4 for g in got):
        return None
    low = {g.lower() for g in got}
    return low if all(_SAFE.issuperset(g) for g in low) else None


def split_rows(key: str, idx: list[int], fours: list[Optional[set[str]]],
               compiled: Callable[[list[int]], Optional[re.Pattern[str]]]) -> tuple[dict[str, Any], Any]:
    """A pair bucket (rows ``idx``, in order, that can begin with the two characters ``key``, lower case) split by the
    next two characters: for each first four characters (lower case, ``fours[k]`` of row ``idx[k]``, :func:`fours_of`)
    some row can begin with, the pattern (``compiled``) of the rows that can and of those whose first four cannot be
    told, in order; and the pattern of those others alone.  Read through :class:`Split`."""
    exact: dict[str, list[int]] = {}
    loose = []
    for i, got in zip(idx, fours):
        if got is None:
            loose.append(i)
        for g in got or ():
            if g[:2] == key:
                exact.setdefault(g, []).append(i)
    made: dict[tuple[int, ...], Optional[re.Pattern[str]]] = {}  # one pattern for one list
    table = {g: made.get(t) or made.setdefault(t, compiled(list(t)))
             for g, these in exact.items() if (t := tuple(sorted(set(these) | set(loose))))}
    return table, compiled(loose)


def defer_split(split: Optional[tuple[dict[str, Any], Any]], memo: dict[int, Deferred]) -> Any:
    """A split (:func:`split_rows`) with its patterns deferred, for pickling (see :func:`defer_patterns`)."""
    return split if split is None else (defer_patterns(split[0], memo), defer_patterns({"": split[1]}, memo)[""])


class Split:
    """A split pair bucket (:func:`split_rows`) as a process reads it: the first four characters of a word (as
    written) -> the pattern tried there.  Four characters that are not all ASCII letters, digits, marks or the blanks
    ``\\s`` spells out (or fewer, at the span's end) are tried against the whole pair bucket, ``pairs[key]``: built
    (a deferred pattern rebuilt) only then."""

    __slots__ = ("_table", "_rest", "_pairs", "_key", "_seen")

    def __init__(self, table: dict[str, Any], rest: Any, pairs: dict[str, Any], key: str) -> None:
        self._table, self._rest, self._pairs, self._key = table, rest, pairs, key
        self._seen: dict[str, Optional[re.Pattern[str]]] = {}

    def at(self, four: str) -> Optional[re.Pattern[str]]:
        got = self._seen.get(four, _MISSING)
        if got is _MISSING:
            low = four.lower() if four.isascii() and _SAFE.issuperset(four.lower()) else _safe_four(four)
            if len(four) < 4 or low is None:
                got = live(self._pairs, self._key, None)
            elif low in self._table:
                got = live(self._table, low, None)
            else:  # (a character no safe one folds with: only the rows whose first four are not known can match)
                if type(self._rest) is Deferred:
                    self._rest = self._rest.get()
                got = self._rest
            self._seen[four] = got
        return got  # type: ignore[no-any-return]


def _safe_four(four: str) -> Optional[str]:
    """The first four characters of a word holding one outside ASCII, as the key of a split's table (:class:`Split`):
    each character as the one safe character it can match (:func:`_safe_folds`: "asıl" as "asil"); "" when one can
    match none (no row of known first four characters can match there: "May،"); None when that cannot be told (a
    blank or digit outside ASCII, a character that can match several)."""
    out = ""
    for ch in four:
        got = _safe_folds(ch)
        if got is None or len(got) > 1:
            return None
        if not got:
            return ""
        out += got
    return out


_STARTS = re.compile(rf"(?<![A-Za-z0-9_{_AR}])[A-Za-z0-9{_AR}]")


_MISSING: Any = object()
_NAMED = re.compile(r"\(\?P<(\w+)>(.*)\)", re.DOTALL)


def _one_group(pattern: str) -> Optional[str]:
    """The name of the group that is the whole of ``pattern`` (its first group, so that it is ``lastgroup`` of every
    match: a group closes after those inside it); None when there is none."""
    parsed = _sre_parse.parse(pattern, re.IGNORECASE)
    if len(parsed) != 1 or parsed[0][0] is not _C.SUBPATTERN or parsed[0][1][0] != 1:
        return None
    return next((n for n, i in parsed.state.groupdict.items() if i == 1), None)


def _holds(text: str, start: int, end: int, words: tuple[str, ...]) -> bool:
    """Whether ``text[start:end]`` holds one of ``words`` (lower case ASCII; the text read as :func:`folded` does)."""
    low = folded(text)
    return any(low.find(w, max(start, 0), end) >= 0 for w in words)


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def top_alternatives(body: str) -> list[str]:
    """``body`` cut at its top-level ``|`` (not inside parentheses or a character class)."""
    out, depth, cls, esc, last = [], 0, False, False, 0
    for i, ch in enumerate(body):
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif cls:
            cls = ch != "]" or body[i - 1] == "["
        elif ch == "[":
            cls = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(body[last:i])
            last = i + 1
    out.append(body[last:])
    return out


def _key(ch: str) -> str:
    """A first character's bucket: itself for ASCII (case kept: a capitalised-name row is not tried at "the"),
    "ar" for Arabic letters, "*" for anything else."""
    if "\u0621" <= ch <= "\u06d3":
        return "ar"
    return ch if ch.isascii() else "*"


def _thirds_after(key: str, c2: str, patterns: list[str]) -> Optional[set[str]]:
    """The letters, digits or blank (lower case) that can come third in a match of one of ``patterns`` beginning
    with ``key`` and then ``c2`` (lower case); None when any character may (or a match may end after two)."""
    if len(c2) != 1:
        return None
    out: set[str] = set()
    for p in patterns:
        got = seq_prefixes(list(_sre_parse.parse(p, re.IGNORECASE)), True, 3)
        if got is None:
            return None
        for g in got:
            if g[:1] != key or g[1:2].lower() not in (c2, ANY_CHAR):
                continue
            c3 = g[2].lower() if len(g) == 3 else ANY_CHAR
            if caught_anyway(c3):
                continue  # (a mark third, "ta'", passes the jump's class for the characters it does not tell apart)
            if c3 == ANY_CHAR or c3 not in THIRD_KNOWN:
                return None
            out.add(c3)
    return out or None


def _fourths_after(key: str, c2: str, patterns: list[str]) -> dict[str, Optional[set[str]]]:
    """For each third character (lower case) a match of one of ``patterns`` beginning with ``key`` and then ``c2``
    can have (see :func:`_thirds_after`), the letters, digits or blank (lower case) that can come fourth; None for a
    third after which any character may come (or a match may end); empty when that cannot be told."""
    out: dict[str, Optional[set[str]]] = {}
    for p in patterns:
        got = seq_prefixes(list(_sre_parse.parse(p, re.IGNORECASE)), True, 4)
        if got is None:
            return {}
        for g in got:
            if g[:1] != key or g[1:2].lower() not in (c2, ANY_CHAR):
                continue
            c3 = g[2].lower() if len(g) >= 3 else ANY_CHAR
            if caught_anyway(c3):
                continue  # (see _thirds_after)
            if c3 == ANY_CHAR or c3 not in THIRD_KNOWN:
                return {}
            c4 = g[3].lower() if len(g) == 4 else ANY_CHAR
            fs = out.setdefault(c3, set())
            if caught_anyway(c4):
                continue
            if c4 == ANY_CHAR or c4 not in THIRD_KNOWN:
                out[c3] = None
            elif fs is not None:
                fs.add(c4)
    return out


def _thirds_class(th: set[str], fourths: dict[str, Optional[set[str]]]) -> str:
    """One of the third characters ``th`` (case-insensitive), each followed by one of its fourth characters when
    ``fourths`` knows them, or by a character that is not an ASCII letter, digit or blank."""
    free = [c3 for c3 in sorted(th) if fourths.get(c3) is None]
    parts = ["(?i:[" + "".join(_esc(ord(c)) for c in free) + "])"] if free else []
    for c3 in sorted(th):
        f4 = fourths.get(c3)
        if f4 is not None:
            known = "(?i:[" + "".join(_esc(ord(c)) for c in sorted(f4)) + "])|" if f4 else ""  # (none: only marks)
            parts.append("(?i:" + _esc(ord(c3)) + ")(?:" + known + "[^A-Za-z0-9 ])")
    return "(?:" + "|".join(parts + ["[^A-Za-z0-9 ]"]) + ")"


def _seconds_class(key: str, c2s: list[str], thirds: dict[str, Optional[set[str]]],
                   fourths: Optional[dict[str, dict[str, Optional[set[str]]]]] = None) -> str:
    """After the first character ``key``: one of the second characters ``c2s`` (case-insensitive), each followed
    by one of its third characters (each followed by one of its fourth characters, when ``fourths`` knows them),
    or by a character that is not an ASCII letter, digit or blank."""
    free = [c2 for c2 in c2s if thirds.get(key + c2) is None]
    parts = ["(?i:[" + "".join(_esc(ord(c)) for c2 in free for c in c2) + "])"] if free else []
    for c2 in c2s:
        th = thirds.get(key + c2)
        if th is not None:
            parts.append("(?i:" + "".join(_esc(ord(c)) for c in c2) + ")" +
                         _thirds_class(th, (fourths or {}).get(key + c2, {})))
    return "(?:" + "|".join(parts) + ")"


def _rows(patterns: list[str], idx: list[int], left: str = LEFT_AFTER_JUMP) -> Optional[re.Pattern[str]]:
    """The alternation of rows ``idx`` (in order) between word bounds, matched only where a scanner's jump landed at an
    ASCII character (:data:`LEFT_AFTER_JUMP`; ``left`` for another use); None for no rows."""
    return re.compile(left + "(?:" + "|".join(patterns[i] for i in idx) + ")" + RIGHT, re.IGNORECASE) if idx else None


class _Tables:
    """The compiled alternations of a :class:`Scanner`: one per first character (``buckets``; ``any`` for
    rows that may start with anything), one per first two ASCII characters (``pairs``), and ``jump``, a search
    for the next word start that some row can begin at.

    A row that can begin with an ASCII character followed by any character (a capitalised name before "tribesmen":
    any capital, then any letter) would sit in every pair of that character, and each pair is rebuilt on its own
    when first used (the generic name rows were most of a country's pair code).  With ``wide``, such rows are left
    out of that character's pairs and tried on their own, in ``wide[first character]``: at a word beginning with
    it, :meth:`Scanner.finditer` matches both and keeps the match of the row that comes first (``order``, by
    group name), which is the match of the one alternation of both (alternation takes the first row that matches).
    """

    def __init__(self, patterns: list[str], wide: bool = False) -> None:
        firsts = [first_chars(p) for p in patterns]
        keys: set[str] = set()
        for fs in firsts:
            for ch in fs or ():
                keys.add(_key(ch))
        self.buckets: dict[str, re.Pattern[str]] = {}
        for key in keys | {"*"}:
            parts = [p for p, fs in zip(patterns, firsts)
                     if fs is None or key in {_key(c) for c in fs} or (key == "ar" and not fs.isdisjoint(_PROCLITICS))]
            if parts:  # (an ASCII character's bucket is matched only where the jump landed: LEFT_AFTER_JUMP)
                left = LEFT if key in ("ar", "*") else LEFT_AFTER_JUMP
                self.buckets[key] = re.compile(left + "(?:" + "|".join(parts) + ")" + RIGHT, re.IGNORECASE)
        self.any = self.buckets.get("*")
        # ASCII word starts: a second level keyed by the first two characters, so that a word is tried only
        # against the rows that can begin with its first two letters (most words begin none).
        pre2 = [prefixes2(p) for p in patterns]
        self.pairs: dict[str, Optional[re.Pattern[str]]] = {}
        self.splits: dict[str, tuple[dict[str, Any], Any]] = {}  # a big pair's split by the next two characters
        viable: dict[str, list[str]] = {}  # the word beginnings some row can match at: first -> second characters
        thirds: dict[str, Optional[set[str]]] = {}  # first two characters -> the third ones (None: any)
        fourths: dict[str, dict[str, Optional[set[str]]]] = {}  # first two characters -> third -> the fourth ones
        self.wide: dict[str, Any] = {}  # an ASCII first character -> its wide rows' pattern (see the class's doc)
        wide_rows: set[int] = set()
        for key in sorted(keys):
            if key in ("ar", "*"):
                continue
            rows = [i for i, fs in enumerate(firsts) if fs is None or key in {_key(c) for c in fs}]
            seconds = {pr[1] for i in rows for pr in (pre2[i] or ()) if pr[0] == key} - {ANY_CHAR}
            loose = {i for i in rows if (p2 := pre2[i]) is None or (key + ANY_CHAR) in p2} if wide else set()
            if loose:
                self.wide[key] = _rows(patterns, sorted(loose))
                wide_rows |= loose
            for c2 in sorted(seconds | {""}):
                idx = [i for i in rows if (p2 := pre2[i]) is None or (key + c2) in p2 or (key + ANY_CHAR) in p2]
                parts = [patterns[i] for i in idx]
                tried = [i for i in idx if i not in loose]
                self.pairs[key + c2] = _rows(patterns, tried)
                if c2 and len(tried) > SPLIT_OVER:
                    self.splits[key + c2] = split_rows((key + c2).lower(), tried,
                                                       [fours_of(patterns[i]) for i in tried],
                                                       lambda ix: _rows(patterns, ix))
                if parts:
                    viable.setdefault(key, []).append(c2)
                    if c2:
                        thirds[key + c2] = _thirds_after(key, c2, [patterns[i] for i in idx])
                        if thirds[key + c2] is not None:
                            fourths[key + c2] = _fourths_after(key, c2, [patterns[i] for i in idx])
        # the words one of which every match of a wide row holds (:func:`warledger.extract.needs.needed`): a span
        # holding none of them is scanned without trying the wide rows at all
        every = _rows(patterns, sorted(wide_rows), LEFT)
        self.wide_words = needed(every) if every is not None else None
        self.by_first: dict[str, Optional[re.Pattern[str]]] = {}  # a word's first character -> its wide rows
        # One C-speed search jumps to the next word that can begin a match, skipping "the", "in", "of" ...: one
        # branch per first character (the engine skips a branch whose first literal differs at once), then the
        # second characters as one case-insensitive class ("" among them: any second character)
        self.by_pair: dict[str, Optional[re.Pattern[str]]] = {}  # a word's first two characters -> its pattern
        if self.any is not None:
            self.jump = _STARTS
        else:
            branches = [re.escape(k) if "" in c2s else re.escape(k) + _seconds_class(k, c2s, thirds, fourths)
                        for k, c2s in viable.items()]
            self.jump = re.compile(rf"(?<![A-Za-z0-9_{_AR}])(?:{'|'.join(branches) or '(?!)'}|[{_AR}])")

    def pick(self, two: str) -> Optional[re.Pattern[str]]:
        """The pattern tried at a word that begins with the characters ``two`` (one at the end of the text): the
        rows that can begin with its first two characters, else with its first, else those that may begin
        anywhere."""
        ch = two[0]
        if ch < "\x80":
            key = ch + two[1:2].lower()[:1]
            split = self.splits.get(key)
            if split is not None:  # (the whole pair stays deferred until a word needs it: see Split)
                return Split(split[0], split[1], self.pairs, key)  # type: ignore[return-value]
            rx = live(self.pairs, key, _MISSING)
            if rx is _MISSING:
                rx = live(self.pairs, key[0] if key[0] in self.buckets else "", _MISSING)
                if rx is _MISSING:
                    rx = live(self.buckets, key[0], self.any)
            return rx  # type: ignore[no-any-return]
        return live(self.buckets, "ar" if "\u0621" <= ch <= "\u06d3" else "*", self.any)  # type: ignore[no-any-return]

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (in a lexicon cache, :mod:`warledger.lexcache`) with every alternation but ``jump`` and ``any``
        deferred: a new process loads a country's scanner in about a millisecond and compiles only the buckets
        that the words it reads begin (:meth:`pick` rebuilds one on first use); ``by_pair`` starts empty."""
        memo: dict[int, Deferred] = {}
        return {**self.__dict__, "buckets": defer_patterns(self.buckets, memo),
                "pairs": defer_patterns(self.pairs, memo), "by_pair": {}, "by_first": {},
                "wide": defer_patterns(self.wide, memo),
                "splits": {k: defer_split(v, memo) for k, v in self.splits.items()}}


class Scanner:
    """Finds, left to right and without overlaps, where any of ``patterns`` matches at a word start.

    Each pattern is a named group, ``(?P<name>...)``; :meth:`group` names the pattern a match came from.
    A pattern's top-level alternatives are bucketed one by one (each keeps its place in the order), so that one
    alternative that can start anywhere does not make the whole row be tried at every word.
    """

    def __init__(self, patterns: list[str]) -> None:
        self._names: dict[str, str] = {}
        split: list[str] = []
        for pat in patterns:
            m = _NAMED.fullmatch(pat)
            alts = top_alternatives(m.group(2)) if m else [pat]
            if len(alts) > 1 and any(_compiles(a) is False for a in alts):
                alts = [pat]  # not one group around the whole pattern: keep it whole
            if m is None or len(alts) == 1:
                split.append(pat)
                if m:
                    self._names[m.group(1)] = m.group(1)
                continue
            for k, alt in enumerate(alts):
                name = m.group(1) if k == 0 else f"{m.group(1)}_{k}"
                self._names[name] = m.group(1)
                split.append(f"(?P<{name}>{alt})")
        patterns = split
        # the wide rows are tried apart (see _Tables) when every row is one named group, whose name tells its place
        names = [_one_group(p) for p in patterns]
        self._order = {n: k for k, n in enumerate(names) if n is not None}
        wide = len(self._order) == len(patterns)
        self._full = _Tables(patterns, wide)
        # Alternatives whose first two letters are not known ("(?:\\w+\\s+)?tribesmen", capitalised names before
        # "Brigade") must be tried at every word.  One C-speed search tells whether any of them can match in
        # a span at all; when none can, the span is scanned without them.
        wild = [p for p in patterns if first_chars(p) is None]
        self._probe = re.compile(LEFT + "(?:" + "|".join(wild) + ")" + RIGHT, re.IGNORECASE) if wild else None
        self._tame = _Tables([p for p in patterns if p not in wild], wide) if wild else self._full

    def group(self, m: re.Match[str]) -> str:
        """The name of the pattern ``m`` (a match of :meth:`finditer`) came from."""
        g = m.lastgroup or ""
        return self._names.get(g, g)

    def finditer(self, text: str, start: int = 0, end: Optional[int] = None,
                 longest: Optional[int] = None) -> Iterator[re.Match[str]]:
        """The matches in ``text[start:end]``.  ``longest``: no match is longer than this many characters (a name's
        pattern, a capital then word characters or hyphens, never reads past it: over one 40,000-character hyphenated
        "word" each word start read the rest of it, n^2); a pattern is matched as if the text ended there."""
        end = len(text) if end is None else end
        pos = start
        tables = self._full if self._probe is not None and self._probe.search(text, start, end) else self._tame
        jump = tables.jump.search
        by_pair = tables.by_pair
        words = tables.wide_words
        by_first = tables.by_first if tables.wide and (words is None or _holds(text, start, end, words)) else None
        order = self._order
        while True:
            w = jump(text, pos, end)
            if w is None:
                return
            p = w.start()
            two = text[p:p + 2]
            rx = by_pair.get(two, _MISSING)
            if rx is _MISSING:
                rx = by_pair[two] = tables.pick(two)
            lim = end if longest is None else min(end, p + longest)
            if type(rx) is Split:
                rx = rx.at(text[p:min(p + 4, lim)])
            m = rx.match(text, p, lim) if rx is not None else None
            if by_first is not None:  # the wide rows that can begin here, and the first row's match of both
                wx = by_first.get(two[0], _MISSING)
                if wx is _MISSING:
                    wx = by_first[two[0]] = live(tables.wide, two[0], None) if two[0] < "\x80" else None
                m2 = wx.match(text, p, lim) if wx is not None else None
                if m2 is not None and (m is None or order[m2.lastgroup or ""] < order[m.lastgroup or ""]):
                    m = m2
            if m is not None and m.end() > p:
                yield m
                pos = m.end()
            else:
                pos = p + 1


# a sentence end inside a report: ".", "!" or "?" before a space, or a line break
SENT_BREAK = re.compile(r"[.!?](?=\s)|\n")


def sentence_around(text: str, lo: int, hi: int, s: int, e: int, reach: int) -> tuple[int, int]:
    """The sentence of ``text[lo:hi]`` around ``text[s:e]``, looking at most ``reach`` characters either way."""
    a = lo
    for m in SENT_BREAK.finditer(text, max(lo, s - reach), s):
        a = m.end()
    b = SENT_BREAK.search(text, e, min(hi, e + reach))
    return a, (b.end() if b else min(hi, e + reach))
