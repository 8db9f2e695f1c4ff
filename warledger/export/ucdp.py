"""UCDP GED CSV: GED's 49 columns in the order of its CSV releases, then the three of HDX's extract (start_year,
end_year, iso3); one row per ledger line, with GED's identities.

* ``best = deaths_a + deaths_b + deaths_civilians + deaths_unknown`` and ``low <= best <= high``, all
  three always written.  ``best`` is the ledger's fatalities.  The parts are filled in the order
  civilians, side A, side B, each capped at what ``best`` leaves; what no report attributes is
  ``deaths_unknown``.
* Unknown deaths: GED writes ``best = low = 0`` for an event whose deaths cannot be confirmed (keeping
  ``high``).  A ledger line with no fatality figure is written the same way, ``high`` being the ceiling a
  report states ("up to 12 killed": low 0, best 0, high 12; such a line is lethal enough for GED) or else 0, so
  a 0 best means "none reported or not known"; a ceiling is never passed off as ``best`` or ``low``.  The JSON
  lines export keeps them apart (``fatalities`` null vs 0, the range itself) and the ACLED export's notes say
  "Fatalities unknown." (with "up to N killed" when a ceiling is stated).
* Sides: in state-based rows (``type_of_violence`` 1) the government is side A; in one-sided rows (3)
  the perpetrator is side A and the civilians side B.  Fighters' deaths go to the side a report names
  (``killed_groups``, or the words of the fighters' count, read with the actor lexicon); deaths of
  fighters whose side nothing names are ``deaths_unknown``, never guessed.
* Dates: ``date_start``/``date_end`` are the range the reports allow and ``date_prec`` follows from its
  width as in GED (1 one day, 2 two to six days, 3 a week, 4 eight days to a month, 5 longer).  A line
  with one date and ACLED precision 2 or 3 gets the week around it or its month.
* ``id`` is an integer: a row read from a GED CSV keeps GED's id (its report ``ged-<id>``); else the first 12
  hexadecimal digits of the incident id (48 bits, exact in a double).
* A GED CSV read by ``ingest`` (:mod:`warledger.ingest.ged_csv`) and exported again: what the record types hold
  comes back as GED wrote it: ``id``, ``year``, ``start_year``, ``end_year``, ``type_of_violence`` (derived again
  from the sides), ``side_a``, ``side_b``, ``dyad_name``, ``gwnob``, ``source_office``, ``where_prec``,
  ``where_coordinates``, ``adm_1``, ``adm_2``, the point, ``country``, ``country_id``, ``iso3``, ``region``,
  ``date_start``, ``date_end``, ``date_prec`` and the deaths columns with ``best``, ``low`` and ``high`` (on HDX's
  Iraq extract, every one of those on each of the rows read).  A side of several governments ("Government of
  Australia, Government of United Kingdom, ...") gets the number of each in ``gwnoa``/``gwnob``, in the order of the
  names and comma-separated, as UCDP's datasets write several states' numbers ("900, 200, 2"; HDX's Iraq extract
  has one number for such a side, "2.0", the United States', the last named: a script reading that column as a
  number should read it as text).
  The row's columns no record field holds are carried with its record (``per_report``'s ``coded_columns``) and
  written back (:func:`write_back`): ``number_of_sources``, ``source_article``, ``source_date`` whole,
  ``source_headline``, ``source_original``, ``event_clarity`` and ``active_year`` as GED wrote them; GED's ids of
  its conflict, dyad and sides (``relid``, ``code_status``, ``*_dset_id``, ``*_new_id``, ``conflict_name``) while
  the exported sides are still the row's (a corrected side drops them: they would name another dyad), and
  ``priogrid_gid`` and ``geom_wkt`` while the point is the row's; a column the CSV had blank comes back blank.
  A line of several reports, or of a ledger written before
  session 22, gets the ledger's own (``number_of_sources`` its reports, ``source_article`` their ids,
  ``event_clarity`` 1, the ids empty).  A row GED wrote with ``low <= best <= high`` broken is read with the
  range widened (``W-COUNT-RANGE-WIDENED``): its ``low`` or ``high`` comes back widened.
* Scope: a GED event is armed force used by an organized actor against another, or against civilians, that
  killed at least one person, between two known sides.  Left out of the table and counted
  (:func:`ged_leaves_out`), as lines with no date or point are, and kept by the other formats: protests, riots
  and strategic developments; lines with no death reported (fatalities 0, or no figure and no killed range);
  lines with one side unknown, and lines with an unidentified armed group as a side (no actor UCDP can name).
* Names as GED writes them: a state's forces (military, police, any "Government of") are
  ``Government of <country>`` with GED's spelling of the country (``Government of Russia (Soviet Union)``),
  the target of one-sided violence is ``Civilians``, and the country column is spelled as GED spells it.
  Non-state actors keep their ACLED names (GED's own actor list is not reproduced).
"""
from __future__ import annotations

