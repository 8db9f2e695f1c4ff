"""A place found only by a near spelling of the report's name (W-GEO-SPELLING) is shown as a guess: dashed on the
map, the report's own words in the table with the place it was taken for flagged beside them."""
from __future__ import annotations

import html
import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ledgerdb import KINDS, fresh_ledger  # noqa: E402
from served import Running, serve_ledger  # noqa: E402

from warledger.record import Report  # noqa: E402

_TEXTS = {
    "near": "On 3 May 2021, regime shelling killed two civilians in Sinaa village in Homs countryside.",
    "exact": "On 4 May 2021, regime shelling killed three civilians in Kafranbel town in Idlib countryside.",
}


@pytest.fixture(params=KINDS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Running]:
    reports = [Report(id=k, text=t, published="2021-05-05") for k, t in _TEXTS.items()]
    for db in fresh_ledger(request.param, tmp_path):
        yield from serve_ledger(db, reports)


def test_a_near_spelling_is_drawn_and_listed_as_a_guess(server: Running) -> None:
    items = server.get("/api/incidents?limit=10").json()["items"]
    by_report = {i["reports"][0]: i for i in items}
    near, exact = by_report["near"], by_report["exact"]
    assert any(p.startswith("W-GEO-SPELLING") for p in near["problems"]) and near["geo_precision"] == 1
    assert not any(p.startswith("W-GEO-SPELLING") for p in exact.get("problems") or [])
    points = {p["id"]: p for p in server.get("/api/map").json()["points"]}
    assert points[near["incident_id"]]["guess"] is True
    assert points[exact["incident_id"]]["guess"] is False
    row = server.get("/").text.split(f'<tr data-incident="{near["incident_id"]}">')[1].split("</tr>")[0]
    assert "Sinaa" in html.unescape(row) and f'>{near["location"]}?</span>' in row
    detail = server.get(f"/incidents/{near['incident_id']}").text
    assert f"taken for {near['location']}?</span>" in detail
    exact_row = server.get("/").text.split(f'<tr data-incident="{exact["incident_id"]}">')[1].split("</tr>")[0]
    assert "?</span>" not in exact_row
