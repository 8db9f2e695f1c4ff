"""Exports of the reconciled ledger: ACLED CSV, UCDP GED CSV, GeoJSON, Parquet, JSON lines."""
from warledger.export.formats import (ACLED_COLUMNS, FLAT_COLUMNS, FORMATS, UCDP_COLUMNS, acled_row, export,
                                      flat_row, generated_notes, ucdp_row, write_acled_csv, write_geojson,
                                      write_jsonl, write_parquet, write_ucdp_csv)

__all__ = ["export", "FORMATS", "ACLED_COLUMNS", "UCDP_COLUMNS", "FLAT_COLUMNS", "acled_row", "ucdp_row", "flat_row",
           "generated_notes", "write_acled_csv", "write_ucdp_csv", "write_geojson", "write_parquet", "write_jsonl"]
