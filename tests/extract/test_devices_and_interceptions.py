"""ACLED's codebook on invented notes (session 18): a weapon intercepted in flight was someone's, so the side that
stopped it faces the country's unidentified armed group when the note names no owner."""
from __future__ import annotations

from warledger.extract import extract_text


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def test_an_interception_with_no_owner_named_faces_an_unidentified_group() -> None:
    inc = first("Interception: On 4 March 2021, Russian air defences shot down two drones approaching Hmeimim airbase "
                "in Lattakia. No casualties.")
    assert inc.sub_event_type == "Disrupted weapons use"
    assert {inc.actor1, inc.actor2} == {"Military Forces of Russia (2000-)", "Unidentified Armed Group (Syria)"}


def test_a_device_found_and_defused_stays_one_sided() -> None:
    inc = first("On 4 March 2021, Iraqi soldiers found and defused an IED on the road near Muqdadiyah in Diyala "
                "province.")
    assert inc.sub_event_type == "Disrupted weapons use"
    assert inc.actor2 is None
