"""Gazetteer sources, the index cache, the geocode CLI, gazetteer install, geocode_report."""
from __future__ import annotations

import functools
import http.server
import json
import threading
import time
import zipfile
from pathlib import Path

import pytest

from warledger.cli import main
from warledger.geocode import Geocoder, geocode_report
from warledger.geocode.gazetteer import build_index, load_index, open_gazetteer
from warledger.geocode.sources import detect
from warledger.record import Incident, Place, Report

# Two invented villages in GeoNames' 19-column layout (admin1 code 12 = Idlib, 10 = Hama).
GEONAMES = (
    "9000001\tTell Zaytun\tTell Zaytun\tTall Zaytun,تل زيتون\t35.70\t36.60\tP\tPPL\tSY\t\t12\t\t\t\t800\t\t300\tAsia/Damascus\t2020-01-01\n"
    "9000002\tKhirbet Nasr\tKhirbet Nasr\t\t35.20\t36.70\tP\tPPL\tSY\t\t10\t\t\t\t0\t\t300\tAsia/Damascus\t2020-01-01\n"
)
# One invented sub-district square around Tell Zaytun.
OCHA = {"type": "FeatureCollection", "features": [{
    "type": "Feature",
    "properties": {"adm3_name": "Wadi Test", "adm3_name1": "وادي تست", "adm2_name": "Ariha", "adm1_name": "Idleb",
                   "adm0_pcode": "SY", "center_lat": 35.7, "center_lon": 36.6},
    "geometry": {"type": "Polygon", "coordinates": [[[36.5, 35.6], [36.7, 35.6], [36.7, 35.8], [36.5, 35.8], [36.5, 35.6]]]},
}]}


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    p = tmp_path / "SY.txt"
    p.write_text(GEONAMES, encoding="utf-8")
    return p


def test_detect_formats(tmp_path: Path, dump: Path, fixture_index: Path) -> None:
    ocha = tmp_path / "a.geojson"
    ocha.write_text(json.dumps(OCHA))
    acled = tmp_path / "acled.csv"
    acled.write_text("event_id_cnty,location,latitude,longitude,admin1,admin2,admin3\nX1,Tell Zaytun,35.7,36.6,Idleb,Ariha,Wadi Test\n")
    assert detect(str(dump)) == "geonames"
    assert detect(str(ocha)) == "ocha"
    assert detect(str(acled)) == "acled"
    assert detect(str(fixture_index)) == "index"
    points = tmp_path / "points.csv"
    points.write_text("admin_leve,name,name1,adm3_name,adm2_name,adm1_name,lon,lat\n"
                      "4,Tell Zaytun,تل زيتون,Wadi Test,Ariha,Idleb,36.6,35.7\n", encoding="utf-8")
    assert detect(str(points)) == "ocha_points"
    out = tmp_path / "p.sqlite"
    build_index([str(points)], str(out), include_cities=False)
    r = Geocoder(load_index(str(out))).resolution("تل زيتون")
    assert (r.location, r.admin1, r.admin3) == ("Tell Zaytun", "Idleb", "Wadi Test")
    bad = tmp_path / "bad.txt"
    bad.write_text("hello world\n")
    with pytest.raises(Exception, match="not a recognised gazetteer"):
        detect(str(bad))


def test_geonames_and_ocha_fill_admin_units(tmp_path: Path, dump: Path) -> None:
    ocha = tmp_path / "adm3.geojson"
    ocha.write_text(json.dumps(OCHA))
    out = tmp_path / "idx.sqlite"
    t = time.perf_counter()
    build_index([str(dump), str(ocha)], str(out), include_cities=False)
    assert time.perf_counter() - t < 10
    g = Geocoder(load_index(str(out)))
    r = g.resolution("Tall Zaytun")
    assert (r.admin1, r.admin2, r.admin3) == ("Idleb", "Ariha", "Wadi Test")  # from the polygon
    assert g.resolution("تل زيتون").location == "Tell Zaytun"  # alternate name
    r = g.resolution("Khirbet Nasr")
    assert r.admin1 == "Hama"  # from GeoNames' admin1 code


def test_source_is_cached(tmp_path: Path, dump: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path / "cache"))
    g1 = open_gazetteer(str(dump))
    files = list((tmp_path / "cache").rglob("*.sqlite"))
    assert len(files) == 1
    mtime = files[0].stat().st_mtime_ns
    g2 = open_gazetteer(str(dump))
    assert files[0].stat().st_mtime_ns == mtime and len(g1) == len(g2)


def test_geocode_cli_jsonl(tmp_path: Path, fixture_index: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inp = tmp_path / "places.jsonl"
    inp.write_text(
        json.dumps({"id": "p1", "place": "Jabbala village in the southern countryside of Idlib"}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "p3", "place": "Zzyzx Qwerty"}) + "\n"
        + json.dumps({"id": "p4", "place": "Khirbet Wardan", "governorate": "Idlib"}) + "\n", encoding="utf-8")
    assert main(["geocode", "--input", str(inp), "--format", "jsonl", "--gazetteer", str(fixture_index)]) == 0
    cap = capsys.readouterr()
    assert "places.jsonl line 2" in cap.err
    rows = [json.loads(x) for x in cap.out.splitlines()]
    assert [r["id"] for r in rows] == ["p1", "p3", "p4"]
    assert rows[0]["location"] == "Jbala" and rows[0]["geo_precision"] == 1
    assert set(rows[0]) >= {"id", "location", "admin1", "admin2", "admin3", "latitude", "longitude", "geo_precision", "problems"}
    assert rows[1]["latitude"] is None and rows[1]["problems"]
    assert rows[2]["admin1"] == "Idleb" and rows[2]["geo_precision"] == 3


