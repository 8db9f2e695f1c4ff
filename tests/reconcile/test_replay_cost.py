"""The settling's link test scores no member whose date window cannot meet the record's, and the Dask tasks'
replay works out each record's window once (robust21: the replay cost 23 CPU-s against 1 for the old
whole-component placing on 3,000 invented reports, most of it in ``match_score`` against members days apart).

``match_score`` needs date evidence, which needs the two windows to share a day, whichever way round it is
asked; so skipping the other members changes no link.  Invented records of one invented hamlet."""
from __future__ import annotations

from typing import Any

import pytest

from warledger.reconcile import dedup, replay, settle
from warledger.reconcile.replay import ReplayLedger

HAMLET = "Tell Abu Qasr"   # invented


def rec(rid: str, day: str, report: str, precision: int = 1) -> dict[str, Any]:
    return {"record_id": "rec-" + rid, "report_id": report, "kind": "incident", "event_date": day,
            "date_range": [day, day], "time_precision": precision, "location": HAMLET, "place_phrase": HAMLET,
            "latitude": 35.1, "longitude": 36.2, "geo_precision": 1, "admin1": "Hama", "country": "Syria",
            "actor1": "Military Forces of Syria (2000-)", "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack", "killed": {"civilians": {"low": 2, "best": 2, "high": 2}},
            "problems": [], "evidence": [{"field": "event_date", "text": day, "rule": "t"}]}


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[tuple[str, ...]]:
    calls: list[tuple[str, ...]] = []
    real = getattr(dedup, name)

    def wrapped(*args: Any) -> Any:
        calls.append(tuple(str(a.get("record_id") or a.get("incident_id")) for a in args))
        return real(*args)
    monkeypatch.setattr(module, name, wrapped)
    return calls


def test_overlap_is_the_date_evidence_condition() -> None:
    near, far, same = rec("a", "2023-05-02", "r1"), rec("b", "2023-05-20", "r2"), rec("c", "2023-05-02", "r3")
    for a, b in ((near, far), (far, near)):
        assert not settle.overlap(dedup.date_window(a), dedup.date_window(b))
        assert dedup.match_score(a, b) is None
    assert settle.overlap(dedup.date_window(near), dedup.date_window(same))
    assert dedup.match_score(near, same) is not None
    assert not settle.overlap(None, dedup.date_window(near))


def test_links_scores_no_member_days_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch, settle, "match_score")
    new = rec("n", "2023-05-02", "r9")
    members = [rec("m1", "2023-05-20", "r1"), rec("m2", "2023-05-21", "r2"), rec("m3", "2023-05-02", "r3")]
    assert settle.links(new, {"incident_id": "inc-x", "kind": "aggregate"}, members)
    scored = {c[1] for c in calls if c[0] == "rec-n"} | {c[0] for c in calls if c[1] == "rec-n"}
    assert scored == {"inc-x", "rec-m3"}      # the members of the 20th and 21st are never scored
    calls.clear()
    assert not settle.links(new, {"incident_id": "inc-x", "kind": "aggregate"}, members[:2])
    assert [c for c in calls if "inc-x" not in c] == []


def test_replay_works_out_each_window_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting(monkeypatch, replay, "date_window")
    ledger = ReplayLedger()
    recs = [rec(f"{i:02d}", f"2023-05-{1 + i % 3:02d}", f"r{i}", precision=1 + i % 2) for i in range(12)]
    for r in recs:
        ledger.place(dict(r))
    assert calls and len(calls) == len(set(calls)) <= len(recs)
    assert len(set(d[0] for d in ledger.decisions().values())) < len(recs)   # they did merge
