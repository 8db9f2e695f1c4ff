"""Every problem carries a stable code and words ("W-XYZ: what and why"), and every code is documented.

Two checks: a static one over the source of the stages that write problems (each string a problem-making call is
given must open with a code, or with a ``*_CODE`` constant), and a run of the whole pipeline over the built-in
example bulletins and invented reports written to reach many of the problems (no dates, no publication date,
vague counts, tallies, Arabic text, places the gazetteer lacks)."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Iterator, Optional

import pytest

import warledger
from warledger.geocode import default_geocoder
from warledger.pipeline import process
from warledger.record import Report

ROOT = Path(warledger.__file__).resolve().parent
CODE = re.compile(r"^[WE]-[A-Z0-9]+(?:-[A-Z0-9]+)*: \S")
# the stages whose problems reach a report's, a record's or an incident's ``problems`` or a claim check's message
# (evaluate/ builds the serve benchmark's ledger)
STAGES = ["extract", "geocode", "theatre", "ingest", "pipeline.py", "record.py", "reconcile", "store", "export",
          "cluster", "evaluate"]


def documented_codes() -> set[str]:
    text = (ROOT.parent / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return set(re.findall(r"`([WE]-[A-Z0-9-]+)`", text))


def _sources() -> Iterator[Path]:
    for stage in STAGES:
        p = ROOT / stage
        yield from ([p] if p.is_file() else sorted(p.rglob("*.py")))


def _opening(node: ast.expr) -> Optional[list[str]]:
    """How each string ``node`` can give opens: literal text, or "{NAME}" for a leading formatted name; None when
    ``node`` is no string expression the check can read (a variable: the run below checks those)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return [first.value]
        if isinstance(first, ast.FormattedValue) and isinstance(first.value, ast.Name):
            return ["{%s}" % first.value.id]
        return [""]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _opening(node.left)
    if isinstance(node, ast.IfExp):
        return (_opening(node.body) or []) + (_opening(node.orelse) or [])
    if isinstance(node, ast.BoolOp):
        return [o for v in node.values for o in (_opening(v) or [])]
    return None


def _names_problems(node: ast.expr) -> bool:
    """True for an expression naming a problems list: ``problems``, ``….problems``, ``…["problems"]``,
    ``….setdefault("problems", …)``."""
    if isinstance(node, ast.Name):
        return node.id.endswith("problems")
    if isinstance(node, ast.Attribute):
        return node.attr.endswith("problems")
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "problems"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "setdefault":
        return bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value == "problems"
    return False


def _listed(value: ast.expr) -> Iterator[ast.expr]:
    """The elements of the list displays in ``value`` (``[x]``, ``old + [x]``, ``[x] if x else []``)."""
    for node in ast.walk(value):
        if isinstance(node, ast.List):
            yield from node.elts


def _made_problems(tree: ast.AST) -> Iterator[tuple[int, ast.expr]]:
    """The expressions given to problem-making calls: ``….problems.append(x)``, ``problems.append(x)``,
    ``….problems.insert(i, x)``, ``rec.setdefault("problems", []).append(x)``, the list elements of
    ``problems=[x, …]`` or ``problems=old + [x]`` and of an assignment to a problems list, and the words of
    ``Quantity(None, x)``."""
    for node in ast.walk(tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_names_problems(t) for t in targets):
                yield from ((node.lineno, e) for e in _listed(node.value))
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr in ("append", "insert") and node.args and _names_problems(f.value):
            yield node.lineno, node.args[-1]
        if isinstance(f, ast.Name) and f.id == "Quantity" and len(node.args) == 2:
            yield node.lineno, node.args[1]
        for kw in node.keywords:
            if kw.arg == "problems" and isinstance(kw.value, (ast.List, ast.BinOp)):
                yield from ((node.lineno, e) for e in _listed(kw.value))


def test_every_problem_made_in_the_source_opens_with_a_code() -> None:
    bad = []
    for path in _sources():
        for line, expr in _made_problems(ast.parse(path.read_text(encoding="utf-8"))):
            for opening in _opening(expr) or []:
                if not (CODE.match(opening) or re.match(r"^[WE]-[A-Z0-9-]+: ?$", opening)
                        or re.match(r"^\{[A-Z_]*CODE\}", opening)):
                    bad.append(f"{path.relative_to(ROOT.parent)}:{line}: {opening[:60]!r}")
    assert not bad, "problems without a code (write 'W-XYZ: words'):\n" + "\n".join(bad)


def test_the_static_check_sees_an_uncoded_problem() -> None:
    tree = ast.parse('inc.problems.append(f"place {p!r} not found")\nres.problems.append("W-GEO-X: fine")')
    openings = [o for _, e in _made_problems(tree) for o in _opening(e) or []]
    assert openings == ["place ", "W-GEO-X: fine"] and not CODE.match(openings[0]) and CODE.match(openings[1])


def test_the_static_check_sees_problems_added_to_dicts_and_copies() -> None:
    src = ('rec.setdefault("problems", []).append("a")\n'
           'rec["problems"] = list(rec.get("problems") or []) + ["b"]\n'
           'rep = replace(rep, problems=rep.problems + ["c"])\n'
           'problems = ["d"] if bad else []\n'
           'other = ["not a problem"]\n')
    openings = [o for _, e in _made_problems(ast.parse(src)) for o in _opening(e) or []]
    assert sorted(openings) == ["a", "b", "c", "d"]


