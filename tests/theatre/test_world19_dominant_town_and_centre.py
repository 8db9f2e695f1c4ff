"""A town named bare points to a country when that country's town of the name is five times as populous as any other
country's (Norway's Bergen against the Dutch town, Ireland's Limerick against the American one), still flagged as a
guess, and ten times when the other bears the name only as a by-name ("Saida" of Sidon); and "the centre of X", "the city center of X", "the heart of X" name the town X.  Invented wording."""
from __future__ import annotations

from warledger.extract.places import find_places
from warledger.theatre import country as C

# rows as places_named gives them: (key, folded name, country, population, kind, admin1 code, main name folded)
ROWS = [("k", "velmora", "ZQ", 120_000, "town", "01", "velmora"),
        ("k", "velmora", "ZR", 18_000, "town", "05", "velmora")]


def test_a_town_six_times_bigger_than_its_namesake_names_its_country() -> None:
    assert C._town_country("Velmora", ROWS, 10_000) == "ZQ"
    # a namesake a third the size still decides nothing
    close = [ROWS[0], ("k", "velmora", "ZR", 40_000, "town", "05", "velmora")]
    assert C._town_country("Velmora", close, 10_000) is None
    # a namesake known by the name only as a by-name (weighed a tenth: 30,000 of its 300,000) needs ten times still
    byname = [ROWS[0], ("k", "velmora", "ZR", 300_000, "town", "05", "velmorane")]
    assert C._town_country("Velmora", byname, 10_000) is None
    assert C._town_country("Velmora", [ROWS[0], byname[1][:3] + (100_000,) + byname[1][4:]], 10_000) == "ZQ"


def test_bergen_and_limerick_named_bare() -> None:
    assert C.find_country("On 2 May 2024, nurses picketed the regional hospital in Bergen over pay.").code == "NO"
    assert C.find_country("On 2 May 2024, tenants rallied in Limerick over rent rises.").code == "IE"


def _names(text: str) -> list[str]:
    return [p.name for p in find_places(text, 0, len(text))]


def test_the_centre_of_a_town_names_the_town() -> None:
    assert _names("On 2 May 2024, a missile hit the centre of Poltava, killing three people.") == ["Poltava"]
    assert _names("Farmers drove their tractors into the city center of Bordeaux on Monday.") == ["Bordeaux"]
    assert _names("A car bomb exploded in the heart of Mogadishu.") == ["Mogadishu"]
    # after a name, "centre" is a facility's word, not a town's middle
    assert "Health" not in _names("Gunmen looted the Kalma Health centre on Monday.")


def test_a_unit_of_a_country_whose_bundle_lists_no_units_names_it() -> None:
    # Pakistan's bundle holds its actors, not its units: its provinces are named by the world table
    assert C.find_country("On 2 May 2024, a bomb went off outside a school in Khyber Pakhtunkhwa.").code == "PK"
    assert C.find_country("On 2 May 2024, gunmen shot dead two teachers in a village in Balochistan.").code == "PK"
