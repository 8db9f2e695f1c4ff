"""JNIM under its one ACLED name in any country (session 17): the coastal states south of the Sahel (Benin, Togo,
Ivory Coast) have no bundle of their own, and a note there naming JNIM got an unidentified armed group.  Only
its own names travel: "al-Qaeda" outside the Sahel bundles is not JNIM.  Invented notes."""
from __future__ import annotations

from warledger.extract import extract_text

JNIM = "JNIM: Group for Support of Islam and Muslims"


def sides(text: str) -> set[str | None]:
    r = extract_text(text)[0]
    return {r.actor1, r.actor2}


def test_jnim_named_in_togo_and_benin() -> None:
    assert JNIM in sides("On 2 February 2025, JNIM fighters raided a gendarmerie post near Cinkasse (Savanes), "
                         "Togo, killing 3 gendarmes.")
    assert JNIM in sides("On 2 February 2025, fighters of the Group for Support of Islam and Muslims ambushed a "
                         "patrol of the Beninese army near Banikoara (Alibori), killing 5 soldiers.")


def test_al_qaeda_outside_the_sahel_is_not_jnim() -> None:
    assert JNIM not in sides("On 2 February 2025, al-Qaeda militants ambushed a Yemeni army patrol in Mudiyah "
                             "(Abyan), killing 4 soldiers.")