import calendar
import hashlib
import re
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

from warledger.export.common import Rec, blank, country_facts, country_name, csv_line, sources, table_leaves_out, when
from warledger.export.naming import inter_code, period_name, state_of, strip_period
from warledger.record import CODED_COLUMNS_KEY, tally_value

# UCDP GED's 49 columns, in the order of its CSV releases (GED codebook, versions 20.1 to 25.1): GED's own ids
# (relid, code_status, the *_dset_id and *_new_id columns, conflict_name, priogrid_gid) stay empty, as GED's
# identities of conflicts, dyads and actors are GED's to give (a row read from GED gets its own back: write_back).
GED_COLUMNS: tuple[str, ...] = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)
# Then the three columns of HDX's widely shared extract of GED ("UCDP data for <country>"), which has no relid,
# code_status, *_dset_id or where_description but adds these: a script written for either file reads this one by
# column name.  start_year and end_year are the years of date_start and date_end; iso3 is the country's ISO code.
HDX_COLUMNS: tuple[str, ...] = ("start_year", "end_year", "iso3")
UCDP_COLUMNS: tuple[str, ...] = GED_COLUMNS + HDX_COLUMNS
UCDP_WHERE = {1: 1, 2: 2, 3: 4}   # ACLED geo_precision -> UCDP where_prec (1 exact, 2 near, 4 admin-1)
_HEX_ID = re.compile(r"^(?:inc-)?([0-9a-f]{12})", re.IGNORECASE)
_GED_REPORT_ID = re.compile(r"^ged-(\d{1,18})$")   # a row read from a GED CSV (ingest/ged_csv.py)
# ACLED's event types that are no organized violence in GED's sense (a demonstration, a mob, a non-violent development)
NOT_GED_EVENT_TYPES = frozenset({"Protests", "Riots", "Strategic developments"})
OUT_OF_GED_SCOPE = "outside GED's scope (protests, riots and strategic developments: GED holds organized violence only)"


NOT_LETHAL = "with no death reported (a GED event killed at least one person)"
ONE_SIDE_UNKNOWN = ("with one side unknown (a GED event is between two known sides, or a known perpetrator and "
                    "civilians)")
UNIDENTIFIED_SIDE = ("with an unidentified armed group as a side (UCDP codes an event only between actors it can "
                     "name)")


def unidentified(actor: Optional[str]) -> bool:
    """ACLED's name for an armed group no one identified ("Unidentified Armed Group (Syria)"): no side of GED's,
    whose events are between actors UCDP can name (an unknown perpetrator's event is not in GED)."""
    return bool(actor) and str(actor).lower().startswith("unidentified")


def ged_leaves_out(inc: Rec) -> Optional[str]:
    """Why GED's table cannot hold the line (outside its scope, no death, one side unknown, no date or point),
    None when it can."""
    if inc.get("event_type") in NOT_GED_EVENT_TYPES:
        return OUT_OF_GED_SCOPE
    if not lethal(inc):
        return NOT_LETHAL
    tov, a, b = sides(inc)
    if not a or (not b and tov != 3):
        return ONE_SIDE_UNKNOWN
    if unidentified(a) or unidentified(b):
        return UNIDENTIFIED_SIDE
    return table_leaves_out(inc)


def lethal(inc: Rec) -> bool:
    """Whether a report gives at least one death: fatalities >= 1, or a killed range reaching 1 (GED keeps an
    event whose deaths are uncertain with ``best`` 0 and ``high`` above it)."""
    best = inc.get("fatalities")
    if best is not None and int(best) >= 1:
        return True
    high = _bounds(inc.get("killed") or {})[1]
    return high is not None and high >= 1


def ged_side(actor: Optional[str], day: Optional[date], civilians: bool = False) -> str:
    """A side's name as GED writes it: "Civilians" for the target of one-sided violence, "Government of
    <country>" for a state's forces, else the ACLED name with the period that contains ``day``."""
    if civilians:
        return "Civilians"
    state = state_of(actor)
    if state and is_state(actor):
        facts = country_facts(state)
        return f"Government of {facts.ged_name if facts else state}"
    return period_name(actor, day) or ""


