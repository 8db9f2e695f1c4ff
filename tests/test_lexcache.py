"""The compiled-lexicon cache (warledger/lexcache.py): patterns come back from it exactly as compiled, a lexicon is
built once and then loaded, and a change to a data file (here a copy in a theatre folder of our own) rebuilds it."""
from __future__ import annotations

import pickle
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest

from warledger import lexcache
from warledger.extract import actor_lexicon, actors
from warledger.extract.scanner import Scanner

SOURCE = "# source: invented for a test of warledger's lexicon cache; no real group\n"
HEADER = "name\tfaction\tfamily\tkind\tpattern\n"
TEXT = "Fighters of the Zorvan Pikemen ambushed a patrol near Quillby."


@pytest.fixture()
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder and a theatre folder of our own whose global bundle adds one invented actor."""
    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(lexcache.ENV_OFF, raising=False)
    (tmp_path / "bundles" / "global").mkdir(parents=True)
    monkeypatch.setenv("WARLEDGER_THEATRES", str(tmp_path / "bundles"))
    _write_actor(tmp_path, "Zorvan Pikemen", r"zorvan\s+pikemen")
    _new_process()
    yield tmp_path
    _new_process()


def _write_actor(root: Path, name: str, pattern: str) -> None:
    (root / "bundles" / "global" / "actors.tsv").write_text(
        SOURCE + HEADER + f"{name}\t-\tother\tarmed\t{pattern}\n", encoding="utf-8")


def _new_process() -> None:
    """Forget what this process computed, as a new process would not have it."""
    lexcache.forget_stamps()
    actor_lexicon._lexicon.cache_clear()
    actors._drop_caches()


def _names(text: str) -> list[str]:
    return [m.name for m in actors.find_actors(text)]


def test_a_lexicon_is_built_once_loaded_after_and_rebuilt_when_its_data_changes(own_cache: Path) -> None:
    folder = own_cache / "cache" / "warledger" / "lexicons"
    built, loaded = lexcache.STATS.built, lexcache.STATS.loaded
    assert "Zorvan Pikemen" in _names(TEXT)
    assert (lexcache.STATS.built, lexcache.STATS.loaded) == (built + 1, loaded)
    first = list(folder.glob("actors-*.pickle"))
    assert len(first) == 1

    _new_process()
    assert "Zorvan Pikemen" in _names(TEXT)
    assert (lexcache.STATS.built, lexcache.STATS.loaded) == (built + 1, loaded + 1)

    _write_actor(own_cache, "Zorvan Lancers", r"zorvan\s+pikemen")  # the data file changes: the same alias, another name
    _new_process()
    assert "Zorvan Lancers" in _names(TEXT) and "Zorvan Pikemen" not in _names(TEXT)
    assert (lexcache.STATS.built, lexcache.STATS.loaded) == (built + 2, loaded + 1)
    after = list(folder.glob("actors-*.pickle"))
    assert len(after) == 2 and set(first) < set(after)  # the other stamp's file stays until unused for a week


def test_two_installs_sharing_a_cache_do_not_delete_each_others_files(own_cache: Path) -> None:
    """Two sources of the lexicons in turn (two checkouts or virtual environments sharing one cache): each builds
    its lexicon once, then both load; only a file unused for longer than a week is removed."""
    import os
    import time

    folder = own_cache / "cache" / "warledger" / "lexicons"
    built = lexcache.STATS.built
    for name in ("Zorvan Pikemen", "Zorvan Lancers", "Zorvan Pikemen", "Zorvan Lancers"):
        _write_actor(own_cache, name, r"zorvan\s+pikemen")
        _new_process()
        assert name in _names(TEXT)
    assert lexcache.STATS.built == built + 2          # the third and fourth runs loaded, nothing rebuilt
    files = sorted(folder.glob("actors-*.pickle"))
    assert len(files) == 2
    week_ago = time.time() - lexcache.KEEP_UNUSED_SECONDS - 60
    for f in files:
        os.utime(f, (week_ago, week_ago))
    _write_actor(own_cache, "Zorvan Halberdiers", r"zorvan\s+pikemen")  # a third source writes: the unused go
    _new_process()
    assert "Zorvan Halberdiers" in _names(TEXT)
    assert not set(files) & set(folder.glob("actors-*.pickle"))


def test_an_unreadable_cache_file_is_rebuilt(own_cache: Path) -> None:
    assert "Zorvan Pikemen" in _names(TEXT)
    path = next((own_cache / "cache" / "warledger" / "lexicons").glob("actors-*.pickle"))
    path.write_bytes(b"not a pickle")
    _new_process()
    built = lexcache.STATS.built
    assert "Zorvan Pikemen" in _names(TEXT)
    assert lexcache.STATS.built == built + 1
    assert pickle.loads(path.read_bytes())  # written again, whole


def test_the_cache_can_be_switched_off(own_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(lexcache.ENV_OFF, "off")
    assert "Zorvan Pikemen" in _names(TEXT)
    assert not (own_cache / "cache" / "warledger" / "lexicons").exists()


PATTERNS = [
    (r"(?P<a0>air\s*strikes?)|(?P<a1>shell(?:ed|ing))\b", re.IGNORECASE),
    (r"(?<![\w-])(?:north|south)[-\s]+quell(?![\w-])", re.IGNORECASE),
    (r"(?-i:CHM)|crimson\s+hand", re.IGNORECASE),
    (r"(?:[وفبلك]{0,2}ال)?قصف\s+(?:جوي|مدفعي)", 0),
    (r"^\s*(\d{1,2})/(\d{1,2})/(\d{4}):", re.MULTILINE),
]
SAMPLES = ["Air strikes hit North-Quell; the CHM shelled it.", "crimson hand SHELLING", "والقصف الجوي على المدينة",
           " 03/04/2021: a clash", "nothing here"]


@pytest.mark.parametrize("pattern,flags", PATTERNS)
def test_a_pattern_comes_back_as_compiled(pattern: str, flags: int) -> None:
    rx = re.compile(pattern, flags)
    back = pickle.loads(lexcache.dumps(rx))
    assert (back.pattern, back.flags, back.groupindex, back.groups) == (rx.pattern, rx.flags, rx.groupindex, rx.groups)
    for text in SAMPLES:
        assert [(m.span(), m.groups(), m.lastgroup) for m in back.finditer(text)] == \
               [(m.span(), m.groups(), m.lastgroup) for m in rx.finditer(text)]


def test_patterns_are_stored_as_code_not_text() -> None:
    """A plain pickle stores a pattern's text and recompiles it on loading (seconds for a lexicon); the cache
    stores the finished code and only calls the C half of the compiler."""
    rx = re.compile(PATTERNS[0][0], PATTERNS[0][1])
    reducer, args = lexcache._reduce_pattern(rx)
    assert reducer is lexcache._rebuild and isinstance(args[2], bytes)


def test_a_scanner_comes_back_whole() -> None:
    scanner = Scanner([r"(?P<r0>air\s*strikes?|warplanes?)", r"(?P<r1>(?-i:IED)|roadside\s+bomb)",
                       r"(?P<r2>(?:\w+\s+)?gunmen)"])
    back = pickle.loads(lexcache.dumps(scanner))
    text = "Warplanes and an IED; later masked gunmen fired; a roadside bomb."
    assert [(m.span(), scanner.group(m)) for m in scanner.finditer(text)] == \
           [(m.span(), back.group(m)) for m in back.finditer(text)]


def test_a_deferred_pattern_comes_back_as_compiled() -> None:
    """A pattern kept in a cached lexicon as a Deferred (rebuilt on first use) is the pattern it was: text, flags,
    code (``==``), group names and numbers, and matches."""
    for pattern, flags in PATTERNS + [(r"(x)(?P<mid>y)(z)?", 0)]:
        rx = re.compile(pattern, flags)
        back = pickle.loads(lexcache.dumps(lexcache.Deferred.of(rx))).get()
        assert back == rx
        assert (dict(back.groupindex), back.groups) == (dict(rx.groupindex), rx.groups)
        for text in SAMPLES + ["xyz", "xy"]:
            assert [(m.span(), m.groups(), m.lastgroup) for m in back.finditer(text)] == \
                   [(m.span(), m.groups(), m.lastgroup) for m in rx.finditer(text)]


def test_a_loaded_scanner_rebuilds_only_the_buckets_it_reads() -> None:
    """A scanner's bucketed alternations load deferred (a country's actor scanner has hundreds; a few snippets read
    a few); one pattern that several buckets share is stored once; the loaded scanner finds what the built one
    finds, and an alternation's deferred buckets and whole pattern do too."""
    from warledger.extract.alternation import Alternation
    from warledger.extract.scanner import LEFT, RIGHT

    scanner = Scanner([r"(?P<r0>air\s*strikes?|warplanes?)", r"(?P<r1>(?-i:IED)|roadside\s+bomb)",
                       r"(?P<r2>arms\s+depots?|army)", r"(?P<r3>(?:\w+\s+)?gunmen)"])
    back = pickle.loads(lexcache.dumps(scanner))
    pairs = back._full.pairs
    assert pairs and all(isinstance(v, lexcache.Deferred) for v in pairs.values() if v is not None)
    assert pairs["ai"] is pairs["Ai"] and pairs["wa"] is pairs["Wa"]  # one pattern object for both: stored once
    assert len({id(v) for v in pairs.values()}) == len({id(v) for v in scanner._full.pairs.values()}) < len(pairs)
    text = "Warplanes hit an arms depot; the army and masked gunmen; an IED; a roadside bomb."
    assert [(m.span(), scanner.group(m)) for m in scanner.finditer(text)] == \
           [(m.span(), back.group(m)) for m in back.finditer(text)]
    used = [k for k, v in pairs.items() if isinstance(v, re.Pattern)]
    assert used and len(used) < len(pairs)  # only the buckets the text's words began were rebuilt

    alt = Alternation([r"Quell(?:by)?", r"North[-\s]+Quell", r"Ashvale", r"\w+ford"], LEFT, RIGHT).complete()
    back_alt = pickle.loads(lexcache.dumps(alt))
    assert all(isinstance(v, lexcache.Deferred) for v in back_alt._buckets.values() if v is not None)
    for t in ["North-Quell and Quellby near Ashvale; Stamford", "é Quell", "nothing"]:
        assert [m.span() for m in alt.finditer(t)] == [m.span() for m in back_alt.finditer(t)]
    assert back_alt.pattern == alt.pattern



