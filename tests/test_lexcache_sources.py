"""A cached lexicon is keyed by what it is built from (robust22): the data files and the code of the module its builder
is written in and of the modules that one imports (warledger/modstamp.py).  An edit to any other module keeps the
cached file (each new process, a Dask worker or a `serve --demo`, loaded it instead of rebuilding it for a minute on
a loaded host); an edit to the compiler, the builder or a data file still rebuilds it.

The package is copied into a temporary folder and the cache pointed at that copy, so the edits touch no real file."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path
from typing import Iterator

import pytest

from warledger import lexcache, modstamp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_architecture import PACKAGE, import_graph  # noqa: E402

BUILDER = "warledger.extract.actor_lexicon"  # a real builder's module: the probe lexicon is stamped as its


def _forget() -> None:
    """Forget the stamps, as a new process would not have them."""
    forget = getattr(lexcache, "forget_stamps", None)
    if forget is not None:
        forget()
    else:  # main before robust22: one stamp for the whole package
        lexcache._stamp.cache_clear()


@pytest.fixture()
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    pkg = tmp_path / "warledger"
    shutil.copytree(PACKAGE, pkg, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    monkeypatch.setattr(lexcache, "PACKAGE", pkg)
    monkeypatch.setattr(modstamp, "PACKAGE", pkg, raising=False)
    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv(lexcache.ENV_OFF, raising=False)
    monkeypatch.delenv("WARLEDGER_THEATRES", raising=False)
    _forget()
    yield pkg
    _forget()


def _probe() -> list[str]:
    return ["a probe lexicon"]


_probe.__module__ = BUILDER


def _edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")


def test_an_edit_elsewhere_keeps_a_cached_lexicon_and_one_to_its_sources_rebuilds_it(copy: Path) -> None:
    def run() -> tuple[int, int]:
        _forget()
        built, loaded = lexcache.STATS.built, lexcache.STATS.loaded
        assert lexcache.cached("probe", _probe) == ["a probe lexicon"]
        return lexcache.STATS.built - built, lexcache.STATS.loaded - loaded

    assert run() == (1, 0)  # built once
    assert run() == (0, 1)  # then loaded
    for elsewhere in ("store/ledger.py", "serve/app.py", "extract/english.py", "cluster/parts.py", "cli.py"):
        _edit(copy / elsewhere)
        assert run() == (0, 1), f"an edit to {elsewhere} rebuilt a lexicon it is not built from"
    for source in ("extract/scanner.py", "extract/actor_lexicon.py", "lexcache.py", "theatre/actors.py",
                   "data/event_rules.tsv", "data/theatres/SY/actors.tsv"):
        assert (copy / source).is_file(), source
        _edit(copy / source)
        assert run() == (1, 0), f"an edit to {source} did not rebuild the lexicon"
        assert run() == (0, 1)


def test_the_stamp_reads_contents_not_modification_times(copy: Path) -> None:
    before = lexcache.stamp(BUILDER)
    path = copy / "extract" / "scanner.py"
    path.write_bytes(path.read_bytes())  # rewritten unchanged (a checkout): a new modification time only
    _forget()
    assert lexcache.stamp(BUILDER) == before
    _edit(path)
    _forget()
    assert lexcache.stamp(BUILDER) != before


def test_the_imports_read_include_every_import_the_architecture_test_finds() -> None:
    """modstamp reads imports with a regular expression (fast at start-up); it must find at least what the
    architecture test's ``ast`` reading finds, for every module, or a lexicon could miss a module it is built by."""
    graph = import_graph()
    for name, imported in graph.items():
        missing = imported - modstamp.imports(name)
        assert not missing, f"{name}: imports {sorted(missing)} not read by warledger.modstamp"


def test_every_cached_lexicon_is_stamped_with_the_compiler() -> None:
    """Each module that calls ``cached(...)`` builds through the scanner and the cache's own pickling: both are in
    its stamp, and the unrelated store and server are not."""
    callers = set()
    for path in PACKAGE.rglob("*.py"):
        if re.search(r"\bcached\(f?\"", path.read_text(encoding="utf-8")) and path.name != "lexcache.py":
            rel = path.relative_to(PACKAGE.parent).with_suffix("")
            callers.add(".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts))
    assert {"warledger.extract.classify", "warledger.extract.actor_lexicon", "warledger.geocode"} <= callers
    for name in callers:
        stamped = modstamp.closure(name)
        assert {"warledger.extract.scanner", "warledger.lexcache", name} <= stamped, name
        assert not {"warledger.store.ledger", "warledger.serve.app", "warledger.cli"} & stamped, name
