"""Actor mentions and actor1/actor2 assignment on short invented bulletins."""
from __future__ import annotations

from warledger.extract.actors import ActorMention, assign_actors, family_of, find_actors
from warledger.extract.classify import classify_event
from warledger.theatre.actors import render

RUSSIA = "Military Forces of Russia (2000-)"
SYRIA = "Military Forces of Syria (2000-)"
CIV = "Civilians (Syria)"


def _named(name: str | None) -> str | None:
    """Names as the records of a Syrian report carry them (the lexicon keeps the country as a template)."""
    return render(name, "SY", 2020)[0]


def pair(text: str) -> tuple[str | None, str | None]:
    ev = classify_event(text)
    a1, a2 = assign_actors(text, 0, len(text), ev)
    return (_named(a1.name) if a1 else None, _named(a2.name) if a2 else None)


def test_seed_style_perpetrators() -> None:
    text = "4 civilians were killed in a massacre committed by the Russian warplanes on Kafr Sajna village."
    assert pair(text) == (RUSSIA, CIV)
    text = "a man was killed in raids by regime’s warplanes on Ihsim town west of Idlib"
    assert pair(text)[0] == SYRIA
    text = "the Russian “guarantor’s” warplanes carried out 40 air strikes on the countryside of Idlib"
    assert pair(text)[0] == RUSSIA


def test_factions_for_fighter_counts() -> None:
    text = ("5 fighters of the National Liberation Front, 2 members of “Jaysh al-Izza” faction and 4 fighters "
            "of al-Sham Corps were killed")
    factions = [m.faction for m in find_actors(text)]
    assert factions == ["National Liberation Front", "Jaysh al-Izza", "Sham Corps"]
    spans = [text[m.start:m.end] for m in find_actors(text)]
    assert spans[0] == "National Liberation Front"


def test_clash_pair_between() -> None:
    a1, a2 = pair("Clashes broke out between regime forces and HTS on the Kabani axis.")
    assert {a1, a2} == {SYRIA, "HTS: Hayat Tahrir al Sham"}


def test_associate_is_not_the_other_side() -> None:
    a1, a2 = pair("SDF fighters backed by coalition helicopters fought IS cells in Dhiban.")
    assert a1 == "QSD: Syrian Democratic Forces"
    assert a2 == "Islamic State (Syria)"


def test_generic_word_folds_into_named_actor() -> None:
    ms = find_actors("IS gunmen attacked a checkpoint.")
    assert [_named(m.name) for m in ms] == ["Islamic State (Syria)"]
    ms = find_actors("Unknown gunmen believed to be IS members shot a soldier.")
    assert _named(ms[0].name) == "Islamic State (Syria)"


def test_unknown_gunmen_and_civilian_victim() -> None:
    assert pair("Unknown gunmen shot dead a farmer in his field near Nawa.") == (
        "Unidentified Armed Group (Syria)", CIV)


def test_umbrella_group() -> None:
    ms = find_actors("The Hamza Division, operating under the Syrian National Army, shelled Tal Tamr.")
    assert ms[0].name == "JWS: Syrian National Army"


def test_same_side_coordination() -> None:
    a1, a2 = pair("Turkish forces and Turkish-backed factions shelled SDF positions near Ain Issa.")
    assert a1 == "Military Forces of Turkey (2016-)"
    assert a2 == "QSD: Syrian Democratic Forces"


def test_weapon_owner_acts_even_when_named_second() -> None:
    a1, a2 = pair("An SDF fighter was killed when a Turkish drone struck his car near Amuda.")
    assert a1 == "Military Forces of Turkey (2016-)"


def test_arabic_aliases() -> None:
    ms = find_actors("قصف صاروخي لقسد على مدينة اعزاز")
    assert [m.name for m in ms] == ["QSD: Syrian Democratic Forces"]


def test_family_of_and_mention_fields() -> None:
    assert family_of(RUSSIA) == "russia"
    assert family_of("No Such Group") == "other"
    m = find_actors("Hezbollah fighters")[0]
    assert isinstance(m, ActorMention) and m.family == "iran" and m.kind == "armed"


