"""Text-level rules of geocode_report on the hand-made fixture: neighbours, border towns, roads."""
from __future__ import annotations

from warledger.geocode import Geocoder, geocode_report
from warledger.record import Incident, Place, Report


def _one(geocoder: Geocoder, text: str, phrase: str, governorate: str | None = None) -> Place:
    inc = Incident(span=(0, len(text)), place=Place(phrase=phrase, name=phrase, governorate=governorate))
    report = Report(id="t1", text=text, incidents=[inc])
    return geocode_report(report, geocoder).incidents[0].place


def test_homonym_goes_where_the_other_named_places_lie(geocoder: Geocoder) -> None:
    # "Dar Kabira" is in Idlib and in Homs in the fixture; Kafr Nabl (Idlib only) is named beside it
    p = _one(geocoder, "Shelling hit Dar Kabira and Kafr Nabl at dawn.", "Dar Kabira")
    assert p.admin1 == "Idleb" and abs((p.latitude or 0) - 35.60) < 0.01


def test_governorate_named_elsewhere_still_bars_a_far_homonym(geocoder: Geocoder) -> None:
    # Naqir exists only in Hama, far from any Idlib place: Idlib named in the text keeps the answer in Idlib
    p = _one(geocoder, "Two strikes hit Naqir. Idlib has seen heavy bombing this week.", "Naqir")
    assert p.admin1 == "Idleb" and p.geo_precision == 3


def test_border_check(geocoder: Geocoder) -> None:
    assert geocoder.near_governorate(35.60, 36.55, "Idlib")       # beside Jbala and Kafr Nabl
    assert not geocoder.near_governorate(35.30, 36.60, "Idlib")   # Naqir, 30 km from any Idlib place


def test_road_between_two_cities_is_placed_by_the_town_named_with_it(geocoder: Geocoder) -> None:
    r = geocoder.resolution("Aleppo-Hama highway near Latamna")
    assert r.location == "Latamna" and r.admin1 == "Hama" and r.geo_precision == 2
    assert any("road" in p for p in r.problems)


def test_border_village_named_with_the_neighbouring_governorate(geocoder: Geocoder) -> None:
    # invented "Tell Hadid" lies in Hama about 12 km from Kafr Nabl (Idlib): a report may call it Idlib's
    p = _one(geocoder, "A strike hit Tell Hadid village in southern Idlib.", "Tell Hadid village in southern Idlib", "Idlib")
    assert p.admin1 == "Hama" and p.geo_precision == 1
    # Naqir (Hama) is 30 km from any Idlib place: it never stands in for an Idlib village
    p = _one(geocoder, "A strike hit al-Naqir area in the southern countryside of Idlib.",
             "al-Naqir area in the southern countryside of Idlib", "Idlib")
    assert p.admin1 == "Idleb" and p.geo_precision == 3


def test_border_village_named_as_in_a_governorate_alone(geocoder: Geocoder) -> None:
    # "Tell Hadid in Idlib": not in Idlib, but 12 km across its border in Hama
    p = _one(geocoder, "Troops captured Tell Hadid in Idlib.", "Tell Hadid in Idlib", "Idlib")
    assert p.admin1 == "Hama" and p.location == "Tell Hadid"


def test_armed_groups_named_choose_between_homonyms() -> None:
    from warledger.geocode.gazetteer import actor_areas
    rows = actor_areas()
    assert rows and all(govs for _, govs in rows)
    hts = [govs for pat, govs in rows if pat.search("HTS fighters")]
    assert hts and "Idleb" in hts[0] and "Dara" not in hts[0]


def test_homonym_goes_where_the_named_armed_group_operates(geocoder: Geocoder) -> None:
    # invented "Umm Khanzir" is in Hama and in Hasakah in the fixture
    p = _one(geocoder, "SDF fighters repelled an attack on Umm Khanzir.", "Umm Khanzir")
    assert p.admin1 == "Al Hasakeh"
    p = _one(geocoder, "HTS fighters repelled an attack on Umm Khanzir.", "Umm Khanzir")
    assert p.admin1 == "Hama"
