"""Country detection (by the towns a text names) and extraction both read a report body's place mentions: the second
reading of the same span is the first one's answer, not a second scan (a speed change: the answers must not move)."""
from __future__ import annotations

import re
from typing import Any, Optional

import pytest

from warledger.extract import places

TEXT = "On Tuesday a drone hit a car in the village of Kafr Tala, killing two men near Bir Suwan town."


class _Counting:
    def __init__(self, rx: "re.Pattern[str]") -> None:
        self.rx, self.calls = rx, 0

    def search(self, *args: Any) -> Optional["re.Match[str]"]:
        self.calls += 1
        return self.rx.search(*args)


def test_same_span_is_scanned_once_and_each_caller_gets_its_own_list(monkeypatch: pytest.MonkeyPatch) -> None:
    text = TEXT + " "  # a text of this test's own: no earlier call has read it
    counting = _Counting(places._HOLDER_WORD)
    monkeypatch.setattr(places, "_HOLDER_WORD", counting)
    first = places.find_places(text, 0, len(text))
    assert [p.name for p in first] == ["Kafr Tala", "Bir Suwan"]
    assert counting.calls == 1
    again = places.find_places(text, 0, len(text))
    assert again == first and counting.calls == 1  # answered from the memo
    again.clear()  # a caller's list is its own
    assert places.find_places(text, 0, len(text)) == first
    places.find_places(text, 0, len(text) - 20)  # another span is another question
    assert counting.calls == 2
