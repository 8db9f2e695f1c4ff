"""ACLED's codebook on invented notes (session 18): an explosive device whose note names no side that set it off
was an unidentified armed group's, and the side it hit is actor2; a weapon intercepted or defused was someone's, so
the side that stopped it faces the country's unidentified armed group when the note names no owner."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def test_a_device_that_hit_a_patrol_is_an_unidentified_groups_against_that_patrol() -> None:
    inc = first("On 4 March 2021, a roadside bomb went off near Muhasan in Deir ez Zor as an SDF patrol drove past. "
                "No casualties were reported.")
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert {inc.actor1, inc.actor2} == {"Unidentified Armed Group (Syria)", "QSD: Syrian Democratic Forces"}


def test_a_soldier_killed_by_a_device_is_its_target_not_its_planter() -> None:
    inc = first("On 4 March 2021, two Iraqi soldiers were killed when an IED blew up beside their vehicle near Muqdadiyah "
                "in Diyala province.")
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert inc.actor1 == "Unidentified Armed Group (Iraq)"
    assert inc.actor2 is not None and inc.actor2.startswith("Military Forces of Iraq")


def test_a_side_that_planted_the_device_keeps_actor1() -> None:
    inc = first("On 4 March 2021, IS militants planted an IED that blew up near a shepherd's tent south of Tuz "
                "Khurmatu in Salah al Din, killing two shepherds.")
    assert inc.actor1 == "Islamic State (Iraq)"
    inc = first("On 4 March 2021, an IS landmine went off under a tractor near Makhmour in Erbil, killing a farmer.")
    assert inc.actor1 == "Islamic State (Iraq)"


def test_an_interception_with_no_owner_named_faces_an_unidentified_group() -> None:
    inc = first("Interception: On 4 March 2021, Russian air defences shot down two drones approaching Hmeimim airbase "
                "in Lattakia. No casualties.")
    assert inc.sub_event_type == "Disrupted weapons use"
    assert {inc.actor1, inc.actor2} == {"Military Forces of Russia (2000-)", "Unidentified Armed Group (Syria)"}


def test_a_side_suspected_of_the_device_keeps_actor1() -> None:
    inc = first("On 4 March 2021, a roadside bomb hit a minibus near Muqdadiyah in Diyala province, killing two "
                "passengers. IS is suspected.")
    assert inc.actor1 == "Islamic State (Iraq)"


def test_a_device_found_and_defused_stays_one_sided() -> None:
    inc = first("On 4 March 2021, Iraqi soldiers found and defused an IED on the road near Muqdadiyah in Diyala "
                "province.")
    assert inc.sub_event_type == "Disrupted weapons use"
    assert inc.actor2 is None


def test_a_side_that_struck_with_bombs_keeps_actor1() -> None:
    inc = first("On 4 March 2021, Turkish forces struck a farm near Amuda in Hasakah with guided bombs, killing two "
                "farmers.")
    assert inc.actor1 == "Military Forces of Turkey (2016-)"
