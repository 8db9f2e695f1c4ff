"""Alternation: the matches of one big case-insensitive alternation of names (countries, admin units, armed groups,
victim nouns), found by a C-speed jump to where some name can begin and a match of the few names that can begin
with the characters there (see :class:`Alternation`).  Split from :mod:`warledger.extract.scanner`, whose parsed-
pattern helpers (first characters, prefixes) it uses."""

from __future__ import annotations

import pickle
import re
from re import _parser as _sre_parse  # type: ignore[attr-defined]  # private: typeshed has no stubs for it
from typing import Any, Iterable, Iterator, Optional

from warledger.extract.scanner import (ALNUM, ANY_CHAR, LOWER_ALNUM, MARK_SECOND as _MARK_SECOND, SPLIT_OVER, THIRD_KNOWN,
                                       Split as _Split, caught_anyway, defer_split, first_chars, folds_to as _folds_to,
                                       fours_of, prefixes2, seq_prefixes, split_rows)
from warledger.lexcache import Deferred, defer_patterns, live

_MISSING: Any = object()
# what only building a bucket reads (the alternatives, their first and second characters, the whole text): a cached
# alternation, whose buckets :meth:`Alternation.complete` built, stores them as one pickle, loaded if a bucket is ever
# built in the process (the world units' lists were a third of loading their lexicon, in the bench's timed pass)
_COLD = ("_source", "_alts", "_firsts", "_twos", "_seconds")


def _arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


# characters outside ASCII that the engine folds to (or with) an ASCII letter: "İ" and the Kelvin sign to "i" and "k",
# the dotless i and the long s with "i" and "s"
_ASCII_FOLDERS = ("\u0130", "\u0131", "\u017f", "\u212a")
# the ASCII letters those fold with ("i", "k", "s"): an alternative whose second letter is one of them may match a
# word whose second character is outside ASCII ("kı"); and the key of such a word's bucket (see _second_other)
_FOLD_ASCII = frozenset(chr(x) for ch in _ASCII_FOLDERS for x in _folds_to(ch) if x < 0x80)
_OTHER_SECOND = "\x80"


