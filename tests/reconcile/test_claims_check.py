"""Within-report reconciliation on hand-made bulletins: totals against their parts."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "store"))

from handmade import bulletin, contradiction  # noqa: E402

from warledger.reconcile import check_report  # noqa: E402
from warledger.record import Report  # noqa: E402


def _checks(rep: Report) -> dict[tuple[str, str], dict]:
    recs = [dict(inc.to_json(rep.id), record_id=f"{rep.id}#{i}") for i, inc in enumerate(rep.incidents)]
    return {(c["record_id"], c["category"]): c for c in check_report(recs)}


def test_every_total_of_the_bulletin_agrees_with_its_parts() -> None:
    rep = bulletin()
    got = _checks(rep)
    # headline (#0): 14 civilians = 5 + 4 + 2 (children) + 2 + 1; 4 children = 2 + 2; about 90 raids vs >60 + >=30
    assert got[("b1#0", "killed.civilians")]["status"] == "consistent"
    assert got[("b1#0", "killed.civilians")]["parts_sum"] == {"low": 14, "high": 14}
    assert got[("b1#0", "killed.children")]["parts_sum"] == {"low": 4, "high": 4}
    strikes = got[("b1#0", "strikes")]
    assert strikes["status"] == "consistent" and strikes["via"] == "aggregates"
    assert strikes["parts_sum"] == {"low": 61 + 30, "high": None}
    assert {p["record_id"] for p in strikes["parts"]} == {"b1#1", "b1#8"}
    # Russian strikes (#1): 11 civilians = 5 + 4 + 2, 4 children = 2 + 2, 2 women = 1 + 1
    for cat, total in (("killed.civilians", 11), ("killed.children", 4), ("killed.women", 2)):
        c = got[("b1#1", cat)]
        assert c["status"] == "consistent" and c["parts_sum"] == {"low": total, "high": total}, c
        assert {p["record_id"] for p in c["parts"]} <= {"b1#2", "b1#3", "b1#4"}
    assert got[("b1#1", "strikes")]["status"] == "unchecked"
    # Russian fighters (#5): 6 = 4 + 2 by faction; regime (#8): 3 = 2 + 1, never mixing in Russian parts
    assert got[("b1#5", "killed.fighters")]["parts_sum"] == {"low": 6, "high": 6}
    regime = got[("b1#8", "killed.civilians")]
    assert regime["status"] == "consistent" and [p["record_id"] for p in regime["parts"]] == ["b1#9", "b1#10"]
    assert not [c for c in got.values() if c["status"] == "mismatch"]


def test_a_headline_contradicting_its_parts_is_flagged_with_both_figures_and_spans() -> None:
    rep = contradiction()
    (chk,) = _checks(rep).values()
    assert chk["status"] == "mismatch"
    assert chk["claimed"] == {"low": 4, "best": 4, "high": 4} and chk["parts_sum"] == {"low": 6, "high": 6}
    assert "claim of 4 civilians killed" in chk["message"] and "add up to 6 (3 + 3)" in chk["message"]
    assert "exceed" in chk["message"]
    # the spans behind both figures point into the report's text
    (claim_ev,) = chk["claim_evidence"]
    assert rep.text[claim_ev["start"]:claim_ev["end"]] == "4 civilians"
    spans = [rep.text[e["start"]:e["end"]] for p in chk["parts"] for e in p["evidence"]]
    assert spans == ["3 civilians including a child", "3 more civilians"]


def test_parts_falling_short_are_flagged_too() -> None:
    rep = contradiction()
    rep.incidents.pop()  # only Nawa's 3 against the claimed 4
    (chk,) = _checks(rep).values()
    assert chk["status"] == "mismatch" and "fall short" in chk["message"]


def test_approximate_and_open_claims() -> None:
    rep = bulletin()
    rep.incidents[0].strikes.best = 120  # "about 120" cannot be 61+ and 30+ ... unless more: open sums overlap
    assert _checks(rep)[("b1#0", "strikes")]["status"] == "consistent"
    rep.incidents[0].strikes.best = 70   # about 70 (63-77) against at least 91: contradiction
    assert _checks(rep)[("b1#0", "strikes")]["status"] == "mismatch"


def test_a_headline_sums_up_the_whole_report_whatever_perpetrator_it_names_first() -> None:
    rep = bulletin()
    rep.incidents[0].actor1 = "Military Forces of Syria (2000-)"  # "regime and Russian raids kill ..."
    recs = [dict(inc.to_json(rep.id), record_id=f"b1#{i}") for i, inc in enumerate(rep.incidents)]
    with_text = {(c["record_id"], c["category"]): c for c in check_report(recs, rep.text)}
    assert with_text[("b1#0", "killed.civilians")]["status"] == "consistent"
    assert with_text[("b1#0", "killed.civilians")]["headline"] is True
    assert with_text[("b1#0", "strikes")]["status"] == "consistent"
    # without the text there is no telling it is the headline: only the regime's 2 + 1 are its parts
    without = {(c["record_id"], c["category"]): c for c in check_report(recs)}
    assert without[("b1#0", "killed.civilians")]["status"] == "mismatch"


def test_area_named_anywhere_in_the_claim_sentence_counts() -> None:
    rep = bulletin()
    agg = rep.incidents[1]            # Russian strikes on "the countryside of Idlib and Hama"
    agg.place.phrase = "Idlib"        # an extractor that kept only the first area
    recs = [dict(inc.to_json(rep.id), record_id=f"b1#{i}") for i, inc in enumerate(rep.incidents)]
    got = {(c["record_id"], c["category"]): c for c in check_report(recs, rep.text)}
    assert got[("b1#1", "killed.civilians")]["status"] == "consistent"       # Kafr Zita (Hama) still in
    assert not check_report(recs, rep.text)[0].get("sentence_words")  # internal words never leak out
    recs_no_text = got  # noqa: F841
    got = {(c["record_id"], c["category"]): c for c in check_report(recs)}
    assert got[("b1#1", "killed.civilians")]["parts_sum"] == {"low": 6, "high": 6}  # 4 + 2 in Idlib only
