"""Planning Dask parts reads a huge line in bounded pieces (robust22): ``cluster.parts.blocks`` never holds more than
``READ_CHUNK`` bytes of a line, and cuts the same blocks, numbered as text mode numbers the lines, whatever the cut
of a ``\\r\\n`` between two pieces.  Lines in our own words."""
from __future__ import annotations

import io
import random
from pathlib import Path
from typing import Any, Iterator

import pytest

from warledger.cluster import parts
from warledger.cluster.parts import blocks

CHUNK = 16


def _by_whole_lines(data: bytes, block_lines: int) -> list[tuple[int, int, int]]:
    """The blocks as text mode cuts them, each binary line read whole: what ``blocks`` gave before robust22."""
    out, start, first, lines, pos = [], 0, 1, 0, 0
    for raw in io.BytesIO(data):
        pos += len(raw)
        n = raw.count(b"\n") + raw.count(b"\r") - raw.count(b"\r\n")
        lines += n + (0 if raw.endswith((b"\n", b"\r")) else 1)
        if lines >= block_lines:
            out.append((start, pos, first))
            start, first, lines = pos, first + lines, 0
    if pos > start:
        out.append((start, pos, first))
    return out


@pytest.fixture()
def small_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parts, "READ_CHUNK", CHUNK, raising=False)


def test_random_files_give_the_blocks_of_whole_line_reading(tmp_path: Path, small_chunk: None) -> None:
    rnd = random.Random(22)
    f = tmp_path / "r.jsonl"
    for _ in range(300):
        data = b"".join(b"z" * rnd.choice([0, 1, CHUNK - 2, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 5])
                        + rnd.choice([b"\n", b"\r\n", b"\r", b"\n\n"]) for _ in range(rnd.randint(0, 9)))
        data += rnd.choice([b"", b"tail", b"\r"])
        f.write_bytes(data)
        for block_lines in (1, 2, 3):
            assert list(blocks(f, block_lines)) == _by_whole_lines(data, block_lines), (data, block_lines)


class _Spy(io.FileIO):
    """A file that remembers the largest piece read from it, however it is read."""
    biggest = 0

    def readline(self, size: Any = -1) -> bytes:
        got = super().readline(size)
        _Spy.biggest = max(_Spy.biggest, len(got))
        return got

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        got = self.readline()
        if not got:
            raise StopIteration
        return got


def test_a_huge_line_is_never_held_whole(tmp_path: Path, small_chunk: None, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "huge.jsonl"
    f.write_bytes(b'{"id": "a"}\n' + b"x" * (200 * CHUNK) + b'\n{"id": "b"}\r\n{"id": "c"}\n')
    real_open = open

    def spy_open(path: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
        return _Spy(path, "rb") if Path(path) == f and mode == "rb" else real_open(path, mode, *args, **kw)

    monkeypatch.setattr("builtins.open", spy_open)
    _Spy.biggest = 0
    got = list(blocks(f, 1))
    assert [first for _, _, first in got] == [1, 2, 3, 4]
    assert 0 < _Spy.biggest <= CHUNK
