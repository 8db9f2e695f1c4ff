"""The ledger on SQLite (default) or PostgreSQL: reports, records, reconciled incidents, checks."""
from warledger.store.ledger import IngestStats, Ledger, content_hash
from warledger.store.schema import SCHEMA_VERSION, database_url

__all__ = ["Ledger", "IngestStats", "content_hash", "SCHEMA_VERSION", "database_url"]
