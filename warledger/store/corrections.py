"""Analysts' corrections as data: which fields can be corrected, how a value is checked, and how the
corrections of an incident are laid over what the machine read.

A correction never edits a stored record.  It is an append-only audit row (who, when, field, old value,
new value, reason, and the machine's value at that moment).  Whenever an incident is rebuilt from its
records, :func:`apply_corrections` lays the latest correction of each field over the merged machine
values, so the corrected value is what the API, the tallies and every export read.  When the machine's
value under a correction has changed since (a report re-extracted, another report merged in), the
incident gets a *conflict*: both values are kept and the incident goes back to the review queue.
"""
from __future__ import annotations

import math
import re
from datetime import date
from typing import Any, Optional

from warledger.errors import InputError, answering_fields, problem_code
from warledger.record import COUNT_CATEGORIES, early_day_problem, late_day_problem

Rec = dict[str, Any]

MAX_COUNT = 10_000_000  # a count above this is refused (beyond any single incident a report can state)
COUNT_FIELDS = frozenset({"strikes"} | {f"{s}.{c}" for s in ("killed", "injured") for c in COUNT_CATEGORIES})
TEXT_FIELDS = frozenset({"event_type", "sub_event_type", "weapon", "actor1", "actor2", "location", "admin1",
                         "admin2", "admin3", "country"})
OTHER_FIELDS = frozenset({"event_date", "latitude", "longitude", "geo_precision", "where_prec", "time_precision",
                          "fatalities"})
LIST_FIELDS = frozenset({"assoc_actor_1", "assoc_actor_2"})  # ACLED's associates of each side: names, "; " between
CORRECTABLE = COUNT_FIELDS | TEXT_FIELDS | OTHER_FIELDS | LIST_FIELDS


