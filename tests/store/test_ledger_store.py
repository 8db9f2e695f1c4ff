"""The ledger on SQLite and PostgreSQL: storage, idempotence, stable ids, merging across reports, tallies."""
from __future__ import annotations

import json

import pytest
from handmade import RUSSIA, SYRIA, bulletin, contradiction, kafr_zita_series
from sqlalchemy import select, text

from warledger.errors import InputError
from warledger.record import Report
from warledger.store import Ledger, content_hash
from warledger.store.schema import SCHEMA_VERSION, schema_table


def _dump(ledger: Ledger) -> str:
    return "\n".join(json.dumps(x, sort_keys=True) for x in ledger.incidents())


def test_reports_are_stored_with_text_source_url_date_and_hash(db: str) -> None:
    rep = bulletin()
    with Ledger(db) as ledger:
        stats = ledger.ingest([rep])
        assert (stats.added, stats.records, stats.aggregates) == (1, 7, 4)
        rows = list(ledger.reports())
        assert [r["id"] for r in rows] == ["b1"]
        assert rows[0]["source"] == "Example Monitor" and rows[0]["url"] == "https://example.org/b1"
        assert rows[0]["published"] == "2022-05-20"
        assert rows[0]["content_hash"] == content_hash(rep) and len(rows[0]["content_hash"]) == 64
        assert ledger.report_text("b1") == rep.text
        # aggregates are stored as records but are not ledger incidents
        assert len(list(ledger.records(kind="aggregate"))) == 4
        lines = list(ledger.incidents())
        assert len(lines) == 7 and all(x["kind"] == "incident" for x in lines)
        assert all(x["reports"] == ["b1"] and x["incident_id"].startswith("inc-") for x in lines)
        contract = set(rep.incidents[2].to_json("b1"))
        assert all(contract <= set(x) for x in lines), contract - set(lines[0])


def test_ingesting_twice_changes_nothing(db: str) -> None:
    reps = [bulletin(), contradiction()] + kafr_zita_series()
    with Ledger(db) as ledger:
        ledger.ingest(reps)
        before, counts = _dump(ledger), ledger.counts()
        stats = ledger.ingest([bulletin(), contradiction()] + kafr_zita_series())
        assert stats.unchanged == len(reps) and stats.added == 0 and stats.records == 0
        assert _dump(ledger) == before and ledger.counts() == counts


def test_incident_ids_are_stable_across_runs(db: str, tmp_path) -> None:
    with Ledger(db) as a:
        a.ingest([bulletin()] + kafr_zita_series())
        ids_a = [x["incident_id"] for x in a.incidents()]
    with Ledger(str(tmp_path / "other.db")) as b:
        b.ingest([bulletin()] + kafr_zita_series())
        ids_b = [x["incident_id"] for x in b.incidents()]
    assert ids_a == ids_b and len(set(ids_a)) == len(ids_a)