_NEXT_GOVERNMENT = re.compile(r",\s*(?=Government of )")


def gwno_of(actor: Optional[str]) -> str:
    """A side's Gleditsch & Ward number(s) for the gwnoa/gwnob column: a state's forces its state's number; a side of
    several governments as GED names it ("Government of Australia, Government of United Kingdom") the numbers of
    each in the order of the names, comma-separated as UCDP writes them ("900, 200"); "" when a name is no state's,
    or a state whose number the country facts do not know."""
    numbers = []
    for name in _NEXT_GOVERNMENT.split(actor or ""):
        facts = country_facts(state_of(name)) if is_state(name) else None
        if facts is None or facts.gwno is None:
            return ""
        numbers.append(str(facts.gwno))
    return ", ".join(numbers)


def ged_row_id(inc: Rec) -> int:
    """The row's id: an incident of one report read from a GED CSV (:mod:`warledger.ingest.ged_csv`, report id
    ``ged-<id>``) keeps GED's id; else :func:`ged_id` of the incident id."""
    reports = inc.get("reports") or []
    m = _GED_REPORT_ID.match(str(reports[0])) if len(reports) == 1 else None
    return int(m.group(1)) if m else ged_id(str(inc["incident_id"]))


def ged_id(incident_id: str) -> int:
    """GED's integer id: the first 12 hex digits of the incident id (of its SHA-1 when it has none)."""
    m = _HEX_ID.match(incident_id)
    return int(m.group(1) if m else hashlib.sha1(incident_id.encode("utf-8")).hexdigest()[:12], 16)


def date_prec(start: date, end: date) -> int:
    """GED's date precision from the width of the range: 1 one day, 2 two to six days, 3 a week (7 days),
    4 eight days up to a month (31 days), 5 longer."""
    days = (end - start).days + 1
    return 1 if days <= 1 else 2 if days <= 6 else 3 if days == 7 else 4 if days <= 31 else 5


def ged_span(inc: Rec) -> tuple[Optional[date], Optional[date]]:
    """The earliest and latest day the event can have happened."""
    w = when(inc)
    if w.has_range or w.day is None:
        return w.start, w.end
    if w.precision == 2:         # ACLED 2: the date stands for its week
        return w.day - timedelta(days=3), w.day + timedelta(days=3)
    if w.precision == 3:         # ACLED 3: the date stands for its month
        last = calendar.monthrange(w.day.year, w.day.month)[1]
        return w.day.replace(day=1), w.day.replace(day=last)
    return w.day, w.day


GED_RIVALS_TSV = Path(__file__).resolve().parent.parent / "data" / "ged_rivals.tsv"


@lru_cache(maxsize=1)
def _rivals() -> frozenset[str]:
    from warledger.theatre import table_rows

    return frozenset(cols[0] for _, cols in table_rows(GED_RIVALS_TSV, ("actor",)))


def is_state(actor: Optional[str]) -> bool:
    """Whether GED counts the actor's forces as a state's government: a state-force name, unless its state's
    rival authority (``data/ged_rivals.tsv``: the Houthi-led forces ACLED codes as Yemen's second government)."""
    return state_of(actor) is not None and strip_period(actor or "") not in _rivals()


def _civilian(actor: Optional[str]) -> bool:
    return bool(actor) and str(actor).lower().startswith("civilians")


def sides(inc: Rec) -> tuple[int, Optional[str], Optional[str]]:
    """``(type_of_violence, side_a, side_b)`` with the ledger's actor names: one-sided (3) when civilians
    are the target, state-based (1) when a state's forces take part (the government on side A), else
    non-state (2)."""
    a, b = inc.get("actor1"), inc.get("actor2")
    if _civilian(b) or _civilian(a) or inc.get("event_type") == "Violence against civilians":
        return (3, b, a) if _civilian(a) and not _civilian(b) else (3, a, b)
    if is_state(a) or is_state(b):
        return (1, b, a) if is_state(b) and not is_state(a) else (1, a, b)
    return 2, a, b


# ---------------------------------------------------------------- whose fighters

def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", s.casefold()).strip()


