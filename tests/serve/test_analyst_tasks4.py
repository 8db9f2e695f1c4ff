"""What session 20's second workbench brief (wb20b) asked, over the example reports (SQLite and PostgreSQL for the
API; Debian's Chromium for the pages):

- undoing a place pick takes its grouped correction back out (revert rows, as an undo of one correction does): the
  place is no longer corrected, the place problem it answered is open again, a pick corrected since refuses the undo
  (409) and an undo is not undone;
- a place pick sent twice with one idempotency key is made once, and the second answer says it repeats the first."""
from __future__ import annotations

from typing import Any

from served import Running  # type: ignore[import-not-found]

PLACE_FIELDS = ("location", "admin1", "admin2", "admin3", "country", "latitude", "longitude", "geo_precision",
                "where_prec")


def _guessed(server: Running) -> dict[str, Any]:
    """The example incident placed by a near spelling only (a W-GEO-SPELLING problem a place pick answers)."""
    items = server.get("/api/incidents?limit=1000").json()["items"]
    line = next(i for i in items if i.get("location") == "Hish")
    return dict(server.get(f"/api/incidents/{line['incident_id']}").json())


def _tall_abyad(server: Running) -> dict[str, Any]:
    r = server.get("/api/places", params={"q": "Tall Abyad", "country": "Syria"})
    return dict(next(c for c in r.json()["items"] if c["name"] == "Tall Abyad" and c["kind"] == "place"))


def _pick(server: Running, iid: str, **more: Any) -> Any:
    cand = _tall_abyad(server)
    return server.client.post(f"{server.url}/api/incidents/{iid}/place", headers=server.auth(),
                              json={"place": cand["id"], "name": cand["name"], "reason": "the report's town", **more})


def _group(server: Running, iid: str) -> str:
    rows = [h for h in server.get(f"/api/incidents/{iid}").json()["history"]
            if h["action"] == "correct" and (h.get("data") or {}).get("group")]
    groups = list(dict.fromkeys(h["data"]["group"] for h in rows))
    assert len(groups) == 1, groups
    return str(groups[0])


def test_undoing_a_place_pick_takes_it_back_out_and_reopens_the_place_problem(server: Running) -> None:
    before = _guessed(server)
    iid = before["incident_id"]
    spelling = [p for p in before["problems"] if p.startswith("W-GEO-")]
    assert spelling and not set(PLACE_FIELDS) & set(before.get("reviewed_fields") or [])
    r = _pick(server, iid, base_version=before["version"])
    assert r.status_code == 200, r.text
    group = _group(server, iid)
    url = f"{server.url}/api/incidents/{iid}/undo"
    r = server.client.post(url, headers=server.auth(), json={"group": group, "base_version": r.json()["version"]})
    assert r.status_code == 200, r.text
    line = server.get(f"/api/incidents/{iid}").json()
    for f in PLACE_FIELDS:
        assert line.get(f) == before.get(f), f
    # on main: the old values written as a new grouped correction, so every place field stayed "corrected"
    assert not set(PLACE_FIELDS) & set(line.get("reviewed_fields") or [])
    assert [p for p in line["problems"] if p.startswith("W-GEO-")] == spelling
    assert not any(a["field"] == "location" for a in line.get("answered_problems") or [])
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    picked = {h["seq"] for h in rows if (h.get("data") or {}).get("group") == group}
    undone = [h for h in rows if (h.get("data") or {}).get("undoes") == group]
    assert len(picked) == len(PLACE_FIELDS) and {h["data"]["reverts"] for h in undone} == picked
    assert all("group" not in h["data"] and h["reason"] == "undo" for h in undone)
    assert next(h for h in undone if h["field"] == "location")["new_value"] == before["location"]
    # an undo is not undone; the page no longer offers an undo of the pick
    again = server.client.post(url, headers=server.auth(), json={"group": group})
    assert again.status_code == 400 and "already undone" in again.json()["detail"], again.text
    page = server.get(f"/incidents/{iid}", headers={"Accept": "text/html"}).text
    assert 'class="undo-group"' not in page and "no longer corrected by it" in page


def test_a_place_pick_corrected_since_refuses_its_undo(server: Running) -> None:
    iid = _guessed(server)["incident_id"]
    assert _pick(server, iid).status_code == 200
    group = _group(server, iid)
    r = server.client.patch(f"{server.url}/api/incidents/{iid}", headers=server.auth(),
                            json={"field": "latitude", "value": 35.25, "reason": "the map"})
    assert r.status_code == 200, r.text
    r = server.client.post(f"{server.url}/api/incidents/{iid}/undo", headers=server.auth(), json={"group": group})
    assert r.status_code == 409, r.text    # on main: 200, the newer latitude overwritten by the pick's old one
    assert "latitude" in r.json()["detail"]
    line = server.get(f"/api/incidents/{iid}").json()
    assert line["latitude"] == 35.25 and line["location"] == "Tall Abyad"


def test_a_place_pick_sent_twice_with_one_key_is_made_once(server: Running) -> None:
    before = _guessed(server)
    iid, version = before["incident_id"], before["version"]
    r1 = _pick(server, iid, base_version=version, key="pick-0123abcd")
    assert r1.status_code == 200, r1.text and "repeat_of" not in r1.json()
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    first = min(h["seq"] for h in rows)
    # the retry carries the version the page showed: on main a second grouped correction (or a 409)
    r2 = _pick(server, iid, base_version=version, key="pick-0123abcd")
    assert r2.status_code == 200, r2.text
    assert r2.json()["repeat_of"] == first and r2.json()["location"] == "Tall Abyad"
    rows = server.get(f"/api/audit?incident_id={iid}&action=correct", headers=server.auth()).json()["items"]
    assert len(rows) == len(PLACE_FIELDS)
    # another key is another pick
    r3 = _pick(server, iid, key="pick-other")
    assert r3.status_code == 200 and "repeat_of" not in r3.json()
