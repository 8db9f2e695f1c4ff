"""Two analysts on one ledger, through the running server (SQLite and PostgreSQL): a write made against a
stale view is refused with the newer change in words (no lost update), the review queue hands the same
incident to one analyst at a time, and the audit trail reads and exports (CSV) for a supervisor."""
from __future__ import annotations

import csv
import io
import threading
from typing import Any

from served import Running  # type: ignore[import-not-found]

from warledger.store import Ledger


def _tokens(server: Running, *names: str) -> list[dict[str, str]]:
    with Ledger(server.db) as ledger:
        return [{"Authorization": f"Bearer {ledger.create_token(n)}"} for n in names]


def _by_place(server: Running, place: str) -> dict[str, Any]:
    items = server.get("/api/incidents?limit=1000").json()["items"]
    return next(i for i in items if i.get("location") == place)


def _seen(server: Running, iid: str) -> int:
    """The version an analyst's page shows after loading the incident."""
    return int(server.get(f"/api/incidents/{iid}").json()["version"])


def test_a_correction_against_a_stale_view_is_refused_with_the_newer_value(server: Running) -> None:
    alice, bob = _tokens(server, "alice", "bob")
    iid = _by_place(server, "Kafranbel")["incident_id"]
    url = f"{server.url}/api/incidents/{iid}"
    seen = _seen(server, iid)   # both open the incident
    r = server.client.patch(url, headers=alice, json={"field": "killed.civilians", "value": 8,
                                                      "reason": "hospital list", "base_version": seen})
    assert r.status_code == 200, r.text
    r = server.client.patch(url, headers=bob, json={"field": "killed.civilians", "value": 9, "base_version": seen})
    assert r.status_code == 409, r.text
    said = r.json()["detail"]
    assert "alice" in said and "killed.civilians" in said and " to 8 " in said and "hospital list" in said
    assert "your correction of killed.civilians to 9" in said.lower() and "reload" in said
    assert r.json()["newer"][0]["who"] == "alice" and r.json()["version"] > seen
    line = server.get(f"/api/incidents/{iid}").json()
    assert line["killed"]["civilians"]["best"] == 8   # alice's value stands
    assert [h["who"] for h in line["history"] if h["action"] == "correct"] == ["alice"]
    # another field was not touched since bob's view: his correction of it goes through
    r = server.client.patch(url, headers=bob, json={"field": "strikes", "value": 2, "base_version": seen})
    assert r.status_code == 200, r.text
    # after reloading, bob may correct alice's field knowingly
    r = server.client.patch(url, headers=bob, json={"field": "killed.civilians", "value": 9,
                                                    "base_version": _seen(server, iid)})
    assert r.status_code == 200 and r.json()["killed"]["civilians"]["best"] == 9


