"""The country of a note read from ACLED's "town (unit)" construction (warledger/theatre/country.py).  The notes
are written for these tests (invented villages and wording; real countries and units)."""
from __future__ import annotations

from warledger.theatre.country import find_country


def test_the_town_and_unit_in_brackets_settle_the_country() -> None:
    # a rally in an American city about Gaza: the bracketed pair is where it happened
    found = find_country("On 4 May 2024, about 200 people rallied in Portland (Oregon) for a ceasefire in Gaza. "
                         "[size=about 200]")
    assert found.code == "US"
    # a village no gazetteer knows, in a unit of that spelling in one country only
    found = find_country("On 4 May 2024, militants abducted 3 fishermen near Kourmayedou (Lac).")
    assert found.code == "TD"
    # ... which is less than a theatre's unit and group named with it ("Al Qahirah" is also a district of Taizz)
    found = find_country("On 4 May 2022, Houthi sniper fire hit a woman in Taizz - Bayt Nahmar (Al Qahirah).")
    assert found.code == "YE"
