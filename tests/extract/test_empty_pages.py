"""Pages with no event in them (login walls, menus, empty embeds) yield no record, only a problem."""
from __future__ import annotations

from warledger import extract
from warledger.extract import extract_report
from warledger.record import Report


def test_login_wall_yields_no_incident_and_says_why() -> None:
    wall = "Sign UpLog InMessengerEnglish (UK)DeutschVideoPrivacy PolicyHelpCookies © 2026"
    assert extract(wall) == []
    report = extract_report(Report(id="w", text=wall))
    assert report.incidents == [] and any("no event found" in p for p in report.problems)


def test_a_short_note_with_an_event_still_yields_its_one_record() -> None:
    (inc,) = extract("Rebel fighters clashed with regime forces near Kafr Nabl. No fatalities reported.")
    assert inc.sub_event_type == "Armed clash" and inc.fatalities == 0
