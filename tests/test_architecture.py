"""The package's shape: no import cycles between its modules, no private name imported from another module, and
no long functions beyond the listed ones.

The checks read the source with ``ast`` (nothing is imported).  For cycles an import inside a function counts
like a module-level one (a lazy import hides a cycle, it does not remove it); imports under
``if TYPE_CHECKING:`` do not (they never run).  A private import counts wherever it is.  Functions over ``MAX_LINES`` fail; those over ``LISTED_LINES`` must be listed in
``LONG_FUNCTIONS`` below and, with the reason, in ARCHITECTURE.md.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "warledger"
MAX_LINES = 100     # no function longer than this, apart from the capped ones below
LISTED_LINES = 80   # a function longer than this is listed (with its reason) in ARCHITECTURE.md

# function -> the most lines it may have (over LISTED_LINES, with its reason in ARCHITECTURE.md).  None today:
# the last eight were split in session 6.
LONG_FUNCTIONS: dict[str, int] = {}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules(package: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, package): p for p in sorted(package.rglob("*.py"))}


def _type_checking_only(node: ast.If) -> bool:
    t = node.test
    return (isinstance(t, ast.Name) and t.id == "TYPE_CHECKING") or (
        isinstance(t, ast.Attribute) and t.attr == "TYPE_CHECKING")


def _import_target(name: str, path: Path, node: ast.ImportFrom) -> str:
    """The module a ``from ... import`` in the module ``name`` (at ``path``) reads from."""
    if node.level:  # relative: from the module's package, one level up per extra dot
        base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        base = base[:len(base) - node.level + 1] + ([node.module] if node.module else [])
        return ".".join(base)
    return node.module or ""


def _imported(name: str, path: Path, tree: ast.AST, known: set[str]) -> Iterator[str]:
    """The modules of ``known`` that the module ``name`` (at ``path``) imports anywhere, run-time only."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _type_checking_only(node):
            yield from (m for child in node.orelse for m in _imported(name, path, child, known))
            continue
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            target = _import_target(name, path, node)
            for a in node.names:  # "from warledger.extract import classify" imports a module
                full = f"{target}.{a.name}"
                if full in known:
                    yield full
                elif target in known:
                    yield target
        yield from _imported(name, path, node, known)


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    mods = package_modules(package)
    known = set(mods)
    return {name: set(_imported(name, path, ast.parse(path.read_text(encoding="utf-8")), known)) - {name}
            for name, path in mods.items()}


