"""Correcting a place by picking it from the gazetteer, through the running server (SQLite and PostgreSQL):
the name search (Latin and Arabic spellings), one grouped correction of name, admin units, country, point
and precision codes, its undo, and the stale-write refusal."""
from __future__ import annotations

from typing import Any

from served import Running  # type: ignore[import-not-found]

from warledger.store import Ledger

PLACE_FIELDS = ("location", "admin1", "admin2", "admin3", "country", "latitude", "longitude", "geo_precision",
                "where_prec")


def _token(server: Running, name: str) -> dict[str, str]:
    with Ledger(server.db) as ledger:
        return {"Authorization": f"Bearer {ledger.create_token(name)}"}


def _incident_at(server: Running, place: str) -> dict[str, Any]:
    items = server.get("/api/incidents?limit=1000").json()["items"]
    line = next(i for i in items if i.get("location") == place)
    return dict(server.get(f"/api/incidents/{line['incident_id']}").json())


def _candidate(server: Running, q: str, name: str, kind: str = "place") -> dict[str, Any]:
    r = server.get("/api/places", params={"q": q, "country": "Syria"})
    assert r.status_code == 200, r.text
    found = [c for c in r.json()["items"] if c["name"] == name and c["kind"] == kind]
    assert found, r.json()
    return dict(found[0])


def test_the_gazetteer_is_searched_by_name_in_either_script(server: Running) -> None:
    latin = _candidate(server, "Tall Abyad", "Tall Abyad")
    assert latin["admin1"] == "Ar Raqqa" and latin["country"] == "Syria" and latin["country_code"] == "SY"
    assert (latin["geo_precision"], latin["where_prec"]) == (1, 1)
    assert 36 < latin["latitude"] < 37 and 38 < latin["longitude"] < 39.5
    arabic = _candidate(server, "تل أبيض", "Tall Abyad")
    assert arabic["id"] == latin["id"]
    # an admin unit found by the same search carries its own precision codes (a district: 3, UCDP 3)
    unit = _candidate(server, "Tall Abyad", "Tell Abiad", kind="admin2")
    assert (unit["geo_precision"], unit["where_prec"]) == (3, 3)
    # without a country: the one the name points to
    r = server.get("/api/places", params={"q": "Maarat al-Numan"})
    assert r.status_code == 200 and r.json()["countries"] == ["SY"]
    assert any(c["name"] == "Maarrat an Numan" for c in r.json()["items"])
    assert server.get("/api/places", params={"q": " "}).status_code == 400
    r = server.get("/api/places", params={"q": "x", "country": "Atlantis"})
    assert r.status_code == 400 and "Atlantis" in r.json()["detail"]


def test_a_picked_place_sets_every_place_field_in_one_change_and_undo_restores_them(server: Running) -> None:
    alice = _token(server, "alice")
    before = _incident_at(server, "Kafranbel")
    iid, seen = before["incident_id"], before["version"]
    cand = _candidate(server, "Tall Abyad", "Tall Abyad")
    url = f"{server.url}/api/incidents/{iid}"
    assert server.client.post(url + "/place", json={"place": cand["id"], "name": cand["name"]}).status_code == 401
    r = server.client.post(url + "/place", headers=alice, json={"place": cand["id"], "name": cand["name"],
                                                                "reason": "the report's town", "base_version": seen})
    assert r.status_code == 200, r.text
    after = r.json()
    assert after["location"] == "Tall Abyad" and after["admin1"] == "Ar Raqqa" and after["admin2"] == cand["admin2"]
    assert (after["latitude"], after["longitude"]) == (cand["latitude"], cand["longitude"])
    assert (after["geo_precision"], after["where_prec"]) == (1, 1)
    assert set(PLACE_FIELDS) <= set(after["reviewed_fields"])
    rows = [h for h in server.get(f"/api/incidents/{iid}").json()["history"] if h["action"] == "correct"]
    groups = {h["data"]["group"] for h in rows}
    assert len(groups) == 1 and {h["field"] for h in rows} == set(PLACE_FIELDS) and rows[0]["who"] == "alice"
    assert rows[0]["data"]["place"]["id"] == cand["id"]
    # the whole change is undone at once
    r = server.client.post(url + "/undo", headers=alice, json={"group": groups.pop(),
                                                               "base_version": after["version"]})
    assert r.status_code == 200, r.text
    undone = r.json()
    for f in PLACE_FIELDS:
        assert undone.get(f) == before.get(f), f
    # the page offers no second undo of the undone change, and no undo of the undo (wb20b: it reverts the pick)
    page = server.get(f"/incidents/{iid}", headers={"Accept": "text/html"}).text
    assert 'class="undo-group"' not in page and "Undo this place change" not in page
    # a pick sent with a name the id does not carry is refused (the analyst would get another place)
    r = server.client.post(url + "/place", headers=alice, json={"place": cand["id"], "name": "Somewhere Else"})
    assert r.status_code == 400 and "search again" in r.json()["detail"]
    assert server.get(f"/api/incidents/{iid}").json()["location"] == before["location"]


