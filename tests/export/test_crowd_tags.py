"""ACLED's tags column (ledger20): a protest's or a riot's crowd size as the report states it ("crowd size=around
200" from an ACLED note's own "[size=...]", "crowd size=hundreds" from "hundreds of demonstrators"), "crowd
size=no report" when it states none, as ACLED writes it; never an estimate, and no tag on other events.  Reports
invented for the test.  An ACLED row's own "[size=...]" and tag come back from a round trip."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from warledger.cli import main
from warledger.export.acled import acled_tags
from warledger.extract import extract_text


def _tags(text: str) -> list[tuple[str, str]]:
    return [(r.event_type or "", acled_tags(r.to_json("t"))) for r in extract_text(text) if r.kind == "incident"]


def test_a_stated_crowd_size_is_the_tag() -> None:
    note = ("On 3 May 2022, around 200 students demonstrated outside an invented college in Najaf city, demanding "
            "jobs. [size=around 200]")
    assert _tags(note) == [("Protests", "crowd size=around 200")]
    told = "Hundreds of demonstrators gathered in Kut city on 4 May 2022 to reject the new prime minister."
    assert _tags(told) == [("Protests", "crowd size=hundreds")]


def test_no_size_stated_is_no_report_and_other_events_get_no_tag() -> None:
    assert _tags("On 5 May 2022, residents of an invented village near Basra protested against power cuts.") == [
        ("Protests", "crowd size=no report")]
    clash = "On 6 May 2022, some 40 fighters of two invented clans clashed in an invented village near Basra."
    assert all(tag == "" for kind, tag in _tags(clash) if kind != "Protests")


def test_an_acled_rows_crowd_size_survives_a_round_trip(tmp_path: Path) -> None:
    header = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,"
              "longitude,geo_precision,notes,fatalities,tags")
    row = ('IRQ900001,2022-05-04,Protests,Peaceful protest,Protesters (Iraq),,Iraq,Wasit,Kut,32.5,45.8,1,'
           '"On 4 May 2022, invented teachers marched in Kut city over unpaid wages. [size=hundreds]",0,'
           'crowd size=hundreds')
    src, db, out, again = (tmp_path / n for n in ("in.csv", "l.db", "one.csv", "two.csv"))
    src.write_text(header + "\n" + row + "\n", encoding="utf-8")
    assert main(["ingest", str(src), "--db", str(db), "--progress", "off"]) == 0
    assert main(["export", "--db", str(db), "--format", "acled-csv", "--out", str(out)]) == 0
    (first,) = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert first["tags"] == "crowd size=hundreds" and first["notes"].endswith("[size=hundreds]")
    db2 = tmp_path / "l2.db"
    assert main(["ingest", str(out), "--db", str(db2), "--progress", "off"]) == 0
    assert main(["export", "--db", str(db2), "--format", "acled-csv", "--out", str(again)]) == 0
    (second,) = list(csv.DictReader(io.StringIO(again.read_text(encoding="utf-8-sig"))))
    assert second["tags"] == "crowd size=hundreds" and second["notes"] == first["notes"]
