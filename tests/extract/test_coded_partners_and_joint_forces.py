"""ACLED conventions on invented Yemeni notes (session 16): a monitor's "(coded as A + B)" names one side, A, and
its partner B (an associate, never the other side); "X and affiliates (coded as B)" names X's partners B; "joint
forces" with no coast named are the government's side, the west coast's joint forces Tareq Saleh's National
Resistance Forces."""
from __future__ import annotations

from warledger.extract import extract_text

HOUTHI = "Military Forces of Yemen (2016-) Supreme Political Council"
GOV = "Military Forces of Yemen (2012-)"


def pair(text: str) -> set[object]:
    inc = extract_text(text)[0]
    return {inc.actor1, inc.actor2}


def test_the_second_name_of_a_coded_as_is_a_partner_not_the_other_side() -> None:
    assert pair("On 4 March 2021, fighting between anti-Houthi forces (coded as pro-Hadi forces + Southern "
                "Resistance) and Houthi fighters went on along the Murays front (Qaatabah, Ad Dali). Casualties "
                "unknown.") == {GOV, HOUTHI}
    assert pair("On 4 March 2021, anti-Houthi fighters (coded as pro-Hadi and Southern Resistance) clashed with "
                "Houthi fighters north of Al Fakhir (Qaatabah, Ad Dali). Casualties unknown.") == {GOV, HOUTHI}


def test_partners_coded_after_and_are_no_side() -> None:
    assert pair("On 6 March 2021, pro-Hadi forces and affiliates (coded as Southern Resistance) returned the shelling "
                "of Houthi forces on the Kirsh front (Al Qabbaytah, Lahij), killing several fighters.") == {GOV, HOUTHI}


def test_a_single_coded_as_still_names_the_side() -> None:
    assert pair("On 6 March 2021, southern fighters (coded as Southern Resistance) pushed back a Houthi assault near "
                "Mukayras (Mukayras, Al Bayda). Casualties unknown.") == {"Southern Resistance", HOUTHI}


def test_joint_forces_are_the_government_unless_the_west_coast_is_named() -> None:
    assert pair("On 6 March 2021, joint forces and Southern Resistance fighters shelled Houthi positions near "
                "Qaatabah (Qaatabah, Ad Dali). Casualties unknown.") == {GOV, HOUTHI}
    assert pair("On 6 March 2021, west coast joint forces shelled Houthi positions in Hays (Hays, Al Hudaydah). "
                "Casualties unknown.") == {"National Resistance Forces", HOUTHI}
    assert pair("On 6 March 2021, the joint forces on the west coast shelled Houthi positions in Hays (Hays, Al "
                "Hudaydah). Casualties unknown.") == {"National Resistance Forces", HOUTHI}


def test_two_sides_that_reportedly_exchanged_fire_are_both_sides() -> None:
    # "A and B reportedly exchanged fire": an adverb between the pair and the verb keeps them two sides
    assert pair("On 13 March 2021, Houthi and pro-Hadi forces reportedly exchanged mortar fire on the Sirwah front "
                "(Sirwah, Marib). Casualties unknown.") == {GOV, HOUTHI}
