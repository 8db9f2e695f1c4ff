"""The possible duplicates queue over HTTP, on SQLite and PostgreSQL: GET /api/duplicates lists two reports of one
event that deduplication left apart (with the reasons as codes and words) and not two events at different towns;
"not the same" (POST /api/duplicates/apart) removes the pair for good, is audited on both incidents, makes a
merge of the two refused in words (who kept them apart, how to undo), and is undone by POST /api/duplicates/undo."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from duplicate_reports import DUPLICATE_REPORTS, incident_of, pair_reports  # noqa: E402
from ledgerdb import KINDS, fresh_ledger  # noqa: E402
from served import Running, serve_ledger  # noqa: E402

ONE_EVENT = {"ridge-0602", "plain-0602"}


@pytest.fixture(params=KINDS)
def running(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    for db in fresh_ledger(request.param, tmp_path):
        yield from serve_ledger(db, reports=[dict(r) for r in DUPLICATE_REPORTS])


def _pairs(running: Running, query: str = "") -> list[dict]:
    res = running.get("/api/duplicates" + query)
    assert res.status_code == 200, res.text
    return list(res.json()["items"])


def test_two_reports_of_one_event_are_listed_with_their_reasons_and_two_towns_are_not(running: Running) -> None:
    items = running.get("/api/incidents?limit=100").json()["items"]
    assert len(items) == 3                     # deduplication merged none of them
    pairs = _pairs(running)
    found = [p for p in pairs if pair_reports(p) == ONE_EVENT]
    assert len(found) == 1, [pair_reports(p) for p in pairs]
    codes = {r["code"] for r in found[0]["reasons"]}
    assert {"same-day", "same-admin2", "same-actor1", "same-sub-event", "killed-same"} <= codes, codes
    assert any(r["words"] == "killed 4 vs 4" for r in found[0]["reasons"])
    assert found[0]["score"] > 0
    # the two towns of one day, perpetrator and toll are two places by deduplication's own rules: never listed
    assert not [p for p in pairs if pair_reports(p) == {"ridge-0602", "delta-0602"}]
    sides = found[0]["incidents"]
    assert all(s["sources"][0]["quotes"] for s in sides)          # the words behind the values
    assert {s["sources"][0]["source"] for s in sides} == {"Ridge Monitor", "Plain Herald"}
    assert not _pairs(running, "?admin1=Aleppo")                  # the list's filters apply to both incidents


def test_not_the_same_is_remembered_refuses_a_merge_and_is_undone(running: Running) -> None:
    items = running.get("/api/incidents?limit=100").json()["items"]
    a, b = incident_of(items, "ridge-0602"), incident_of(items, "plain-0602")
    body = {"incident_ids": [a, b], "reason": "two strikes, the list of names differs"}
    assert running.client.post(running.url + "/api/duplicates/apart", json=body).status_code == 401
    res = running.client.post(running.url + "/api/duplicates/apart", json=body, headers=running.auth())
    assert res.status_code == 200, res.text
    decision = res.json()["decision"]
    assert not [p for p in _pairs(running) if pair_reports(p) == ONE_EVENT]
    for iid in (a, b):   # audited on both incidents
        assert [h["action"] for h in running.get(f"/api/incidents/{iid}").json()["history"]] == ["apart"]
    merge = running.client.post(running.url + "/api/incidents/merge", json={"incident_ids": [b, a]},
                                headers=running.auth())
    assert merge.status_code == 400, merge.text
    said = merge.json()["detail"]
    assert "tester kept incidents" in said and "not the same" in said and "undo" in said and str(decision) in said
    assert len(running.get("/api/incidents?limit=100").json()["items"]) == 3   # nothing merged
    undo = running.client.post(running.url + "/api/duplicates/undo", json={"decision": decision},
                               headers=running.auth())
    assert undo.status_code == 200, undo.text
    assert [p for p in _pairs(running) if pair_reports(p) == ONE_EVENT]
    again = running.client.post(running.url + "/api/duplicates/undo", json={"decision": decision},
                                headers=running.auth())
    assert again.status_code == 400 and "no 'not the same' decision" in again.json()["detail"]
    merged = running.client.post(running.url + "/api/incidents/merge", json={"incident_ids": [a, b]},
                                 headers=running.auth())
    assert merged.status_code == 200, merged.text
    assert set(merged.json()["reports"]) == ONE_EVENT


def test_the_queue_page_has_the_lists_filter_form_and_keeps_its_values(running: Running) -> None:
    """/duplicates carries the list's filter bar (the same field names as the API), filled with what was asked, so an
    analyst narrows the queue to one province or actor without writing a URL."""
    page = running.get("/duplicates?admin1=Aleppo").text
    form = page.split('<form class="filters" method="get" action="/duplicates"')[1].split("</form>")[0]
    for name in ("date_from", "date_to", "actor", "admin1", "country", "event_type", "q"):
        assert f'name="{name}"' in form, name
    assert 'name="admin1" value="Aleppo"' in form
    assert "<strong>0</strong> pairs" in page                       # filtered: none of the pairs is in Aleppo
    assert 'name="admin1" value=""' in running.get("/duplicates").text
