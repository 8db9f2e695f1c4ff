"""The JSON API against a running server: the contract's shapes, filters, corrections with tokens and the
audit trail, reviews, merges and splits, posting reports, limits and headers."""
from __future__ import annotations

import json

import pytest

from served import Running  # type: ignore[import-not-found]


def _all(server: Running, query: str = "") -> list[dict]:
    r = server.get("/api/incidents?limit=1000" + (("&" + query) if query else ""))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def _by_place(server: Running, place: str) -> dict:
    found = [i for i in _all(server) if i.get("location") == place]
    assert len(found) == 1, [i.get("location") for i in _all(server)]
    return found[0]


def test_list_shape_and_paging(server: Running) -> None:
    body = server.get("/api/incidents?limit=50&offset=0").json()
    assert set(body) >= {"items", "total"} and body["total"] == len(body["items"]) == 7
    cli_ids = {i["incident_id"] for i in body["items"]}
    for item in body["items"]:
        assert item["incident_id"].startswith("inc-") and item["reports"], item
        assert item["review_state"] == "unreviewed"
    page1 = server.get("/api/incidents?limit=3&offset=0").json()
    page3 = server.get("/api/incidents?limit=3&offset=6").json()
    assert len(page1["items"]) == 3 and page1["next"] and len(page3["items"]) == 1 and page3["next"] is None
    rest = server.get(page1["next"]).json()["items"]
    assert not {i["incident_id"] for i in rest} & {i["incident_id"] for i in page1["items"]}
    assert {i["incident_id"] for i in page1["items"] + rest + page3["items"]} == cli_ids


def test_filters(server: Running) -> None:
    everything = _all(server)
    idleb = _all(server, "admin1=Idleb")
    assert idleb and len(idleb) < len(everything) and all(i["admin1"] == "Idleb" for i in idleb)
    # a date range overlapping the window of an incident known only by a range keeps it
    ranged = [i for i in everything if i.get("date_range") and i["date_range"][0] != i["date_range"][1]]
    assert ranged, "the examples hold an incident known only by a date range"
    lo, hi = ranged[0]["date_range"]
    got = {i["incident_id"] for i in _all(server, f"date_from={hi}&date_to={hi}")}
    assert ranged[0]["incident_id"] in got
    assert _all(server, "date_from=2030-01-01") == []
    russia = _all(server, "actor=Military Forces of Russia (2000-)")
    assert russia and all("Russia" in (i["actor1"] or "") + (i["actor2"] or "") for i in russia)
    boxed = _all(server, "bbox=36.4,35.4,36.8,35.7")
    assert boxed and all(36.4 <= i["longitude"] <= 36.8 and 35.4 <= i["latitude"] <= 35.7 for i in boxed)
    assert len(boxed) < len(everything)
    words = _all(server, "q=improvised explosive")
    assert [i["sub_event_type"] for i in words] == ["Remote explosive/landmine/IED"]
    assert _all(server, "q=no such words anywhere") == []
    assert all(i["problems"] for i in _all(server, "has_problems=true"))
    assert len(_all(server, "merged=true")) == 1


@pytest.mark.parametrize("query, word", [("date_from=2019-13-45", "YYYY-MM-DD"), ("bbox=1,2,3", "bbox"),
                                         ("review_state=done", "review_state"), ("limit=0", "")])
def test_bad_filters_are_refused_with_a_reason(server: Running, query: str, word: str) -> None:
    r = server.get("/api/incidents?" + query)
    assert r.status_code in (400, 422)
    assert word in r.text


def test_detail_has_sources_with_evidence_at_their_offsets(server: Running) -> None:
    inc = _by_place(server, "Kafranbel")
    d = server.get(f"/api/incidents/{inc['incident_id']}").json()
    assert d["incident_id"] == inc["incident_id"] and d["history"] == []
    assert [s["report_id"] for s in d["sources"]] == inc["reports"] == ["demo-1", "demo-2"]
    n = 0
    for src in d["sources"]:
        for e in src["evidence"]:
            assert src["text"][e["start"]:e["end"]] == e["text"]
            n += 1
    assert n >= 6
    assert any(c["status"] == "consistent" for c in d["checks"])
    assert server.get("/api/incidents/inc-nope").status_code == 404


