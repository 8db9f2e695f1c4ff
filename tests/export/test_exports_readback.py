"""Exports read back: ACLED CSV columns and types, UCDP columns, GeoJSON validity, Parquet via DuckDB."""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import datetime
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from handmade import RUSSIA, bulletin, contradiction, kafr_zita_series  # noqa: E402

from warledger.errors import InputError  # noqa: E402
from warledger.export import ACLED_COLUMNS, UCDP_COLUMNS, export  # noqa: E402
from warledger.store import Ledger  # noqa: E402


@pytest.fixture(scope="module")
def lines(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    with Ledger(str(tmp_path_factory.mktemp("x") / "l.db")) as ledger:
        ledger.ingest(kafr_zita_series() + [bulletin(), contradiction()])
        return list(ledger.incidents())


def _text(lines: list[dict], fmt: str) -> str:
    buf = io.StringIO()
    assert export(lines, fmt, out=buf) == len(lines)
    return buf.getvalue()


def test_acled_csv_has_acled_columns_and_conventions(lines: list[dict]) -> None:
    rows = list(csv.DictReader(io.StringIO(_text(lines, "acled-csv"))))
    assert len(rows) == len(lines) == 10
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    for r in rows:
        d = datetime.strptime(r["event_date"], "%Y-%m-%d")       # "2022-05-17", as ACLED's API writes it
        assert int(r["year"]) == d.year
        assert r["event_id_cnty"].startswith("SYR") and r["event_id_cnty"][3:].isdigit()
        assert int(r["fatalities"]) >= 0 and int(r["time_precision"]) in (1, 2, 3)
        assert -90 <= float(r["latitude"]) <= 90 and 30 < float(r["longitude"]) < 45
        assert r["iso"] == "760" and r["country"] == "Syria" and r["region"] == "Middle East"
        assert r["interaction"] in (f"{r['inter1']}-{r['inter2']}", f"{r['inter2']}-{r['inter1']}",
                                    f"{r['inter1']} only"), r      # ACLED: the two types, in their codes' order
    kz = next(r for r in rows if r["location"] == "Kafr Zita" and r["event_date"] == "2022-05-17")
    assert kz["actor1"] == RUSSIA and kz["inter1"] == "External/Other forces" and kz["inter2"] == "Civilians"
    assert kz["interaction"] == "External/Other forces-Civilians"
    assert kz["fatalities"] == "7" and kz["civilian_targeting"] == "Civilian targeting"
    assert kz["disorder_type"] == "Political violence" and kz["sub_event_type"] == "Air/drone strike"
    assert kz["notes"].startswith("On 17 May 2022, Military Forces of Russia (2000-): air/drone strike")
    assert "7 killed (7 civilians, 2 children, 1 woman)" in kz["notes"] and kz["notes"].endswith("[4 reports]")
    assert kz["source"] == "Example Monitor; Example Network"
    ids = [r["event_id_cnty"] for r in rows]
    assert len(set(ids)) == len(ids)


def test_ucdp_csv_columns_and_deaths(lines: list[dict]) -> None:
    from warledger.export.ucdp import ged_leaves_out

    buf = io.StringIO()
    kept = [x for x in lines if ged_leaves_out(x) is None]      # GED holds lethal events between known sides
    assert 0 < len(kept) <= len(lines) and export(lines, "ucdp-csv", out=buf) == len(kept)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(rows[0].keys()) == UCDP_COLUMNS
    kz = next(r for r in rows if r["where_coordinates"] == "Kafr Zita" and r["date_start"] == "2022-05-17")
    assert (kz["low"], kz["best"], kz["high"]) == ("5", "7", "7")
    assert kz["deaths_civilians"] == "7" and kz["deaths_unknown"] == "0"
    # "two children" killed and no other figure: two deaths, not an event with no death reported
    mm = next(r for r in rows if r["where_coordinates"] == "Maarat Misrin")
    assert mm["best"] == "2"
    assert kz["type_of_violence"] == "3" and kz["where_prec"] == "1" and kz["date_prec"] == "1"
    assert kz["side_a"] == "Government of Russia (Soviet Union)" and kz["side_b"] == "Civilians"
    assert kz["number_of_sources"] == "4"
    assert kz["geom_wkt"] == f"POINT ({kz['longitude']} {kz['latitude']})"
    # 4 fighters of a brigade that is neither side (Russia, civilians): GED's deaths_unknown, not side B
    fighters = next(r for r in rows if r["where_coordinates"] == "Kabani" and r["best"] == "4")
    assert (fighters["deaths_a"], fighters["deaths_b"], fighters["deaths_civilians"], fighters["deaths_unknown"]) == (
        "0", "0", "0", "4")


def test_geojson_is_a_valid_feature_collection(lines: list[dict]) -> None:
    doc = json.loads(_text(lines, "geojson"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == len(lines)
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        lon, lat = f["geometry"]["coordinates"]       # RFC 7946: longitude first
        assert f["geometry"]["type"] == "Point" and 35 < lon < 43 and 32 < lat < 37.5
        assert all(not isinstance(v, (dict, list)) for v in f["properties"].values()), "flat properties"
    kz = next(f for f in doc["features"] if f["properties"]["location"] == "Kafr Zita")
    assert kz["geometry"]["coordinates"] == [36.602, 35.374]
    assert kz["properties"]["killed_civilians_low"] == 5 and kz["properties"]["killed_civilians_best"] == 7


def test_parquet_reads_back_in_duckdb_and_pandas(lines: list[dict], tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "ledger.parquet"
    assert export(lines, "parquet", path=str(path)) == len(lines)
    con = duckdb.connect()
    n, deaths, civ = con.execute(
        f"SELECT count(*), sum(fatalities), sum(killed_civilians_best) FROM read_parquet('{path}')").fetchone()
    assert n == 10 and deaths == sum(x["fatalities"] or 0 for x in lines)
    assert civ == 7 + 2 + 4 + 2 + 1 + 3 + 3
    types = dict(con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()[i][:2]
                 for i in range(3))
    assert types["incident_id"] == "VARCHAR"
    kinds = {r[0]: r[1] for r in con.execute(f"DESCRIBE SELECT * FROM read_parquet('{path}')").fetchall()}
    assert kinds["fatalities"] == "BIGINT" and kinds["latitude"] == "DOUBLE"
    pd = pytest.importorskip("pandas")
    df = pd.read_parquet(path)
    assert list(df["incident_id"]) == [x["incident_id"] for x in lines]


def test_empty_ledger_and_bad_format(tmp_path: Path) -> None:
    path = tmp_path / "empty.parquet"
    assert export([], "parquet", path=str(path)) == 0 and path.stat().st_size > 0
    assert json.loads(_text([], "geojson")) == {"type": "FeatureCollection", "features": []}
    with pytest.raises(InputError, match="acled-csv"):
        export([], "shapefile", out=io.StringIO())
    with pytest.raises(InputError, match="--out"):
        export([], "parquet")


def test_jsonl_export_is_the_ledger(lines: list[dict]) -> None:
    assert [json.loads(x) for x in _text(lines, "jsonl").splitlines()] == lines
