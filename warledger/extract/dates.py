"""Dates as reports write them, resolved against the publication date.

"On 2 June 2023", "June 12, 2023", "2023-06-02", "06/02/2023" (month first unless only day first is a date or
lies before publication), "on the 4th of November", "yesterday", "this morning", "on Sunday",
"since the second of this month" (a range up to the reference date), "in 5 days" (a range).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Iterable, Iterator, Optional, Protocol, Sequence

from warledger.extract.jump import Jumped
from warledger.extract.scanner import guarded
from warledger.extract.segment import bound_to_paragraph, crosses_paragraph
from warledger.record import Incident, late_day_problem

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
for _m, _i in list(MONTHS.items()):
    MONTHS[_m[:3]] = _i
MONTHS["sept"] = 9
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
     "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
     "nineteenth", "twentieth"], 1)}
ORDINALS.update({"twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
                 "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
                 "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31})
NUMWORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

_MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
        r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)")
MONTH_PATTERN = _MON  # a month name or its abbreviation, lower case (compile with re.I)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_NOT_DIGIT = re.compile(r"\D")
_ORD = r"(?:%s)" % "|".join(sorted(ORDINALS, key=len, reverse=True))
_SINCE = r"(?P<since>\b(?:since|from|starting|beginning)\s+(?:on\s+)?)?"
# tried only where a date can begin (jump.Jumped: a word start such as "since", "the", a month, or a digit)
_DATE_RE = Jumped(guarded(re.compile(
    _SINCE + r"(?:"
    r"\b(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d)\b"
    r"|(?<![\d/.])(?P<n1>[0-3]?\d)(?P<sep>[/.])(?P<n2>[0-3]?\d)(?P=sep)(?P<y5>(?:19|20)\d\d)(?![\d/])"
    r"|\b(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>" + _MON + r")(?:[,،]?\s+(?P<y2>(?:19|20)\d\d)\b)?"
    r"|\b(?P<m3>" + _MON + r")\s+(?:the\s+)?(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\b(?:[,،]?\s+(?P<y3>(?:19|20)\d\d)\b)?"
    r"|\bthe\s+(?P<d4>[0-3]?\d(?:st|nd|rd|th)?|" + _ORD + r")\s+of\s+(?P<m4>" + _MON + r"|this\s+month|the\s+current\s+month|the\s+month)"
    r"|\b(?P<rel>the\s+day\s+before\s+yesterday|yesterday|today|tonight|last\s+night|this\s+(?:morning|evening|afternoon|night|dawn)|earlier\s+today|at\s+dawn\s+today)\b"
    # a weekday that only qualifies the date after it ("on Tuesday 10 June", "Tuesday, June 10") is that date's
    r"|\b(?:on\s+|last\s+)(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"(?![,،]?[ \t]+(?:the[ \t]+)?[0-3]?\d(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?" + _MON
    + r"|[,،]?[ \t]+" + _MON + r"[ \t]+(?:the[ \t]+)?[0-3]?\d)"
    r"|\b(?P<ago>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+ago\b"
    r"|\b(?:(?:in|during|over)\s+(?:the\s+(?:past|last)\s+)?(?P<ndays>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+days\b"
    r"|(?P<ndays2>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+days\s+of\b)"
    r")", re.I)))
_FULL_DATE_RE = guarded(re.compile(
    r"(?<![\d/.])(?P<n1>[0-3]?\d)(?P<sep>[/.])(?P<n2>[0-3]?\d)(?P=sep)(?P<y5>(?:19|20)\d\d)(?![\d/])|"
    r"\b(?:(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>" + _MON + r")[,،]?\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?P<m3>" + _MON + r")\s+(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?[,،]?\s+(?P<y3>(?:19|20)\d\d)"
    r"|(?P<y1>(?:19|20)\d\d)-(?P<m1>[01]\d)-(?P<d1>[0-3]\d))\b", re.I))


class _Searchable(Protocol):
    def search(self, text: str, pos: int = ..., endpos: int = ..., /) -> Optional[re.Match[str]]: ...


def unbroken(rx: _Searchable, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of a date pattern in ``text[start:end]`` that hold no paragraph break ("12\\n\\nMay 2021" is no
    date), left to right: a match over a break is dropped and the search goes on from the character after its start,
    so a date inside it ("12\\n\\nMay 4, 2021") is still found.  The patterns stay as written: bound whitespace
    runs (segment.bound_to_paragraph) looked ahead through a whole run of blanks at every blank, 6 CPU-s on a count
    followed by 20,000 blanks."""
    pos = start
    while pos <= end:
        m = rx.search(text, pos, end)
        if m is None:
            return
        if crosses_paragraph(text, m.start(), m.end()):
            pos = m.start() + 1
            continue
        yield m
        pos = m.end() if m.end() > m.start() else m.start() + 1


