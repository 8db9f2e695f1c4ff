"""Files of reports added on the workbench (POST /api/uploads, one request a file, then GET /api/uploads/ID),
through the running server on SQLite and PostgreSQL: the files are stored in the background by the ledger's
ingest, the status counts reports done of the total and says per file what was added, the incidents made or
joined and the problems by code; a file that cannot be read is refused whole, in words that name it; the same
file twice adds nothing, and nothing stored is replaced.  Reports written for this test."""
from __future__ import annotations

import json
import time
from typing import Any, Optional

from served import Running  # type: ignore[import-not-found]

LINES = [
    {"id": "bulk-1", "published": "2021-04-03", "source": "Ridge Monitor",
     "text": "On 2 April 2021, a regime air strike hit the town of Sarmin in Idlib countryside, killing 3 civilians "
             "and wounding 6 others."},
    {"id": "bulk-2", "published": "2021-04-05",
     "text": "On 4 April 2021, regime artillery shelled Ariha in the southern countryside of Idlib, killing a woman."},
]
JSONL = ("\n".join(json.dumps(x) for x in LINES) + "\n").encode("utf-8")
DOCUMENT = ("Northern bulletin\n\nOn 3 April 2021, a drone of the regime forces struck a car near Kafranbel in Idlib "
            "countryside, killing 2 fighters of Hayat Tahrir al-Sham.\n").encode("utf-8")


def upload(server: Running, name: str, data: bytes, job: Optional[str] = None, **params: str) -> Any:
    query: dict[str, str] = dict(params, name=name, **({"job": job} if job else {}))
    return server.client.post(server.url + "/api/uploads", params=query, content=data,
                              headers=dict(server.auth(), **{"Content-Type": "application/octet-stream"}))


def finished(server: Running, job: str, timeout: float = 120) -> dict[str, Any]:
    deadline = time.time() + timeout
    while True:
        status = server.get(f"/api/uploads/{job}", headers=server.auth()).json()
        if status["state"] == "done":
            return dict(status)
        assert time.time() < deadline, status
        time.sleep(0.2)


def test_files_are_stored_in_the_background_and_said_file_by_file(server: Running) -> None:
    r = upload(server, "april.jsonl", JSONL)
    assert r.status_code == 202, r.text
    job = r.json()["job_id"]
    assert r.json()["total"] == 2 and r.json()["files"][0]["state"] in ("queued", "storing", "done")
    refused = {"empty.txt": b"", "blank.jsonl": b"\n  \n", "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
               "broken.jsonl": JSONL + b'{"id": "bulk-3", "text": "On 5 April"\n', "sheet.xlsx": b"PK\x03\x04 cells"}
    assert upload(server, "folder/bulletin.txt", DOCUMENT, job).status_code == 202
    for name, data in refused.items():
        assert upload(server, name, data, job).status_code == 202
    status = finished(server, job)
    assert status["done"] == status["total"] == 3 and status["eta_seconds"] == 0
    files = {f["name"]: f for f in status["files"]}
    assert set(files) == {"april.jsonl", "bulletin.txt", *refused}   # a folder in the name is dropped
    april = files["april.jsonl"]
    assert (april["state"], april["added"], april["new_incidents"], april["incidents_total"]) == ("done", 2, 2, 2)
    assert {i["location"] for i in april["incidents"]} == {"Sarmin", "Ariha"}
    assert all(i["status"] == "new" for i in april["incidents"])
    sarmin = next(i for i in april["incidents"] if i["location"] == "Sarmin")
    assert server.get(f"/api/incidents/{sarmin['incident_id']}").json()["killed"]["civilians"]["best"] == 3
    assert all(p["code"].startswith(("W-", "E-")) and p["example"].startswith(p["code"] + ":") for p in april["problems"])
    assert files["bulletin.txt"]["added"] == 1 and files["bulletin.txt"]["incidents"][0]["location"] == "Kafranbel"
    why = {n: files[n]["why"] for n in refused}
    assert all(files[n]["state"] == "refused" and n in why[n] for n in refused)
    assert "empty" in why["empty.txt"] and "empty" in why["blank.jsonl"]
    assert "binary" in why["photo.txt"]
    assert "line 3: not valid JSON" in why["broken.jsonl"] and "Nothing of broken.jsonl was added" in why["broken.jsonl"]
    assert ".jsonl" in why["sheet.xlsx"] and "save the reports as one of these" in why["sheet.xlsx"]
    assert server.get("/api/reports/bulk-1").json()["source"] == "Ridge Monitor"   # the JSON line's own id


def test_the_same_file_twice_adds_nothing_and_nothing_stored_is_replaced(server: Running) -> None:
    first = finished(server, upload(server, "april.jsonl", JSONL).json()["job_id"])
    assert first["files"][0]["added"] == 2
    finished(server, upload(server, "bulletin.txt", DOCUMENT).json()["job_id"])
    before = server.get("/api/health").json()["counts"]
    job = upload(server, "april.jsonl", JSONL).json()["job_id"]
    upload(server, "bulletin.txt", DOCUMENT, job)
    changed = [dict(LINES[0], text="A different text under the same id: 40 killed in Aleppo on 1 May 2021.")]
    upload(server, "changed.jsonl", json.dumps(changed[0]).encode("utf-8"), job)
    status = finished(server, job)
    again, doc, other = status["files"]
    assert (again["added"], again["unchanged"], again["new_incidents"], again["merged"]) == (0, 2, 0, 0)
    assert {i["status"] for i in again["incidents"]} == {"already in the ledger"}
    assert (doc["added"], doc["unchanged"]) == (0, 1)
    assert (other["added"], other["conflicts"]) == (0, 1)
    assert any(m.startswith("W-ID-CONFLICT:") and "kept the stored version" in m for m in other["messages"])
    assert server.get("/api/health").json()["counts"] == before
    assert "Sarmin" in server.get("/api/reports/bulk-1").json()["text"]


def test_a_report_of_an_incident_already_stored_joins_it(server: Running) -> None:
    finished(server, upload(server, "april.jsonl", JSONL).json()["job_id"])
    other = {"id": "bulk-9", "published": "2021-04-02", "source": "Plain Courier",
             "text": "Regime warplanes bombed Sarmin in the Idlib countryside on 2 April 2021; 3 civilians were killed."}
    status = finished(server, upload(server, "courier.jsonl", json.dumps(other).encode("utf-8")).json()["job_id"])
    [inc] = status["files"][0]["incidents"]
    assert inc["location"] == "Sarmin" and inc["status"].startswith("joined: merged with 1 other report")
    assert status["files"][0]["merged"] == 1


def test_uploads_need_a_token_and_only_their_owner_sees_them(server: Running) -> None:
    r = server.client.post(server.url + "/api/uploads", params={"name": "april.jsonl"}, content=JSONL)
    assert r.status_code == 401
    job = upload(server, "april.jsonl", JSONL).json()["job_id"]
    assert server.get(f"/api/uploads/{job}").status_code == 401
    from warledger.store import Ledger

    with Ledger(server.db) as ledger:
        other = ledger.create_token("someone-else")
    seen = server.get(f"/api/uploads/{job}", headers={"Authorization": f"Bearer {other}"})
    assert seen.status_code == 404 and "no upload" in seen.json()["detail"]
    assert upload(server, "april.jsonl", JSONL, published="2021-02-30").status_code == 400
    big = upload(server, "huge.jsonl", JSONL * 8000, job)   # over the server's body limit: never read
    assert big.status_code == 413 and "larger than" in big.json()["detail"]
    assert [f["name"] for f in finished(server, job)["files"]] == ["april.jsonl"]

