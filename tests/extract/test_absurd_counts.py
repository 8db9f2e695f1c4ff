"""Figures no report can state about its events are refused, whatever the path that reads them (issue 14):
left null with a W-COUNT-ABSURD problem (the ceiling is the "any" row of warledger/data/plausible.tsv)."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.extract.numbers import COUNT_CEILING


def _absurd(incs: list) -> bool:  # type: ignore[type-arg]
    return any(p.startswith("W-COUNT-ABSURD") for i in incs for p in i.problems)


def test_an_absurd_toll_in_a_note_with_no_publication_date_is_refused() -> None:
    # one line, no publication date: read as a one-event note, which has no incident bound of its own
    incs = extract_text("Regime forces killed 5000000 civilians in Tell Zorbat.")
    assert incs and all(i.killed.civilians is None and i.fatalities in (None, 0) for i in incs)
    assert _absurd(incs)
    assert not any(e.field.startswith("killed.") for i in incs for e in i.evidence)


def test_absurd_figures_in_a_bulletin_are_refused_and_plausible_ones_kept() -> None:
    text = ("The shelling of Ain Qarsa on 3 May 2022 left 3,000,000,000 fatalities. "
            "Warplanes struck Telmun village on 4 May 2022, killing 6 civilians.")
    incs = extract_text(text, "2022-05-05")
    assert _absurd(incs)
    assert all((r.value() or 0) <= COUNT_CEILING for i in incs for r in (i.killed.total, i.killed.civilians) if r)
    assert [i.killed.civilians.best for i in incs if i.killed.civilians] == [6]


def test_a_large_but_possible_war_total_is_not_refused() -> None:
    incs = extract_text("More than 300,000 people have been killed in the war since 2011.", "2022-05-05")
    assert not _absurd(incs)
    assert any(i.killed.total is not None and i.killed.total.low == 300_001 for i in incs)
