"""Corrections, reviews, merges, splits and tokens on the ledger (SQLite and PostgreSQL): corrections are
append-only audit rows laid over the machine's values, survive re-ingest, and send an incident back to
review when the machine's value under them changes."""
from __future__ import annotations

import pytest

from handmade import bulletin, kafr_zita_series  # type: ignore[import-not-found]
from warledger.errors import InputError
from warledger.store import Ledger
from warledger.store.query import Filters
from warledger.store.review import NotFound


def _kz(ledger: Ledger) -> dict:
    return [x for x in ledger.incidents() if x["location"] == "Kafr Zita" and "kz1" in x["reports"]][0]


def test_correction_is_shown_everywhere_and_kept_on_reingest(db: str) -> None:
    series = kafr_zita_series()
    with Ledger(db) as ledger:
        ledger.ingest(series)
        inc = _kz(ledger)
        assert inc["killed"]["civilians"] == {"low": 5, "best": 7, "high": 7}
        line = ledger.correct(inc["incident_id"], "killed.civilians", 8, who="ana", reason="hospital list")
        assert line["killed"]["civilians"] == {"low": 8, "best": 8, "high": 8} and line["fatalities"] == 8
        tally = {r["actor1"]: r for r in ledger.tally("actor1")}
        assert tally["Military Forces of Russia (2000-)"]["killed_civilians"] == 8 + 2
        ledger.ingest(series)                      # the same reports again: nothing changes
        again = _kz(ledger)
        assert again["killed"]["civilians"]["best"] == 8 and again["review_state"] == "unreviewed"
        hist = ledger.history(inc["incident_id"])
        assert [(h["action"], h["who"], h["old_value"]["best"], h["new_value"]["best"]) for h in hist] == [
            ("correct", "ana", 7, 8)]


def test_machine_change_under_a_correction_goes_back_to_review(db: str) -> None:
    first, update, other, later = kafr_zita_series()
    with Ledger(db) as ledger:
        ledger.ingest([first])
        inc = _kz(ledger)
        ledger.correct(inc["incident_id"], "killed.civilians", 6, who="ana", reason="second source")
        ledger.review(inc["incident_id"], "accept", who="ana")
        ledger.ingest([update])                    # joins: the machine now says 5..7
        now = _kz(ledger)
        assert now["reports"] == ["kz1", "kz2"]
        assert now["killed"]["civilians"]["best"] == 6, "the correction stands"
        assert now["review_state"] == "needs_review"
        assert now["review_conflicts"][0]["machine_was"]["best"] == 5
        assert now["review_conflicts"][0]["machine_now"]["best"] == 7
        assert [h["action"] for h in ledger.history(inc["incident_id"])] == ["correct", "review", "conflict"]
        queue, n = ledger.page(Filters(review_state="queue"))
        assert inc["incident_id"] in {q["incident_id"] for q in queue}
        ledger.ingest([other])                     # another change: one more conflict row, not a repeat
        assert [h["action"] for h in ledger.history(inc["incident_id"])].count("conflict") == 1


def test_corrected_part_above_the_total_raises_the_total(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([bulletin()])
        inc = [x for x in ledger.incidents() if x["location"] == "Ariha"][0]
        ledger.correct(inc["incident_id"], "killed.total", 4, who="ana")
        line = ledger.correct(inc["incident_id"], "killed.civilians", 6, who="ana")
        assert line["killed"]["total"]["best"] == 4, "a corrected total is the analyst's word"
        other = [x for x in ledger.incidents() if x["location"] == "Sarmin"][0]
        line = ledger.correct(other["incident_id"], "killed.civilians", 3, who="ana")
        assert line["fatalities"] == 3


def test_merge_and_split_override_dedup_and_survive_reingest(db: str) -> None:
    rep = bulletin()
    with Ledger(db) as ledger:
        ledger.ingest([rep])
        by = {x["location"]: x for x in ledger.incidents()}
        a, b = by["Sarmin"], by["Binnish"]
        merged = ledger.merge([a["incident_id"], b["incident_id"]], who="ana", reason="one raid, two names")
        assert sorted(merged["records"]) == sorted(a["records"] + b["records"])
        # two reports of one event: a range over what they say, never a sum
        assert merged["killed"]["civilians"] == {"low": 1, "best": 2, "high": 2}
        with pytest.raises(NotFound):
            ledger.incident(b["incident_id"])
        new = ledger.split(a["incident_id"], b["records"], who="ana", reason="undo")
        assert new["location"] == "Binnish" and new["records"] == b["records"]
        assert ledger.incident(a["incident_id"])["records"] == a["records"]
        with pytest.raises(InputError):
            ledger.split(a["incident_id"], a["records"], who="ana")   # would empty it
        with pytest.raises(InputError):
            ledger.merge([a["incident_id"]], who="ana")
        n = ledger.counts()["incidents"]
        ledger.ingest([rep])
        assert ledger.counts()["incidents"] == n


def test_tokens_are_hashed_and_revocable(db: str) -> None:
    with Ledger(db) as ledger:
        token = ledger.create_token("ana")
        assert ledger.token_name(token) == "ana" and ledger.token_name(token + "x") is None
        assert token not in str(list(ledger.token_names()))
        with ledger.engine.connect() as conn:
            from sqlalchemy import text
            stored = conn.execute(text("SELECT token_hash FROM wl_tokens")).scalars().all()
        assert stored and token not in stored
        assert ledger.revoke_token("ana") and ledger.token_name(token) is None
        with pytest.raises(InputError):
            ledger.create_token("  ")


@pytest.mark.parametrize("field, value", [("killed.children", 2.5), ("strikes", {"low": 3, "high": 1}),
                                          ("time_precision", 4), ("actor1", ""), ("fatalities", True)])
def test_bad_values_are_refused(db: str, field: str, value: object) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([bulletin()])
        inc = next(iter(ledger.incidents()))
        with pytest.raises(InputError):
            ledger.correct(inc["incident_id"], field, value, who="ana")
        assert ledger.history(inc["incident_id"]) == []
