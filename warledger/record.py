"""The typed records that flow through warledger.

One :class:`Report` flows through ingest -> extract -> geocode.  Each stage only *adds* to it
(like spaCy's ``Doc``): ingest fills ``body`` (the span of ``text`` that is the report's own words),
extract appends :class:`Incident` records (``kind`` "incident" or "aggregate"), geocode fills each
incident's :class:`Place`.  Every extracted value carries :class:`Evidence`: character offsets into
``Report.text``, the quoted words, and the rule that derived it.

``Incident.to_json()`` produces exactly the output line of ``../shared/CONTRACT.md``.
"""
from __future__ import annotations

import re

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable, Literal, Optional

Kind = Literal["incident", "aggregate"]
COUNT_CATEGORIES: tuple[str, ...] = ("total", "civilians", "children", "women", "men", "fighters")

# ACLED's 6 event types and 25 sub-event types (ACLED codebook).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}
SUB_TO_TYPE: dict[str, str] = {sub: et for et, subs in ACLED_TYPES.items() for sub in subs}
# strikes from afar (aircraft, drones, artillery, missiles) and fights on the ground, as ACLED sub-event types
STANDOFF_SUB_EVENTS: frozenset[str] = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
GROUND_SUB_EVENTS: frozenset[str] = frozenset({"Armed clash", "Government regains territory",
                                               "Non-state actor overtakes territory"})


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a value comes from: ``text[start:end] == quote`` in the report's ``text``."""

    field: str
    start: int
    end: int
    text: str
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text, "rule": self.rule}


@dataclass(slots=True)
class Range:
    """A count as reports state it: "7" is 7/7/7, "more than 125" low 126, "about 180" best 180."""

    low: Optional[int] = None
    best: Optional[int] = None
    high: Optional[int] = None

    @classmethod
    def exact(cls, n: int) -> "Range":
        return cls(n, n, n)

    def value(self) -> Optional[int]:
        """The extractor's single figure: best, else low, else high (the ledger counts :func:`tally_value`)."""
        for v in (self.best, self.low, self.high):
            if v is not None:
                return v
        return None

    def to_json(self) -> dict[str, Optional[int]]:
        return {"low": self.low, "best": self.best, "high": self.high}

    @classmethod
    def from_json(cls, d: Any) -> Optional["Range"]:
        if d is None:
            return None
        if isinstance(d, int):
            return cls.exact(d)
        return cls(d.get("low"), d.get("best"), d.get("high"))


def iso_day(s: Any) -> Optional[date]:
    """The day an ISO date or datetime string starts with; None for empty or impossible values."""
    try:
        return date.fromisoformat(str(s)[:10]) if s else None
    except ValueError:
        return None


# How late a date may be: the one rule every entry point applies (``--published`` and a line's "published" through
# ingest.reader.parse_published, a record's event date in extract.extract_report, an analyst's corrected event date
# in store.corrections.check_value).  ACLED codes no event before it has happened, and no report tells of a day after
# it was published.  A day is dated where it happens: the day after today's UTC date is already today east of UTC
# (and a report published late at night UTC is next morning's news in Syria or Yemen), so one day of slack is allowed.
LATE_SLACK = timedelta(days=1)
# ACLED tags a crowd's size on demonstration events: the evidence field extraction keeps the stated size in
# (extract/crowds.py), which the ACLED export writes as "crowd size=..." (export/acled.py)
CROWD_EVENT_TYPES = ("Protests", "Riots")
CROWD_FIELD = "crowd_size"
# ACLED's notes state a demonstration's crowd size as "[size=...]" (its own format; the ACLED export writes it too)
ACLED_SIZE_NOTE = re.compile(r"\[size=([^\]\n]{1,60})\]", re.I)
DATE_FUTURE = "W-DATE-FUTURE"
DATE_AFTER_PUBLISHED = "W-DATE-AFTER-PUBLISHED"
PUBLISHED_FUTURE = "W-PUBLISHED-FUTURE"


