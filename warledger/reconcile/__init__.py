"""Reconciliation: check each report's totals against its parts; merge reports of the same incident."""
from warledger.reconcile.claims import check_aggregate, check_report, covers
from warledger.reconcile.dedup import best_match, match_score, pairwise_scores
from warledger.reconcile.merge import merge_ranges, merge_records

__all__ = ["check_report", "check_aggregate", "covers", "match_score", "best_match", "merge_records",
           "merge_ranges", "pairwise_scores"]