def test_later_report_raises_toll_and_history_is_kept(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(kafr_zita_series())
        lines = list(ledger.incidents())
    assert len(lines) == 2, "the 25 May strike is a different incident in the same village"
    first, later = lines
    assert first["reports"] == ["kz1", "kz2", "kz3"] and later["reports"] == ["kz4"]
    # 5, then 7, and another monitor's "at least 6": the range over what the reports say
    assert first["killed"]["civilians"] == {"low": 5, "best": 7, "high": 7}
    assert first["fatalities"] == 7 and later["fatalities"] == 2
    assert [h["fatalities"] for h in first["per_report"]] == [5, 7, 6]
    quotes = {(e["report_id"], e["text"]) for e in first["evidence"]}
    assert quotes == {("kz1", "5 civilians"), ("kz2", "7 civilians"), ("kz3", "at least 6 civilians")}
    assert first["incident_id"] == "inc-" + lines[0]["records"][0][4:]


def test_bulletin_part_joins_the_other_reports_of_its_incident(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(kafr_zita_series() + [bulletin()])
        kz = [x for x in ledger.incidents() if x["location"] == "Kafr Zita"]
    assert [x["reports"] for x in kz] == [["kz1", "kz2", "kz3", "b1"], ["kz4"]]


def test_tally_counts_each_incident_once(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(kafr_zita_series() + [bulletin(), contradiction()])
        by_actor = {r["actor1"]: r for r in ledger.tally(by="actor1")}
        # Russia: Kafr Zita 17 May (best 7, told by 4 reports), 25 May 2, Ariha 4, Maarat Misrin 2 children,
        # Kabani 4 + 2 fighters.  Aggregates (11, 14, 6 ...) are never added.
        assert by_actor[RUSSIA]["incidents"] == 6
        assert by_actor[RUSSIA]["killed_civilians"] == 7 + 2 + 4
        assert by_actor[RUSSIA]["killed_children"] == 2 + 2
        assert by_actor[RUSSIA]["killed_total"] == 7 + 2 + 4 + 2 + 4 + 2   # Maarat Misrin's 2 children are 2 dead
        assert by_actor[RUSSIA]["reports"] == 4 + 1 + 1 + 1 + 1 + 1
        assert by_actor[SYRIA]["killed_civilians"] == 2 + 1 + 3 + 3
        by_admin = {r["admin1"]: r for r in ledger.tally(by="admin1")}
        assert by_admin["Hama"]["killed_total"] == 9 and by_admin["Daraa"]["incidents"] == 2
        may = ledger.tally(by="day", date_from="2022-05-17", date_to="2022-05-18", where={"admin1": "Idlib"})
        # every day of the range is a row (session 21): the 17th has no incident in Idlib, a zero row
        assert [(r["day"], r["killed_total"]) for r in may] == [("2022-05-17", 0), ("2022-05-18", 4 + 2)]
        weeks = {r["week"]: r["incidents"] for r in ledger.tally(by="week")}
        assert weeks["2022-05-16"] == 7 and weeks["2022-05-23"] == 1  # weeks start on Monday
        assert {r["month"] for r in ledger.tally(by="month")} == {"2022-05", "2022-06"}
        with pytest.raises(InputError, match="admin1"):
            ledger.tally(by="country")
        with pytest.raises(InputError, match="cannot filter"):
            ledger.tally(by="admin1", where={"text": "x"})


def test_changed_report_replaces_its_old_version(db: str) -> None:
    series = kafr_zita_series()
    with Ledger(db) as ledger:
        ledger.ingest(series)
        fixed = kafr_zita_series()[1]
        fixed.text = fixed.text.replace("risen", "climbed")
        stats = ledger.ingest([fixed], replace=True)
        assert stats.replaced == 1
        lines = list(ledger.incidents())
        assert [x["reports"] for x in lines] == [["kz1", "kz3", "kz2"], ["kz4"]]
        assert ledger.counts()["reports"] == 4 and ledger.counts()["records"] == 4


def test_dicts_are_run_through_the_pipeline(db: str) -> None:
    with Ledger(db) as ledger:
        stats = ledger.ingest([{"id": "d1", "text": "Nothing of note happened in the town today.",
                                "published": "2022-01-02", "source": "Example Monitor"}])
        assert stats.added == 1
        assert [r["id"] for r in ledger.reports()] == ["d1"]
        # an item without an id is a message (E-REPORT-UNREADABLE), never the end of the run
        bad = ledger.ingest([{"text": "no id"}])
        assert bad.failed == 1 and "'id' and a 'text'" in bad.messages[0]


def test_schema_is_versioned_and_migrations_run_once(db: str) -> None:
    Ledger(db).close()
    with Ledger(db) as ledger:
        with ledger.engine.connect() as conn:
            versions = list(conn.execute(select(schema_table.c.version).order_by(schema_table.c.version)).scalars())
    assert versions == list(range(1, SCHEMA_VERSION + 1))


def test_reports_without_incidents_are_kept(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([Report(id="empty", text="Calm day.", published="2022-01-01")], process=False)
        assert ledger.counts() == {"reports": 1, "records": 0, "incidents": 0, "checks": 0}


DATED = {"id": "m1", "published": "2021-03-04", "text": (
    "Hama: On 3 March 2021, Russian warplanes struck Kafr Zita town in the northern Hama countryside, "
    "killing four civilians.")}
UNDATED = {"id": "m2", "text": (
    "Russian warplanes struck Kafr Zita town in the northern countryside of Hama, killing four civilians, "
    "local sources said.")}


def test_undated_report_joins_by_publication_week_and_stays_apart_without_it(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([DATED, UNDATED])  # UNDATED has no publication date: nothing says when it happened
        assert sorted(sorted(r["reports"]) for r in ledger.incidents()) == [["m1"], ["m2"]]
        ledger.ingest([dict(UNDATED, id="m3", published="2021-03-05")])
        assert sorted(sorted(r["reports"]) for r in ledger.incidents()) == [["m1", "m3"], ["m2"]]


def test_version_2_database_is_migrated_to_place_skeleton_keys(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([DATED])
        with ledger.engine.begin() as conn:  # make it look like a database written by schema version 2
            conn.execute(text("DROP INDEX ix_wl_incidents_place2"))
            conn.execute(text("ALTER TABLE wl_incidents DROP COLUMN place_key2"))
            conn.execute(text("UPDATE wl_incidents SET place_key = 'kafrzita'"))
            conn.execute(schema_table.delete().where(schema_table.c.version > 2))
    with Ledger(db) as ledger:
        with ledger.engine.connect() as conn:
            versions = list(conn.execute(select(schema_table.c.version)).scalars())
            keys = conn.execute(text("SELECT place_key, place_key2 FROM wl_incidents")).all()
        assert max(versions) == SCHEMA_VERSION >= 3
        assert keys == [("kfrzt", "kfrzt")]  # the consonants of "Kafr Zita"
        ledger.ingest([dict(UNDATED, published="2021-03-05")])  # found through the rekeyed place
        assert [sorted(r["reports"]) for r in ledger.incidents()] == [["m1", "m2"]]


LATER = {"id": "m4", "published": "2021-03-09", "text": (
    "Hama: On 8 March 2021, Russian warplanes struck Kafr Zita town in the northern Hama countryside, "
    "killing four civilians.")}


def test_a_report_dated_only_by_publication_never_joins_a_strike_days_after_it(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest([LATER, dict(UNDATED, published="2021-03-09")])  # published the day after: may be it
        assert sorted(sorted(r["reports"]) for r in ledger.incidents()) == [["m2", "m4"]]
        # published on 5 March: what it tells happened by then, not on 8 March
        ledger.ingest([dict(UNDATED, id="m5", published="2021-03-05")])
        assert sorted(sorted(r["reports"]) for r in ledger.incidents()) == [["m2", "m4"], ["m5"]]


PLACED = {"id": "t1", "published": "2022-05-18", "text": (
    "Russian warplanes struck Tell Warda village in the northern countryside of Hama on 17 May 2022, "
    "killing 5 civilians.")}
NAMED_ONLY_IN_TEXT = {"id": "t2", "published": "2022-05-18", "text": (
    "Tell Warda buries its dead. Five civilians were killed by Russian air strikes on 17 May 2022, their "
    "relatives said.")}


@pytest.mark.parametrize("order", [(PLACED, NAMED_ONLY_IN_TEXT), (NAMED_ONLY_IN_TEXT, PLACED)])
def test_a_report_naming_the_place_only_in_its_text_joins_in_either_order(db: str, order: tuple) -> None:
    # issue 11 (recall): the second report's event sentence names no place, but the report names Tell Warda
    with Ledger(db) as ledger:
        ledger.ingest(list(order))
        rows = list(ledger.incidents())
        assert [sorted(r["reports"]) for r in rows] == [["t1", "t2"]]
        assert rows[0]["place_phrase"].startswith("Tell Warda")
        note = [p for p in rows[0]["problems"] if p.startswith("W-DEDUP-TEXT-PLACE:")]
        # the words name the report with no place and the one with the place (an incident has no report_id: its
        # reports are named)
        assert len(note) == 1 and "report t2 names no place" in note[0] and "of report t1 at" in note[0], note
        stored = [r for r in ledger.records() if r["report_id"] == "t2"]
        assert stored and all("_text_words" not in r for r in stored)  # the report's words are never stored


def test_a_report_naming_another_place_stays_apart(db: str) -> None:
    other = dict(NAMED_ONLY_IN_TEXT, text=NAMED_ONLY_IN_TEXT["text"].replace("Tell Warda", "Tell Wardan"))
    with Ledger(db) as ledger:
        ledger.ingest([PLACED, other])
        assert sorted(sorted(r["reports"]) for r in ledger.incidents()) == [["t1"], ["t2"]]


def test_associates_reach_the_ledger_line_and_the_acled_export(db: str) -> None:
    # issue 11: assoc_actor_1/2 were always empty in the ACLED export though extraction knows the backers
    import csv
    import io

    from warledger.export import export

    backed = {"id": "s1", "published": "2022-05-18", "text": (
        "On 17 May 2022, regime forces supported by pro-regime militiamen shelled Tell Warda village in the "
        "countryside of Hama, killing 2 civilians.")}
    with Ledger(db) as ledger:
        ledger.ingest([backed])
        rows = list(ledger.incidents())
        assert rows[0]["actor1"] == SYRIA and rows[0]["assoc_actor_1"] == ["Militia (Pro-Government)"]
        out = io.StringIO()
        export(rows, "acled-csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["assoc_actor_1"] == "Militia (Pro-Government)" and row["assoc_actor_2"] == ""


def test_source_scale_given_with_a_report_reaches_the_acled_export(db: str) -> None:
    # issue 11: source_scale was always empty; warledger keeps no scale table, but a scale the input states is kept
    import csv
    import io

    from warledger.export import export

    with Ledger(db) as ledger:
        ledger.ingest([dict(PLACED, source="Paper A", source_scale="National"),
                       dict(NAMED_ONLY_IN_TEXT, source="Channel B", source_scale=" New media ")])
        rows = list(ledger.incidents())
        out = io.StringIO()
        export(rows, "acled-csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert row["source"] == "Paper A; Channel B" and row["source_scale"] == "National-New media"


def test_the_summary_rate_of_a_slow_run_is_not_rounded_to_zero() -> None:
    """A first run that builds the gazetteer index reads 5 reports in a minute: "0.076 reports/s", not "0"."""
    from warledger.store.ledger import IngestStats

    assert "(0.076 reports/s)" in IngestStats(read=5, seconds=66.2).summary()
    assert "(347 reports/s)" in IngestStats(read=3470, seconds=10.0).summary()
    assert "(0 reports/s)" in IngestStats(read=0, seconds=0.0).summary()


def test_remove_reports_takes_a_report_out_and_rebuilds_what_it_fed(db: str) -> None:
    with Ledger(db) as ledger:
        ledger.ingest(kafr_zita_series())
        merged = [x for x in ledger.incidents() if "kz2" in x["reports"]]
        assert len(merged) == 1 and {"kz1", "kz2"} <= set(merged[0]["reports"])
        ledger.remove_reports(["kz2", "kz4"])
        assert [r["id"] for r in ledger.reports()] == ["kz1", "kz3"]
        lines = list(ledger.incidents())
        assert all("kz2" not in x["reports"] and "kz4" not in x["reports"] for x in lines)
        assert any(set(x["reports"]) >= {"kz1"} for x in lines)
        assert not list(ledger.records(report_id="kz2"))
        ledger.ingest(kafr_zita_series())   # put back: the same ledger as a first ingest
        assert ledger.counts()["reports"] == 4
