"""Exports of the reconciled ledger: ACLED CSV, UCDP GED CSV, GeoJSON, Parquet, JSON lines.

:data:`EXPORTERS` is the registry of formats (name, extension, media type, binary or not, writer);
:func:`export` writes to a file, :func:`export_bytes_iter` streams byte chunks (for a web server).
"""
from warledger.export.acled import ACLED_COLUMNS, acled_row, generated_notes
from warledger.export.common import csv_safe
from warledger.export.flat import FLAT_COLUMNS, flat_row, write_parquet
from warledger.export.registry import (EXPORTERS, FORMATS, Exporter, export, export_bytes_iter, export_counts,
                                       exporter,
                                       write_acled_csv, write_geojson, write_jsonl, write_ucdp_csv)
from warledger.export.ucdp import UCDP_COLUMNS, ucdp_row

__all__ = ["EXPORTERS", "Exporter", "FORMATS", "export", "export_bytes_iter", "export_counts", "exporter", "ACLED_COLUMNS",
           "UCDP_COLUMNS", "FLAT_COLUMNS", "acled_row", "ucdp_row", "flat_row", "generated_notes", "csv_safe",
           "write_acled_csv", "write_ucdp_csv", "write_geojson", "write_parquet", "write_jsonl"]
