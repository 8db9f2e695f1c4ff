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
