"""A governorate ACLED's data spells differently by period (IQ/admin1_periods.tsv) is written as it was for the
record's day: Dahuk for a 2020 event, Duhok for a 2022 one."""
from __future__ import annotations

from datetime import date

import pytest

from warledger.theatre.admin_names import admin1_name

NOTES = [  # text, admin1
    ("On 3 March 2020, Turkish drones struck a PKK position near Zakho in Iraq. No casualties.", "Dahuk"),
    ("On 3 March 2022, Turkish drones struck a PKK position near Zakho in Iraq. No casualties.", "Duhok"),
    ("On 9 June 2022, gunmen shot dead a shop owner in Amarah, Iraq.", "Maysan"),
]


@pytest.mark.parametrize("text, admin1", NOTES)
def test_a_note_s_unit_is_spelt_as_for_its_day(text: str, admin1: str) -> None:
    from warledger.geocode import load_geocoder
    from warledger.pipeline import process
    from warledger.record import Report

    report = process(Report(id="n", text=text), load_geocoder(None))
    assert [i.place.admin1 for i in report.incidents] == [admin1], [i.place.admin1 for i in report.incidents]


def test_no_row_no_day_or_other_country_keeps_the_name() -> None:
    assert admin1_name("IQ", "Baghdad", date(2020, 1, 1)) == "Baghdad"
    assert admin1_name("IQ", "Duhok", None) == "Duhok"
    assert admin1_name("SY", "Duhok", date(2020, 1, 1)) == "Duhok"
