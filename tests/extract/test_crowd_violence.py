"""A crowd that turns on the police is a riot, not a battle (session 17): youths, a party's supporters, football fans
or students who clash with or fight the police, throw stones or petrol bombs, or burn tyres or cars make a violent
demonstration even when no protest word is written.  ACLED's codebook keeps Armed clash for organised armed groups
and names the crowd "Rioters (<country>)" and the police it fought.  Invented notes."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str) -> tuple[str | None, str | None, str | None]:
    r = extract_text(text)[0]
    return r.sub_event_type, r.actor1, r.actor2


def test_supporters_who_clash_with_police_riot() -> None:
    sub, a1, a2 = first("On 9 May 2023, supporters of a jailed mayor clashed with police in Braga, Portugal; "
                        "2 people were killed.")
    assert sub == "Violent demonstration"
    assert a1 is not None and a1.startswith("Rioters (")
    assert a2 is not None and a2.startswith("Police Forces of ")


def test_youths_who_stone_police_riot_without_a_protest_word() -> None:
    sub, a1, _ = first("On 9 May 2023, youths burned tyres and hurled stones at police in Braga, Portugal; "
                       "officers answered with tear gas.")
    assert sub == "Violent demonstration"
    assert a1 is not None and a1.startswith("Rioters (")


def test_fans_in_clashes_with_police_riot() -> None:
    assert first("On 9 May 2023, clashes between fans and the police outside a stadium in Braga, Portugal left "
                 "3 people injured.")[0] == "Violent demonstration"


def test_armed_men_who_clash_with_police_still_fight_a_battle() -> None:
    assert first("On 9 May 2023, gunmen clashed with police in Braga, Portugal; 2 officers were killed.")[0] \
        == "Armed clash"


def test_rival_crowds_that_fight_each_other_are_rioters_on_both_sides() -> None:
    sub, a1, a2 = first("On 9 May 2023, supporters of rival parties fought with clubs outside a polling station in "
                        "Braga, Portugal, injuring 6 people.")
    assert sub == "Violent demonstration"
    assert a1 is not None and a1.startswith("Rioters (") and a2 == a1


def test_members_of_rival_armed_factions_still_fight_a_battle() -> None:
    assert first("On 9 May 2023, members of rival armed factions clashed in Braga, Portugal; 3 fighters were "
                 "killed.")[0] == "Armed clash"
