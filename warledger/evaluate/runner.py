"""Running an evaluation: read an evaluation file, run warledger (and the baseline) over it, score.

An evaluation file is JSON lines in the contract's input format plus a ``gold`` object per line.
The set kind is taken from the file name (``theatres``, ``acled``, ``airwars``, ``case``, ``places``) or, failing
that, from the shape of the first gold object.  A set may be cut to its first N lines (``limit``) and
then to one half (``half``: tune or check, see :mod:`warledger.evaluate.halves`); a whole set is also
scored on each half, from the same outputs.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

from warledger.errors import InputError
from warledger.evaluate.baseline import baseline_place, baseline_report
from warledger.evaluate.halves import HALVES, in_half
from warledger.evaluate.scoring import SCORERS, Line, SetScore, score_pairs
from warledger.record import Report

KINDS = ("acled", "theatres", "airwars", "case", "places")
_PART = re.compile(r"#part\d+$")
# Output fields kept for scoring and error listings (evidence is dropped to keep memory small).
_DROP_KEYS = ("evidence",)


@dataclass
class EvalSet:
    path: Path
    kind: str
    lines: list[Line]
    label: str = ""
    half: Optional[str] = None      # the set was cut to this half (tune or check)

    @property
    def name(self) -> str:
        return self.label or (f"{self.path.name} ({self.half} half)" if self.half else self.path.name)

    def halved(self, half: str) -> "EvalSet":
        """The same set cut to one half."""
        return EvalSet(self.path, self.kind, in_half(self.lines, half), half=half)


@dataclass
class SetRun:
    """One set evaluated: warledger's and the baseline's scores, and the outputs behind them."""

    evalset: EvalSet
    system: SetScore
    baseline: SetScore
    system_pred: list[Line] = field(default_factory=list)
    baseline_pred: list[Line] = field(default_factory=list)
    seconds: float = 0.0
    # a whole set's scores on each half, from the same outputs: half -> (warledger, baseline)
    halves: dict[str, tuple[SetScore, SetScore]] = field(default_factory=dict)


def detect_kind(path: Path, first: Optional[Line]) -> str:
    name = path.name.lower()
    if "places" in name:
        return "places"
    for k in ("theatres", "acled", "airwars", "case"):
        if k in name:
            return k
    gold = (first or {}).get("gold") or {}
    if "label" in gold:
        return "case"
    if "incidents" in gold:
        return "airwars"
    if "fatalities" in gold and "country" in gold and "event_type" in gold:
        return "theatres"
    if "fatalities" in gold:
        return "acled"
    if "latitude" in gold and "place" in (first or {}):
        return "places"
    raise InputError(f"{path}: cannot tell which evaluation set this is; name the file after its kind "
                     f"(acled, theatres, airwars, case, places) or give gold objects in one of those shapes")


def load_evalset(path: str | Path, limit: Optional[int] = None, kind: Optional[str] = None,
                 half: Optional[str] = None) -> EvalSet:
    """Read up to ``limit`` gold lines from ``path`` (a bad line is an error naming file and line), then
    keep those of ``half`` (tune or check) when given."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such evaluation file (give a .jsonl file of reports with a \"gold\" object "
                         f"per line, e.g. ../shared/data/eval/acled_notes_dev.jsonl)")
    lines: list[Line] = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path} line {n}: not valid JSON ({exc.msg}); fix or remove the line") from exc
            if not isinstance(obj, dict) or "id" not in obj or not isinstance(obj.get("gold"), dict):
                raise InputError(f"{path} line {n}: an evaluation line needs an \"id\" and a \"gold\" object")
            lines.append(obj)
            if limit is not None and len(lines) >= limit:
                break
    k = kind or detect_kind(path, lines[0] if lines else None)
    if k not in KINDS:
        raise InputError(f"{path}: unknown set kind {k!r}; use one of {', '.join(KINDS)}")
    es = EvalSet(path, k, lines)
    return es.halved(half) if half else es


def _progress(items: Iterable[Any], total: int, desc: str, quiet: bool) -> Iterable[Any]:
    if quiet:
        return items
    try:
        from tqdm import tqdm
    except ImportError:  # tqdm is a dependency, but a progress bar is never worth a crash
        return items
    return tqdm(items, total=total, desc=desc, unit="report", file=sys.stderr, leave=False, disable=None)


def reports_of(evalset: EvalSet) -> Iterator[Report]:
    """The set's lines as pipeline reports, read by warledger's own reader (gold is ignored)."""
    raw = (json.dumps({k: v for k, v in line.items() if k != "gold"}, ensure_ascii=False) for line in evalset.lines)
    try:
        from warledger.ingest.reader import read_jsonl
    except ImportError:
        for n, line in enumerate(evalset.lines, 1):
            yield Report(id=str(line["id"]), text=line.get("text") or "", published=line.get("published"),
                         source=line.get("source"), language=line.get("language"), line=n, origin=str(evalset.path))
        return
    yield from read_jsonl(raw, str(evalset.path), warn=lambda msg: None)


def _slim(rec: dict[str, Any], report_id: str) -> Line:
    out = {k: v for k, v in rec.items() if k not in _DROP_KEYS}
    out["report_id"] = report_id
    return out


def predict_warledger(evalset: EvalSet, geocoder: Any = None, quiet: bool = False) -> list[Line]:
    """warledger's output lines for the set, produced in-process (one report at a time)."""
    from warledger.geocode import default_geocoder

    geocoder = geocoder if geocoder is not None else default_geocoder()
    out: list[Line] = []
    if evalset.kind == "places":
        for line in _progress(evalset.lines, len(evalset.lines), f"warledger {evalset.name}", quiet):
            gov, alt = line.get("governorate"), line.get("place_ar")
            out.append(place_line(str(line["id"]), line.get("place") or "", gov if isinstance(gov, str) else None,
                                  geocoder, alt if isinstance(alt, str) else None))
        return out
    from warledger.pipeline import process

    for report in _progress(reports_of(evalset), len(evalset.lines), f"warledger {evalset.name}", quiet):
        rid = _PART.sub("", report.id)
        process(report, geocoder)
        out.extend(_slim(rec, rid) for rec in report.records())
    return out


