"""The actor type-ahead and the associates' correction, through the running server (SQLite and PostgreSQL):
names from the ledger and from the theatre bundles' lexicons, each with the period that fits the incident's date."""
from __future__ import annotations

from typing import Any

from served import Running  # type: ignore[import-not-found]


def _names(server: Running, **params: Any) -> list[str]:
    r = server.get("/api/actors", params=params)
    assert r.status_code == 200, r.text
    return [a["name"] for a in r.json()["items"]]


def _incident_at(server: Running, place: str) -> dict[str, Any]:
    items = server.get("/api/incidents?limit=1000").json()["items"]
    return dict(next(i for i in items if i.get("location") == place))


def test_actor_names_come_from_the_ledger_and_the_lexicons_with_the_incidents_period(server: Running) -> None:
    iid = _incident_at(server, "Kafranbel")["incident_id"]       # Syria, 2021
    got = server.get("/api/actors", params={"q": "military forces", "incident": iid, "limit": 200}).json()
    by = {a["name"]: a["from"] for a in got["items"]}
    assert got["country"] == "Syria" and got["year"] == 2021
    assert by.get("Military Forces of Russia (2000-)") == "ledger"      # a name the ledger holds
    assert "Military Forces of Syria (2000-)" in by                      # the period of 2021
    assert "Civilians (Syria)" in _names(server, q="civilians", incident=iid)   # a template for the country
    assert "HTS: Hayat Tahrir al Sham" in _names(server, q="tahrir", incident=iid)
    # the same names for a day after the period ended: the period of that day (the authorities of 8 December
    # 2024), never one that no longer fits
    later = _names(server, q="military forces of syria", country="Syria", date="2025-03-01")
    assert "Military Forces of Syria (2024-)" in later and "Military Forces of Syria (2000-)" not in later
    # a group whose ACLED name changed with the government: each year's own name
    assert "Taliban" in _names(server, q="taliban", country="Afghanistan", date="2019-05-01")
    assert "Military Forces of Afghanistan (2021-)" in _names(server, q="afghanistan", country="Afghanistan",
                                                              date="2022-05-01")
    assert _names(server, q="no such group at all", incident=iid) == []


def test_associates_are_corrected_as_names(server: Running) -> None:
    iid = _incident_at(server, "Kafranbel")["incident_id"]
    url = f"{server.url}/api/incidents/{iid}"
    r = server.client.patch(url, headers=server.auth(), json={
        "field": "assoc_actor_1", "value": "Military Forces of Syria (2000-); Militia (Pro-Government)",
        "reason": "the report says both"})
    assert r.status_code == 200, r.text
    assert r.json()["assoc_actor_1"] == ["Military Forces of Syria (2000-)", "Militia (Pro-Government)"]
    page = server.get(f"/incidents/{iid}", headers={"Accept": "text/html"}).text
    assert "Military Forces of Syria (2000-); Militia (Pro-Government)" in page
    r = server.client.patch(url, headers=server.auth(), json={"field": "assoc_actor_2", "value": ["A", "B"]})
    assert r.status_code == 200 and r.json()["assoc_actor_2"] == ["A", "B"]
    r = server.client.patch(url, headers=server.auth(), json={"field": "assoc_actor_2", "value": 7})
    assert r.status_code == 400 and "assoc_actor_2" in r.json()["detail"]


def test_actor_names_take_the_period_of_the_day_not_only_the_year(server: Running) -> None:
    # session 16 (ledger16): 20 December 2024 is after the change of 8 December; on main the type-ahead offered the
    # year's earlier period, "(2000-)"
    dec = _names(server, q="military forces of syria", country="Syria", date="2024-12-20")
    assert "Military Forces of Syria (2024-)" in dec and "Military Forces of Syria (2000-)" not in dec
    early = _names(server, q="military forces of syria", country="Syria", date="2024-12-01")
    assert "Military Forces of Syria (2000-)" in early and "Military Forces of Syria (2024-)" not in early