def test_correction_needs_a_token_and_is_audited_everywhere(server: Running) -> None:
    inc = _by_place(server, "Kafranbel")
    url = f"/api/incidents/{inc['incident_id']}"
    body = {"field": "killed.civilians", "value": 8, "reason": "hospital list names eight"}
    assert server.client.patch(server.url + url, json=body).status_code == 401
    bad = server.client.patch(server.url + url, json=body, headers={"Authorization": "Bearer wl_wrong"})
    assert bad.status_code == 401 and "token" in bad.json()["detail"]
    before = server.get("/api/tally?by=actor1").json()["rows"]
    r = server.client.patch(server.url + url, json=body, headers=server.auth())
    assert r.status_code == 200, r.text
    line = r.json()
    assert line["killed"]["civilians"] == {"low": 8, "best": 8, "high": 8}
    assert line["fatalities"] == 8 and line["reviewed_fields"] == ["killed.civilians"]
    hist = server.get(url).json()["history"]
    assert [(h["action"], h["field"], h["who"], h["reason"]) for h in hist] == [
        ("correct", "killed.civilians", "tester", "hospital list names eight")]
    assert hist[0]["old_value"] == {"low": 5, "best": 7, "high": 7} and hist[0]["new_value"]["best"] == 8
    # the corrected figure is what the list, the tally and the JSONL export read
    assert _by_place(server, "Kafranbel")["killed"]["civilians"]["best"] == 8
    after = server.get("/api/tally?by=actor1").json()["rows"]
    russia = "Military Forces of Russia (2000-)"
    civ = {r["actor1"]: r["killed_civilians"] for r in before}, {r["actor1"]: r["killed_civilians"] for r in after}
    assert civ[1][russia] == civ[0][russia] + 1
    lines = [json.loads(x) for x in server.get("/api/export?format=jsonl").text.splitlines()]
    assert [x["killed"]["civilians"]["best"] for x in lines if x["incident_id"] == inc["incident_id"]] == [8]


def test_a_correction_answers_the_problem_about_its_field_and_the_queue_drops_it(server: Running) -> None:
    inc = _by_place(server, "Kafranbel")
    url = f"/api/incidents/{inc['incident_id']}"
    problem, *figures = server.get(url).json()["problems"]
    assert problem.startswith("W-DATE-RANGE:")
    assert [f.split(":")[1] for f in figures] == [" reports disagree on killed.civilians",   # its two reports' figures
                                                   " reports disagree on killed.children"]
    queue = "/api/incidents?has_problems=true&limit=1000"
    assert inc["incident_id"] in [i["incident_id"] for i in server.get(queue).json()["items"]]
    body = {"field": "event_date", "value": "2022-05-18", "reason": "the hospital gives the day"}
    r = server.client.patch(server.url + url, json=body, headers=server.auth())
    assert r.status_code == 200, r.text
    line = server.get(url).json()
    assert line["problems"] == figures
    [answered] = line["answered_problems"]
    assert answered["problem"] == problem and answered["field"] == "event_date" and answered["who"] == "tester"
    assert answered["correction"] == line["history"][-1]["seq"]
    assert inc["incident_id"] in [i["incident_id"] for i in server.get(queue).json()["items"]]
    for field, value in (("killed.civilians", 7), ("killed.children", 4)):   # the figures that hold: the later's
        body = {"field": field, "value": value, "reason": "demo-2's figure holds"}
        r = server.client.patch(server.url + url, json=body, headers=server.auth())
        assert r.status_code == 200, r.text
    assert server.get(url).json()["problems"] == []
    assert inc["incident_id"] not in [i["incident_id"] for i in server.get(queue).json()["items"]]


@pytest.mark.parametrize("body, word", [
    ({"field": "killed.civilians", "value": -3}, "between 0"),
    ({"field": "killed.civilians", "value": {"low": 9, "best": 7}}, "low <= best"),
    ({"field": "password", "value": 1}, "cannot be corrected"),
    ({"field": "event_date", "value": "2021-02-30"}, "YYYY-MM-DD"),
    ({"field": "latitude", "value": 123.0}, "between -90"),
])
def test_bad_corrections_are_refused(server: Running, body: dict, word: str) -> None:
    inc = _by_place(server, "Kafranbel")
    r = server.client.patch(f"{server.url}/api/incidents/{inc['incident_id']}", json=body, headers=server.auth())
    assert r.status_code == 400 and word in r.json()["detail"]
    assert server.get(f"/api/incidents/{inc['incident_id']}").json()["history"] == []


def test_review_accept_leaves_the_queue(server: Running) -> None:
    inc = _by_place(server, "Hish")
    queue = {i["incident_id"] for i in _all(server, "review_state=queue")}
    assert inc["incident_id"] in queue
    r = server.client.post(f"{server.url}/api/incidents/{inc['incident_id']}/review",
                           json={"action": "accept"}, headers=server.auth())
    assert r.status_code == 200 and r.json()["review_state"] == "accepted"
    assert inc["incident_id"] not in {i["incident_id"] for i in _all(server, "review_state=queue")}
    assert [i["incident_id"] for i in _all(server, "review_state=accepted")] == [inc["incident_id"]]
    bad = server.client.post(f"{server.url}/api/incidents/{inc['incident_id']}/review",
                             json={"action": "approve"}, headers=server.auth())
    assert bad.status_code == 400


