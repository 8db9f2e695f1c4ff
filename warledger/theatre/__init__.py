"""Theatres: what warledger knows about one country, as a data bundle.

A theatre is a folder ``<ISO2>/`` (``warledger/data/theatres/SY``, ``IQ``, ``YE`` …) holding:

* ``theatre.tsv`` – ISO codes, ACLED's country name, the country's names and demonyms (English, Arabic),
  the words for its admin levels;
* ``admin.tsv`` – optional: its admin units (ACLED spellings, variants, coordinates, GeoNames admin1 codes); a
  country without one takes its first-level units from the world gazetteer's subdivision table;
* ``actors.tsv`` – its armed groups and state forces, ACLED names with alias patterns (the format of the
  global ``actors.tsv``; names may hold ``{country}`` and ``({period})``);
* ``actor_periods.tsv`` – ACLED's periods of its state forces (``country base start_year end_year acled_name
  [written]``: the name now and the name while the period was current), the one table of actor periods that
  extraction and the exports read (the global bundle's file holds states that are not theatres);
* optional files a stage reads when present (``actor_areas.tsv``: where groups mostly operate;
  ``admin1_periods.tsv``: a unit ACLED's data spells differently by period, :mod:`warledger.theatre.admin_names`;
  ``districts.tsv``: a full list of its districts in ``admin.tsv``'s format, level ``admin2`` only, each a place to
  geocode and a sign of the country only when the text writes it as a district: "Shirqat district").

The ``global`` folder holds what every country shares (ACLED's generic actors, transnational groups).
Every file starts with a ``# source:`` line.  More bundle folders are read from ``$WARLEDGER_THEATRES``
(folders separated by ``os.pathsep``, each holding ``<ISO2>/`` bundles or being one): adding a country is
adding a folder, not code.
"""
from __future__ import annotations

import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

from warledger.errors import InputError

ENV = "WARLEDGER_THEATRES"
GLOBAL = "global"
_ISO2 = re.compile(r"^[A-Z]{2}$")
_KEYS = ("iso2", "iso3", "name", "names", "demonyms", "admin1", "admin2", "admin3")


@lru_cache(maxsize=1)
def builtin_root() -> Path:
    return Path(str(resources.files("warledger").joinpath("data", "theatres")))


@dataclass(frozen=True)
class Theatre:
    """One country's bundle."""

    iso2: str
    iso3: str
    name: str                              # ACLED's country name: "Syria", "Iraq", "Yemen"
    path: Path
    names: tuple[str, ...] = ()            # the country's names as texts write them (English, Arabic)
    demonyms: tuple[str, ...] = ()
    admin_words: dict[str, tuple[str, ...]] = field(default_factory=dict)  # level -> "governorate", ...

    def file(self, name: str) -> Optional[Path]:
        """A file of the bundle, or None when the bundle has none."""
        p = self.path / name
        return p if p.is_file() else None


def data_lines(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated columns) of a bundle file; checks its ``# source:`` header."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read theatre file {path}: {exc}") from exc
    if not text.startswith("# source:"):
        raise InputError(f"{path}: the first line must be a '# source: ...' comment saying where its facts come from")
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.startswith("#"):
            yield n, [c.strip() for c in line.split("\t")]


def table_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, list[str]]]:
    """(line number, columns) of a data table whose header row names ``columns``: :func:`data_lines` with
    the header skipped and every row's width checked (an error names the file and line)."""
    for n, cols in data_lines(path):
        if cols[0] == columns[0]:
            continue
        if len(cols) != len(columns):
            raise InputError(f"{path} line {n}: expected {len(columns)} tab-separated columns "
                             f"({', '.join(columns)}), found {len(cols)}")
        yield n, cols


