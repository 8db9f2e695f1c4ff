"""Counts and dates as reports write them (invented phrases)."""
from __future__ import annotations

from datetime import date

import pytest

from warledger.extract.dates import find_dates, reference_date, url_date
from warledger.extract.numbers import parse_quantity, words_value
from warledger.record import Range


@pytest.mark.parametrize("phrase,expected", [
    ("9", Range(9, 9, 9)),
    ("four", Range(4, 4, 4)),
    ("thirty-two", Range(32, 32, 32)),
    ("one hundred and twelve", Range(112, 112, 112)),
    ("2,400", Range(2400, 2400, 2400)),
    ("a", Range(1, 1, 1)),
    ("more than 40", Range(41, None, None)),
    ("at least 17", Range(17, None, None)),
    ("about 75", Range(None, 75, None)),
    ("nearly 30", Range(None, None, 30)),
    ("up to 6", Range(None, None, 6)),
    ("dozens", Range(12, 12, None)),
    ("tens", Range(10, 10, None)),
    ("between 3 and 5", Range(3, None, 5)),
])
def test_quantities(phrase: str, expected: Range) -> None:
    assert parse_quantity(phrase).range == expected


def test_unknown_quantity_has_no_figure_and_says_why() -> None:
    q = parse_quantity("a large number")
    assert q.range is None and q.problem and "large number" in q.problem


def test_words_value_rejects_non_numbers() -> None:
    assert words_value("seventy-one") == 71
    assert words_value("several") is None


def _dates(text: str, published: str | None) -> list:
    ref, _ = reference_date(text, 0, len(text), published)
    return find_dates(text, 0, len(text), ref)[0]


def test_relative_dates_resolve_against_publication() -> None:
    text = "Warplanes struck yesterday, and on Tuesday, and on the 3rd of this month, and on 28 December."
    ds = _dates(text, "2021-01-07")  # a Thursday
    got = [(text[d.start:d.end], d.day) for d in ds]
    assert got == [("yesterday", date(2021, 1, 6)), ("on Tuesday", date(2021, 1, 5)),
                   ("the 3rd of this month", date(2021, 1, 3)), ("28 December", date(2020, 12, 28))]


def test_since_gives_a_range_up_to_publication() -> None:
    ds = _dates("Since the fifth of this month the strikes killed 9 people.", "2021-03-09")
    assert len(ds) == 1 and ds[0].day is None
    assert (ds[0].earliest, ds[0].latest) == (date(2021, 3, 5), date(2021, 3, 9))


def test_full_dates_need_no_publication_and_impossible_ones_are_reported() -> None:
    text = "On 14 March 2022, shelling hit the town. On 31 February 2022 nothing happened."
    ds, problems = find_dates(text, 0, len(text), None)
    assert [d.day for d in ds] == [date(2022, 3, 14)]
    assert any("31 February" in p for p in problems)


def test_relative_date_without_publication_is_a_problem_not_a_guess() -> None:
    ds, problems = find_dates("The drone struck yesterday.", 0, 27, None)
    assert ds == [] and problems


def test_url_dates() -> None:
    assert url_date("https://example.org/news/2021/04/09/drone-strike/") == date(2021, 4, 9)
    assert url_date("https://example.org/item?id=77") is None


def test_a_post_date_beats_a_publication_date_that_differs_only_in_the_year() -> None:
    from warledger.extract import extract_text

    text = ("Aleppo Monitor\nMarch 3, 2021 · Shared with Public\n"
            "Three civilians were killed today in shelling on the town of Sarmin.")
    recs = [r for r in extract_text(text, published="2022-03-03") if r.kind == "incident"]
    assert [r.event_date for r in recs] == ["2021-03-03"]
    # another day and month: the publication date stands (a post may be shared days later)
    recs = [r for r in extract_text(text, published="2022-03-05") if r.kind == "incident"]
    assert [r.event_date for r in recs] == ["2022-03-05"]
    arabic = "صفحة محلية\nMarch 3, 2021 · Shared with Public\nمقتل ثلاثة مدنيين اليوم بقصف مدفعي على بلدة سرمين بريف إدلب"
    recs = [r for r in extract_text(arabic, published="3 مارس 2022") if r.kind == "incident"]
    assert [r.event_date for r in recs] == ["2021-03-03"]


def test_numeric_dates_month_first_unless_only_day_first_fits() -> None:
    from datetime import date

    from warledger.extract.dates import find_dates

    def one(text: str, ref: date | None = None) -> date:
        found, _ = find_dates(text, 0, len(text), ref)
        assert len(found) == 1, (text, found)
        return found[0].earliest

    assert one("04/07/2021: a mortar shell fell on a bakery.") == date(2021, 4, 7)   # MM/DD/YYYY
    assert one("On 11/28/2019 two shepherds were wounded.") == date(2019, 11, 28)
    assert one("25/03/2020: gunmen stormed a clinic.") == date(2020, 3, 25)          # only day first is a date
    assert one("03/05/2022 - raid reported", date(2022, 3, 20)) == date(2022, 3, 5)  # May 3 is after publication
    assert one("Posted 07.09.2018, a convoy was hit.") == date(2018, 9, 7)           # dots: day first
    found, _ = find_dates("build 2/31/2020/7", 0, 17, None)
    assert found == []


@pytest.mark.parametrize("text,expected", [
    ("The raid took place on Tuesday 10 June over a farm.", date(2025, 6, 10)),
    ("Jets struck on Friday, June 6, near the mill.", date(2025, 6, 6)),
    ("Shelling resumed on Sunday the 4th of May.", date(2025, 5, 4)),
])
def test_a_weekday_before_a_date_is_that_dates_not_the_last_such_weekday(text: str, expected: date) -> None:
    ms, _ = find_dates(text, 0, len(text), date(2025, 7, 12))
    assert [m.earliest for m in ms] == [expected]


@pytest.mark.parametrize("text,expected", [
    ("A drone hit a car on Tuesday, the governor said.", date(2025, 7, 8)),
    ("On Monday 3 shells fell on the market.", date(2025, 7, 7)),
])
def test_a_weekday_alone_is_still_the_last_such_weekday(text: str, expected: date) -> None:
    ms, _ = find_dates(text, 0, len(text), date(2025, 7, 12))
    assert [m.earliest for m in ms] == [expected]