def test_a_loaded_deferred_pattern_decodes_its_text_only_when_rebuilt() -> None:
    """A deferred pattern's text (a country's scanner holds ~200 kB of it, never ASCII) stays UTF-8 bytes on loading
    and is decoded when the pattern is first rebuilt, into the text it was (Arabic letters included)."""
    from warledger.extract.scanner import LEFT, RIGHT

    rx = re.compile(LEFT + r"(?:قصف|air\s*strikes?)" + RIGHT, re.IGNORECASE)
    back = pickle.loads(lexcache.dumps(lexcache.Deferred.of(rx)))
    assert isinstance(back._args[0], bytes)
    assert back.get() == rx and back.get().pattern == rx.pattern
    assert back.get().search("بعد القصف اليوم").span() == rx.search("بعد القصف اليوم").span()


@dataclass(frozen=True, slots=True)
class _Slotted:
    name: str
    line: int
    bundle: str = ""


@dataclass(frozen=True, slots=True)
class _SlottedDerived:
    name: str
    size: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        object.__setattr__(self, "size", len(self.name) * 2)


def test_slotted_dataclass_rows_load_through_their_init(monkeypatch: pytest.MonkeyPatch) -> None:
    """A lexicon's rows (slotted dataclasses) load by one call of their class, not pickle's default of the
    dataclass ``__setstate__`` (a loop in Python, a sixth of loading a country's actor lexicon); a class whose
    ``__init__`` would not give the same object back (``__post_init__``, a field out of ``__init__``) keeps the
    default and still comes back equal."""
    rows = [_Slotted("Zorvan Pikemen", 3, "global"), _Slotted("Quill Guard", 4)]
    data = lexcache.dumps(rows)
    calls: list[object] = []
    setstate = _Slotted.__setstate__
    monkeypatch.setattr(_Slotted, "__setstate__", lambda self, state: calls.append(state) or setstate(self, state))
    assert pickle.loads(data) == rows and calls == []
    derived = [_SlottedDerived("Quill")]
    assert derived[0].size == 10 and pickle.loads(lexcache.dumps(derived)) == derived


def test_a_loaded_lexicon_is_out_of_the_collectors_sight(own_cache: Path) -> None:
    """A lexicon loaded from the cache is frozen (gc.freeze): later collections do not walk its containers."""
    import gc

    built = lexcache.cached("frozen-test", lambda: {"rows": [[i, str(i)] for i in range(100)]})
    gc.unfreeze()  # (what earlier loads froze: back in sight)
    assert any(o is built for o in gc.get_objects())  # built, not loaded: the collector sees it
    loaded = lexcache.cached("frozen-test", lambda: {"rows": []})
    try:
        assert loaded == built and loaded is not built
        assert not any(o is loaded for o in gc.get_objects())  # frozen: in no generation the collector walks
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
