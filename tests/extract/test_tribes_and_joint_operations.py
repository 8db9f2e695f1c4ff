"""ACLED codebook conventions on invented notes (session 15): a tribe's fighters are "<tribe> Tribal Militia
(<country>)", tribal fighters nobody names "Unidentified Tribal Militia (<country>)"; a clash of one communal group
and no other side is fought within it (the group on both sides); a joint force "operating under" an operation's name
is that operation, all its members together; a monitor's "(coded as X)" after a quoted or plural force names it; a
state's police with no period of its own take its military's."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.theatre.actors import period_name


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def pair(text: str) -> set[object]:
    inc = first(text)
    return {inc.actor1, inc.actor2}


def test_a_tribe_named_by_its_tribesmen_is_its_tribal_militia() -> None:
    inc = first("On 9 March 2021, fighting broke out between Al Zubaydi tribesmen and Houthi forces near Rada "
                "(Rada, Al Bayda). Casualties unknown.")
    assert inc.event_type == "Battles"
    assert {inc.actor1, inc.actor2} == {"Al Zubaydi Tribal Militia (Yemen)",
                                       "Military Forces of Yemen (2016-) Supreme Political Council"}


def test_a_tribe_fighting_itself_is_on_both_sides() -> None:
    assert pair("On 9 March 2021, clashes erupted between Bani Kabir tribesmen in Mudiyah city (Mudiyah, Abyan), "
                "killing 2.") == {"Bani Kabir Tribal Militia (Yemen)"}
    inc = first("On 9 March 2021, unknown tribal gunmen clashed in Al Qurnah district, Basrah, over a land dispute. "
                "1 fatality.")
    assert inc.actor1 == inc.actor2 == "Unidentified Tribal Militia (Iraq)"


def test_unnamed_clans_fighting_each_other_are_communal_militias_on_both_sides() -> None:
    inc = first("On 9 March 2021, clashes erupted between two clans in Mudiyah city (Mudiyah, Abyan), killing 2.")
    assert inc.actor1 == inc.actor2 == "Communal Militia (Yemen)"


def test_a_demonym_is_no_tribes_name() -> None:
    inc = first("On 9 March 2021, Sunni tribesmen clashed with IS militants near Rawa, Anbar. 2 fatalities.")
    assert not any(a and "Sunni" in a for a in (inc.actor1, inc.actor2))


def test_a_joint_force_operating_under_an_operation_is_the_operation() -> None:
    assert first("On 6 March 2021, Turkish forces and pro-Turkey rebel factions, operating under OPS, shelled "
                 "Tal Tamer countryside in Al Hasakeh. No casualties reported.").actor1 == "Operation Peace Spring"
    assert pair("On 6 March 2021, JWS fighters, who operate under OPS, shelled QSD positions near Ain Issa in "
                "Ar-Raqqa. Casualties unknown.") == {"Operation Peace Spring", "QSD: Syrian Democratic Forces"}
    assert first("On 6 March 2021, Turkish forces supported by JWS which operates under OPS shelled Tal Tamer "
                 "countryside in Al Hasakeh. Casualties unknown.").actor1 == "Operation Peace Spring"


def test_coded_as_after_a_quoted_force_names_it() -> None:
    inc = first("On 7 March 2021, Houthi forces shelled 'joint Southern Resistance forces' (coded as Security Belt "
                "Forces) in Qaatabah (Qaatabah, Ad Dali). Casualties unknown.")
    assert {inc.actor1, inc.actor2} == {"Military Forces of Yemen (2016-) Supreme Political Council",
                                       "Military Forces of Yemen (2012-) Security Belt Forces"}


def test_police_with_no_period_of_their_own_take_the_militarys() -> None:
    military = period_name("France", "Military Forces of France", 2023)
    assert military == "Military Forces of France (2017-)"
    assert period_name("France", "Police Forces of France", 2023) == "Police Forces of France (2017-)"


def test_a_strike_in_conjunction_with_the_event_is_no_side_of_it() -> None:
    inc = first("On 8 March 2021, regime forces shelled opposition rebels' positions at Tell Sultan, west of "
                "Aleppo, in conjunction with airstrikes by Russian warplanes on the same hill. Nobody was hurt.")
    assert inc.actor1 == "Military Forces of Syria (2000-)" and inc.actor2 == "Opposition Rebels (Syria)"
    inc = first("On 8 March 2021, Russian warplanes struck Tell Sultan, west of Aleppo, in conjunction with "
                "shelling of the hill by regime forces. Nobody was hurt.")
    assert inc.actor1 == "Military Forces of Russia (2000-)" and inc.actor2 is None


def test_a_note_with_a_crowd_size_tag_is_a_demonstration() -> None:
    inc = first("On 2 April 2022, relatives of men who went missing in the war held a candlelit gathering in front "
                "of the governor's office in Batticaloa (Eastern). [size=about 60]")
    assert inc.event_type == "Protests" and inc.actor1 == "Protesters (Sri Lanka)"


def test_a_killing_during_a_protest_is_force_against_protesters() -> None:
    inc = first("On 4 April 2022, gendarmes shot a student dead during a march over fuel prices in Kankan (Kankan). "
                "[size=hundreds]")
    assert inc.sub_event_type == "Excessive force against protesters"
    assert inc.actor1 == "Protesters (Guinea)"


def test_a_foreign_patron_backing_a_pro_side_is_its_associate() -> None:
    inc = first("On 10 March 2021, coalition backed pro-Hadi forces attacked Houthi positions in Al Abdiyah "
                "(Al Abdiyah, Marib), killing 4 Houthi fighters.")
    assert {inc.actor1, inc.actor2} == {"Military Forces of Yemen (2012-)",
                                       "Military Forces of Yemen (2016-) Supreme Political Council"}


def test_a_non_violent_activity_heading_and_forces_arriving_are_strategic_developments() -> None:
    inc = first("Non-violent activity: On 11 March 2021, the authorities shut the Zakho border gate with Turkey "
                "over a dispute about customs fees.")
    assert inc.event_type == "Strategic developments" and inc.sub_event_type == "Other"
    inc = first("On 11 March 2021, Giants Brigades forces reportedly arrived in Ataq city (Ataq, Shabwah). Their "
                "number was not reported.")
    assert inc.event_type == "Strategic developments" and inc.sub_event_type == "Change to group/activity"
