"""Issue 11: a village missing from the gazetteer is never drawn at a made-up point ("25 km west of the
capital").  It stands at the point of the smallest admin unit (or region) the phrase names, with the
precision codes that say so and a W-GEO-CENTROID problem a map can show.  Fixture gazetteer, invented
village names."""
from __future__ import annotations

import pytest

from warledger.geocode import Geocoder
from warledger.geocode.gazetteer import admin_table
from warledger.geocode.resolve import CENTROID_CODE
from warledger.record import Incident, Place, Report


def _gov_point(name: str) -> tuple[float, float]:
    row = next(r for r in admin_table() if r.level == "admin1" and r.name == name)
    return row.latitude, row.longitude


def _flagged(problems: list[str]) -> list[str]:
    return [p for p in problems if p.startswith(CENTROID_CODE + ":")]


@pytest.mark.parametrize("phrase,gov", [
    ("Ain Sawda village in the western countryside of Idlib", "Idleb"),
    ("Ain Sawda village in the southern countryside of Idlib", "Idleb"),
    ("Ain Sawda village in northern Hama countryside", "Hama"),
    ("Ain Sawda village in Hama countryside", "Hama"),
])
def test_a_missing_village_stands_at_its_governorate_point_unmoved(geocoder: Geocoder, phrase: str, gov: str) -> None:
    r = geocoder.resolution(phrase)
    lat, lon = _gov_point(gov)
    assert (r.admin1, r.geo_precision, r.where_prec) == (gov, 3, 4)
    assert abs((r.latitude or 0) - lat) < 1e-4 and abs((r.longitude or 0) - lon) < 1e-4  # never shifted
    flags = _flagged(r.problems)
    assert len(flags) == 1 and gov in flags[0] and "where_prec 4" in flags[0]
    assert any("Ain Sawda" in p and "not found" in p for p in r.problems)


def test_a_district_or_region_point_is_flagged_with_its_own_codes(geocoder: Geocoder) -> None:
    r = geocoder.resolution("Ain Sawda village in Jisr al-Shughur district")
    assert (r.geo_precision, r.where_prec) == (3, 3) and _flagged(r.problems)
    r = geocoder.resolution("Ain Sawda village in Jabal al-Zawiyah")
    assert (r.location, r.geo_precision, r.where_prec) == ("Jabal al-Zawiyah", 2, 5) and _flagged(r.problems)


def test_a_place_found_or_placed_at_a_named_town_is_not_flagged(geocoder: Geocoder) -> None:
    assert not _flagged(geocoder.resolution("Kafr Nabl town in the southern countryside of Idlib").problems)
    near = geocoder.resolution("Ain Sawda village on the southern outskirts of Jisr al-Shughur city")
    assert (near.location, near.geo_precision) == ("Jisr al-Shughur", 2) and not _flagged(near.problems)


def test_the_flag_reaches_the_incident(geocoder: Geocoder) -> None:
    from warledger.geocode import geocode_report

    text = "Shelling hit Ain Sawda village in the eastern countryside of Hama, killing a farmer."
    phrase = "Ain Sawda village in the eastern countryside of Hama"
    inc = Incident(span=(0, len(text)), place=Place(phrase=phrase, name="Ain Sawda", governorate="Hama"))
    out = geocode_report(Report(id="t1", text=text, incidents=[inc]), geocoder).incidents[0]
    assert out.place.where_prec == 4 and _flagged(out.problems)
