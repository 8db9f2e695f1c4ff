"""The country of a report: given, or found in its text; never a default."""
from __future__ import annotations

from warledger.extract import extract_text
from warledger.record import Report
from warledger.theatre.country import find_country, settle_country


def test_admin_units_and_country_names_decide() -> None:
    assert find_country("Shelling hit a farm in Idlib countryside.").code == "SY"
    assert find_country("A drone struck a car near Hodeidah port.").code == "YE"
    assert find_country("Protesters gathered in central Basra on Friday.").code == "IQ"
    assert find_country("Villagers in northern Yemen reported shelling.").code == "YE"


def test_a_force_named_by_its_country_is_not_where_it_happened() -> None:
    # "Saudi-led" says who, not where; the governorate says where
    f = find_country("Saudi-led coalition jets struck a depot in Marib.")
    assert f.code == "YE"
    assert "SA" not in dict(f.scores)


def test_two_countries_named_alike_leave_the_country_unknown() -> None:
    f = find_country("Fighters moved from Deir ez-Zor to Anbar after the clashes.")
    assert f.code is None and f.problem is not None and f.problem.startswith("W-COUNTRY-AMBIGUOUS")


def test_nothing_named_means_no_country_not_syria() -> None:
    text = "on the first of the month an unidentified armed group threw a sound bomb injuring two civilians."
    f = find_country(text)
    assert f.code is None and f.problem is not None and f.problem.startswith("W-COUNTRY-NONE")
    for inc in extract_text(text):
        assert inc.place.country is None
        assert "Syria" not in (inc.actor1 or "") + (inc.actor2 or "")


def test_the_given_country_wins_and_is_normalised() -> None:
    r = Report(id="r", text="An explosion injured two civilians.", country="Iraq")
    assert settle_country(r).code == "IQ" and r.country == "IQ"
    r = Report(id="r", text="An explosion injured two civilians.", country="IRQ")
    settle_country(r)
    assert r.country == "IQ"
    r = Report(id="r", text="An explosion in Aleppo.", country="Atlantis")
    settle_country(r)
    assert r.country == "SY" and any(p.startswith("W-COUNTRY-UNKNOWN") for p in r.problems)


def test_actor_names_carry_the_reports_country() -> None:
    incs = extract_text("On 2 May 2022, gunmen shot dead a civilian in Kirkuk city.")
    inc = incs[0]
    assert inc.place.country == "Iraq"
    assert inc.actor1 == "Unidentified Armed Group (Iraq)" and inc.actor2 == "Civilians (Iraq)"


def test_country_option_of_extract(tmp_path) -> None:
    import json
    import subprocess
    import sys
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps({"id": "a", "text": "On 2 May 2021, an explosion injured two civilians."}) + "\n"
                   + json.dumps({"id": "b", "text": "On 2 May 2021, an explosion injured two civilians.",
                                 "country": "Iraq"}) + "\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "warledger.cli", "extract", "--input", str(src), "--country", "YE"],
                         capture_output=True, text=True, timeout=120)
    recs = {r["report_id"]: r for r in map(json.loads, out.stdout.splitlines())}
    assert recs["a"]["country"] == "Yemen" and recs["a"]["actor2"] == "Civilians (Yemen)"
    assert recs["b"]["country"] == "Iraq"  # the report's own country wins over the default


def test_the_coders_statement_of_the_country_beats_places_across_the_border() -> None:
    text = ("ACLED uses a Yemeni location close to the border for events reported just across it. On 3 May 2021 "
            "fighters ambushed a patrol in a desert area of Najran governorate in Saudi Arabia.")
    assert find_country(text).code == "YE"
    assert find_country(text.split(". ", 1)[1]).code != "YE"   # without the statement: the places decide
    assert find_country("On 3 May 2021 a shell hit a farm near Zubrakhiyya; the event is coded to a location "
                        "in Iraq.").code == "IQ"


