"""Each export against its format's own specification, as the tools read it: UCDP GED's 49 columns in GED's order,
ACLED's yyyy-mm-dd dates and actor types in words (ACLED's API and export tool since 2024), only the event and
sub-event types ACLED's codebook pairs, GeoParquet metadata that geopandas (and QGIS, through GDAL) read as a layer,
and Parquet counts that pandas reads as nullable integers, not floats.

Ledger lines written by hand: invented places, names and numbers."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from warledger.export import export, export_counts
from warledger.export.acled import NO_ACLED_TYPE, disorder_type
from warledger.export.naming import interaction_label

_EMPTY = {c: None for c in ("total", "civilians", "children", "women", "men", "fighters")}

# GED's CSV layout (its codebook, versions 20.1 to 25.1), written out here once more so a change to the exporter's
# tuple cannot pass by changing the expectation with it
GED_LAYOUT = (
    "id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,"
    "dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,"
    "number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,"
    "where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,"
    "region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,"
    "low,gwnoa,gwnob").split(",")


def _line(n: int, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "incident_id": f"inc-{n:04x}aa11bb22cc33", "kind": "incident", "event_date": f"2023-03-{n % 27 + 1:02d}",
        "date_range": None, "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Syria (2000-)", "actor2": "Invented Ridge Brigade", "location": "Tell Samra",
        "place_phrase": "the hamlet of Tell Samra", "admin1": "Hama", "admin2": "Salamiyeh", "admin3": None,
        "country": "Syria", "latitude": 35.0 + n / 100, "longitude": 37.1, "geo_precision": 1, "where_prec": 1,
        "strikes": None, "killed": dict(_EMPTY, total={"low": n, "best": n, "high": n}), "injured": dict(_EMPTY),
        "killed_groups": [], "injured_groups": [], "damage": [], "fatalities": n, "evidence": [], "problems": [],
        "reports": [f"r{n}"], "per_report": [{"report_id": f"r{n}", "source": "Example Watch"}],
    }
    base.update(kw)
    return base


def _rows(lines: list[dict[str, Any]], fmt: str) -> list[dict[str, str]]:
    buf = io.StringIO()
    export(lines, fmt, out=buf)
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


def test_ucdp_csv_has_geds_49_columns_in_geds_order() -> None:
    rows = _rows([_line(1), _line(2)], "ucdp-csv")
    assert len(rows) == 2 and list(rows[0]) == GED_LAYOUT + ["start_year", "end_year", "iso3"]
    assert (rows[0]["iso3"], rows[0]["start_year"]) == ("SYR", rows[0]["year"])
    r = rows[0]
    assert (r["country"], r["country_id"], r["region"], r["gwnoa"]) == ("Syria", "652", "Middle East", "652")
    assert r["where_description"] == "the hamlet of Tell Samra" and r["where_coordinates"] == "Tell Samra"
    assert r["geom_wkt"] == f"POINT ({r['longitude']} {r['latitude']})"


def test_ucdp_csv_reads_in_pandas_with_geds_integer_columns(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    path = tmp_path / "ged.csv"
    export([_line(i) for i in range(1, 5)], "ucdp-csv", path=str(path))
    df = pd.read_csv(path, parse_dates=["date_start", "date_end"])
    for col in ("id", "year", "type_of_violence", "where_prec", "country_id", "date_prec", "best", "high", "low",
                "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "gwnoa"):
        assert str(df[col].dtype) == "int64", (col, df[col].dtype)
    assert str(df["date_start"].dtype).startswith("datetime64")


def test_acled_csv_writes_iso_dates_and_actor_types_in_words() -> None:
    foreign = _line(3, actor1="Military Forces of Turkey (2016-)", actor2="Civilians (Syria)",
                    event_type="Violence against civilians", sub_event_type="Attack")
    rows = _rows([_line(1), _line(2, actor2=None), foreign], "acled-csv")
    assert [r["event_date"] for r in rows] == ["2023-03-02", "2023-03-03", "2023-03-04"]
    assert [(r["inter1"], r["inter2"], r["interaction"]) for r in rows] == [
        ("State forces", "Rebel group", "State forces-Rebel group"),
        ("State forces", "", "State forces only"),
        ("External/Other forces", "Civilians", "External/Other forces-Civilians")]
    assert rows[2]["civilian_targeting"] == "Civilian targeting" and rows[0]["civilian_targeting"] == ""


@pytest.mark.parametrize("i1, i2, words", [
    (1, 2, "State forces-Rebel group"), (2, 1, "State forces-Rebel group"), (3, 7, "Political militia-Civilians"),
    (6, None, "Protesters only"), (4, 4, "Identity militia-Identity militia"), (None, 2, ""),
])
def test_interaction_in_words_orders_the_types_by_their_codes(i1: Any, i2: Any, words: str) -> None:
    assert interaction_label(i1, i2) == words


def test_acled_csv_holds_only_the_codebooks_event_types() -> None:
    lines = [_line(1), _line(2, event_type=None, sub_event_type=None),
             _line(3, event_type="Battles", sub_event_type="Air/drone strike")]      # a pair the codebook never makes
    reasons: dict[str, int] = {}
    buf = io.StringIO()
    assert export_counts(lines, "acled-csv", out=buf, reasons=reasons) == (1, 2)
    assert reasons == {NO_ACLED_TYPE: 2}
    row = next(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (row["event_type"], row["sub_event_type"], row["disorder_type"]) == ("Battles", "Armed clash",
                                                                                "Political violence")
    assert disorder_type("Battles", "Air/drone strike") == ""
    assert export(lines, "geojson", out=io.StringIO()) == 3, "the flat formats keep every line"


def _parquet(lines: list[dict[str, Any]], path: Path) -> Any:
    pq = pytest.importorskip("pyarrow.parquet")
    export(lines, "parquet", path=str(path))
    return pq.read_table(path)


def test_parquet_is_geoparquet_with_a_wkb_point_per_placed_line(tmp_path: Path) -> None:
    t = _parquet([_line(1), _line(2, latitude=None, longitude=None)], tmp_path / "x.parquet")
    geo = json.loads(t.schema.metadata[b"geo"])
    assert geo["primary_column"] == "geometry" and geo["columns"]["geometry"]["encoding"] == "WKB"
    assert "crs" not in geo["columns"]["geometry"], "no crs member: GeoParquet reads OGC:CRS84 (longitude, latitude)"
    wkb = t.column("geometry").to_pylist()
    assert wkb[1] is None and len(wkb[0]) == 21 and wkb[0][:5] == b"\x01\x01\x00\x00\x00"
    gpd = pytest.importorskip("geopandas")
    gdf = gpd.read_parquet(tmp_path / "x.parquet")
    assert gdf.geometry.iloc[0].x == pytest.approx(37.1) and gdf.geometry.iloc[0].y == pytest.approx(35.01)
    assert gdf.geometry.iloc[1] is None


def test_parquet_counts_read_as_nullable_integers_in_pandas_and_an_empty_export_has_the_same_schema(
        tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    full = _parquet([_line(1), _line(2, fatalities=None, killed=dict(_EMPTY))], tmp_path / "full.parquet")
    empty = _parquet([], tmp_path / "empty.parquet")
    assert full.schema == empty.schema and full.schema.metadata == empty.schema.metadata
    df = pd.read_parquet(tmp_path / "full.parquet")
    for col in ("fatalities", "killed_total_best", "time_precision", "n_reports"):
        assert str(df[col].dtype) == "Int64", (col, df[col].dtype)
    assert df["fatalities"].tolist()[0] == 1 and pd.isna(df["fatalities"].tolist()[1])
    assert str(df["latitude"].dtype) == "float64"


def test_parquet_place_guess_reads_as_a_nullable_boolean_when_a_line_has_no_point(tmp_path: Path) -> None:
    # ledger19's audit: a line with no point has no place_guess, and pandas read the column as Python objects
    pd = pytest.importorskip("pandas")
    _parquet([_line(1), _line(2, latitude=None, longitude=None)], tmp_path / "x.parquet")
    df = pd.read_parquet(tmp_path / "x.parquet")
    assert str(df["place_guess"].dtype) == "boolean", df["place_guess"].dtype
    assert df["place_guess"].tolist()[0] is False and pd.isna(df["place_guess"].tolist()[1])


def test_jsonl_is_standard_json_even_for_a_broken_point() -> None:
    buf = io.StringIO()
    export([_line(1), _line(2, latitude=float("nan"), longitude=float("inf"))], "jsonl", out=buf)
    strict = [json.loads(x, parse_constant=lambda c: pytest.fail(f"{c} is no JSON"))
              for x in buf.getvalue().splitlines()]
    assert strict[0]["latitude"] == 35.01 and (strict[1]["latitude"], strict[1]["longitude"]) == (None, None)
    assert strict[1]["fatalities"] == 2, "the rest of the line as it is"
