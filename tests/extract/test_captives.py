"""One armed group seizing fighters of another is a battle (ACLED codes it Armed clash); an arrest of
civilians stays an arrest.  Invented notes."""
from __future__ import annotations

from warledger import extract


def sub(text: str) -> str | None:
    return extract(text)[0].sub_event_type


def test_unnamed_or_generic_armed_captors_of_fighters_make_a_battle() -> None:
    assert sub("A local faction arrested three IS fighters near Sukhnah. No fatalities reported.") == "Armed clash"
    assert sub("The Fatah Operations Room captured a regime soldier on the frontline near Kabani.") == "Armed clash"
    assert sub("SDF fighters detained a group of bandits near Hajin.") == "Armed clash"


def test_arrests_by_police_or_of_civilians_stay_arrests() -> None:
    assert sub("Police arrested two IS members in Damascus. No fatalities reported.") == "Arrests"
    assert sub("A local faction arrested three teachers in Sarmada.") != "Armed clash"


def test_shelling_exchanged_between_two_sides_is_a_battle() -> None:
    assert sub("Regime forces and rebel fighters exchanged artillery fire on the Kabani front. "
               "No fatalities reported.") == "Armed clash"
    assert sub("Regime forces shelled Kansafra while rebel factions shelled regime positions near Maarat "
               "al-Numan. No fatalities reported.") == "Armed clash"
    # one side shelling a village is a shelling
    assert sub("Regime forces shelled Kansafra village with mortars. No fatalities reported.") == \
        "Shelling/artillery/missile attack"


def test_a_manned_aircraft_shot_down_is_a_battle_a_drone_is_disrupted_weapons_use() -> None:
    assert sub("Rebels shot down a regime helicopter over Kafr Nabudah. No fatalities reported.") == "Armed clash"
    assert sub("Rebels shot down a regime drone over Kafr Nabudah. No fatalities reported.") == \
        "Disrupted weapons use"
