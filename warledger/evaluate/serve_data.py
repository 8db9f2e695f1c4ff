"""A synthetic ledger for the serving benchmark (``warledger bench-serve --build``): N incidents written
straight into the ledger's tables, in the shape :class:`warledger.store.Ledger` writes them, fast and
reproducibly, with no real data.

Every place, actor and sentence here is invented (the province and district names are built from
syllables; the actors belong to an imaginary country, "Veloria").  Each incident comes from a report
whose text is written from templates, with evidence offsets into that text, so the workbench's incident
page highlights real spans.  The mix: dates over seven years (some known only as a range, a few
undated), places at village, district and province precision (some with no coordinates), several
perpetrators and event types, casualty counts (some unknown), problems on about a tenth, a second
report merged into about one incident in twelve, bulletins whose headline claim is checked against
their incidents (some mismatch), and review states with their audit rows.

Rows go through the ledger's own code for their shape: ``Incident.to_json`` for records,
``merge_records`` for the merged line, ``incident_row`` for the incident's columns, ``check_report``
for claim checks; only the dedup search is skipped (the generator knows which reports tell one event).
"""
from __future__ import annotations

import json
import random
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable, Iterator, Optional

from sqlalchemy import Connection, delete, func, select

from warledger.errors import InputError
from warledger.reconcile.claims import check_report
from warledger.reconcile.merge import merge_records
from warledger.record import SUB_TO_TYPE, Counts, Evidence, Incident, Place, Range, Report
from warledger.store.ledger import content_hash, incident_row, record_hash
from warledger.store.schema import audit, checks, incidents, records, reports

Rec = dict[str, Any]
INGESTED_AT = "2026-12-06T00:00:00Z"   # fixed, so two builds with one seed write the same rows
FIRST_DAY = date(2019, 1, 1)
DAYS = 7 * 365
BATCH = 2000

# syllables for invented names (no real gazetteer entry is copied)
_START = ("Bal", "Dar", "Kes", "Mur", "Sel", "Tab", "Zor", "Har", "Qul", "Nim", "Fet", "Lor", "Wad", "Rum", "Sab")
_MID = ("", "ar", "el", "im", "ob", "us")
_END = ("ana", "ine", "oun", "aya", "ek", "ir", "un", "ah", "ot", "iya", "em", "ara")
_VILLAGE_WORDS = ("Tell", "Kafr", "Ain", "Beit", "Deir", "Khirbet", "Marj", "Qasr", "Jisr", "Umm")
COUNTRIES = (("Veloria", 8), ("Ostmark", 2))     # invented countries and how many provinces each has
ACTORS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    # (actor1, weight, sub-event types it is reported for)
    ("Military Forces of Veloria (2011-)", 0.34, ("Air/drone strike", "Shelling/artillery/missile attack",
                                                  "Armed clash", "Attack")),
    ("Air Force of Ostmark (2015-)", 0.16, ("Air/drone strike",)),
    ("Veloria Liberation Front", 0.15, ("Armed clash", "Shelling/artillery/missile attack",
                                        "Remote explosive/landmine/IED")),
    ("Northern Shield Brigades", 0.10, ("Armed clash", "Shelling/artillery/missile attack")),
    ("Crescent Hills Militia", 0.08, ("Remote explosive/landmine/IED", "Attack", "Abduction/forced disappearance")),
    ("Unidentified Armed Group (Veloria)", 0.10, ("Attack", "Remote explosive/landmine/IED")),
    ("Coalition Forces in Veloria", 0.07, ("Air/drone strike",)),
)
SOURCES = ("Example Monitor", "Example Network", "Example Observatory", "Example Watch")
PROBLEMS = (
    "W-DATE-REPORT: event date not stated: the report's publication date is used",
    "W-COUNT-NONE: no counts found: one incident for the event the report describes",
    "W-PLACE-INHERITED: place not named in its sentence: the place of the fight it took part in",
    "W-ACTOR-INHERITED: actor1 not named in the record's clause: taken from its sentence",
    "W-REPORTS-DISAGREE: counts disagree between reports: the widest range is kept",
)
# what a report says, per sub-event type: {who} {place} {when} {count} are filled in; [field|words] marks evidence
TEMPLATES: dict[str, tuple[str, ...]] = {
    "Air/drone strike": (
        "{who} carried out air strikes on {place} {when}, killing [killed.civilians|{civ}]{extra}.",
        "Warplanes of {who} bombed {place} {when}; local volunteers said [killed.civilians|{civ}] died{extra}.",
        "A drone struck a car near {place} {when}, killing [killed.civilians|{civ}]{extra}, according to {source}.",
    ),
    "Shelling/artillery/missile attack": (
        "Artillery of {who} shelled {place} {when}, leaving [killed.civilians|{civ}] dead{extra}.",
        "Rockets fired by {who} hit houses in {place} {when} and killed [killed.civilians|{civ}]{extra}.",
    ),
    "Armed clash": (
        "Fighting broke out between {who} and {other} near {place} {when}; [killed.fighters|{fig}] were killed.",
        "{who} attacked positions of {other} around {place} {when}, and [killed.fighters|{fig}] died in the clashes.",
    ),
    "Remote explosive/landmine/IED": (
        "A roadside bomb planted by {who} went off in {place} {when}, killing [killed.civilians|{civ}]{extra}.",
        "An explosive device blamed on {who} exploded at a market in {place} {when}: [killed.civilians|{civ}] died{extra}.",
    ),
    "Attack": (
        "Gunmen of {who} opened fire on a family in {place} {when}, killing [killed.civilians|{civ}].",
        "{who} raided a farm outside {place} {when} and shot [killed.civilians|{civ}]{extra}.",
    ),
    "Abduction/forced disappearance": (
        "{who} seized a group of men at a checkpoint near {place} {when}; their families have no news of them.",
    ),
}
_MARK = re.compile(r"\[([a-z_.]+)\|([^\]]*)\]")


