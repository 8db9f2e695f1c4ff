"""Web pages with no publication date: an archive photo's caption is not the report, and a day resolved against
a date the text merely mentions is flagged as a guess (invented pages)."""
from __future__ import annotations

from warledger import extract
from warledger.record import Incident

def _figures(inc: Incident) -> set[int]:
    """Every killed figure of a record (best, low or high of any category)."""
    rs = [inc.killed.get(c) for c in ("total", "civilians", "children", "women", "men", "fighters")]
    return {v for r in rs if r is not None for v in (r.low, r.best, r.high) if v is not None}


_ARTICLE = (
    "Drone strike hits a car near the river crossing\n\n"
    "On Friday, a drone struck a car near the village of Tell Hamra, killing two men who were in it.\n\n"
    "Local medics said a third passenger was wounded.\n\n"
)


def test_a_dated_caption_of_a_current_photo_is_kept() -> None:
    # no archive mark: the caption's day may be the event's own (agencies date current photos too)
    page = ("Smoke over the old prison\n\nSmoke rises over the prison in Tell Hamra on January 25, 2022, as fighting "
            "goes on. (Photo: Wire Agency/Staff Photographer)\n\nClashes went on for a fifth day on Tuesday.\n")
    assert any(i.event_date and i.event_date.startswith("2022-01") for i in extract(page))


def test_an_agency_file_caption_is_skipped() -> None:
    for caption in ("FILE - Soldiers stand beside a burned truck in Kabul, Aug. 29, 2021, after a drone strike that "
                    "killed ten people.",
                    "Soldiers stand beside a burned truck in Kabul, Aug. 29, 2021, after a drone strike that killed ten "
                    "people. (Agency Photo/Photographer Name, File)"):
        incs = extract(_ARTICLE + caption + "\n")
        assert incs, "the article's own strike is still read"
        assert not any(10 in _figures(i) or (i.place.name and "Kabul" in i.place.name) for i in incs)
        assert all(i.event_date is None or not i.event_date.startswith("2021") for i in incs)


def test_a_day_counted_from_the_latest_mentioned_date_is_flagged_as_a_guess() -> None:
    page = ("Shelling kills three in the north\n\n"
            "Shelling on August 10 killed three civilians in the village of Tell Hamra.\n\n"
            + "Residents said the shells came from the south and fell on houses and a school near the water tower. " * 3
            + "\n\nThe ceasefire agreed on 5 March 2020 has not held, monitors said.\n")
    inc = next(i for i in extract(page) if i.place.name == "Tell Hamra")
    assert inc.event_date == "2019-08-10"  # the last August 10 before the only full date the page gives
    assert any(p.startswith("W-DATE-REF-GUESSED") and "2020-03-05" in p for p in inc.problems)


def test_a_day_counted_from_a_date_at_the_top_is_flagged_too() -> None:
    page = "5 March 2020\n\nShelling on Tuesday killed three civilians in the village of Tell Hamra.\n"
    (inc,) = [i for i in extract(page) if i.kind == "incident"]
    assert inc.event_date == "2020-03-03"
    assert any(p.startswith("W-DATE-REF-GUESSED") and "top of the report" in p for p in inc.problems)


def test_a_day_counted_from_the_publication_date_is_not_flagged() -> None:
    page = "Shelling on August 10 killed three civilians in the village of Tell Hamra.\n"
    (inc,) = [i for i in extract(page, published="2020-09-01") if i.kind == "incident"]
    assert inc.event_date == "2020-08-10"
    assert not any(p.startswith("W-DATE-REF-GUESSED") for p in inc.problems)
