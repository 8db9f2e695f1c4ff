"""Bulk review through the running server (SQLite and PostgreSQL): several incidents accepted or rejected with
one reason, one audited review each, each checked against the version the analyst's page showed; an incident
changed since is refused by name and the others are done."""
from __future__ import annotations

from typing import Any

from served import Running  # type: ignore[import-not-found]

from warledger.store import Ledger


def _queue(server: Running) -> list[dict[str, Any]]:
    return list(server.get("/api/incidents?review_state=queue&limit=1000").json()["items"])


def _versions(server: Running, ids: list[str]) -> dict[str, int]:
    return {i: int(server.get(f"/api/incidents/{i}").json()["version"]) for i in ids}


def test_several_incidents_are_rejected_with_one_reason_and_one_audit_row_each(server: Running) -> None:
    ids = [i["incident_id"] for i in _queue(server)[:3]]
    assert len(ids) == 3
    r = server.client.post(server.url + "/api/incidents/review", headers=server.auth(), json={
        "incident_ids": ids, "action": "reject", "reason": "not in the theatre", "base_versions": _versions(server, ids)})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [d["incident_id"] for d in body["done"]] == ids and body["refused"] == []
    assert body["message"].startswith("3 incidents rejected")
    for iid in ids:
        line = server.get(f"/api/incidents/{iid}").json()
        assert line["review_state"] == "rejected"
        rows = [(h["action"], h["new_value"], h["reason"], h["who"]) for h in line["history"] if h["action"] == "review"]
        assert rows == [("review", "rejected", "not in the theatre", "tester")]
    assert not {i["incident_id"] for i in _queue(server)} & set(ids)


def test_an_incident_changed_since_the_page_was_drawn_is_refused_by_name_and_the_rest_done(server: Running) -> None:
    queue = _queue(server)[:3]
    ids = [i["incident_id"] for i in queue]
    seen = _versions(server, ids)
    with Ledger(server.db) as ledger:
        alice = {"Authorization": f"Bearer {ledger.create_token('alice')}"}
    stale = ids[1]   # alice corrects it after the page was drawn
    r = server.client.patch(f"{server.url}/api/incidents/{stale}", headers=alice,
                            json={"field": "strikes", "value": 3, "reason": "second source"})
    assert r.status_code == 200, r.text
    r = server.client.post(server.url + "/api/incidents/review", headers=server.auth(), json={
        "incident_ids": ids, "action": "accept", "reason": "checked", "base_versions": seen})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [d["incident_id"] for d in body["done"]] == [ids[0], ids[2]]
    [refused] = body["refused"]
    assert refused["incident_id"] == stale and refused["newer"][0]["who"] == "alice"
    place = queue[1].get("location") or queue[1].get("place_phrase") or "no place"
    assert place in refused["name"] and "alice" in refused["why"] and "strikes" in refused["why"]
    assert body["message"].startswith("2 incidents accepted; 1 refused") and place in body["message"]
    assert server.get(f"/api/incidents/{stale}").json()["review_state"] != "accepted"
    assert all(server.get(f"/api/incidents/{i}").json()["review_state"] == "accepted" for i in (ids[0], ids[2]))


def test_bulk_review_needs_a_token_a_known_action_and_names_what_is_missing(server: Running) -> None:
    iid = _queue(server)[0]["incident_id"]
    url = server.url + "/api/incidents/review"
    assert server.client.post(url, json={"incident_ids": [iid], "action": "accept"}).status_code == 401
    r = server.client.post(url, headers=server.auth(), json={"incident_ids": [iid], "action": "approve"})
    assert r.status_code == 400 and "accept" in r.json()["detail"]
    assert server.get(f"/api/incidents/{iid}").json()["review_state"] == "unreviewed"
    r = server.client.post(url, headers=server.auth(), json={"incident_ids": [iid, "inc-nosuchthing"], "action": "accept"})
    assert r.status_code == 200, r.text
    assert [d["incident_id"] for d in r.json()["done"]] == [iid]
    assert r.json()["refused"][0]["incident_id"] == "inc-nosuchthing"