def test_gazetteer_build_and_install(tmp_path: Path, dump: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "built.sqlite"
    assert main(["gazetteer", "build", str(dump), "--out", str(out)]) == 0
    assert detect(str(out)) == "index"
    serve = tmp_path / "www"
    serve.mkdir()
    with zipfile.ZipFile(serve / "SY.zip", "w") as zf:
        zf.writestr("SY.txt", GEONAMES)
        zf.writestr("readme.txt", "test dump")
    with zipfile.ZipFile(serve / "XX.zip", "w") as zf:
        zf.writestr("readme.txt", "no dump here")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(serve))
    handler.log_message = lambda *a, **k: None  # type: ignore[attr-defined]
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/{{country}}.zip"
        idx = tmp_path / "sy.sqlite"
        assert main(["gazetteer", "install", "SY", "--url", url, "--out", str(idx)]) == 0
        g = Geocoder(load_index(str(idx)))
        assert g.resolution("Tell Zaytun").admin1 == "Idleb"
        assert main(["gazetteer", "install", "XX", "--url", url, "--out", str(tmp_path / "xx.sqlite")]) == 1
        assert "holds no XX.txt" in capsys.readouterr().err
    finally:
        httpd.shutdown()


def test_geocode_report_fills_places_and_survives_a_bad_one(geocoder: Geocoder) -> None:
    text = "Warplanes struck Tell Safra near Harim. Later, shelling hit a village in the countryside of Hama."
    rep = Report(id="r1", text=text)
    good = Incident(place=Place(phrase="Tell Safra near Harim"))
    no_phrase = Incident(span=(40, len(text)))
    weird = Incident(place=Place(phrase="\x00\x00"))
    rep.incidents = [good, weird, no_phrase]
    geocode_report(rep, geocoder)
    assert good.place.admin2 == "Harim" and good.place.geo_precision == 1 and good.place.where_prec == 1
    assert weird.place.latitude is None and weird.problems
    assert no_phrase.place.admin1 == "Hama" and no_phrase.place.geo_precision == 3


def test_gazetteer_name_in_the_text_when_no_phrase_was_extracted(geocoder: Geocoder) -> None:
    text = ("Fighters of the Martyrs Brigade clashed with government troops near Tell Safra close to Harim. "
            "Regime forces advanced on Zzyzx after clashes with the Free Army near Kafr Nabl.")
    rep = Report(id="r2", text=text)
    first = Incident(span=(0, text.index("Regime")))
    second = Incident(span=(text.index("Regime"), len(text)), place=Place(phrase="Zzyzx"))
    rep.incidents = [first, second]
    geocode_report(rep, geocoder)
    assert first.place.location == "Tell Safra" and first.place.admin2 == "Harim"  # not "Martyrs Brigade"
    ev = [e for e in first.evidence if e.field == "location"]
    assert ev and text[ev[0].start:ev[0].end] == "Tell Safra"
    assert any("gazetteer look-up" in p for p in first.problems)
    assert second.place.location == "Kafr Nabl"  # the phrase is unknown: the town named in the text
    assert any("Zzyzx" in p and "Kafr Nabl" in p for p in second.problems)
    assert not any("ambiguous" in p for p in first.problems)  # "close to Harim" chose the Tell Safra


def test_bench_runs_on_a_small_synthetic_index() -> None:
    from warledger.geocode.bench import run

    r = run(places=2000, phrases=300)
    assert r["places"] == 2000 and r["lookups"] > 200 and r["lookups_per_s"] > 0 and r["build_s"] < 30


def test_admin_level_phrase_refined_by_a_village_in_the_text(geocoder: Geocoder) -> None:
    text = "Government troops took control of Kafr Nabl village after clashes in the Idlib countryside."
    inc = Incident(span=(0, len(text)), place=Place(phrase="the Idlib countryside", governorate="Idlib"))
    other = Incident(span=(0, len(text)), place=Place(phrase="Hama countryside", governorate="Hama"))
    geocode_report(Report(id="r3", text=text, incidents=[inc, other]), geocoder)
    assert inc.place.location == "Kafr Nabl" and inc.place.geo_precision == 1
    assert any("Kafr Nabl" in p for p in inc.problems)
    # a village of another governorate never replaces the governorate the phrase names
    assert other.place.admin1 == "Hama" and other.place.geo_precision == 3


def test_governorate_the_text_names_when_the_implied_one_finds_nothing(geocoder: Geocoder) -> None:
    text = "Shelling hit Kafr Nabl village in Idlib province."
    inc = Incident(span=(0, len(text)), place=Place(phrase="Kafr Nabl village", governorate="Hama"))
    keep = Incident(span=(0, len(text)), place=Place(phrase="Naqir", governorate="Hama"))
    geocode_report(Report(id="r4", text=text, incidents=[inc, keep]), geocoder)
    assert inc.place.location == "Kafr Nabl" and inc.place.admin1 == "Idleb"
    assert keep.place.location == "Naqir" and keep.place.admin1 == "Hama"  # found where extraction said