def find_cycle(graph: dict[str, set[str]]) -> Optional[list[str]]:
    """One import cycle (its modules in order, the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(v: str) -> Optional[list[str]]:
        state[v] = 1
        path.append(v)
        for w in sorted(graph.get(v, ())):
            if state.get(w) == 1:
                return path[path.index(w):] + [w]
            if w not in state and (found := visit(w)) is not None:
                return found
        path.pop()
        state[v] = 2
        return None

    for v in sorted(graph):
        if v not in state and (found := visit(v)) is not None:
            return found
    return None


def _private(attr: str) -> bool:
    return attr.startswith("_") and not (attr.startswith("__") and attr.endswith("__"))


def _module_aliases(name: str, path: Path, tree: ast.AST, mods: dict[str, Path]) -> dict[str, str]:
    """Local names bound to package modules: ``import a.b as m`` (m), ``import a.b`` (a), ``from a import b``."""
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname and a.name in mods:
                    out[a.asname] = a.name
                elif not a.asname and a.name.split(".")[0] in mods:
                    out[a.name.split(".")[0]] = a.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom):
            target = _import_target(name, path, node)
            out.update({a.asname or a.name: f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in mods})
    return out


def _dotted(node: ast.expr, aliases: dict[str, str]) -> Optional[str]:
    """The module a ``Name`` or ``Name.attr...`` expression names through ``aliases``, else None."""
    if isinstance(node, ast.Name):
        return aliases.get(node.id)
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value, aliases)
        return f"{base}.{node.attr}" if base is not None else None
    return None


def private_imports(package: Path = PACKAGE) -> list[str]:
    """Each private name of another package module that a module imports (``from X import _name``) or reads
    through a module it imported (``X._name``): 'path:line: X._name'.

    A private name is the owning module's business; a name another module needs is public there (no leading
    underscore).  Dunder names (``__version__``) and private modules (``from pkg import _mod``) are allowed."""
    mods = package_modules(package)
    out: list[str] = []
    for name, path in mods.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = path.relative_to(package.parent).as_posix()
        aliases = _module_aliases(name, path, tree, mods)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                target = _import_target(name, path, node)
                if target in mods and target != name:
                    out += [f"{rel}:{node.lineno}: {target}.{a.name}" for a in node.names
                            if _private(a.name) and f"{target}.{a.name}" not in mods]
            elif isinstance(node, ast.Attribute) and _private(node.attr):
                owner = _dotted(node.value, aliases)
                if owner in mods and owner != name and f"{owner}.{node.attr}" not in mods:
                    out.append(f"{rel}:{node.lineno}: {owner}.{node.attr}")
    return out


def function_lengths(package: Path = PACKAGE) -> dict[str, int]:
    """'warledger/x.py::Class.method' -> lines from its ``def`` to its last line (nested functions too)."""
    out: dict[str, int] = {}

    def walk(node: ast.AST, rel: str, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qual = prefix + child.name
                out[f"{rel}::{qual}"] = (child.end_lineno or child.lineno) - child.lineno + 1
                walk(child, rel, qual + ".")
            elif isinstance(child, ast.ClassDef):
                walk(child, rel, prefix + child.name + ".")
            else:
                walk(child, rel, prefix)

    for path in sorted(package.rglob("*.py")):
        walk(ast.parse(path.read_text(encoding="utf-8")), path.relative_to(package.parent).as_posix(), "")
    return out


# ------------------------------------------------------------------------------------------------ tests
def test_no_import_cycles() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, ("import cycle: " + " -> ".join(cycle or []) + ". Move what both modules need into "
                           "a module below them (see ARCHITECTURE.md), or import in the other direction only")


def test_no_private_name_imported_from_another_module() -> None:
    found = private_imports()
    assert not found, ("private names imported from another module: " + "; ".join(found) + ". Make the name "
                       "public in the module that owns it (drop the leading underscore) or move it where it belongs")


def test_no_function_longer_than_its_cap() -> None:
    lengths = function_lengths()
    too_long = {f: n for f, n in lengths.items()
                if n > LONG_FUNCTIONS.get(f, LISTED_LINES)}
    assert not too_long, (f"functions over {LISTED_LINES} lines (or over their cap in LONG_FUNCTIONS): "
                          f"{too_long}; split them (none may pass {MAX_LINES})")


def test_long_function_list_is_current_and_documented() -> None:
    lengths = function_lengths()
    stale = [f for f in LONG_FUNCTIONS if lengths.get(f, 0) <= LISTED_LINES]
    assert not stale, f"no longer over {LISTED_LINES} lines (or gone): remove from LONG_FUNCTIONS: {stale}"
    doc = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    undocumented = [f for f in LONG_FUNCTIONS if f.split("::")[1] not in doc]
    assert not undocumented, f"ARCHITECTURE.md must list these long functions with a reason: {undocumented}"
    over_max = [f for f in LONG_FUNCTIONS if not f.startswith("warledger/extract/") and LONG_FUNCTIONS[f] > MAX_LINES]
    assert not over_max, f"only extract/ functions wait for their split above {MAX_LINES} lines: {over_max}"


# ----------------------------------------------------------------------- the checks check what they claim
def _package(tmp: Path, files: dict[str, str]) -> Path:
    for rel, src in files.items():
        p = tmp / "pkg" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(src, encoding="utf-8")
    return tmp / "pkg"


def test_cycle_through_a_lazy_import_is_found(tmp_path: Path) -> None:
    pkg = _package(tmp_path, {
        "__init__.py": "",
        "a.py": "from pkg.b import g\n",
        "b.py": "def g():\n    from pkg import a\n    return a\n",
        "c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import g\n",
    })
    graph = import_graph(pkg)
    assert graph["pkg.a"] == {"pkg.b"} and graph["pkg.b"] == {"pkg.a"} and graph["pkg.c"] == set()
    assert find_cycle(graph) == ["pkg.a", "pkg.b", "pkg.a"]
    assert find_cycle({"x": {"y"}, "y": {"z"}, "z": set()}) is None


def test_private_imports_are_found(tmp_path: Path) -> None:
    pkg = _package(tmp_path, {
        "__init__.py": "",
        "_mod.py": "",
        "a.py": "from pkg.b import _x, y\nfrom re import _parser\nfrom pkg import _mod\nfrom pkg.b import __all__\n",
        "b.py": "_x = 1\ny = 2\n__all__ = ['y']\nfrom ._mod import *\n",
        "sub/__init__.py": "",
        "sub/c.py": "def f():\n    from ..b import _x\n    return _x\n",
        "d.py": "_z = 1\nfrom pkg.d import _z as w\n",
        "e.py": "import re\nimport pkg.b\nfrom pkg import b as bm\nimport pkg.sub.c as cm\n"
                "u = bm._x\nv = pkg.b._x\nw = bm.y\nx = re._parser\ny = cm.f._cache\nz = bm.__all__\n",
    })
    assert private_imports(pkg) == ["pkg/a.py:1: pkg.b._x", "pkg/e.py:5: pkg.b._x", "pkg/e.py:6: pkg.b._x",
                                    "pkg/sub/c.py:2: pkg.b._x"]


def test_function_lengths_count_methods_and_nested(tmp_path: Path) -> None:
    src = ("class K:\n"
           "    def f(self):\n"
           "        x = 1\n"
           "        return x\n"
           "\n"
           "def outer():\n"
           "    def inner():\n"
           "        pass\n"
           "    y = 2\n"
           "    return y\n")
    lengths = function_lengths(_package(tmp_path, {"m.py": src}))
    assert lengths == {"pkg/m.py::K.f": 3, "pkg/m.py::outer": 5, "pkg/m.py::outer.inner": 2}
