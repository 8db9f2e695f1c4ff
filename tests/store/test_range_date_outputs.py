"""An incident known only by a date range carries one representative day in ``event_date`` in every output: the
contract's extraction line, the ledger's JSON lines (``warledger incidents``, the jsonl export, the API's line) and
the ACLED CSV, GeoJSON and UCDP exports agree on that day, its precision and the range (CONTRACT: ``event_date``
"best single ISO date", ``date_range`` beside it).  Invented places and wording."""
from __future__ import annotations

import csv
import io
import json

from handmade import counts, ev, incident, place  # type: ignore[import-not-found]
from warledger.export import export
from warledger.extract import extract_text
from warledger.record import Report, with_representative_date
from warledger.store import Ledger

TEXT = "Over the past five days, warplanes struck Tell Warda village in Hasakeh, killing 4 civilians."
PUBLISHED = "2021-06-10"


def _report() -> Report:
    inc = incident(TEXT, date=None, date_range=("2021-06-06", "2021-06-10"), precision=2, where=place("Ariha"),
                   killed=counts(civilians=4), evidence=[ev(TEXT, "killed.civilians", "4 civilians")])
    return Report(id="five-days", text=TEXT, published=PUBLISHED, source="Example Monitor", incidents=[inc])


def test_the_extraction_line_of_a_range_names_its_middle_day() -> None:
    line = list(_report().records())[0]
    assert line["date_range"] == ["2021-06-06", "2021-06-10"]
    assert line["event_date"] == "2021-06-08" and line["time_precision"] == 2


def test_a_stated_day_is_kept_and_a_one_ended_range_makes_no_day() -> None:
    day = {"event_date": "2021-06-07", "date_range": ["2021-06-06", "2021-06-10"], "time_precision": 2}
    assert with_representative_date(day) == day
    assert with_representative_date({"event_date": None, "date_range": ["2021-06-06", None]})["event_date"] is None
    month = with_representative_date({"event_date": None, "date_range": ["2021-05-01", "2021-05-31"], "time_precision": 2})
    assert month["event_date"] == "2021-05-16" and month["time_precision"] == 3


def test_the_extracted_record_keeps_no_made_up_day() -> None:
    # reconciliation reads the records as extracted (Incident.to_json): a range's middle is an output, no stated day
    agg = [i for i in extract_text(TEXT, published=PUBLISHED) if i.date_range and i.date_range[0] != i.date_range[1]]
    assert agg and agg[0].event_date is None and agg[0].to_json("r")["event_date"] is None


def test_every_ledger_output_writes_the_same_day_for_a_range(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([_report()])
        lines = [x for x in ledger.incidents() if x.get("date_range")]
        assert len(lines) == 1
        line = lines[0]
        assert line["event_date"] == "2021-06-08" and line["time_precision"] == 2
        assert line["date_range"] == ["2021-06-06", "2021-06-10"]
        api_line = ledger.incident(line["incident_id"])  # the API's /api/incidents/{id} line
        assert api_line["event_date"] == "2021-06-08"
        jsonl = io.StringIO()
        export(lines, "jsonl", out=jsonl)
        assert json.loads(jsonl.getvalue().splitlines()[0])["event_date"] == "2021-06-08"
        acled = io.StringIO()
        export(lines, "acled-csv", out=acled)
        row = next(csv.DictReader(io.StringIO(acled.getvalue())))
        assert row["event_date"] == "2021-06-08"
        assert row["time_precision"] == "2" and row["year"] == "2021"
        geo = io.StringIO()
        export(lines, "geojson", out=geo)
        props = json.loads(geo.getvalue())["features"][0]["properties"]
        assert (props["event_date"], props["date_start"], props["date_end"]) == ("2021-06-08", "2021-06-06", "2021-06-10")
        ucdp = io.StringIO()
        export(lines, "ucdp-csv", out=ucdp)
        urow = next(csv.DictReader(io.StringIO(ucdp.getvalue())))
        assert (urow["date_start"], urow["date_end"]) == ("2021-06-06", "2021-06-10")


def test_a_ledger_stored_before_the_representative_day_lists_it_after_opening(db: str) -> None:
    """A line stored before ranges had their day (event_date null in the stored JSON) is rewritten when the ledger
    opens: the list pages serve the stored line as it is, so without the rewrite they showed no date."""
    from sqlalchemy import text

    from warledger.store.query import Filters
    from warledger.store.schema import incidents

    with Ledger(db) as ledger:
        ledger.ingest([_report()])
        with ledger.engine.begin() as conn:
            iid, data = conn.execute(incidents.select().with_only_columns(incidents.c.incident_id, incidents.c.data)
                                     .where(incidents.c.range_start.is_not(None))).one()
            old = json.loads(data)
            old["event_date"] = None   # as written before the representative day was stored in the line
            conn.execute(incidents.update().where(incidents.c.incident_id == iid)
                         .values(data=json.dumps(old, sort_keys=True)))
            conn.execute(text("DELETE FROM wl_schema WHERE version >= 11"))
    with Ledger(db) as ledger:
        listed = {line["incident_id"]: line for line in ledger.page(Filters(), limit=50)[0]}
        assert listed[iid]["event_date"] == "2021-06-08"
        assert listed[iid]["date_range"] == ["2021-06-06", "2021-06-10"]