def test_a_pick_against_a_stale_view_is_refused(server: Running) -> None:
    alice, bob = _token(server, "alice"), _token(server, "bob")
    line = _incident_at(server, "Kafranbel")
    iid, seen = line["incident_id"], line["version"]
    url = f"{server.url}/api/incidents/{iid}"
    r = server.client.patch(url, headers=bob, json={"field": "latitude", "value": 35.5, "reason": "map",
                                                    "base_version": seen})
    assert r.status_code == 200, r.text
    cand = _candidate(server, "Tall Abyad", "Tall Abyad")
    r = server.client.post(url + "/place", headers=alice, json={"place": cand["id"], "name": cand["name"],
                                                                "base_version": seen})
    assert r.status_code == 409, r.text
    assert "bob" in r.json()["detail"] and "latitude" in r.json()["detail"]
    now = server.get(f"/api/incidents/{iid}").json()
    assert now["location"] == "Kafranbel" and now["latitude"] == 35.5   # nothing of alice's pick saved
    # a correction of another field since does not block the pick
    r = server.client.patch(url, headers=bob, json={"field": "strikes", "value": 2, "base_version": now["version"]})
    assert r.status_code == 200
    r = server.client.post(url + "/place", headers=alice, json={"place": cand["id"], "name": cand["name"],
                                                                "base_version": now["version"]})
    assert r.status_code == 200 and r.json()["location"] == "Tall Abyad"


def test_a_picked_place_is_no_longer_the_geocoders_guess(server: Running) -> None:
    line = _incident_at(server, "Hish")
    spelling = [p for p in line["problems"] if p.startswith("W-GEO-SPELLING")]
    assert spelling   # the example's village was found by a near spelling only
    assert next(p for p in server.get("/api/map").json()["points"] if p["id"] == line["incident_id"])["guess"]
    cand = _candidate(server, "Tall Abyad", "Tall Abyad")
    r = server.client.post(f"{server.url}/api/incidents/{line['incident_id']}/place", headers=server.auth(),
                           json={"place": cand["id"], "name": cand["name"], "reason": "named in the report"})
    assert r.status_code == 200, r.text
    assert not any(p.startswith("W-GEO-") for p in r.json()["problems"])
    # answered by the analyst's place, as any problem a correction answers: struck through on the incident page
    answered = r.json()["answered_problems"]
    assert [a["problem"] for a in answered] == [p for p in line["problems"] if p.startswith("W-GEO-")]
    assert {(a["code"][:6], a["field"], a["value"], a["who"]) for a in answered} == {("W-GEO-", "location",
                                                                                      "Tall Abyad", "tester")}
    assert "machine_place_problems" not in r.json()
    assert not next(p for p in server.get("/api/map").json()["points"] if p["id"] == line["incident_id"])["guess"]
    page = server.get(f"/incidents/{line['incident_id']}", headers={"Accept": "text/html"}).text
    assert "taken for Tall Abyad?" not in page and "How the machine had placed it" not in page
    assert "<s>W-GEO-SPELLING:" in page and "correction of <code>location</code> to Tall Abyad" in page
