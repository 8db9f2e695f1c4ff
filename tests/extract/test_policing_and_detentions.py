"""ACLED codebook conventions on who acted, on invented notes: "security forces" that police a crowd or make
arrests are the state's police; an "unidentified armed actor" is an unidentified armed group; a vehicle bomb is a
remote explosive unless a suicide one; a group named as what the detained are accused of is not the other side of an
arrest; strikes left to "Syrian and/or Russian" warplanes are ACLED's "Allied Syrian and/or Russian Forces"; ground
taken by a force ACLED names as the state's own is regained by the government; owners of looted property, people
named by their trade and those arrested are civilians."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def test_security_forces_that_disperse_a_crowd_are_the_police() -> None:
    inc = first("On 12 March 2021, Iraqi security forces fired tear gas to disperse dozens of teachers protesting "
                "over unpaid salaries in Kut city, Wasit. [size=dozens]")
    assert inc.event_type == "Protests"
    assert inc.actor1 == "Protesters (Iraq)" and inc.actor2 == "Police Forces of Iraq (2020-)"


def test_security_forces_that_arrest_are_the_police_soldiers_stay_military() -> None:
    inc = first("On 12 March 2021, Iraqi security forces arrested four young men in Kut city, Wasit.")
    assert inc.sub_event_type == "Arrests" and inc.actor1 == "Police Forces of Iraq (2020-)"
    inc = first("On 12 March 2021, Iraqi soldiers arrested four young men in Kut city, Wasit.")
    assert inc.sub_event_type == "Arrests" and inc.actor1 == "Military Forces of Iraq (2020-)"
    # outside policing, security forces keep the military's name
    inc = first("On 12 March 2021, Iraqi security forces clashed with IS militants near Tarmiyah, Salah al Din. "
                "2 fatalities.")
    assert "Military Forces of Iraq (2020-)" in (inc.actor1, inc.actor2)


def test_an_unidentified_armed_actor_is_an_unidentified_armed_group() -> None:
    inc = first("On 14 March 2021, an unidentified armed actor detonated an IED against a Syrian army vehicle in "
                "Douma, Rural Damascus. Casualties unknown.")
    assert inc.actor1 == "Unidentified Armed Group (Syria)" and inc.actor2 == "Military Forces of Syria (2000-)"


def test_a_vehicle_bomb_is_a_remote_explosive_unless_a_suicide_one() -> None:
    inc = first("On 15 March 2021, a VBIED exploded in the market of Jarabulus town, Aleppo, killing 3 civilians.")
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert inc.actor1 == "Unidentified Armed Group (Syria)" and inc.actor2 == "Civilians (Syria)"
    inc = first("On 15 March 2021, an IS SVBIED struck an army checkpoint near Tarmiyah, Salah al Din. 2 fatalities.")
    assert inc.sub_event_type == "Suicide bomb"


def test_the_group_the_detained_are_accused_of_is_no_side() -> None:
    inc = first("On 16 March 2021, QSD arrested four young men in Shaddadi town, Al Hasakeh, on charges of "
                "belonging to IS.")
    assert inc.actor1 == "QSD: Syrian Democratic Forces" and inc.actor2 == "Civilians (Syria)"
    inc = first("On 16 March 2021, QSD detained several women from the IS families section of Hole camp in "
                "Al Hasakeh.")
    assert inc.actor1 == "QSD: Syrian Democratic Forces" and inc.actor2 == "Civilians (Syria)"


def test_strikes_left_to_either_air_power_are_the_allied_syrian_and_or_russian_forces() -> None:
    inc = first("On 5 March 2021, Syrian and/or Russian warplanes carried out airstrikes on Kansafra in Idleb "
                "countryside. No fatalities reported.")
    assert inc.sub_event_type == "Air/drone strike" and inc.actor1 == "Allied Syrian and/or Russian Forces"
    inc = first("On 5 March 2021, regime or Russian aircraft struck Kansafra in Idleb countryside. "
                "No fatalities reported.")
    assert inc.actor1 == "Allied Syrian and/or Russian Forces"
    # one air power named: its own forces
    inc = first("On 5 March 2021, Russian warplanes struck Kansafra in Idleb countryside. No fatalities reported.")
    assert inc.actor1 == "Military Forces of Russia (2000-)"


def test_ground_taken_by_any_force_acled_names_as_the_states_own_is_regained_by_the_government() -> None:
    inc = first("On 22 February 2022, Houthi forces clashed with pro-Hadi forces and took control of a hill near "
                "Al Hazm (Al Hazm, Al Jawf). Casualties unknown.")
    assert inc.sub_event_type == "Government regains territory"
    assert inc.actor1 == "Military Forces of Yemen (2016-) Supreme Political Council"
    inc = first("On 22 February 2022, AQAP militants took control of a hill near Mudiyah (Mudiyah, Abyan). "
                "Casualties unknown.")
    assert inc.sub_event_type == "Non-state actor overtakes territory"


def test_the_owners_of_looted_property_and_people_named_by_their_trade_are_civilians() -> None:
    inc = first("Looting: On 9 May 2021, opposition rebels looted civilians' wheat crops in Tal Baydar in "
                "al-Hasakeh.")
    assert inc.sub_event_type == "Looting/property destruction"
    assert inc.actor1 == "Opposition Rebels (Syria)" and inc.actor2 == "Civilians (Syria)"
    inc = first("On 18 February 2021, Russian warplanes carried out airstrikes on Maaret Al Naasan in Idleb killing a "
                "pharmacist.")
    assert inc.actor1 == "Military Forces of Russia (2000-)" and inc.actor2 == "Civilians (Syria)"


def test_those_arrested_by_a_side_with_an_associate_are_civilians() -> None:
    inc = first("On 3 May 2021, regime security forces, accompanied by Russian forces, arrested 28 "
                "technicians of a phone company in Damascus.")
    assert inc.sub_event_type == "Arrests"
    assert inc.actor1 == "Police Forces of Syria (2000-)" and inc.actor2 == "Civilians (Syria)"
    # the same under the note's category heading, which names the event before the side that acted
    inc = first("Arrests: On 3 May 2021, regime soldiers, accompanied by Russian forces, arrested 28 technicians of a "
                "phone company in Damascus.")
    assert inc.sub_event_type == "Arrests"
    assert inc.actor1 == "Military Forces of Syria (2000-)" and inc.actor2 == "Civilians (Syria)"


def test_allied_strikes_amid_a_battle_support_the_regimes_side() -> None:
    inc = first("On 6 March 2021, regime forces clashed with opposition rebels near Kansafra in Idleb countryside as "
                "regime and/or Russian warplanes struck the town. No fatalities reported.")
    assert inc.sub_event_type == "Armed clash"
    assert {inc.actor1, inc.actor2} == {"Military Forces of Syria (2000-)", "Opposition Rebels (Syria)"}
