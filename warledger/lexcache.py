"""Compiled lexicons, built once and cached on disk, so that a new process is ready in a fraction of a second.

Building the lexicons (the event-rule and actor scanners: hundreds of alias patterns compiled into bucketed
alternations, :mod:`warledger.extract.scanner`) costs seconds, almost all of it in Python's regex compiler:
``re._parser`` and ``re._compiler`` are pure Python, only their last step (``_sre.compile``, which takes the
finished SRE code) is C.  :func:`cached` pickles a built lexicon into the user cache with every compiled pattern
stored as that finished code (:func:`_reduce_pattern`), so loading it rebuilds each pattern at C speed.  A plain
pickle would store only the pattern's text and recompile it on loading.

Invalidation: a cache file's name carries a stamp of everything a lexicon can depend on (:func:`stamp`):
warledger's version, the Python version and the SRE engine's magic number (the format of the code), the content
of every data file of the package and of the theatre folders in ``$WARLEDGER_THEATRES``, and the content of the
module its builder is written in and of every module of the package that one imports, directly or not
(:mod:`warledger.modstamp`; this module among them).  A change to any of them gives a new stamp, so a stale file is
never read; an edit to another module (the store, the server, an extraction step no builder imports) keeps every
cached lexicon, so the next process does not spend a minute of a loaded host rebuilding them.  Files of the same lexicon with another stamp are removed when a new one is written, but only
once they have gone unused for a week (:data:`KEEP_UNUSED_SECONDS`; loading a file refreshes its modification
time): two installs or checkouts that share one cache (two virtual environments, a source tree beside an
installed copy) would otherwise delete each other's files and rebuild them on every run.

The cache lives in ``$WARLEDGER_CACHE/warledger/lexicons`` (else ``$XDG_CACHE_HOME``, else ``~/.cache``), beside
the gazetteer indexes.  ``WARLEDGER_LEXICON_CACHE=off`` builds every lexicon in memory and writes nothing.  A cache
that cannot be written or read is not an error: the lexicon is built in memory (logged at debug level).
Like any pickle, a cache file is trusted: it lives in the user's own cache folder.
"""
from __future__ import annotations

import array
import copyreg
import dataclasses
import gc
import hashlib
import io
import logging
import os
import pickle
import re
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, TypeVar

from warledger import modstamp
from warledger.timelimit import time_limit_paused

log = logging.getLogger("warledger.lexcache")

T = TypeVar("T")
ENV_OFF = "WARLEDGER_LEXICON_CACHE"
KEEP_UNUSED_SECONDS = 7 * 24 * 3600  # a file of another stamp unused this long is removed (see the module doc)
PACKAGE = Path(__file__).resolve().parent
STAMP_WIDTH = 16  # hex digits of a stamp in a cache file's name
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass
class Stats:
    """What :func:`cached` did in this process (tests and ``-v`` logging read it)."""

    built: int = 0
    loaded: int = 0


STATS = Stats()


