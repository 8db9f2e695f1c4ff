"""The ledger's ``db`` fixture (SQLite, and PostgreSQL when WARLEDGER_TEST_POSTGRES_URL is set), shared
with tests/store so that the ingest tests that store reports run on both databases."""
from __future__ import annotations

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location("_store_conftest", Path(__file__).resolve().parents[1] / "store" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_store = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_store)

db = _store.db
PG_URL = _store.PG_URL
