"""The headline a news URL carries in its path ("/ar/استشهاد-3-أطفال-في-قصف-..." or "/turkish-drone-kills-two-..."):
read when the page itself holds no article (a menu, a ticker of other headlines, a cookie wall) and yields no
record.  Many news sites (Hawar, Baladi, most Western outlets) put the article's headline, hyphenated, in the
address; it is the publisher's own words, so an incident read from it is no invention.  Its evidence has no
offsets in the report's text: each is moved to the text's start with an empty quote and the URL's words in its
rule, and the record says where it comes from (``W-URL-HEADLINE``)."""
from __future__ import annotations

import re
from typing import Callable, Optional
from urllib.parse import unquote, urlsplit

from warledger.record import Evidence, Incident, Report

_WORD = re.compile(r"[^\W\d_]{2,}")
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?)$", re.I)
_MIN_WORDS = 4  # letter words in a path segment for it to be a headline, not a slug of one or two words or an id


def url_headline(url: Optional[str]) -> Optional[str]:
    """The headline in ``url``'s path, its hyphens read as spaces; None when no path segment has four words."""
    if not url:
        return None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    best: Optional[str] = None
    for seg in path.split("/"):
        seg = _EXTENSION.sub("", seg)
        parts = [p for p in re.split(r"[-_+]+", seg) if p]
        if sum(1 for p in parts if _WORD.fullmatch(p)) < _MIN_WORDS:
            continue
        words = " ".join(parts)
        if best is None or len(words) > len(best):
            best = words
    return best


def headline_records(report: Report, read: Callable[[Report], Report]) -> list[Incident]:
    """Records read (by ``read``, the extractor of a report) from the headline in ``report.url``, their evidence
    moved to offset 0 with the URL's words in its rule; [] when the URL carries no headline or it states nothing."""
    words = url_headline(report.url)
    if words is None or report.text == words:  # (the headline's own report: no second reading)
        return []
    sub = Report(id=report.id, text=words, published=report.published, url=report.url, source=report.source,
                 language=report.language, country=report.country)
    read(sub)
    out = []
    for inc in sub.incidents:
        inc.evidence = [Evidence(e.field, 0, 0, "", f"{e.rule}; in the URL's headline: {e.text!r}") for e in inc.evidence]
        inc.span = (0, 0)
        inc.problems.append(f"W-URL-HEADLINE: the page holds no article: this record is read from the headline its "
                            f"URL carries ({words!r}); its evidence is in the URL, not the text")
        out.append(inc)
    return out