def test_a_place_given_by_its_bearing_from_a_town_takes_the_towns_country() -> None:
    # the village is unknown; the town it lies northeast of is known in one country only
    f = find_country("On 5 May 2021 gunmen attacked a checkpoint in Zubrakhiyya area northeast Samawah.")
    assert f.code == "IQ"
    assert find_country("On 5 May 2021 gunmen attacked a checkpoint in Zubrakhiyya area.").code is None


def test_a_towns_own_name_outweighs_another_towns_by_name_and_a_big_towns_spelling_family_counts() -> None:
    # "Kut" is the own name of an Iraqi city and only a by-name of a smaller town elsewhere
    assert find_country("On 4 May 2021 teachers protested in Kut city over unpaid wages.").code == "IQ"
    # a spelling of a big city's name that the gazetteer does not list ("Nassriya" for Nasiriyah)
    assert find_country("On 4 May 2021 teachers protested in Nassriya city over unpaid wages.").code == "IQ"
    # an invented name close to nothing big decides nothing
    assert find_country("On 4 May 2021 teachers protested in Zubrakhiyya city over unpaid wages.").code is None


def test_a_units_possessive_names_the_place_a_countrys_names_who() -> None:
    # "Hama's" was read as "Hamas" once the apostrophe was dropped, and the note went to a town of that name abroad
    f = find_country("Fighters stormed two posts in the villages of Hama's northern countryside.")
    assert f.code == "SY"
    f = find_country("Turkey's drones struck a car near Qamishli.")
    assert f.code == "SY" and "TR" not in dict(f.scores)
    assert find_country("Turkey's drones struck a car on the road.").code is None


def test_words_every_country_uses_for_its_forces_name_no_country() -> None:
    # "government forces", "the army", "gunmen" are read by the global bundle for any country: a theatre whose own
    # actor row also reads them (Yemen's government row does) must not win the report by them
    for text in ("Troops of the government forces clashed with gunmen near a hill village; no one was hurt.",
                 "Government forces and militants exchanged fire at a checkpoint. No casualties reported.",
                 "An officer of the security forces was wounded when the army shelled a farm."):
        f = find_country(text)
        assert f.code is None, (text, f)
        assert f.problem is not None and f.problem.startswith("W-COUNTRY-NONE")
    # a theatre's own words for the same forces still name it
    assert find_country("Hadi forces repelled an attack at a hill post.").code == "YE"


def test_a_governorate_in_a_spelling_with_the_article_reduced_to_a_vowel() -> None:
    assert find_country("Two armed groups clashed near a dam in Deir-e-Zor.").code == "SY"


def test_a_towns_name_in_another_language_is_no_sign_of_its_country() -> None:
    # GeoNames lists "Arbin" among Villeurbanne's names (not its own name, nor spelt like it): a note about the
    # Damascus suburb must not be placed in France
    f = find_country("Two armed groups clashed near Arbin; no one was hurt.")
    assert f.code != "FR"
    assert "FR" not in dict(f.scores)
    # a by-name spelt like the town's own name still counts ("Kut" is Al-Kut's)
    assert find_country("A roadside bomb hit a patrol in Kut.").code == "IQ"


def test_a_country_resting_on_a_towns_spelling_alone_is_flagged_as_a_guess() -> None:
    """No country, unit, demonym or armed group named: a town spelt so in one country points there, and the report
    says so (W-COUNTRY-BY-TOWN), so the map can draw its point as a guess; a report naming its country does not."""
    guessed = Report(id="g", text="On 3 March 2021 gunmen attacked a checkpoint in Bamenda, killing two guards.")
    assert settle_country(guessed).code == "CM"
    assert [p for p in guessed.problems if p.startswith("W-COUNTRY-BY-TOWN")]
    named = Report(id="n", text="On 3 March 2021 gunmen attacked a checkpoint in Bamenda, Cameroon, killing two guards.")
    assert settle_country(named).code == "CM"
    assert not [p for p in named.problems if p.startswith("W-COUNTRY-BY-TOWN")]
