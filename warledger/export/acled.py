"""ACLED CSV: ACLED's 31 columns, one row per ledger line.

Conventions (ACLED codebook, and ACLED's API as it writes its CSV since 2024): ``event_date`` is yyyy-mm-dd;
``inter1``, ``inter2`` and ``interaction`` are words ("State forces", "State forces-Civilians", "Rebel group
only": ``data/acled_inter.tsv``), ``inter2`` empty when there is no second actor; every row has an ``event_date``
and ``year``; an incident known only as a
range of days is dated by the range's middle with ``time_precision`` 2 (up to a week) or 3 (longer), see
:func:`warledger.record.representative_date`.  ``fatalities`` is 0 when no figure is known (the notes
then say "Fatalities unknown.").  State forces carry the ACLED period that contains the event's date.
Columns the ledger does not know stay empty (``country`` included: it never defaults to a country).
``assoc_actor_1``/``assoc_actor_2`` are the backers and partners extraction read for each side ("regime forces
supported by pro-regime militias", "Turkey-backed factions": :func:`warledger.extract.actors.associates`).
``source_scale`` is the scales the input reports state (a report line's ``"source_scale"``), joined with "-" as
ACLED joins them; warledger keeps no scale table of its own (ACLED assigns a scale to each source it uses and
publishes no such table), so it is empty for reports that state none.
``timestamp`` is, as in ACLED's data, when the row last changed (Unix seconds): a ledger line's ``last_modified``
(:func:`warledger.store.ledger.last_modified_columns`: the latest ingest of its reports or audit row on it), so two
exports of an unchanged ledger agree and a correction moves only its incident's; lines that come from no ledger
take the export's time.
"""
from __future__ import annotations

import calendar
import hashlib
import re
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from warledger.export.common import (Rec, When, blank, country_facts, country_name, csv_line, joined, sources,
                                     table_leaves_out, when)
from warledger.export.naming import inter_code, inter_label, interaction_label, period_name
from warledger.record import CROWD_EVENT_TYPES, CROWD_FIELD, tally_value

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

DISORDER_TSV = Path(__file__).resolve().parent.parent / "data" / "acled_disorder.tsv"


_DISORDER_COLUMNS = ("event_type", "sub_event_type", "disorder_type", "civilian_targeting")


@lru_cache(maxsize=1)
def _disorder() -> dict[tuple[str, str], str]:
    from warledger.theatre import table_rows

    return {(e, s): d for _, (e, s, d, _t) in table_rows(DISORDER_TSV, _DISORDER_COLUMNS)}


@lru_cache(maxsize=1)
def _targeting() -> frozenset[tuple[str, str]]:
    from warledger.theatre import table_rows

    return frozenset((e, s) for _, (e, s, _d, t) in table_rows(DISORDER_TSV, _DISORDER_COLUMNS) if t == "yes")


def civilian_targeting(inc: Rec, inter2: Optional[int]) -> str:
    """ACLED's "Civilian targeting": civilians (actor type 7) as the second actor of a sub-event type the codebook
    lets target them (``data/acled_disorder.tsv``); never on a battle, a demonstration or a strategic development."""
    pair = (inc.get("event_type") or "", inc.get("sub_event_type") or "")
    return "Civilian targeting" if inter2 == 7 and pair in _targeting() else ""


def disorder_type(event_type: Optional[str], sub_event_type: Optional[str]) -> str:
    """ACLED's disorder type of an event and sub-event type (``data/acled_disorder.tsv``); "" when unknown."""
    table = _disorder()
    return table.get((event_type or "", sub_event_type or "")) or table.get((event_type or "", "*"), "")


NO_ACLED_TYPE = ("with no event type and sub-event type that ACLED's codebook pairs (ACLED gives every event one "
                 "of its 25 sub-event types)")


def acled_leaves_out(inc: Rec) -> Optional[str]:
    """Why ACLED's table cannot hold the line: no date or point (:func:`table_leaves_out`), or no event and sub-event
    type of the codebook (a line no report let extraction type has none, and an empty event_type, sub_event_type
    and disorder_type is no ACLED row); None when it can."""
    if not disorder_type(inc.get("event_type"), inc.get("sub_event_type")):
        return NO_ACLED_TYPE
    return table_leaves_out(inc)


# ACLED's names for an actor1 no report names (its codebook codes an unidentified perpetrator, never none): the
# crowd of a protest or a riot, else an unidentified armed group; with the event's country in brackets
_UNNAMED_ACTOR1 = {"Protests": "Protesters", "Riots": "Rioters"}
_UNIDENTIFIED = "Unidentified Armed Group"
# ICAO 9303 reserves XXX for "unspecified": the prefix of an event id whose country is not known
UNKNOWN_ISO3 = "XXX"


