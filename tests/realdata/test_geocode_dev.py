"""Geocoding on ../shared: the seed report's places land in the right governorate; Airwars places floor."""
from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from warledger.geocode import load_geocoder

pytestmark = pytest.mark.realdata

# (place name as the seed report writes it, its governorate): names only; the phrases are read from the seed.
SEED_PLACES = [
    ("al-Sahara", "Aleppo"), ("Jabbala", "Idleb"), ("al-Dar al-Kabira", "Idleb"), ("Shnan", "Idleb"),
    ("al-Mshirfah", "Idleb"), ("al-Naqir", "Idleb"), ("Marshourin", "Idleb"), ("al-Kafir", "Idleb"),
    ("Jesr al-Shughur", "Idleb"),
]


def _km(a: float, b: float, c: float, d: float) -> float:
    p = math.pi / 180
    h = math.sin((c - a) * p / 2) ** 2 + math.cos(a * p) * math.cos(c * p) * math.sin((d - b) * p / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


@pytest.mark.parametrize("gazetteer", ["shared", "builtin"])
def test_seed_places_in_the_right_governorate(shared_dir: Path, gazetteer: str) -> None:
    text = next((shared_dir / "seed").glob("000_*.txt")).read_text(encoding="utf-8")
    gz = str(shared_dir / "data" / "gazetteer-syria" / "places.tsv") if gazetteer == "shared" else None
    geocoder = load_geocoder(gz)
    for name, gov in SEED_PLACES:
        m = re.search(re.escape(name) + r"[^,;.]*?(?=,|;| and |\.|$)", text)
        assert m, name
        r = geocoder.resolution(m.group(0))
        assert r.admin1 == gov, (m.group(0), r)
        assert r.latitude is not None and r.geo_precision in (1, 2, 3)


def test_airwars_places_floor(shared_dir: Path) -> None:
    geocoder = load_geocoder(str(shared_dir / "data" / "gazetteer-syria" / "places.tsv"))
    n = near5 = near25 = resolved = 0
    with open(shared_dir / "data" / "eval" / "airwars_places_dev.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            r = geocoder.resolution(row.get("place") or "", row.get("governorate"), row.get("place_ar"))
            gold = row["gold"]
            n += 1
            if r.latitude is None:
                continue
            resolved += 1
            d = _km(r.latitude, r.longitude, gold["latitude"], gold["longitude"])
            near5 += d <= 5
            near25 += d <= 25
    assert resolved / n >= 0.90
    assert near5 / n >= 0.55
    assert near25 / n >= 0.84  # acceptance target 0.85 (measured 0.852 with score.py)


def test_acled_notes_admin1_floor(shared_dir: Path) -> None:
    """Extraction + geocoding with the shared gazetteer on the first ACLED development notes: the governorate
    of at least one incident matches ACLED's (the scorer's admin1 metric, on a slice for speed)."""
    from warledger.geocode.gazetteer import canonical_admin1
    from warledger.pipeline import process
    from warledger.record import Report

    geocoder = load_geocoder(str(shared_dir / "data" / "gazetteer-syria" / "places.tsv"))
    n = hit = 0
    with open(shared_dir / "data" / "eval" / "acled_notes_dev.jsonl", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 15:
                continue  # every 15th note: about 1,000 notes spread over the years
            row = json.loads(line)
            report = process(Report(id=str(row["id"]), text=row["text"], published=row.get("published")), geocoder)
            gold = canonical_admin1(row["gold"]["admin1"])
            n += 1
            hit += any(inc.place.admin1 and canonical_admin1(inc.place.admin1) == gold
                       for inc in report.incidents if inc.kind == "incident")
    assert n > 500
    assert hit / n >= 0.93, hit / n  # measured 0.95 on the full file with score.py
