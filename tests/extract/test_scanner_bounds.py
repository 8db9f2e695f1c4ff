"""The scanner's word bounds (extract/scanner.LEFT, RIGHT) are small in SRE code and match exactly what the plain
classes they replace matched in a case-insensitive pattern."""
import re
import sys

from warledger.extract import scanner as sc
from warledger.lexcache import _sre_code

# the bounds as they were written before (session 19): the reference they must equal
_AR = "\u0621-\u063A\u0640-\u064A\u0660-\u0669\u066E-\u06D3"
OLD_LEFT = rf"(?<![A-Za-z0-9_])(?<![{_AR}])(?:(?:[وفبلك]{{0,2}}ال|[وفبلك]{{1,2}})(?=[{_AR}]))?"
OLD_RIGHT = rf"(?!(?<=[A-Za-z0-9_])[A-Za-z0-9_])(?!(?<=[{_AR}])[{_AR}])"

# every code point once, in order (surrogates too: a str may hold them)
EVERY = "".join(map(chr, range(sys.maxunicode + 1)))


def _at(pattern: str, text: str) -> list[int]:
    return [m.start() for m in re.finditer(pattern, text, re.IGNORECASE)]


def _words(pattern: str) -> int:
    return len(_sre_code(pattern, re.IGNORECASE)[2]) // 4


def test_bounds_compile_small() -> None:
    # each bucket of a scanner carries both: 856 code words before, most of a pair bucket's code
    assert _words(sc.LEFT) + _words(sc.RIGHT) < 400
    assert _words(OLD_LEFT) + _words(OLD_RIGHT) > 800


def test_word_classes_equal_on_every_code_point() -> None:
    for old, new in (("(?![A-Za-z0-9_])", sc._NOT_BEFORE_W), ("(?<![A-Za-z0-9_])", sc._NOT_AFTER_W),
                     (f"(?![{_AR}])", sc._NOT_BEFORE_AR), (f"(?<![{_AR}])", sc._NOT_AFTER_AR),
                     (f"(?=[{_AR}])", sc._AR_AHEAD), ("(?=[وفبلك])", f"(?={sc._PROCLITIC})")):
        assert _at(old, EVERY) == _at(new, EVERY), (old, new)
    # the four letters outside ASCII that a case-insensitive [A-Za-z] matches are words to the bounds
    for ch in "\u0130\u0131\u017f\u212a":
        assert re.match(sc._NOT_BEFORE_W, ch, re.IGNORECASE) is None


def test_left_and_right_equal_on_texts() -> None:
    texts = [EVERY[:0x800], "وبالسلاح والجيش فلبنان كالأسد بـ ال لل وو x ب1 aب بa İstanbul Kırşehir ſtraße \u212aelvin",
             "fighters,tribesmen;Al-Qaida wal-Ansar بالرقة ولداعش _x x_ 9a a9"]
    for text in texts:
        for old, new in ((OLD_LEFT, sc.LEFT), (OLD_RIGHT, sc.RIGHT)):
            got = [m.span() for m in re.finditer(new, text, re.IGNORECASE)]
            assert got == [m.span() for m in re.finditer(old, text, re.IGNORECASE)]
        for word in ("(?:x|a|ب|الرقة|داعش|[^\\W\\d])", "\\w+"):
            old_rx = re.compile(OLD_LEFT + "(?:" + word + ")" + OLD_RIGHT, re.IGNORECASE)
            new_rx = re.compile(sc.LEFT + "(?:" + word + ")" + sc.RIGHT, re.IGNORECASE)
            assert [m.span() for m in new_rx.finditer(text)] == [m.span() for m in old_rx.finditer(text)]


def test_the_jump_and_the_short_left_bound_give_left_at_every_code_point_before_an_ascii_word() -> None:
    """An ASCII bucket of a scanner is matched only where its jump landed: the jump's look-behind and
    LEFT_AFTER_JUMP together hold exactly where LEFT holds, whatever character comes before the word."""
    jump = re.compile(rf"(?<![A-Za-z0-9_{_AR}])")
    for word in ("a", "7"):
        text = word.join(EVERY) + word
        want = [m.start() for m in re.finditer(f"(?={re.escape(word)})" + sc.LEFT, text, re.IGNORECASE)]
        got = [m.start() for m in re.finditer(f"(?={re.escape(word)})" + jump.pattern + sc.LEFT_AFTER_JUMP, text,
                                              re.IGNORECASE)]
        assert got == want


def test_a_scanners_ascii_buckets_carry_the_short_bound_and_find_what_left_finds() -> None:
    """A scanner's ASCII buckets, pairs and split entries carry LEFT_AFTER_JUMP (18 code words, not LEFT's 204: a
    bucket is rebuilt from its stored code when a process first meets its word); its matches stay those of one
    alternation of every row between LEFT and RIGHT tried at every word start, after Arabic letters and digits, the
    letters outside ASCII that fold to ASCII ones, and a proclitic."""
    import pickle
    import random

    from warledger.lexcache import dumps

    rows = [r"(?P<r0>al-hollow)", r"(?P<r1>bren(?:nick)?)", r"(?P<r2>(?:\w+\s+)?tribesmen)", r"(?P<r3>\u0632\u0648\u0631\u0641\u0627)",
            r"(?P<r4>k\s?units)", r"(?P<r5>[0-9]+th\s+gate)", r"(?P<r6>i\u0307zmo|izmo)"]
    scanner = sc.Scanner(rows)
    again = pickle.loads(dumps(scanner))
    tame = scanner._tame
    assert "\u0627\u0644" not in tame.pairs["al"].pattern and tame.pairs["al"].pattern.startswith(sc.LEFT_AFTER_JUMP)
    assert _words(tame.pairs["br"].pattern) < _words(sc.LEFT + tame.pairs["br"].pattern[len(sc.LEFT_AFTER_JUMP):]) - 150
    whole = re.compile(sc.LEFT + "(?:" + "|".join(rows) + ")" + sc.RIGHT, re.IGNORECASE)
    pieces = ["al-hollow", "bren", "brennick", "x tribesmen", "\u0632\u0648\u0631\u0641\u0627", "k units", "9th gate",
              "izmo", "\u0130ZMO", "\u0131", "\u212a", "\u017f", "\u0628", "\u0648\u0627\u0644", "\u0663", "x", "_", " ",
              "-", "\u00e9"]
    rnd = random.Random(20)
    found = 0
    for _ in range(1500):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 8)))
        want, pos = [], 0
        while (w := sc._STARTS.search(text, pos)) is not None:
            m = whole.match(text, w.start())
            if m is not None and m.end() > w.start():
                want.append((m.start(), m.end(), m.lastgroup))
                pos = m.end()
            else:
                pos = w.start() + 1
        for s in (scanner, again):
            assert [(m.start(), m.end(), s.group(m)) for m in s.finditer(text)] == want, text
        found += len(want)
    assert found > 500
