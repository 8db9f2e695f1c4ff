"""Patterns run over a span that may hold several paragraphs (a whole body read as one event, an ACLED-style note, a
window before or after a name) never match across a paragraph break (segment.paragraph_bound), and what classification
and actor assignment read around a trigger or a name stays in its paragraph (segment.paragraph_around): a blank line
ends a sentence.  One line break (hard-wrapped text) is still read through.

Invented places and wording."""
from __future__ import annotations

import re

import pytest

import warledger.extract  # noqa: F401  (imports every extraction module: their bounded patterns register)
from warledger.extract import extract_text
from warledger.extract.arabic import arabic_date
from warledger.extract.actors import assign_actors, associates, find_actors, is_associate, territory_taker
from warledger.extract.classify import classify_event
from warledger.extract.segment import BOUNDED, bound_to_paragraph, crosses_paragraph, paragraph_around, paragraph_bound
from warledger.theatre.context import reading_in

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
    # a look-ahead only says what follows: a list may end at a full stop before a break
    listed = bound_to_paragraph(re.compile(r"as follows:(?P<list>.*?)\.(?=\s)", re.S))
    assert listed.search("as follows: Qirsh 2, Dolm 3.\n\nSource: residents.").group("list") == " Qirsh 2, Dolm 3"
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
    "قصفت قوات النظام قرية تل زورين بريف حلب في 12 آذار 2021 بمساندة طيران التحالف ما أدى لمقتل عناصر من قسد",
]


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in rx.finditer(text)]


def test_a_bounded_pattern_finds_what_it_found_inside_a_paragraph_and_nothing_across_one() -> None:
    assert len(BOUNDED) >= 70
    crossed = 0  # matches of the patterns as written that held a break: what the corpus puts to the test
    for sentence in SENTENCES:
        for g in [m.start() for m in re.finditer(" ", sentence)]:
            wrapped, broken = (sentence[:g] + brk + sentence[g + 1:] for brk in ("\n", "\n\n"))
            for rx, bounded in BOUNDED:
                assert _matches(bounded, wrapped) == _matches(rx, wrapped), (rx.pattern[:80], wrapped)
                for s, e in _matches(bounded, broken):
                    assert not crosses_paragraph(broken, s, e), (rx.pattern[:80], broken[s:e])
                crossed += sum(crosses_paragraph(broken, s, e) for s, e in _matches(rx, broken))
        for rx, bounded in BOUNDED:
            assert _matches(bounded, sentence) == _matches(rx, sentence), rx.pattern[:80]
    assert crossed >= 100, crossed


def test_a_weapon_in_the_next_paragraph_is_not_the_owner_of_a_headline_name() -> None:
    # "... on regime forces" ends the headline; the shelling of the next paragraph is the Russian warplanes'
    # (actor1), not the regime's, whose name only happens to end the line before the break
    text = ("Report of the monitor on regime forces\n\nShelling by Russian warplanes killed three civilians in Tell "
            "Safsaf village in the countryside of Idlib on 4 May 2021.")
    [rec] = extract_text(text, "2021-05-05")
    assert rec.actor1 == "Military Forces of Russia (2000-)" and rec.actor2 == "Military Forces of Syria (2000-)"


def test_paragraph_around_is_the_part_of_a_span_in_one_paragraph() -> None:
    text = "ab\n\ncd ef\ngh\n \nij"
    s = text.index("ef")
    assert paragraph_around(text, 0, len(text), s, s + 2) == (text.index("cd"), text.index("gh") + 2)
    assert paragraph_around(text, s - 1, s + 4, s, s + 2) == (s - 1, s + 4)  # inside the span's own bounds
    assert paragraph_around("one line", 0, 8, 2, 3) == (0, 8)


def _read(text: str) -> tuple[object, ...]:
    with reading_in("SY"):
        ev = classify_event(text, 0, len(text))
        a1, a2 = assign_actors(text, 0, len(text), ev)
    return ev.sub_event_type if ev else None, a1.name if a1 else None, a2.name if a2 else None


def test_the_agent_of_a_clash_is_not_a_name_after_a_blank_line() -> None:
    # the clash's sides are in its paragraph; "by Russian warplanes" opens the next one (no full stop between)
    text = ("Clashes broke out near Tell Safsaf in the countryside of Idlib between HTS and regime forces\n\n"
            "Shelling by Russian warplanes went on all night")
    assert _read(text) == ("Armed clash", "HTS: Hayat Tahrir al Sham", "Military Forces of Syria (2000-)")


def test_a_means_in_the_next_paragraph_does_not_explain_a_killing() -> None:
    # "killed" gives way to a weapon named in the same clause, not to one after a blank line
    assert _read("Gunmen killed two farmers near Tell Safsaf\n\nArtillery shelling hit the hills")[0] == "Attack"


