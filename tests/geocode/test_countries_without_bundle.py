"""Notes about countries no theatre bundle describes, written for these tests in ACLED's note style: each is
placed at its town, in the right country, with its first-level unit (the built-in world gazetteer: GeoNames'
towns and subdivisions, built into the user cache on first use)."""
from __future__ import annotations

import pytest

from warledger.record import Report

NOTES = [  # text, country, admin1 (None: any non-empty name), town
    ("On 3 March 2023, soldiers and RSF fighters exchanged fire in Omdurman city (Khartoum). 5 fatalities.",
     "Sudan", "Khartoum", "Omdurman"),
    ("On 9 October 2021, suspected insurgents raided a police post in Damboa (Borno). 2 fatalities.",
     "Nigeria", "Borno", "Damboa"),
    ("On 21 April 2022, a military jet struck Pekon town, Shan state, killing 2 civilians. 2 fatalities.",
     "Myanmar", "Shan", "Pekon"),
    ("On 30 January 2020, unidentified gunmen shot a shopkeeper dead in Culiacan, Sinaloa. 1 fatality.",
     "Mexico", "Sinaloa", "Culiacan"),
    ("On 11 June 2024, several hundred people rallied in Lahore (Punjab) over fuel prices. 0 fatalities.",
     "Pakistan", "Punjab", "Lahore"),
    ("On 2 August 2022, artillery hit Nikopol city (Dnipropetrovsk oblast), injuring 3 civilians. 0 fatalities.",
     "Ukraine", "Dnipropetrovsk", "Nikopol"),
]


@pytest.mark.parametrize("text, country, admin1, town", NOTES)
def test_a_note_abroad_is_placed_with_its_unit(text: str, country: str, admin1: str, town: str) -> None:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process

    report = process(Report(id="n", text=text), load_geocoder(None))
    places = [(i.place.country, i.place.admin1, i.place.location, i.place.geo_precision) for i in report.incidents]
    assert (country, admin1, town, 1) in places, places