def latest_day(today: Optional[date] = None) -> date:
    """The latest day a date may name: tomorrow in UTC (today's date somewhere east of UTC)."""
    from datetime import datetime, timezone

    return (today or datetime.now(timezone.utc).date()) + LATE_SLACK


def utc_moment() -> str:
    """Now in UTC as the ledger stores a moment (``2026-12-07T19:30:00Z``): when a report was received."""
    import time

    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


# The earliest day a ledger date may name: before it a day is a placeholder ("0001-01-01") or a typo ("1022" for
# "2022"), as for publication dates (extract.dates.PUBLISHED_YEARS); no conflict dataset warledger writes starts earlier
EARLIEST_DAY = date(1900, 1, 1)


def early_day_problem(day: Any) -> Optional[str]:
    """Why a day before :data:`EARLIEST_DAY` cannot be a ledger's event date, or None."""
    d = iso_day(day)
    if d is None or d >= EARLIEST_DAY:
        return None
    return (f"{d.isoformat()} is before {EARLIEST_DAY.isoformat()}: a placeholder or a typo (the ledger's dates run "
            f"from {EARLIEST_DAY.year}); write the day the event happened")


def late_day_problem(day: Any, published: Any = None, what: str = "event date",
                     today: Optional[date] = None) -> Optional[str]:
    """The problem with a day later than the rule allows, or None.  An event date more than a day after its
    report's publication date is ``W-DATE-AFTER-PUBLISHED``: what the report says, whenever it is read.  A day after
    the day following ``today`` (the moment the report was received, stored with it; now when not given) is in the
    future: ``W-DATE-FUTURE``, or ``W-PUBLISHED-FUTURE`` when ``what`` is a publication date; an event date is
    checked against that moment only when its report has no publication date, so a report that has one gets the
    same problems whenever it is read again.  An unreadable day is not this rule's business (None)."""
    d, p = iso_day(day), iso_day(published)
    if d is None:
        return None
    last = latest_day(today)
    if d > last and p is None:
        published_day = what.startswith("publication")
        return (f"{PUBLISHED_FUTURE if published_day else DATE_FUTURE}: {what} {d.isoformat()} is in the future "
                f"(after {last.isoformat()}, tomorrow in UTC): "
                + ("no report is published before it is written" if published_day
                   else "no event is coded before it happens"))
    if p is not None and d > p + LATE_SLACK:
        return (f"{DATE_AFTER_PUBLISHED}: {what} {d.isoformat()} is after the report's publication date "
                f"{p.isoformat()}: a report cannot tell of a later day (a typo in either date, or a plan, not an event)")
    return None