_SINCE_BEFORE = bound_to_paragraph(re.compile(r"\bsince\b[^.;:]*$", re.I))


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    earliest: date
    latest: date
    precision: int            # ACLED time_precision: 1 day, 2 within a week or so, 3 a month or more
    rule: str
    since: bool = False
    from_ref: bool = False    # resolved against the reference date (its year, or the whole day), not stated in full

    @property
    def day(self) -> Optional[date]:
        return self.earliest if self.earliest == self.latest else None


# the years a publication date may name: "0001-01-01" or "9999-12-31" is a placeholder, not a date a report was
# published on, and date arithmetic (a day either side) overflows at the calendar's ends
PUBLISHED_YEARS = (1900, 2099)


def parse_iso(s: Optional[str]) -> Optional[date]:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


# the problems of a record whose clause states no date of its own (the report's date, none, or one from elsewhere)
DATE_NOT_STATED = ("W-DATE-REPORT:", "W-DATE-UNKNOWN:", "W-DATE-ELSEWHERE:")


def published_problem(published: Optional[str]) -> Optional[str]:
    """Why ``published`` cannot date the report's relative dates, or None when it can (or is not given)."""
    if not published:
        return None
    p = parse_iso(published)
    if p is None:
        return f"W-PUBLISHED-INVALID: publication date {published!r} is not a date (YYYY-MM-DD): relative dates left unresolved"
    if not PUBLISHED_YEARS[0] <= p.year <= PUBLISHED_YEARS[1]:
        return (f"W-PUBLISHED-RANGE: publication date {published!r} lies outside the years {PUBLISHED_YEARS[0]}-"
                f"{PUBLISHED_YEARS[1]}: a placeholder, not used; relative dates left unresolved")
    return None


def _mk(y: int, m: int, d: int) -> Optional[date]:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _before(ref: date, m: int, d: int) -> Optional[date]:
    """The latest date with month ``m`` and day ``d`` on or shortly after ``ref`` (reports look back)."""
    cand = _mk(ref.year, m, d)
    if cand is None:
        return None
    if cand > ref + timedelta(days=2):
        cand = _mk(ref.year - 1, m, d)
    return cand


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?:/|$|[-_.])")
_SNOWFLAKE = re.compile(r"(?:twitter|x)\.com/[^/]+/status(?:es)?/(\d{15,20})")