def test_no_actor() -> None:
    assert assign_actors("It rained in Homs.", 0, 16, None) == (None, None)
    assert find_actors("") == []


def test_reciprocal_verb_makes_two_sides() -> None:
    a1, a2 = pair("Regime forces and the National Liberation Front exchanged shelling on the Zawiya axis.")
    assert {a1, a2} == {SYRIA, "JTW: National Liberation Front"}


def test_between_with_supporter_then_opponent() -> None:
    a1, a2 = pair("Clashes took place between regime forces supported by pro-regime militiamen and opposition "
                  "rebels near Atareb.")
    assert {a1, a2} == {SYRIA, "Opposition Rebels (Syria)"}


def test_air_support_is_not_a_side_in_a_battle() -> None:
    a1, a2 = pair("Regime forces clashed with IS cells in the Bishri desert amid Russian warplanes conducting "
                  "airstrikes on the area.")
    assert {a1, a2} == {SYRIA, "Islamic State (Syria)"}


def test_lone_side_of_a_battle_gets_an_unidentified_opponent() -> None:
    a1, a2 = pair("The body of an SDF fighter was found with gunshot wounds near Busayrah.")
    assert {a1, a2} == {"QSD: Syrian Democratic Forces", "Unidentified Armed Group (Syria)"}


def test_unit_named_in_text() -> None:
    ms = find_actors("A Northern Falcons Brigade commander was shot dead.")
    assert ms[0].name == "Northern Falcons Brigade" and ms[0].faction == "Northern Falcons Brigade"


def test_believed_and_alliance_phrasings_name_russia() -> None:
    for text in ("Two women were killed by fixed-wing warplanes which we believe were Russian in Maar Shamarin.",
                 "A child was killed in an air strike by warplanes believed to be Russian on Hish town.",
                 "Russian-Syrian alliance forces shelled Kansafra village, killing two civilians.",
                 "The Syrian-Russian alliance warplanes bombed the market of Saraqib, killing five people."):
        assert pair(text)[0] == RUSSIA, text


def test_a_joint_strike_by_the_state_and_a_foreign_ally_names_the_state_first() -> None:
    # ACLED's convention: the theatre's own state forces are actor1, the foreign ally an associate; the ally is
    # never actor2 (the side attacked), whichever of the two the report names first
    for text in ("The regime and its Russian ally bombed Kafr Oweid village, killing three civilians.",
                 "Russian and regime warplanes struck Tell Warda, killing two civilians.",
                 "Regime forces and Russia shelled Kafr Oweid, killing a woman."):
        assert pair(text) == (SYRIA, CIV), text
    assert pair("Russian and regime warplanes carried out strikes on Tell Warda. No losses were reported.") == (
        SYRIA, None)
    assert pair("Russian warplanes struck Tell Warda, killing two civilians.") == (RUSSIA, CIV)  # Russia alone


def test_weapon_owner_and_other_families() -> None:
    assert pair("Three fighters were killed in a Turkish drone strike near Qamishli on Friday.")[0] == \
        "Military Forces of Turkey (2016-)"
    assert family_of(pair("The Kurdish shelling hit the outskirts of Marea town, injuring a child.")[0] or "") == "sdf"
    assert family_of(pair("A US-led coalition airstrike killed four civilians in Hajin.")[0] or "") == "coalition"
    assert family_of(pair("RAF Typhoons carried out air strikes on a building in Raqqa.")[0] or "") == "coalition"
    assert pair("An Israeli strike hit a building near Qatana, killing two.")[0] == "Military Forces of Israel (2009-)"


def test_ground_group_is_the_target_of_warplanes() -> None:
    # Nobody that flies is named: the group is what the warplanes hit, not who flew them.
    a1, a2 = pair("Air strikes hit IS positions near Sukhnah, killing five militants.")
    assert a1 is None and a2 == "Islamic State (Syria)"


def test_one_side_of_a_joint_strike_is_not_also_the_other_side() -> None:
    text = ("About 90 raids by regime's warplanes and the Russian warplanes on Idlib kill 12 civilians, mostly by "
            "Russian strikes")
    a1, a2 = pair(text)
    assert a1 == SYRIA and a2 == CIV


