"""The theatre folders' variable is read once per report (warledger/theatre roots_fixed, used by the pipeline): inside
the block root_key() gives the key of when it began, outside it follows $WARLEDGER_THEATRES (so a report processed
after the variable changed reads the new folders: tests/theatre/test_new_country.py sets it before its reports)."""
from __future__ import annotations

from pathlib import Path

import pytest

from warledger import theatre


def test_the_key_is_read_once_inside_the_block_and_follows_the_variable_outside(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.setenv(theatre.ENV, str(tmp_path / "a"))
    plain = theatre.root_key()
    assert plain[0] == str(tmp_path / "a")
    with theatre.roots_fixed():
        assert theatre.root_key() == plain
        monkeypatch.setenv(theatre.ENV, str(tmp_path / "b"))
        assert theatre.root_key() == plain  # inside: the key of when the block began
        with theatre.roots_fixed():  # nested (extraction inside the pipeline): the variable as it is now
            assert theatre.root_key()[0] == str(tmp_path / "b")
        assert theatre.root_key() == plain
    assert theatre.root_key()[0] == str(tmp_path / "b")  # outside: the variable again

