"""Iraq's and Yemen's districts (GeoNames' second-level units, data/theatres/IQ|YE/admin.tsv): a note naming only a
small place and its district gets the country, and the district's governorate, from the district.  Texts invented."""
from __future__ import annotations

import pytest

from warledger.geocode import load_geocoder
from warledger.geocode.gazetteer import admin_table
from warledger.pipeline import process
from warledger.record import Report
from warledger.theatre.country import find_country


@pytest.mark.parametrize(("text", "country"), [
    ("On 4 March 2021 a roadside bomb wounded 2 farmers near a village of Shirqat district.", "IQ"),
    ("On 9 June 2020 residents of a hamlet in Al-Hawija district blocked the road over power cuts.", "IQ"),
    ("On 2 May 2020 tribesmen gathered at a crossroads in Harf Sufyan district to mediate a feud.", "YE"),
])
def test_a_district_alone_names_its_country(text: str, country: str) -> None:
    assert find_country(text).code == country


@pytest.mark.parametrize(("text", "admin1"), [
    ("On 4 March 2020 a roadside bomb wounded 2 farmers in Qaryat Zarzuriyya in Shirqat district.", "Sala al-Din"),
    ("On 2 May 2020 a landmine killed a shepherd in Wadi Khabrat in Harf Sufyan district.", "Amran"),
])
def test_a_village_the_gazetteer_lacks_takes_its_districts_governorate(text: str, admin1: str) -> None:
    rep = process(Report(id="t", text=text), load_geocoder(None))
    assert rep.incidents and rep.incidents[0].place is not None
    assert rep.incidents[0].place.admin1 == admin1


def test_every_district_lies_in_a_governorate_of_its_own_bundle() -> None:
    for cc, least in (("IQ", 60), ("YE", 250)):
        rows = admin_table(cc)
        govs = {r.name for r in rows if r.level == "admin1"}
        districts = [r for r in rows if r.level == "admin2"]
        assert len(districts) >= least
        assert all(r.admin1 in govs for r in districts)