def test_the_victims_of_a_shooting_are_read_in_its_paragraph() -> None:
    # the soldiers of the next paragraph closed a road: they are not who was shot
    assert _read("Gunmen opened fire near Tell Safsaf, killing two\n\nSoldiers of the brigade closed the road")[0] \
        == "Attack"


def test_air_defences_of_another_paragraph_do_not_make_a_strike_a_battle() -> None:
    text = ("Israeli warplanes struck a depot near Tell Safsaf on Monday, killing two\n\n"
            "Air defences intercepted several missiles over the capital")
    assert _read(text)[:2] == ("Air/drone strike", "Military Forces of Israel ({period})")
    # in the strike's own paragraph they do (ACLED's convention)
    assert _read(text.replace("\n\n", "; "))[0] == "Armed clash"


def test_who_took_the_ground_is_named_in_the_paragraph_of_the_capture() -> None:
    text = "Statement of the Syrian army\n\nthe village of Tell Safsaf was captured on Monday"
    at = text.index("captured")
    with reading_in("SY"):
        assert territory_taker(text, 0, len(text), at, at + len("captured")) is None
        one = text.replace("\n\n", ": ")
        at = one.index("captured")
        taker = territory_taker(one, 0, len(one), at, at + len("captured"))
    assert taker is not None and taker.name == "Military Forces of Syria (2000-)"


def test_the_captor_of_an_arrest_is_read_in_its_paragraph() -> None:
    # a page's list of related headlines: the arrest's line names no armed captor or captives, so it stays an
    # arrest; the gunmen of the article's first line are not its captor
    text = ("IS fighters killed two regime soldiers near Tell Safsaf\n\nRelated\n\nIRGC-backed militia leader "
            "arrested\n\nIS attack in the desert")
    assert _read(text)[0] == "Arrests"


def test_between_in_the_paragraph_before_does_not_split_a_side() -> None:
    # "HTS and the SDF shelled ..." is one side; "between" ended with its paragraph
    one_side = "Talks between\n\nHTS and the SDF shelled regime positions near Tell Safsaf"
    assert _read(one_side)[1:] == ("HTS: Hayat Tahrir al Sham", "Military Forces of Syria (2000-)")
    assert _read(one_side.replace("\n\n", " "))[2] == "QSD: Syrian Democratic Forces"  # in one sentence: two sides
    backed = "Talks between\n\nHTS supported by Turkish forces and the SDF shelled Tell Safsaf"
    with reading_in("SY"):
        sdf = next(m for m in find_actors(backed) if m.name.startswith("QSD"))
        assert is_associate(backed, sdf, 0)  # "supported by A and B": B backs HTS too, no "between" in its paragraph


def test_against_in_the_next_paragraph_is_not_the_other_side() -> None:
    text = "Clashes between HTS and the SDF near Tell Safsaf\n\nA campaign against IS went on"
    assert _read(text) == ("Armed clash", "HTS: Hayat Tahrir al Sham", "QSD: Syrian Democratic Forces")


def test_a_backer_is_an_associate_of_a_side_in_its_paragraph_only() -> None:
    text = "Regime forces shelled Tell Safsaf, killing two; Iran-backed\n\nHTS fighters withdrew"
    with reading_in("SY"):
        ev = classify_event(text, 0, len(text))
        a1, a2 = assign_actors(text, 0, len(text), ev)
        assert associates(text, 0, len(text), a1, a2) == ([], [])


def test_a_killing_in_another_paragraph_does_not_end_an_abduction() -> None:
    # an abduction told as what came before a killing ("... after he went missing") gives way to the killing of its
    # own paragraph, not to one told after a blank line
    text = "A man was kidnapped near Tell Safsaf after being stopped\n\nTwo soldiers were killed elsewhere"
    assert _read(text)[0] == "Abduction/forced disappearance"


def test_an_arabic_date_does_not_run_over_a_blank_line() -> None:
    assert str(arabic_date("12 آذار 2021")) == str(arabic_date("12\nآذار 2021")) == "2021-03-12"
    assert arabic_date("12\n\nآذار 2021") is None  # a number ending one paragraph, a month opening the next


def test_a_heading_before_a_blank_line_does_not_make_a_side_its_source() -> None:
    # "بيان" (a statement) as a heading line: the SDF that opens the next paragraph shelled the village; in one line
    # ("بيان قسد ...", the SDF's statement) the SDF is the source, not the attacker
    text = "بيان\n\nقسد تقصف قرية تل زورين بريف حلب وتقتل 3 مدنيين"
    assert [r.actor1 for r in extract_text(text, "2021-03-14")] == ["QSD: Syrian Democratic Forces"]
    assert [r.actor1 for r in extract_text(text.replace("\n\n", " "), "2021-03-14")] == [None]
