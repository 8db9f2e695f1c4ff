"""Hand-made reports for the ledger tests: invented bulletins in a monitor's style, with the incidents
and aggregate claims an extractor should read from them built by hand (places are real Syrian towns;
events, dates and numbers are invented).  Shared by tests/store, tests/reconcile and tests/export."""
from __future__ import annotations

import random
from typing import Any, Iterator, Optional

from warledger.record import Counts, Evidence, GroupCount, Incident, Place, Range, Report

RUSSIA = "Military Forces of Russia (2000-)"
SYRIA = "Military Forces of Syria (2000-)"
AIR = ("Explosions/Remote violence", "Air/drone strike")
SHELL = ("Explosions/Remote violence", "Shelling/artillery/missile attack")

# approximate coordinates of real towns (general knowledge)
PLACES: dict[str, tuple[str, str, str, float, float]] = {
    "Kafr Zita": ("Hama", "Muhradah", "Kafr Zita", 35.374, 36.602),
    "Ariha": ("Idlib", "Ariha", "Ariha", 35.812, 36.609),
    "Maarat Misrin": ("Idlib", "Idlib", "Maarat Misrin", 36.012, 36.673),
    "Kabani": ("Latakia", "Jisr-Ash-Shugur", "Kabani", 35.786, 36.275),
    "Sarmin": ("Idlib", "Idlib", "Sarmin", 35.903, 36.725),
    "Binnish": ("Idlib", "Idlib", "Binnish", 35.957, 36.711),
    "Nawa": ("Daraa", "Izra'", "Nawa", 32.889, 36.043),
    "Tafas": ("Daraa", "Daraa", "Tafas", 32.737, 35.993),
}

BULLETIN = (
    "Four days of raids on Idlib and Hama kill 14 civilians including 4 children\n\n"
    "Since the 16th of this month, Russian warplanes have carried out more than 60 air strikes on the "
    "countryside of Idlib and Hama, killing 11 civilians including 4 children and 2 women. They are 5 "
    "civilians including 2 children and a woman killed in strikes on Kafr Zita town in the northern "
    "countryside of Hama, 4 civilians including a woman killed when warplanes bombed Ariha city south of "
    "Idlib, and 2 children killed in raids on Maarat Misrin village north of Idlib. Russian raids also "
    "killed 6 fighters: 4 fighters of the Coastal Brigade at their posts near Kabani and 2 fighters of the "
    "Valley Regiment near Kabani.\n\n"
    "Regime warplanes carried out at least 30 air strikes since the 17th, killing 3 civilians: 2 civilians "
    "in Sarmin town and a man in Binnish city. In all, about 90 raids were counted."
)

CONTRADICTION = (
    "Regime shelling kills 4 civilians in Daraa countryside\n\n"
    "Regime artillery shelled Nawa city on Tuesday, killing 3 civilians including a child, and hours later "
    "shells fell on Tafas town, killing 3 more civilians from one family."
)

FIRST = "Russian warplanes struck Kafr Zita town in the northern countryside of Hama on Tuesday, killing 5 civilians."
UPDATE = ("The death toll of Tuesday's Russian strikes on Kafr Zita in northern Hama has risen to 7 civilians "
          "including 2 children, after two of the wounded died.")
OTHER = "Kafr Zita, Hama: at least 6 civilians died in Russian air raids on the town on 17 May 2022."
LATER = "Russian warplanes bombed Kafr Zita again on Wednesday 25 May, killing 2 civilians."


def ev(text: str, field: str, quote: str, nth: int = 0) -> Evidence:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Evidence(field, start, start + len(quote), quote, "handmade")


def place(name: Optional[str], phrase: Optional[str] = None, admin1: Optional[str] = None) -> Place:
    if name is None:
        return Place(phrase=phrase, admin1=admin1, country="Syria", geo_precision=3 if admin1 else None)
    a1, a2, a3, lat, lon = PLACES[name]
    return Place(phrase=phrase or name, name=name, location=name, admin1=a1, admin2=a2, admin3=a3, country="Syria",
                 latitude=lat, longitude=lon, geo_precision=1, where_prec=1)


