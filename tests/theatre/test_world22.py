"""Places in countries no bundle describes (world22): a town's unit that bears a country's name or follows a comma,
a demonym that owns the drones, a namesake chosen by an armed group of one of its countries, a short town name no
foreign name merely ends like, and Serbia's districts.  The sentences are written for these tests in our own words
(real towns, so that the built-in world gazetteer can place them)."""
from __future__ import annotations

import pytest

from warledger.geocode.normalize import ends_name
from warledger.geocode.world_admin import seat_units, unit_code
from warledger.theatre.country import find_country


@pytest.mark.parametrize("text, country", [
    # a state of the United States that bears a country's name, in brackets after one of its towns
    ("On 2 May 2024, nurses picketed a hospital in Savannah (Georgia) over staffing.", "US"),
    # ... the country itself when the town is not in that state
    ("On 2 May 2024, taxi drivers blocked a bridge in Batumi (Georgia) over new fares.", "GE"),
    # a province after a comma settles a town of several countries' names
    ("On 3 June 2024, tenants rallied outside city hall in Hamilton, Ontario, against rent increases.", "CA"),
    ("On 3 June 2024, students marched through Portland, Maine, against tuition fees.", "US"),
])
def test_a_town_and_its_unit_name_the_country(text: str, country: str) -> None:
    assert find_country(text).code == country


@pytest.mark.parametrize("text", [
    "On 9 May 2024, Ukrainian drones struck a fuel depot in Bryansk; no casualties were reported.",
    "On 9 May 2024, Ukrainian attack drones hit an oil terminal in Novorossiysk overnight.",
])
def test_the_demonym_of_the_drones_owner_is_not_where_they_struck(text: str) -> None:
    assert find_country(text).code == "RU"


def test_a_demonym_still_names_the_country_of_troops_on_the_ground() -> None:
    assert find_country("On 8 March 2024, Syrian troops shelled villages near Kafr Nabl.").code == "SY"


def test_an_armed_group_chooses_among_a_towns_namesakes() -> None:
    # Kayes is a city of Mali and a town of the Republic of Congo; JNIM fights in Mali (and its neighbours)
    assert find_country("On 4 June 2024, JNIM fighters ambushed a lorry convoy near Kayes and burned two vehicles.").code == "ML"
    # with no group, the namesakes decide nothing
    assert find_country("On 4 June 2024, traders closed the market in Kayes over a new tax.").code is None


@pytest.mark.parametrize("main, spelt, own", [
    ("osh", "osh", True), ("auch", "osh", False), ("oshkosh", "osh", False), ("al-kut", "kut", True),
    ("nahiyat ash shinafiyah", "shinafiyah", True), ("calbayog city", "calbayog", True),
    ("san jose del monte", "sanjose", False), ("albu kamal", "al-bukamal", True), ("albu kamal", "bukamal", True),
])
def test_a_towns_own_name_ends_in_whole_words(main: str, spelt: str, own: bool) -> None:
    assert ends_name(main, spelt) is own


def test_a_short_town_name_is_not_the_ending_of_foreign_names() -> None:
    # Auch (France) and Oshkosh (United States) merely end in the sounds of Osh: Kyrgyzstan's city it is
    assert find_country("On 8 March 2024, traders in Osh closed their shops to protest a new tax.").code == "KG"


@pytest.mark.parametrize("region, at, unit", [
    ("SE", (44.0167, 20.9167), "Sumadija"),       # Kragujevac
    ("SE", (43.3247, 21.9033), "Nisava"),         # Nis
    ("SE", (44.6549, 20.2002), "Belgrade"),       # Obrenovac
    ("VO", (45.2517, 19.8369), "South Backa"),    # Novi Sad
    ("VO", (45.0, 20.4), "South Banat"),          # between Pancevo and Zrenjanin, nearer Pancevo
])
def test_a_serbian_place_takes_the_district_of_the_nearest_seat_in_its_region(
        region: str, at: tuple[float, float], unit: str) -> None:
    assert unit_code("RS", region, (), at) == f"{region}.{unit}"


def test_the_districts_without_a_place_keep_the_region_and_other_countries_are_unchanged() -> None:
    assert len(seat_units()["RS"]) == 25
    assert unit_code("RS", "SE", ()) == "SE"
    assert unit_code("FR", "11", (), (48.85, 2.35)) == "11"
