"""Who took the ground decides between 'Government regains territory' and 'Non-state actor overtakes
territory'; the sentences are invented in the style of a monitor's note."""
from __future__ import annotations

from warledger import extract

GOV = "Government regains territory"
NSA = "Non-state actor overtakes territory"


def first(text: str):  # type: ignore[no-untyped-def]
    return extract(text)[0]


def test_allies_named_after_and_belong_to_the_side_before_them() -> None:
    # "Turkish and allied forces": allies of Turkey (a foreign state), not pro-government militias
    assert first("Clashes went on between Turkish forces and YPG fighters near Jinderes, where Turkish and "
                 "allied forces advanced to control two villages. No fatalities reported.").sub_event_type == NSA
    # "the army and its loyal gunmen" are the army's side, and they lost the village here
    assert first("Rebel factions attacked the Syrian army and its loyal gunmen and managed after hours of fighting "
                 "to control the village of Tell Hamka. No fatalities reported.").sub_event_type == NSA


def test_a_side_that_claimed_to_take_a_village_took_it() -> None:
    inc = first("HTS fighters claimed to recapture the village of Kafr Halab from regime forces. "
                "No fatalities reported.")
    assert inc.sub_event_type == NSA
    # and actor1 is the side that took it
    assert (inc.actor1, inc.actor2) == ("HTS: Hayat Tahrir al Sham", "Military Forces of Syria (2000-)")


def test_the_syrian_army_is_the_state_not_a_rebel_group_called_the_syrian_army() -> None:
    inc = first("The Syrian Army took control of Tell Salma village after clashes with IS fighters. "
                "No fatalities reported.")
    assert inc.sub_event_type == GOV and inc.actor1 == "Military Forces of Syria (2000-)"


def test_ground_taken_from_a_side_in_other_words() -> None:
    assert first("Rebel factions expelled IS fighters from Tell Maskin village. No fatalities reported.") \
        .sub_event_type == NSA
    assert first("Regime forces secured the farmland near Kafr Nabudah from rebel fighters. No injuries or "
                 "fatalities reported.").sub_event_type == GOV
    assert first("The Syrian army establishes full control over Tell Abu Dali after clashes with HTS.") \
        .sub_event_type == GOV
    assert first("Olive Branch forces advanced against YPG fighters to control Kafr Safra village. No fatalities "
                 "reported.").sub_event_type == NSA


def test_attacks_and_raids_on_armed_targets_are_battles_but_weapon_attacks_keep_their_weapon() -> None:
    assert first("IS fighters carried out an attack against an SDF patrol near Hajin. No fatalities reported.") \
        .sub_event_type == "Armed clash"
    assert first("IS raided a desert outpost of regime forces near Sukhnah. No fatalities reported.") \
        .sub_event_type == "Armed clash"
    assert first("Militants carried out a grenade attack on an army post near Tafas, injuring two soldiers.") \
        .sub_event_type == "Grenade"
    assert first("Gunmen carried out an attack on a group of shepherds near Sukhnah, killing two.") \
        .sub_event_type == "Attack"


def test_positions_and_part_of_a_place_are_fighting_not_territory() -> None:
    assert first("Rebels captured two regime positions near Kabani after clashes. No fatalities reported.") \
        .sub_event_type == "Armed clash"
    assert first("HTS fighters managed to control several points around Kafr Nabudah during clashes with regime "
                 "forces. No fatalities reported.").sub_event_type == "Armed clash"
    assert first("SDF fighters partially controlled Hajin town after clashes with IS. No fatalities reported.") \
        .sub_event_type == "Armed clash"
    # the whole village changing hands is territory
    assert first("SDF fighters took control of Hajin town after clashes with IS. No fatalities reported.") \
        .sub_event_type == NSA


def test_the_side_that_was_fought_did_not_take_the_village() -> None:
    assert first("Regime forces battled the Islamic State in Tell Salma, taking control of it. No losses reported.") \
        .sub_event_type == GOV
    assert first("Rebels fought IS fighters near Jasim, taking control of the town. No losses reported.") \
        .sub_event_type == NSA


def test_the_subject_after_a_support_phrase_and_the_first_of_coordinated_sides_took_it() -> None:
    # "backed by shelling, regime forces advanced": the comma closes the support phrase
    assert first("After clashes with HTS fighters, and backed by heavy shelling, regime forces advanced to take "
                 "control of Tell Khanzir village. No fatalities reported.").sub_event_type == GOV
    # "regime forces and tribal fighters controlled": the first named side leads
    assert first("Regime forces and tribal fighters controlled Jabal Bishri area after clashes with IS. No "
                 "fatalities reported.").sub_event_type == GOV
