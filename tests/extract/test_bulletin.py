"""Extraction on an invented bulletin in a monitor's style (different villages, numbers and wording
from any real report)."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.record import Incident

BULLETIN = (
    "In 3 days of heavy bombing, nearly 90 raids by warplanes on Hama kill 11 civilians including 4 children\n\n"
    "Since the fifth of this month, the warplanes carried out more than 60 air strikes on the northern "
    "countryside of Hama, and the strikes killed 9 civilians including 3 children and 2 women, they are "
    "5 civilians including a woman and two children were killed in a massacre committed by the warplanes on "
    "Tell Waridah village in the northern countryside of Hama, and 4 civilians including a child and a woman; "
    "were killed by warplanes that targeted Kafr Saghir town in the western countryside of Hama, while the "
    "warplanes targeted yesterday a school in Abu Dulay village, which put it out of service.\n\n"
    "The strikes also killed 6 fighters, and they are 4 fighters of the Northern Falcons Brigade killed in "
    "shelling on their positions in Umm Sahrij area in the northern countryside of Hama, and 2 members of "
    "“Liwa al-Wadi” faction were killed in a raid on Jurf Abyad village in Hama countryside.\n\n"
    "In addition, a young man was killed and dozens of others were injured in bombardment on the "
    "village of Qasr Hamid near Masyaf, and no casualties were reported in shelling on Tal Rumh village.\n"
)
PUBLISHED = "2021-03-09"


def _recs() -> list[Incident]:
    return extract_text(BULLETIN, PUBLISHED)


def _by_place(name: str) -> Incident:
    found = [r for r in _recs() if r.kind == "incident" and r.place.name == name]
    assert len(found) == 1, [(r.kind, r.place.name) for r in _recs()]
    return found[0]


def _best(r) -> int | None:
    return None if r is None else r.value()


def test_aggregates_and_strike_counts() -> None:
    aggs = [r for r in _recs() if r.kind == "aggregate"]
    assert len(aggs) == 3
    head, russian, fighters = aggs
    assert head.strikes is not None and head.strikes.high == 90 and head.strikes.low is None
    assert _best(head.killed.civilians) == 11 and _best(head.killed.children) == 4
    assert russian.strikes is not None and russian.strikes.low == 61
    assert russian.date_range == ("2021-03-05", "2021-03-09")
    assert _best(russian.killed.civilians) == 9 and _best(russian.killed.women) == 2
    assert _best(fighters.killed.fighters) == 6


def test_incidents_counts_places_and_subcounts() -> None:
    tw = _by_place("Tell Waridah")
    assert (_best(tw.killed.civilians), _best(tw.killed.women), _best(tw.killed.children)) == (5, 1, 2)
    assert tw.place.governorate == "Hama"
    ks = _by_place("Kafr Saghir")
    assert (_best(ks.killed.civilians), _best(ks.killed.children), _best(ks.killed.women)) == (4, 1, 1)
    assert tw.date_range == ("2021-03-05", "2021-03-09")  # a part of the tally since the 5th


def test_damage_incident_dated_yesterday() -> None:
    school = _by_place("Abu Dulay")
    assert school.event_date == "2021-03-08"
    assert [(d.object, d.effect) for d in school.damage] == [("school", "out of service")]
    assert school.killed.is_empty()


def test_fighters_by_faction() -> None:
    groups = {g.group: g.count.value() for r in _recs() if r.kind == "incident" for g in r.killed_groups}
    assert groups == {"Northern Falcons Brigade": 4, "Liwa al-Wadi": 2}


def test_young_man_dozens_and_negation() -> None:
    qh = _by_place("Qasr Hamid")
    assert _best(qh.killed.men) == 1
    # "others" after "a young man" are civilians too; "dozens" is ACLED's 12
    assert qh.injured.civilians is not None and qh.injured.civilians.low == 12 and qh.injured.civilians.best == 12
    tr = _by_place("Tal Rumh")
    assert tr.killed.total is not None and tr.killed.total.best == 0
    assert tr.fatalities == 0


def test_incident_totals_match_tally() -> None:
    civ = sum(_best(r.killed.civilians) or 0 for r in _recs()
              if r.kind == "incident" and r.place.name in ("Tell Waridah", "Kafr Saghir"))
    assert civ == 9


def test_every_value_has_evidence_pointing_into_text() -> None:
    for r in _recs():
        for ev in r.evidence:
            assert BULLETIN[ev.start:ev.end] == ev.text
        fields = {e.field for e in r.evidence}
        for cat in ("civilians", "children", "women", "men", "fighters", "total"):
            if r.killed.get(cat) is not None:
                assert f"killed.{cat}" in fields, (cat, r.place.name)
        if r.strikes is not None:
            assert "strikes" in fields


def test_package_is_callable_as_the_library_api() -> None:
    import warledger.extract as wx

    recs = wx("Shelling killed 2 civilians in Tell Waridah village in the northern countryside of Hama.",
              published="2021-03-09")
    assert len(recs) == 1 and recs[0].place.name == "Tell Waridah" and recs[0].fatalities == 2