def test_merge_then_split_restores_two_incidents(server: Running) -> None:
    a, b = _by_place(server, "Hish"), _by_place(server, "Jabal al-Zawiyah")
    total = len(_all(server))
    r = server.client.post(server.url + "/api/incidents/merge", headers=server.auth(),
                           json={"incident_ids": [a["incident_id"], b["incident_id"]], "reason": "same raid"})
    assert r.status_code == 200, r.text
    merged = r.json()
    assert merged["incident_id"] == a["incident_id"] and len(merged["records"]) == 2
    assert len(_all(server)) == total - 1
    assert server.get(f"/api/incidents/{b['incident_id']}").status_code == 404
    r = server.client.post(server.url + "/api/incidents/split", headers=server.auth(),
                           json={"incident_id": a["incident_id"], "record_ids": b["records"], "reason": "undo"})
    assert r.status_code == 200, r.text
    new = r.json()["new_incident"]
    assert new["records"] == b["records"] and new["location"] == "Jabal al-Zawiyah"
    assert len(_all(server)) == total
    actions = [h["action"] for h in server.get(f"/api/incidents/{a['incident_id']}").json()["history"]]
    assert actions == ["merge", "split"]


def test_post_reports_ingests_and_is_limited(server: Running) -> None:
    lines = "\n".join(json.dumps({"id": f"new-{n}", "published": "2021-04-02", "text": t}) for n, t in enumerate([
        "On 1 April 2021, regime artillery shelled the town of Kansafra in the southern countryside of Idlib, "
        "killing 2 civilians."]))
    assert server.client.post(server.url + "/api/reports", content=lines).status_code == 401
    r = server.client.post(server.url + "/api/reports", content=lines, headers=server.auth())
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 1 and r.json()["ingested_by"] == "tester"
    assert any("new-0" in i["reports"] for i in _all(server))
    huge = "x" * 2_100_000
    r = server.client.post(server.url + "/api/reports", content=huge, headers=server.auth())
    assert r.status_code == 413
    r = server.client.post(server.url + "/api/reports", content="{not json", headers=server.auth())
    assert r.status_code == 400 and "line 1" in r.json()["detail"]


def test_security_headers_and_openapi(server: Running) -> None:
    r = server.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    spec = server.get("/openapi.json").json()
    for path in ("/api/incidents", "/api/incidents/{incident_id}", "/api/reports/{report_id}", "/api/tally",
                 "/api/claims", "/api/export", "/api/reports", "/api/incidents/{incident_id}/review",
                 "/api/incidents/merge", "/api/incidents/split"):
        assert path in spec["paths"], path


def test_report_claims_and_export_formats(server: Running) -> None:
    rep = server.get("/api/reports/demo-1").json()
    assert rep["report_id"] == "demo-1" and rep["records"] and rep["text"].startswith("Three days")
    claims = server.get("/api/claims").json()
    assert claims["total"] == 4 and {c["status"] for c in claims["items"]} <= {"consistent", "mismatch", "unchecked"}
    for fmt, probe in (("acled-csv", "event_id_cnty"), ("ucdp-csv", "type_of_violence"),
                       ("geojson", "FeatureCollection"), ("jsonl", "incident_id")):
        r = server.get(f"/api/export?format={fmt}&admin1=Idleb")
        assert r.status_code == 200 and probe in r.text, fmt
    r = server.get("/api/export?format=parquet")
    assert r.status_code == 200 and r.content[:4] == b"PAR1"
    assert server.get("/api/export?format=xlsx").status_code == 400
    audit = server.get("/api/audit?action=export", headers=server.auth()).json()["items"]
    assert len(audit) == 5 and audit[-1]["field"] == "acled-csv" and audit[-1]["data"]["filters"] == {"admin1": "Idleb"}


def test_read_auth_setting_closes_reads(tmp_path) -> None:
    from served import serve_ledger  # type: ignore[import-not-found]

    for running in serve_ledger(str(tmp_path / "closed.db"), read_auth=True):
        assert running.get("/api/incidents").status_code == 401
        assert running.get("/api/incidents", headers=running.auth()).status_code == 200


def test_map_points_are_capped_newest_first_and_say_so(server: Running) -> None:
    full = server.get("/api/map").json()
    assert full["capped"] is False and len(full["points"]) + full["unplaced"] == full["total"]
    two = server.get("/api/map?limit=2").json()
    assert two["capped"] is True and two["unplaced"] is None and two["total"] == full["total"]
    assert [p["id"] for p in two["points"]] == [p["id"] for p in full["points"]][:2]
    assert server.get("/api/map?limit=0").status_code in (400, 422)


def test_a_capped_map_counts_every_incident_by_square(server: Running) -> None:
    full = server.get("/api/map").json()
    assert "cells" not in full  # all points shown: nothing to count
    two = server.get("/api/map?limit=2").json()
    cells, size = two["cells"], two["cell_degrees"]
    placed = full["points"]
    assert sum(c["incidents"] for c in cells) == len(placed)  # the points left out are counted too
    assert sum(c["killed"] for c in cells) == sum(p["killed"] or 0 for p in placed)
    for p in placed:  # each point lies in a square counted
        assert any(abs(p["lat"] - c["lat"]) <= size / 2 and abs(p["lon"] - c["lon"]) <= size / 2 for c in cells)
    filtered = server.get("/api/map?limit=1&admin1=Idleb").json()
    assert sum(c["incidents"] for c in filtered["cells"]) == len(server.get("/api/map?admin1=Idleb").json()["points"])
