"""A gazetteer build killed half-way (SIGKILL, a time limit) leaves its temporary SQLite file; the next build
in that folder removes the ones nobody has written for an hour and keeps a fresh one (a build running now)."""
from __future__ import annotations

import os
import time
from pathlib import Path

from warledger.geocode import gazetteer


def test_the_next_build_removes_temporaries_of_killed_builds(tmp_path: Path) -> None:
    dead = tmp_path / ".gazetteer-killed.sqlite"
    dead.write_bytes(b"half an index")
    two_hours_ago = time.time() - 7200
    os.utime(dead, (two_hours_ago, two_hours_ago))
    running = tmp_path / ".gazetteer-running.sqlite"
    running.write_bytes(b"being written now")
    other = tmp_path / "notes.sqlite"  # not a build's temporary: never touched
    other.write_bytes(b"x")
    os.utime(other, (two_hours_ago, two_hours_ago))
    gazetteer.write_index([], str(tmp_path / "index.sqlite"), [], set())
    assert not dead.exists()
    assert running.exists() and other.exists() and (tmp_path / "index.sqlite").is_file()
    assert sorted(p.name for p in tmp_path.glob(".gazetteer-*")) == [".gazetteer-running.sqlite"]
