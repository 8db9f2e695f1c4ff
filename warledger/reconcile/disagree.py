"""Merged reports that state a figure differently: a W-REPORTS-DISAGREE naming the figure's field and each report's
figure.  The ledger keeps the widest range (:func:`warledger.reconcile.merge.merge_ranges`); an analyst who picks
the figure that holds, a correction of that field, answers the problem (:data:`warledger.errors.PROBLEM_CODES`)."""
from __future__ import annotations

from typing import Any, Optional, Sequence

from warledger.record import COUNT_CATEGORIES

Rec = dict[str, Any]


def range_words(r: Rec) -> str:
    """{"low": 3, "best": 4, "high": 5} -> "3-4-5"; one figure -> "4" (the grammar `warledger correct` reads)."""
    vals = [r.get(k) for k in ("low", "best", "high")]
    if len(set(vals)) == 1 and vals[0] is not None:
        return str(vals[0])
    return "-".join("?" if v is None else str(v) for v in vals)


def _report_figure(ranges: list[Optional[Rec]]) -> Optional[Rec]:
    """One report's figure among its records in the incident: the one with the largest best (the first on ties)."""
    known = [r for r in ranges if r and any(r.get(k) is not None for k in ("low", "best", "high"))]
    return max(known, key=lambda r: r.get("best") or r.get("low") or 0) if known else None


def figures_disagree(recs: Sequence[Rec], problems: list[str]) -> None:
    """Append a W-REPORTS-DISAGREE to ``problems`` for each figure (killed or injured, by category) two of the
    merged records' reports state differently; a report that states no figure does not disagree."""
    for section in ("killed", "injured"):
        for cat in COUNT_CATEGORIES:
            by_report: dict[str, list[Optional[Rec]]] = {}
            for r in recs:
                by_report.setdefault(str(r["report_id"]), []).append((r.get(section) or {}).get(cat))
            words = {rid: range_words(f) for rid, ranges in by_report.items()
                     if (f := _report_figure(ranges)) is not None}
            if len(set(words.values())) > 1:
                problems.append(f"W-REPORTS-DISAGREE: reports disagree on {section}.{cat}: " + "; ".join(
                    f"{w} ({', '.join(rid for rid in words if words[rid] == w)})"
                    for w in dict.fromkeys(words.values())))
