"""A place found only by a near spelling is flagged as a guess at which place is meant (W-GEO-SPELLING)."""
from __future__ import annotations

import warledger

_NOTE = "On 3 May 2021, regime shelling killed two civilians in {} village in {} countryside."


def _problems(name: str, gov: str) -> tuple[str | None, list[str]]:
    [inc] = [i for i in warledger.extract(_NOTE.format(name, gov), published="2021-05-04") if i.kind == "incident"]
    return inc.place.location, [p for p in inc.problems if p.startswith("W-GEO-SPELLING")]


def test_a_near_spelling_is_flagged_with_both_names() -> None:
    # no village is spelt "Sinaa" in Homs; the nearest spelling is another place, which may not be the one meant
    location, flags = _problems("Sinaa", "Homs")
    assert location is not None and location != "Sinaa"
    assert len(flags) == 1 and "'Sinaa'" in flags[0] and repr(location) in flags[0]


def test_a_spelling_of_the_names_own_family_is_not() -> None:
    for name, gov in (("Kafranbel", "Idlib"), ("Kafr Nobol", "Idlib"), ("Saraqeb", "Idlib")):
        location, flags = _problems(name, gov)
        assert location is not None and flags == [], (name, location, flags)
