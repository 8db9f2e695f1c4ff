"""How the "supported by A, B and C" list rule runs (session 20, speed20a), not what it says: the list of associates is
read once per clause (it was read again for every armed mention), and a gap between two mentions that cannot link a
list (a character no link holds, an end that is no separator) is refused before the list pattern, whose nested runs
try every split of a long gap's words before they fail.  Invented notes and gaps."""
from __future__ import annotations

import re
from typing import Any

import pytest

import warledger.extract.actors as actors
from warledger.extract import extract_text

_NOTE = ("On 9 June 2021, the SDF, supported by Asayish, YPG anti-terror units, local guards, and US forces, raided "
         "houses of IS cells near Shaddadi in Hasakah and fought the cell members for an hour. No fatalities were reported.")


def test_the_associate_list_is_read_once_per_clause(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"sides": 0, "list": 0}
    sides, assoc = actors._sides, actors._associate_list

    def counted_sides(*a: Any) -> Any:
        calls["sides"] += 1
        return sides(*a)

    def counted_list(*a: Any) -> Any:
        calls["list"] += 1
        return assoc(*a)

    monkeypatch.setattr(actors, "_sides", counted_sides)
    monkeypatch.setattr(actors, "_associate_list", counted_list)
    inc = extract_text(_NOTE)[0]
    assert inc.actor1 == "QSD: Syrian Democratic Forces" and inc.actor2 == "Islamic State (Syria)"
    assert calls["sides"] >= 1
    assert calls["list"] == calls["sides"]  # five armed mentions: five readings before


_GAPS = [", ", " and ", ", and the ", " anti-terror units, ", " local guards, and ", ", the ",
         " of the town, with the help of fighters from the ", " (the ", ". ", " which ", " forces, whose men ",
         " fighters sent from the north, then the brigade of the river towns ", "\nand ", ", and\n"]


@pytest.mark.parametrize("gap", _GAPS)
def test_list_link_is_the_list_pattern(gap: str) -> None:
    assert actors.list_link(gap) == (actors._LIST_LINK.match(gap) is not None)


def test_a_gap_no_link_can_be_is_refused_before_the_pattern(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refused:
        def match(self, s: str, *a: Any) -> re.Match[str] | None:
            raise AssertionError(f"the list pattern was tried on {s!r}")

    monkeypatch.setattr(actors, "_LIST_LINK", Refused())
    long_words = " " + ", ".join(["several armed men of the valley"] * 4) + " then "
    for gap in (long_words, " of the town (the old quarter), ", ". Then the "):
        assert actors.list_link(gap) is False