# an id in ACLED's own form (ISO alpha-3, then digits): a coded row read from an ACLED CSV keeps it
_ACLED_ID = re.compile(r"^[A-Z]{3}\d{1,12}$")


def acled_event_id(inc: Rec) -> str:
    """A stable ACLED-style id: an incident of one report whose id is in ACLED's form (a row read from an ACLED
    CSV, :mod:`warledger.ingest.acled_csv`) keeps that id; else ISO alpha-3 of the country plus digits derived
    from the incident id."""
    reports = inc.get("reports") or []
    if len(reports) == 1 and _ACLED_ID.match(str(reports[0])):
        return str(reports[0])
    digits = int(hashlib.sha1(str(inc["incident_id"]).encode()).hexdigest()[:12], 16) % 10**10
    facts = country_facts(inc.get("country"))
    return f"{facts.iso3 if facts and facts.iso3 else UNKNOWN_ISO3}{digits}"


def _when_phrase(inc: Rec, w: Optional[When] = None) -> str:
    w = w if w is not None else when(inc)
    if w.day is None:
        return "On an unknown date"
    if w.has_range and w.start is not None and w.end is not None and w.start != w.end:
        return f"Between {w.start.day} {w.start.strftime('%B %Y')} and {w.end.day} {w.end.strftime('%B %Y')}"
    return f"On {w.day.day} {w.day.strftime('%B %Y')}"


def generated_notes(inc: Rec, actor1: Optional[str] = None, w: Optional[When] = None) -> str:
    """ACLED-style notes written from the coded fields (never copied from a report); ``w``: the line's
    :func:`when`, when the caller has it."""
    who = actor1 or inc.get("actor1") or "an unidentified actor"
    what = (inc.get("sub_event_type") or inc.get("event_type") or "event").lower()
    where = ", ".join(x for x in (inc.get("location") or inc.get("place_phrase"), inc.get("admin2"),
                                  inc.get("admin1")) if x) or "an unknown place"
    s = f"{_when_phrase(inc, w)}, {who}: {what}"
    if inc.get("weapon"):
        s += f" ({inc['weapon']})"
    s += f" in {where}."
    k = inc.get("killed") or {}
    one = {"civilians": "civilian", "children": "child", "women": "woman", "fighters": "fighter"}
    parts = [f"{n} {one[c] if n == 1 else c}" for c in ("civilians", "children", "women", "fighters")
             if (n := tally_value(k.get(c))) is not None]
    if inc.get("fatalities") is not None:
        s += f" {inc['fatalities']} killed" + (f" ({', '.join(parts)})" if parts else "") + "."
    else:
        ceiling = (k.get("total") or k.get("civilians") or {}).get("high")
        s += f" Fatalities unknown (up to {ceiling} killed)." if ceiling else " Fatalities unknown."
    inj = (inc.get("injured") or {}).get("total") or (inc.get("injured") or {}).get("civilians")
    if tally_value(inj) is not None:
        s += f" {tally_value(inj)} injured."
    for dmg in inc.get("damage") or []:
        s += f" {str(dmg.get('object')).capitalize()} {dmg.get('effect') or 'damaged'}."
    n = len(inc.get("reports") or [])
    s += f" [{n} report{'s' if n != 1 else ''}]"
    if inc.get("event_type") in CROWD_EVENT_TYPES:   # ACLED's notes close with the crowd's size
        s += f" [size={crowd_size(inc) or 'no report'}]"
    return s


def _assoc(value: Any, day: Any) -> str:
    names = [value] if isinstance(value, str) else list(value or [])
    return joined([period_name(str(a), day) for a in names if a]) or ""


def _source_scale(inc: Rec) -> str:
    """The line's own ``source_scale``, else the scales its reports carry, joined as ACLED joins them."""
    if inc.get("source_scale"):
        return str(joined(inc["source_scale"], "-") or "")
    return joined([h.get("source_scale") for h in inc.get("per_report") or []], "-") or ""


def unnamed_actor1(inc: Rec, country: Optional[str]) -> str:
    """ACLED's actor1 for an event whose reports name no one who acted: "Protesters (Syria)" for a protest,
    "Rioters (Syria)" for a riot, else "Unidentified Armed Group (Syria)" (the country left out when unknown).
    ACLED's actor1, inter1 and interaction are never empty; this says "unknown" in ACLED's own words, and the
    JSON lines and the ledger keep actor1 null."""
    who = _UNNAMED_ACTOR1.get(inc.get("event_type") or "", _UNIDENTIFIED)
    return f"{who} ({country})" if country else who