def url_date(url: Optional[str]) -> Optional[date]:
    """A publication date a URL carries: ``/2022/01/26/`` paths, or a post id on Twitter/X (a snowflake
    id holds its creation time: milliseconds since 2010-11-04 shifted left 22 bits)."""
    if not url:
        return None
    m = _URL_DATE.search(url)
    if m:
        return _mk(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _SNOWFLAKE.search(url)
    if m:
        ms = (int(m.group(1)) >> 22) + 1288834974657
        if ms > 1288834974657 + 86400000:
            return date(1970, 1, 1) + timedelta(milliseconds=ms)
    return None


# the date a social-media page prints on a post, often glued to the author's name: "accountOctober 27, 2024 ·"
# blanks of one line between its words (a post's dateline): no paragraph break, and linear over a run of blanks
_POST_DATE = re.compile(r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[^\S\n]+(\d{1,2}),[^\S\n]+((?:19|20)\d\d)(?!\d)")
POST_HEADER = 600  # characters from the top of the body in which a post's own date is looked for


def post_date(text: str, start: int, end: int) -> Optional[date]:
    """The first English "Month D, YYYY" date in ``text[start:end]`` (on a post page, the post's own date)."""
    m = _POST_DATE.search(text, start, end)
    return None if m is None else _mk(int(m.group(3)), MONTHS.get(m.group(1).lower(), 0), int(m.group(2)))


def post_year_fix(ref: Optional[date], text: str, start: int, end: int) -> Optional[date]:
    """The post's own date when the page prints one with the day and month of ``ref`` but another year:
    a publication date whose year was guessed (pages print "January 15" for posts of the current year)."""
    if ref is None:
        return None
    own = post_date(text, start, min(end, start + POST_HEADER))
    if own is not None and (own.month, own.day) == (ref.month, ref.day) and own.year != ref.year:
        return own
    return None


def post_year_problem(published: object, own: date) -> str:
    """The problem note for a publication date replaced by :func:`post_year_fix`."""
    return (f"W-PUBLISHED-YEAR: publication date {published!r} differs from the post's own date {own.isoformat()} only in its "
            "year: the post's date is used")


def _outside(skip: Sequence[tuple[int, int]], ms: Iterator[re.Match[str]]) -> Iterator[re.Match[str]]:
    return (m for m in ms if not any(a <= m.start() < b for a, b in skip))


def reference_date(text: str, start: int, end: int, published: Optional[str], url: Optional[str] = None,
                   skip: Sequence[tuple[int, int]] = ()) -> tuple[Optional[date], Optional[str]]:
    """The date relative expressions resolve against: ``published``, else a date in the URL, else a dated
    line at the top of the text, else the latest full date the text mentions (a report is never older).
    A post page's own date beats a publication date that differs from it only in the year.  Dates inside the
    ``skip`` spans (page furniture: an archive photo's caption, a sidebar) are not the report's."""
    p = parse_iso(published) if published_problem(published) is None else None
    if p is not None:
        own = post_year_fix(p, text, start, end)
        if own is not None:
            return own, "post-header"
        return p, "published"
    u = url_date(url)
    if u is not None:
        return u, "URL"
    m = next(_outside(skip, unbroken(_FULL_DATE_RE, text, start, min(end, start + 300))), None)
    if m:
        d = _full(m)
        if d is not None:
            return d, "dateline"
    latest = None
    for m in _outside(skip, unbroken(_FULL_DATE_RE, text, start, end)):
        d = _full(m)
        if d is not None and (latest is None or d > latest):
            latest = d
    return (latest, "latest stated") if latest else (None, None)


def numeric_date(a: int, b: int, year: int, ref: Optional[date] = None, dayfirst: bool = False
                 ) -> tuple[Optional[date], str]:
    """A date written with numbers only, "a/b/year": month first (MM/DD/YYYY, as bulletins and databases in
    English write it; day first for "a.b.year", ``dayfirst``) unless only the other reading is a date
    (13/02/2020) or only it lies on or before the publication date.  (date, rule); None when neither is."""
    if dayfirst:
        d, rule = numeric_date(b, a, year, ref)
        return d, rule.replace("month first (MM/DD/YYYY)", "day first (DD.MM.YYYY)")
    mdy, dmy = _mk(year, a, b), _mk(year, b, a)
    if mdy is not None and dmy is not None and mdy != dmy and ref is not None:
        before = [d for d in (mdy, dmy) if d <= ref + timedelta(days=1)]
        if len(before) == 1:
            return before[0], "numeric date, the reading on or before publication"
    if mdy is not None:
        return mdy, "numeric date, month first (MM/DD/YYYY)"
    if dmy is not None:
        return dmy, "numeric date, day first (DD/MM/YYYY: no month " + str(a) + ")"
    return None, "numeric date"


def _full(m: re.Match[str]) -> Optional[date]:
    g = m.groupdict()
    if g.get("y5"):
        return numeric_date(int(g["n1"]), int(g["n2"]), int(g["y5"]), dayfirst=g["sep"] == ".")[0]
    for k in ("1", "2", "3"):
        if g.get("y" + k):
            mon = g["m" + k]
            mi = int(mon) if mon.isdigit() else MONTHS.get(mon.lower().rstrip("."))
            return _mk(int(g["y" + k]), mi or 0, int(g["d" + k])) if mi else None
    return None


def _num(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else NUMWORDS.get(s, 0)


def find_dates(text: str, start: int, end: int, ref: Optional[date]) -> tuple[list[DateMention], list[str]]:
    """Every date mention in ``text[start:end]`` that can be resolved, and problems for those that cannot."""
    out: list[DateMention] = []
    problems: list[str] = []
    for m in unbroken(_DATE_RE, text, start, end):
        g = m.groupdict()
        since = bool(g.get("since"))
        d: Optional[date] = None
        rule = ""
        from_ref = True  # the branches with a year or a full date say otherwise
        try:
            if g["y1"]:
                d, rule, from_ref = _mk(int(g["y1"]), int(g["m1"]), int(g["d1"])), "iso date", False
            elif g["y5"]:
                d, rule = numeric_date(int(g["n1"]), int(g["n2"]), int(g["y5"]), ref, g["sep"] == ".")
                from_ref = False
            elif g["m2"] or g["m3"]:
                k = "2" if g["m2"] else "3"
                mi = MONTHS.get(g["m" + k].lower().rstrip("."))
                dd = int(_NOT_DIGIT.sub("", g["d" + k]))
                if g["y" + k]:
                    d, rule, from_ref = _mk(int(g["y" + k]), mi or 0, dd), "day month year", False
                elif ref is not None and mi:
                    d, rule = _before(ref, mi, dd), "day month, year from reference date"
                elif mi and g["m" + k].lower() == "may" and k == "3":
                    continue  # "may 3" is too often the verb
                else:
                    problems.append(f"W-DATE-NO-YEAR: date {m.group(0).strip()!r} has no year and the report has no publication date")
                    continue
            elif g["m4"]:
                ds = g["d4"].lower()
                dd = ORDINALS.get(ds) or int(re.sub(r"\D", "", ds))
                mon = g["m4"].lower()
                if ref is None:
                    problems.append(f"W-DATE-NEEDS-PUBLISHED: date {m.group(0).strip()!r} needs the publication date, which is unknown")
                    continue
                if mon.startswith(("this", "the")):
                    d, rule = _mk(ref.year, ref.month, dd), "day of this month"
                else:
                    d, rule = _before(ref, MONTHS.get(mon.rstrip("."), 0), dd), "day of month"
            elif g["rel"] or g["wd"] or g["ago"]:
                if ref is None:
                    problems.append(f"W-DATE-NEEDS-PUBLISHED: relative date {m.group(0).strip()!r} needs the publication date, which is unknown")
                    continue
                if g["rel"]:
                    r = re.sub(r"\s+", " ", g["rel"].lower())
                    back = 2 if "before" in r else 1 if r in ("yesterday", "last night") else 0
                    d, rule = ref - timedelta(days=back), r
                elif g["wd"]:
                    back = (ref.weekday() - WEEKDAYS[g["wd"].lower()]) % 7
                    d, rule = ref - timedelta(days=back), "weekday"
                else:
                    d, rule = ref - timedelta(days=_num(g["ago"])), "days ago"
            elif g["ndays"] or g["ndays2"]:
                if ref is None:
                    continue
                n = max(_num(g["ndays"] or g["ndays2"]), 1)
                out.append(DateMention(m.start(), m.end(), ref - timedelta(days=n - 1), ref, 2, "in n days", from_ref=True))
                continue
        except ValueError:
            d = None
        if d is None:
            problems.append(f"W-DATE-IMPOSSIBLE: impossible date {m.group(0).strip()!r}")
            continue
        if not since and _SINCE_BEFORE.search(text, max(start, m.start() - 70), m.start()):
            since = True
        if since and ref is not None and d <= ref:
            span = (ref - d).days
            out.append(DateMention(m.start(), m.end(), d, ref, 2 if span <= 7 else 3, "since " + rule, True, True))
        else:
            out.append(DateMention(m.start() + len(g["since"] or ""), m.end(), d, d, 1, rule, from_ref=from_ref))
    return out, problems


def flag_late_dates(published: Optional[str], records: Iterable[Incident], received: Optional[date] = None) -> None:
    """Give each record dated later than :func:`warledger.record.late_day_problem` allows (after its report's
    publication; with none, after the day after ``received``, the day the report was received) that problem; the day
    is kept as the report states it, for an analyst to correct."""
    for inc in records:
        day = inc.event_date or (inc.date_range[0] if inc.date_range else None)
        why = late_day_problem(day, published, today=received)
        if why is not None and not any(p.split(":", 1)[0] == why.split(":", 1)[0] for p in inc.problems):
            inc.problems.append(why)
