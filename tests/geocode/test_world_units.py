"""First-level units of a country no theatre bundle describes: the index's admin1 entries (made by the world
subdivision table) serve as its governorates.  The country "ZQ" and its places are invented."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from warledger.geocode import Geocoder, geocode_report
from warledger.geocode.gazetteer import build_index, load_index
from warledger.geocode.sources import Entry
from warledger.record import Incident, Place, Report


def _e(name: str, lat: float, lon: float, admin1: str, kind: str = "place", alts: tuple[str, ...] = ()) -> Entry:
    return Entry(name=name, latitude=lat, longitude=lon, admin1=admin1, kind=kind, country="ZQ",
                 alternates=list(alts), population=1000)


@pytest.fixture(scope="module")
def zq(tmp_path_factory: pytest.TempPathFactory) -> Geocoder:
    out = tmp_path_factory.mktemp("zq") / "zq.sqlite"
    entries = [_e("Norvale", 10.0, 20.0, "Norvale", "admin1", ("Norvale Province",)),
               _e("Tessaly", 12.0, 22.0, "Tessaly", "admin1"),
               _e("Kestrel", 10.1, 20.1, "Norvale"), _e("Kestrel", 12.1, 22.1, "Tessaly"),
               _e("Amberfield", 12.2, 22.2, "Tessaly"), _e("Sotal", 10.3, 20.3, "Norvale"),
               _e("Brackwater", 12.3, 22.3, "Tessaly")]
    build_index([], str(out), include_builtin=False, include_cities=False, extra=entries)
    return Geocoder(load_index(str(out)), country="ZQ")


def test_a_unit_named_in_the_phrase_restricts_the_place(zq: Geocoder) -> None:
    for phrase, unit in (("Kestrel (Norvale)", "Norvale"), ("Kestrel, Tessaly", "Tessaly"),
                         ("Kestrel town in Norvale province", "Norvale")):
        r = zq.resolution(phrase)
        assert (r.location, r.admin1, r.geo_precision) == ("Kestrel", unit, 1), phrase


def test_a_village_the_gazetteer_lacks_is_put_at_its_unit_as_a_unit(zq: Geocoder) -> None:
    # not "near" the unit's point at precision 2, as if it were a town: precision 3, and said so
    r = zq.resolution("Zorbu village, Norvale province")
    assert (r.admin1, r.geo_precision) == ("Norvale", 3)
    assert any(p.startswith("W-GEO-CENTROID") for p in r.problems)


def test_a_place_moves_to_the_unit_of_its_neighbours_only_as_a_homonym(zq: Geocoder,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    text = "A drone strike hit Sotal, and shells fell near Amberfield."
    rep = Report(id="r", text=text, country="ZQ")
    inc = Incident(kind="incident", span=(0, len(text)))
    inc.place = Place(phrase="Sotal", name="Sotal")
    rep.incidents.append(inc)
    own = zq.resolution

    def lookalike(phrase: str, governorate: str | None = None, alternate: str | None = None):  # type: ignore[no-untyped-def]
        r = own(phrase, governorate, alternate)
        if phrase == "Sotal" and governorate == "Tessaly":  # a loose spelling match of another place's name
            return replace(own("Brackwater"), problems=[])
        return r

    monkeypatch.setattr(zq, "resolution", lookalike)
    geocode_report(rep, zq)
    assert (inc.place.location, inc.place.admin1) == ("Sotal", "Norvale")
