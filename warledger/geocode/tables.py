"""One country's geocoding tables, built once from a gazetteer index and cached on disk.

Geocoding a report of a new country used to cost tens to hundreds of milliseconds before its first phrase:
its places read from the SQLite index into a :class:`~warledger.geocode.gazetteer.Gazetteer`
(:func:`~warledger.geocode.gazetteer.load_index`), then the resolver's name tables (admin units, names without
their generic first word, airports by town: :func:`~warledger.geocode.resolve.name_tables`), the one-letter
deletion table of the fuzzy look-up and the grid of the density tie-break.  A mix of reports from some thirty
countries paid that for every country in every process.  :class:`CountryTables` builds each of these tables once
per index and country, writes it to the user cache with :mod:`marshal` (plain lists, dicts and tuples: loading is
a few times faster than the build and needs no Python code to run), and loads it after.

Invalidation: a cache file's name carries a stamp of the index it was built from (its resolved path, size and
modification time: a rebuilt index is a new stamp) and of the code that builds the tables (the content of the
modules that read the index and compute the tables, this module's format version, the Python and marshal
versions).  A stale file is never read.  Files of the same table with another stamp are removed when a new one is
written once they have gone unused for a week (as the lexicon cache does, :data:`warledger.lexcache.KEEP_UNUSED_SECONDS`;
loading a file refreshes its modification time): checkouts that share one cache keep each other's files.  ``WARLEDGER_GEO_CACHE=off`` builds every table in memory and writes nothing; a cache that
cannot be written or read is not an error (the table is built in memory, logged at debug level).  Like the lexicon
cache, a cache file is trusted: it lives in the user's own cache folder.

The garbage collector is paused while a table is built or loaded: these are hundreds of thousands of new
containers that hold no cycles, and a collection pass in the middle of building them only re-scans them.
"""
from __future__ import annotations

import array
import hashlib
import itertools
import logging
import marshal
import os
import re
import sys
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, Optional, Sequence, TypeVar, overload

from warledger.geocode.gazetteer import Gazetteer, cache_dir, load_index
from warledger.lexcache import gc_paused, touch, write_cache_file
from warledger.timelimit import time_limit_paused

log = logging.getLogger("warledger.geocode")

T = TypeVar("T")
ENV_OFF = "WARLEDGER_GEO_CACHE"
TABLES_VERSION = "4"  # 2: packed maps are bucketed (LazyMap), repeated strings shared; 3: buckets in one blob;
# 4: the gazetteer's numbers as arrays (ARRAYS), its names in chunks (LazyStrings)
_HERE = Path(__file__).resolve().parent
_CODE = ("gazetteer.py", "normalize.py", "resolve.py", "tables.py")  # the modules whose output is cached
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")
# the Gazetteer's fields in the order they are stored
FIELDS = ("names", "lat", "lon", "admin1", "admin2", "admin3", "kind", "population", "country", "folded", "by_key",
          "covers")
_REPEATED = ("admin1", "admin2", "admin3", "kind", "country")  # fields of a few distinct values, each many times
# number fields stored as the bytes of an array and loaded as one (array.array: the same numbers, read by index as the
# list's; marshal made one Python object per place and field, a quarter of a big country's gazetteer load)
ARRAYS = {"lat": ("d", float), "lon": ("d", float), "population": ("q", int)}
STRINGS = ("names", "folded")  # one string per place, a report reads a few: stored in chunks (LazyStrings)


