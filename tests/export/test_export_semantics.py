"""What the exports' values mean: representative dates for ranges, ACLED actor periods, no made-up country,
UCDP GED's identities, CSV injection, review columns, and the exporter registry.

Ledger lines are written by hand (invented places, groups and numbers)."""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path
from typing import Any, Optional

import pytest

from warledger.errors import InputError
from warledger.export import EXPORTERS, FORMATS, export, export_bytes_iter
from warledger.export.naming import period_name
from warledger.record import representative_date

SYRIA = "Military Forces of Syria (2000-)"
ISRAEL = "Military Forces of Israel (2022-)"


def line(n: int, **kw: Any) -> dict[str, Any]:
    """A ledger line with the fields the exports read; ``kw`` overrides them."""
    base: dict[str, Any] = {
        "incident_id": f"inc-{n:04x}0a1b2c3d4e5f60", "kind": "incident", "event_date": "2021-03-04",
        "date_range": ["2021-03-04", "2021-03-04"], "time_precision": 1, "event_type": "Battles",
        "sub_event_type": "Armed clash", "weapon": None, "actor1": SYRIA, "actor2": "Opposition Rebels (Syria)",
        "location": "Tell Zaytun", "place_phrase": "Tell Zaytun village", "admin1": "Hama", "admin2": "Suqaylabiyah",
        "admin3": "Zaytun", "country": "Syria", "latitude": 35.41, "longitude": 36.38, "geo_precision": 1,
        "where_prec": 1, "strikes": None,
        "killed": {c: None for c in ("total", "civilians", "children", "women", "men", "fighters")},
        "injured": {c: None for c in ("total", "civilians", "children", "women", "men", "fighters")},
        "killed_groups": [], "injured_groups": [], "damage": [], "fatalities": None, "evidence": [],
        "problems": [], "reports": [f"r{n}"], "per_report": [{"report_id": f"r{n}", "source": "Invented Monitor"}],
    }
    base.update(kw)
    return base


def r(n: int) -> dict[str, int]:
    return {"low": n, "best": n, "high": n}


def rows(lines: list[dict[str, Any]], fmt: str) -> list[dict[str, str]]:
    buf = io.StringIO()
    assert export(lines, fmt, out=buf) == len(lines)
    return list(csv.DictReader(io.StringIO(buf.getvalue())))


# ---------------------------------------------------------------- representative dates

@pytest.mark.parametrize("event_date, rng, expected", [
    (None, ["2019-11-02", "2019-11-07"], ("2019-11-04", 2)),      # six days: the earlier middle day, a week
    (None, ["2019-11-01", "2019-11-07"], ("2019-11-04", 2)),      # seven days: still "a week"
    (None, ["2019-11-01", "2019-11-30"], ("2019-11-15", 3)),      # a month: its 15th, precision 3
    (None, ["2019-11-07", "2019-11-02"], ("2019-11-04", 2)),      # ends given backwards
    ("2019-11-06", ["2019-11-02", "2019-11-07"], ("2019-11-06", 2)),   # a named day inside is kept
    ("2019-12-20", ["2019-11-02", "2019-11-07"], ("2019-11-04", 2)),   # a day outside yields to the range
    ("2019-11-05", ["2019-11-05", "2019-11-05"], ("2019-11-05", 1)),
    ("2019-11-05", None, ("2019-11-05", 1)),
    (None, ["2019-11-02", None], (None, None)),                   # half a range: no day made up
    (None, None, (None, None)),
])
def test_representative_date(event_date: Optional[str], rng: Optional[list[Any]],
                             expected: tuple[Optional[str], Optional[int]]) -> None:
    assert representative_date(event_date, rng) == expected


def test_range_incidents_get_an_acled_date_pandas_can_parse() -> None:
    pd = pytest.importorskip("pandas")
    lines = [line(i, event_date=None, date_range=["2019-11-02", "2019-11-07"], time_precision=2) for i in range(3)]
    lines.append(line(9, event_date=None, date_range=["2019-10-01", "2019-10-31"], time_precision=None))
    buf = io.StringIO()
    export(lines, "acled-csv", out=buf)
    df = pd.read_csv(io.StringIO(buf.getvalue()), parse_dates=["event_date"], date_format="%Y-%m-%d")
    assert df["event_date"].notna().all()
    assert list(df["event_date"].dt.date) == [date(2019, 11, 4)] * 3 + [date(2019, 10, 16)]
    assert list(df["year"]) == [2019] * 4 and list(df["time_precision"]) == [2, 2, 2, 3]
    assert df["notes"][0].startswith("Between 2 November 2019 and 7 November 2019, ")