def _read_theatre(folder: Path) -> Theatre:
    path = folder / "theatre.tsv"
    kv: dict[str, str] = {}
    for n, cols in data_lines(path):
        if len(cols) != 2 or cols[0] not in _KEYS:
            raise InputError(f"{path} line {n}: expected 'key<TAB>value' with a key among {', '.join(_KEYS)}")
        kv[cols[0]] = cols[1]
    for key in ("iso2", "iso3", "name"):
        if not kv.get(key):
            raise InputError(f"{path}: the key {key!r} is missing; every theatre names its ISO codes and ACLED name")
    if not _ISO2.match(kv["iso2"]) or kv["iso2"] != folder.name:
        raise InputError(f"{path}: iso2 {kv['iso2']!r} must be two capital letters and the folder's name ({folder.name})")

    def lst(key: str) -> tuple[str, ...]:
        return tuple(v.strip() for v in kv.get(key, "").split("|") if v.strip())
    return Theatre(kv["iso2"], kv["iso3"], kv["name"], folder, lst("names") or (kv["name"],), lst("demonyms"),
                   {lvl: lst(lvl) for lvl in ("admin1", "admin2", "admin3") if lst(lvl)})


def roots() -> list[Path]:
    """Bundle folders in the order they are read: ``$WARLEDGER_THEATRES`` first, then the built-in ones."""
    return list(_roots(os.environ.get(ENV, "")))


@lru_cache(maxsize=8)
def _roots(env: str) -> tuple[Path, ...]:  # asked for every clause: computed once per value of the variable
    return (*(Path(p) for p in env.split(os.pathsep) if p.strip()), builtin_root())


_FIXED_KEY: ContextVar[Optional[tuple[str, ...]]] = ContextVar("warledger_root_key", default=None)


def root_key() -> tuple[str, ...]:
    """:func:`roots` as a tuple of strings: the key of the caches of what the bundles hold (inside
    :func:`roots_fixed`, the key when the block began)."""
    key = _FIXED_KEY.get()
    return key if key is not None else _root_key(os.environ.get(ENV, ""))


@contextmanager
def roots_fixed() -> Iterator[None]:
    """:func:`root_key` read from ``$WARLEDGER_THEATRES`` once for the block (one report: the pipeline does not
    change the variable while it reads a report).  The key is asked for about 25 times a report (each lexicon and
    table cache); reading the environment each time was 1-2% of extraction."""
    token = _FIXED_KEY.set(_root_key(os.environ.get(ENV, "")))
    try:
        yield
    finally:
        _FIXED_KEY.reset(token)


@lru_cache(maxsize=8)
def _root_key(env: str) -> tuple[str, ...]:  # asked for every clause: computed once per value of the variable
    return tuple(str(r) for r in _roots(env))


@lru_cache(maxsize=8)
def _load(key: tuple[str, ...]) -> dict[str, Theatre]:
    out: dict[str, Theatre] = {}
    for root in map(Path, key):
        if not root.is_dir():
            raise InputError(f"theatre folder {root} (from ${ENV}) does not exist; fix the variable")
        folders = [root] if (root / "theatre.tsv").is_file() else sorted(p for p in root.iterdir() if p.is_dir())
        for folder in folders:
            if folder.name == GLOBAL or not (folder / "theatre.tsv").is_file():
                continue
            th = _read_theatre(folder)
            out.setdefault(th.iso2, th)  # an earlier root overrides a later one
    return out


def theatres() -> dict[str, Theatre]:
    """Every country bundle, by ISO 3166-1 alpha-2 code."""
    return _load(root_key())


def theatre(iso2: Optional[str]) -> Optional[Theatre]:
    return theatres().get(iso2) if iso2 else None


def global_files(name: str) -> list[Path]:
    """The global bundle's file ``name`` in every root that has one (extra roots first)."""
    out = []
    for root in roots():
        p = root / GLOBAL / name
        if p.is_file():
            out.append(p)
    return out


def bundle_files(name: str) -> list[tuple[Theatre, Path]]:
    """(theatre, path) for every country bundle that has the file ``name``."""
    return [(th, p) for th in theatres().values() if (p := th.file(name)) is not None]
