"""Reports written for the report-page and claims-page tests (no line of ../shared): a bulletin whose headline
claims more dead than its incidents add up to (a claim check mismatch), a short Arabic report, one whose id
is a file's path, and one carrying markup that must stay text."""
from __future__ import annotations

from typing import Any

MISMATCH = {
    "id": "valley-0510", "published": "2021-05-10", "source": "Valley Watch",
    "url": "https://example.org/valley/2021-05-10",
    "text": ("Two days of regime shelling on the Idlib countryside leave 20 civilians dead\n\n"
             "Regime artillery shelled the village of Kafr Nabl in the southern countryside of Idlib on Sunday, "
             "killing 7 civilians. Regime shelling on the village of Hass near Maarrat al-Nu'man on Saturday "
             "killed 6 civilians. Regime rockets hit the town of Sarmin on Sunday, killing 3 civilians."),
}
ARABIC = {
    "id": "wadi-0510", "published": "2021-05-10", "source": "مرصد الوادي", "language": "ar",
    "text": "مقتل 4 مدنيين بقصف مدفعي لقوات النظام على بلدة كفرنبل جنوب إدلب يوم الأحد",
}
PATH_ID = {
    "id": "bulletins/2021/hill#3.txt", "published": "2021-05-11", "source": "Hill Courier",
    "text": "Regime warplanes struck the town of Saraqib in the Idlib countryside on Monday, killing 2 civilians.",
}
PAYLOAD_SCRIPT = "<script>window.__wlPwned = 'script'; document.title = 'pwned';</script>"
PAYLOAD_IMG = "<img src=x onerror=\"window.__wlPwned = 'img'\">"
HOSTILE = {
    "id": "rooftop-<b>1</b>", "published": "2021-05-12", "source": "<i>Rooftop</i> Bulletin",
    "text": ("Regime artillery shelled the village of Kansafra in the southern countryside of Idlib on Tuesday, "
             "killing 3 civilians. A comment under the bulletin carried " + PAYLOAD_SCRIPT + " and then "
             + PAYLOAD_IMG + " before the moderators removed it."),
}
WRITTEN = (MISMATCH, ARABIC, PATH_ID, HOSTILE)


def with_written(examples: list[Any]) -> list[Any]:
    """The built-in example reports and the ones written here, as one ingest."""
    return list(examples) + [dict(r) for r in WRITTEN]