def test_flat_formats_keep_the_range_and_add_the_representative_date() -> None:
    lines = [line(1, event_date=None, date_range=["2019-11-02", "2019-11-07"], time_precision=2)]
    props = json.loads("".join(_text(lines, "geojson")))["features"][0]["properties"]
    assert (props["event_date"], props["date_start"], props["date_end"], props["time_precision"]) == (
        "2019-11-04", "2019-11-02", "2019-11-07", 2)


def _text(lines: list[dict[str, Any]], fmt: str) -> str:
    buf = io.StringIO()
    export(lines, fmt, out=buf)
    return buf.getvalue()


# ---------------------------------------------------------------- ACLED values

@pytest.mark.parametrize("actor, day, expected", [
    (ISRAEL, date(2020, 5, 3), "Military Forces of Israel (2009-2021)"),
    (ISRAEL, date(2021, 8, 1), "Military Forces of Israel (2021-2022)"),
    (ISRAEL, date(2023, 2, 1), ISRAEL),
    ("Military Forces of Israel (2009-2021) Air Force", date(2023, 2, 1), "Military Forces of Israel (2022-) Air Force"),
    ("Police Forces of Israel (2022-)", date(2020, 1, 9), "Police Forces of Israel (2009-2021)"),
    ("Military Forces of the United States (2021-)", date(2018, 6, 1), "Military Forces of the United States (2017-2021)"),
    ("Military Forces of Iraq (2020-)", date(2023, 6, 1), "Military Forces of Iraq (2022-)"),
    (ISRAEL, None, ISRAEL),                                   # no date: nothing to choose by
    (ISRAEL, date(2001, 1, 1), "Military Forces of Israel"),   # no known period contains it, and "(2022-)" cannot: none
    ("HTS: Hayat Tahrir al Sham", date(2020, 1, 1), "HTS: Hayat Tahrir al Sham"),
])
def test_state_forces_take_the_period_of_the_event_date(actor: str, day: Optional[date], expected: str) -> None:
    assert period_name(actor, day) == expected


def test_acled_rows_carry_the_period_assoc_actors_admin3_scale_and_no_internal_tags() -> None:
    lines = [line(1, event_date="2020-05-03", date_range=["2020-05-03", "2020-05-03"], actor1=ISRAEL,
                  assoc_actor_1=["Military Forces of Israel (2022-) Air Force"], assoc_actor_2="Invented Hill Brigade",
                  per_report=[{"report_id": "r1", "source": "Paper A", "source_scale": "National"},
                              {"report_id": "r2", "source": "Paper B", "source_scale": "Regional"}],
                  reports=["r1", "r2"], problems=["an internal note"])]
    row = rows(lines, "acled-csv")[0]
    assert row["actor1"] == "Military Forces of Israel (2009-2021)"
    assert row["notes"].startswith("On 3 May 2020, Military Forces of Israel (2009-2021): armed clash")
    assert row["assoc_actor_1"] == "Military Forces of Israel (2009-2021) Air Force"
    assert row["assoc_actor_2"] == "Invented Hill Brigade"
    assert row["admin3"] == "Zaytun" and row["source_scale"] == "National-Regional"
    assert row["tags"] == "" and "Fatalities unknown." in row["notes"] and row["fatalities"] == "0"


def test_no_country_means_empty_country_columns_not_syria() -> None:
    row = rows([line(1, country=None)], "acled-csv")[0]
    assert (row["country"], row["iso"], row["region"]) == ("", "", "")
    assert row["event_id_cnty"].startswith("XXX") and row["event_id_cnty"][3:].isdigit()
    assert row["inter1"] == "" and row["inter2"] == "Rebel group"     # domestic or foreign forces: unknown here
    assert row["interaction"] == ""
    ged = rows([line(1, country=None, fatalities=1)], "ucdp-csv")[0]
    assert (ged["country"], ged["country_id"], ged["region"]) == ("", "", "")
    iraq = rows([line(2, country="Iraq", actor1="Military Forces of Iraq (2022-)")], "acled-csv")[0]
    assert (iraq["iso"], iraq["region"], iraq["inter1"], iraq["event_id_cnty"][:3]) == (
        "368", "Middle East", "State forces", "IRQ")


