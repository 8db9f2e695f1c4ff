"""Adding one report by hand (POST /api/reports/one, behind the workbench's "Add a report" page), through the
running server on SQLite and PostgreSQL: what was stored comes back (new or merged incidents, problems), and an
empty text, a date that is not one and a text too long are refused in words.  Reports written for this test."""
from __future__ import annotations

from served import Running  # type: ignore[import-not-found]

NEW = ("On 2 February 2021, a regime air strike hit the village of Kafranbel in Idlib countryside, "
       "killing 4 civilians, among them a child.")


def test_a_pasted_report_is_stored_and_its_incidents_are_named(server: Running) -> None:
    url = server.url + "/api/reports/one"
    assert server.client.post(url, json={"text": NEW}).status_code == 401
    r = server.client.post(url, headers=server.auth(), json={"text": NEW, "source": "Valley Post",
                                                             "published": "2021-02-03"})
    assert r.status_code == 200, r.text
    got = r.json()
    assert got["added"] == 1 and got["report_id"].startswith("hand-") and got["ingested_by"] == "tester"
    [inc] = got["incidents"]
    assert inc["location"] == "Kafranbel" and inc["event_date"] == "2021-02-02" and not inc["merged"]
    stored = server.get(f"/api/incidents/{inc['incident_id']}").json()
    assert stored["killed"]["civilians"]["best"] == 4 and got["report_id"] in stored["reports"]
    assert server.get(f"/api/reports/{got['report_id']}").json()["source"] == "Valley Post"
    # the same report again: stored once
    again = server.client.post(url, headers=server.auth(), json={"text": NEW, "source": "Valley Post",
                                                                 "published": "2021-02-03"}).json()
    assert again["report_id"] == got["report_id"] and again["added"] == 0 and again["unchanged"] == 1
    # another outlet's report of the same strike joins the incident: said so
    other = ("Warplanes of the Syrian regime bombed Kafranbel in the Idlib countryside on 2 February 2021; "
             "4 civilians were killed.")
    r = server.client.post(url, headers=server.auth(), json={"text": other, "source": "Hill Courier",
                                                             "published": "2021-02-02"})
    assert r.status_code == 200, r.text
    assert [(i["incident_id"], i["merged"]) for i in r.json()["incidents"]] == [(inc["incident_id"], True)]


def test_what_cannot_be_added_is_said_in_words(server: Running) -> None:
    url = server.url + "/api/reports/one"
    before = server.get("/api/health").json()["counts"]
    r = server.client.post(url, headers=server.auth(), json={"text": "   "})
    assert r.status_code == 400 and "empty" in r.json()["detail"]
    r = server.client.post(url, headers=server.auth(), json={"text": NEW, "published": "2021-02-30"})
    assert r.status_code == 400 and "'2021-02-30' is not a date" in r.json()["detail"]
    r = server.client.post(url, headers=server.auth(), json={"text": "word " * 40_001})
    assert r.status_code == 400 and "at most 200,000" in r.json()["detail"]
    r = server.client.post(url, headers=server.auth(), json={"text": "x" * 2_100_000})
    assert r.status_code == 413
    assert server.get("/api/health").json()["counts"] == before   # nothing of these was stored
