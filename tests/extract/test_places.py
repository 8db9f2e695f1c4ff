"""Place phrases: verbs of taking ground, nearness cues, holders before a name, 'the village X'."""
from __future__ import annotations

from warledger.extract.places import find_places


def _names(text: str) -> list[tuple[str, bool]]:
    return [(p.name, p.excluded) for p in find_places(text, 0, len(text))]


def test_taking_ground_names_the_place() -> None:
    assert _names("Government troops captured Kafr Zeita after a night of fighting.")[0] == ("Kafr Zeita", False)
    assert _names("The faction retook Tell Hadya from the militants.")[0] == ("Tell Hadya", False)
    assert _names("Rebels took control of Um Sharshouh at dawn.")[0][0] == "Um Sharshouh"


def test_nearness_cue() -> None:
    assert _names("Gunfire was exchanged in the vicinity of Tal Bisa. No fatalities.")[0][0] == "Tal Bisa"


def test_holder_before_the_name_is_not_part_of_it() -> None:
    assert _names("Shelling hit the SDF-held town of Ain Diwar on Monday.")[0][0] == "Ain Diwar"
    assert _names("Fighters advanced in the YPG-held Tell Tamr village overnight.")[0][0] == "Tell Tamr"


def test_the_village_without_of() -> None:
    ps = find_places("Troops stormed the village Sukkariyeh with no losses.", 0, 55)
    assert ps and ps[0].name == "Sukkariyeh" and ps[0].phrase.startswith("village")


def test_captured_from_still_excludes_origin() -> None:
    names = _names("A man from Saraqib was shot near Maarzaf.")
    assert ("Saraqib", True) not in [n for n in names if not n[1]]
    assert names[-1] == ("Maarzaf", False)


def test_english_as_is_not_a_name_particle() -> None:
    assert _names("Drones struck near Kafr Hamra as rebels advanced.")[0][0] == "Kafr Hamra"


def test_armed_groups_after_a_cue_are_not_places() -> None:
    names = [n for n, _ in _names("Clashes broke out in areas between the Military Forces of Syria and rebels.")]
    assert not any("Forces" in n for n in names)


def test_direction_before_a_governorate_stays_in_the_phrase() -> None:
    ps = find_places("Shelling continued in northern Hama on Sunday.", 0, 46)
    assert ps and ps[0].phrase.startswith("northern Hama") and not ps[0].settlement


def test_a_rejected_group_name_does_not_swallow_the_place_after_it() -> None:
    assert _names("Gunmen shot two fighters of the Sham Legion near Maar Tahroma village.")[-1][0] == "Maar Tahroma"
    assert _names("Militants attacked Syrian Democratic Forces in Tell Baydar village.")[-1][0] == "Tell Baydar"


def test_airport_after_a_town_stays_in_the_phrase() -> None:
    ps = find_places("Missiles struck near Mezzeh - Military Airport on Friday.", 0, 57)
    assert ps and ps[0].phrase == "Mezzeh - Military Airport"


def test_the_coders_own_location_comes_first() -> None:
    text = "Clashes hit the outskirts of Kafr Nbudah and Hish. Coded to Hish. 2 fatalities."
    ps = find_places(text, 0, len(text))
    assert ps[0].name == "Hish" and ps[0].rule.lower().startswith("preposition coded")
    assert not find_places("Unknown fatalities coded as 10.", 0, 31)


def test_share_buttons_and_appealed_bodies_are_not_places() -> None:
    text = "Share on Facebook Share on Telegram. The council called on the United Nations after shelling hit Maarat Misrin."
    assert [n for n, _ in _names(text)] == ["Maarat Misrin"]


def test_a_not_place_entry_matches_whole_words_only() -> None:
    assert [n for n, _ in _names("Calls on UNICEF went unanswered; shelling hit Allepo and the village of Alloush.")] == [
        "Allepo", "Alloush"]


# invented sentences for the pattern without holders: names, type words, prepositions, paragraph breaks, quotes,
# Arabic, words that come close to a holder ("- run", "Hel d")
_NO_HOLDER_TEXTS = [
    "Shelling hit the town of Qarvel Tahta and Dolm village in the western countryside of Uzbor on Monday.",
    "Clashes near Ain Zarvel, west of Tell Qorin; the village Bir Dolm, \"Kafr Uzbor\" farms and al-Sahra hamlet.",
    "Fighters entered\n\nMarvel village.\n\nIn Qarvel-Sharqi city, the long- run siege of 'Umm Dolm' camp ended.",
    "قصف على قرية تل زورين in the Qarvel area; attacked Al Dolm and As-Safira district, Coded as Tadvor.",
    "The so-called Zarvel Hel d town of X, an area between Qarvel and Dolm, the YPG Forces in Anad village.",
]


def test_the_pattern_without_holders_finds_what_the_whole_pattern_finds_where_no_holder_is_written() -> None:
    import random

    from warledger.extract import places

    rng = random.Random(5)
    words = ["the ", "town ", "of ", "Qarvel ", "village ", "in ", "near ", "al-", "Dolm ", "west ", "\n\n", ", ",
             "countryside ", "captured ", "\"", "Tahta ", "city ", "areas ", "between ", "and ", "of the ", "Ain "]
    texts = _NO_HOLDER_TEXTS + ["".join(rng.choice(words) for _ in range(rng.randrange(3, 40))) for _ in range(300)]
    found = 0
    for text in texts:
        assert places._HOLDER_WORD.search(text) is None
        for a in range(0, len(text), 7):
            for b in (len(text), min(len(text), a + 50)):
                got = [(m.span(), m.groups()) for m in places._SETTLEMENT_NO_HOLDER.finditer(text, a, b)]
                assert got == [(m.span(), m.groups()) for m in places._SETTLEMENT.finditer(text, a, b)], (text, a, b)
                found += len(got)
    assert found > 500  # the texts do hold place mentions
    # a holder written in the span: find_places reads it with the whole pattern
    assert _names("Shelling hit the SDF-held town of Ain Diwar and Qarvel village.")[0][0] == "Ain Diwar"


def test_the_residents_of_a_place_who_act_as_a_crowd_name_where_they_acted() -> None:
    assert _names("On 3 May 2024, residents of Quorvale marched to the town hall over water cuts.") == [("Quorvale", False)]
    assert _names("Villagers of Dembara, angry at the new toll, blocked the highway.") == [("Dembara", False)]
    # the dwellers of a place that something was done to: no place of the event
    assert _names("Gunmen killed three residents of Zorvik on the road.") == []


def test_an_adverb_between_a_march_and_through_keeps_the_place() -> None:
    assert _names("Hundreds of students marched peacefully through Quorvale against the bill.") == [("Quorvale", False)]
    assert _names("Soldiers fired through Quorvale's gate.") == []


def test_downtown_before_a_town_keeps_the_town() -> None:
    assert _names("Masked demonstrators set fires in downtown Quorvale during a march.") == [("Quorvale", False)]


def test_a_crowd_driving_into_a_town_or_on_the_road_into_it_names_the_town() -> None:
    assert _names("Farmers drove hundreds of tractors into Quorvale, setting hay on fire.") == [("Quorvale", False)]
    assert _names("Taxi drivers parked along the main road into Quorvale and held a protest.") == [("Quorvale", False)]
    # other motion into a place is not where the event was
    assert _names("Smugglers moved weapons into Quorvale.") == []
