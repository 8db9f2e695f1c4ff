"""A state's forces named by its demonym ("Azerbaijani forces", "a Togolese army post") are that state's forces with
its ACLED period whenever the state has actor periods, bundle or not, and whether or not the note's own country is
known yet (before session 21 only a bundle's demonyms were read so, the rest written as the nameless "State Forces").
Words that only look like demonyms ("Liberation Army", "Democratic Forces") name no state.  Notes written for these
tests (invented wording)."""
from __future__ import annotations

from typing import Optional

import pytest

from warledger.extract import extract_report
from warledger.extract.actor_lexicon import STATE_FORCES
from warledger.record import Incident, Report


def _actors(text: str, country: Optional[str] = None) -> set[str]:
    report = extract_report(Report(id="t", text=text, country=country))
    incs = [i for i in report.incidents if isinstance(i, Incident) and i.kind == "incident"]
    assert incs, text
    return {a for i in incs for a in (i.actor1, i.actor2) if a}


@pytest.mark.parametrize(("note", "country", "state"), [
    ("On 2 March 2023, Azerbaijani forces shelled positions near a border village in Armenia; no casualties.", None,
     "Military Forces of Azerbaijan (2003-)"),
    ("On 6 May 2024, militants attacked a Togolese army post near a northern village; four soldiers were killed.", None,
     "Military Forces of Togo (2005-)"),
    ("On 6 May 2024, Jordanian forces fired on smugglers crossing from the north; two smugglers were killed.",
     "Syria", "Military Forces of Jordan (1999-)"),
    ("On 9 May 2024, Malaysian police arrested four fishermen off the coast of a northern island.", None,
     "Police Forces of Malaysia (2022-)"),
])
def test_a_demonym_names_the_state_whose_forces_they_are(note: str, country: Optional[str], state: str) -> None:
    got = _actors(note, country)
    assert state in got and STATE_FORCES not in got


@pytest.mark.parametrize(("note", "country"), [
    ("On 4 April 2022, the Liberation Army attacked a Syrian National Army position near Afrin; no casualties.", "Syria"),
    ("On 4 April 2022, Islamic State fighters attacked Democratic Forces positions near Shaddadi; 2 were killed.", "Syria"),
])
def test_words_that_only_look_like_demonyms_name_no_state(note: str, country: str) -> None:
    assert not any(a.startswith(("Military Forces of Liberia", "Military Forces of the Democratic Republic"))
                   for a in _actors(note, country))


def test_a_word_that_begins_a_longer_state_name_is_not_read_as_a_shorter_state() -> None:
    # "Dominican" is not Dominica's: the first word of "Dominican Republic" is left to the lexicon
    assert not any("Dominica (" in a for a in _actors("On 3 May 2023, Dominican soldiers fired on smugglers near a "
                                                      "border market; one smuggler was killed."))