class Alternation:
    """The matches of ``re.compile(left + "(?:" + "|".join(alternatives) + ")" + right, flags)``, found faster.

    Python's engine tries a big alternation (hundreds of names) branch after branch at every position where ``left``
    holds.  Here one C-speed search jumps to the next such position where some alternative can start, and only the
    alternatives that can start with the characters there are tried, in their order: the same alternative wins, so
    :meth:`finditer` gives the same spans as the whole pattern (``group(0)``, ``start()``, ``end()``; numbered groups
    are the bucket's, not the whole pattern's).  Conditions: ``left`` is a zero-width assertion and no alternative
    matches the empty string.  Which alternatives may start with a character is computed from the parsed pattern
    (:func:`first_chars`) and kept generous (an alternative whose first character is unknown is tried everywhere);
    at a character that is neither ASCII nor Arabic the alternatives that can start with it by the engine's own case
    folds (:func:`_folds_to`) are tried, the whole pattern where that bucket was not built in advance (a cached one).

    At an ASCII character followed by an ASCII letter or digit, the first two characters choose (:func:`prefixes2`):
    the jump passes over a word whose first two letters begin no alternative ("the", "of", "was" among country
    names), and a word is tried only against the alternatives that can begin with its two first letters (or the letter
    and the blank or mark after it: "a " is no "Aleppo").  A second character outside ASCII falls back to the first
    character's alternatives.
    """

    def __init__(self, alternatives: list[str], left: str, right: str, flags: int = re.IGNORECASE) -> None:
        self._source = left + "(?:" + "|".join(alternatives) + ")" + right
        self._whole: Optional[re.Pattern[str] | Deferred] = None
        self._frozen = False  # loaded from a lexicon cache (see _other)
        self._alts = alternatives
        self._firsts = [first_chars(a) for a in alternatives]  # case-insensitive: generous for case-sensitive rows
        self._right, self._flags = right, flags
        self._seconds = _second_letters(alternatives, self._firsts)
        thirds = _third_letters(alternatives, self._firsts)
        self._twos = [_pairs_of(a, fs) for a, fs in zip(alternatives, self._firsts)]
        starts: set[str] = set()
        for fs in self._firsts:
            if fs is None:
                self._jump = re.compile(left, flags)
                break
            starts |= fs
        else:
            self._jump = _pair_jump(left, starts, self._seconds, thirds, flags, _fourth_letters(alternatives, self._firsts))
        self._buckets: dict[str, Optional[re.Pattern[str]]] = {}  # by one or two (ASCII: lower-cased) characters
        self._by_two: dict[str, Any] = {}  # a word's first two characters -> its pattern (or its _Split)
        # a big pair bucket's split by the third and fourth characters (see _Split): (lower-cased first four
        # characters -> pattern, the pattern for any other four); None for a pair not split
        self._splits: dict[str, Optional[tuple[dict[str, Any], Any]]] = {}

    def complete(self) -> "Alternation":
        """Every bucket an alternative's first character asks for, and the whole pattern, compiled now: for an
        alternation cached on disk (:func:`warledger.lexcache.cached`), so that a new process compiles none."""
        for fs in self._firsts:
            for c in fs or ():
                if c.isascii() or _arabic(c):
                    self._bucket(c)
        for k, sec in self._seconds.items():  # and every first two characters' (a few hundred at most)
            for c2 in sorted(LOWER_ALNUM if sec is None else sec) + sorted(_MARK_SECOND):
                self._pair(k + c2)
                self._split(k + c2)
            self._second_other(k)
        for ch in sorted(self._other_keys()):
            self._other(ch, build=True)
        _ = self.pattern
        return self

    def _other_keys(self) -> set[str]:
        """The characters neither ASCII nor Arabic whose buckets :meth:`complete` builds: those the alternatives' first
        characters are written with, and those the engine folds to an ASCII first character ("İ" to "i")."""
        out = {x for fs in self._firsts for c in fs or () for x in c if not x.isascii() and not _arabic(x)}
        starts = {ord(x.lower()) for fs in self._firsts for c in fs or () for x in c if x.isascii()}
        return out | {x for x in _ASCII_FOLDERS if _folds_to(x) & starts}

    def _other(self, ch: str, build: bool = False) -> Optional[re.Pattern[str]]:
        """The alternation of the alternatives that can start with ``ch`` (neither ASCII nor Arabic) by the engine's
        case folds; the whole pattern when it was not built by :meth:`complete` and this alternation came from a cache
        (compiling it now would cost more than the whole pattern's rebuild)."""
        rx = live(self._buckets, ch, _MISSING)
        if rx is _MISSING:
            if not build and self._frozen:
                return self.pattern
            folds = _folds_to(ch)
            rx = self._buckets[ch] = self._compiled(
                [i for i, fs in enumerate(self._firsts) if fs is None or any(_folds_to(c) & folds for c in fs)])
        return rx  # type: ignore[no-any-return]

    @property
    def pattern(self) -> re.Pattern[str]:
        """The whole alternation, compiled on first use (only characters outside ASCII and Arabic need it)."""
        whole = self._whole
        if whole is None:
            whole = self._whole = re.compile(self._source, self._flags)
        elif isinstance(whole, Deferred):  # loaded from a lexicon cache
            whole = self._whole = whole.get()
        return whole

    def _wanted(self, key: str) -> list[int]:
        """The alternatives (indexes, in order) that can start with ``key`` (ASCII: in either case; Arabic: itself):
        one whose first character is neither ASCII nor Arabic only when the engine's case folds let it match ``key``
        (:func:`_folds_to`: "İ" and the Kelvin sign at "i" and "k"; "Île", "Łódź" in no ASCII letter's bucket)."""
        wanted = {key, key.upper()} if key.isascii() else {key}
        folds = _folds_to(key)
        return [i for i, fs in enumerate(self._firsts)
                if fs is None or not wanted.isdisjoint(fs)
                or any(not c.isascii() and not _arabic(c) and not folds.isdisjoint(_folds_to(c)) for c in fs)]

    def _compiled(self, idx: list[int]) -> Optional[re.Pattern[str]]:
        parts = [self._alts[i] for i in idx]
        return re.compile("(?:" + "|".join(parts) + ")" + self._right, self._flags) if parts else None

    def _bucket(self, ch: str) -> Optional[re.Pattern[str]]:
        """The alternation of the alternatives that can start with ``ch`` (ASCII: in either case; Arabic: itself)."""
        key = ch.lower() if ch.isascii() else ch
        rx = live(self._buckets, key, _MISSING)
        if rx is _MISSING:
            rx = self._buckets[key] = self._compiled(self._wanted(key))
        return rx  # type: ignore[no-any-return]

    def _pair(self, two: str) -> Optional[re.Pattern[str]]:
        """The alternation of the alternatives that can start with the ASCII characters ``two`` (in either case)."""
        key = two.lower()
        rx = live(self._buckets, key, _MISSING)
        if rx is _MISSING:
            rx = self._buckets[key] = self._compiled(self._pair_idx(key))
        return rx  # type: ignore[no-any-return]

    def _pair_idx(self, key: str) -> list[int]:
        return [i for i in self._wanted(key[0]) if (t := self._twos[i]) is None or key in t or key[0] + ANY_CHAR in t]

    def _second_other(self, ch: str) -> Any:
        """The alternation of the alternatives that can start with the ASCII character ``ch`` (in either case) followed
        by a character outside ASCII ("Ağrı", "Muş"): those whose second character is unknown, outside ASCII or one
        that a character outside ASCII case-folds with (:data:`_FOLD_ASCII`), and those whose first may be outside ASCII.
        A word's single-character bucket (:meth:`_bucket`) holds every alternative of its first letter: at a Turkish
        word, tens of thousands of code words to rebuild in a cached alternation for the one or two names it can be.
        ``_MISSING`` for a cached alternation whose :meth:`complete` did not build it (the caller falls back)."""
        key = ch.lower() + _OTHER_SECOND
        rx = live(self._buckets, key, _MISSING)
        if rx is _MISSING and not self._frozen:
            k = key[0]
            rx = self._buckets[key] = self._compiled(
                [i for i in self._wanted(k) if (t := self._twos[i]) is None
                 or any(len(g) != 2 or not g[0].isascii() or (g[0] == k and (not g[1].isascii() or g[1] in _FOLD_ASCII
                                                                            or g[1] == ANY_CHAR)) for g in t)])
        return rx

    def _split(self, two: str) -> Optional[tuple[dict[str, Any], Any]]:
        """A pair bucket of more than :data:`SPLIT_OVER` alternatives split by the next two characters: for each
        first four characters (lower case) some alternative can begin with, the alternatives that can (and those whose
        first four cannot be told, :func:`fours_of`), in order; and the pattern of those others alone."""
        key = two.lower()
        got = self._splits.get(key, _MISSING)
        if got is not _MISSING:
            return got  # type: ignore[no-any-return]
        idx = self._pair_idx(key)
        if len(idx) <= SPLIT_OVER:
            self._splits[key] = None
            return None
        out = self._splits[key] = split_rows(key, idx, [fours_of(self._alts[i]) for i in idx], self._compiled)
        return out

    def _at(self, two: str) -> Any:
        """The pattern tried where a word begins with the characters ``two`` (one at the end of the span)."""
        ch = two[:1]
        if not ch:
            return None
        if ch.isascii() and (two[1:2] in ALNUM or two[1:2] in _MARK_SECOND):
            split = self._split(two)
            if split is None or two.lower() not in self._buckets:
                pair = self._pair(two)  # (a cached alternation's pair stays deferred until a word needs it whole)
            return pair if split is None else _Split(split[0], split[1], self._buckets, two.lower())
        if ch.isascii() and two[1:2] > "\x7f" and (rx := self._second_other(ch)) is not _MISSING:
            return rx
        return self._bucket(ch) if ch.isascii() or _arabic(ch) else self._other(ch)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (in a lexicon cache) with its buckets and whole pattern deferred (see :meth:`_Tables.__getstate__`);
        ``_by_two`` starts empty."""
        whole = Deferred.of(self._whole) if isinstance(self._whole, re.Pattern) else self._whole
        memo: dict[int, Deferred] = {}
        splits = {k: defer_split(v, memo) for k, v in self._splits.items()}
        cold = pickle.dumps({name: getattr(self, name) for name in _COLD}, pickle.HIGHEST_PROTOCOL)
        hot = {k: v for k, v in self.__dict__.items() if k not in _COLD}
        return {**hot, "_buckets": defer_patterns(self._buckets, memo), "_whole": whole, "_by_two": {},
                "_splits": splits, "_frozen": True, "_cold": cold}

    def __getattr__(self, name: str) -> Any:
        """A field of :data:`_COLD` of an alternation loaded from a cache: unpickled from ``_cold`` on first use."""
        cold = self.__dict__.pop("_cold", None) if name in _COLD else None
        if cold is None:
            raise AttributeError(name)
        self.__dict__.update(pickle.loads(cold))
        return self.__dict__[name]

    def finditer(self, text: str, start: int = 0, end: Optional[int] = None) -> Iterator[re.Match[str]]:
        end = len(text) if end is None else end
        pos = start
        jump = self._jump.search
        by_two = self._by_two
        while True:
            w = jump(text, pos, end)
            if w is None or w.start() >= end:  # no alternative matches the empty string (a search past the end
                return                         # of the span would find its end again)
            p = w.start()
            two = text[p:min(p + 2, end)]
            rx = by_two.get(two, _MISSING)
            if rx is _MISSING:
                rx = by_two[two] = self._at(two)
            if type(rx) is _Split:
                rx = rx.at(text[p:min(p + 4, end)])
            m = rx.match(text, p, end) if rx is not None else None
            if m is not None and m.end() > p:
                yield m
                pos = m.end()
            else:
                pos = p + 1

    def search(self, text: str, start: int = 0, end: Optional[int] = None) -> Optional[re.Match[str]]:
        return next(self.finditer(text, start, end), None)


def _odd(fs: Optional[set[str]]) -> bool:
    """Whether first characters ``fs`` are unknown, or hold a character whose case mapping is not one character
    ("İ" lower-cases to two): such an alternative is taken to start with anything."""
    return fs is None or any(len(c) != 1 for c in fs)


def _pairs_of(alternative: str, fs: Optional[set[str]]) -> Optional[frozenset[str]]:
    """The first two characters (lower-cased) ``alternative`` can begin with, ``ANY_CHAR`` second where anything may
    follow; None when unknown (then it is tried at every word its first character allows)."""
    got = None if _odd(fs) else prefixes2(alternative)
    if got is None or any(len(g) != 2 for g in got):
        return None
    return frozenset(g.lower() for g in got)


def _second_letters(alternatives: list[str], firsts: list[Optional[set[str]]]) -> dict[str, Optional[set[str]]]:
    """ASCII first character (lower case) -> the ASCII letters and digits (lower case) that can follow it at the
    start of some alternative; None when anything may follow."""
    out: dict[str, Optional[set[str]]] = {}
    for a, fs in zip(alternatives, firsts):
        if fs is None:
            continue
        twos = _pairs_of(a, fs)
        for c in fs:
            if len(c) != 1:  # "İ" as "i̇": it matches "i" (the engine's simple case folding)
                out.update((ch.lower(), None) for ch in c if ch.isascii())
                continue
            if not c.isascii():
                continue
            k = c.lower()
            if twos is None or k + ANY_CHAR in twos:
                out[k] = None
            elif (got := out.setdefault(k, set())) is not None:
                got |= {t[1] for t in twos if t[0] == k and t[1] in ALNUM}
    return out




def _third_letters(alternatives: list[str], firsts: list[Optional[set[str]]]) -> dict[str, Optional[set[str]]]:
    """First two ASCII letters or digits (lower case) -> the ASCII letters, digits or blank (lower case) that can
    follow them at the start of some alternative; None when anything may (or a match may end there)."""
    out: dict[str, Optional[set[str]]] = {}
    for a, fs in zip(alternatives, firsts):
        twos = _pairs_of(a, fs)
        if twos is None:
            continue  # its first characters' second ones are not told apart (see _second_letters)
        got = seq_prefixes(list(_sre_parse.parse(a, re.IGNORECASE)), True, 3)
        if got is None:
            out.update((t, None) for t in twos if t[1] in ALNUM)
            continue
        for g in got:  # (a prefix shorter than three is a whole match: anything may follow its own two characters)
            key, c3 = g[:2].lower(), g[2:3].lower()
            if key[1:] not in ALNUM:
                continue
            if len(g) != 3 or (c3 not in THIRD_KNOWN and not caught_anyway(c3)):
                out[key] = None
            elif (have := out.setdefault(key, set())) is not None and c3 in THIRD_KNOWN:
                have.add(c3)  # (a mark third, "ta'ang", passes the jump's class for the others anyway)
    return out


def _fourth_letters(alternatives: list[str], firsts: list[Optional[set[str]]]) -> dict[str, Optional[set[str]]]:
    """First three characters (lower case) -> the ASCII letters, digits or blank (lower case) that can follow them at
    the start of some alternative; None when anything may (or a match may end there).  See :func:`_third_letters`."""
    out: dict[str, Optional[set[str]]] = {}
    for a, fs in zip(alternatives, firsts):
        if _pairs_of(a, fs) is None:
            continue
        parsed = list(_sre_parse.parse(a, re.IGNORECASE))
        got3 = seq_prefixes(parsed, True, 3)
        got4 = seq_prefixes(parsed, True, 4)
        if got3 is None:
            continue  # its third characters are not told apart (_third_letters): nor are the fourth
        if got4 is None:
            out.update((g[:3].lower(), None) for g in got3)
            continue
        for g in got4:  # (one of two characters ends after its pair: _third_letters lets anything follow that pair)
            if len(g) < 3:
                continue
            key, c4 = g[:3].lower(), g[3:4].lower()
            if len(g) != 4 or (c4 not in THIRD_KNOWN and not caught_anyway(c4)):
                out[key] = None
            elif (have := out.setdefault(key, set())) is not None and c4 in THIRD_KNOWN:
                have.add(c4)
    return out


def _cases(chars: Iterable[str]) -> str:
    """``chars`` (lower case) in both cases, escaped for a character class."""
    return "".join(re.escape(c) + re.escape(c.upper()) * c.isalpha() for c in sorted(chars))


def _third_part(k2: str, th: set[str], fourths: dict[str, Optional[set[str]]]) -> str:
    """After the first two characters ``k2``: one of the third characters ``th``, each followed by one of its fourth
    characters when ``fourths`` knows them, or any character that is not an ASCII letter, digit or blank."""
    free = [c3 for c3 in sorted(th) if fourths.get(k2 + c3) is None]
    parts = [f"[{_cases(free)}]"] if free else []
    parts += [f"[{_cases(c3)}](?:" + (f"[{_cases(f4)}]|" if f4 else "") + "[^A-Za-z0-9 ])"  # (none: only marks)
              for c3 in sorted(th) if (f4 := fourths.get(k2 + c3)) is not None]
    return "(?:" + "|".join(parts + ["[^A-Za-z0-9 ]"]) + ")"


def _pair_jump(left: str, starts: set[str], seconds: dict[str, Optional[set[str]]],
               thirds: dict[str, Optional[set[str]]], flags: int,
               fourths: Optional[dict[str, Optional[set[str]]]] = None) -> re.Pattern[str]:
    """The search for the next position where ``left`` holds and some alternative can begin: at an ASCII character,
    one branch per first character (each case a literal: the engine skips a branch whose literal differs at once),
    then the letters or digits that can follow it, each with the letters, digits or blank that can come third (any
    other character second or third: a match may begin there); at any other character, the first characters of
    every alternative as one class, as case-insensitive as the alternatives."""
    branches = []
    for k in sorted(seconds):
        sec = seconds[k]
        tail = ""
        if sec is not None:
            free = [c2 for c2 in sec if thirds.get(k + c2) is None]
            parts = [f"[{_cases(free)}]"] if free else []
            parts += [f"[{_cases(c2)}]" + _third_part(k + c2, thirds[k + c2] or set(), fourths or {})
                      for c2 in sorted(sec) if thirds.get(k + c2) is not None]
            tail = "(?:" + "|".join(parts + ["[^A-Za-z0-9]"]) + ")"
        branches += [re.escape(c) + tail for c in sorted({k, k.upper()})]
    other = "".join(re.escape(c) for c in sorted(starts))
    if other:
        ic = "(?i:" if flags & re.IGNORECASE else "(?:"
        branches.append(rf"(?=[^\x00-\x7f]){ic}[{other}])")
    return re.compile(left + "(?=" + ("|".join(branches) or "(?!)") + ")", flags & ~re.IGNORECASE)