def cache_root() -> Path:
    base = os.environ.get("WARLEDGER_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "warledger" / "lexicons"


# ---------------------------------------------------------------- the stamp
def _theatre_roots() -> tuple[str, ...]:
    from warledger.theatre import ENV

    return tuple(p for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip())


@lru_cache(maxsize=8)
def _data_stamp(extra_roots: tuple[str, ...]) -> str:
    """Versions, and the content of the package's data files and of the theatre folders ``extra_roots``."""
    from warledger.version import __version__

    h = hashlib.sha1()
    h.update(f"{__version__}\n{sys.version}\n{_sre_magic()}\n".encode())
    for label, root in [("package data", PACKAGE / "data"), *((r, Path(r)) for r in extra_roots)]:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        h.update(f"root {label}\n".encode())
        for path in files:
            h.update(f"{path.relative_to(root)}\n".encode())
            h.update(hashlib.sha1(path.read_bytes()).digest())
    return h.hexdigest()


@lru_cache(maxsize=64)
def _stamp(extra_roots: tuple[str, ...], module: str) -> str:
    return hashlib.sha1(f"{_data_stamp(extra_roots)}\n{modstamp.stamp(module)}".encode()).hexdigest()[:STAMP_WIDTH]


def stamp(module: str = "") -> str:
    """The stamp of a lexicon's sources as they are now (see the module's doc): the data, and the code of the
    package's module ``module`` (where its builder is written) and of the modules it imports; the code of every
    module when ``module`` is not one of the package's.  Computed once per process for each module and value of
    ``$WARLEDGER_THEATRES``."""
    return _stamp(_theatre_roots(), module)


def forget_stamps() -> None:
    """Forget the stamps computed (a test's "new process": files it changed are read again)."""
    _data_stamp.cache_clear()
    _stamp.cache_clear()
    modstamp.forget()


# ---------------------------------------------------------------- patterns as SRE code
def _sre_magic() -> str:
    try:
        import _sre  # type: ignore[import-not-found,unused-ignore]  # stubs for _sre exist in some mypy versions only
        return f"{_sre.MAGIC}:{_sre.CODESIZE}"
    except (ImportError, AttributeError):
        return "?"


def _rebuild(pattern: str, flags: int, code: bytes, groups: int, groupindex: dict[str, int],
             indexgroup: tuple[Optional[str], ...]) -> re.Pattern[str]:
    """A compiled pattern from its finished SRE code (the C half of ``re.compile``)."""
    import _sre  # type: ignore[import-not-found,unused-ignore]  # stubs for _sre exist in some mypy versions only

    words = array.array("I")
    words.frombytes(code)
    return _sre.compile(pattern, flags, words.tolist(), groups, groupindex, indexgroup)  # type: ignore[no-any-return]


def _sre_code(pattern: str, flags: int) -> tuple[Any, ...]:
    """The arguments of :func:`_rebuild` for ``re.compile(pattern, flags)``: what ``re._compiler.compile`` computes
    in Python before it calls ``_sre.compile``."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[Optional[str]] = [None] * parsed.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (pattern, flags | parsed.state.flags, array.array("I", [int(c) for c in code]).tobytes(),
            parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _reduce_pattern(p: re.Pattern[Any]) -> tuple[Callable[..., Any], tuple[Any, ...]]:
    if isinstance(p.pattern, str) and _CODE_OK:
        try:
            args = _sre_code(p.pattern, p.flags)
            if _rebuild(*args).flags == p.flags:
                return _rebuild, args
        except Exception as exc:  # another Python's internals: store the text, recompile on loading
            log.debug("pattern %r stored as text: %s", p.pattern[:60], exc)
    return re.compile, (p.pattern, p.flags)


def _code_ok() -> bool:
    """Whether this Python's regex internals are the ones :func:`_sre_code` and :func:`_rebuild` expect."""
    try:
        import _sre  # type: ignore[import-not-found,unused-ignore]  # stubs for _sre exist in some mypy versions only
        probe = re.compile(r"(?P<a>x)|y\b", re.IGNORECASE)
        return bool(array.array("I").itemsize == _sre.CODESIZE and _rebuild(*_sre_code(probe.pattern, probe.flags))
                    .match("X") is not None)
    except Exception:
        return False


_CODE_OK = _code_ok()


class Deferred:
    """A compiled pattern that a cached lexicon holds in its stored form (its SRE code, as :func:`_reduce_pattern`
    stores it, or its text where this Python's internals are unknown) and rebuilds only when :meth:`get` is first
    called.

    A lexicon of hundreds of bucketed alternations (a country's actor scanner: about 860 of them) is loaded whole,
    but a process reads only the buckets its texts' words begin: an object pickles its rarely used patterns as
    ``Deferred.of(p)`` (see ``__getstate__`` in :mod:`warledger.extract.scanner`) and calls :func:`live` where it
    reads one.  Loading one creates a few flat objects (the group names are one string, not the pattern's tables of
    hundreds of names); ``get()`` gives a pattern equal to ``p`` (same text, flags, code and groups)."""

    __slots__ = ("_args", "_done")

    def __init__(self, *args: Any) -> None:
        # (pattern as UTF-8 or text, flags, code, groups, names joined by NUL) or, as text, (pattern, flags)
        self._args = args
        self._done: Optional[re.Pattern[str]] = None

    @classmethod
    def of(cls, pattern: re.Pattern[str]) -> "Deferred":
        fn, args = _reduce_pattern(pattern)
        if fn is not _rebuild:
            return cls(pattern.pattern, pattern.flags)
        text, flags, code, groups, _, indexgroup = args
        # the text as UTF-8, decoded on first use: a country's scanner holds ~200 kB of pattern text, and decoding it
        # (it is never ASCII: the word bounds name Arabic letters) was a quarter of loading its pickle
        return cls(text.encode("utf-8", "surrogatepass"), flags, code, groups,
                   "\0".join(name or "" for name in indexgroup))

    def get(self) -> re.Pattern[str]:
        """The pattern (built on the first call; one object for every table entry that shared it)."""
        if self._done is None:
            if len(self._args) == 2:
                self._done = re.compile(*self._args)
            else:
                raw, flags, code, groups, names = self._args
                text = raw.decode("utf-8", "surrogatepass") if isinstance(raw, bytes) else raw
                indexgroup = tuple(name or None for name in names.split("\0"))
                groupindex = {name: i for i, name in enumerate(indexgroup) if name is not None}
                self._done = _rebuild(text, flags, code, groups, groupindex, indexgroup)
        return self._done

    def __reduce__(self) -> tuple[Any, ...]:
        return Deferred, self._args


def defer_patterns(table: dict[str, Any], memo: dict[int, Deferred]) -> dict[str, Any]:
    """``table`` with each compiled pattern as a :class:`Deferred` (other values kept), for pickling.  Entries that
    hold one pattern object (``re.compile`` returns the same object for the same text) share one ``Deferred`` through
    ``memo`` (by the pattern's id: pass one memo for every table of an object), so the pattern is stored once."""
    out: dict[str, Any] = {}
    for k, v in table.items():
        if isinstance(v, re.Pattern):
            v = memo.get(id(v)) or memo.setdefault(id(v), Deferred.of(v))
        out[k] = v
    return out


def live(table: dict[str, Any], key: str, default: Any) -> Any:
    """``table[key]`` (``default`` when absent), a :class:`Deferred` pattern rebuilt now and kept in ``table``."""
    got = table.get(key, default)
    if type(got) is Deferred:
        got = table[key] = got.get()
    return got


class _Pickler(pickle.Pickler):
    dispatch_table = {**copyreg.dispatch_table, re.Pattern: _reduce_pattern}

    def reducer_override(self, obj: Any) -> Any:
        """A slotted dataclass (a lexicon's rows) as a call of its class with its fields: loaded by its generated
        ``__init__``, where pickle's default calls the dataclass ``__setstate__`` (a loop over ``fields()`` in Python,
        three times slower: a country's actor rows were a sixth of loading its lexicon)."""
        return _reduce_slotted(obj)


def _reduce_slotted(obj: Any) -> Any:
    cls = type(obj)
    if isinstance(obj, type) or "__slots__" not in cls.__dict__ or not dataclasses.is_dataclass(cls):
        return NotImplemented
    fields = dataclasses.fields(cls)
    slots = cls.__dict__["__slots__"]
    names = {slots} if isinstance(slots, str) else set(slots)
    if (not cls.__dataclass_params__.init or hasattr(cls, "__post_init__")  # type: ignore[attr-defined]
            or not all(f.init for f in fields) or names != {f.name for f in fields}):
        return NotImplemented  # its __init__ would not give the same object back: pickle's own way
    return cls, tuple(getattr(obj, f.name) for f in fields)


def dumps(obj: Any) -> bytes:
    """``obj`` pickled with its compiled patterns as SRE code."""
    buf = io.BytesIO()
    _Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)
    return buf.getvalue()


