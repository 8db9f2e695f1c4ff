"""admin1_country answers from an index of first-level unit names built once per set of data roots, with the same
answers a scan of every theatre's admin table gives (a name two theatres share answers None)."""
from __future__ import annotations

import pytest

from warledger.geocode import gazetteer
from warledger.geocode.gazetteer import admin1_country, admin_table, canonical_admin1


def _scan(name: str) -> str | None:
    gov = canonical_admin1(name)
    if gov is None:
        return None
    ccs = {r.country for r in admin_table() if r.level == "admin1" and r.name == gov}
    return ccs.pop() if len(ccs) == 1 else None


def test_the_index_answers_as_the_scan_for_every_first_level_unit() -> None:
    names = sorted({r.name for r in admin_table() if r.level == "admin1"})
    assert len(names) > 50
    assert [admin1_country(n) for n in names] == [_scan(n) for n in names]
    assert admin1_country("no such province anywhere") is None


def test_asking_again_reads_no_admin_table(monkeypatch: pytest.MonkeyPatch) -> None:
    name = next(r.name for r in admin_table() if r.level == "admin1")
    expected = _scan(name)
    admin1_country(name)  # the index is built here, once

    def no_scan(country: str | None = None) -> tuple[gazetteer.AdminRow, ...]:
        raise AssertionError("admin1_country scanned the admin table again")

    monkeypatch.setattr(gazetteer, "admin_table", no_scan)
    assert admin1_country(name) == expected
