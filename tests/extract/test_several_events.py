"""A record that is one of several events its text lists says so (the ledger then merges it with nothing):
a clause naming several places, and an ACLED-style note that shares its fatalities out over several coded
events (issue 11: identical notes coded at two towns were merged).  Invented places and wording."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.record import Incident


def _codes(inc: Incident) -> list[str]:
    return [p.split(":")[0] for p in inc.problems if p.startswith("W-")]


def _incidents(text: str, published: str | None = "2031-03-05") -> list[Incident]:
    return [i for i in extract_text(text, published=published) if i.kind == "incident"]


def test_a_clause_naming_several_villages_is_one_of_several_places() -> None:
    incs = _incidents("Artillery shelling hit Tell Zarqa and Umm Batna villages in Hama countryside on Monday, "
                      "killing two farmers.")
    assert incs and "W-PLACE-LIST" in _codes(incs[0])


def test_places_in_two_governorates_are_several_places() -> None:
    incs = _incidents("On 3 March 2031, gunmen attacked army posts near Wadi Sabkha in Deir ez Zor countryside, and "
                      "near Jubb Nasr in Homs countryside, killing 4 soldiers. 4 fatalities.", published=None)
    assert incs and "W-PLACE-LIST" in _codes(incs[0])


def test_one_village_with_its_governorate_is_one_place() -> None:
    incs = _incidents("Artillery shelling hit Tell Zarqa village in Hama countryside on Monday, killing two farmers.")
    assert incs and "W-PLACE-LIST" not in _codes(incs[0])


def test_a_note_splitting_its_fatalities_over_events_codes_one_of_them() -> None:
    note = ("On 3 March 2031, gunmen clashed with army units at Tell Zarqa and Khirbet Sawda in Hama countryside. "
            "Fatalities coded as 6 and split, 3 each, between the two locations.")
    incs = _incidents(note, published=None)
    assert incs and "W-SPLIT-CODING" in _codes(incs[0])
    plain = _incidents("On 3 March 2031, gunmen clashed with army units at Tell Zarqa in Hama countryside. "
                       "3 fatalities.", published=None)
    assert plain and "W-SPLIT-CODING" not in _codes(plain[0])
