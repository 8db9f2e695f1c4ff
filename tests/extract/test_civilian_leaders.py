"""A leader of a community, a people, a faith or a union is a civilian (session 17): ACLED codes his shooting as
an Attack on Civilians (<country>), where a bare "leader" (of an armed group) stays a battle's target.  Invented notes."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str) -> tuple[str | None, str | None]:
    r = extract_text(text)[0]
    return r.sub_event_type, r.actor2


def test_a_social_leader_shot_dead_is_an_attack_on_a_civilian() -> None:
    sub, a2 = first("On 11 April 2024, two men on a motorbike shot dead a social leader in Tumaco (Narino), Colombia.")
    assert sub == "Attack"
    assert a2 is not None and a2.startswith("Civilians (")


def test_an_indigenous_leader_named_by_his_people_is_a_civilian() -> None:
    assert first("On 11 April 2024, gunmen killed an Indigenous Munduruku leader near Jacareacanga (Para), "
                 "Brazil.")[0] == "Attack"


def test_a_leader_of_an_armed_group_stays_armed() -> None:
    assert first("On 11 April 2024, gunmen shot dead a leader of a dissident armed faction in Tumaco (Narino), "
                 "Colombia.")[0] == "Armed clash"
