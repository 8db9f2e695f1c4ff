"""Patterns run over a span that may hold several paragraphs (a whole body read as one event, an ACLED-style note, a
window before or after a name) never match across a paragraph break (segment.paragraph_bound): a blank line ends a
sentence.  One line break (hard-wrapped text) is still read through.

Invented places and wording."""
from __future__ import annotations

import re

import pytest

import warledger.extract  # noqa: F401  (imports every extraction module: their bounded patterns register)
from warledger.extract import extract_text
from warledger.extract.segment import BOUNDED, bound_to_paragraph, crosses_paragraph, paragraph_bound

BREAKS = ["\n\n", "\n \n", "\n\t\n  ", "\r\n\r\n", "\n\n\n", " \n\n"]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_bounded_run_stops_at_a_paragraph_break(brk: str) -> None:
    rx = bound_to_paragraph(re.compile(r"by\s*(?:'s)?\s*drones|held\W{0,3}by|fell[^.]{0,20}?village", re.I))
    for hard_wrapped in ("by\ndrones", "by \n's\ndrones", "held -\nby", "fell into\nthe village"):
        assert rx.fullmatch(hard_wrapped), hard_wrapped
    # two runs side by side (\s* ... \s*) cannot share a break between them either
    for broken in (f"by{brk}drones", f"by{brk}'s drones", f"by 's{brk}drones", f"held -{brk}by", f"fell into{brk}the village"):
        assert rx.search(broken) is None, broken


def test_dotall_lookbehind_and_escapes_are_rewritten_and_verbose_is_refused() -> None:
    dot = bound_to_paragraph(re.compile(r"split:(.*?)\.", re.S))
    assert dot.search("split: two\nthree.").group(1) == " two\nthree"
    assert dot.search("split: two\n\nthree.") is None
    after = bound_to_paragraph(re.compile(r"(?<=[.;]\s)\d+ dead"))
    assert after.search("shelling.\n3 dead") and not after.search("shelling.\n\n3 dead".replace(".\n\n", ".\n \n"))
    assert paragraph_bound(r"\x41\b\1[a-z]\S") == r"\x41\b\1[a-z]\S"  # items that cannot be a line break stay
    with pytest.raises(ValueError, match="VERBOSE"):
        paragraph_bound(r"a \s b", re.X)


# words the bounded patterns look for, in invented sentences; every whitespace between two words is in turn a break
SENTENCES = [
    "Velorian warplanes and regime artillery shelled the farms, backed by coalition drones, while HTS fighters "
    "clashed with the army; the toll is expected to rise.",
    "Unknown gunmen shot dead a man who was a former member of the local brigade after he had been kidnapped.",
    "On 3 March 2021, 12 air strikes hit Tell Qirsh; fatalities coded as 4, split evenly between the two villages.",
    "Forces affiliated with the council, supported by Turkish jets, stormed the depots; the hospital was put out "
    "of service and two houses were destroyed in the bombardment.",
    "Since the start of the month the total number of attacks reached 40, the monitor said, as both sides "
    "exchanged fire in response to the raid.",
]


def test_no_bounded_pattern_of_extraction_matches_across_a_paragraph_break() -> None:
    assert len(BOUNDED) >= 60
    for sentence in SENTENCES:
        gaps = [m.start() for m in re.finditer(" ", sentence)]
        for g in gaps:
            text = sentence[:g] + "\n\n" + sentence[g + 1:]
            for rx in BOUNDED:
                for m in rx.finditer(text):
                    assert not crosses_paragraph(text, m.start(), m.end()), (rx.pattern[:80], m.group(0))


def test_a_weapon_in_the_next_paragraph_is_not_the_owner_of_a_headline_name() -> None:
    # "... on regime forces" ends the headline; the shelling of the next paragraph is the Russian warplanes'
    # (actor1), not the regime's, whose name only happens to end the line before the break
    text = ("Report of the monitor on regime forces\n\nShelling by Russian warplanes killed three civilians in Tell "
            "Safsaf village in the countryside of Idlib on 4 May 2021.")
    [rec] = extract_text(text, "2021-05-05")
    assert rec.actor1 == "Military Forces of Russia (2000-)" and rec.actor2 == "Military Forces of Syria (2000-)"