def _count(value: Any, field: str) -> Optional[dict[str, Optional[int]]]:
    """7 -> {7, 7, 7}; {"low": 6, "best": 7, "high": 9} checked; None clears the figure (unknown)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise InputError(f"{field}: a count is a whole number or {{'low', 'best', 'high'}}, not {value!r}")
    if isinstance(value, int):
        value = {"low": value, "best": value, "high": value}
    if not isinstance(value, dict) or not set(value) <= {"low", "best", "high"} or not value:
        raise InputError(f"{field}: a count is a whole number or an object with keys low, best, high")
    out: dict[str, Optional[int]] = {}
    for k in ("low", "best", "high"):
        v = value.get(k)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= MAX_COUNT):
            raise InputError(f"{field}.{k}: {v!r} is not a whole number between 0 and {MAX_COUNT:,}")
        out[k] = v
    known = [v for k in ("low", "best", "high") if (v := out[k]) is not None]
    if known != sorted(known):
        raise InputError(f"{field}: need low <= best <= high (got {out})")
    return out


def _names(value: Any, field: str) -> list[str]:
    """A list of actor names, given as a list or as one text with "; " between them (as ACLED writes them);
    None or an empty text: none."""
    if value is None:
        return []
    items = value.split(";") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise InputError(f"{field}: give names as a text with ';' between them, or a list of texts")
    names = list(dict.fromkeys(_plain(v.strip(), field) for v in items if v.strip()))
    if len(names) > 20 or any(len(n) > 300 for n in names):
        raise InputError(f"{field}: at most 20 names of at most 300 characters each")
    return names


# Unicode's bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): one in a name turns the
# rest of a CSV cell or a page's line around ("Trojan source"); the marks Arabic text needs (U+200E, U+200F) pass
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _plain(text: str, field: str) -> str:
    m = _BIDI_CONTROLS.search(text)
    if m is not None:
        raise InputError(f"{field}: the text holds a bidirectional control character (U+{ord(m.group()):04X}) that "
                         f"would reorder what follows it on a page or in a spreadsheet; write the name without it")
    return text


def check_value(field: str, value: Any) -> Any:
    """The value a correction of ``field`` stores, checked; a clear error for anything else."""
    if field not in CORRECTABLE:
        raise InputError(f"field {field!r} cannot be corrected: use one of {', '.join(sorted(CORRECTABLE))}")
    if field in COUNT_FIELDS:
        return _count(value, field)
    if field in LIST_FIELDS:
        return _names(value, field)
    if value is None:
        return None
    if field in TEXT_FIELDS:
        if not isinstance(value, str) or not value.strip() or len(value) > 300:
            raise InputError(f"{field}: give a non-empty text of at most 300 characters")
        return _plain(value.strip(), field)
    if field == "event_date":
        try:
            day = date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise InputError(f"event_date {value!r}: write YYYY-MM-DD") from None
        why = late_day_problem(day) or early_day_problem(day)
        if why is not None:
            raise InputError(f"event_date {value!r}: {why}")
        return day
    if field in ("latitude", "longitude"):
        limit = 90 if field == "latitude" else 180
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or abs(value) > limit:
            raise InputError(f"{field}: a number between -{limit} and {limit}")
        return float(value)
    if field in ("geo_precision", "time_precision"):
        if value not in (1, 2, 3):
            raise InputError(f"{field}: 1, 2 or 3 (ACLED's precision codes)")
        return value
    if field == "where_prec":
        if value not in range(1, 8) or isinstance(value, bool):
            raise InputError("where_prec: 1 to 7 (UCDP's precision codes)")
        return value
    # fatalities
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_COUNT:
        raise InputError(f"fatalities: a whole number between 0 and {MAX_COUNT:,}")
    return value


def get_field(line: Rec, field: str) -> Any:
    if "." in field:
        section, cat = field.split(".", 1)
        return (line.get(section) or {}).get(cat)
    return line.get(field)


def set_field(line: Rec, field: str, value: Any) -> None:
    if "." in field:
        section, cat = field.split(".", 1)
        block = dict(line.get(section) or {c: None for c in COUNT_CATEGORIES})
        block[cat] = value
        line[section] = block
    else:
        line[field] = value
    if field == "event_date" and value:
        line["date_range"] = [value, value]
        line["time_precision"] = line.get("time_precision") or 1


def _total_covers_parts(line: Rec, section: str) -> None:
    """A corrected civilian or fighter figure above the machine's total raises the total to their sum
    (a total below its own parts is never shown); a total that already covers them is kept."""
    block = dict(line.get(section) or {})
    total = block.get("total")
    parts = [(block.get(c) or {}).get("best") for c in ("civilians", "fighters")]
    need = sum(p for p in parts if p is not None)
    if total and (total.get("best") or 0) < need:
        block["total"] = {"low": max(total.get("low") or 0, need), "best": need,
                          "high": max(total.get("high") or need, need)}
        line[section] = block


ANSWERED_KEY = "answered_problems"   # the line's problems answered by a correction, with the correction that did


def _answering(problem: str, latest: dict[str, Rec]) -> Optional[Rec]:
    """The correction that answers ``problem`` (:data:`warledger.errors.PROBLEM_CODES` by its code; for a code
    answered by the field the problem names, that field): the latest of the corrections of any one of its fields,
    or of both fields of an "a+b" entry (the place: its name and its point), which is named by the correction of a
    (the name); a correction to "unknown" (None) answers nothing.  None when nothing answers it."""
    found: list[Rec] = []
    for spec in answering_fields(problem):
        corrs = [latest.get(f) for f in spec.split("+")]
        if all(c is not None and c.get("new_value") not in (None, []) for c in corrs):
            found.append(corrs[0] or {})
    return max(found, key=lambda c: c.get("seq") or 0) if found else None


def _answer_problems(line: Rec, latest: dict[str, Rec]) -> None:
    """Move the problems a correction answers from ``problems`` to ``answered_problems``, each with its code and the
    correction that answered it (field, value, who, when, its audit seq): kept, not deleted, and no longer counted
    as a problem (the review queue of incidents with problems stops listing an incident all of whose problems are
    answered; a place an analyst set is no longer drawn as the geocoder's guess)."""
    kept, answered = [], []
    for problem in line.get("problems") or []:
        corr = _answering(problem, latest)
        if corr is None:
            kept.append(problem)
            continue
        answered.append({"problem": problem, "code": problem_code(problem), "field": corr["field"],
                         "value": corr.get("new_value"), "who": corr.get("who"), "at": corr.get("at"),
                         "correction": corr.get("seq")})
    if answered:
        line["problems"] = kept
        line[ANSWERED_KEY] = answered
    else:
        line.pop(ANSWERED_KEY, None)


def effective(corrections: list[Rec]) -> dict[str, Rec]:
    """The correction in force per field (audit rows, oldest first): the latest one, except that a row whose
    ``data`` says ``{"reverts": SEQ}`` (an undo, :meth:`~warledger.store.Ledger.undo_correction`) takes correction
    SEQ back out, so the field falls back to the correction before it or, with none, to the machine's value (no
    longer corrected: the problems it answered are open again)."""
    stacks: dict[str, list[Rec]] = {}
    for corr in corrections:
        data = corr.get("data")
        reverts = data.get("reverts") if isinstance(data, dict) else None
        stack = stacks.setdefault(corr["field"], [])
        if reverts is not None:
            stack[:] = [c for c in stack if c.get("seq") != reverts]
        else:
            stack.append(corr)
    return {f: stack[-1] for f, stack in stacks.items() if stack}


def undos(corrections: list[Rec]) -> dict[str, Rec]:
    """Per grouped correction (a place pick) that stands undone, the first undo row against it: a revert row
    naming it (``{"reverts": SEQ, "undoes": group}``), or an undo stored before session 20 (a grouped correction
    ``{"group", "undoes"}``) while it is still in force; an old undo that was itself taken back out no longer
    counts, so the pick under it can be undone again."""
    standing = {c.get("seq") for c in effective(corrections).values()}
    found: dict[str, Rec] = {}
    for corr in corrections:
        data = corr.get("data")
        if not isinstance(data, dict):
            continue
        group = data.get("undoes")
        if isinstance(group, str) and ("reverts" in data or corr.get("seq") in standing):
            found.setdefault(group, corr)
    return found

def apply_corrections(line: Rec, corrections: list[Rec]) -> tuple[Rec, list[Rec]]:
    """Lay ``corrections`` (audit rows, oldest first: ``field``, ``new_value``, ``machine_value``, ``seq``)
    over a merged machine line.  Returns the corrected line and its conflicts: fields whose machine value
    is no longer the one the analyst corrected.  The line gains ``reviewed_fields`` and, when fatalities
    were not corrected themselves, fatalities follow a corrected killed figure."""
    from warledger.reconcile.merge import ACTOR_FIELDS, fatalities_of, names_for_day

    latest = effective(corrections)
    conflicts: list[Rec] = []
    for field, corr in latest.items():
        machine = get_field(line, field)
        if machine != corr.get("machine_value"):
            conflicts.append({"field": field, "machine_was": corr.get("machine_value"), "machine_now": machine,
                              "corrected": corr.get("new_value"), "correction": corr.get("seq")})
        set_field(line, field, corr.get("new_value"))
    for section in ("killed", "injured"):
        if any(f.startswith(section + ".") for f in latest) and f"{section}.total" not in latest:
            _total_covers_parts(line, section)
    if any(f.startswith("killed.") for f in latest) and "fatalities" not in latest:
        line["fatalities"] = fatalities_of(line.get("killed") or {}, line.get("killed_groups") or [])
    _answer_problems(line, latest)
    if "event_date" in latest:  # the machine's names follow the corrected day; an analyst's own names stay
        line.update(names_for_day(line, line.get("event_date"), [f for f in ACTOR_FIELDS if f not in latest]))
    line["reviewed_fields"] = sorted(latest)
    if conflicts:
        line["review_conflicts"] = conflicts
    else:
        line.pop("review_conflicts", None)
    return line, conflicts
