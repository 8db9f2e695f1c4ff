"""The ledger's tables (SQLAlchemy Core): what each holds and since which schema step.

:mod:`warledger.store.migrations` makes and upgrades them; :mod:`warledger.store.schema` runs those steps and gives
these tables to the rest of the store.
"""
from __future__ import annotations

from sqlalchemy import Column, Float, Index, Integer, MetaData, String, Table, Text

KEY_LENGTH = 200   # the longest idempotency key a correction may carry (the API takes 64)

metadata = MetaData()

schema_table = Table(
    "wl_schema", metadata,
    Column("version", Integer, primary_key=True),
    Column("description", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

reports = Table(
    "wl_reports", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", String(300), nullable=False, unique=True),
    Column("content_hash", String(64), nullable=False),
    Column("text", Text, nullable=False),
    Column("source", String(300)),
    Column("url", Text),
    Column("published", String(32)),
    Column("language", String(16)),
    Column("problems", Text),
    Column("n_records", Integer, nullable=False),
    Column("ingested_at", String(40), nullable=False),
)

# one row per record read from a report: an incident or an aggregate claim (contract line as JSON)
records = Table(
    "wl_records", metadata,
    Column("record_id", String(40), primary_key=True),
    Column("report_id", String(300), nullable=False, index=True),
    Column("ordinal", Integer, nullable=False),
    Column("report_seq", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("incident_id", String(40), index=True),
    Column("data", Text, nullable=False),
)

# one row per ledger incident: the merged line as JSON plus the columns tallies group and filter on
incidents = Table(
    "wl_incidents", metadata,
    Column("incident_id", String(40), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("date_lo", String(10)),
    Column("date_hi", String(10)),
    Column("place_key", String(200)),   # skeleton of the place phrase (reconcile.dedup.lookup_keys)
    Column("place_key2", String(200)),  # skeleton of the gazetteer name, when geocoded precisely
    Column("event_date", String(10)),
    Column("week", String(10)),
    Column("month", String(7)),
    Column("actor1", String(300)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("sub_event_type", String(100)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("strikes", Integer),
    Column("killed_total", Integer),
    Column("killed_civilians", Integer),
    Column("killed_children", Integer),
    Column("killed_women", Integer),
    Column("killed_men", Integer),
    Column("killed_fighters", Integer),
    Column("injured_total", Integer),
    Column("injured_civilians", Integer),
    Column("injured_children", Integer),
    Column("injured_women", Integer),
    Column("injured_men", Integer),
    Column("injured_fighters", Integer),
    Column("n_reports", Integer, nullable=False),
    Column("match_data", Text, nullable=False),  # the fields dedup compares (small, parsed per candidate)
    Column("data", Text, nullable=False),
    # since version 6: the columns the workbench filters on, and the review state
    Column("country", String(100)),
    Column("event_type", String(100)),
    Column("actor2", String(300)),
    Column("geo_precision", Integer),
    Column("has_problems", Integer, nullable=False, server_default="0"),
    Column("claim_failed", Integer, nullable=False, server_default="0"),
    Column("review_state", String(20), nullable=False, server_default="unreviewed"),
    Column("n_corrections", Integer, nullable=False, server_default="0"),
    # since version 7: the dates the reports state (an exact day, or the range they give); event_date,
    # week and month hold the representative day (the range's middle, as ACLED codes it)
    Column("range_start", String(10)),
    Column("range_end", String(10)),
    # since version 9 (serving): the order pages are listed in (the event day; undated last) and the
    # place name the map shows, so neither needs the data column
    Column("sort_key", String(10)),
    Column("location", String(300)),
    # since version 16: what the duplicates finder reads of the match data to reject a pair (reconcile.pairs.Facts),
    # worked out when the incident is written
    Column("pair_facts", Text),
    Index("ix_wl_incidents_dates", "date_lo", "date_hi"),
    Index("ix_wl_incidents_place", "place_key"),
    Index("ix_wl_incidents_place2", "place_key2"),
)

# within-report reconciliation: one row per (aggregate claim, category) checked
checks = Table(
    "wl_checks", metadata,
    Column("check_id", String(60), primary_key=True),
    Column("report_id", String(300), nullable=False, index=True),
    Column("record_id", String(40), nullable=False),
    Column("category", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("data", Text, nullable=False),
)


# the audit trail: every correction, review, merge, split and export, append-only (never updated or deleted)
audit = Table(
    "wl_audit", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("incident_id", String(40), index=True),
    Column("action", String(20), nullable=False),   # correct | review | merge | split | export | conflict | apart | unapart
    Column("field", String(60)),
    Column("old_value", Text),                      # JSON
    Column("new_value", Text),                      # JSON
    Column("machine_value", Text),                  # JSON: the machine's value when a correction was made
    Column("reason", Text),
    Column("who", String(200), nullable=False),
    Column("at", String(40), nullable=False),
    Column("data", Text),                           # JSON: what else the action needs (filters, record ids)
    # a correction's idempotency key (also in data's "key"), looked up once per keyed write (schema v21)
    Column("correction_key", String(KEY_LENGTH)),
    Index("ix_wl_audit_correction_key", "correction_key", "incident_id"),
)

# API tokens: only a hash is stored; the name is the audit's "who"
tokens = Table(
    "wl_tokens", metadata,
    Column("name", String(200), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

# an analyst's override of deduplication: this record belongs to this incident (merge or split)
overrides = Table(
    "wl_overrides", metadata,
    Column("record_id", String(40), primary_key=True),
    Column("incident_id", String(40), nullable=False, index=True),
    Column("action", String(20), nullable=False),
    Column("audit_seq", Integer),
)

# the review queue handed out (schema v10): an incident held for one analyst until a time (ISO, UTC)
leases = Table(
    "wl_leases", metadata,
    Column("incident_id", String(40), primary_key=True),
    Column("who", String(200), nullable=False),
    Column("held_until", String(40), nullable=False),
)

# the workbench's upload jobs (schema v14): each job's last status as the API gives it (JSON), so that
# GET /api/uploads/ID still answers after a restart of the server
upload_jobs = Table(
    "wl_upload_jobs", metadata,
    Column("job_id", String(64), primary_key=True),
    Column("who", String(200), nullable=False),
    Column("status", Text, nullable=False),
    Column("updated_at", String(40), nullable=False),
)

# incidents an analyst said are not one event (schema v13): one row per record of either side of a decision
# (the audit row that made it), so the two stay apart when their incidents are merged, split or rebuilt
apart = Table(
    "wl_apart", metadata,
    Column("audit_seq", Integer, primary_key=True, autoincrement=False),
    Column("record_id", String(40), primary_key=True, index=True),
    Column("side", Integer, nullable=False),
)

# small facts about the ledger as a whole (schema v19): ``pair_facts_version`` is the FACTS_VERSION of the stored
# ``pair_facts`` (:func:`refresh_pair_facts`)
settings = Table(
    "wl_settings", metadata,
    Column("name", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
FACTS_SETTING = "pair_facts_version"
