"""Work done once that was done again and again (issue 13's speed), with the same answers: the paragraph breaks
before a name far into a long page (segment.paragraph_around), the actors of a clause that gives no record
(incidents.build_record), a town and its unit in brackets in a text with no bracket (country._bracket_weights).
Invented wording."""
from __future__ import annotations

import random
import re
from typing import Any

import pytest

from warledger.extract import actors as actors_mod
from warledger.extract import segment
from warledger.extract.english import english_records
from warledger.record import Report


def _windowed(text: str, lo: int, hi: int, s: int, e: int) -> tuple[int, int]:
    """paragraph_around as it was: every break of ``text[lo:s]`` read."""
    a, b = lo, hi
    for m in segment._PARAGRAPH_BREAK.finditer(text, lo, s):
        a = m.end()
    after = segment._PARAGRAPH_BREAK.search(text, e, hi)
    return a, after.start() if after is not None else hi


def test_a_long_window_gives_the_paragraph_a_search_of_the_window_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segment, "_LONG_WINDOW", 0)  # every window bisects the breaks found from its start
    rnd = random.Random(12)
    for _ in range(2000):
        text = "".join(rnd.choice("ab \n\t\r") for _ in range(rnd.randrange(60)))
        for _ in range(10):
            lo = rnd.randrange(len(text) + 1)
            s = rnd.randrange(lo, len(text) + 1)
            hi = rnd.randrange(s, len(text) + 1)
            assert segment.paragraph_around(text, lo, hi, s, s) == _windowed(text, lo, hi, s, s), (text, lo, hi, s)


class _Counting:
    """A compiled pattern whose ``finditer`` calls (and, apart, ``search`` calls) are counted."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx, self.calls, self.searches = rx, 0, 0

    def finditer(self, *args: Any) -> Any:
        self.calls += 1
        return self.rx.finditer(*args)

    def search(self, *args: Any) -> Any:
        self.searches += 1
        return self.rx.search(*args)


def test_the_breaks_of_a_long_page_are_read_once_for_all_its_names(monkeypatch: pytest.MonkeyPatch) -> None:
    para = "The convoy left the depot at dawn and the market stayed shut. " * 5
    text = "\n\n".join([para] * 40)
    counting = _Counting(segment._PARAGRAPH_BREAK)
    monkeypatch.setattr(segment, "_PARAGRAPH_BREAK", counting)
    names = [m.start() for m in re.finditer("market", text) if m.start() > segment._LONG_WINDOW]
    for s in names:
        a, _ = segment.paragraph_around(text, 0, len(text), s, s + 6)
        assert a == text.rfind("\n\n", 0, s) + 2
    assert len(names) > 150 and counting.calls == 1  # (one pass a name before)


def test_a_clause_that_counts_no_fighters_gives_no_record_without_reading_its_actors(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []
    real = actors_mod.find_actors

    def counted(text: str, start: int = 0, end: Any = None) -> Any:
        calls.append((start, end))
        return real(text, start, end)

    monkeypatch.setattr(actors_mod, "find_actors", counted)
    text = ("Two soldiers of the government forces were killed in an ambush near Qarvel on 3 May 2021. "
            "Government forces and rebel fighters patrolled the valley road for a week.")
    records = english_records(Report(id="t", text=text), 0, len(text), None, None)
    second = text.index("Government")
    assert [r.killed.get("fighters") is not None for r in records] == [True]
    assert (second, len(text)) not in calls  # the second sentence, which counts no one, had its actors read


def test_a_text_with_no_bracket_is_not_searched_for_a_town_and_its_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    from warledger.theatre import country

    counting = _Counting(country._bracketed())
    monkeypatch.setattr(country, "_bracketed", lambda: counting)
    assert country._bracket_weights("Shelling hit Qarvel Town and Ostrel Village on Monday.", 0, 55)[0] == {}
    assert counting.calls + counting.searches == 0
    country._bracket_weights("Shelling hit Qarvel (Ostrel) on Monday.", 0, 39)
    assert counting.calls + counting.searches == 1  # (searched only just before its bracket: bracketed_forms)
