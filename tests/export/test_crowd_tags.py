"""ACLED's tags column (ledger20): a protest's or a riot's crowd size as the report states it ("crowd size=around
200" from an ACLED note's own "[size=...]", "crowd size=hundreds" from "hundreds of demonstrators"), "crowd
size=no report" when it states none, as ACLED writes it; never an estimate, and no tag on other events.  Reports
invented for the test."""
from __future__ import annotations

from warledger.export.acled import acled_tags
from warledger.extract import extract_text


def _tags(text: str) -> list[tuple[str, str]]:
    return [(r.event_type or "", acled_tags(r.to_json("t"))) for r in extract_text(text) if r.kind == "incident"]


def test_a_stated_crowd_size_is_the_tag() -> None:
    note = ("On 3 May 2022, around 200 students demonstrated outside an invented college in Najaf city, demanding "
            "jobs. [size=around 200]")
    assert _tags(note) == [("Protests", "crowd size=around 200")]
    told = "Hundreds of demonstrators gathered in Kut city on 4 May 2022 to reject the new prime minister."
    assert _tags(told) == [("Protests", "crowd size=hundreds")]


def test_no_size_stated_is_no_report_and_other_events_get_no_tag() -> None:
    assert _tags("On 5 May 2022, residents of an invented village near Basra protested against power cuts.") == [
        ("Protests", "crowd size=no report")]
    clash = "On 6 May 2022, some 40 fighters of two invented clans clashed in an invented village near Basra."
    assert all(tag == "" for kind, tag in _tags(clash) if kind != "Protests")
