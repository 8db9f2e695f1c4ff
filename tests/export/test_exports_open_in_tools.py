"""The exports open in the tools analysts use: pandas reads the ACLED CSV with ACLED's column types (no float years,
no "nan" strings), Excel reads its Arabic (a UTF-8 BOM in files and downloads), GeoJSON is RFC 7946 JSON (longitude
first, no NaN), pyarrow reads typed Parquet columns, and the UCDP GED CSV keeps GED's identities.

Ledger lines written by hand: invented places, names and numbers."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from warledger.export import export, export_bytes_iter, export_counts
from warledger.export.acled import acled_pieces

BOM = b"\xef\xbb\xbf"
_EMPTY = {c: None for c in ("total", "civilians", "children", "women", "men", "fighters")}


def _line(n: int, **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "incident_id": f"inc-{n:04x}5e6f7a8b9c0d11", "kind": "incident", "event_date": "2022-04-0%d" % (n % 9 + 1),
        "date_range": None, "time_precision": 1, "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "weapon": "artillery",
        "actor1": "Military Forces of Syria (2000-)", "actor2": "Civilians (Syria)", "location": "تل الورد",
        "place_phrase": "قرية تل الورد", "admin1": "Hama", "admin2": "Masyaf", "admin3": None, "country": "Syria",
        "latitude": 35.07 + n / 100, "longitude": 36.31, "geo_precision": 1, "where_prec": 1, "strikes": None,
        "killed": dict(_EMPTY, total={"low": n, "best": n, "high": n}, civilians={"low": n, "best": n, "high": n}),
        "injured": dict(_EMPTY), "killed_groups": [], "injured_groups": [], "damage": [], "fatalities": n,
        "evidence": [], "problems": [], "reports": [f"r{n}"],
        "per_report": [{"report_id": f"r{n}", "source": "مرصد الاختبار"}],
    }
    base.update(kw)
    return base


def _ledger() -> list[dict[str, Any]]:
    lines = [_line(i) for i in range(1, 6)]
    lines.append(_line(6, event_date=None, date_range=["2022-04-02", "2022-04-06"], time_precision=2))
    lines.append(_line(7, event_date=None, date_range=None, time_precision=None))           # no date at all
    lines.append(_line(8, latitude=None, longitude=None, geo_precision=None, location=None))  # not geocoded
    lines.append(_line(9, latitude=float("nan"), longitude=36.3))                            # a broken point
    return lines


@pytest.mark.parametrize("fmt", ["acled-csv", "ucdp-csv"])
def test_csv_tables_hold_only_dated_placed_lines_and_say_how_many_were_left_out(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    assert export_counts(_ledger(), fmt, path=str(path)) == (6, 3)
    assert path.read_bytes().startswith(BOM), "Excel reads a CSV as UTF-8 only after a BOM"
    assert b"".join(export_bytes_iter(_ledger(), fmt)) == path.read_bytes()


def test_acled_csv_reads_in_pandas_with_acled_types_and_keeps_arabic(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    path = tmp_path / "acled.csv"
    export(_ledger(), "acled-csv", path=str(path))
    df = pd.read_csv(path, parse_dates=["event_date"], date_format="%Y-%m-%d")
    assert list(df.columns)[0] == "event_id_cnty", "the BOM is no part of the first column's name"
    for col in ("year", "time_precision", "geo_precision", "fatalities", "iso", "timestamp"):
        assert str(df[col].dtype) == "int64", (col, df[col].dtype)
    assert str(df["latitude"].dtype) == str(df["longitude"].dtype) == "float64"
    assert str(df["event_date"].dtype).startswith("datetime64") and df["event_date"].notna().all()
    assert set(df["location"]) == {"تل الورد"}
    cells = [c for row in csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"))) for c in row]
    assert not {"nan", "NaN", "None", "null", "NaT"} & set(cells), "an unknown value is an empty cell"


def test_geojson_is_rfc7946_json_with_no_nan(tmp_path: Path) -> None:
    path = tmp_path / "x.geojson"
    export(_ledger(), "geojson", path=str(path))

    def no_constant(name: str) -> None:
        raise AssertionError(f"{name} is not JSON (RFC 8259)")

    doc = json.loads(path.read_text(encoding="utf-8"), parse_constant=no_constant)
    feats = {f["id"]: f for f in doc["features"]}
    assert doc["type"] == "FeatureCollection" and len(feats) == 9, "GeoJSON keeps every line"
    lon, lat = feats[_line(1)["incident_id"]]["geometry"]["coordinates"]
    assert (lon, lat) == (36.31, 35.08), "longitude first"
    broken = feats[_line(9)["incident_id"]]
    assert broken["geometry"] is None and broken["properties"]["latitude"] is None
    assert feats[_line(8)["incident_id"]]["geometry"] is None
    for f in doc["features"]:
        if f["geometry"] is not None:
            x, y = f["geometry"]["coordinates"]
            assert -180 <= x <= 180 and -90 <= y <= 90


def test_parquet_columns_have_types_pyarrow_reads(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "x.parquet"
    assert export(_ledger(), "parquet", path=str(path)) == 9
    table = pq.read_table(path)
    schema = table.schema
    assert schema.field("event_date").type == pa.date32() and schema.field("date_start").type == pa.date32()
    assert schema.field("fatalities").type == pa.int64() and schema.field("latitude").type == pa.float64()
    rows = {r["incident_id"]: r for r in table.to_pylist()}
    assert str(rows[_line(6)["incident_id"]]["event_date"]) == "2022-04-04"
    assert rows[_line(9)["incident_id"]]["latitude"] is None


def test_ucdp_csv_keeps_ged_identities(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    path = tmp_path / "ged.csv"
    export(_ledger(), "ucdp-csv", path=str(path))
    df = pd.read_csv(path)
    assert str(df["id"].dtype) == "int64" and df["id"].is_unique
    assert (df["best"] == df[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].sum(axis=1)).all()
    assert ((df["low"] <= df["best"]) & (df["best"] <= df["high"])).all() and df["best"].notna().all()
    assert str(df["year"].dtype) == "int64" and str(df["latitude"].dtype) == "float64"
    assert (df["date_prec"] > 1).sum() == 1 and (df["date_start"] < df["date_end"]).sum() == 1


def test_the_cli_says_how_many_lines_a_table_left_out(tmp_path: Path) -> None:
    from warledger.store import Ledger

    db = str(tmp_path / "l.db")
    with Ledger(db):
        pass  # an empty ledger: nothing to leave out, and no message
    out = tmp_path / "a.csv"
    proc = subprocess.run([sys.executable, "-m", "warledger.cli", "export", "--db", db, "--format", "acled-csv",
                           "--out", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0 and "W-EXPORT-LEFT-OUT" not in proc.stderr
    assert out.read_bytes().startswith(BOM + b"event_id_cnty,")
    buf = io.StringIO()
    assert export(_ledger(), "acled-csv", out=buf) == 6 and not buf.getvalue().startswith("\ufeff")


def test_ged_holds_organized_violence_only_and_says_what_it_left_out(tmp_path: Path) -> None:
    # a protest, a riot and a non-violent development are no GED events (GED: organized violence); ACLED keeps them
    lines = [_line(1), _line(2, event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Syria)",
                                actor2=None, fatalities=0),
             _line(3, event_type="Riots", sub_event_type="Mob violence", actor1="Rioters (Syria)"),
             _line(4, event_type="Strategic developments", sub_event_type="Change to group/activity"),
             _line(5, event_date=None, time_precision=None)]
    reasons: dict[str, int] = {}
    buf = io.StringIO()
    assert export_counts(lines, "ucdp-csv", out=buf, reasons=reasons) == (1, 4)
    assert sorted(reasons.values()) == [1, 3] and any("organized violence" in why and n == 3 for why, n in reasons.items())
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["type_of_violence"] for r in rows] == ["3"]  # the shelling of civilians: one-sided
    assert export_counts(lines, "acled-csv", out=io.StringIO()) == (4, 1)


def test_the_cli_names_each_reason_a_line_was_left_out(tmp_path: Path) -> None:
    from warledger.store import Ledger

    db = str(tmp_path / "l.db")
    with Ledger(db) as ledger:
        ledger.ingest([
            {"id": "a", "published": "2022-03-02",
             "text": "Warplanes struck the village of Kafranbel in Idlib on 1 March 2022, killing four civilians."},
            {"id": "b", "published": "2022-03-02",
             "text": "Hundreds of people demonstrated peacefully in the city of Idlib on 1 March 2022 against price rises."},
        ])
    proc = subprocess.run([sys.executable, "-m", "warledger.cli", "export", "--db", db, "--format", "ucdp-csv",
                           "--out", str(tmp_path / "g.csv")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "W-EXPORT-LEFT-OUT: 1 incident outside GED's scope (protests, riots and strategic developments" in proc.stderr


def test_an_unnamed_actor1_is_written_as_acled_writes_an_unknown_one() -> None:
    # ACLED's actor1, inter1 and interaction are never empty: an empty cell makes pandas read the column as floats
    lines = [_line(1, actor1=None), _line(2, actor1=None, actor2=None, event_type="Protests",
                                          sub_event_type="Peaceful protest"),
             _line(3, actor1=None, country=None, actor2=None)]
    rows = list(csv.DictReader(io.StringIO("".join(acled_pieces(lines)))))
    assert [(r["actor1"], r["inter1"], r["interaction"]) for r in rows] == [
        ("Unidentified Armed Group (Syria)", "Political militia", "Political militia-Civilians"),
        ("Protesters (Syria)", "Protesters", "Protesters only"), ("Unidentified Armed Group", "Political militia",
                                                                   "Political militia only")]
    assert rows[0]["notes"].startswith("On ") and "Unidentified Armed Group (Syria): " in rows[0]["notes"]
    assert [r["inter2"] for r in rows] == ["Civilians", "", ""], "ACLED's inter2 is empty with no second actor"
