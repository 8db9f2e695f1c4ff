"""Cleaning: HTML to text, and the span of a report that is the report's own words.

Plain text is never rewritten, so evidence offsets always point into the text the user gave.  HTML is
converted to text once (block elements become line breaks, scripts, styles, navigation and footers
are dropped); from then on that text *is* the report's ``text`` and offsets point into it.

Page furniture ("Related Articles", "Prev Post", share buttons, embed boilerplate) is described in
``warledger/data/furniture.tsv``: ``end`` lines close the report's body, ``skip`` lines are blanked
for extraction by :func:`furniture_lines`.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from importlib import resources
from typing import Optional

from warledger.errors import InputError
from warledger.record import Report

_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
          "section", "article", "blockquote", "pre", "hr", "dd", "dt", "figcaption", "title"}
_DROP = {"script", "style", "noscript", "nav", "footer", "aside", "form", "button", "svg", "iframe",
         "header", "template", "select"}
_HTML_SNIFF = re.compile(r"<\s*(html|body|p|div|br|article|span|a\s|h[1-6]|!doctype)\b", re.I)


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compile the furniture lexicon once: (end-of-body pattern, skip-line pattern)."""
    ends: list[str] = []
    skips: list[str] = []
    text = resources.files("warledger.data").joinpath("furniture.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, _, pattern = line.partition("\t")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InputError(f"warledger/data/furniture.tsv line {n}: bad pattern {pattern!r}: {exc}") from exc
        if kind not in ("end", "skip"):
            raise InputError(f"warledger/data/furniture.tsv line {n}: kind must be 'end' or 'skip', not {kind!r}")
        (ends if kind == "end" else skips).append(pattern)
    return (re.compile(r"^(?:%s)$" % "|".join(ends), re.I), re.compile(r"^(?:%s)$" % "|".join(skips), re.I))


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page or fragment rather than plain prose."""
    head = text[:2000]
    return bool(_HTML_SNIFF.search(head)) and head.count("<") >= 2


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag in _DROP:
            self.dropping += 1
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
        if tag in _BLOCK and not self.dropping:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP:
            self.dropping = max(0, self.dropping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one block per line.  Broken HTML is read as far as it goes."""
    parser = _TextExtractor()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; anything it still rejects falls back to tag stripping
        return html.unescape(re.sub(r"<[^>]*>", " ", markup))
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


SIDEBAR_MAX_LEAD = 400      # an end marker after a title this short may open a sidebar, not end the body
SIDEBAR_LOOKAHEAD = 25      # lines searched after such a marker for the article's prose
PROSE_LINE = 200            # a line this long is a paragraph of prose, not a headline


@lru_cache(maxsize=64)
def _layout(text: str) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """(body start, body end, furniture spans inside the body), from one scan of the lines.

    An end-of-article line ("Related News") normally closes the body.  When it comes right after a
    title (less than SIDEBAR_MAX_LEAD characters of content, none of it a paragraph of prose) and a
    paragraph of prose follows the headline list within SIDEBAR_LOOKAHEAD lines, it opens a sidebar
    instead: the marker and the headlines are skipped and the body goes on with the prose.
    """
    end_pat, skip_pat = _furniture()
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        lines.append((pos, line))
        pos += len(line)
    start: Optional[int] = None
    seen_prose = False
    skips: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        lpos, line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        if start is None:
            if not skip_pat.match(stripped) and not end_pat.match(stripped):
                start = lpos
        elif end_pat.match(stripped):
            prose = None
            if lpos - start < SIDEBAR_MAX_LEAD and not seen_prose:
                prose = next((j for j in range(i + 1, min(i + 1 + SIDEBAR_LOOKAHEAD, len(lines)))
                              if len(lines[j][1].strip()) >= PROSE_LINE), None)
            if prose is None:
                return start, lpos, tuple(skips)
            skips.append((lpos, lines[prose][0]))
            i = prose
            continue
        elif skip_pat.match(stripped):
            skips.append((lpos, lpos + len(line)))
        if len(stripped) >= PROSE_LINE:
            seen_prose = True
        i += 1
    if start is None:
        return len(text), len(text), ()
    return start, len(text), tuple(skips)


def body_span(text: str) -> tuple[int, int]:
    """The span of ``text`` that is the report itself: from its first line that is not furniture up to
    the first end-of-article line ("Related Articles", "Next Post", ...) that follows some content."""
    start, end, _ = _layout(text)
    return start, end


def furniture_lines(text: str, start: int = 0, end: Optional[int] = None) -> list[tuple[int, int]]:
    """Spans inside ``text[start:end]`` that are page furniture (share buttons, sidebars of other
    headlines), for extraction to skip."""
    end = len(text) if end is None else end
    return [(a, b) for a, b in _layout(text)[2] if a >= start and b <= end]


def clean_report(report: Report) -> Report:
    """Convert HTML to text (once) and set ``report.body``.  Adds a problem when nothing is left."""
    if report.body is not None:
        return report
    if looks_like_html(report.text):
        report.text = html_to_text(report.text)
        report.problems.append("W-HTML-CONVERTED: input was HTML: converted to text; evidence offsets refer to the converted text")
    report.body = body_span(report.text)
    if not report.text[report.body[0]:report.body[1]].strip():
        report.problems.append("W-TEXT-EMPTY: report has no text to extract from (empty, or only page furniture)")
    return report
