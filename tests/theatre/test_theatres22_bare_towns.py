"""A town's own name is the whole of its name or its last words, not the end of another word ("Osh" is no name of
Oshkosh), a trailing "city" aside; and when nothing names a country, a capitalised name within a sentence that is a
town in one country only says where ("residents of X marched", "clashed with police across X"), as a guess.
Invented wording."""
from __future__ import annotations

from warledger.theatre import country as C

# rows as places_named gives them: (key, folded name, country, population, kind, admin1 code, main name folded)
BIG = ("k", "velm", "ZQ", 120_000, "place", "01", "velm")


def test_a_name_ending_another_towns_name_is_not_its_own() -> None:
    # "velm" ends "tarvelm" but is no word of it: a by-name, weighed a tenth, not a namesake half as big
    suffix = ("k", "velm", "ZR", 60_000, "place", "05", "tarvelm")
    assert C._town_country("Velm", [BIG, suffix], 10_000) == "ZQ"
    # a town whose last word is the name still is one
    assert C.own_name("nahr velm", "velm")
    assert not C.own_name("tarvelm", "velm")
    both = [BIG, ("k", "velm", "ZR", 60_000, "place", "05", "nahr velm")]
    assert C._town_country("Velm", both, 10_000) is None


def test_a_town_called_city_in_its_own_name() -> None:
    assert C.own_name("tarvin city", "tarvin")
    assert C._town_country("Tarvin", [("k", "tarvin", "ZQ", 30_000, "place", "01", "tarvin city")], 10_000) == "ZQ"


def test_a_town_named_after_words_the_place_finder_does_not_read() -> None:
    found = C.find_country("On 2 May 2024, residents of Toamasina blocked two roads over the water cuts.")
    assert (found.code, found.how) == ("MG", C.BY_TOWNS)
    assert C.find_country("On 2 May 2024, students clashed with police across Dhaka over job quotas.").code == "BD"


def test_a_sentences_first_word_or_a_month_is_no_town() -> None:
    # Police is a Polish town of some 30,000 people; a sentence's first word is not read as a town
    assert C.find_country("Police fired tear gas at a crowd of students on Monday.").code is None
    assert C.find_country("On 2 May 2024, nurses said: Police fired tear gas at them.").code is None
