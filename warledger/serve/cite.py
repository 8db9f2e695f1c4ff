"""An incident cited in a report, in one block of plain text the incident page copies in one step: its stable id and
link with the version cited, when and where, who against whom, each figure with the report words it rests on, and
every source (name, report id, date, address).  A figure an analyst corrected says so; what the ledger does not know
is said, never filled in."""
from __future__ import annotations

from typing import Any

from warledger.record import COUNT_CATEGORIES

Rec = dict[str, Any]


def fmt_range(r: Any) -> str:
    """{"low": 126, "best": None, "high": None} -> "more than 125" style text an analyst reads at a glance."""
    if not isinstance(r, dict):
        return "" if r is None else str(r)
    lo, best, hi = r.get("low"), r.get("best"), r.get("high")
    if lo is not None and lo == best == hi:
        return str(best)
    if best is not None and lo is None and hi is None:
        return f"about {best}"
    if lo is not None and hi is None:
        return f"at least {lo}" + (f" (best {best})" if best is not None and best != lo else "")
    if lo is None and hi is not None:
        return f"at most {hi}" + (f" (best {best})" if best is not None else "")
    return f"{lo}-{hi}" + (f" (best {best})" if best is not None else "")


def _quotes(line: Rec, field: str) -> str:
    said = [f"\u201c{e.get('text')}\u201d ({e.get('report_id')})" for e in line.get("evidence") or []
            if e.get("field") == field and e.get("text")]
    return " \u2014 " + "; ".join(dict.fromkeys(said)) if said else ""


def _figures(line: Rec) -> list[str]:
    reviewed = set(line.get("reviewed_fields") or [])
    out = []
    for section in ("killed", "injured"):
        for cat in COUNT_CATEGORIES:
            value = (line.get(section) or {}).get(cat)
            if value is None:
                continue
            field = f"{section}.{cat}"
            by = " (corrected by an analyst)" if field in reviewed else ""
            out.append(f"  {section} ({cat}): {fmt_range(value)}{by}{_quotes(line, field)}")
    return out or ["  killed, injured: not stated in the reports"]


def citation(line: Rec, base_url: str) -> str:
    """The text the page's "Copy the citation" button copies."""
    place = ", ".join(str(v) for v in dict.fromkeys(
        line.get(k) for k in ("location", "admin2", "admin1", "country")) if v) or "place not known"
    when = line.get("event_date") or "date not known"
    rng = line.get("date_range")
    if rng and rng[0] != rng[-1]:
        when = f"between {rng[0]} and {rng[-1]}"
    who = line.get("actor1") or "perpetrator not named"
    if line.get("actor2"):
        who += f" against {line['actor2']}"
    kind = line.get("sub_event_type") or line.get("event_type") or "event"
    lines = [f"warledger incident {line['incident_id']} (version {line.get('version', 0)}, "
             f"{line.get('review_state') or 'unreviewed'}): {base_url.rstrip('/')}/incidents/{line['incident_id']}",
             f"  {kind}, {when}{_quotes(line, 'event_date')}, {place}{_quotes(line, 'location')}", f"  {who}"]
    lines += _figures(line)
    lines.append(f"  sources ({len(line.get('sources') or [])}):")
    for s in line.get("sources") or []:
        bits = [s.get("source") or "source not named", f"report {s.get('report_id')}",
                f"published {s['published']}" if s.get("published") else "publication date not known"]
        if str(s.get("url") or "").lower().startswith(("http://", "https://")):   # a web address only, never a script
            bits.append(str(s["url"]))
        lines.append("    - " + ", ".join(bits))
    return "\n".join(lines)
