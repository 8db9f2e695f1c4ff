"""A country named only as what a note is about ("against the handover of villages to Azerbaijan", "calling for
divestment from Israel", "accusing them of backing Rwanda") is not where the event is: when no country's name or unit
says where, a town that points to one country does.  A country named where it says where ("in Kenya", "Gyumri,
Armenia", "(Armenia)") still settles the country as before.  Invented wording."""
from __future__ import annotations

from warledger.theatre import country as C


def test_a_country_named_as_a_rally_s_cause_gives_way_to_the_town() -> None:
    text = "On 4 June 2024, hundreds marched in Yerevan against the transfer of two border villages to Azerbaijan."
    assert C.find_country(text).code == "AM"
    text = "On 4 June 2024, pupils walked out of class in Kinshasa, accusing foreign powers of arming Rwanda."
    assert C.find_country(text).code == "CD"
    text = "On 4 June 2024, students camped on a campus in Tempe, Arizona, demanding divestment from Israel."
    assert C.find_country(text).code == "US"


def test_a_country_named_where_it_says_where_still_decides() -> None:
    # the country's own name in a place that says where: the town named as the cause is not asked
    text = "On 4 June 2024, hundreds marched in Azerbaijan against a minister's visit to Yerevan."
    assert C.find_country(text).code == "AZ"
    text = "On 4 June 2024, hundreds marched in Baku, Azerbaijan, against a minister's visit to Yerevan."
    assert C.find_country(text).code == "AZ"
    # a demonym or an armed group says whose people act: the town is not asked ("Syrian troops retook Sabkha" is no
    # event in Libya's Sabha)
    assert C.find_country("On 4 June 2024, Syrian soldiers shelled the outskirts of Sabha.").code == "SY"
    # nothing says where but the cause, and no town decides: the named country is kept as before
    assert C.find_country("On 4 June 2024, hundreds marched against the deal with Azerbaijan.").code == "AZ"


def test_the_town_s_country_is_a_guess_when_only_a_cause_is_named() -> None:
    found = C.find_country("On 4 June 2024, hundreds marched in Yerevan against the deal with Azerbaijan.")
    assert (found.code, found.how, found.backed) == ("AM", C.BY_TOWNS, ())