def representative_date(event_date: Optional[str], date_range: Optional[list[Any]]
                        ) -> tuple[Optional[str], Optional[int]]:
    """One ISO date that stands for an incident, and its ACLED ``time_precision`` (1, 2 or 3).

    What the two datasets do with an event known only to within some days:

    * ACLED's codebook puts one date on every event and says how sure it is.  Precision 1: the source
      gives the day.  Precision 2: the source gives a span of a few days up to a week (or a weekend);
      the date recorded is one inside that span, its middle.  Precision 3: only a longer period is
      known, typically the month; the middle of that period is recorded (the 15th for a month).
    * UCDP GED keeps the span itself: ``date_start`` (earliest possible day) and ``date_end`` (latest
      possible day), with ``date_prec`` saying how wide it is (1 one day, 2 two to six days, 3 a week,
      4 up to a month, 5 longer).

    So a range gives its middle day (the earlier of the two middle days when the span has an even
    number of days), with precision 1 for a single day, 2 for a span of at most 7 days and 3 beyond.
    A known ``event_date`` inside the range is kept (the reports named that day) with the precision
    of the range.  An ``event_date`` with no range is precision 1; an ``event_date`` outside its range
    yields to the range's middle.  A range with only one end, or nothing, gives ``(None, None)``:
    no day is made up.
    """
    lo, hi = (None, None) if not date_range else (iso_day(date_range[0]), iso_day(date_range[-1]))
    day = iso_day(event_date)
    if lo is None or hi is None:
        return (day.isoformat(), 1) if day is not None else (None, None)
    if hi < lo:
        lo, hi = hi, lo
    span = (hi - lo).days + 1
    precision = 1 if span == 1 else 2 if span <= 7 else 3
    if day is not None and lo <= day <= hi:
        return day.isoformat(), precision
    return (lo + timedelta(days=(span - 1) // 2)).isoformat(), precision


def with_representative_date(rec: dict[str, Any]) -> dict[str, Any]:
    """An output line (the contract's extraction line or a ledger line) with ``event_date`` the "best single ISO
    date" the contract asks for: a line known only by its ``date_range`` gets the range's representative day
    (:func:`representative_date`, the day ACLED would code) and a ``time_precision`` no finer than the range's, as the
    ACLED CSV, GeoJSON and Parquet exports write it; the range is kept beside it.  A line that names its day, or
    whose range lacks an end, is returned as it is.  Only for output: reconciliation reads the lines as extracted
    (a range's middle is no stated day)."""
    if rec.get("event_date") is not None or not rec.get("date_range"):
        return rec
    day, precision = representative_date(None, rec["date_range"])
    if day is None or precision is None:
        return rec
    out = dict(rec)
    own = out.get("time_precision")
    out["event_date"] = day
    out["time_precision"] = max(precision, own) if isinstance(own, int) and own in (1, 2, 3) else precision
    return out


def range_value(r: Optional[dict[str, Any]]) -> Optional[int]:
    """The single figure of a range in its JSON form (best, else low, else high), like Range.value."""
    if not r:
        return None
    for k in ("best", "low", "high"):
        if r.get(k) is not None:
            return int(r[k])
    return None


def tally_value(r: Optional[dict[str, Any]]) -> Optional[int]:
    """The figure the ledger counts for a range in its JSON form: its best, else its low end ("at least 5"
    counts 5); None for a range known only by its ceiling ("up to 12"), which is no estimate of how many: UCDP
    GED's ``best`` is a best estimate and its ``high`` the ceiling, and ACLED codes the conservative figure.  What
    the ledger's fatalities, its tallies and the exports' figures add (the ceiling stays in the range, in GED's
    ``high`` and on the incident's page); :func:`range_value` (best, low, else high) is the extractor's figure."""
    if not r:
        return None
    for k in ("best", "low"):
        if r.get(k) is not None:
            return int(r[k])
    return None


@dataclass(slots=True)
class Counts:
    """Killed or injured by category.  Sub-counts are not additive (women are among civilians)."""

    total: Optional[Range] = None
    civilians: Optional[Range] = None
    children: Optional[Range] = None
    women: Optional[Range] = None
    men: Optional[Range] = None
    fighters: Optional[Range] = None

    def get(self, cat: str) -> Optional[Range]:
        r: Optional[Range] = getattr(self, cat)
        return r

    def set(self, cat: str, r: Optional[Range]) -> None:
        setattr(self, cat, r)

    def is_empty(self) -> bool:
        return all(getattr(self, c) is None for c in COUNT_CATEGORIES)

    def to_json(self) -> dict[str, Any]:
        return {c: (r.to_json() if (r := getattr(self, c)) is not None else None) for c in COUNT_CATEGORIES}

    @classmethod
    def from_json(cls, d: Optional[dict[str, Any]]) -> "Counts":
        d = d or {}
        return cls(**{c: Range.from_json(d.get(c)) for c in COUNT_CATEGORIES})


@dataclass(slots=True)
class GroupCount:
    """Fighters of one faction: ``{"group": "National Liberation Front", "count": range}``."""

    group: str
    count: Range

    def to_json(self) -> dict[str, Any]:
        return {"group": self.group, "count": self.count.to_json()}


@dataclass(slots=True)
class Damage:
    object: str
    effect: Optional[str] = None

    def to_json(self) -> dict[str, Any]:
        return {"object": self.object, "effect": self.effect}


@dataclass(slots=True)
class Geocoded:
    """What geocoding resolved a place phrase to (gazetteer row or admin-unit fallback, with codes)."""

    location: Optional[str] = None        # gazetteer name of the resolved place
    admin1: Optional[str] = None
    admin2: Optional[str] = None
    admin3: Optional[str] = None
    country: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None
    geo_precision: Optional[int] = None   # ACLED 1-3
    where_prec: Optional[int] = None      # UCDP 1-7
    confidence: Optional[float] = None


@dataclass(slots=True)
class Place(Geocoded):
    """The place of an event: the phrase the text uses, plus what geocoding resolved."""

    phrase: Optional[str] = None          # "al-Sahara village in the western countryside of Aleppo"
    name: Optional[str] = None            # the toponym alone: "al-Sahara"
    governorate: Optional[str] = None     # governorate named in the text, if any


@dataclass(slots=True)
class Incident:
    """One incident (one attack/event at one place) or one aggregate claim (a tally)."""

    kind: Kind = "incident"
    event_date: Optional[str] = None
    date_range: Optional[tuple[str, str]] = None
    time_precision: Optional[int] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    weapon: Optional[str] = None
    actor1: Optional[str] = None
    actor2: Optional[str] = None
    assoc_actor_1: list[str] = field(default_factory=list)  # ACLED's associates of each side ("backed by C")
    assoc_actor_2: list[str] = field(default_factory=list)
    place: Place = field(default_factory=Place)
    strikes: Optional[Range] = None
    killed: Counts = field(default_factory=Counts)
    injured: Counts = field(default_factory=Counts)
    killed_groups: list[GroupCount] = field(default_factory=list)
    injured_groups: list[GroupCount] = field(default_factory=list)
    damage: list[Damage] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    span: Optional[tuple[int, int]] = None  # the clause(s) of text this record was read from

    @property
    def text_span(self) -> tuple[int, int]:
        """``span`` of a record read from a clause (every record but a report-level fallback), for the steps
        that place records by position; a record without one is a caller's error."""
        if self.span is None:
            raise ValueError("this record was not read from a clause and has no span: test .span before placing it")
        return self.span

    @property
    def fatalities(self) -> Optional[int]:
        """ACLED convention: best total killed; 0 when the report says none; None when unknown."""
        if self.killed.total is not None:
            return self.killed.total.value()
        values = [r.value() for r in (self.killed.civilians, self.killed.fighters) if r is not None]
        parts = [p for p in values if p is not None]
        if parts:
            return sum(parts)
        group_total = [g.count.value() for g in self.killed_groups]
        if group_total and all(v is not None for v in group_total):
            return sum(v for v in group_total if v is not None)
        return None

    def add_evidence(self, field_name: str, text: str, start: int, end: int, rule: str) -> Evidence:
        ev = Evidence(field_name, start, end, text[start:end], rule)
        self.evidence.append(ev)
        return ev

    def to_json(self, report_id: str) -> dict[str, Any]:
        p = self.place
        return {
            "report_id": report_id,
            "kind": self.kind,
            "event_date": self.event_date,
            "date_range": list(self.date_range) if self.date_range else None,
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "weapon": self.weapon,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "assoc_actor_1": list(self.assoc_actor_1),
            "assoc_actor_2": list(self.assoc_actor_2),
            "location": p.location,
            "place_phrase": p.phrase,
            "admin1": p.admin1,
            "admin2": p.admin2,
            "admin3": p.admin3,
            "country": p.country,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "geo_precision": p.geo_precision,
            "where_prec": p.where_prec,
            "strikes": self.strikes.to_json() if self.strikes else None,
            "killed": self.killed.to_json(),
            "injured": self.injured.to_json(),
            "killed_groups": [g.to_json() for g in self.killed_groups],
            "injured_groups": [g.to_json() for g in self.injured_groups],
            "damage": [d.to_json() for d in self.damage],
            "fatalities": self.fatalities,
            "evidence": [e.to_json() for e in self.evidence],
            "problems": list(self.problems),
        }


# What no report text keeps: lone UTF-16 surrogates (they cannot be encoded, so they break every writer)
# and C0 control characters other than tab, newline, form feed and carriage return (NUL breaks PostgreSQL).
_BAD_CHARS = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f\x7f]")


def clean_text(text: str) -> tuple[str, int]:
    """``text`` with each character no store or exporter can keep replaced one for one (surrogates by
    U+FFFD, control characters by a space), so offsets into it are offsets into what the user gave."""
    n = 0

    def swap(m: "re.Match[str]") -> str:
        nonlocal n
        n += 1
        return "\ufffd" if "\ud800" <= m.group() <= "\udfff" else " "
    return (_BAD_CHARS.sub(swap, text), n) if _BAD_CHARS.search(text) else (text, 0)


CODED_COLUMNS_KEY = "coded_columns"   # in a stored record and its per_report entry: Report.coded_columns


@dataclass(slots=True)
class Report:
    """A report as it flows through the pipeline.  ``text`` is never modified after ingest."""

    id: str
    text: str
    published: Optional[str] = None       # ISO date (YYYY-MM-DD) relative dates resolve against
    url: Optional[str] = None
    source: Optional[str] = None
    # ACLED's scale of the source ("National", "Subnational", "New media", ...), as the input states it: warledger
    # keeps no table of its own (ACLED assigns a scale per source; no such table is published with its data)
    source_scale: Optional[str] = None
    language: Optional[str] = None
    country: Optional[str] = None         # the report's country: as given (input "country", --country), then as
                                          # extraction settles it (ISO 3166-1 alpha-2), None when unknown
    # when the text points to several countries (country None): those it names by more than a town's name (a
    # country's name, an admin unit, a demonym, an armed group); None when the country was not left ambiguous
    country_backed: Optional[tuple[str, ...]] = None
    body: Optional[tuple[int, int]] = None  # span of ``text`` that is the report itself (no page furniture)
    # the input is a row of a coded event dataset, as the input says (ingest.kinds.coded_input: a "coded" field, a
    # source naming ACLED, the dataset's row key), never as the body reads: its record is one event its coders
    # already told apart from every other row
    coded: bool = False
    # a coded row's columns that no record field holds, as the row gives them (UCDP GED's source_headline,
    # source_date, event_clarity, its own ids ...: ingest.ged_csv.CARRIED_COLUMNS), carried on its record
    # (CODED_COLUMNS_KEY) and each ledger line's per_report so an export of the dataset writes them back
    coded_columns: dict[str, str] = field(default_factory=dict)
    # when the report was received (ISO UTC moment; stored as the ledger's ``ingested_at``): the "now" a date with no
    # publication date to compare with is checked against (record.late_day_problem), set by extraction when absent
    received: Optional[str] = None
    line: Optional[int] = None            # line number in the input file, for messages
    origin: Optional[str] = None          # input file name, for messages
    incidents: list[Incident] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text, n = clean_text(self.text)
        if n:
            self.problems.append(f"W-TEXT-CLEANED: {n} character(s) replaced (lone surrogates, NUL or control "
                                 f"characters); every offset still points at the same place in the text given")

    @property
    def body_span(self) -> tuple[int, int]:
        return self.body if self.body is not None else (0, len(self.text))

    def where(self) -> str:
        """'reports.jsonl line 12, report r1': names the input in messages."""
        loc = f"{self.origin} line {self.line}, " if self.origin and self.line else (f"{self.origin}, " if self.origin else "")
        return f"{loc}report {self.id}"

    def records(self) -> Iterable[dict[str, Any]]:
        """The contract's output lines for this report (a range's representative day in ``event_date``:
        :func:`with_representative_date`)."""
        for inc in self.incidents:
            yield with_representative_date(inc.to_json(self.id))