@pytest.mark.parametrize("event_type, sub_event_type, disorder", [
    ("Battles", "Armed clash", "Political violence"),
    ("Riots", "Mob violence", "Political violence"),                  # a mob's attack is political violence
    ("Riots", "Violent demonstration", "Demonstrations"),
    ("Protests", "Excessive force against protesters", "Political violence; Demonstrations"),   # both
    ("Protests", "Peaceful protest", "Demonstrations"),
    ("Strategic developments", "Arrests", "Strategic developments"),
])
def test_acled_disorder_type_follows_the_sub_event_type(event_type: str, sub_event_type: str, disorder: str) -> None:
    row = rows([line(1, event_type=event_type, sub_event_type=sub_event_type)], "acled-csv")[0]
    assert row["disorder_type"] == disorder


# ---------------------------------------------------------------- CSV injection

@pytest.mark.parametrize("fmt", ["acled-csv", "ucdp-csv"])
def test_csv_cells_that_start_a_formula_are_neutralised(fmt: str) -> None:
    lines = [line(1, location="=HYPERLINK(\"http://example.invalid\")", actor2="+Invented Front",
                  admin1="-2+3", admin2="@SUM(A1)", per_report=[{"report_id": "r1", "source": "\tTabbed"}],
                  latitude=-12.5, longitude=-36.25, fatalities=1)]
    row = rows(lines, fmt)[0]
    text = "\n".join(row.values())
    for bad in ("=HYPERLINK", "+Invented Front", "-2+3", "@SUM(A1)", "\tTabbed"):
        assert "'" + bad in text, f"{bad!r} not neutralised in {fmt}"
        assert not any(v.startswith(bad) for v in row.values())
    assert float(row["latitude"]) == -12.5 and float(row["longitude"]) == -36.25   # numbers stay numbers


# ---------------------------------------------------------------- UCDP GED

