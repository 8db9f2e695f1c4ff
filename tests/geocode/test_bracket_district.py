"""A place the gazetteer lacks, written with its district and governorate in brackets (ACLED's notes write every
place so: "X area (Hays Al Hudaydah)", "X area (Hays, Al Hudaydah)"), stands at the town its district is named
after, at precision 2, with a W-GEO-DISTRICT problem.  Built-in world gazetteer; invented village names."""
from __future__ import annotations

import pytest

from warledger.geocode import load_geocoder
from warledger.pipeline import process
from warledger.record import Report


def _place(text: str):  # type: ignore[no-untyped-def]
    rep = process(Report(id="t", text=text, country="YE"), load_geocoder(None))
    assert rep.incidents
    return rep.incidents[0]


@pytest.mark.parametrize("bracket", ["(Hays Al Hudaydah)", "(Hays, Al Hudaydah)", "(Hays, Hodeidah)"])
def test_a_missing_village_stands_at_its_districts_town(bracket: str) -> None:
    inc = _place(f"On 3 May 2021 fighters shelled farms in Qaryat Zubrakhiyya area {bracket}. No casualties.")
    p = inc.place
    assert p.admin1 == "Al Hudaydah" and p.geo_precision == 2
    hays = load_geocoder(None).resolve("Hays", "Al Hudaydah", country="YE")
    assert (p.latitude, p.longitude) == (hays.latitude, hays.longitude)
    assert any(x.startswith("W-GEO-DISTRICT:") for x in inc.problems)


def test_brackets_naming_only_the_governorate_leave_the_governorate_point() -> None:
    inc = _place("On 3 May 2021 fighters shelled farms in Qaryat Zubrakhiyya area (Al Hudaydah). No casualties.")
    assert inc.place.geo_precision == 3
    assert not any(x.startswith("W-GEO-DISTRICT:") for x in inc.problems)
