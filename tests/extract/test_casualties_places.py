"""Victim groups, their status, and place phrases (invented sentences)."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.extract.casualties import assign_status, find_groups
from warledger.extract.places import find_places


def _groups(text: str) -> list[tuple[str, str, int | None, str | None]]:
    gs = find_groups(text, 0, len(text))
    assign_status(text, gs, 0, len(text))
    return [(text[g.start:g.end], g.category, g.range.value() if g.range else None, g.status) for g in gs]


def test_active_and_passive_status() -> None:
    text = "The shells killed 4 farmers and injured 6 others, while two women were wounded."
    assert _groups(text) == [("4 farmers", "civilians", 4, "killed"), ("6 others", "civilians", 6, "injured"),
                             ("two women", "women", 2, "injured")]


def test_subject_is_not_a_victim() -> None:
    text = "A sniper shot and killed a shepherd near the road."
    assert _groups(text) == [("a shepherd", "civilians", 1, "killed")]


def test_subcounts_are_attached_not_added() -> None:
    text = "9 civilians including 3 children and an elderly woman were killed."
    gs = find_groups(text, 0, len(text))
    assert len(gs) == 1 and [text[s.start:s.end] for s in gs[0].subs] == ["3 children", "an elderly woman"]


def test_counts_without_nouns_and_tolls() -> None:
    assert _groups("Three killed, 5 wounded | shelling on a market") == [
        ("Three", "total", 3, "killed"), ("5", "total", 5, "injured")]
    text = "The death toll of the shelling on the market rose to 11, including 4 children."
    assert _groups(text)[0][1:] == ("total", 11, "killed")


def test_detained_are_not_casualties() -> None:
    assert all(status is None for *_, status in _groups("Police detained 12 young men in the town."))


def test_place_of_event_not_of_origin() -> None:
    text = ("Two brothers displaced from Kafr Hamra town were killed by shelling on Tell Aswad village "
            "in the eastern countryside of Homs.")
    places = [p for p in find_places(text, 0, len(text)) if not p.excluded]
    assert places[0].name == "Tell Aswad" and places[0].governorate == "Homs"
    inc = extract_text(text, "2020-05-02")[0]
    assert inc.place.name == "Tell Aswad"


def test_negations_give_zero() -> None:
    inc = extract_text("Artillery shelled Deir Sunbul village; neither injuries nor fatalities were reported.",
                       "2020-05-02")[0]
    assert inc.fatalities == 0 and inc.injured.total is not None and inc.injured.total.value() == 0


def test_one_event_note_gets_one_incident_with_coded_fatalities() -> None:
    note = ("On 3 May 2020, unidentified gunmen attacked a checkpoint in Tell Hamis town in Hasakah countryside, "
            "killing two guards and a passer-by. Fatalities coded as 3.")
    recs = extract_text(note)
    assert len(recs) == 1 and recs[0].event_date == "2020-05-03" and recs[0].fatalities == 3
    assert recs[0].place.governorate == "Hasakah"


def test_unknown_coding_is_null_with_a_problem() -> None:
    recs = extract_text("On 4 May 2020, clashes took place between two clans in Tell Hamis town. Casualties unknown.")
    assert len(recs) == 1 and recs[0].fatalities is None and recs[0].problems


def test_of_whom_colon_lists_and_headline_singular() -> None:
    text = "Shelling killed 5 people, 3 of whom were children, in the market."
    assert [(g.category, g.range.value() if g.range else None) for g in find_groups(text, 0, len(text))[0].subs] == [
        ("children", 3)]
    text = "Monitors documented the death of six people: three brothers, two women and a boy."
    gs = find_groups(text, 0, len(text))
    assert len(gs) == 1 and [s.category for s in gs[0].subs] == ["men", "women", "children"]
    assert _groups("Shelling | Shepherd killed near the border") == [("Shepherd", "civilians", 1, "killed")]


def test_killed_and_injured_together_is_not_split() -> None:
    assert _groups("Eight children killed and injured in the raid on the school.")[0][3] is None


def test_follow_up_sentence_joins_the_incident_it_continues() -> None:
    text = ("On 2 April 2021, gunmen attacked a checkpoint on the outskirts of Tell Nasri village in Hasakah "
            "countryside. Two guards were killed and a third was wounded. No civilians were hurt.")
    recs = extract_text(text, "2021-04-03")
    assert len(recs) == 1
    assert recs[0].place.name == "Tell Nasri" and recs[0].killed.fighters is not None
    assert recs[0].killed.fighters.value() == 2 and recs[0].event_date == "2021-04-02"


def test_shared_noun_and_wounded_who_died() -> None:
    assert [(c, n, s) for _, c, n, s in _groups("The ambush left 6 regime and 4 militia fighters dead.")] == [
        ("fighters", 6, "killed"), ("fighters", 4, "killed")]
    assert _groups("Gunmen wounded a local farmer in the orchard. He died later from his wounds.")[0][3] == "killed"
    assert _groups("Monitors said 3 rebel fighters succumbed to wounds on the front.")[0][3] == "killed"


def test_mother_and_her_children_share_the_verb_after() -> None:
    text = "A woman and her three children were killed when shells hit their home."
    assert _groups(text) == [("A woman", "women", 1, "killed"), ("three children", "children", 3, "killed")]


def test_relative_after_a_second_verb_is_a_victim() -> None:
    text = "The strike killed a farmer and wounded his brother near the well."
    assert _groups(text) == [("a farmer", "civilians", 1, "killed"), ("his brother", "men", 1, "injured")]


def test_relative_as_a_witness_is_not_a_victim() -> None:
    text = "Gunmen shot a farmer in front of his daughter near the well."
    assert [g for g in _groups(text) if g[0] == "his daughter"] == []


def test_merged_negation_is_no_zero_beside_a_stated_toll() -> None:
    from warledger.extract.incidents import merge_into
    from warledger.record import Incident, Range
    text = "Three civilians were killed in the city. Another strike hit the road, but no casualties were reported."
    keep, other = Incident(kind="incident"), Incident(kind="incident")
    keep.killed.civilians = Range.exact(3)
    keep.add_evidence("killed.civilians", text, 0, 15, "victim group")
    other.killed.total = Range.exact(0)
    s = text.index("no casualties")
    other.add_evidence("killed.total", text, s, s + 13, "negation")
    merge_into(keep, other)
    assert keep.killed.total is None and keep.killed.civilians == Range.exact(3)
    assert not any(e.field == "killed.total" for e in keep.evidence)
