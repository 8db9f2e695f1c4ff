"""Tolls as web texts state them (session 14, airwars14): a strike that killed only fighters is 0 civilians
killed, with a problem saying so; a fighter toll beside a civilian one is left as it is."""
from __future__ import annotations

import warledger


def _incidents(text: str, published: str = "2023-03-14") -> list[warledger.record.Incident]:
    return [i for i in warledger.extract(text, published=published) if i.kind == "incident"]


def test_fighters_only_means_no_civilian_killed() -> None:
    incs = _incidents("Two militia fighters were killed on Monday when a drone struck their pickup truck "
                      "near the village of Tell Hamra, the monitor said.")
    assert len(incs) == 1
    k = incs[0].killed
    assert k.fighters is not None and k.fighters.value() == 2
    assert k.civilians is not None and k.civilians.value() == 0
    assert any(p.startswith("W-CIVILIANS-INFERRED:") and "fighters" in p for p in incs[0].problems)
    assert incs[0].fatalities == 2  # the ACLED toll is still the two fighters


def test_a_civilian_beside_the_fighters_is_not_zeroed() -> None:
    incs = _incidents("Two fighters and a shepherd were killed on Monday when a drone struck a pickup truck "
                      "near the village of Tell Hamra.")
    civ = [i.killed.civilians.value() for i in incs if i.killed.civilians is not None]
    assert 0 not in civ


def test_a_toll_of_no_stated_kind_is_not_zeroed() -> None:
    incs = _incidents("Five were killed, three of them fighters, when a drone struck a pickup truck near the "
                      "village of Tell Hamra on Monday.")
    assert all(i.killed.civilians is None or i.killed.civilians.value() != 0 for i in incs)
