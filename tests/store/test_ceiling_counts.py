"""A count known only by its ceiling ("up to 12 killed") is no best estimate (session 16, ledger16): the ledger's
fatalities are unknown (null) rather than 12, a tally column adds nothing for it, UCDP GED writes low 0, best 0 and
high 12 (GED's unknown deaths, with the ceiling kept), and ACLED's row says "Fatalities unknown (up to 12
killed)." with fatalities 0.  On main the ceiling was counted as the figure everywhere.  SQLite and PostgreSQL."""
from __future__ import annotations

import csv
import io

from warledger.export import export
from warledger.record import Counts, Incident, Place, Range, Report
from warledger.store import Ledger

TEXT = "Up to twelve people died when an invented depot near Sarmin burned; in Ariha shelling killed three civilians."


def report() -> Report:
    def inc(name: str, lat: float, lon: float, civilians: Range) -> Incident:
        killed = Counts()
        killed.set("civilians", civilians)
        return Incident(kind="incident", event_date="2023-05-03", date_range=("2023-05-03", "2023-05-03"),
                        time_precision=1, event_type="Explosions/Remote violence",
                        sub_event_type="Shelling/artillery/missile attack", actor1="Military Forces of Syria (2000-)",
                        actor2="Civilians (Syria)", killed=killed,
                        place=Place(phrase=name, name=name, location=name, admin1="Idlib", admin2="Idlib",
                                    country="Syria", latitude=lat, longitude=lon, geo_precision=1, where_prec=1))
    return Report(id="r1", text=TEXT, published="2023-05-04", source="Invented Monitor", language="en",
                  incidents=[inc("Sarmin", 35.903, 36.725, Range(None, None, 12)),
                             inc("Ariha", 35.812, 36.609, Range.exact(3))])


def rows(lines: list[dict[str, object]], fmt: str) -> dict[str, dict[str, str]]:
    buf = io.StringIO()
    export(lines, fmt, out=buf)
    return {r["location"] if fmt == "acled-csv" else r["where_coordinates"]: r
            for r in csv.DictReader(io.StringIO(buf.getvalue().lstrip("\ufeff")))}


def test_a_ceiling_is_not_counted_as_the_figure(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([report()], process=False)
        lines = {line["location"]: line for line in ledger.incidents()}
        assert lines["Sarmin"]["fatalities"] is None and lines["Ariha"]["fatalities"] == 3
        assert lines["Sarmin"]["killed"]["civilians"] == {"low": None, "best": None, "high": 12}  # the range kept
        (row,) = ledger.tally(by="admin1")
        assert row["killed_total"] == 3 and row["killed_civilians"] == 3 and row["incidents"] == 2
        ged = {k: v for k, v in rows(list(lines.values()), "ucdp-csv").items() if "Sarmin" in k}
        (g,) = ged.values()
        assert (g["low"], g["best"], g["high"], g["deaths_civilians"]) == ("0", "0", "12", "0")
        acled = rows(list(lines.values()), "acled-csv")
        assert acled["Sarmin"]["fatalities"] == "0" and "up to 12 killed" in acled["Sarmin"]["notes"]
        assert acled["Ariha"]["fatalities"] == "3"
