"""A capital's own name is not outweighed by another country's town that bears it only as a by-name (Dili, the capital
of Timor-Leste, is also a by-name of Delhi); a town named after "downtown" is a place; the dwellers of a town who act
as a crowd name the country of their town.  Invented wording."""
from __future__ import annotations

from warledger.theatre import country as C

# rows as places_named gives them: (key, folded name, country, population, kind, admin1 code, main name folded)
ROWS = [("k", "morvane", "ZQ", 150_000, "town", "01", "morvane"),            # ZQ's capital, by its own name
        ("k", "morvane", "ZR", 12_000_000, "town", "05", "morvanepur")]     # a by-name of ZR's big city


def test_a_capitals_own_name_beats_a_by_name_of_a_bigger_town(monkeypatch: object) -> None:
    import pytest
    mp = pytest.MonkeyPatch()
    try:
        mp.setattr(C, "_capitals", lambda: frozenset({("ZQ", "morvane")}))
        assert C._town_country("Morvane", ROWS, 1000) == "ZQ"
        # no capital: the by-name of the big town and the small town decide nothing between them
        mp.setattr(C, "_capitals", lambda: frozenset())
        assert C._town_country("Morvane", ROWS, 1000) is None
    finally:
        mp.undo()


def test_dili_is_timor_lestes() -> None:
    assert C.find_country("On 7 November 2023, police in Dili fired tear gas at students.").code == "TL"
    assert C.find_country("On 7 November 2023, police in Delhi fired tear gas at students.").code == "IN"


def test_downtown_and_dwellers_name_the_town() -> None:
    assert C.find_country("Masked demonstrators set fires in downtown Montreal during a march.").code == "CA"
    assert C.find_country("On 3 May 2024, residents of Antananarivo gathered outside the utility's offices.").code == "MG"