def _named_side(words: str, side_a: Optional[str], side_b: Optional[str]) -> Optional[str]:
    """"a" or "b" when ``words`` (a killed group's name, or the words of a fighters' count) name one side
    and not the other; None otherwise.  A name first ("HTS" in "HTS: Hayat Tahrir al Sham"), then the
    actor lexicon ("regime soldiers" are the Syrian government's)."""
    from warledger.extract.actor_lexicon import find_actors
    from warledger.extract.actors import family_of   # the lexicon loads on first use

    text = _norm(words)
    if not text:
        return None

    def by_name(actor: Optional[str]) -> bool:
        if not actor:
            return False
        full = _norm(actor)
        short = _norm(actor.split(":", 1)[0]) if ":" in actor else ""
        return f" {full} " in f" {text} " or bool(short and f" {short} " in f" {text} ") or f" {text} " in f" {full} "

    found = [m for m in find_actors(words) if m.kind == "armed"]

    def by_family(actor: Optional[str]) -> bool:
        fam = family_of(actor) if actor else "other"
        return bool(actor) and any(m.name == actor or (m.family == fam and fam not in ("other", "unidentified", "state"))
                                   for m in found)

    for test in (by_name, by_family):
        hit_a, hit_b = test(side_a), test(side_b)
        if hit_a != hit_b:
            return "a" if hit_a else "b"
        if hit_a:
            return None
    return None


def fighter_deaths(inc: Rec, side_a: Optional[str], side_b: Optional[str]) -> tuple[int, int, int]:
    """Fighters killed on side A, on side B, and of a side no report names."""
    from warledger.theatre.context import reading_in
    from warledger.theatre.countries import country_code

    with reading_in(country_code(inc.get("country"))):   # "regime soldiers" are the incident's country's
        return _fighter_deaths(inc, side_a, side_b)


def _fighter_deaths(inc: Rec, side_a: Optional[str], side_b: Optional[str]) -> tuple[int, int, int]:
    k = inc.get("killed") or {}
    groups = inc.get("killed_groups") or []
    by = {"a": 0, "b": 0, None: 0}
    grouped = 0
    for g in groups:
        n = tally_value(g.get("count")) or 0
        grouped += n
        by[_named_side(str(g.get("group") or ""), side_a, side_b)] += n
    fighters = tally_value(k.get("fighters"))
    rest = max(0, (fighters if fighters is not None else grouped) - grouped)
    if rest:
        quotes = [str(e.get("text") or "") for e in inc.get("evidence") or [] if e.get("field") == "killed.fighters"]
        told = {_named_side(q, side_a, side_b) for q in quotes}
        by[told.pop() if len(told) == 1 else None] += rest
    return by["a"], by["b"], by[None]


# ---------------------------------------------------------------- deaths

def _bounds(killed: dict[str, Any]) -> tuple[Optional[int], Optional[int]]:
    total = killed.get("total")
    if total:
        return total.get("low"), total.get("high")
    parts: list[dict[str, Any]] = [killed[c] for c in ("civilians", "fighters") if killed.get(c)]

    def total_of(key: str) -> Optional[int]:
        vals = [p.get(key) for p in parts]
        return sum(int(v) for v in vals if v is not None) if vals and None not in vals else None
    return total_of("low"), total_of("high")


def deaths(inc: Rec, side_a: Optional[str], side_b: Optional[str]) -> dict[str, int]:
    """GED's deaths columns: ``best`` = the four parts, ``low <= best <= high``."""
    k = inc.get("killed") or {}
    best = inc.get("fatalities")
    best = int(best) if best is not None else 0
    left = best
    out: dict[str, int] = {}
    fa, fb, _ = fighter_deaths(inc, side_a, side_b)   # the unnamed ones stay in deaths_unknown
    for col, n in (("deaths_civilians", tally_value(k.get("civilians")) or 0), ("deaths_a", fa), ("deaths_b", fb)):
        out[col] = min(max(n, 0), left)
        left -= out[col]
    out["deaths_unknown"] = left
    # no figure: GED's unknown deaths, best = low = 0, keeping a stated ceiling ("up to 12") as high
    low, high = _bounds(k) if inc.get("fatalities") is not None else (0, _bounds(k)[1] or 0)
    out["low"] = min(low, best) if low is not None else best
    out["best"] = best
    out["high"] = max(high, best) if high is not None else best
    return out


