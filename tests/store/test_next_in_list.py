"""The next incident of a filtered list (the workbench's "Next" on an incident page): found from the incident's
own place in the list's order, for every order the list page offers and however far down the list it is."""
from __future__ import annotations

from typing import Any

import pytest
from handmade import bulletin, generated
from sqlalchemy import insert, select

from warledger.store import Ledger
from warledger.store.query import SORTS, Filters
from warledger.store.schema import incidents


def _walk(ledger: Ledger, first: str, f: Filters, sort: str) -> list[str]:
    out = [first]
    while (nxt := ledger.next_in_list(out[-1], f, sort)) is not None:
        out.append(nxt)
        assert len(out) < 1000, "the walk does not end"
    return out


@pytest.mark.parametrize("sort", SORTS)
def test_next_walks_the_filtered_list_in_its_own_order(db: str, sort: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([bulletin(), *generated(40)])
        every = ledger.page(Filters(), limit=1000)[1]
        for f in (Filters(), Filters.parse({"killed": "civilians"}), Filters.parse({"date_from": "2021-06-01"})):
            listed = [i["incident_id"] for i in ledger.page(f, limit=1000, sort=sort)[0]]
            assert len(listed) > 5 and (len(listed) < every or f == Filters())
            assert _walk(ledger, listed[0], f, sort) == listed, (sort, f)


def test_next_of_an_incident_that_left_the_list_is_the_one_after_its_place(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([bulletin(), *generated(40)])
        f = Filters.parse({"review_state": "unreviewed"})
        listed = [i["incident_id"] for i in ledger.page(f, limit=1000)[0]]
        left = listed[2]
        ledger.review(left, "accept", who="alice")   # no longer in the list, still in its place
        assert left not in [i["incident_id"] for i in ledger.page(f, limit=1000)[0]]
        assert ledger.next_in_list(left, f) == listed[3]
        assert ledger.next_in_list("inc-not-there", f) == listed[0]   # gone from the ledger: the first


def test_next_goes_past_the_first_500_of_a_list(tmp_path: Any) -> None:
    with Ledger(str(tmp_path / "ledger.db")) as ledger:
        ledger.ingest([bulletin(), *generated(20)])
        with ledger.engine.begin() as conn:   # copies of the stored incidents, so the list is long (no extraction)
            rows = [dict(r._mapping) for r in conn.execute(select(incidents)).all()]
            top = max(r["seq"] for r in rows)
            copies = [dict(r, incident_id=f"inc-copy{n:03d}-{k}", seq=top + 1 + n * len(rows) + k,
                           data=r["data"].replace(r["incident_id"], f"inc-copy{n:03d}-{k}"))
                      for n in range(25) for k, r in enumerate(rows)]
            conn.execute(insert(incidents), copies)
        for sort in ("date", "-killed"):
            listed = [i["incident_id"] for i in ledger.page(Filters(), limit=1000, sort=sort)[0]]
            assert 600 < len(listed) < 1000 and len(set(listed)) == len(listed)
            for at in (499, 500, 600, len(listed) - 1):
                want = listed[at + 1] if at + 1 < len(listed) else None
                assert ledger.next_in_list(listed[at], Filters(), sort) == want, (sort, at)
