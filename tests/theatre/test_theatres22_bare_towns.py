"""A town's own name is the whole of its name or its last words, not the end of another word ("Osh" is no name of
Oshkosh), a trailing "city" aside; and when nothing names a country, a capitalised name within a sentence that is a
town in one country only says where ("residents of X marched", "clashed with police across X"), as a guess.
Invented wording."""
from __future__ import annotations

from warledger.theatre import country as C
from warledger.geocode.normalize import ends_name

# rows as places_named gives them: (key, folded name, country, population, kind, admin1 code, main name folded)
BIG = ("k", "velm", "ZQ", 120_000, "place", "01", "velm")


def test_a_name_ending_another_towns_name_is_not_its_own() -> None:
    # "velm" ends "tarvelm" but is no word of it: a by-name, weighed a tenth, not a namesake half as big
    suffix = ("k", "velm", "ZR", 60_000, "place", "05", "tarvelm")
    assert C._town_country("Velm", [BIG, suffix], 10_000) == "ZQ"
    # a town whose last word is the name still is one
    assert ends_name("nahr velm", "velm")
    assert not ends_name("tarvelm", "velm")
    both = [BIG, ("k", "velm", "ZR", 60_000, "place", "05", "nahr velm")]
    assert C._town_country("Velm", both, 10_000) is None


def test_a_town_called_city_in_its_own_name() -> None:
    assert ends_name("tarvin city", "tarvin")
    assert C._town_country("Tarvin", [("k", "tarvin", "ZQ", 30_000, "place", "01", "tarvin city")], 10_000) == "ZQ"


def test_a_town_named_after_words_the_place_finder_does_not_read() -> None:
    found = C.find_country("On 2 May 2024, residents of Toamasina blocked two roads over the water cuts.",
                           bare_towns=True)
    assert (found.code, found.how) == ("MG", C.BY_TOWNS)
    dhaka = "On 2 May 2024, students clashed with police across Dhaka over job quotas."
    assert C.find_country(dhaka, bare_towns=True).code == "BD"
    # a place phrase (the geocoder asks of one) is never read for a bare name within it
    assert C.find_country(dhaka).code is None


def test_a_sentences_first_word_or_a_month_is_no_town() -> None:
    # Police is a Polish town of some 30,000 people; a sentence's first word is not read as a town
    assert C.find_country("Police fired tear gas at a crowd of students on Monday.", bare_towns=True).code is None
    assert C.find_country("On 2 May 2024, nurses said: Police fired tear gas at them.", bare_towns=True).code is None


def test_a_name_after_an_arabic_article_is_no_bare_town() -> None:
    # "Dali" is a Chinese city; "Al-Dali" is a Yemeni governorate spelt so by no table: no country rather than China's
    clash = "On 2 March 2021, two tribes clashed across {} over grazing land."
    assert C.find_country(clash.format("Al-Dali"), bare_towns=True).code is None
    assert C.find_country(clash.format("Dali"), bare_towns=True).code == "CN"


def test_no_bare_name_in_a_text_that_writes_arabic_names() -> None:
    # "Liwa" is an Omani town and a brigade's word ("Liwa al-..."); a transliterated text's names are not read bare
    assert C.find_country("On 2 March 2021, the brigade Liwa al-Nasr took two hills near the lake.",
                          bare_towns=True).code is None
    assert C.find_country("On 2 March 2021, residents walked from Liwa to the coast.", bare_towns=True).code == "OM"
