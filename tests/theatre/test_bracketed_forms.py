"""The town-and-unit-in-brackets signal ("Kasese (Kasese)") is searched only just before each opening bracket
(country.bracketed_forms), not from every capital of the text: the same matches as the whole pattern's scan, on
invented texts and random ones built to meet the pattern's edges (a name run cut by punctuation, a bracket inside a
bracket, a bracketed part of 40 and 41 characters, a span starting or ending inside a form)."""
from __future__ import annotations

import random
import re

from warledger.theatre import country as C


def _spans(matches: list[re.Match[str]]) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in matches]


def _same(text: str, start: int, end: int) -> None:
    whole = list(C._bracketed().finditer(text, start, end))
    assert _spans(C.bracketed_forms(text, start, end)) == _spans(whole), (text, start, end)


def test_the_forms_of_a_note_and_of_a_page() -> None:
    note = ("On 3 May 2024, militiamen attacked Zabolinga village (Mai-Ndombe province) and Kasese (Kasese); "
            "the army (FARDC) answered. (Reuters) Tal Abyad (Raqqa), Port-au-Prince (Ouest).")
    found = C.bracketed_forms(note, 0, len(note))
    assert [m.group(1) for m in found] == ["Zabolinga", "Kasese", "Tal Abyad", "Port-au-Prince"]
    assert [m.group(2) for m in found] == ["Mai-Ndombe province", "Kasese", "Raqqa", "Ouest"]
    for start, end in ((0, len(note)), (36, len(note)), (0, 70), (40, 61)):
        _same(note, start, end)
    page = "Share this (opens in a new window) Menu Home World News\n" * 50 + note
    _same(page, 0, len(page))
    assert C.bracketed_forms("No bracket in Homs, Hama or Idlib.", 0, 34) == []


def test_the_longest_bracketed_part_and_one_longer() -> None:
    for n in (38, 39, 40, 41, 42):
        text = "Tal Abyad (A" + "b" * n + ")"
        _same(text, 0, len(text))
    fits, too_long = "Tal Abyad (A" + "b" * 40 + ")", "Tal Abyad (A" + "b" * 41 + ")"
    assert [m.group(1) for m in C.bracketed_forms(fits, 0, len(fits))] == ["Tal Abyad"]
    assert C.bracketed_forms(too_long, 0, len(too_long)) == []


def test_random_texts_give_the_whole_scans_matches() -> None:
    rng = random.Random(21)
    tokens = ["Kasese", "Tal", "Abyad", "village", "district", "oil", "field", "LGA", "(", ")", "(Idleb)", " ", "  ",
              "\n", ",", ".", "'", "’", "-", "al-Bab", "x", "X", "1", "(A", "B)", "(Ouest)", "İzmir", "é", '"']
    for _ in range(5000):
        text = "".join(rng.choice(tokens) + rng.choice(["", " "]) for _ in range(rng.randint(1, 14)))
        _same(text, rng.randint(0, 3), len(text) - rng.randint(0, 3))
