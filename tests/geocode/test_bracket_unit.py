"""A place written with its first-level unit in brackets, in a country whose units no theatre's admin table lists
(ACLED's "Town (Unit)"), is looked for in that unit: a namesake elsewhere in the country is not taken, and a village
the gazetteer lacks is put in the unit (precision 3), not at a like-spelt town in another unit.  ACLED's spelling of
the unit is written (data/world_admin1.tsv)."""
from __future__ import annotations

import pytest

NOTES = [  # text, country, admin1
    ("On 4 June 2024, Russian artillery shelled Kamianske (Zaporizhia), wounding 2 civilians.", "Ukraine", "Zaporizhia"),
    ("On 9 July 2024, a Russian drone hit a house in Novoselivka (Kharkiv). No casualties.", "Ukraine", "Kharkiv"),
    ("On 2 May 2024, Al Shabaab fighters attacked an army base near Bal'ad (Middle Shabelle).", "Somalia",
     "Middle Shabelle"),
]


@pytest.mark.parametrize("text, country, admin1", NOTES)
def test_the_bracketed_unit_holds_the_place(text: str, country: str, admin1: str) -> None:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process
    from warledger.record import Report

    report = process(Report(id="n", text=text), load_geocoder(None))
    places = [(i.place.country, i.place.admin1, i.place.location) for i in report.incidents]
    assert places and all((c, a) == (country, admin1) for c, a, _ in places), places