def test_record_inherits_the_lead_attacker() -> None:
    import warledger
    text = ("Russian warplanes escalate their bombing of the southern countryside of Idlib\n\n"
            "Russian warplanes carried out dozens of raids on the area yesterday. "
            "Warplanes struck Kafr Nouran village, killing three civilians including a woman.\n")
    recs = [r for r in warledger.extract(text, published="2020-02-10") if r.place.name]
    rec = next(r for r in recs if "Nouran" in (r.place.name or ""))
    assert rec.actor1 == RUSSIA
    assert any("actor1" in p and ("sentence" in p or "lead" in p) for p in rec.problems)


def test_no_inheritance_when_the_report_names_two_attackers() -> None:
    import warledger
    text = ("Regime and Turkish forces shell villages in Aleppo countryside\n\n"
            "Regime forces shelled Tell Jabin village, killing a child. Turkish forces shelled Tell Rifaat, killing "
            "a man. Shells fell on Kafr Naya village, killing two civilians.\n")
    recs = warledger.extract(text, published="2020-02-10")
    naya = [r for r in recs if "Naya" in (r.place.name or "")]
    assert naya and naya[0].actor1 is None


def test_side_named_before_the_weapon_owner_joins_it() -> None:
    a1, a2 = pair("Russian and Syrian regime warplanes bombed the market of Kafr Nbouda, killing four civilians.")
    assert a1 == SYRIA and a2 == CIV   # one side: the state's own forces first (ACLED), the ally not actor2


def test_gunfire_from_a_side_at_a_civilian_is_an_attack() -> None:
    text = "A young shepherd was killed by gunfire from Turkish border guards near Khirbet al-Joz."
    ev = classify_event(text)
    assert ev is not None and ev.sub_event_type == "Attack"
    assert pair(text) == ("Military Forces of Turkey (2016-)", CIV)


def test_sniper_fire_is_an_attack_or_a_clash_by_its_target() -> None:
    civ = classify_event("SDF snipers shot dead a young man in the town of Busayrah.")
    armed = classify_event("A regime sniper shot dead an HTS fighter on the Kabani front.")
    assert civ is not None and civ.sub_event_type == "Attack"
    assert armed is not None and armed.sub_event_type == "Armed clash"


def test_language_menu_is_not_the_united_states() -> None:
    # a social-media login wall lists its interface languages: "English (US)" names no belligerent
    menu = "English (US)DeutschTürkçeMore languagesSign UpLog In"
    assert not [m for m in find_actors(menu) if "United States" in m.name]
    assert [m for m in find_actors("The US drone struck a car near Atmeh.") if "United States" in m.name]


def test_gunmen_believed_to_be_a_group_and_military_as_an_adjective() -> None:
    a1, _ = pair("Unknown gunmen on a motorbike believed to be IS members shot and wounded an SDF fighter in "
                 "Shaddadi.")
    assert a1 == "Islamic State (Syria)"
    # "military vehicles" describes vehicles; it names no state force
    assert not [m for m in find_actors("The SDF sent twelve military vehicles to Hajin.") if "Syria" in m.name
                and m.family == "syria_gov"]
    assert [m for m in find_actors("The military said it repelled the attack.") if m.family == "gov"]


def test_a_faction_operating_under_an_umbrella_takes_its_name_whom_too() -> None:
    a1, a2 = pair("Clashes took place between JWS whom are operating under OPS and QSD near Tall Tamr.")
    assert a1 == "Operation Peace Spring" and a2 == "QSD: Syrian Democratic Forces"


def test_arabic_group_names_and_exchanges_reported_with_no_casualties() -> None:
    # "Jaysh al-X", "Liwa al-X", "Faylaq al-X" name armed groups even when the lexicon lacks them
    a1, a2 = pair("Jaysh al Nasr Brigade fighters clashed with regime forces near Kafr Nabudah.")
    assert family_of(a1 or "") == "rebels" and a2 == "Military Forces of Syria (2000-)"
    a1, a2 = pair("Liwa al Haqq recaptured Tell Bisin village after clashes with the Syrian army.")
    assert a1 is not None and "Liwa al Haqq" in a1 and a2 == "Military Forces of Syria (2000-)"
    assert pair("FaR fighters clashed with regime forces on the Jobar front.")[0] == "FaR: Al Rahman Corps"


