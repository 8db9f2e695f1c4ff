"""The pattern store (warledger/lexcache.py, "patterns compiled at import"): a derived pattern text and a compiled
pattern come back from it exactly as computed, a changed text is computed anew, nothing is written when nothing was
new or the cache is off; and a new process that reads the store builds the same guarded and paragraph-bound patterns
as one that computes them (warledger/extract/scanner.py guarded, warledger/extract/segment.py bound_to_paragraph)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator, Optional

import pytest

from warledger import lexcache
from warledger.extract.lexicon import alternation

PATTERNS = [
    (r"(?P<a0>air\s*strikes?)|(?P<a1>shell(?:ed|ing))\b", re.IGNORECASE),
    (r"(?-i:ZQX)|violet\s+lantern", re.IGNORECASE),
    (r"(?:[وفبلك]{0,2}ال)?قصف\s+(?:جوي|مدفعي)", 0),
    (r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}):", re.MULTILINE),
    (r"(?x) north \s+ quell  # a comment", 0),
]
SAMPLES = ["Air strikes hit North Quell; the ZQX shelled it.", "violet lantern SHELLING", "والقصف الجوي على المدينة",
           " 03/04/2021: a clash", "north   quell", "nothing here"]


@pytest.fixture()
def own_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path))
    monkeypatch.delenv(lexcache.ENV_OFF, raising=False)
    saved = lexcache._PATTERNS
    lexcache._PATTERNS = lexcache._PatternStore()
    yield tmp_path
    lexcache._PATTERNS = saved


def _new_process() -> None:
    lexcache._PATTERNS = lexcache._PatternStore()


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, dict(a.groupindex)) == (b.pattern, b.flags, b.groups, dict(b.groupindex))
    for text in SAMPLES:
        assert [(m.span(), m.groups(), m.lastgroup) for m in a.finditer(text)] == \
               [(m.span(), m.groups(), m.lastgroup) for m in b.finditer(text)]


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_a_stored_pattern_comes_back_as_compiled(own_store: Path, pattern: str, flags: int) -> None:
    first = lexcache.compile_stored(pattern, flags)
    _same(first, re.compile(pattern, flags))
    assert lexcache.compile_stored(pattern, flags) is first  # one object per text and flags in a process
    lexcache.save_patterns()
    assert lexcache.patterns_path().is_file()
    _new_process()
    again = lexcache.compile_stored(pattern, flags)
    assert not lexcache._PATTERNS.new  # read from the store, not compiled
    _same(again, re.compile(pattern, flags))


def test_a_derived_text_is_computed_once_then_read_and_a_new_text_is_computed(own_store: Path) -> None:
    calls: list[str] = []

    def shout(text: str, flags: int) -> Optional[str]:
        calls.append(text)
        return None if text == "none" else text.upper() + str(flags)

    assert lexcache.derived_text("shout", "quell", 2, shout) == "QUELL2"
    assert lexcache.derived_text("shout", "none", 0, shout) is None
    lexcache.save_patterns()
    _new_process()
    assert lexcache.derived_text("shout", "quell", 2, shout) == "QUELL2"
    assert lexcache.derived_text("shout", "none", 0, shout) is None
    assert calls == ["quell", "none"]
    assert lexcache.derived_text("shout", "quell", 0, shout) == "QUELL0"  # other flags: another key
    assert lexcache.derived_text("yell", "quell", 2, shout) == "QUELL2"  # another rewrite: another key
    assert calls == ["quell", "none", "quell", "quell"]


def test_nothing_is_written_when_nothing_was_new_or_the_cache_is_off(own_store: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    lexcache.compile_stored(*PATTERNS[0])
    lexcache.save_patterns()
    path = lexcache.patterns_path()
    os.utime(path, (1, 1))
    _new_process()
    lexcache.compile_stored(*PATTERNS[0])
    lexcache.save_patterns()
    assert path.stat().st_mtime == 1  # everything was found: not written again
    path.unlink()
    monkeypatch.setenv(lexcache.ENV_OFF, "off")
    _new_process()
    _same(lexcache.compile_stored(*PATTERNS[1]), re.compile(*PATTERNS[1]))
    lexcache.save_patterns()
    assert not path.exists()


def test_an_unreadable_store_is_computed_again_and_written_anew(own_store: Path) -> None:
    path = lexcache.patterns_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    _same(lexcache.compile_stored(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    lexcache.save_patterns()
    _new_process()
    lexcache.compile_stored(*PATTERNS[0])
    assert not lexcache._PATTERNS.new


def test_an_alternation_is_the_same_text_in_every_process() -> None:
    """Phrases of one length keep their given order (a set's order changed with the hash seed: the stored
    patterns were then missed by every new process)."""
    assert alternation(["ox", "bee", "ant", "yak", "cat"]) == "bee|ant|yak|cat|ox"
    assert alternation(["cat", "yak", "ant", "ox", "bee", "cat"]) == "cat|yak|ant|bee|ox"


_DUMP = """
import json, sys
import warledger.extract.arabic
from warledger.extract.scanner import GUARDED
from warledger.extract.segment import BOUNDED
from warledger import lexcache
missed = len(lexcache._PATTERNS.new)
lexcache.save_patterns()  # (extraction saves after it imports the Arabic reader)
print(json.dumps({"guarded": [(a.pattern, a.flags, b.pattern, b.flags, b.groups) for a, b in GUARDED],
                  "bounded": [(a.pattern, a.flags, b.pattern, b.flags, b.groups) for a, b in BOUNDED],
                  "missed": missed}))
"""


def _dump(cache: Path, seed: str, off: bool = False) -> dict[str, object]:
    env = {**os.environ, "WARLEDGER_CACHE": str(cache), "PYTHONHASHSEED": seed}
    env.pop(lexcache.ENV_OFF, None)
    if off:
        env[lexcache.ENV_OFF] = "off"
    out = subprocess.run([sys.executable, "-c", _DUMP], env=env, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_a_process_reading_the_store_builds_the_same_patterns_as_one_computing_them(tmp_path: Path) -> None:
    plain = _dump(tmp_path, "1", off=True)
    assert not list(tmp_path.rglob("patterns-*"))
    first = _dump(tmp_path, "2")  # computes and writes the store
    assert list(tmp_path.rglob("patterns-*"))
    stored = _dump(tmp_path, "3")  # reads it (another hash seed: the texts must not depend on it)
    assert stored["missed"] == 0
    assert len(plain["guarded"]) >= 30 and len(plain["bounded"]) >= 70  # type: ignore[arg-type]
    for got in (first, stored):
        assert got["guarded"] == plain["guarded"] and got["bounded"] == plain["bounded"]


def test_an_entry_leaves_memory_once_read_and_the_file_keeps_it(own_store: Path) -> None:
    """The loaded store gives each entry up when it is read (the pattern holds its own copy); a later write still
    keeps the entries this process read, taken from the file again."""
    lexcache.compile_stored(*PATTERNS[0])
    lexcache.save_patterns()
    _new_process()
    lexcache.compile_stored(*PATTERNS[0])
    assert lexcache._PATTERNS.loaded == {}  # read, so given up
    lexcache.compile_stored(*PATTERNS[1])  # new: the file is written again
    lexcache.save_patterns()
    _new_process()
    lexcache.compile_stored(*PATTERNS[0])
    lexcache.compile_stored(*PATTERNS[1])
    assert not lexcache._PATTERNS.new
