"""Printing evaluation results: score tables (markdown), worst cases, the CASE confusion table, and
rewriting a marked section of BENCHMARKS.md."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Optional

from warledger.evaluate.halves import half_of
from warledger.evaluate.runner import SetRun, group_ids
from warledger.evaluate.scoring import SetScore

_SET_TITLES = {"acled": "ACLED notes", "theatres": "ACLED notes of any country", "airwars": "Airwars texts", "case": "CASE 2021 Task 2",
               "places": "Airwars places", "dedup": "Cross-report dedup"}
_COUNTLESS = {"weighted_f1", "macro_f1", "pair_f1"}


def _cell(score: SetScore, metric: str) -> tuple[str, str]:
    m = score.metrics[metric]
    if metric in _COUNTLESS:
        return f"{m.value:.3f}", f"n={m.scored}"
    return f"{m.value:.3f}", f"{m.right}/{m.scored}"


def set_table(run: SetRun) -> str:
    """The set's scores beside the baseline's; for a whole set, also warledger's on each half
    (tune | check, see :mod:`warledger.evaluate.halves`)."""
    es = run.evalset
    halves = "".join(f", {h} {s.n}" for h, (s, _) in run.halves.items())
    head = (f"#### {_SET_TITLES[es.kind]}: `{es.name}` ({len(es.lines)} lines, "
            f"{run.system.n} scored{halves}; warledger {run.seconds:.1f} s)\n\n")
    names = ["warledger"] + [f"{h} half" for h in run.halves] + ["baseline"]
    rows = ["| metric | " + " | ".join(f"{n} | right/scored" for n in names) + " |",
            "|---|" + "---:|---:|" * len(names)]
    for k in run.system.metrics:
        scores = [run.system] + [s for s, _ in run.halves.values()] + [run.baseline]
        rows.append(f"| {k} | " + " | ".join(" | ".join(_cell(s, k)) for s in scores) + " |")
    table = head + "\n".join(rows) + "\n"
    return table + ("\n" + group_table(run) if run.system.groups else "")


def group_table(run: SetRun) -> str:
    """warledger's scores per group of lines (per country, for theatres): one row per group and part
    (the whole set, then each half when the set was not cut to one), one column per metric."""
    parts = [("whole" if run.evalset.half is None else f"{run.evalset.half} half", run.system)]
    parts += [(f"{h} half", s) for h, (s, _) in run.halves.items()]
    metrics = list(run.system.metrics)
    rows = ["Per country (warledger):\n", "| country | part | n | " + " | ".join(metrics) + " |",
            "|---|---|---:|" + "---:|" * len(metrics)]
    for group in run.system.groups:
        for part, score in parts:
            g = score.groups.get(group)
            if g is None:
                continue
            rows.append(f"| {group} | {part} | {g.n} | " + " | ".join(f"{g.metrics[k].value:.3f}" for k in metrics) + " |")
    return "\n".join(rows) + "\n"


def dedup_table(score: Optional[SetScore], note: str, name: str,
                halves: Optional[dict[str, Optional[SetScore]]] = None) -> str:
    """Pairwise dedup scores; ``halves``: the same measured on each half's texts alone (a pair counts
    when both its texts are in the half)."""
    head = f"#### {_SET_TITLES['dedup']}: `{name}`\n\n"
    if score is None:
        return head + f"_{note}_\n"
    cols = [("warledger", score)] + [(f"{h} half", s) for h, s in (halves or {}).items()]
    rows = ["| metric | " + " | ".join(f"{n} | right/scored" for n, _ in cols) + " |",
            "|---|" + "---:|---:|" * len(cols)]
    for k in score.metrics:
        rows.append(f"| {k} | " + " | ".join(" | ".join(_cell(s, k)) if s is not None else "– | –"
                                           for _, s in cols) + " |")
    return head + f"_{note}_\n\n" + "\n".join(rows) + "\n"


def confusion_table(score: SetScore) -> str:
    """Rows: gold CASE label; columns: warledger's label (first record); cells: counts."""
    conf = score.confusion or {}
    gold = sorted({a for a, _ in conf})
    got = sorted({b for _, b in conf})
    rows = ["| gold \\ warledger | " + " | ".join(got) + " |", "|---|" + "---:|" * len(got)]
    for a in gold:
        rows.append(f"| {a} | " + " | ".join(str(conf.get((a, b), "")) for b in got) + " |")
    return "\n".join(rows) + "\n"


def _short(value: Any, width: int) -> str:
    s = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= width else s[: width - 1] + "…"


def worst_cases(run: SetRun, n: int, width: int = 300) -> str:
    """The ``n`` worst failures per metric: id, text (truncated), gold and warledger's output.  Only
    tune-half lines are shown: check-half lines are only scored, never read."""
    texts = {str(g["id"]): (g.get("text") or g.get("place") or "") for g in run.evalset.lines}
    outputs = group_ids(run.system_pred)
    parts: list[str] = []
    for k, m in run.system.metrics.items():
        failures = [c for c in m.failures if half_of(c.id) == "tune"]
        if not failures or k in ("weighted_f1", "macro_f1"):
            continue
        worst = sorted(failures, key=lambda c: -c.badness)[:n]
        parts.append(f"--- {run.evalset.name} · {k}: {len(failures)} wrong in the tune half, worst {len(worst)} ---")
        for c in worst:
            parts.append(f"[{c.id}] text:   {_short(texts.get(c.id, ''), width)}")
            parts.append(f"    gold:   {_short(c.gold, width)}")
            parts.append(f"    output: {_short(c.got, width)}"
                         + ("" if outputs.get(c.id) else "   (no output line)"))
    return "\n".join(parts) + ("\n" if parts else "")


BEGIN = "<!-- warledger {what}: begin (rewritten by `warledger {what} --out`) -->"
END = "<!-- warledger {what}: end -->"


def rewrite_section(path: str | Path, what: str, body: str) -> None:
    """Replace the marked ``what`` section of ``path`` with ``body`` (appended when absent)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    begin, end = BEGIN.format(what=what), END.format(what=what)
    block = f"{begin}\n{body.rstrip()}\n{end}"
    pat = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.S)
    if pat.search(text):
        text = pat.sub(lambda _: block, text)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
