"""canonical_admin1 and admin1_country are asked for every place a report names (about ten a report): they run no
import statement per call (a function-level ``from warledger.theatre import ...`` runs importlib's
``_handle_fromlist`` in Python each time)."""
from __future__ import annotations

import cProfile
import pstats

from warledger.geocode.gazetteer import admin1_country, canonical_admin1


def test_no_import_machinery_per_call() -> None:
    canonical_admin1("Velmora"), admin1_country("Velmora")  # warm: tables built, answers memoised
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(20):
        canonical_admin1("Velmora")
        admin1_country("Velmora")
    prof.disable()
    called = {fn[2] for fn in pstats.Stats(prof).stats}  # type: ignore[attr-defined]
    assert "_handle_fromlist" not in called
    assert "canonical_admin1" in called