def ucdp_row(inc: Rec) -> dict[str, Any]:
    start, end = ged_span(inc)
    w = when(inc)
    country = country_name(inc.get("country"))
    facts = country_facts(country)
    loc = facts.ged_location() if facts else None
    tov, a, b = sides(inc)
    name_a, name_b = ged_side(a, w.day), ged_side(b, w.day, civilians=tov == 3)
    lat, lon = inc.get("latitude"), inc.get("longitude")
    hist = inc.get("per_report") or []
    reports = inc.get("reports") or []
    row: dict[str, Any] = {
        "id": ged_row_id(inc), "year": blank(w.day.year if w.day else None),
        "relid": "", "active_year": "", "code_status": "",
        "type_of_violence": tov, "conflict_dset_id": "", "conflict_new_id": "", "conflict_name": "",
        "dyad_dset_id": "", "dyad_new_id": "", "dyad_name": f"{name_a} - {name_b}" if name_a and name_b else "",
        "side_a_dset_id": "", "side_a_new_id": "", "gwnoa": gwno_of(a),
        "side_a": name_a,
        "side_b_dset_id": "", "side_b_new_id": "",
        "gwnob": gwno_of(b) if tov != 3 else "",   # side B "Civilians": no state
        "side_b": name_b,
        "number_of_sources": len(reports),
        "source_article": "; ".join(reports),
        "source_office": "; ".join(sources(inc)),
        "source_date": "; ".join(dict.fromkeys(h["published"] for h in hist if h.get("published"))),
        "source_headline": "", "source_original": "",
        "where_prec": blank(inc.get("where_prec") or UCDP_WHERE.get(inc.get("geo_precision") or 0)),
        "where_coordinates": inc.get("location") or "", "where_description": inc.get("place_phrase") or "",
        "adm_1": inc.get("admin1") or "", "adm_2": inc.get("admin2") or "",
        "latitude": blank(lat), "longitude": blank(lon),
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else "",
        "priogrid_gid": "", "country": (loc.ged_name if loc else country) or "", "country_id": blank(loc.gwno if loc else None),
        "region": blank(loc.ucdp_region if loc else None),
        "event_clarity": 1 if reports else "",
        "date_prec": date_prec(start, end) if start and end else "",
        "date_start": start.isoformat() if start else "", "date_end": end.isoformat() if end else "",
        "start_year": start.year if start else "", "end_year": end.year if end else "",
        "iso3": (facts.iso3 if facts else None) or "",
    }
    row.update(deaths(inc, a, b))
    write_back(row, inc)
    return row


# a GED row's own columns written back as the row gave them (ingest.ged_csv.CARRIED_COLUMNS): its sources, clarity
# and active year always; its ids of conflict, dyad and sides only beside the sides they name, its cell's beside its
# point
GIVEN_COLUMNS = ("number_of_sources", "source_article", "source_date", "source_headline", "source_original",
                 "event_clarity", "active_year")
SIDE_ID_COLUMNS = ("relid", "code_status", "conflict_dset_id", "conflict_new_id", "conflict_name", "dyad_dset_id",
                   "dyad_new_id", "side_a_dset_id", "side_a_new_id", "side_b_dset_id", "side_b_new_id")


def given_columns(inc: Rec) -> dict[str, str]:
    """The columns a line's GED row gave that no record field holds (``per_report``'s carried columns), when the
    line is that one row's; {} otherwise (a line of reports, or of several rows: their sources are the ledger's)."""
    per = inc.get("per_report") or []
    got = per[0].get(CODED_COLUMNS_KEY) if len(per) == 1 else None
    return dict(got) if isinstance(got, dict) else {}


def _same_point(given: dict[str, str], lat: Any, lon: Any) -> bool:
    try:
        return (lat is not None and lon is not None and abs(float(given["latitude"]) - float(lat)) < 1e-9
                and abs(float(given["longitude"]) - float(lon)) < 1e-9)
    except (KeyError, ValueError):
        return False


def write_back(row: dict[str, Any], inc: Rec) -> None:
    """A GED row's own columns back into its export row (:func:`given_columns`): the sources as GED wrote them; GED's
    ids of conflict, dyad and sides while the sides are still the ones the row named (not after a correction of
    either); the cell's ``priogrid_gid`` and GED's ``geom_wkt`` while the point is the row's."""
    given = given_columns(inc)
    if not given:
        return
    row.update({c: given[c] for c in GIVEN_COLUMNS if c in given})
    if (given.get("side_a"), given.get("side_b")) == (row["side_a"], row["side_b"]):
        row.update({c: given.get(c, "") for c in SIDE_ID_COLUMNS})
    if _same_point(given, row["latitude"], row["longitude"]):
        row.update({c: given[c] for c in ("priogrid_gid", "geom_wkt") if c in given})


def ucdp_pieces(incs: Iterable[Rec]) -> Iterator[str]:
    """The UCDP GED CSV as text pieces: the header, then one line per incident."""
    yield csv_line(UCDP_COLUMNS)
    for inc in incs:
        row = ucdp_row(inc)
        yield csv_line(row[c] for c in UCDP_COLUMNS)
