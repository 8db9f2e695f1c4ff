"""Ceilings: generous upper bounds on what any extractor could score (invented lines, not from any set)."""
from __future__ import annotations

from warledger.evaluate.ceiling import airwars_ceilings, datable, dedup_ceiling, figure_reachable, names_family


def _line(i: str, text: str, url: str = "https://example.org/post", published: str | None = None,
          **gold: str) -> dict:
    return {"id": i, "text": text, "url": url, "published": published, "gold": {"incidents": [gold]}}


def test_a_text_is_datable_by_publication_url_or_a_full_date_only() -> None:
    assert not datable(_line("a", "Shelling on Saturday killed two people."))
    assert not datable(_line("a", "Shelling killed two people; the war began in 2011."))  # a year alone is no date
    assert datable(_line("a", "Posted 3 March 2021. Shelling killed two people."))
    assert datable(_line("a", "نشر بتاريخ 09/ كانون الأول/ 2023 قصف مدفعي"))
    assert datable(_line("a", "Shelling killed two.", url="https://example.org/2021/03/03/shelling"))
    assert datable(_line("a", "Shelling killed two.", published="2021-03-03"))


def test_a_figure_in_range_near_a_victim_word_can_be_scored() -> None:
    text = "Two children and their mother were killed when a shell hit the house."
    assert figure_reachable(text, "children", 2, 2)
    assert not figure_reachable(text, "children", 5, 6)
    assert figure_reachable(text, "children", 0, 3)  # a range from 0 is always reachable
    # two separate figures may add up across incidents: two here, three there
    assert figure_reachable("Two civilians died in Binnish and three civilians in Taftanaz.", "civilians", 5, 5)
    assert figure_reachable("استشهاد طفلين بقصف على البلدة", "children", 2, 2)  # an Arabic dual


def test_the_belligerent_must_be_named_somewhere() -> None:
    assert names_family("Russian jets struck the market.", {"russia"})
    assert names_family("غارات للطيران الروسي على البلدة", {"russia"})
    assert not names_family("Jets struck the market.", {"russia"})
    assert not names_family("Russian jets struck the market.", {"turkey"})


def test_ceilings_count_texts_and_a_system_right_answer_is_always_reachable() -> None:
    lines = [
        _line("1", "Two civilians were killed by Russian jets on 3 March 2021.", civilians_killed_min="2",
              civilians_killed_max="2", incident_date="2021-03-03", belligerent="Russian Military"),
        _line("2", "Page not found.", civilians_killed_min="4", civilians_killed_max="4",
              incident_date="2021-03-03", belligerent="Russian Military"),
    ]
    got = {c.metric: (c.reachable, c.scored) for c in airwars_ceilings(lines)}
    assert got["civilians"] == (1, 2) and got["date±1"] == (1, 2) and got["perpetrator"] == (1, 2)
    assert got["children"] == (0, 0)
    # a system that (somehow) scored the empty page right: the ceiling may not fall below it
    got = {c.metric: c.reachable for c in airwars_ceilings(lines, {"civilians": set(), "date±1": {"2"}})}
    assert got["civilians"] == 2 and got["date±1"] == 1


def test_dedup_ceiling_counts_pairs_of_datable_texts() -> None:
    lines = [_line("a", "Strike on 3 March 2021."), _line("b", "Strike on 3 March 2021."), _line("c", "Strike today.")]
    reach, total, f1 = dedup_ceiling(lines, [["a", "b", "c"]])
    assert (reach, total) == (1, 3)
    assert abs(f1 - 0.5) < 1e-9  # recall 1/3, precision 1
