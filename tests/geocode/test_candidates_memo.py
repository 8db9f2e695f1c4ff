"""A resolver reads a name's gazetteer candidates once: the head, the whole-name test and the text scans ask for
the same name again, and place names recur across reports (a speed change: the answers must not move)."""
from __future__ import annotations

from pathlib import Path

import pytest

from warledger.geocode import Geocoder, resolve
from warledger.geocode.gazetteer import load_index


def test_second_ask_reads_no_gazetteer_row_and_answers_the_same(fixture_index: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    geo = Geocoder(load_index(str(fixture_index)))  # a resolver of its own: nothing asked before this test
    first = geo.resolver.candidates("Jisr al-Shughur")
    assert first and all(isinstance(pid, int) and 0 < sim <= 1.1 for pid, sim in first)
    folds: list[str] = []
    real_fold = resolve.fold
    monkeypatch.setattr(resolve, "fold", lambda s: folds.append(s) or real_fold(s))
    again = geo.resolver.candidates("Jisr al-Shughur")
    assert again == first
    assert folds == []  # answered from the memo: the name was not folded nor its skeleton looked up again
    again.clear()  # a caller's list is its own: emptying it leaves the memo whole
    assert geo.resolver.candidates("Jisr al-Shughur") == first
    # another governorate or fuzziness is another question
    geo.resolver.candidates("Jisr al-Shughur", "Idleb")
    geo.resolver.candidates("Jisr al-Shughur", fuzzy=False)
    assert len(folds) == 2
