"""Schema step 21 and old undo rows: a correction's idempotency key is an indexed column (a repeated key is one
lookup, and a ledger made before the step opens with its stored keys copied over, still recognised); an undo of a
place pick stored the way it was before session 20 (a grouped correction that set the old values, no revert
rows) is undone like any grouped correction."""
from __future__ import annotations

from typing import Any

import pytest
from handmade import bulletin, generated
from sqlalchemy import select, text

from warledger.errors import InputError
from warledger.store import Ledger
from warledger.store.query import Filters
from warledger.store.schema import SCHEMA_VERSION, audit


def _filled(db: str) -> tuple[Ledger, str]:
    ledger = Ledger(db)
    ledger.ingest([bulletin(), *generated(6)])
    return ledger, str(ledger.page(Filters(), limit=1)[0][0]["incident_id"])


def _corrections(ledger: Ledger, iid: str) -> list[Any]:
    with ledger.engine.connect() as conn:
        return list(conn.execute(select(audit.c.seq, audit.c.correction_key).where(
            audit.c.incident_id == iid, audit.c.action == "correct").order_by(audit.c.seq)).all())


def test_a_ledger_from_before_step_21_opens_with_its_keys_and_a_repeated_key_is_recognised(db: str) -> None:
    ledger, iid = _filled(db)
    with ledger:
        ledger.correct(iid, "strikes", 3, who="alice", key="form-one")
        ledger.correct_group(iid, {"location": "Somewhere", "latitude": 36.1}, who="alice", key="pick-two")
        ledger.correct(iid, "strikes", 4, who="bob")
        with ledger.engine.begin() as conn:   # the ledger as main's schema (step 20) left it: keys only in data
            conn.execute(text("DROP INDEX ix_wl_audit_correction_key"))
            conn.execute(text("ALTER TABLE wl_audit DROP COLUMN correction_key"))
            conn.execute(text("DELETE FROM wl_schema WHERE version >= 21"))
    with Ledger(db) as ledger:
        with ledger.engine.connect() as conn:
            assert max(conn.execute(text("SELECT version FROM wl_schema")).scalars()) == SCHEMA_VERSION >= 21
        keys = [k for _, k in _corrections(ledger, iid)]
        assert keys == ["form-one", "pick-two", "pick-two", None]
        first = _corrections(ledger, iid)[0][0]
        n = len(_corrections(ledger, iid))
        again = ledger.correct(iid, "strikes", 3, who="alice", key="form-one")
        assert again["repeat_of"] == first and again["strikes"]["best"] == 4   # not made again: bob's 4 stands
        pick = ledger.correct_group(iid, {"location": "Somewhere", "latitude": 36.1}, who="alice", key="pick-two")
        assert pick["repeat_of"] == _corrections(ledger, iid)[1][0]
        assert len(_corrections(ledger, iid)) == n
        assert "repeat_of" not in ledger.correct(iid, "strikes", 5, who="alice", key="form-three")
        assert _corrections(ledger, iid)[-1][1] == "form-three"


def test_a_repeated_key_is_one_index_lookup(tmp_path: Any) -> None:
    ledger, iid = _filled(str(tmp_path / "ledger.db"))
    with ledger:
        ledger.correct(iid, "strikes", 3, who="alice", key="form-one")
        with ledger.engine.connect() as conn:
            plan = " ".join(str(r[-1]) for r in conn.execute(text(
                "EXPLAIN QUERY PLAN SELECT min(seq) FROM wl_audit WHERE correction_key = :k AND incident_id = :i "
                "AND action = 'correct'"), {"k": "form-one", "i": iid}))
        assert "ix_wl_audit_correction_key" in plan, plan


def test_a_key_longer_than_the_column_is_refused_with_its_length(db: str) -> None:
    ledger, iid = _filled(db)
    with ledger:
        with pytest.raises(InputError, match="at most 200"):
            ledger.correct(iid, "strikes", 3, who="alice", key="k" * 201)


def test_an_undo_stored_before_session_20_is_undone_like_any_grouped_correction(db: str) -> None:
    ledger, iid = _filled(db)
    with ledger:
        machine = ledger.incident(iid)
        ledger.correct_group(iid, {"location": "Somewhere", "latitude": 36.1}, who="alice")
        pick = next(h["data"]["group"] for h in ledger.history(iid) if (h.get("data") or {}).get("group"))
        # the old undo: a grouped correction setting the fields back to their values before the pick
        ledger.correct_group(iid, {"location": machine["location"], "latitude": machine["latitude"]}, who="bob",
                             reason="undo", data={"undoes": pick})
        old_undo = [h for h in ledger.history(iid) if (h.get("data") or {}).get("undoes") == pick]
        assert len(old_undo) == 2 and all("reverts" not in h["data"] for h in old_undo)
        line = ledger.undo_group(iid, old_undo[0]["data"]["group"], who="carol")
        assert (line["location"], line["latitude"]) == ("Somewhere", 36.1)   # the pick under it is in force again
        reverts = [h["data"]["reverts"] for h in ledger.history(iid) if "reverts" in (h.get("data") or {})]
        assert sorted(reverts) == sorted(h["seq"] for h in old_undo)
        with pytest.raises(InputError, match="already undone"):
            ledger.undo_group(iid, old_undo[0]["data"]["group"], who="carol")
        line = ledger.undo_group(iid, pick, who="dave")   # the pick stands again, so it can be undone again
        assert (line["location"], line["latitude"]) == (machine["location"], machine["latitude"])
        assert not {"location", "latitude"} & set(line.get("reviewed_fields") or [])
        with pytest.raises(InputError, match="already undone by dave"):
            ledger.undo_group(iid, pick, who="erin")
