"""Which of the package's modules a module's code can run, and a stamp of their content, for caches of what that
code builds (:mod:`warledger.lexcache`: a lexicon is keyed by the modules it is built by, not by every module).

:func:`closure` follows the imports a module's source writes (``import warledger.x``, ``from warledger.x import y``
where ``y`` may be a module, ``from . import y``, at any indentation: an import inside a function counts, as in
``tests/test_architecture.py``), transitively.  It reads the source with one regular expression, not ``ast`` (parsing
a few dozen modules would cost a CLI call a tenth of a second at every start); over-reading (an import under ``if
TYPE_CHECKING:``, a docstring line that looks like an import) only widens the stamp.  A package's ``__init__`` counts
only when a module imports the package itself or a name of its ``__init__`` (``from warledger import modstamp``
imports a module, not the package's ``__init__``): importing ``warledger.extract.classify`` runs
``warledger/extract/__init__.py`` too, but classify's code calls nothing of it (the architecture test's view).

:func:`stamp` hashes the bytes of every module of the closure (content, not modification time: a checkout that
rewrites a file unchanged, or a second worktree with the same code, keeps the stamp).  A module that is not the
package's (a test's builder) gets the stamp of the whole package, as every lexicon had before.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Optional

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.name  # "warledger"
_IMPORT = re.compile(
    r"^[ \t]*(?:import[ \t]+(?P<plain>[\w.]+(?:[ \t]+as[ \t]+\w+)?(?:[ \t]*,[ \t]*[\w.]+(?:[ \t]+as[ \t]+\w+)?)*)"
    r"|from[ \t]+(?P<src>\.+[\w.]*|[\w.]+)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n#]*))", re.MULTILINE)
_NAME = re.compile(r"(\w+)(?:\s+as\s+\w+)?")
_WORD = re.compile("import")  # a literal: found at C speed, then each line it is on is matched from its start


@lru_cache(maxsize=None)
def module_path(name: str) -> Optional[Path]:
    """The source file of the package's module ``name`` (``warledger.extract.classify``), or None."""
    parts = name.split(".")
    if parts[0] != ROOT:
        return None
    base = PACKAGE.joinpath(*parts[1:])
    for path in (base.with_suffix(".py") if len(parts) > 1 else None, base / "__init__.py"):
        if path is not None and path.is_file():
            return path
    return None


def _absolute(src: str, name: str, path: Path) -> str:
    """The module a ``from SRC import`` in the module ``name`` (at ``path``) names, relative dots resolved."""
    if not src.startswith("."):
        return src
    dots = len(src) - len(src.lstrip("."))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    base = package[: len(package) - dots + 1]
    rest = src[dots:]
    return ".".join(base + ([rest] if rest else []))


def _statements(text: str) -> Iterator[re.Match[str]]:
    """The import statements of a module's source."""
    seen = -1
    for word in _WORD.finditer(text):
        start = text.rfind("\n", 0, word.start()) + 1
        if start != seen:
            seen = start
            m = _IMPORT.match(text, start)
            if m:
                yield m


@lru_cache(maxsize=None)
def imports(name: str) -> frozenset[str]:
    """The package's modules whose imports the module ``name`` writes (see the module's doc)."""
    path = module_path(name)
    if path is None:
        return frozenset()
    found: set[str] = set()
    for m in _statements(path.read_text(encoding="utf-8")):
        if m.group("plain"):
            found.update(item.split()[0] for item in m.group("plain").split(","))  # "import a.b as c, d"
            continue
        src = _absolute(m.group("src"), name, path)
        for word in _NAME.findall(m.group("names")):  # "from warledger.extract import classify": a module
            full = f"{src}.{word}"
            found.add(full if module_path(full) is not None else src)
    return frozenset(f for f in found if f != name and module_path(f) is not None)


@lru_cache(maxsize=None)
def closure(name: str) -> frozenset[str]:
    """``name`` and every package module it imports, directly or not (:func:`imports`)."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        mod = todo.pop()
        if mod not in seen and module_path(mod) is not None:
            seen.add(mod)
            todo.extend(imports(mod) - seen)
    return frozenset(seen)


@lru_cache(maxsize=None)
def stamp(name: str) -> str:
    """A digest of the source of every module of :func:`closure` (``name``'s own and what it imports); of every
    module of the package when ``name`` is not one of its modules."""
    mods = closure(name)
    paths = sorted(p for p in map(module_path, mods) if p is not None) if mods else sorted(PACKAGE.rglob("*.py"))
    h = hashlib.sha1()
    for path in paths:
        h.update(f"{path.relative_to(PACKAGE)}\n".encode())
        h.update(_digest(path))
    return h.hexdigest()


@lru_cache(maxsize=None)
def _digest(path: Path) -> bytes:
    return hashlib.sha1(path.read_bytes()).digest()


def forget() -> None:
    """Forget what was read (a test's "new process")."""
    for fn in (module_path, imports, closure, stamp, _digest):
        fn.cache_clear()
