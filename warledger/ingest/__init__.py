"""Ingest: read reports (JSON lines, text, HTML, folders) and clean them to their own words."""
from warledger.ingest.clean import body_span, clean_report, furniture_lines, html_to_text, looks_like_html
from warledger.ingest.reader import (ReadStats, decode_bytes, document_id, document_reports, parse_published,
                                     read_jsonl, read_reports)

__all__ = ["read_reports", "read_jsonl", "ReadStats", "clean_report", "body_span", "furniture_lines",
           "html_to_text", "looks_like_html", "decode_bytes", "document_id", "document_reports", "parse_published"]