# ---------------------------------------------------------------- the cache
def cache_path(name: str, module: str = "") -> Path:
    """Where the lexicon ``name``, built by code of the package's module ``module``, is cached for the current
    sources."""
    return cache_root() / f"{_SAFE.sub('_', name)}-{stamp(module)}.pickle"


def cached(name: str, build: Callable[[], T]) -> T:
    """The lexicon ``name``: loaded from the cache when it was built from the same sources, else built by
    ``build`` and cached.  ``build`` must depend only on the data files, the theatre folders and the code of the
    module it is written in and of the modules that module imports (:mod:`warledger.modstamp`): an edit to any
    other module keeps the cached file."""
    if os.environ.get(ENV_OFF, "").lower() in ("off", "0", "no", "false"):
        STATS.built += 1
        return build()
    path = cache_path(name, getattr(build, "__module__", None) or "")
    try:
        with open(path, "rb") as f, gc_paused():  # thousands of new objects that hold no cycles: no pass over them
            obj: T = pickle.load(f)
        STATS.loaded += 1
        touch(path)
        return obj
    except FileNotFoundError:
        pass
    except Exception as exc:  # a truncated or foreign file: rebuild it
        log.warning("lexicon cache %s unreadable (%s); rebuilding it", path, exc)
    with time_limit_paused():  # one-time work: not the extraction time of the report that asked first
        obj = build()
        _save(path, obj)
    STATS.built += 1
    return obj


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (on again after, if it was on), and what the block loaded
    moved out of its sight after (``gc.freeze``, as the server's :func:`~warledger.serve.app.settle_heap` does).

    A lexicon or a country's tables is thousands of containers that live as long as the process and hold no cycles:
    paused alone, the collector only put its pass off (the allocations counted on, and the next young collection
    walked all of them, then the middle one again: about 3% of the bench mix's timed pass).  Frozen, they are never
    walked; they are still freed by reference counting.  The freeze also covers whatever else was alive then (a
    cycle that became garbage before it is not collected): it happens once per lexicon or table a process loads."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


def touch(path: Path) -> None:
    """Mark a cache file as in use (its modification time), so that another install's writes keep it."""
    try:
        os.utime(path)
    except OSError:  # a read-only cache is still a cache
        pass


def write_cache_file(path: Path, data: bytes, others: str) -> None:
    """Write ``data`` to ``path`` atomically (processes may build the same file at once), then remove the files of
    the glob ``others`` in the same folder (the same cache entry with other stamps) unused for
    :data:`KEEP_UNUSED_SECONDS`.  Raises OSError when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    unused_since = time.time() - KEEP_UNUSED_SECONDS
    for old in path.parent.glob(others):
        if old != path and old.stat().st_mtime < unused_since:
            old.unlink(missing_ok=True)


def _save(path: Path, obj: Any) -> None:
    """Write ``obj`` to ``path`` (:func:`write_cache_file`), keeping the same lexicon's files of other stamps until
    they have gone unused for a week."""
    try:
        stem = path.name[: -STAMP_WIDTH - len(".pickle")]
        write_cache_file(path, dumps(obj), f"{stem}{'?' * STAMP_WIDTH}.pickle")
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        log.debug("lexicon cache %s not written: %s", path, exc)


# ---------------------------------------------------------------- patterns compiled at import, by their text
# The modules of ``warledger.extract`` derive about 170 patterns at import from the patterns they write
# (``segment.bound_to_paragraph``, ``scanner.guarded``): a rewrite in Python, a parse for the first characters,
# then a compile of a long pattern.  That was about half the start-up of a one-line ``warledger extract``.  Here
# each derived text and each compiled form is stored by the text it comes from, so a new process rebuilds the
# patterns at C speed (:func:`_rebuild`).  The key is the whole pattern text (and the kind of rewrite), so a
# changed pattern or word list is a new key, never a stale answer; the file name carries only the Python version
# and the SRE engine's magic.  A process writes the file once (:func:`save_patterns`) when it had to compute
# something, keeping what it used (and older entries while the file stays under a few times that size).
_PATTERN_FILE_LIMIT = 3  # keep older entries while the file holds at most this many times the entries used


@dataclass
class _PatternStore:
    loaded: Optional[dict[bytes, Any]] = None  # from disk, by key digest: a derived text or _rebuild's args
    used: set[bytes] = field(default_factory=set)  # the keys this process asked for
    new: dict[bytes, Any] = field(default_factory=dict)  # what it computed (not found on disk), until written
    texts: dict[bytes, Any] = field(default_factory=dict)  # derived texts asked for (a key may be asked twice)
    compiled: dict[tuple[str, int], re.Pattern[str]] = field(default_factory=dict)  # by text and flags


_PATTERNS = _PatternStore()


def _patterns_on() -> bool:
    return os.environ.get(ENV_OFF, "").lower() not in ("off", "0", "no", "false")


def patterns_path() -> Path:
    """The file of stored patterns for this Python (its version and SRE magic in the name)."""
    tag = _SAFE.sub("_", f"{sys.version_info[0]}.{sys.version_info[1]}-{_sre_magic()}-{sys.version.split()[0]}")
    return cache_root() / f"patterns-{tag}.marshal"


def _read_store() -> dict[bytes, Any]:
    if not _patterns_on():
        return {}
    try:
        import marshal

        got = marshal.loads(patterns_path().read_bytes())
        return got if isinstance(got, dict) else {}
    except FileNotFoundError:
        return {}
    except Exception as exc:  # a truncated or foreign file: computed again, written anew
        log.debug("pattern store %s unreadable: %s", patterns_path(), exc)
        return {}


def _remember(kind: str, text: str, flags: int, compute: Callable[[], Any]) -> Any:
    """The stored value of (kind, text, flags), else ``compute()``.  An entry leaves the loaded map when it is read
    (the pattern built from it holds its own copy), so the store costs no memory once the modules are imported."""
    key = hashlib.sha1(f"{kind}\0{flags}\0{text}".encode("utf-8", "surrogatepass")).digest()
    got = _PATTERNS.texts.get(key, _MISSING_ENTRY) if kind != "code" else _MISSING_ENTRY
    if got is not _MISSING_ENTRY:
        return got
    if _PATTERNS.loaded is None:
        _PATTERNS.loaded = _read_store()
    got = _PATTERNS.loaded.pop(key, _MISSING_ENTRY)
    if got is _MISSING_ENTRY:
        got = compute()
        if _patterns_on():  # (off: nothing will be written)
            _PATTERNS.new[key] = got
    _PATTERNS.used.add(key)
    if kind != "code":
        _PATTERNS.texts[key] = got
    return got


_MISSING_ENTRY: Any = object()


def derived_text(kind: str, text: str, flags: int, derive: Callable[[str, int], T]) -> T:
    """``derive(text, flags)``, a pure function of the text and flags named ``kind`` (a pattern rewrite), as stored
    when it was computed before (a text or None: what ``marshal`` can store)."""
    return _remember(kind, text, int(flags), lambda: derive(text, int(flags)))  # type: ignore[no-any-return]


def compile_stored(text: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(text, flags)`` for a string pattern, rebuilt from its stored SRE code when a process compiled it
    before; the same object for the same text and flags within a process (as ``re.compile``'s own cache gives)."""
    flags = int(flags)
    done = _PATTERNS.compiled.get((text, flags))
    if done is not None:
        return done
    if not _CODE_OK:
        done = re.compile(text, flags)
    else:
        done = _rebuild(*_remember("code", text, flags, lambda: _sre_code(text, flags)))
    _PATTERNS.compiled[(text, flags)] = done
    return done


def save_patterns() -> None:
    """Write the pattern store when this process computed an entry it did not find (see above): the entries it used
    (read from the file again), with the file's others while it stays under a few times that many; nothing
    otherwise."""
    if not _PATTERNS.new or not _patterns_on():
        return
    import marshal

    old = _read_store()
    used = {k: _PATTERNS.new[k] if k in _PATTERNS.new else old[k] for k in _PATTERNS.used if k in _PATTERNS.new or k in old}
    out = {**old, **used} if len(old) + len(used) <= _PATTERN_FILE_LIMIT * len(used) else used
    try:
        path = patterns_path()
        write_cache_file(path, marshal.dumps(out), path.name)  # no other stamps to clear: the glob is itself
        _PATTERNS.new.clear()
    except (OSError, ValueError) as exc:
        log.debug("pattern store %s not written: %s", patterns_path(), exc)
