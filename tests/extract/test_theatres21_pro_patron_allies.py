"""A force and its proxies named together as the one side that fired ("Turkish forces and pro-Turkey factions shelled
X") are one side: the proxies are actor1's associates, not actor2 (the "pro-<patron>" between "and" and the ally used
to break the "A and C" reading, and the ally became the side attacked).  Invented notes."""
from __future__ import annotations

from warledger.extract import extract_report
from warledger.record import Incident, Report


def _one(text: str) -> Incident:
    report = extract_report(Report(id="t", text=text, country="Syria"))
    incs = [i for i in report.incidents if isinstance(i, Incident) and i.kind == "incident"]
    assert len(incs) == 1, incs
    return incs[0]


def test_a_patron_and_its_pro_patron_allies_shelling_together_are_one_side() -> None:
    inc = _one("Late on 2 May 2022, Turkish forces and pro-Turkey rebel factions shelled the town of Tal Rifaat, "
               "north of Aleppo city; nobody was reported hurt.")
    assert inc.actor1 == "Military Forces of Turkey (2016-)"
    assert inc.actor2 is None
    assert "Opposition Rebels (Syria)" in inc.to_json("t")["assoc_actor_1"]


def test_the_side_they_shelled_is_still_actor2() -> None:
    inc = _one("Late on 2 May 2022, Turkish forces and pro-Turkey rebel factions shelled SDF posts outside Tal Rifaat, "
               "north of Aleppo city; nobody was reported hurt.")
    assert inc.actor1 == "Military Forces of Turkey (2016-)"
    assert inc.actor2 == "QSD: Syrian Democratic Forces"