def test_two_corrections_at_the_same_instant_save_one(server: Running) -> None:
    alice, bob = _tokens(server, "alice", "bob")
    iid = _by_place(server, "Kafranbel")["incident_id"]
    seen = _seen(server, iid)
    codes: list[int] = []
    go = threading.Barrier(2)

    def send(headers: dict[str, str], value: int) -> None:
        go.wait()
        codes.append(server.client.patch(f"{server.url}/api/incidents/{iid}", headers=headers, json={
            "field": "killed.civilians", "value": value, "base_version": seen}).status_code)
    threads = [threading.Thread(target=send, args=(h, v)) for h, v in ((alice, 8), (bob, 9))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(codes) == [200, 409]
    hist = server.get(f"/api/incidents/{iid}").json()["history"]
    assert len([h for h in hist if h["action"] == "correct"]) == 1


def test_review_merge_split_and_undo_against_a_stale_view_are_refused(server: Running) -> None:
    alice, bob = _tokens(server, "alice", "bob")
    a, b = _by_place(server, "Hish")["incident_id"], _by_place(server, "Jabal al-Zawiyah")["incident_id"]
    seen_a = _seen(server, a)
    assert server.client.patch(f"{server.url}/api/incidents/{a}", headers=alice, json={
        "field": "actor1", "value": "Unknown group", "base_version": seen_a}).status_code == 200
    # bob accepts or merges what he saw before alice's correction: refused, nothing changes
    r = server.client.post(f"{server.url}/api/incidents/{a}/review", headers=bob,
                           json={"action": "accept", "base_version": seen_a})
    assert r.status_code == 409 and "alice set actor1" in r.json()["detail"]
    assert server.get(f"/api/incidents/{a}").json()["review_state"] != "accepted"
    r = server.client.post(f"{server.url}/api/incidents/merge", headers=bob, json={
        "incident_ids": [a, b], "base_versions": {a: seen_a}})
    assert r.status_code == 409 and "your merge" in r.json()["detail"].lower()
    assert server.get(f"/api/incidents/{b}").status_code == 200
    # a merge made on a fresh view goes through; bob's undo from the view before alice's next correction does not
    r = server.client.post(f"{server.url}/api/incidents/merge", headers=bob, json={
        "incident_ids": [a, b], "base_versions": {a: _seen(server, a), b: _seen(server, b)}})
    assert r.status_code == 200, r.text
    merged = r.json()
    after_merge = merged["version"]
    assert server.client.patch(f"{server.url}/api/incidents/{a}", headers=alice, json={
        "field": "strikes", "value": 3, "base_version": after_merge}).status_code == 200
    brought = [x for x in merged["records"] if x not in _by_place(server, "Hish")["records"][:1]]
    r = server.client.post(f"{server.url}/api/incidents/split", headers=bob, json={
        "incident_id": a, "record_ids": brought, "reason": "undo a merge", "base_version": after_merge})
    assert r.status_code == 409 and "your split" in r.json()["detail"].lower()
    assert len(server.get(f"/api/incidents/{a}").json()["records"]) == 2
    # alice's own correction does not block a correction of another field made from the merged view
    assert server.client.patch(f"{server.url}/api/incidents/{a}", headers=bob, json={
        "field": "weapon", "value": "artillery", "base_version": after_merge}).status_code == 200


def test_the_queue_hands_one_incident_to_one_analyst(server: Running) -> None:
    alice, bob = _tokens(server, "alice", "bob")
    first = server.client.post(f"{server.url}/api/review/next", headers=alice, json={}).json()["incident"]
    second = server.client.post(f"{server.url}/api/review/next", headers=bob, json={}).json()["incident"]
    assert first["held_by"] == "alice" and second["held_by"] == "bob"
    assert first["incident_id"] != second["incident_id"]
    again = server.client.post(f"{server.url}/api/review/next", headers=alice, json={}).json()["incident"]
    assert again["incident_id"] == first["incident_id"]   # still hers until she reviews it
    page = server.get("/review").text
    assert "with alice until" in page and "with bob until" in page
    assert server.client.post(f"{server.url}/api/incidents/{first['incident_id']}/review", headers=alice,
                              json={"action": "accept", "base_version": first["version"]}).status_code == 200
    nxt = server.client.post(f"{server.url}/api/review/next", headers=alice, json={}).json()["incident"]
    assert nxt["incident_id"] not in (first["incident_id"], second["incident_id"])
    assert server.client.post(f"{server.url}/api/review/next", json={}).status_code == 401


def test_the_audit_trail_reads_and_exports_as_csv(server: Running) -> None:
    alice, bob = _tokens(server, "alice", "bob")
    iid = _by_place(server, "Kafranbel")["incident_id"]
    url = f"{server.url}/api/incidents/{iid}"
    server.client.patch(url, headers=alice, json={"field": "killed.civilians", "value": 8, "reason": "list, p. 2"})
    server.client.post(url + "/review", headers=bob, json={"action": "reject", "reason": "one source only"})
    r = server.client.get(f"{server.url}/api/audit?format=csv", headers=alice)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="warledger-audit.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [(x["who"], x["action"], x["field"]) for x in rows] == [
        ("bob", "review", "review_state"), ("alice", "correct", "killed.civilians")]
    assert rows[1]["new_value"] == '{"best": 8, "high": 8, "low": 8}' and rows[1]["reason"] == "list, p. 2"
    assert rows[1]["said"].startswith("alice set killed.civilians from ") and " to 8 at " in rows[1]["said"]
    assert rows[0]["said"].startswith("bob marked it rejected (was unreviewed)")
    only = server.client.get(f"{server.url}/api/audit?format=csv&who=alice", headers=bob).text
    assert [x["who"] for x in csv.DictReader(io.StringIO(only))] == ["alice"]
    assert server.client.get(f"{server.url}/api/audit?format=csv").status_code == 401
    bad = server.client.get(f"{server.url}/api/audit?since=yesterday", headers=bob)
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["detail"]
    assert server.client.get(f"{server.url}/api/audit?since=2000-01-01&until=2000-01-02",
                             headers=bob).json()["items"] == []


def test_the_audit_csv_never_hands_a_spreadsheet_a_formula(server: Running) -> None:
    """A reason is an analyst's free text; in the CSV a reason starting with = + - @ gets OWASP's leading quote
    (the exports' rule), while the JSON trail keeps the words as typed."""
    alice, = _tokens(server, "alice")
    iid = _by_place(server, "Kafranbel")["incident_id"]
    reason = '=HYPERLINK("http://example.invalid","list")'
    server.client.patch(f"{server.url}/api/incidents/{iid}", headers=alice,
                        json={"field": "killed.civilians", "value": 6, "reason": reason})
    rows = list(csv.DictReader(io.StringIO(server.client.get(f"{server.url}/api/audit?format=csv", headers=alice).text)))
    assert rows[0]["reason"] == "'" + reason
    assert server.client.get(f"{server.url}/api/audit", headers=alice).json()["items"][0]["reason"] == reason
