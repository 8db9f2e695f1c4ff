"""A crowd's grievance is no part of what happened to it (session 16): violence, force or arrest words inside what
the crowd protested about (the grievance's object, a clause of its own in it, a participle with its agent) leave a
peaceful protest peaceful; the crowd's own violence and force used against it still count.  Invented notes."""
from __future__ import annotations

from warledger.extract import extract_text


def sub(text: str) -> str | None:
    return extract_text(text)[0].sub_event_type


def test_killings_in_what_the_crowd_demands_are_its_grievance() -> None:
    assert sub("On 4 March 2021, hundreds of teachers marched in Nasiriyah city demanding pay rises and that those who "
               "killed demonstrators last year be brought to trial. [size=hundreds]") == "Peaceful protest"


def test_a_detention_the_crowd_protests_is_its_grievance() -> None:
    assert sub("On 4 March 2021, residents of Maarrat Misrin in Idleb held a sit-in protesting the armed group having "
               "detained a local preacher a year ago. [size=dozens]") == "Peaceful protest"
    assert sub("On 4 March 2021, families blocked a road in Lahij to demand the release of relatives detained by "
               "security forces. [size=no report]") == "Peaceful protest"


def test_force_against_the_crowd_and_its_own_violence_still_count() -> None:
    assert sub("On 4 March 2021, villagers demonstrated in Basrah demanding jobs; security forces opened fire on the "
               "demonstrators. [size=dozens]") == "Excessive force against protesters"
    assert sub("On 4 March 2021, students protesting a tax rise threw stones at police in Basrah. "
               "[size=dozens]") == "Violent demonstration"