def counts(**kw: Any) -> Counts:
    c = Counts()
    for k, v in kw.items():
        c.set(k, v if isinstance(v, Range) else Range.exact(v))
    return c


def incident(text: str, *, kind: str = "incident", date: Optional[str] = None,
             date_range: Optional[tuple[str, str]] = None, precision: int = 1, actor: Optional[str] = RUSSIA,
             typ: tuple[str, str] = AIR, where: Optional[Place] = None, killed: Optional[Counts] = None,
             injured: Optional[Counts] = None, strikes: Optional[Range] = None,
             groups: Optional[list[GroupCount]] = None, evidence: Optional[list[Evidence]] = None,
             weapon: str = "warplanes") -> Incident:
    inc = Incident(kind=kind, event_date=date, date_range=date_range, time_precision=precision, event_type=typ[0],
                   sub_event_type=typ[1], weapon=weapon, actor1=actor, actor2="Civilians (Syria)",
                   place=where or Place(), strikes=strikes, killed=killed or Counts(), injured=injured or Counts(),
                   killed_groups=groups or [], evidence=evidence or [])
    for e in inc.evidence:
        assert text[e.start:e.end] == e.text
    return inc


def bulletin(rid: str = "b1", published: str = "2022-05-20") -> Report:
    """The seed-like bulletin: every total agrees with its parts."""
    t = BULLETIN
    period_r = ("2022-05-16", "2022-05-20")
    period_s = ("2022-05-17", "2022-05-20")
    incs = [
        incident(t, kind="aggregate", date="2022-05-20", date_range=period_r, precision=2, actor=None,
                 where=place(None, "Idlib and Hama", None),
                 killed=counts(civilians=14, children=4), strikes=Range(None, 90, None),
                 evidence=[ev(t, "killed.civilians", "14 civilians"), ev(t, "killed.children", "4 children"),
                           ev(t, "strikes", "about 90 raids")]),
        incident(t, kind="aggregate", date="2022-05-20", date_range=period_r, precision=2,
                 where=place(None, "countryside of Idlib and Hama", "Idlib"),
                 killed=counts(civilians=11, children=4, women=2), strikes=Range(61, None, None),
                 evidence=[ev(t, "killed.civilians", "11 civilians"), ev(t, "killed.children", "4 children", 1),
                           ev(t, "killed.women", "2 women"), ev(t, "strikes", "more than 60 air strikes")]),
        incident(t, date="2022-05-17", where=place("Kafr Zita"), killed=counts(civilians=5, children=2, women=1),
                 evidence=[ev(t, "killed.civilians", "5 civilians including 2 children and a woman")]),
        incident(t, date="2022-05-18", where=place("Ariha"), killed=counts(civilians=4, women=1),
                 evidence=[ev(t, "killed.civilians", "4 civilians including a woman")]),
        incident(t, date="2022-05-19", where=place("Maarat Misrin"), killed=counts(children=2),
                 evidence=[ev(t, "killed.children", "2 children killed in raids")]),
        incident(t, kind="aggregate", date="2022-05-20", date_range=period_r, precision=2,
                 where=place(None, "Idlib and Hama", None), killed=counts(fighters=6),
                 evidence=[ev(t, "killed.fighters", "6 fighters")]),
        incident(t, date="2022-05-18", where=place("Kabani"), killed=Counts(), typ=AIR,
                 groups=[GroupCount("Coastal Brigade", Range.exact(4))],
                 evidence=[ev(t, "killed_groups", "4 fighters of the Coastal Brigade")]),
        incident(t, date="2022-05-19", where=place("Kabani"), killed=Counts(),
                 groups=[GroupCount("Valley Regiment", Range.exact(2))],
                 evidence=[ev(t, "killed_groups", "2 fighters of the Valley Regiment")]),
        incident(t, kind="aggregate", date="2022-05-20", date_range=period_s, precision=2, actor=SYRIA,
                 where=place(None, "Idlib", "Idlib"), killed=counts(civilians=3), strikes=Range(30, None, None),
                 evidence=[ev(t, "killed.civilians", "3 civilians"), ev(t, "strikes", "at least 30 air strikes")]),
        incident(t, date="2022-05-18", actor=SYRIA, where=place("Sarmin"), killed=counts(civilians=2),
                 evidence=[ev(t, "killed.civilians", "2 civilians in Sarmin")]),
        incident(t, date="2022-05-19", actor=SYRIA, where=place("Binnish"), killed=counts(civilians=1, men=1),
                 evidence=[ev(t, "killed.civilians", "a man")]),
    ]
    return Report(id=rid, text=t, published=published, source="Example Monitor", url=f"https://example.org/{rid}",
                  language="en", incidents=incs)