def acled_row(inc: Rec, timestamp: int) -> dict[str, Any]:
    w = when(inc)
    country = country_name(inc.get("country"))
    facts = country_facts(country)
    actor1 = inc.get("actor1") or unnamed_actor1(inc, country)
    a1, a2 = period_name(actor1, w.day), period_name(inc.get("actor2"), w.day)
    i1, i2 = inter_code(actor1, country), inter_code(inc.get("actor2"), country)
    return {
        "event_id_cnty": acled_event_id(inc),
        "event_date": w.day.isoformat() if w.day else "",   # ACLED's API: yyyy-mm-dd
        "year": w.day.year if w.day else "",
        "time_precision": blank(w.precision),
        "disorder_type": disorder_type(inc.get("event_type"), inc.get("sub_event_type")),
        "event_type": inc.get("event_type") or "",
        "sub_event_type": inc.get("sub_event_type") or "",
        "actor1": a1 or "", "assoc_actor_1": _assoc(inc.get("assoc_actor_1"), w.day), "inter1": inter_label(i1),
        "actor2": a2 or "", "assoc_actor_2": _assoc(inc.get("assoc_actor_2"), w.day),
        "inter2": inter_label(i2) if a2 else "",   # empty when there is no second actor
        "interaction": interaction_label(i1, i2) if i2 is not None or not a2 else "",  # a side of unknown type
        "civilian_targeting": civilian_targeting(inc, i2),
        "iso": blank(facts.iso if facts else None), "region": blank(facts.acled_region if facts else None),
        "country": country or "",
        "admin1": inc.get("admin1") or "", "admin2": inc.get("admin2") or "", "admin3": inc.get("admin3") or "",
        "location": inc.get("location") or "",
        "latitude": blank(inc.get("latitude")), "longitude": blank(inc.get("longitude")),
        "geo_precision": inc.get("geo_precision") or "",
        "source": "; ".join(sources(inc)),
        "source_scale": _source_scale(inc),
        "notes": generated_notes(inc, a1, w),
        "fatalities": inc.get("fatalities") if inc.get("fatalities") is not None else 0,
        "tags": acled_tags(inc),
        "timestamp": timestamp,
    }


def acled_tags(inc: Rec) -> str:
    """ACLED's tags: a protest's or a riot's crowd size as its reports state it ("crowd size=hundreds", from the
    evidence extraction keeps, :mod:`warledger.extract.crowds`; the first report's when several state one), else
    "crowd size=no report" as ACLED writes it; tags the line itself carries kept.  No other tag is coded: what the
    text does not state is left empty."""
    own = joined(inc.get("tags"))
    if inc.get("event_type") not in CROWD_EVENT_TYPES:
        return own or ""
    crowd = f"crowd size={crowd_size(inc) or 'no report'}"
    return "; ".join(dict.fromkeys([crowd, *(own.split("; ") if own else [])]))


def crowd_size(inc: Rec) -> Optional[str]:
    """The crowd size the line's first report to state one states ("around 200"), None when none does."""
    sizes = [" ".join(str(e.get("text") or "").split()).lower() for e in inc.get("evidence") or []
             if e.get("field") == CROWD_FIELD and str(e.get("text") or "").strip()]
    return sizes[0] if sizes and sizes[0] != "no report" else None


def modified_epoch(stamp: Any) -> Optional[int]:
    """A ledger line's ``last_modified`` ("2026-12-07T08:30:00Z", UTC) as ACLED's ``timestamp`` (Unix seconds);
    None when the line has none (lines read from a file rather than a ledger: they take the export's time)."""
    return _epoch(str(stamp)[:19]) if stamp else None


@lru_cache(maxsize=4096)
def _epoch(stamp: str) -> Optional[int]:
    """The Unix seconds of a stamp to the second; cached, as a ledger's lines share a few ingest times (a batch's
    reports are stored at one time), and time.strptime was an eighth of the ACLED export's time."""
    try:
        return int(calendar.timegm(time.strptime(stamp, "%Y-%m-%dT%H:%M:%S")))
    except ValueError:
        return None


def acled_pieces(incs: Iterable[Rec]) -> Iterator[str]:
    """The ACLED CSV as text pieces: the header, then one line per incident."""
    yield csv_line(ACLED_COLUMNS)
    ts = int(time.time())
    for inc in incs:
        row = acled_row(inc, modified_epoch(inc.get("last_modified")) or ts)
        yield csv_line(row[c] for c in ACLED_COLUMNS)