# invented reports: each reaches some problems (no date, a date with no year and no publication date, a relative
# date, vague and rising counts, a tally, a later paragraph recalling an earlier event, places no gazetteer has,
# an Arabic report without counts, an ACLED-style note)
INVENTED = [
    {"id": "p1", "text": "Shelling hit Kafr Wardiyeh village in the countryside of Idlib on June 12th, killing a "
                         "number of civilians and injuring several others. The toll is expected to rise."},
    {"id": "p2", "published": "2021-04-03", "text": "Yesterday warplanes struck near Tell Ghazal in the western "
                                                     "countryside of Aleppo. No casualties were reported."},
    {"id": "p3", "published": "2020-02-10", "text": "Since the start of the month, 40 civilians have been killed "
     "in air strikes on the southern countryside of Idlib.\n\nIn 2016, a strike on the town of Umm Dalil killed "
     "12 civilians, the monitor recalled."},
    {"id": "p4", "published": "2019-07-01", "text": "An explosive device went off in the village of Zor Hattab in "
                                                     "the countryside of Deir ez Zor, killing 3 men."},
    {"id": "p5", "text": "قصفت طائرات حربية بلدة كفر وردة في ريف إدلب الجنوبي"},
    {"id": "p6", "published": "not a date", "text": "Two children were killed by a landmine near Qasr Nadim today."},
    {"id": "p7", "published": "2018-05-30", "text": "On 31 February gunmen shot dead 2 men in Hamra Saghira, Hama; "
                                                     "scores of people were hurt in the days after."},
    {"id": "p8", "text": "Fatalities unknown. On 4 March 2019, clashes between two armed groups near Ain Hilwa in "
                         "Dara left an unknown number dead."},
]


def _reports() -> list[dict[str, object]]:
    bulletins = (ROOT / "examples" / "bulletins.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in bulletins if line.strip()] + INVENTED


@pytest.fixture(scope="module")
def problems() -> list[str]:
    geocoder = default_geocoder()
    out: list[str] = []
    for obj in _reports():
        published = obj.get("published")
        rep = Report(id=str(obj["id"]), text=str(obj["text"]), published=str(published) if published else None)
        rep = process(rep, geocoder=geocoder)
        out += rep.problems + [p for inc in rep.incidents for p in inc.problems]
    return out


def test_every_problem_of_a_run_has_a_documented_code(problems: list[str]) -> None:
    assert len(problems) >= 20  # the reports above reach many problems
    uncoded = [p for p in problems if not CODE.match(p)]
    assert not uncoded, f"problems without a code: {uncoded[:10]}"
    undocumented = {p.split(":")[0] for p in problems} - documented_codes()
    assert not undocumented, f"codes not listed in ARCHITECTURE.md: {sorted(undocumented)}"


# invented reports for the ledger: three tell one event (two name different attackers: the reports disagree; the
# third names its place only in a dateline: merged through the text's place); a bulletin's claim its parts do
# not add up to, and a count of strikes nothing checks, come from the reports above
LEDGER_INVENTED = [
    {"id": "L1", "published": "2021-05-04", "text": "On 3 May 2021 Russian warplanes struck the village of Kafr "
                                                    "Wardiyeh in the countryside of Idlib, killing 4 civilians."},
    {"id": "L2", "published": "2021-05-04", "text": "On 3 May 2021 regime warplanes struck the village of Kafr "
                                                    "Wardiyeh in the countryside of Idlib, killing 4 civilians."},
    {"id": "L3", "published": "2021-05-04", "text": "Kafr Wardiyeh, Idlib\n\nOn 3 May 2021 a Russian air strike "
                                                    "killed 4 civilians, local sources said."},
]


@pytest.fixture(scope="module")
def ledger_problems(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The problems a ledger stores after an ingest (records', incidents' and reports') and the messages of its
    claim checks that are not consistent; one report is a document in a Windows code page."""
    from warledger.ingest import read_reports
    from warledger.store import Ledger

    tmp = tmp_path_factory.mktemp("ledger")
    doc = tmp / "bulletin.txt"
    doc.write_bytes("Shelling hit Qasr Nadim village near Hama on 2 June 2020, killing 3 civilians (é).".encode("cp1252"))
    with Ledger(str(tmp / "ledger.db")) as ledger:
        ledger.ingest(_reports() + LEDGER_INVENTED + list(read_reports(doc, warn=lambda msg: None)),
                      geocoder=default_geocoder())
        out = [p for rec in ledger.records() for p in rec.get("problems") or []]
        out += [p for inc in ledger.incidents() for p in inc.get("problems") or []]
        out += [p for rep in ledger.reports() for p in ledger.report(rep["id"])["problems"]]
        out += [c["message"] for c in ledger.checks() if c["status"] != "consistent"]
    return out


def test_every_problem_a_ledger_stores_has_a_documented_code(ledger_problems: list[str]) -> None:
    codes = {p.split(":")[0] for p in ledger_problems if CODE.match(p)}
    # what reconcile and ingest add is reached: else the run checks less than it claims
    assert {"W-REPORTS-DISAGREE", "W-DEDUP-TEXT-PLACE", "W-CLAIM-MISMATCH", "W-CLAIM-UNCHECKED",
            "W-TEXT-ENCODING"} <= codes, sorted(codes)
    uncoded = [p for p in ledger_problems if not CODE.match(p)]
    assert not uncoded, f"problems or claim-check messages without a code: {uncoded[:10]}"
    undocumented = codes - documented_codes()
    assert not undocumented, f"codes not listed in ARCHITECTURE.md: {sorted(undocumented)}"


def test_every_code_in_the_source_is_documented() -> None:
    found: set[str] = set()
    for path in _sources():
        found |= set(re.findall(r"[\"'{ (]([WE]-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*)(?=[:\"'])", path.read_text(encoding="utf-8")))
    missing = found - documented_codes()
    assert not missing, f"codes used in the source but not listed in ARCHITECTURE.md: {sorted(missing)}"
