"""What a user meets when something is wrong: a bad filter, an unknown or merged-away incident, an address
that does not exist.  Pages answer with a page (the message and the way on), never a JSON body in the
browser's window; the API answers JSON that says what to do.  On SQLite and PostgreSQL (the ``server``
fixture)."""
from __future__ import annotations

import html
import re

from served import Running  # type: ignore[import-not-found]


def _id_at(server: Running, place: str) -> str:
    [inc] = [i for i in server.get("/api/incidents?limit=100").json()["items"] if i.get("location") == place]
    return str(inc["incident_id"])


def _merge(server: Running, keep: str, gone: str) -> None:
    r = server.client.post(server.url + "/api/incidents/merge", headers=server.auth(),
                           json={"incident_ids": [keep, gone], "reason": "one raid"})
    assert r.status_code == 200, r.text


def test_a_bad_filter_on_the_index_is_a_page_that_keeps_the_filter_bar(server: Running) -> None:
    r = server.get("/", params={"date_from": "2020-13-01", "actor": "Military Forces of Russia (2000-)"})
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]
    [msg] = re.findall(r'<p class="error" role="alert" id="filter-error">(.*?)</p>', r.text, flags=re.S)
    assert "date_from" in msg and "YYYY-MM-DD" in msg
    # the other values stay in the bar to mend and resubmit; nothing is listed as if the filter held
    assert 'name="actor" value="Military Forces of Russia (2000-)"' in r.text
    assert 'id="match-count"' not in r.text and "<tr data-incident=" not in r.text
    assert "/static/js/map.js" not in r.text


def test_a_missing_incident_page_is_a_page_with_the_way_back(server: Running) -> None:
    r = server.get("/incidents/inc-0000000000000000")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "inc-0000000000000000" in html.unescape(r.text) and 'href="/"' in r.text
    r = server.get("/no-such-page")
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "/review" in r.text
    r = server.get("/?offset=abc")
    assert r.status_code == 422 and "text/html" in r.headers["content-type"] and "offset" in r.text


def test_a_merged_away_incident_says_where_it_went(server: Running) -> None:
    keep, gone = _id_at(server, "Hish"), _id_at(server, "Jabal al-Zawiyah")
    _merge(server, keep, gone)
    r = server.get(f"/api/incidents/{gone}")
    assert r.status_code == 404 and r.json()["merged_into"] == keep and keep in r.json()["detail"]
    page = server.get(f"/incidents/{gone}")
    assert page.status_code == 404 and f'id="merged-into" href="/incidents/{keep}"' in page.text
    # merged again (keep into a third): the old link follows on to where both are now
    third = _id_at(server, "Al Bab")
    _merge(server, third, keep)
    assert server.get(f"/api/incidents/{gone}").json()["merged_into"] == third
    # undone (split back out): it is found again under its own id
    back = server.client.post(server.url + "/api/incidents/split", headers=server.auth(), json={
        "incident_id": third, "record_ids": ["rec-" + gone[4:]], "reason": "not the same raid"})
    assert back.status_code == 200, back.text
    assert back.json()["new_incident"]["incident_id"] == gone
    assert server.get(f"/api/incidents/{gone}").status_code == 200


def test_api_errors_stay_json_and_say_what_to_do(server: Running) -> None:
    r = server.get("/api/incidents/inc-0000000000000000")
    assert r.status_code == 404 and "application/json" in r.headers["content-type"]
    assert "merged_into" not in r.json() and "/api/incidents" in r.json()["detail"]
    r = server.get("/api/incidents?limit=abc")
    assert r.status_code == 422 and "limit" in r.json()["detail"] and r.json()["errors"][0]["loc"] == ["query", "limit"]
    r = server.get("/api/incidents?date_from=2020-13-01")
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["detail"]
    assert server.get("/api/no-such-route").headers["content-type"].startswith("application/json")


def test_a_claim_status_that_does_not_exist_is_refused_not_an_empty_list(server: Running) -> None:
    r = server.get("/api/claims?status=failed")
    assert r.status_code == 400 and "mismatch" in r.json()["detail"]
    assert server.get("/api/claims?status=mismatch").status_code == 200


def test_read_auth_closes_the_pages_too_and_the_token_box_opens_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from served import serve_ledger  # type: ignore[import-not-found]

    for running in serve_ledger(str(tmp_path / "closed.db"), read_auth=True):
        iid = running.get("/api/incidents", headers=running.auth()).json()["items"][0]["incident_id"]
        for path in ("/", f"/incidents/{iid}", "/review", "/?admin1=Idleb"):
            r = running.get(path)
            assert r.status_code == 401 and "text/html" in r.headers["content-type"], path
            assert "Token box" in r.text and "<tr data-incident=" not in r.text and iid not in r.text, path
        cookie = {"Cookie": f"wl_token={running.token}"}
        for path in ("/", f"/incidents/{iid}", "/review", "/api/map", "/api/timeline", "/api/export?format=jsonl"):
            assert running.get(path, headers=cookie).status_code == 200, path
        assert running.get("/", headers={"Cookie": "wl_token=wl_wrong"}).status_code == 401
        # the cookie lets a reader in; a write still needs the header
        w = running.client.post(running.url + f"/api/incidents/{iid}/review", headers=cookie, json={"action": "accept"})
        assert w.status_code == 401


def test_a_correction_of_the_wrong_shape_is_refused_and_the_stored_count_kept(server: Running) -> None:
    inc = _id_at(server, "Hish")
    before = server.get(f"/api/incidents/{inc}").json()["killed"]
    url = server.url + f"/api/incidents/{inc}"
    bodies = [{"field": "killed.civilians", "value": {"lowest": 3}, "reason": "typo in a key"},
              {"field": "killed.civilians", "value": {}, "reason": "an empty range"},
              {"field": "killed.civilians", "value": 3, "reason": "a misspelt key", "base_verison": 0}]
    for body in bodies:
        r = server.client.patch(url, headers=server.auth(), json=body)
        assert r.status_code == 422, (body, r.text)
        assert "detail" in r.json()
    assert server.get(f"/api/incidents/{inc}").json()["killed"] == before
    assert not [h for h in server.get(f"/api/incidents/{inc}").json().get("history", [])
                if h.get("action") == "correct"]


def test_a_correction_claiming_a_version_the_incident_never_had_is_refused(server: Running) -> None:
    inc = _id_at(server, "Hish")
    shown = server.get(f"/api/incidents/{inc}").json()
    url = server.url + f"/api/incidents/{inc}"
    body = {"field": "killed.civilians", "value": 3, "reason": "a view from elsewhere",
            "base_version": int(shown.get("version") or 0) + 1000}
    r = server.client.patch(url, headers=server.auth(), json=body)
    assert r.status_code == 409, r.text
    assert "reload" in r.json()["detail"]
    assert server.get(f"/api/incidents/{inc}").json()["killed"] == shown["killed"]
