"""Narrative reports (news wires, monitor articles): one event told in headline, lead and body; background
figures; victims named as people; factions by group; recalled earlier events.  Invented texts."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.extract.dates import DATE_NOT_STATED
from warledger.record import Incident


def _incidents(text: str, published: str | None = "2023-04-10") -> list[Incident]:
    return [r for r in extract_text(text, published) if r.kind == "incident"]


def _sum(recs: list[Incident], what: str, cat: str) -> int | None:
    vals = [getattr(r, what).get(cat) for r in recs]
    vals = [v.value() for v in vals if v is not None]
    return sum(v for v in vals if v is not None) if vals else None


def test_documented_death_is_an_incident_not_a_tally() -> None:
    text = ("Monitors have documented the death of a woman and two boys and the injury of six others in a drone "
            "strike on tents of displaced families near Kafr Ruma since the early hours of Tuesday morning.")
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 3
    assert _sum(recs, "killed", "children") == 2
    assert _sum(recs, "killed", "women") == 1


def test_people_killed_in_a_strike_are_civilians_with_a_note() -> None:
    text = "Four people were killed and two others were injured when a drone struck a house in the village of Tell Hamis."
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 4
    assert _sum(recs, "killed", "total") == 4
    assert any("civilians inferred" in p for r in recs for p in r.problems)


def test_a_bare_figure_with_no_fighter_noun_is_civilians_with_a_note() -> None:
    recs = _incidents("Missile strike on the market of Binnish: 3 killed and 7 injured, the civil defence said.")
    assert _sum(recs, "killed", "civilians") == 3
    assert any("civilians inferred" in p and "'3'" in p for r in recs for p in r.problems)
    recs = _incidents("Shelling on the checkpoint near Binnish: 3 killed, all of them members of the police.")
    assert _sum(recs, "killed", "civilians") is None


def test_people_with_children_and_women_subcounts_are_civilians() -> None:
    text = "At least 9 people, including 3 children and 2 women, were killed in shelling on the market of Sarmin town."
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 9
    assert _sum(recs, "killed", "children") == 3


def test_fighters_are_never_turned_into_civilians() -> None:
    text = "Three people, all of them members of the local police, were killed in a drone strike on their checkpoint near Tell Tamr."
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") is None


def test_headline_lead_and_body_restating_one_event_are_not_summed() -> None:
    text = ("Drone strike kills three in Kobani countryside\n\n"
            "Three people were killed on Saturday in a drone strike on a village in the countryside of Kobani.\n\n"
            "The drone struck the village of Qara Mazra near Kobani city. Three people, including a 10-year-old boy, "
            "were killed in the strike, the statement said.")
    recs = _incidents(text, "2023-04-09")
    assert _sum(recs, "killed", "civilians") == 3
    assert _sum(recs, "killed", "children") == 1


def test_background_figures_and_recalled_events_are_not_incident_counts() -> None:
    text = ("Civilian killed in shelling on Kafr Amma\n\n"
            "A civilian was killed on Monday in artillery shelling by regime forces on Kafr Amma town in the western "
            "countryside of Aleppo.\n\n"
            "Yesterday, two civilians were injured and a man was killed in shelling on Shinan town.\n\n"
            "Since early 2023, monitors have documented 150 attacks which left 212 civilians dead.")
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 1
    allrecs = extract_text(text, "2023-04-10")
    assert any(r.kind == "aggregate" and any(p.startswith("W-BACKGROUND:") for p in r.problems) for r in allrecs)


def test_fighters_by_group_each_take_their_own_side() -> None:
    text = ("On 3 February 2023, clashes broke out between Hayat Tahrir al-Sham fighters and regime forces near Kafr "
            "Batikh. 4 regime soldiers and 3 HTS fighters were killed.")
    recs = _incidents(text, "2023-02-05")
    assert len(recs) == 1
    r = recs[0]
    assert r.killed.fighters is not None and r.killed.fighters.value() == 7
    groups = {g.group: g.count.value() for g in r.killed_groups}
    assert groups.get("Hayat Tahrir al-Sham") == 3
    assert any("Syria" in g and n == 4 for g, n in groups.items())
    assert r.event_date == "2023-02-03"
    assert not any(p.startswith(DATE_NOT_STATED) for p in r.problems)


def test_others_injured_beside_civilians_killed_are_civilians() -> None:
    text = "Two people were killed and five others were injured when shells hit the market of Maarat Misrin."
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 2
    assert _sum(recs, "injured", "civilians") == 5


def test_another_is_one_more_victim() -> None:
    text = "Monitors reported the death of a boy and the injury of another in shelling on Kafr Nuran village."
    recs = _incidents(text)
    assert _sum(recs, "killed", "children") == 1
    assert _sum(recs, "injured", "civilians") == 1


def test_family_of_n_is_a_count_of_civilians() -> None:
    text = "A family of five, including two women and a child, sustained injuries when the shell hit their house in Binnish."
    recs = _incidents(text)
    assert _sum(recs, "injured", "civilians") == 5
    assert _sum(recs, "injured", "women") == 2


def test_agency_dateline_glued_to_the_count() -> None:
    text = "Homs, AGENCY-Four civilians were martyred and nine others were injured in a missile strike on the city."
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 4
    assert _sum(recs, "injured", "civilians") == 9


def test_pair_before_one_verb_shares_it() -> None:
    text = "Six people were killed, and a girl and a man were injured in shelling on the outskirts of Taftanaz."
    recs = _incidents(text)
    assert _sum(recs, "killed", "total") == 6
    assert _sum(recs, "injured", "children") == 1
    assert _sum(recs, "injured", "men") == 1


def test_women_fighters_are_fighters() -> None:
    text = "Two women SDF fighters were killed in a drone strike on their car near Amuda."
    recs = _incidents(text)
    assert _sum(recs, "killed", "fighters") == 2
    assert _sum(recs, "killed", "women") is None


def test_the_strike_sentence_retells_the_event_before_it() -> None:
    text = ("Mourners carried the 2 children who lost their lives in a drone strike on Amuda yesterday.\n\n"
            "That raid left four people dead at the vegetable market and hurt several more.")
    recs = _incidents(text, "2023-04-10")
    assert _sum(recs, "killed", "civilians") == 4
    assert _sum(recs, "killed", "children") == 2


def test_vague_large_counts_are_a_tally() -> None:
    text = ("A drone strike killed a shepherd near Tell Tamr on Monday.\n\n"
            "Such attacks have killed scores of civilians in the region, the statement said.")
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 1


def test_headline_singular_then_a_new_subject_with_its_own_verb() -> None:
    text = "Boy killed and four civilians injured in shelling on Darat Izza"
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 1
    assert _sum(recs, "injured", "civilians") == 4


def test_security_men_are_fighters() -> None:
    text = "The attack caused the death of two security men at a checkpoint in Sarmada."
    recs = _incidents(text)
    assert _sum(recs, "killed", "fighters") == 2
    assert _sum(recs, "killed", "civilians") is None


def test_claims_lives_and_an_age_under_18_is_a_child() -> None:
    recs = _incidents("Drone claims two lives in Tell Rifaat, including child")
    assert _sum(recs, "killed", "total") == 2
    assert _sum(recs, "killed", "children") == 1
    recs = _incidents("Four people, including 9-year-old Samir Khalil, were killed in the shelling of Kafr Takharim.")
    assert _sum(recs, "killed", "children") == 1
    recs = _incidents("Four people, including 40-year-old Samir Khalil, were killed in the shelling of Kafr Takharim.")
    assert _sum(recs, "killed", "children") is None


def test_a_tally_sentence_stays_a_tally_across_its_clauses() -> None:
    text = ("A woman was killed by a sniper in Jisr al-Shughur on Tuesday.\n\n"
            "Since the start of the year, these attacks left 20 civilians, including six children, and 40 combatants, "
            "including two children, dead.")
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 1
    # the tally's children (six, two) stay out of the woman's record; her record may say no child died (web16's
    # W-COUNT-ADULTS: its one civilian is a woman)
    assert _sum(recs, "killed", "children") in (None, 0)


def test_headline_verb_before_a_singular_noun() -> None:
    recs = _incidents("Gunfire by border guards kills shepherd and injures boy near Kharbet al-Joz")
    assert _sum(recs, "killed", "civilians") == 1
    assert _sum(recs, "injured", "children") == 1
    assert _incidents("Forces kill man's brother-in-law") == [] or _sum(_incidents("Forces kill man's brother-in-law"), "killed", "men") is None


def test_injured_only_restatements_merge() -> None:
    text = ("Car bomb injures person in Jarablus\n\n"
            "A car bomb in the village of Tell Battal, near Jarablus, injured a person on Sunday.")
    recs = _incidents(text, "2023-04-10")
    assert _sum(recs, "injured", "total") == 1


def test_a_sentence_stepping_back_in_time_is_background() -> None:
    text = ("On 4 April 2023, a drone struck a car in Amuda, killing 3 people, 1 of whom was a child. "
            "Two days before this attack, a drone struck a bakery in Tell Rifaat, where 7 citizens were injured.")
    recs = _incidents(text, "2023-04-06")
    assert _sum(recs, "killed", "civilians") == 3
    assert _sum(recs, "injured", "civilians") is None


def test_people_total_above_named_civilians_gives_civilians_the_total() -> None:
    text = "A woman was killed and four people of one family were injured, including two girls, in shelling on Afis."
    recs = _incidents(text)
    assert _sum(recs, "injured", "civilians") == 4
    assert _sum(recs, "injured", "children") == 2


def test_event_date_not_the_reporting_date() -> None:
    # 2023-04-10 is a Monday
    text = "The council on Sunday condemned the attack after two farmers were killed in a drone strike on Friday near Tell Tamr."
    recs = _incidents(text, "2023-04-10")
    assert [r.event_date for r in recs] == ["2023-04-07"]


def test_war_wide_figures_are_not_an_incident() -> None:
    text = ("A drone strike killed two civilians near Sarmada on Tuesday.\n\n"
            "One reader wrote that in that whole conflict the militants killed over 3000 people and injured 40,000.")
    recs = _incidents(text)
    assert _sum(recs, "killed", "civilians") == 2
    assert _sum(recs, "killed", "total") is None


def test_civilian_as_an_adjective_is_no_victim() -> None:
    text = "A car bomb in the village of Tell Battal injured a person on Sunday. A drone had targeted a civilian car, causing the injury."
    recs = _incidents(text, "2023-04-10")
    assert _sum(recs, "injured", "total") == 1
    assert _sum(recs, "injured", "civilians") == 1


def test_an_earlier_event_the_report_compares_with_is_background() -> None:
    text = ("A car bomb in the village of Tell Battal injured a person on Sunday.\n\n"
            "This incident comes after three people were killed in Jarablus in a similar car bombing.")
    recs = _incidents(text, "2023-04-10")
    assert _sum(recs, "killed", "total") is None
    assert _sum(recs, "injured", "total") == 1


def test_drivers_and_passengers_are_civilians() -> None:
    recs = _incidents("A drone struck a minibus near Manbij, injuring two drivers and three passengers.")
    assert _sum(recs, "injured", "civilians") == 5


def test_a_man_and_his_wife_but_not_in_front_of_his_son() -> None:
    recs = _incidents("Warplanes struck a house in Kafr Uwayd, killing a man and his wife.")
    assert _sum(recs, "killed", "civilians") == 2
    assert _sum(recs, "killed", "women") == 1
    recs = _incidents("A young man was shot dead in front of his son by gunmen in Tafas.")
    assert _sum(recs, "killed", "children") in (None, 0)  # the son is no victim (0: web16's adults-only rule)
    assert _sum(recs, "killed", "civilians") == 1


def test_a_displaced_family_of_four_is_four() -> None:
    recs = _incidents("Shelling on Ariha killed two residents and a displaced family of four.")
    assert _sum(recs, "killed", "civilians") == 6


def test_comes_after_before_the_victims_only() -> None:
    text = "The strike on Tell Rifaat, which killed three civilians on Sunday, comes after weeks of shelling on the town."
    recs = _incidents(text, "2023-04-10")
    assert _sum(recs, "killed", "civilians") == 3


def test_an_air_strike_by_another_side_inside_a_ground_fight_is_its_own_incident() -> None:
    text = ("SDF fighters clashed with IS militants holding out in the town of al-Shafa. "
            "Coalition warplanes struck IS positions inside the town, killing 7 militants.")
    recs = _incidents(text, "2022-01-23")
    strike = [r for r in recs if r.sub_event_type == "Air/drone strike"]
    assert len(recs) == 2 and len(strike) == 1
    assert strike[0].actor1 == "Global Coalition Against Daesh"
    assert strike[0].killed.fighters is not None and strike[0].killed.fighters.value() == 7
    # the strike hit where the fight was, and says so
    assert strike[0].place.phrase and "al-Shafa" in strike[0].place.phrase
    assert any("place of the fight" in p for p in strike[0].problems)
    # the same side going on fighting stays one incident
    recs = _incidents("Regime forces clashed with rebels on the frontline of Kafr Nabl. 3 soldiers were killed.")
    assert len(recs) == 1


def test_a_headline_adding_up_the_reports_events_is_a_total_not_one_more_incident() -> None:
    """A roundup's headline ("kill eight in two villages") over a strike killing four here and one killing four
    there is their total: stored as an aggregate, so no death is counted twice."""
    text = ("Air strikes kill eight civilians in two villages\n\n"
            "Monitors said two villages in the north were struck by warplanes in recent days.\n\n"
            "On 6 August 2023 an air strike on Kafr Adam killed four civilians, residents said. Rescuers searched the "
            "rubble of two houses.\n\n"
            "On 9 August 2023 another air strike on Tell Bawa killed four civilians, the monitor said.\n\n"
            "No group has commented on the strikes.")
    recs = extract_text(text, "2023-08-10")
    head = [r for r in recs if r.killed.civilians is not None and r.killed.civilians.value() == 8]
    assert len(head) == 1 and head[0].kind == "aggregate"
    assert any(p.startswith("W-HEADLINE-TOTAL") and "4 + 4" in p for p in head[0].problems)
    assert _sum(_incidents(text, "2023-08-10"), "killed", "civilians") in (4, 8)   # never 12


def test_a_later_paragraph_dated_after_the_first_event_is_no_recalled_event() -> None:
    """A paragraph that opens with a date is read as recalling an earlier event; one dated after the report's first
    incident is the next event told, and counts."""
    text = ("Shelling hits two towns\n\n"
            "On 6 August 2023 shells hit the market of Kafr Adam, killing three civilians, residents said.\n\n"
            "On 9 August 2023 shells hit a school in Tell Bawa, killing two civilians, the council said.\n\n"
            "On 1 August 2023 a similar attack had killed one man in the same area.")
    recs = _incidents(text, "2023-08-10")
    assert sorted((r.event_date, r.killed.civilians.value() if r.killed.civilians else None) for r in recs) == [
        ("2023-08-06", 3), ("2023-08-09", 2)]
