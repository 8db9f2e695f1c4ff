"""Three constructions of ACLED-style notes from any country (session 19), on invented notes: a list of backers after
"supported by" are all associates, not the other side; "gunmen of the X" are X's members; two cartels or two ethnic
militias named together are rivals, not one side.  And two names (Fano, the RSF) and victims named by what they were
doing (patients, passengers) as ACLED codes them."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def test_every_backer_in_a_list_after_supported_by_is_an_associate() -> None:
    inc = first("On 9 June 2021, the SDF, supported by Asayish, YPG anti-terror units, local guards, and US forces, "
                "raided houses of IS cells near Shaddadi in Hasakah and fought the cell members for an hour. "
                "No fatalities were reported.")
    assert inc.actor1 == "QSD: Syrian Democratic Forces"
    assert inc.actor2 == "Islamic State (Syria)"


def test_between_keeps_the_second_side_after_a_backed_first() -> None:
    inc = first("On 9 June 2021, clashes broke out between regime forces backed by Russia and HTS near Kafr Nabl "
                "in Idleb. No fatalities were reported.")
    assert {inc.actor1, inc.actor2} == {"Military Forces of Syria (2000-)", "HTS: Hayat Tahrir al Sham"}


def test_gunmen_of_a_named_group_are_that_group() -> None:
    inc = first("On 2 May 2023, gunmen belonging to the Sinaloa Cartel opened fire on a police patrol outside "
                "Culiacan (Sinaloa); two officers were killed.")
    assert inc.actor1 == "Sinaloa Cartel"
    assert inc.actor2 is not None and inc.actor2.startswith("Police Forces of Mexico")


def test_two_cartels_named_together_fought_each_other() -> None:
    inc = first("On 2 May 2023, the Gulf Cartel and the Jalisco cartel fought over a smuggling route near Reynosa "
                "(Tamaulipas); four gunmen were killed.")
    assert {inc.actor1, inc.actor2} == {"Gulf Cartel", "CJNG: Jalisco New Generation Cartel"}


def test_fano_fighters_are_the_fano_militia() -> None:
    inc = first("On 5 April 2024, Fano militiamen ambushed ENDF soldiers on the road near Lalibela (North Wollo, Amhara), "
                "Ethiopia. 4 fatalities.")
    assert {inc.actor1, inc.actor2} == {"Fano Militia", "Military Forces of Ethiopia (2018-)"}


def test_patients_and_passengers_killed_are_civilians() -> None:
    inc = first("On 3 May 2024, a drone of the RSF hit the main hospital of El Fasher (North Darfur), Sudan, killing "
                "6 patients.")
    assert inc.actor2 == "Civilians (Sudan)"
    inc = first("On 3 May 2024, gunmen stopped a bus near Kolwezi (Lualaba), Democratic Republic of Congo, and shot "
                "dead 4 passengers.")
    assert inc.actor2 == "Civilians (Democratic Republic of Congo)"
