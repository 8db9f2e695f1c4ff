"""What session 21's workbench leftovers brief (wb21c) asked, over the example reports (SQLite and PostgreSQL for the
API and pages; Debian's Chromium for the duplicates queue and the audit trail):

- a place pick whose undo was stored before session 20 (a grouped correction naming it in ``undoes``) offers
  "Undo this place change" again once that old undo was itself taken back out (the API already accepted it);
- a ranged tally's total row leaves a column blank when no row with an incident gives a figure (a quiet period's
  zero row gives none);
- a missing value is "empty" on the audit trail as in the 409 refusals and the incident page's change notice;
- a stale answer on /duplicates says to reload the list of pairs (the 409 gives ``said``, its changes in words)."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browserkit import Tab  # type: ignore[import-not-found]  # noqa: E402
from duplicate_reports import incident_of  # noqa: E402
from served import Running  # type: ignore[import-not-found]  # noqa: E402

from warledger.serve.tally_pages import totals  # noqa: E402
from warledger.store import Ledger  # noqa: E402


def _hish(server: Running) -> dict[str, Any]:
    items = server.get("/api/incidents?limit=1000").json()["items"]
    line = next(i for i in items if i.get("location") == "Hish")
    return dict(server.get(f"/api/incidents/{line['incident_id']}").json())


def _undo_buttons(server: Running, iid: str) -> list[str]:
    page = server.get(f"/incidents/{iid}", headers={"Accept": "text/html"}).text
    return re.findall(r'<button type="button" class="undo-group" data-group="([^"]+)">', page)


def test_a_pick_whose_old_undo_was_taken_back_out_offers_its_undo_again(server: Running) -> None:
    line = _hish(server)
    iid = line["incident_id"]
    cand = next(c for c in server.get("/api/places", params={"q": "Tall Abyad", "country": "Syria"}).json()["items"]
                if c["name"] == "Tall Abyad" and c["kind"] == "place")
    r = server.client.post(f"{server.url}/api/incidents/{iid}/place", headers=server.auth(),
                           json={"place": cand["id"], "name": cand["name"], "reason": "the report's town"})
    assert r.status_code == 200, r.text
    pick = next(h["data"]["group"] for h in server.get(f"/api/incidents/{iid}").json()["history"]
                if (h.get("data") or {}).get("group"))
    with Ledger(server.db) as ledger:   # an undo as stored before session 20: the old values, naming the pick
        ledger.correct_group(iid, {"location": line["location"], "latitude": line["latitude"]}, who="bob",
                             reason="undo", data={"undoes": pick})
        old = next(h["data"]["group"] for h in ledger.history(iid) if (h.get("data") or {}).get("undoes") == pick)
    assert _undo_buttons(server, iid) == [old]   # the pick stands undone: only the old undo can be taken back
    url = f"{server.url}/api/incidents/{iid}/undo"
    r = server.client.post(url, headers=server.auth(), json={"group": old})
    assert r.status_code == 200 and r.json()["location"] == "Tall Abyad", r.text
    assert _undo_buttons(server, iid) == [pick]   # on main: none, the page read every row's "undoes"
    r = server.client.post(url, headers=server.auth(), json={"group": pick})
    assert r.status_code == 200 and r.json()["location"] == line["location"], r.text
    assert _undo_buttons(server, iid) == []


def test_a_column_total_is_blank_when_only_zero_rows_give_it_a_figure() -> None:
    rows = [{"month": "2019-10", "incidents": 0, "reports": 0, "killed_total": 0, "injured_total": 0},
            {"month": "2019-11", "incidents": 2, "reports": 3, "killed_total": None, "injured_total": 4},
            {"month": "2019-12", "incidents": 0, "reports": 0, "killed_total": 0, "injured_total": 0}]
    got = totals(rows, ["incidents", "reports", "killed_total", "injured_total"])
    assert got == {"incidents": 2, "reports": 3, "killed_total": None, "injured_total": 4}   # main: killed 0
    assert totals(rows[:1], ["incidents", "killed_total"]) == {"incidents": 0, "killed_total": None}


def test_a_stale_answer_gives_its_changes_in_words(server: Running) -> None:
    line = _hish(server)
    iid, seen = line["incident_id"], line["version"]
    r = server.client.patch(f"{server.url}/api/incidents/{iid}", headers=server.auth(),
                            json={"field": "strikes", "value": 3, "reason": "the report", "base_version": seen})
    assert r.status_code == 200, r.text
    r = server.client.patch(f"{server.url}/api/incidents/{iid}", headers=server.auth(),
                            json={"field": "strikes", "value": 4, "base_version": seen})
    assert r.status_code == 409
    assert r.json()["said"].startswith("tester set strikes from ") and r.json()["said"] in r.json()["detail"]


@pytest.fixture
def running(pairs_running: Running) -> Running:
    return pairs_running   # a fresh server per test over the duplicates' reports (conftest.py)


@pytest.mark.browser
def test_a_stale_pair_says_reload_the_list_and_the_audit_trail_writes_empty(tab: Tab, running: Running) -> None:
    items = running.get("/api/incidents?limit=100").json()["items"]
    ridge, plain = incident_of(items, "ridge-0602"), incident_of(items, "plain-0602")
    field = next(f for f in ("admin3", "weapon", "actor2", "strikes") if running.get(
        f"/api/incidents/{ridge}").json().get(f) is None)
    page = tab.page
    tab.allow(r"status of 409")
    tab.goto("/duplicates")
    tab.use_token(running.token)
    pair = page.locator(f"section.pair[data-a='{ridge}'][data-b='{plain}'], "
                        f"section.pair[data-a='{plain}'][data-b='{ridge}']")
    value = 2 if field == "strikes" else "Somewhere"
    r = running.client.patch(f"{running.url}/api/incidents/{ridge}", headers=running.auth(),
                             json={"field": field, "value": value, "reason": "another analyst"})
    assert r.status_code == 200, r.text
    pair.focus()
    page.keyboard.press("n")
    state = pair.locator(".pair-state", has_text="Not saved")
    state.wait_for()
    text = state.inner_text()
    assert "Reload this list of pairs" in text and f"set {field} from empty" in text, text
    assert "reload the incident" not in text   # on main: the 409's words for the incident page
    tab.goto(f"/audit?incident_id={ridge}")
    cell = page.locator("#audit-table tbody tr td.from").first
    cell.wait_for()
    assert cell.inner_text() == "empty"   # on main: "unknown"
    tab.check_clean()
