"""A shooting is a battle when its target is armed and an attack on civilians otherwise (ACLED's rule);
invented notes in a monitor's style."""
from __future__ import annotations

from warledger import extract


def sub(text: str) -> str | None:
    return extract(text)[0].sub_event_type


def test_a_man_described_as_a_fighter_is_an_armed_target() -> None:
    assert sub("Unknown gunmen shot dead a man who was a member of a local armed faction near Tafas. "
               "1 fatality.") == "Armed clash"
    assert sub("Gunmen shot dead a young man, a former rebel commander, in Jasim town. 1 fatality.") == "Armed clash"
    # a man described by his trade stays a civilian
    assert sub("Gunmen shot dead a young man, a shepherd, near Jasim in Dara. 1 fatality.") == "Attack"


def test_intelligence_officers_and_command_centres_are_armed_targets() -> None:
    assert sub("Unidentified gunmen shot and wounded the head of the air force intelligence branch in "
               "Ramousa.") == "Armed clash"
    assert sub("Rebels attacked a regime command center near Kafr Nabudah with heavy machine guns. "
               "No fatalities reported.") == "Armed clash"
    assert sub("Unidentified gunmen shot dead a pharmacist in his shop in Dael. 1 fatality.") == "Attack"


def test_a_killing_after_a_disappearance_is_the_event() -> None:
    assert sub("The body of an SDF member was found near Hajin, killed by unknown gunmen, after he went missing "
               "for a week.") == "Armed clash"
    assert sub("The body of a shepherd was found near Sukhnah after he went missing for three days.") == "Attack"
    assert sub("Unknown gunmen kidnapped a pharmacist in Dael.") == "Abduction/forced disappearance"