def tables_root() -> Path:
    """Where the tables are cached: ``tables`` beside the gazetteer indexes in the user cache."""
    return cache_dir().parent / "tables"


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A stamp of the code the cached tables come from (see the module's doc)."""
    h = hashlib.sha1(f"{TABLES_VERSION}\n{sys.version}\n{marshal.version}\n".encode())
    for name in _CODE:
        h.update(name.encode() + b"\0" + (_HERE / name).read_bytes())
    return h.hexdigest()


def _off() -> bool:
    return os.environ.get(ENV_OFF, "").lower() in ("off", "0", "no", "false")


class CountryTables:
    """The cached tables of one country of one gazetteer index (see the module's doc)."""

    def __init__(self, path: str, country: str) -> None:
        self.path = path
        self.country = country
        resolved = Path(path).resolve()
        self._prefix = f"{hashlib.sha1(str(resolved).encode()).hexdigest()[:12]}-{_SAFE.sub('_', country)}"
        try:
            st = resolved.stat()
            index_id = f"{resolved}\n{st.st_size}\n{st.st_mtime_ns}"
        except OSError:  # not a file (an in-memory index): build, never cache
            index_id = ""
        self._stamp = hashlib.sha1(f"{code_stamp()}\n{index_id}".encode()).hexdigest()[:16] if index_id else ""

    def file(self, part: str) -> Path:
        """The cache file of the table ``part`` for the index and code as they are now."""
        return tables_root() / f"{self._prefix}-{_SAFE.sub('_', part)}-{self._stamp}.marshal"

    def get(self, part: str, build: Callable[[], T]) -> T:
        """The table ``part``: loaded from the cache when it was built from the same index and code, else built
        by ``build`` (which must depend only on the index, the country and the code) and cached."""
        if _off() or not self._stamp:
            with gc_paused():
                return build()
        path = self.file(part)
        try:
            with open(path, "rb") as f, gc_paused():
                obj: T = marshal.loads(f.read())
            STATS["loaded"] += 1
            touch(path)
            return obj
        except FileNotFoundError:
            pass
        except Exception as exc:  # a truncated or foreign file: build it again
            log.warning("geocoding table cache %s unreadable (%s); rebuilding it", path, exc)
        with gc_paused(), time_limit_paused():    # one-time work: no report's time, timed apart by a first run
            obj = build()
        self._save(path, part, obj)
        STATS["built"] += 1
        return obj

    def _save(self, path: Path, part: str, obj: Any) -> None:
        try:
            stem = f"{self._prefix}-{_SAFE.sub('_', part)}-"
            write_cache_file(path, marshal.dumps(obj), f"{stem}{'?' * len(self._stamp)}.marshal")
        except (OSError, ValueError) as exc:
            log.debug("geocoding table cache %s not written: %s", path, exc)

    def get_map(self, part: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The map ``part`` (str -> a marshal-able value), cached with each value marshalled on its own: loaded as
        a :class:`LazyMap` that decodes a value when it is first asked for."""
        return LazyMap(self.get(part, lambda: packed(build())))

    def gazetteer(self) -> Gazetteer:
        """The country's places in memory: :func:`~warledger.geocode.gazetteer.load_index` of the index for the
        country, from the cache when it can be (its name keys as a :class:`LazyMap`)."""
        def build() -> tuple[Any, ...]:
            fields = list(gazetteer_fields(load_index(self.path, [self.country])))
            fields[FIELDS.index("by_key")] = packed(fields[FIELDS.index("by_key")])
            for name in _REPEATED:  # one object per distinct value: marshal stores the others as references,
                memo: dict[Any, Any] = {}  # which load faster than new strings (a third of a big country's load)
                fields[FIELDS.index(name)] = [memo.setdefault(v, v) for v in fields[FIELDS.index(name)]]
            for name, (code, kind) in ARRAYS.items():
                fields[FIELDS.index(name)] = packed_numbers(fields[FIELDS.index(name)], code, kind)
            for name in STRINGS:
                fields[FIELDS.index(name)] = packed_strings(fields[FIELDS.index(name)])
            return tuple(fields)
        fields = list(self.get("gazetteer", build))
        fields[FIELDS.index("by_key")] = LazyMap(fields[FIELDS.index("by_key")])
        for name, (code, _) in ARRAYS.items():
            fields[FIELDS.index(name)] = unpacked_numbers(fields[FIELDS.index(name)], code)
        for name in STRINGS:
            fields[FIELDS.index(name)] = LazyStrings(fields[FIELDS.index(name)])
        return gazetteer_from(tuple(fields), self.path)


STATS = {"built": 0, "loaded": 0}  # what CountryTables.get did in this process (tests read it)


def packed_numbers(values: Any, code: str, kind: type) -> Any:
    """``values`` as the bytes of an ``array.array(code)`` when each is exactly a ``kind`` that fits it (a float
    stays the same double, an int the same int), else unchanged (a list: None, a float among ints, a huge int)."""
    if not all(type(v) is kind for v in values):
        return values
    try:
        return array.array(code, values).tobytes()
    except OverflowError:
        return values


def unpacked_numbers(stored: Any, code: str) -> Any:
    """The field :func:`packed_numbers` stored: an ``array.array(code)`` of its bytes, or the list as it was."""
    if not isinstance(stored, bytes):
        return stored
    out = array.array(code)
    out.frombytes(stored)
    return out


def gazetteer_fields(g: Gazetteer) -> tuple[Any, ...]:
    """A Gazetteer's data as a tuple of plain containers (marshal-able), in :data:`FIELDS` order."""
    return tuple(getattr(g, name) for name in FIELDS)


def gazetteer_from(fields: tuple[Any, ...], path: str) -> Gazetteer:
    """The Gazetteer of :func:`gazetteer_fields`' tuple."""
    data = dict(zip(FIELDS, fields))
    data["covers"] = tuple(data["covers"])
    return Gazetteer(path=path, **data)


def cached_or_built(tables: Optional[CountryTables], part: str, build: Callable[[], T]) -> T:
    """``tables.get(part, build)``, or ``build()`` when there are no cached tables (a gazetteer in memory)."""
    return tables.get(part, build) if tables is not None else build()


def cached_map(tables: Optional[CountryTables], part: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """``tables.get_map(part, build)``, or ``build()`` when there are no cached tables."""
    return tables.get_map(part, build) if tables is not None else build()


def packed(d: dict[str, Any]) -> tuple[bytes, bytes, bytes]:
    """A map cut into buckets by a stable hash of each key (:func:`bucket_of`), each bucket marshalled on its own
    (see :class:`LazyMap`): about ``BUCKET_SIZE`` keys a bucket.  Three strings of bytes: the map's keys in order
    (marshalled), where each bucket ends (an ``array`` of 64-bit offsets) and the buckets one after the other.  One
    string for all buckets, not one each: a big country's name keys are tens of thousands of buckets, and creating
    that many objects was most of loading its tables."""
    n = max(1, len(d) // BUCKET_SIZE)
    buckets: list[dict[str, Any]] = [{} for _ in range(n)]
    for k, v in d.items():
        if not isinstance(k, str):
            raise TypeError(f"packed: keys must be strings, not {type(k).__name__} ({k!r})")
        buckets[bucket_of(k, n)][k] = v
    raw = [marshal.dumps(b) for b in buckets]
    return marshal.dumps(list(d)), array.array("q", itertools.accumulate(map(len, raw))).tobytes(), b"".join(raw)


BUCKET_SIZE = 8  # keys a bucket of a packed map, on average


def bucket_of(key: str, n: int) -> int:
    """The bucket of ``key`` among ``n``: a hash that does not change between processes (``hash()`` does)."""
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % n


_ABSENT: Any = object()


class LazyMap(dict):  # type: ignore[type-arg]
    """A map loaded with its buckets still marshalled (:func:`packed`), each decoded when a key of it is first asked for.

    Loading a big country's name keys (tens of thousands of lists of tuples) cost more than everything else of its
    tables, and decoding only the values (the keys built at load) still about 30 ms for the biggest; a report asks
    for a handful of them.  Reading the map (``get``, ``[]``, ``in``, ``len``, ``items``, ``values``, ``keys``,
    iteration, ``==``) gives exactly what the plain map held, in the same order once all of it is read (``items``,
    ``values``, ``keys``, iteration and ``==`` decode every bucket, then reorder to the plain map's order)."""

    __slots__ = ("_blob", "_ends", "_done", "_order", "_left")

    def __init__(self, packed_map: tuple[bytes, bytes, bytes]) -> None:
        super().__init__()
        self._order: Optional[bytes] = packed_map[0]  # the keys in the plain map's order (None once so ordered)
        self._ends = array.array("q")  # where each bucket ends in the blob
        self._ends.frombytes(packed_map[1])
        self._blob = packed_map[2]
        self._done = bytearray(len(self._ends))  # 1: the bucket is decoded
        self._left = len(self._ends)  # buckets not decoded yet

    def _bucket(self, i: int) -> Any:
        """Bucket ``i``, decoded (marked done)."""
        self._done[i] = 1
        self._left -= 1
        return marshal.loads(memoryview(self._blob)[self._ends[i - 1] if i else 0:self._ends[i]])

    def _decode(self, key: Any) -> bool:
        """Decode the bucket ``key`` falls in; whether a bucket was decoded."""
        if not self._left or not isinstance(key, str):
            return False
        i = bucket_of(key, len(self._ends))
        if self._done[i]:
            return False
        dict.update(self, self._bucket(i))
        return True

    def get(self, key: Any, default: Any = None) -> Any:
        v = dict.get(self, key, _ABSENT)
        if v is _ABSENT and self._decode(key):
            v = dict.get(self, key, _ABSENT)
        return default if v is _ABSENT else v

    def __getitem__(self, key: Any) -> Any:
        v = self.get(key, _ABSENT)
        if v is _ABSENT:
            raise KeyError(key)
        return v

    def __contains__(self, key: object) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    def _decode_all(self) -> None:
        if self._order is None:  # decoded and in order already
            return
        for i in range(len(self._ends)):
            if not self._done[i]:
                dict.update(self, self._bucket(i))
        plain = [(k, dict.__getitem__(self, k)) for k in marshal.loads(self._order)]
        dict.clear(self)
        dict.update(self, plain)
        self._order = None

    def __len__(self) -> int:
        self._decode_all()
        return dict.__len__(self)

    def __iter__(self) -> Any:
        self._decode_all()
        return dict.__iter__(self)

    def keys(self) -> Any:
        self._decode_all()
        return dict.keys(self)

    def items(self) -> Any:
        self._decode_all()
        return dict.items(self)

    def values(self) -> Any:
        self._decode_all()
        return dict.values(self)

    def __eq__(self, other: object) -> bool:
        self._decode_all()
        if isinstance(other, LazyMap):
            other._decode_all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None


CHUNK = 64  # strings a chunk of a packed list (LazyStrings)


def packed_strings(values: list[str]) -> tuple[int, bytes, bytes]:
    """A list of strings cut into chunks of ``CHUNK``, each marshalled on its own (see :class:`LazyStrings`): its
    length, where each chunk ends (an ``array`` of 64-bit offsets) and the chunks one after the other."""
    raw = [marshal.dumps(values[i:i + CHUNK]) for i in range(0, len(values), CHUNK)]
    return len(values), array.array("q", itertools.accumulate(map(len, raw))).tobytes(), b"".join(raw)


class LazyStrings(Sequence[str]):
    """A list of strings loaded with its chunks still marshalled (:func:`packed_strings`), each decoded when one of
    its strings is first asked for: a big country's gazetteer holds tens of thousands of names, a report reads a
    few (making them all was a third of loading the gazetteer).  Reads as the plain list: by index (negative
    too) or slice, ``len``, iteration, ``==`` with a list."""

    __slots__ = ("_n", "_ends", "_blob", "_chunks")

    def __init__(self, packed_list: tuple[int, bytes, bytes]) -> None:
        self._n = packed_list[0]
        self._ends = array.array("q")
        self._ends.frombytes(packed_list[1])
        self._blob = packed_list[2]
        self._chunks: list[Optional[list[str]]] = [None] * len(self._ends)

    def _chunk(self, c: int) -> list[str]:
        got = self._chunks[c]
        if got is None:
            got = self._chunks[c] = marshal.loads(memoryview(self._blob)[self._ends[c - 1] if c else 0:self._ends[c]])
        return got

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("list index out of range")
        return self._chunk(i // CHUNK)[i % CHUNK]

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[str]:
        for c in range(len(self._chunks)):
            yield from self._chunk(c)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyStrings):
            other = list(other)
        return isinstance(other, list) and list(self) == other

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]