@dataclass
class Spot:
    """One invented place: a village, a district seat or a province, with where it is."""
    name: str
    admin1: str
    admin2: Optional[str]
    country: str
    lat: float
    lon: float
    precision: int


@dataclass
class World:
    provinces: list[Spot] = field(default_factory=list)
    districts: list[Spot] = field(default_factory=list)
    villages: list[Spot] = field(default_factory=list)


def _name(rng: random.Random, used: set[str], prefix: str = "") -> str:
    """An unused invented name (1,080 are possible; a world needs about 530)."""
    while True:
        n = prefix + rng.choice(_START) + rng.choice(_MID) + rng.choice(_END)
        if n not in used:
            used.add(n)
            return n


def make_world(rng: random.Random, villages_per_district: int = 12) -> World:
    """10 provinces, 4 districts each (40 admin2 names), a dozen villages per district, in a box of about
    6 by 5 degrees (so the map's clusters look like a country's)."""
    world = World()
    used: set[str] = set()
    n = 0
    for country, k in COUNTRIES:
        for _ in range(k):
            lat, lon = 32.6 + (n % 4) * 1.2 + rng.uniform(-0.2, 0.2), 36.0 + (n // 4) * 2.0 + rng.uniform(-0.3, 0.3)
            prov = Spot(_name(rng, used), "", None, country, round(lat, 4), round(lon, 4), 3)
            prov.admin1 = prov.name
            world.provinces.append(prov)
            n += 1
            for _d in range(4):
                dlat, dlon = lat + rng.uniform(-0.5, 0.5), lon + rng.uniform(-0.8, 0.8)
                dist = Spot(_name(rng, used), prov.name, "", country, round(dlat, 4), round(dlon, 4), 2)
                dist.admin2 = dist.name
                world.districts.append(dist)
                for _v in range(villages_per_district):
                    vname = _name(rng, used, rng.choice(_VILLAGE_WORDS) + " ")
                    world.villages.append(Spot(vname, prov.name, dist.name, country,
                                               round(dlat + rng.uniform(-0.25, 0.25), 4),
                                               round(dlon + rng.uniform(-0.3, 0.3), 4), 1))
    return world


_ONE = {"civilians": "one civilian", "fighters": "one fighter", "children": "a child", "people": "one person"}


def _people(n: int, what: str) -> str:
    return f"{n} {what}" if n != 1 else _ONE[what]


def _count(rng: random.Random, heavy: float = 0.05) -> int:
    """Mostly small tolls, a long tail."""
    if rng.random() < heavy:
        return rng.randint(12, 60)
    return min(11, int(rng.expovariate(0.45)) + 1)


def render(template: str, values: dict[str, str]) -> tuple[str, list[Evidence]]:
    """Fill a template; ``[field|words]`` marks become plain words with an evidence span each."""
    filled = template.format(**values)
    out: list[str] = []
    evidence: list[Evidence] = []
    pos = last = 0
    for m in _MARK.finditer(filled):
        out.append(filled[last:m.start()])
        pos += m.start() - last
        words = m.group(2)
        evidence.append(Evidence(m.group(1), pos, pos + len(words), words, "synthetic"))
        out.append(words)
        pos += len(words)
        last = m.end()
    out.append(filled[last:])
    return "".join(out), evidence


@dataclass
class Event:
    """What happened (the truth the generator's reports describe)."""
    day: Optional[date]
    span: int                # 0: a day; >0: known only as a range of that many more days
    spot: Optional[Spot]     # None: no coordinates
    area: Spot               # the province (what a report without a place still names)
    actor: str
    other: str
    sub: str
    civ: int
    fig: int
    children: int
    hurt: int
    problems: list[str]


def make_event(rng: random.Random, world: World) -> Event:
    actor, _, subs = rng.choices(ACTORS, weights=[a[1] for a in ACTORS])[0]
    sub = rng.choice(subs)
    # campaigns: some months are far busier than others
    day = FIRST_DAY + timedelta(days=int(DAYS * rng.betavariate(1.3, 1.1)))
    r = rng.random()
    day_or_none: Optional[date] = None if r < 0.04 else day
    span = rng.randint(1, 6) if 0.04 <= r < 0.12 else 0
    g = rng.random()
    village = rng.choice(world.villages)
    area = next(p for p in world.provinces if p.name == village.admin1)
    spot: Optional[Spot]
    if g < 0.70:
        spot = village
    elif g < 0.85:
        spot = next(d for d in world.districts if d.name == village.admin2)
    elif g < 0.93:
        spot = area
    else:
        spot = None
    problems = [rng.choice(PROBLEMS)] if rng.random() < 0.10 else []
    if day_or_none is None:
        problems.append("W-DATE-UNKNOWN: event date not stated and the report has no publication date")
    if spot is None:
        problems.append("W-GEO-NOT-FOUND: place not found in the gazetteer: coordinates left empty")
    other = rng.choice([a[0] for a in ACTORS if a[0] != actor])
    civ = 0 if sub == "Armed clash" else _count(rng)
    fig = _count(rng, 0.1) if sub == "Armed clash" else 0
    children = rng.randint(1, max(1, civ // 2)) if civ >= 3 and rng.random() < 0.3 else 0
    hurt = _count(rng, 0.1) if civ and rng.random() < 0.4 else 0
    return Event(day_or_none, span, spot, area, actor, other, sub, civ, fig, children, hurt, problems)


def _when(ev: Event) -> str:
    if ev.day is None:
        return "recently"
    if ev.span:
        end = ev.day + timedelta(days=ev.span)
        return f"between {ev.day.day} and {end.day} {end.strftime('%B %Y')}" if end.month == ev.day.month \
            else f"between {ev.day.isoformat()} and {end.isoformat()}"
    return f"on {ev.day.day} {ev.day.strftime('%B %Y')}"


def _place_words(ev: Event) -> str:
    if ev.spot is None:
        return f"a village in the countryside of {ev.area.name}"
    if ev.spot.precision == 1:
        return f"{ev.spot.name} in the {ev.spot.admin2} district of {ev.spot.admin1}"
    if ev.spot.precision == 2:
        return f"the outskirts of {ev.spot.name}, {ev.spot.admin1}"
    return f"the countryside of {ev.spot.name}"


def describe(ev: Event, rng: random.Random, source: str, shift: int = 0) -> tuple[str, Incident]:
    """One report's sentence about the event and the record an extractor would read from it.  ``shift``
    changes the civilian toll a second report gives (tolls rise as the wounded die)."""
    civ = ev.civ + shift if ev.civ else 0
    extra = f" including [killed.children|{_people(ev.children, 'children')}]" if ev.children else ""
    if ev.hurt:
        extra += f" and wounding [injured.civilians|{_people(ev.hurt, 'people')}]"
    values = {"who": ev.actor, "other": ev.other, "place": _place_words(ev), "when": _when(ev),
              "civ": _people(civ, "civilians"), "fig": _people(ev.fig, "fighters"), "extra": extra, "source": source}
    unknown = any(p.startswith("W-COUNT-NONE:") for p in ev.problems)
    template = rng.choice(TEMPLATES[ev.sub])
    if unknown:
        template = template.split(",")[0].split(";")[0].rstrip(".") + "."
        template = _MARK.sub(lambda m: m.group(2), template)
    text, evidence = render(template, values)
    killed, injured = Counts(), Counts()
    if not unknown:
        if civ:
            killed.set("civilians", Range.exact(civ))
        if ev.children:
            killed.set("children", Range.exact(ev.children))
        if ev.fig:
            killed.set("fighters", Range.exact(ev.fig))
        if civ + ev.fig:
            killed.set("total", Range.exact(civ + ev.fig))
        if ev.hurt:
            injured.set("civilians", Range.exact(ev.hurt))
    spot = ev.spot
    place = Place(phrase=_place_words(ev), admin1=ev.area.name, country=ev.area.country)
    if spot is not None:
        place.location, place.name = spot.name, spot.name
        place.admin2, place.latitude, place.longitude = spot.admin2, spot.lat, spot.lon
        place.geo_precision, place.where_prec = spot.precision, {1: 1, 2: 3, 3: 4}[spot.precision]
    if spot is not None and spot.precision == 1:
        i = text.find(spot.name)
        if i >= 0:
            evidence.append(Evidence("location", i, i + len(spot.name), spot.name, "synthetic"))
    event_date = ev.day.isoformat() if ev.day and not ev.span else None
    date_range = (ev.day.isoformat(), (ev.day + timedelta(days=ev.span)).isoformat()) if ev.day and ev.span else None
    inc = Incident(kind="incident", event_date=event_date, date_range=date_range,
                   time_precision=None if ev.day is None else (2 if ev.span else 1),
                   event_type=_event_type(ev.sub), sub_event_type=ev.sub, actor1=ev.actor,
                   actor2=ev.other if ev.sub == "Armed clash" else f"Civilians ({ev.area.country})",
                   place=place, killed=killed, injured=injured, evidence=evidence, problems=list(ev.problems))
    return text, inc


def _event_type(sub: str) -> str:
    return SUB_TO_TYPE[sub]


@dataclass
class Rows:
    reports: list[Rec] = field(default_factory=list)
    records: list[Rec] = field(default_factory=list)
    incidents: list[Rec] = field(default_factory=list)
    checks: list[Rec] = field(default_factory=list)
    audit: list[Rec] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.incidents)


class Builder:
    """Generates the rows; :func:`build_ledger` writes them."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.world = make_world(random.Random(seed + 1))
        self.report_seq = 0
        self.incident_seq = 0

    def _report(self, rows: Rows, text: str, incs: list[Incident], published: Optional[str],
                source: str) -> list[Rec]:
        self.report_seq += 1
        rid = f"bench-{self.report_seq:07d}"
        rep = Report(id=rid, text=text, published=published, source=source, language="en",
                     url=f"https://example.org/bench/{self.report_seq}", incidents=incs)
        chash = content_hash(rep)
        rows.reports.append(dict(seq=self.report_seq, id=rid, content_hash=chash, text=text, source=source,
                                 url=rep.url, published=published, language="en", problems="[]",
                                 n_records=len(incs), ingested_at=INGESTED_AT))
        recs = []
        for ordinal, inc in enumerate(incs):
            rec = inc.to_json(rid)
            rec.update(record_id="rec-" + record_hash(rid, chash, ordinal), published=published, source=source,
                       url=rep.url, ordinal=ordinal)
            recs.append(rec)
        return recs

    def _store_records(self, rows: Rows, recs: list[Rec], incident_ids: list[Optional[str]]) -> None:
        for rec, iid in zip(recs, incident_ids):
            rows.records.append(dict(record_id=rec["record_id"], report_id=rec["report_id"], ordinal=rec["ordinal"],
                                     report_seq=int(rec["report_id"].split("-")[1]), kind=rec["kind"],
                                     incident_id=iid, data=json.dumps(rec, ensure_ascii=False, sort_keys=True)))

    def _incident(self, rows: Rows, members: list[Rec], claim_failed: bool = False) -> str:
        self.incident_seq += 1
        iid: str = "inc-" + members[0]["record_id"][4:]
        row = incident_row(merge_records(members, iid), self.incident_seq)
        r = self.rng.random()
        row["review_state"] = ("accepted" if r < 0.08 else "rejected" if r < 0.11
                               else "needs_review" if r < 0.15 else "unreviewed")
        row["claim_failed"] = 1 if claim_failed else 0
        if row["review_state"] != "unreviewed":
            rows.audit.append(dict(incident_id=iid, action="review", field="review_state", old_value='"unreviewed"',
                                   new_value=json.dumps(row["review_state"]), who="bench-analyst", at=INGESTED_AT,
                                   reason="synthetic review"))
        rows.incidents.append(row)
        return iid

    def _published(self, ev: Event, lag: int) -> Optional[str]:
        return (ev.day + timedelta(days=ev.span + lag)).isoformat() if ev.day else None

    def single(self, rows: Rows) -> None:
        """One event, told by one report, or by two (merged into one incident)."""
        ev = make_event(self.rng, self.world)
        source = self.rng.choice(SOURCES)
        text, inc = describe(ev, self.rng, source)
        recs = self._report(rows, text, [inc], self._published(ev, self.rng.randint(0, 1)), source)
        if self.rng.random() < 0.08:
            other = self.rng.choice([s for s in SOURCES if s != source])
            text2, inc2 = describe(ev, self.rng, other, shift=self.rng.randint(0, 2))
            recs += self._report(rows, "Update: " + text2, [_shifted(inc2, 8)], self._published(ev, 2), other)
        iid = self._incident(rows, recs)
        self._store_records(rows, recs, [iid] * len(recs))

    def bulletin(self, rows: Rows) -> None:
        """A daily bulletin: a headline total and the two or three incidents it sums (sometimes wrongly)."""
        first = make_event(self.rng, self.world)
        if first.day is None or first.sub == "Armed clash" or first.civ == 0:
            self.single(rows)
            return
        events = [first]
        for _ in range(self.rng.randint(1, 2)):
            ev = make_event(self.rng, self.world)
            ev.day, ev.span, ev.actor, ev.area = first.day, 0, first.actor, first.area
            ev.sub, ev.civ, ev.fig, ev.problems = first.sub, max(1, ev.civ), 0, []
            ev.spot = self.rng.choice([v for v in self.world.villages if v.admin1 == first.area.name])
            events.append(ev)
        source = self.rng.choice(SOURCES)
        claimed = sum(e.civ for e in events) + (self.rng.randint(1, 4) if self.rng.random() < 0.3 else 0)
        head = f"Attacks by {first.actor} in {first.area.name} kill "
        claim_words = _people(claimed, "civilians")
        parts = [describe(e, self.rng, source) for e in events]
        body, incs, at = "", [], len(head) + len(claim_words) + 2
        for sentence, inc in parts:
            body += sentence + " "
            inc.evidence = [Evidence(e.field, e.start + at, e.end + at, e.text, e.rule) for e in inc.evidence]
            at += len(sentence) + 1
            incs.append(inc)
        text = head + claim_words + "\n\n" + body.rstrip()
        agg = Incident(kind="aggregate", event_date=first.day.isoformat(), time_precision=1,
                       event_type=_event_type(first.sub), sub_event_type=first.sub, actor1=first.actor,
                       place=Place(phrase=first.area.name, admin1=first.area.name, country=first.area.country,
                                   geo_precision=3),
                       killed=_counts(civilians=claimed),
                       evidence=[Evidence("killed.civilians", len(head), len(head) + len(claim_words), claim_words,
                                          "synthetic")])
        recs = self._report(rows, text, [agg] + incs, self._published(first, 0), source)
        found = check_report(recs, text)
        failed = any(c["status"] == "mismatch" for c in found)
        ids: list[Optional[str]] = [None] + [self._incident(rows, [r], claim_failed=failed) for r in recs[1:]]
        self._store_records(rows, recs, ids)
        for chk in found:
            rows.checks.append(dict(check_id=f"{chk['record_id']}:{chk['category']}", report_id=chk["report_id"],
                                    record_id=chk["record_id"], category=chk["category"], status=chk["status"],
                                    data=json.dumps(chk, ensure_ascii=False)))

    def rows(self, n: int, batch: int = BATCH) -> Iterator[Rows]:
        """Batches of rows until ``n`` incidents are made."""
        rows = Rows()
        made = 0
        while made < n:
            before = len(rows)
            if n - made >= 3 and self.rng.random() < 0.02:
                self.bulletin(rows)
            else:
                self.single(rows)
            made += len(rows) - before
            if len(rows) >= batch:
                yield rows
                rows = Rows()
        if len(rows):
            yield rows


def _counts(**kw: int) -> Counts:
    c = Counts()
    for k, v in kw.items():
        c.set(k, Range.exact(v))
    return c


def _shifted(inc: Incident, by: int) -> Incident:
    """The same record for a report whose text starts ``by`` characters later."""
    inc.evidence = [Evidence(e.field, e.start + by, e.end + by, e.text, e.rule) for e in inc.evidence]
    return inc


def build_ledger(db: str, n: int, seed: int = 7, force: bool = False,
                 progress: Optional[Callable[[int], None]] = None) -> dict[str, Any]:
    """Write ``n`` synthetic incidents into the ledger ``db`` (a SQLite path or PostgreSQL URL).

    The ledger must be empty, unless ``force`` (then its incidents, records, reports, checks and audit
    rows are deleted first).  Returns counts and the seconds taken."""
    from warledger.store import Ledger

    if n < 1:
        raise InputError(f"--incidents {n}: give at least 1")
    t0 = time.perf_counter()
    with Ledger(db) as ledger:
        have = ledger.counts()
        if have["incidents"] or have["reports"]:
            if not force:
                raise InputError(f"the ledger {db!r} already holds {have['incidents']} incidents and "
                                 f"{have['reports']} reports: give an empty one, or --force to delete them")
            with ledger.engine.begin() as conn:
                for table in (audit, checks, records, incidents, reports):
                    conn.execute(delete(table))
        made = 0
        for rows in Builder(seed).rows(n):
            with ledger.engine.begin() as conn:
                _insert(conn, rows)
            made += len(rows)
            if progress is not None:
                progress(made)
        counts: dict[str, Any] = dict(ledger.counts())
        with ledger.engine.connect() as conn:
            counts["merged"] = int(conn.execute(select(func.count()).select_from(incidents)
                                                .where(incidents.c.n_reports > 1)).scalar_one())
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    return counts


def _insert(conn: Connection, rows: Rows) -> None:
    for table, batch in ((reports, rows.reports), (incidents, rows.incidents), (records, rows.records),
                         (checks, rows.checks), (audit, rows.audit)):
        if batch:
            conn.execute(table.insert(), batch)
