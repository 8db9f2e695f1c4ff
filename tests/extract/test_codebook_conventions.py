"""ACLED codebook conventions for event types and actor names, on invented notes from any theatre."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def test_a_category_heading_names_the_sub_event() -> None:
    inc = first("Movement of forces: On 3 May 2021 a convoy of forty vehicles crossed into Basra province.")
    assert inc.sub_event_type == "Change to group/activity"
    inc = first("Security measures: On 3 May 2021 police closed the roads around Najaf and searched cars.")
    assert inc.sub_event_type == "Change to group/activity"
    # without the heading, the same words are not a change to a group's activity
    assert first("On 3 May 2021 police closed the roads around Najaf and searched cars.").sub_event_type \
        != "Change to group/activity"


def test_a_thwarted_attack_by_fighters_is_a_battle_a_downed_drone_is_not() -> None:
    inc = first("On 4 June 2021 army units in Marib said they thwarted an attack of Houthi fighters on the hills.")
    assert inc.sub_event_type == "Armed clash"
    inc = first("On 4 June 2021 air defences in Marib thwarted a drone attack on the power station.")
    assert inc.sub_event_type == "Disrupted weapons use"


def test_a_protest_crowd_is_protesters_whoever_marched() -> None:
    inc = first("On 6 June 2021 hundreds of nurses protested in front of the hospital in Basra over unpaid wages.")
    assert inc.sub_event_type == "Peaceful protest"
    assert inc.actor1 == "Protesters (Iraq)" and inc.actor2 is None
    inc = first("On 6 June 2021 angry students rioted in Basra, set fire to tyres and threw stones.")
    assert inc.event_type == "Riots" and inc.actor1 == "Rioters (Iraq)"


def test_violence_against_civilians_names_the_civilians_as_actor2() -> None:
    inc = first("On 7 June 2021 unidentified gunmen shot dead a teacher in his shop in Basra city.")
    assert inc.sub_event_type == "Attack"
    assert inc.actor1 == "Unidentified Armed Group (Iraq)" and inc.actor2 == "Civilians (Iraq)"


def test_an_armed_group_that_detains_people_abducts_them_a_state_arrests() -> None:
    inc = first("On 8 June 2021 HTS detained four young men in a village of Idleb countryside.")
    assert inc.sub_event_type == "Abduction/forced disappearance" and inc.actor2 == "Civilians (Syria)"
    assert first("On 8 June 2021 the police arrested four young men in Basra city.").sub_event_type == "Arrests"


def test_a_side_named_after_anti_is_the_enemy_not_an_actor() -> None:
    inc = first("On 9 June 2021 anti-Houthi National Resistance forces fired artillery shells at a street in "
                "Hodeidah city. No fatalities reported.")
    assert inc.actor1 == "National Resistance Forces" and inc.actor2 is None


def test_a_bomb_nobody_claims_was_planted_by_an_unidentified_armed_group() -> None:
    inc = first("On 10 June 2021 a roadside bomb exploded near a bakery in Basra city, injuring two civilians.")
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert inc.actor1 == "Unidentified Armed Group (Iraq)" and inc.actor2 == "Civilians (Iraq)"
    assert any(p.startswith("W-ACTOR-UNNAMED") for p in inc.problems)
    text = "Blast in Basra\n\nA roadside bomb exploded near a bakery in Basra city on Tuesday, injuring two civilians."
    (inc,) = extract_text(text, published="2021-06-11")
    assert inc.actor1 == "Unidentified Armed Group (Iraq)"
    inc = first("On 9 June 2021 Houthi forces shelled anti-Houthi and affiliated forces on a front in Taizz. "
                "No fatalities reported.")
    assert (inc.actor1, inc.actor2) == ("Military Forces of Yemen (2016-) Supreme Political Council",
                                        "Military Forces of Yemen (2012-)")


def test_the_monitors_own_coding_in_brackets_names_the_actor() -> None:
    inc = first("On 9 June 2021 anti-Houthi forces (coded as Giants Brigade forces) shelled Houthi positions in a "
                "district of Al Bayda. Casualties unknown.")
    assert (inc.actor1, inc.actor2) == ("Giants Brigade", "Military Forces of Yemen (2016-) Supreme Political Council")


def test_heavy_guns_fired_at_a_distance_are_shelling_unless_they_killed_armed_men() -> None:
    inc = first("On 8 May 2021 rebel forces reportedly fired heavy machine guns at the army camp near Tell "
                "Zarqa. No fatalities nor injuries reported.")
    assert inc.sub_event_type == "Shelling/artillery/missile attack" and inc.weapon == "heavy weapons"
    inc = first("On 8 May 2021 rebel forces fired 14.5mm guns at farms near Tell Zarqa with no report of casualties.")
    assert inc.sub_event_type == "Shelling/artillery/missile attack"
    inc = first("On 8 May 2021 militants fired heavy machine guns at an army vehicle near Tell Zarqa, killing a soldier.")
    assert inc.sub_event_type == "Armed clash"


def test_fatalities_split_between_events_give_the_odd_one_to_this_event() -> None:
    inc = first("On 9 May 2021 army units clashed with rebels at Tell Zarqa and Khirbet Sawda, killing 15 fighters. "
                "Fatalities split between two events.")
    assert inc.fatalities == 8
    inc = first("On 9 May 2021 army units clashed with rebels at Tell Zarqa and Khirbet Sawda, killing 15 fighters. "
                "Fatalities split across three events.")
    assert inc.fatalities == 5


def test_a_protest_against_a_deal_is_a_protest_not_an_agreement() -> None:
    inc = first("On 1 June 2021 hundreds of people in Tell Zarqa protested against the peace deal the envoy proposed.")
    assert inc.event_type == "Protests" and inc.sub_event_type == "Peaceful protest"
    assert first("On 1 June 2021 the two sides signed a peace deal in Tell Zarqa.").sub_event_type == "Agreement"


def test_a_death_under_torture_in_detention_is_an_attack() -> None:
    inc = first("On 1 June 2021 a man from Tell Zarqa died as a result of torture in a government prison.")
    assert inc.event_type == "Violence against civilians" and inc.sub_event_type == "Attack"


def test_shelling_in_conjunction_with_air_strikes_is_one_side_not_an_exchange() -> None:
    inc = first("On 1 June 2021 army forces shelled Tell Zarqa in conjunction with airstrikes by warplanes. No fatalities.")
    assert inc.event_type == "Explosions/Remote violence"
    inc = first("On 1 June 2021 regime forces shelled Tell Zarqa, in conjunction with opposition rebels shelling "
                "regime positions near it. Casualties unknown.")
    assert inc.sub_event_type == "Armed clash"


def test_an_anti_tank_missile_that_hurt_no_one_is_a_shelling_one_that_killed_fighters_a_battle() -> None:
    inc = first("On 1 June 2021 rebels targeted an army tank near Tell Zarqa with an ATGM. Neither injuries nor "
                "fatalities were reported.")
    assert inc.sub_event_type == "Shelling/artillery/missile attack"
    inc = first("On 1 June 2021 rebels targeted an army position near Tell Zarqa with an ATGM, killing 2 soldiers.")
    assert inc.sub_event_type == "Armed clash"


def test_a_split_share_is_rounded_half_up_and_a_halved_estimate_is_its_figure() -> None:
    base = "On 9 May 2021 army units clashed with rebels at three fronts near Tell Zarqa. "
    assert first(base + "Unclear fatalities coded as 10 and split between 3 locations.").fatalities == 3
    assert first(base + "Unknown number of fatalities coded as 10 and split up between 2 events.").fatalities == 5
    assert first(base + "Killing and injuring dozens. Unclear reported fatalities coded as half (6).").fatalities == 6


def test_a_remote_explosive_attack_and_an_airforce_strike_are_explosions() -> None:
    inc = first("On 23 May 2021 militants carried out a remote explosive attack targeting army soldiers near Tell "
                "Zarqa. 2 soldiers were killed.")
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    inc = first("On 9 May 2021 the airforce struck a militant tunnel near Tell Zarqa, killing all inside.")
    assert inc.sub_event_type == "Air/drone strike"
