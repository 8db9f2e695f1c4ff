"""Reports written for the duplicates-queue tests (no line of ../shared): two reports of one air strike that
deduplication cannot merge (one names the village, the other only the district's villages), and a strike of
the same day, perpetrator and toll at another town of another district, which is another event."""
from __future__ import annotations

from typing import Any

VILLAGE = {"id": "ridge-0602", "published": "2021-06-02", "source": "Ridge Monitor",
           "text": "Russian warplanes struck the village of Kafr Oweid in Jabal al-Zawiya, south of Idlib, on Tuesday, "
                   "killing 4 civilians, among them two children."}
DISTRICT = {"id": "plain-0602", "published": "2021-06-02", "source": "Plain Herald",
            "text": "Four civilians were killed on Tuesday when Russian aircraft bombed villages of Ariha district in "
                    "Idlib province."}
ELSEWHERE = {"id": "delta-0602", "published": "2021-06-02", "source": "Delta Notes",
             "text": "Russian warplanes struck the town of Sarmin, east of Idlib, on Tuesday, killing 4 civilians."}
DUPLICATE_REPORTS: list[dict[str, Any]] = [VILLAGE, DISTRICT, ELSEWHERE]


def incident_of(items: list[dict[str, Any]], report_id: str) -> str:
    """The id of the incident a report is in, from GET /api/incidents items."""
    return str(next(i for i in items if report_id in i["reports"])["incident_id"])


def pair_reports(pair: dict[str, Any]) -> set[str]:
    return {r for inc in pair["incidents"] for r in inc["reports"]}