def test_sides_against_an_enemy_and_support_named_later_or_suspected() -> None:
    a1, a2 = pair("Clashes, accompanied by coalition airstrikes, took place between the SDF and US special forces "
                  "against IS fighters near Hajin.")
    assert a1 == "QSD: Syrian Democratic Forces" and a2 == "Islamic State (Syria)"
    a1, a2 = pair("The SDF backed by suspected coalition aerial cover battled IS in Susah.")
    assert a1 == "QSD: Syrian Democratic Forces" and a2 == "Islamic State (Syria)"
    # a later sentence's "shelling by the coalition" does not lead the battle the first sentence told
    a1, a2 = pair("SDF fighters clashed with IS fighters near Baghuz. The clashes were accompanied by shelling by "
                  "coalition forces.")
    assert a1 == "QSD: Syrian Democratic Forces" and a2 == "Islamic State (Syria)"


def test_airstrikes_by_a_supporter_amid_a_battle_do_not_lead_it() -> None:
    a1, a2 = pair("Clashes between the SDF against IS near Tabqa amid airstrikes by coalition jets.")
    assert a1 == "QSD: Syrian Democratic Forces" and a2 == "Islamic State (Syria)"


def test_rebels_under_an_operation_take_its_name_but_not_under_regime_control() -> None:
    a1, a2 = pair("Clashes took place between opposition rebels under OPS and the SDF near Ain Issa.")
    assert a1 == "Operation Peace Spring" and a2 == "QSD: Syrian Democratic Forces"
    names = [m.name for m in find_actors("Rebels attacked villages under regime control near Kabani.")]
    assert "Military Forces of Syria (2000-)" in names and len(names) == 2


def test_descriptions_and_members_of_a_side_are_not_a_second_side() -> None:
    a1, a2 = pair("Turkish forces and their Operation Olive Branch rebel factions clashed with YPG fighters near "
                  "Jinderes.")
    assert a1 == "Military Forces of Turkey (2016-)" and a2 == "YPG: Peoples Protection Units"
    a1, a2 = pair("Olive Branch forces, comprised of rebel fighters, clashed with YPG fighters near Rajo.")
    assert a1 == "Operation Olive Branch" and a2 == "YPG: Peoples Protection Units"


def test_named_group_beats_a_generic_description_and_more_spellings() -> None:
    a1, a2 = pair("Clashes took place between regime forces and opposition rebels, including Hayat Tahrir al-Sham, "
                  "near Kabani.")
    assert a1 == "Military Forces of Syria (2000-)" and a2 == "HTS: Hayat Tahrir al Sham"
    assert pair("Regime forces clashed with JTW near Teftnaz.")[1] == "JTW: National Liberation Front"
    assert pair("Tiger Forces clashed with Islamic States' fighters near Maskanah.")[1] == "Islamic State (Syria)"


def test_the_holder_of_a_target_is_not_the_attacker() -> None:
    assert pair("Regime forces shelled villages controlled by HTS in Jabal al-Zawiya, killing 2 civilians.") == (
        SYRIA, "HTS: Hayat Tahrir al Sham")
    a1, a2 = pair("SDF fighters stormed a building held by IS militants in Hajin, killing 3 of them.")
    assert (a1, a2) == ("QSD: Syrian Democratic Forces", "Islamic State (Syria)")
    # a true passive agent still acts
    assert pair("Two civilians were killed by Russian warplanes in Kafr Nabl.") == (RUSSIA, CIV)


def test_a_foreign_state_before_the_group_it_backs_is_an_associate() -> None:
    a1, a2 = pair("Overnight, Turkey backed JWS units and YPG fighters fought for a hill west of Kaljibrin.")
    assert {a1, a2} == {"JWS: Syrian National Army", "YPG: Peoples Protection Units"}
    # an umbrella before the group it backs is the side ACLED names
    a1, a2 = pair("QSD backed Menbij Military Council fighters fought off opposition rebels near Arima.")
    assert "QSD: Syrian Democratic Forces" in (a1, a2)