def ged(lines: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = rows(lines, "ucdp-csv")
    for g in out:       # GED's identities, on every row
        parts = sum(int(g[c]) for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"))
        assert int(g["best"]) == parts and int(g["low"]) <= int(g["best"]) <= int(g["high"]), g
        assert str(int(g["id"])) == g["id"] and int(g["id"]) < 2 ** 53
        start, end = date.fromisoformat(g["date_start"]), date.fromisoformat(g["date_end"])
        assert (g["date_prec"] == "1") == (start == end)
    return out


def test_government_is_side_a_and_fighters_go_to_the_side_named() -> None:
    lines = [
        # rebels attack; 5 regime soldiers killed (the count's words name them) and 2 rebels (a killed group)
        line(1, actor1="Opposition Rebels (Syria)", actor2=SYRIA, fatalities=7,
             killed={"total": r(7), "civilians": None, "fighters": r(7)},
             killed_groups=[{"group": "Opposition Rebels", "count": r(2)}],
             evidence=[{"field": "killed.fighters", "text": "five regime soldiers"}]),
        # fighters of a brigade neither side is: unknown, never side B
        line(2, actor1=SYRIA, actor2="HTS: Hayat Tahrir al Sham", fatalities=4,
             killed={"total": None, "civilians": None, "fighters": r(4)},
             killed_groups=[{"group": "Harbour Battalion", "count": r(4)}]),
        # a group named by its acronym
        line(3, actor1=SYRIA, actor2="HTS: Hayat Tahrir al Sham", fatalities=3,
             killed={"total": None, "civilians": None, "fighters": r(3)},
             killed_groups=[{"group": "HTS", "count": r(3)}]),
        # fighters whose side nothing names
        line(4, actor1=SYRIA, actor2="HTS: Hayat Tahrir al Sham", fatalities=2,
             killed={"total": None, "civilians": None, "fighters": r(2)},
             evidence=[{"field": "killed.fighters", "text": "two fighters"}]),
    ]
    g = ged(lines)
    assert [x["type_of_violence"] for x in g] == ["1"] * 4
    assert g[0]["side_a"] == "Government of Syria" and g[0]["side_b"] == "Opposition Rebels (Syria)"
    assert g[0]["dyad_name"] == "Government of Syria - Opposition Rebels (Syria)"
    assert (g[0]["gwnoa"], g[0]["gwnob"], g[0]["country_id"]) == ("652", "", "652")
    assert (g[0]["deaths_a"], g[0]["deaths_b"], g[0]["deaths_unknown"]) == ("5", "2", "0")
    assert (g[1]["deaths_a"], g[1]["deaths_b"], g[1]["deaths_unknown"]) == ("0", "0", "4")
    assert (g[2]["deaths_a"], g[2]["deaths_b"], g[2]["deaths_unknown"]) == ("0", "3", "0")
    assert (g[3]["deaths_a"], g[3]["deaths_b"], g[3]["deaths_unknown"]) == ("0", "0", "2")


def test_best_low_high_always_present_and_consistent() -> None:
    lines = [
        line(3, fatalities=7, killed={"total": {"low": 5, "best": 7, "high": 9}, "civilians": r(3)}),
        line(4, fatalities=5, killed={"total": r(5), "civilians": r(4), "fighters": r(3)},   # parts exceed total
             killed_groups=[{"group": "HTS", "count": r(3)}], actor2="HTS: Hayat Tahrir al Sham"),
        line(5, fatalities=6, killed={"total": {"low": 6, "best": None, "high": None}}),
        line(6, fatalities=0, killed={"total": {"low": 0, "best": 0, "high": 2}}),      # deaths uncertain: kept
    ]
    g = ged(lines)
    cols = ("low", "best", "high", "deaths_civilians", "deaths_a", "deaths_b", "deaths_unknown")
    assert [tuple(x[c] for c in cols) for x in g] == [
        ("5", "7", "9", "3", "0", "0", "4"),
        ("5", "5", "5", "4", "0", "1", "0"),
        ("6", "6", "6", "0", "0", "0", "6"),
        ("0", "0", "2", "0", "0", "0", "0"),
    ]


def test_ged_holds_lethal_events_between_known_sides_only() -> None:
    """A GED event killed at least one person and has two known sides (or a perpetrator and civilians): a line
    with no death reported, or with one side nobody names, is left out and counted, never written as a row."""
    from warledger.export import export_counts

    lines = [line(1, fatalities=None),                                   # no figure, no killed range
             line(2, fatalities=0, killed={"total": r(0)}),              # none killed
             line(3, fatalities=2, actor2=None),                         # state-based, no opponent named
             line(4, fatalities=3, actor1=None, actor2="Civilians (Syria)",
                  event_type="Violence against civilians", sub_event_type="Attack"),   # no perpetrator
             line(5, fatalities=1)]
    buf = io.StringIO()
    reasons: dict[str, int] = {}
    n, left_out = export_counts(lines, "ucdp-csv", out=buf, reasons=reasons)
    got = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert (n, left_out) == (1, 4) and [g["id"] for g in got] == [str(int("00050a1b2c3d", 16))]
    assert sorted(reasons.values()) == [2, 2] and any("no death" in k for k in reasons)
    assert any("side unknown" in k for k in reasons)
    assert len(rows(lines, "acled-csv")) == 5       # the ACLED table keeps them all


def test_one_sided_and_interstate_rows() -> None:
    lines = [line(1, actor1="Civilians (Syria)", actor2=SYRIA, event_type="Violence against civilians",
                  sub_event_type="Attack", fatalities=1, killed={"civilians": r(1)}),
             line(2, actor1="Military Forces of Turkey (2016-)", actor2=SYRIA, date_range=None,
                  event_date="2019-03-04", fatalities=2, killed={"total": r(2)}),
             line(3, actor1="Military Forces of Russia (2000-)", actor2="Opposition Rebels (Syria)",
                  fatalities=4, killed={"total": r(4)}),
             line(4, actor1="Invented Lions Brigade", actor2="Civilians (Yemen)", country="Yemen",
                  event_type="Violence against civilians", sub_event_type="Attack", fatalities=2)]
    g = ged(lines)
    # GED's names: the target of one-sided violence is "Civilians"; a state's forces are its government
    assert (g[0]["type_of_violence"], g[0]["side_a"], g[0]["side_b"]) == ("3", "Government of Syria", "Civilians")
    assert (g[0]["deaths_civilians"], g[0]["gwnoa"]) == ("1", "652")
    assert (g[1]["type_of_violence"], g[1]["gwnoa"], g[1]["gwnob"]) == ("1", "640", "652")
    assert (g[1]["side_a"], g[1]["side_b"]) == ("Government of Turkey", "Government of Syria")
    assert (g[2]["side_a"], g[2]["gwnoa"]) == ("Government of Russia (Soviet Union)", "365")
    assert (g[3]["side_a"], g[3]["side_b"], g[3]["country"]) == ("Invented Lions Brigade", "Civilians",
                                                                  "Yemen (North Yemen)")
    assert g[3]["country_id"] == "678" and g[0]["country"] == "Syria"


def test_a_rival_authority_is_no_government_in_ged() -> None:
    """ACLED codes the Houthi-led forces as a second government of Yemen; GED's state-based conflict is the
    recognised government against them, never "Government of Yemen - Government of Yemen"."""
    sanaa = "Military Forces of Yemen (2016-) Supreme Political Council"
    lines = [line(1, actor1=sanaa, actor2="Military Forces of Yemen (2012-2022) Hadi", country="Yemen",
                  event_date="2019-06-01", date_range=None, fatalities=3),
             line(2, actor1=sanaa, actor2="Civilians (Yemen)", country="Yemen", event_date="2019-06-02",
                  date_range=None, event_type="Violence against civilians", sub_event_type="Attack", fatalities=1)]
    g = ged(lines)
    assert (g[0]["type_of_violence"], g[0]["side_a"], g[0]["side_b"]) == ("1", "Government of Yemen (North Yemen)",
                                                                          sanaa)
    assert (g[0]["gwnoa"], g[0]["gwnob"]) == ("678", "")
    assert (g[1]["type_of_violence"], g[1]["side_a"], g[1]["side_b"], g[1]["gwnoa"]) == ("3", sanaa, "Civilians", "")


@pytest.mark.parametrize("kw, prec, start, end", [
    ({"event_date": "2021-03-04", "date_range": ["2021-03-04", "2021-03-04"]}, "1", "2021-03-04", "2021-03-04"),
    ({"event_date": None, "date_range": ["2021-03-02", "2021-03-07"]}, "2", "2021-03-02", "2021-03-07"),
    ({"event_date": None, "date_range": ["2021-03-01", "2021-03-07"]}, "3", "2021-03-01", "2021-03-07"),
    ({"event_date": None, "date_range": ["2021-03-01", "2021-03-31"]}, "4", "2021-03-01", "2021-03-31"),
    ({"event_date": None, "date_range": ["2021-03-01", "2021-05-31"]}, "5", "2021-03-01", "2021-05-31"),
    ({"event_date": "2021-03-15", "date_range": None, "time_precision": 3}, "4", "2021-03-01", "2021-03-31"),
    ({"event_date": "2021-03-15", "date_range": None, "time_precision": 2}, "3", "2021-03-12", "2021-03-18"),
])
def test_ged_date_precision_follows_the_range(kw: dict[str, Any], prec: str, start: str, end: str) -> None:
    g = ged([line(1, fatalities=1, **kw)])[0]
    assert (g["date_prec"], g["date_start"], g["date_end"]) == (prec, start, end)


def test_ged_id_is_an_integer_from_the_incident_id() -> None:
    g = ged([line(1, incident_id="inc-c146b9bf1f17ab85", fatalities=1),
             line(2, incident_id="report.txt#3", fatalities=1)])
    assert g[0]["id"] == str(int("c146b9bf1f17", 16)) and int(g[1]["id"]) < 2 ** 48


# ---------------------------------------------------------------- review columns

def test_review_columns_in_flat_formats(tmp_path: Path) -> None:
    lines = [line(1, review_state="reviewed", reviewed_fields=["killed.civilians", "location"]), line(2)]
    props = [f["properties"] for f in json.loads(_text(lines, "geojson"))["features"]]
    assert (props[0]["review_state"], props[0]["reviewed_fields"]) == ("reviewed", "killed.civilians; location")
    assert (props[1]["review_state"], props[1]["reviewed_fields"]) == (None, None)
    back = [json.loads(x) for x in _text(lines, "jsonl").splitlines()]
    assert back[0]["reviewed_fields"] == ["killed.civilians", "location"] and "review_state" not in back[1]
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "l.parquet"
    export(lines, "parquet", path=str(path))
    table = pq.read_table(path).to_pydict()
    assert table["review_state"] == ["reviewed", None]
    assert table["reviewed_fields"] == ["killed.civilians; location", None]


# ---------------------------------------------------------------- the registry

def test_registry_drives_cli_demo_and_formats() -> None:
    from warledger.cli import build_parser
    from warledger.demo import EXPORTS

    assert FORMATS == tuple(EXPORTERS) == ("acled-csv", "ucdp-csv", "geojson", "parquet", "jsonl")
    assert set(EXPORTS) == set(EXPORTERS) and EXPORTS["acled-csv"] == "ledger-acled.csv"
    assert EXPORTS["geojson"] == "ledger.geojson"
    ex = EXPORTERS["parquet"]
    assert ex.binary and ex.extension == ".parquet" and ex.media_type == "application/vnd.apache.parquet"
    assert EXPORTERS["geojson"].media_type == "application/geo+json"
    assert EXPORTERS["jsonl"].media_type == "application/x-ndjson" and not EXPORTERS["jsonl"].binary
    assert EXPORTERS["acled-csv"].media_type == "text/csv; charset=utf-8"
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    fmt = next(a for a in sub.choices["export"]._actions if a.dest == "format")
    assert tuple(fmt.choices) == FORMATS


def test_export_bytes_iter_streams_what_export_writes(tmp_path: Path) -> None:
    lines = [line(i, fatalities=i % 3, killed={"total": r(i % 3)}) for i in range(400)]
    for fmt in ("ucdp-csv", "geojson", "jsonl"):
        chunks = list(export_bytes_iter(iter(lines), fmt, chunk_bytes=4096))
        assert len(chunks) > 3 and all(len(c) < 4096 + 2000 for c in chunks)
        body = b"".join(chunks)
        assert body.startswith(b"\xef\xbb\xbf") == fmt.endswith("-csv"), "a CSV download starts with a BOM (Excel)"
        assert body.decode("utf-8-sig") == _text(lines, fmt)
    acled = b"".join(export_bytes_iter(lines, "acled-csv")).decode("utf-8-sig")
    assert acled.splitlines()[0].startswith("event_id_cnty,event_date") and len(acled.splitlines()) == 401
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "x.parquet"
    path.write_bytes(b"".join(export_bytes_iter(lines, "parquet")))
    assert pq.read_table(path).num_rows == 400
    with pytest.raises(InputError, match="acled-csv"):
        next(export_bytes_iter(lines, "shapefile"))


def test_export_to_a_path_for_text_formats(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    assert export([line(1, fatalities=1)], "ucdp-csv", path=str(path)) == 1
    assert path.read_text(encoding="utf-8").startswith("\ufeffid,relid,year,"), "a CSV file starts with a BOM (Excel)"


def test_parquet_to_a_binary_file_object() -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    buf = io.BytesIO()
    assert export([line(1), line(2)], "parquet", out=buf) == 2
    assert pq.read_table(io.BytesIO(buf.getvalue())).num_rows == 2


@pytest.mark.parametrize("event_type, sub_event_type, expected", [
    ("Violence against civilians", "Attack", "Civilian targeting"),
    ("Explosions/Remote violence", "Air/drone strike", "Civilian targeting"),
    ("Riots", "Mob violence", "Civilian targeting"),
    ("Battles", "Armed clash", ""),                       # fought between armed groups, by the codebook's definition
    ("Strategic developments", "Looting/property destruction", ""),
    ("Protests", "Peaceful protest", ""),
])
def test_civilian_targeting_only_where_the_codebook_allows_it(event_type: str, sub_event_type: str,
                                                             expected: str) -> None:
    # session 16 (ledger16): on main any line whose actor2 was civilians said "Civilian targeting", battles too
    (row,) = rows([line(1, event_type=event_type, sub_event_type=sub_event_type, actor2="Civilians (Syria)",
                        fatalities=1)], "acled-csv")
    assert row["civilian_targeting"] == expected


def test_ged_leaves_out_a_line_with_an_unidentified_armed_group_as_a_side() -> None:
    """ledger21's audit of the ACLED notes ledger: 1,059 of its 2,449 GED rows had "Unidentified Armed Group
    (Syria)" as a side; UCDP codes an event only between actors it can name, so the line is left out, counted
    under its own reason, and kept by the other formats."""
    from warledger.export import export_counts
    from warledger.export.ucdp import UNIDENTIFIED_SIDE, ged_leaves_out

    killed = {c: None for c in ("total", "civilians", "children", "women", "men", "fighters")}
    killed["total"] = {"low": 2, "best": 2, "high": 2}
    lines = [line(1, actor2="Unidentified Armed Group (Syria)", fatalities=2, killed=killed),
             line(2, actor1="Unidentified Armed Group (Syria)", actor2="Invented Front", fatalities=2, killed=killed),
             line(3, fatalities=2, killed=killed)]
    assert [ged_leaves_out(x) for x in lines] == [UNIDENTIFIED_SIDE, UNIDENTIFIED_SIDE, None]
    reasons: dict[str, int] = {}
    buf = io.StringIO()
    assert export_counts(lines, "ucdp-csv", out=buf, reasons=reasons) == (1, 2)
    assert reasons == {UNIDENTIFIED_SIDE: 2}
    assert export_counts(lines, "jsonl", out=io.StringIO()) == (3, 0)
