"""Tolls as web texts state them (session 14, airwars14): a strike that killed only fighters is 0 civilians
killed, with a problem saying so; a fighter toll beside a civilian one is left as it is."""
from __future__ import annotations

import warledger


def _incidents(text: str, published: str = "2023-03-14") -> list[warledger.record.Incident]:
    return [i for i in warledger.extract(text, published=published) if i.kind == "incident"]


def test_fighters_only_means_no_civilian_killed() -> None:
    incs = _incidents("Two militia fighters were killed on Monday when a drone struck their pickup truck "
                      "near the village of Tell Hamra, the monitor said.")
    assert len(incs) == 1
    k = incs[0].killed
    assert k.fighters is not None and k.fighters.value() == 2
    assert k.civilians is not None and k.civilians.value() == 0
    assert any(p.startswith("W-CIVILIANS-INFERRED:") and "fighters" in p for p in incs[0].problems)
    assert incs[0].fatalities == 2  # the ACLED toll is still the two fighters


def test_a_name_ending_in_a_people_word_is_no_person() -> None:
    incs = _incidents("Four fighters of the Hamza Division were killed in a raid on their post near Maarrat "
                      "al-Nu'man on Monday.")
    assert [i.killed.civilians.value() for i in incs if i.killed.civilians is not None] == [0]


def test_a_people_noun_opening_the_text_blocks_the_zero() -> None:
    # the noun at offset 0 has no character before it: it is a person, not the end of a name after an apostrophe
    incs = _incidents("Women and two militia fighters were killed on Monday when a drone struck their pickup truck "
                      "near the village of Tell Hamra.")
    assert incs and all(i.killed.civilians is None or i.killed.civilians.value() != 0 for i in incs)


def test_a_civilian_beside_the_fighters_is_not_zeroed() -> None:
    incs = _incidents("Two fighters and a shepherd were killed on Monday when a drone struck a pickup truck "
                      "near the village of Tell Hamra.")
    civ = [i.killed.civilians.value() for i in incs if i.killed.civilians is not None]
    assert 0 not in civ


def test_a_toll_of_no_stated_kind_is_not_zeroed() -> None:
    incs = _incidents("Five were killed, three of them fighters, when a drone struck a pickup truck near the "
                      "village of Tell Hamra on Monday.")
    assert all(i.killed.civilians is None or i.killed.civilians.value() != 0 for i in incs)


# --- a page with no article: the headline its URL carries (extract/url_headline.py) ---------------------------

from warledger.extract import extract_report  # noqa: E402
from warledger.extract.url_headline import url_headline  # noqa: E402
from warledger.record import Report  # noqa: E402

MENU = "Home\n\nLanguage\n\nSettings\n\nContact us"


def test_the_headline_in_a_url_path() -> None:
    assert url_headline("https://example.org/news/drone-strike-kills-four-farmers-near-the-river.html") == \
        "drone strike kills four farmers near the river"
    assert url_headline("https://example.org/ar/%D9%85%D9%82%D8%AA%D9%84-4-%D9%85%D8%AF%D9%86%D9%8A%D9%8A%D9%86-"
                        "%D8%A8%D9%82%D8%B5%D9%81-%D8%B9%D9%84%D9%89-%D8%A7%D9%84%D9%82%D8%B1%D9%8A%D8%A9") == \
        "مقتل 4 مدنيين بقصف على القرية"
    assert url_headline("https://example.org/news/2022/05/11/77500/") is None   # ids and dates, no words
    assert url_headline("https://example.org/story/short-slug") is None
    assert url_headline(None) is None


def test_a_menu_page_is_read_from_its_url_headline() -> None:
    r = Report(id="m1", text=MENU, published="2024-10-20",
               url="https://example.org/news/drone-strike-kills-four-farmers-near-the-river")
    extract_report(r)
    incs = [i for i in r.incidents if i.kind == "incident"]
    assert len(incs) == 1
    inc = incs[0]
    assert inc.killed.civilians is not None and inc.killed.civilians.value() == 4
    assert str(inc.event_date) == "2024-10-20"
    assert any(p.startswith("W-URL-HEADLINE:") for p in inc.problems)
    for e in inc.evidence:  # no offsets into a text that does not hold the words: the URL's words are in the rule
        assert (e.start, e.end, e.text) == (0, 0, "") and "URL's headline" in e.rule


def test_a_page_that_states_its_event_is_not_read_from_the_url() -> None:
    r = Report(id="m2", text="A drone strike killed two shepherds near the village of Tell Hamra on Monday.",
               published="2024-10-22", url="https://example.org/news/drone-strike-kills-four-farmers-near-the-river")
    extract_report(r)
    assert r.incidents and all(not any(p.startswith("W-URL-HEADLINE:") for p in i.problems) for i in r.incidents)
    assert all(i.killed.civilians is None or i.killed.civilians.value() == 2 for i in r.incidents)


def test_a_menu_page_with_no_headline_stays_empty() -> None:
    r = Report(id="m3", text=MENU, published="2024-10-20", url="https://example.org/posts/1234567")
    extract_report(r)
    assert r.incidents == []


# --- the Arabic dual named by its pronoun: "مدنيين أحدهما طفلة" is two civilians, one of them a girl ------------

def _killed(text: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in _incidents(text, "2024-12-10"):
        for cat, r in i.killed.to_json().items():
            if r is not None:
                out[cat] = out.get(cat, 0) + r["best"]
    return out


def test_a_dual_pronoun_makes_the_noun_two_and_its_noun_a_part() -> None:
    got = _killed("استشهاد مدنيين أحدهما طفلة في قصف مدفعي على قرية الخضراء")
    assert got.get("civilians") == 2 and got.get("children") == 1
    got = _killed("مقتل شخصين إحداهما امرأة بقصف مدفعي على قرية الخضراء")
    assert got.get("civilians") == 2 and got.get("women") == 1


def test_one_of_them_after_a_figure_is_a_part_of_it() -> None:
    got = _killed("استشهاد 4 مدنيين أحدهم طفل بقصف مدفعي على قرية الخضراء")
    assert got.get("civilians") == 4 and got.get("children") == 1