def assoc(text: str) -> tuple[list[str | None], list[str | None]]:
    """ACLED's assoc_actor_1 and assoc_actor_2 of the event in ``text`` (issue 11: always empty before)."""
    from warledger.extract.actors import associates

    ev = classify_event(text)
    a1, a2 = assign_actors(text, 0, len(text), ev)
    x1, x2 = associates(text, 0, len(text), a1, a2)
    return [_named(m.name) for m in x1], [_named(m.name) for m in x2]


def test_a_backer_named_after_its_side_is_that_sides_associate() -> None:
    text = "Regime forces supported by pro-regime militiamen shelled the farms of Tell Warda, killing a shepherd."
    assert pair(text)[0] == SYRIA and assoc(text) == (["Militia (Pro-Government)"], [])
    # the backer of the other side of a clash goes with that side, not with the first one
    text = "Clashes broke out between HTS fighters and regime forces backed by Russian warplanes near Tell Warda."
    a1, a2 = pair(text)
    got = dict(zip((a1, a2), assoc(text)))
    assert got[SYRIA] == [RUSSIA] and got["HTS: Hayat Tahrir al Sham"] == []


def test_a_backer_named_before_its_side_and_a_partner_named_with_it() -> None:
    text = "Turkish forces and Turkey-backed factions shelled Tell Warda village, wounding two children."
    a1, _ = pair(text)
    assert a1 == "Military Forces of Turkey (2016-)" and assoc(text)[0] == ["JWS: Syrian National Army"]
    text = "Turkey backed JWS fighters clashed with regime forces on the Tell Warda front."
    a1, a2 = pair(text)
    got = dict(zip((a1, a2), assoc(text)))
    assert got["JWS: Syrian National Army"] == ["Military Forces of Turkey (2016-)"] and got[SYRIA] == []


def test_no_associates_without_backing_words() -> None:
    assert assoc("Russian warplanes struck Tell Warda village, killing 3 civilians.") == ([], [])
    assert assoc("Clashes broke out between regime forces and HTS on the Tell Warda axis.") == ([], [])


def test_a_change_to_a_group_or_a_new_base_has_one_actor() -> None:
    # ACLED codes these strategic developments with the acting side only: the force that deployed or set up a
    # post; a side merely named beside it ("towards regime positions") is no actor2
    for text in ("Turkish forces sent reinforcements to their positions facing regime forces near Tell Warda.",
                 "Turkish forces set up a new military post near Kafr Oweid, close to regime positions."):
        ev = classify_event(text)
        assert ev is not None and ev.sub_event_type in ("Change to group/activity", "Headquarters or base established")
        assert pair(text) == ("Military Forces of Turkey (2016-)", None), text


def test_a_side_striking_alongside_is_not_the_side_attacked() -> None:
    # "X struck A amid Y shelling A": Y strikes beside X, it is not what X attacked; with Y the state's own forces
    # and X a foreign ally, ACLED names the state first
    text = ("Russian warplanes carried out strikes on Tell Warda amid regime helicopters dropping barrel bombs "
            "on the town. No losses were reported.")
    assert pair(text) == (SYRIA, None)
    battle = "Regime forces clashed with HTS fighters near Tell Warda amid Russian strikes on the area."
    assert pair(battle) == (SYRIA, "HTS: Hayat Tahrir al Sham")  # in a battle the sides stay as they were


def test_a_patron_named_after_pro_is_not_the_actor() -> None:
    # "pro-Turkey factions" are the patron's proxies, not its army: the patron's name is no mention of its own
    a1, _ = pair("Pro-Turkey rebel factions shelled Tell Warda, killing a shepherd.")
    assert a1 == "Opposition Rebels (Syria)"
    a1, _ = pair("Pro-Turkey rebel factions which operate under Operation Peace Spring shelled Tell Warda.")
    assert a1 == "Operation Peace Spring"   # the umbrella they operate under is the side ACLED names


def test_an_arrest_of_people_no_group_is_named_for_detains_civilians() -> None:
    text = "On 3 March 2021, regime security forces arrested 12 young men in a village near Homs for unknown reasons."
    assert classify_event(text).sub_event_type == "Arrests"  # type: ignore[union-attr]
    assert pair(text)[1] == CIV