def contradiction(rid: str = "bad1", published: str = "2022-06-08") -> Report:
    """A bulletin whose headline (4 civilians) contradicts its parts (3 + 3)."""
    t = CONTRADICTION
    incs = [
        incident(t, kind="aggregate", date="2022-06-07", actor=SYRIA, typ=SHELL, where=place(None, "Daraa countryside", "Daraa"),
                 killed=counts(civilians=4), evidence=[ev(t, "killed.civilians", "4 civilians")], weapon="artillery"),
        incident(t, date="2022-06-07", actor=SYRIA, typ=SHELL, where=place("Nawa"), killed=counts(civilians=3, children=1),
                 evidence=[ev(t, "killed.civilians", "3 civilians including a child")], weapon="artillery"),
        incident(t, date="2022-06-07", actor=SYRIA, typ=SHELL, where=place("Tafas"), killed=counts(civilians=3),
                 evidence=[ev(t, "killed.civilians", "3 more civilians")], weapon="artillery"),
    ]
    return Report(id=rid, text=t, published=published, source="Example Network", language="en", incidents=incs)


def kafr_zita_series() -> list[Report]:
    """First report (5 killed), an update (7), another monitor (at least 6), and a different day."""
    def one(rid: str, text: str, pub: str, date: str, killed: Counts, quote: str, source: str) -> Report:
        inc = incident(text, date=date, where=place("Kafr Zita"), killed=killed,
                       evidence=[ev(text, "killed.civilians", quote)])
        return Report(id=rid, text=text, published=pub, source=source, language="en", incidents=[inc])
    return [
        one("kz1", FIRST, "2022-05-18", "2022-05-17", counts(civilians=5), "5 civilians", "Example Monitor"),
        one("kz2", UPDATE, "2022-05-19", "2022-05-17", counts(civilians=7, children=2),
            "7 civilians", "Example Monitor"),
        one("kz3", OTHER, "2022-05-18", "2022-05-17", counts(civilians=Range(6, None, None)),
            "at least 6 civilians", "Example Network"),
        one("kz4", LATER, "2022-05-26", "2022-05-25", counts(civilians=2), "2 civilians", "Example Monitor"),
    ]


def generated(n: int, seed: int = 7) -> Iterator[Report]:
    """A large deterministic corpus: short reports, each one incident, many describing the same event."""
    rng = random.Random(seed)
    names = sorted(PLACES)
    for i in range(n):
        name = names[rng.randrange(len(names))]
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(12)
        k = 1 + rng.randrange(9)
        text = f"Report {i}: warplanes struck {name} on day {day} of month {month}, killing {k} civilians."
        inc = incident(text, date=f"2021-{month:02d}-{day:02d}", where=place(name), killed=counts(civilians=k),
                       evidence=[ev(text, "killed.civilians", f"{k} civilians")])
        yield Report(id=f"g{i}", text=text, published=f"2021-{month:02d}-{day:02d}", source="Generator",
                     incidents=[inc])
