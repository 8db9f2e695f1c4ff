"""A gazetteer index whose path holds '#', '?' or '%' opens, and opening it creates no stray file (issue 14:
the path was put into a SQLite URI unquoted, so '#' began a fragment and "out" was created beside it)."""
from __future__ import annotations

import shutil
from pathlib import Path

from warledger.geocode.gazetteer import load_index


def test_an_index_path_with_uri_characters_opens_and_leaves_nothing_behind(tmp_path: Path, fixture_index: Path) -> None:
    folder = tmp_path / "gaz#dir?x%20"
    folder.mkdir()
    odd = folder / "out#x.gaz"
    shutil.copy(fixture_index, odd)
    before = set(tmp_path.rglob("*"))
    assert len(load_index(str(odd)).names) > 0
    assert set(tmp_path.rglob("*")) == before
