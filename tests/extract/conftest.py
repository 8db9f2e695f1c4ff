"""The extraction unit tests read invented Syrian bulletins: functions called below the report level (actors,
classification) read them in Syria's theatre, as extract_report does once the report's country is settled."""
from __future__ import annotations

from typing import Iterator

import pytest

from warledger.theatre.context import reading_in


@pytest.fixture(autouse=True)
def syria_theatre() -> Iterator[None]:
    with reading_in("SY"):
        yield