def place_line(pid: str, phrase: str, governorate: Optional[str], geocoder: Any,
               alternate: Optional[str] = None) -> Line:
    """The contract's geocode output line for one place phrase (as ``warledger geocode`` writes it:
    the Arabic spelling, when given, is tried as an alternate)."""
    try:
        if hasattr(geocoder, "resolution"):
            r = geocoder.resolution(phrase, governorate, alternate)
            problems = list(getattr(r, "problems", []) or [])
        else:
            r, problems = geocoder.resolve(phrase, governorate), []
    except Exception as exc:  # one bad phrase never stops a run
        return {"id": pid, "location": None, "latitude": None, "longitude": None,
                "problems": [f"E-GEOCODE-FAILED: geocoding failed: {type(exc).__name__}: {exc}"]}
    return {"id": pid, "location": r.location, "admin1": r.admin1, "admin2": r.admin2, "admin3": r.admin3,
            "latitude": r.latitude, "longitude": r.longitude, "geo_precision": r.geo_precision,
            "problems": problems}


def predict_baseline(evalset: EvalSet) -> list[Line]:
    if evalset.kind == "places":
        return [baseline_place(str(g["id"]), g.get("place") or "", g.get("governorate")) for g in evalset.lines]
    out: list[Line] = []
    for g in evalset.lines:
        out.extend(baseline_report(str(g["id"]), g.get("text") or ""))
    return out


def run_set(evalset: EvalSet, geocoder: Any = None, quiet: bool = False, halves: bool = True) -> SetRun:
    """Run warledger and the baseline over the set and score both; a whole set (not already cut to a
    half) is also scored on each half when ``halves`` (each report is extracted once)."""
    import time

    t0 = time.perf_counter()
    pred = predict_warledger(evalset, geocoder, quiet)
    seconds = time.perf_counter() - t0
    base = predict_baseline(evalset)
    scorer: Callable[[list[Line], Iterable[Line]], SetScore] = SCORERS[evalset.kind]
    run = SetRun(evalset, scorer(evalset.lines, pred), scorer(evalset.lines, base), pred, base, seconds)
    if halves and evalset.half is None:
        for half in HALVES:
            gold = in_half(evalset.lines, half)
            ids = {str(g["id"]) for g in gold}
            run.halves[half] = (scorer(gold, [p for p in pred if _line_id(p) in ids]),
                                scorer(gold, [p for p in base if _line_id(p) in ids]))
    return run


def _line_id(p: Line) -> str:
    return str(p.get("report_id", p.get("id")))


# ------------------------------------------------------------------------------------ cross-report dedup
def dedup_gold(evalset: EvalSet) -> list[list[str]]:
    """Per Airwars incident, the ids of the texts linked to it (a text may be linked to several)."""
    by: dict[str, list[str]] = defaultdict(list)
    for g in evalset.lines:
        for inc in g["gold"].get("incidents") or []:
            if inc.get("airwars_id"):
                by[str(inc["airwars_id"])].append(str(g["id"]))
    return list(by.values())


def dedup_score(gold: list[list[str]], groups: list[list[str]]) -> SetScore:
    """Pairwise scores, through the reconcile stage's own measure when it is there (so the ledger's
    developers and this harness count the same pairs), else :func:`score_pairs`."""
    mine = score_pairs(gold, groups)
    try:
        from warledger.reconcile.dedup import pairwise_scores
    except ImportError:
        return mine
    theirs = pairwise_scores(gold, groups)
    for key, metric in (("precision", "pair_precision"), ("recall", "pair_recall"), ("f1", "pair_f1")):
        mine.metrics[metric].value_override = theirs[key]
    return mine


def run_dedup(evalset: EvalSet, quiet: bool = False) -> tuple[Optional[SetScore], str]:
    """Pairwise dedup scores over the set's texts, ingested into a fresh ledger (a temporary SQLite
    file).  Returns (None, why) while the ledger (warledger.store.Ledger) is not available."""
    try:
        from warledger.store import Ledger
    except ImportError as exc:
        return None, f"skipped: the ledger is not available yet ({exc})"
    gold = dedup_gold(evalset)
    scored = {r for c in gold for r in c}
    if not any(len(c) > 1 for c in gold):
        return None, "skipped: no two texts share an Airwars incident in this selection"
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        try:
            ledger = Ledger(str(Path(tmp) / "eval.db"))
            try:
                reports = [r for r in reports_of(evalset) if _PART.sub("", r.id) in scored]
                ledger.ingest(_progress(reports, len(reports), "ledger dedup", quiet))
                groups = [[_PART.sub("", str(rid)) for rid in (row.get("reports") or [])]
                          for row in ledger.incidents()]
            finally:
                ledger.close()
        except Exception as exc:  # the ledger is another stage's work in progress
            return None, f"skipped: the ledger failed ({type(exc).__name__}: {exc})"
    return dedup_score(gold, groups), (f"{len(scored)} texts linked to Airwars incidents; a pair is two texts "
                                       f"in one ledger incident")


def group_ids(pred: Iterable[Line]) -> dict[str, list[Line]]:
    out: dict[str, list[Line]] = defaultdict(list)
    for p in pred:
        out[_line_id(p)].append(p)
    return out
