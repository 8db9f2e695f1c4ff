"""A mob's victims are the other side of mob violence (session 17): ACLED's codebook codes a crowd that beats, lynches
or burns people as Rioters against Civilians (<country>); police who arrive afterwards are no side of it, police the mob
itself turns on are.  Invented notes."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str) -> tuple[str | None, str | None, str | None]:
    r = extract_text(text)[0]
    return r.sub_event_type, r.actor1, r.actor2


def test_a_mob_that_lynches_a_man_has_civilian_victims() -> None:
    sub, a1, a2 = first("On 2 June 2024, a mob lynched a man suspected of stealing a goat in Tamale, Ghana.")
    assert sub == "Mob violence"
    assert a1 is not None and a1.startswith("Rioters (")
    assert a2 is not None and a2.startswith("Civilians (")


def test_police_who_arrive_later_are_no_side() -> None:
    _, _, a2 = first("On 2 June 2024, a crowd of villagers beat two suspected thieves in Tamale, Ghana, "
                     "before police arrived and took them away.")
    assert a2 is not None and a2.startswith("Civilians (")


def test_police_the_mob_turns_on_are_its_target() -> None:
    _, _, a2 = first("On 2 June 2024, a mob stoned the police station in Tamale, Ghana, after a detainee died.")
    assert a2 is not None and a2.startswith("Police Forces of ")
