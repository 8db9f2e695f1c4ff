"""One scan of a sentence for the strings of every gated casualty finder (extract/needs.py ``AnyNeeding``,
extract/casualties.py ``_GATES``): it tells exactly which gates hold, so a sentence holding only one finder's
strings still reaches that finder, and skipping the others changes no group.  Invented wording."""
from __future__ import annotations

import random
import re
from typing import Any

import pytest

from warledger.extract import casualties as CA
from warledger.extract.needs import AnyNeeding, Needing


def _each_gate(text: str, start: int, end: int, gates: tuple[Needing, ...]) -> frozenset[Needing]:
    return frozenset(g for g in gates if g.holds(text, start, end))


def test_the_union_is_the_gates_own_strings() -> None:
    gates = CA._GATES.gates
    assert {CA._TOLL, CA._FAMILY_OF, CA._VERB_ONE, CA._KIN, CA._LIVES, CA._ANOTHER, CA._BARE} == set(gates)
    assert all(g.words for g in gates), "every gate has strings (else it holds everywhere and gates nothing)"


@pytest.mark.parametrize("gate", CA._GATES.gates, ids=lambda g: "|".join(g.words or ()))
def test_a_span_with_one_string_reaches_its_gate(gate: Needing) -> None:
    for w in gate.words or ():
        text = "zq " + w.upper() + " zq"  # upper case: the gates read the folded text
        held = CA._GATES.held(text, 0, len(text))
        assert gate in held, (w, held)
        assert held == _each_gate(text, 0, len(text), CA._GATES.gates)
    assert CA._GATES.held("zq zq zq", 0, 8) == frozenset()


def test_overlapping_strings_are_all_seen() -> None:
    a, b, c = (Needing(re.compile(p, re.I)) for p in (r"\bher\b", r"\bnother\w*", r"\btherein"))
    any_of = AnyNeeding((a, b, c))
    # "another" holds "nother" and "her"; "otherein" runs "her" into "therein" past the first string found
    assert any_of.held("another", 0, 7) == {a, b}
    assert any_of.held("otherein", 0, 8) == {a, c}
    assert any_of.held("no one", 0, 6) == frozenset()
    nothing = Needing(re.compile(r"\d+"))
    assert nothing.words is None and AnyNeeding((a, nothing)).held("zz", 0, 2) == {nothing}


def test_same_answer_as_each_gate_on_random_spans() -> None:
    rnd = random.Random(22)
    words = [w for g in CA._GATES.gates for w in g.words or ()] + ["the", "ot", "zq", " ", "İ", "ſ", ",", "4", "\n"]
    for _ in range(3000):
        text = "".join(rnd.choice(words) + rnd.choice(["", " "]) for _ in range(rnd.randint(0, 12)))
        start = rnd.randint(-3, len(text) + 2)
        end = rnd.randint(-len(text) - 2, len(text) + 3)
        assert CA._GATES.held(text, start, end) == _each_gate(text, start, end, CA._GATES.gates), (text, start, end)


def _every_finder(text: str, start: int, end: int) -> list[Any]:
    """main's find_groups before the gates: every finder called on every sentence."""
    out = CA._counted_nouns(text, start, end)
    CA._add_counts_before_verb(text, start, end, out)
    CA._add_singulars(CA._HEADLINE_ONE, text, start, end, out)
    CA._add_families(text, start, end, out)
    CA._add_singulars(CA._VERB_ONE, text, start, end, out)
    CA._add_kin(text, start, end, out)
    CA._add_lives(text, start, end, out)
    CA._add_verb_counts(text, start, end, out)
    CA._add_shared_nouns(text, start, end, out)
    CA._mixed_figures(text, end, out)
    claimed = {sg.start for g in out for sg in g.subs}
    out = [g for g in out if g.start not in claimed]
    out.sort(key=lambda g: g.start)
    for prev, g in zip(out, out[1:]):
        if g.noun.startswith("other") and prev.category in ("civilians", "children", "women", "men", "fighters"):
            g.category = "fighters" if prev.category == "fighters" else "civilians"
    return out


# each sentence holds the strings of one gated finder only, and reaches it
ONE_FINDER = [
    ("The toll rose to 7 by evening.", CA._TOLL, "toll rose to"),
    ("A family of five was struck in Varel.", CA._FAMILY_OF, ""),
    ("Drone wounds farmer near Varel", CA._VERB_ONE, "headline singular"),
    ("The strike claimed three lives in Varel.", CA._LIVES, "claimed lives"),
    ("One died, then the death of a second was reported.", CA._ANOTHER, "another"),
    ("Shelling hit the market and wounded 4 in Varel.", CA._BARE, "bare count after verb"),
]


@pytest.mark.parametrize("text,gate,rule", ONE_FINDER)
def test_a_sentence_with_one_finders_strings_reaches_that_finder(text: str, gate: Needing, rule: str) -> None:
    assert CA._GATES.held(text, 0, len(text)) == {gate}
    groups = CA.find_groups(text, 0, len(text))
    assert rule in [g.rule for g in groups], groups
    assert groups == _every_finder(text, 0, len(text))


@pytest.mark.parametrize("text", [
    "A man and his wife were killed in Varel.",     # a relative after a group: the kin finder runs
    "His son was seen at the market in Varel.",     # a relative with no group before it: none
    "Three civilians, including two children, were killed.",
    "Eleven regime and 7 Asayish fighters were killed.",
    "Five women and children were injured when the house collapsed.",
    "The market was crowded and quiet all day.",    # no gate holds
    "Civilian killed in Varel | 3 killed, 2 injured; the death toll rose to 9, a family of 6 among them",
    "Forces kill man and injure his brother, killing another and wounding 2, the raid took 4 lives",
])
def test_skipping_finders_changes_no_group(text: str) -> None:
    for start, end in ((0, len(text)), (4, len(text) - 3)):
        assert CA.find_groups(text, start, end) == _every_finder(text, start, end)
