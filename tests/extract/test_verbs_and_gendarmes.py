"""Two conventions of ACLED-style notes from any country (session 20), on invented notes: a named group and the
state's generic forces with a verb between them are two sides ("the X attacked army positions"), not one mention;
gendarmes are the state's police, or the name ACLED gives a gendarmerie where it differs (Turkey, the Comoros)."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.extract.actor_gaps import JOIN_GAP


def first(text: str):  # type: ignore[no-untyped-def]
    return extract_text(text)[0]


def test_a_verb_between_a_group_and_a_generic_word_ends_the_group() -> None:
    assert JOIN_GAP.match(" attacked ") is None and JOIN_GAP.match(" fighters fought ") is None
    assert JOIN_GAP.match(" armed ") is not None and JOIN_GAP.match(" sleeper ") is not None  # "IS armed men"


def test_a_group_that_attacked_army_positions_fought_the_army() -> None:
    inc = first("On 8 March 2024, the RSF attacked army positions south of Kosti (White Nile), "
                "Sudan. Casualties were not reported.")
    assert {inc.actor1, inc.actor2} == {"Rapid Support Forces", "Military Forces of Sudan (2019-)"}


def test_a_group_that_fought_military_troops_fought_the_army() -> None:
    inc = first("On 2 February 2024, Arakan Army fighters fought military troops for a hill post near Kyauktaw "
                "(Rakhine), Myanmar. Casualties were not reported.")
    assert {inc.actor1, inc.actor2} == {"AA: Arakan Army", "Military Forces of Myanmar (2021-)"}


def test_gendarmes_are_the_police_where_acled_names_no_gendarmerie() -> None:
    inc = first("On 3 July 2024, young men in Bejaia (Bejaia), Algeria, burned tyres across the coastal road and "
                "threw stones at gendarmes over power cuts. [size=dozens]")
    assert inc.actor2 == "Police Forces of Algeria (2019-)"


def test_turkey_s_gendarmes_are_its_military_and_the_comoros_gendarmerie_its_own() -> None:
    inc = first("On 5 August 2021, PKK militants fired on a gendarmerie patrol near Semdinli (Hakkari), Turkey, "
                "wounding 3 gendarmes.")
    assert {inc.actor1, inc.actor2} == {"PKK: Kurdistan Workers Party", "Military Forces of Turkey (2016-)"}
    inc = first("On 19 March 2024, youths in Mutsamudu (Anjouan), Comoros, set up barricades and threw stones at "
                "the gendarmes, who fired tear gas. [size=no report]")
    assert inc.actor2 == "Gendarmerie of Comoros (2016-)"


# Named groups of states with no bundle (Burundi, Djibouti) and of bundles that lacked them (Manipur's militias,
# Colombia's FARC dissidents), by the names ACLED gives them.
def test_red_tabara_and_frud_by_acled_s_names() -> None:
    inc = first("On 4 February 2024, RED-Tabara rebels attacked Buganda (Cibitoke), Burundi, killing 6 civilians.")
    assert inc.actor1 == "RED-Tabara: Resistance for the Rule of Law in Burundi"
    inc = first("On 9 October 2023, FRUD rebels attacked an army post near Obock, Djibouti.")
    assert {inc.actor1, inc.actor2} == {"FRUD-Armed: Front for the Restoration of Unity and Democracy (Armed)",
                                        "Military Forces of Djibouti (1999-)"}


def test_kuki_and_meitei_militants_are_two_ethnic_militias() -> None:
    inc = first("On 2 June 2024, armed Kuki and Meitei militants exchanged fire near Moreh (Tengnoupal), Manipur, India.")
    assert {inc.actor1, inc.actor2} == {"Kuki Ethnic Militia (India)", "Meitei Ethnic Militia (India)"}


def test_farc_dissidents_and_the_emc() -> None:
    inc = first("On 2 June 2024, the ELN clashed with FARC dissidents near Saravena (Arauca), Colombia.")
    assert {inc.actor1, inc.actor2} == {"ELN: National Liberation Army", "FARC Dissidents"}
    inc = first("On 2 June 2024, FARC dissidents of the EMC attacked a police post near Jamundi (Valle del Cauca), Colombia.")
    assert inc.actor1 == "FARC-EMC: Revolutionary Armed Forces of Colombia - Central General Staff"
