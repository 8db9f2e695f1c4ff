"""Evidence highlighting, done on the server from the stored offsets.

Offsets are Python code points into the report's text; JavaScript counts UTF-16 units, so slicing in
the browser would drift on emoji and some scripts.  Here the text is cut in Python and each piece is
HTML-escaped, so a report's own markup (``<script>``, ``onerror=``) is only ever text.

Every evidence span becomes one ``<mark>`` whose text is exactly ``text[start:end]`` and which carries
``data-start``, ``data-end`` and ``data-fields``; when the evidence carries a ``label`` (what was read
from the words, for a page that shows several records' evidence at once), the mark's ``title`` lists the
labels and its ``data-tags`` their ``tag`` values (the records' short names).  Spans that share offsets
share one mark; a span inside another nests inside its mark.  Two spans that cross (each starts inside
the other) cannot both be elements: the later one is cut at the earlier one's end and its parts are
marked ``data-part``; its first part carries the whole span's ``id``, so that a link to its words lands
where they begin.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Any, Iterable, Optional


@dataclass
class Span:
    start: int
    end: int
    fields: list[str] = field(default_factory=list)
    part: bool = False
    anchor: Optional[tuple[int, int]] = None   # a first part: the whole span's start and end, for its id
    children: list["Span"] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def _spans(text: str, evidence: Iterable[dict[str, Any]]) -> list[Span]:
    by_range: dict[tuple[int, int], Span] = {}
    for ev in evidence:
        s, e = ev.get("start"), ev.get("end")
        if not isinstance(s, int) or not isinstance(e, int) or not 0 <= s < e <= len(text):
            continue
        span = by_range.setdefault((s, e), Span(s, e))
        for key, seen in (("field", span.fields), ("label", span.labels), ("tag", span.tags)):
            value = str(ev.get(key) or "")
            if value and value not in seen:
                seen.append(value)
    return sorted(by_range.values(), key=lambda sp: (sp.start, -sp.end))


def _nest(spans: list[Span]) -> list[Span]:
    """Spans -> a forest by containment; a crossing span is cut at its container's end."""
    roots: list[Span] = []
    stack: list[Span] = []
    queue = list(spans)
    while queue:
        sp = queue.pop(0)
        while stack and stack[-1].end <= sp.start:
            stack.pop()
        if stack and sp.end > stack[-1].end:  # crosses its container: cut, the rest goes on later
            top = stack[-1]
            rest = Span(top.end, sp.end, list(sp.fields), part=True, labels=sp.labels, tags=sp.tags)
            sp = Span(sp.start, top.end, list(sp.fields), part=True, labels=sp.labels, tags=sp.tags,
                      anchor=None if sp.part else (sp.start, sp.end))
            queue.append(rest)
            queue.sort(key=lambda x: (x.start, -x.end))
        (stack[-1].children if stack else roots).append(sp)
        stack.append(sp)
    return roots


TAG = re.compile(r"([A-Za-z]+)(\d+)")


def tag_text(tags: list[str]) -> str:
    """Tags as a mark shows them, a run of numbers collapsed: ["I1", "C1", "C2", "C3", "C7"] -> "I1 C1–C3 C7"."""
    out: list[str] = []
    run: list[tuple[str, int]] = []

    def flush() -> None:
        if run:
            (p, a), (_, b) = run[0], run[-1]
            out.append(f"{p}{a}" if a == b else (f"{p}{a} {p}{b}" if b == a + 1 else f"{p}{a}–{p}{b}"))
            run.clear()

    for tag in tags:
        m = TAG.fullmatch(tag)
        if m and run and run[-1][0] == m.group(1) and run[-1][1] + 1 == int(m.group(2)):
            run.append((m.group(1), int(m.group(2))))
            continue
        flush()
        if m:
            run.append((m.group(1), int(m.group(2))))
        else:
            out.append(tag)
    flush()
    return " ".join(out)


def mark_id(prefix: str, start: int, end: int) -> str:
    """The ``id`` of the mark of the words at start..end in the report whose marks carry ``prefix``: the
    incident page's quotes link to it."""
    return f"{prefix}-{start}-{end}"


def _render(text: str, spans: list[Span], lo: int, hi: int, out: list[str], prefix: str = "",
            outer_tags: tuple[str, ...] = ()) -> None:
    at = lo
    for sp in spans:
        out.append(escape(text[at:sp.start]))
        attrs = f' data-start="{sp.start}" data-end="{sp.end}" data-fields="{escape(" ".join(sp.fields))}"'
        if prefix and (not sp.part or sp.anchor):
            attrs += f' id="{escape(mark_id(prefix, *(sp.anchor or (sp.start, sp.end))))}"'
        attrs += f' title="{escape("; ".join(sp.labels) if sp.labels else ", ".join(sp.fields))}"'
        if sp.tags and not set(sp.tags) <= set(outer_tags):   # inside a mark of the same records: said once
            attrs += f' data-tags="{escape(tag_text(sp.tags))}"'
        if sp.part:
            attrs += ' data-part="1"'
        out.append(f"<mark{attrs}>")
        _render(text, sp.children, sp.start, sp.end, out, prefix, outer_tags + tuple(sp.tags))
        out.append("</mark>")
        at = sp.end
    out.append(escape(text[at:hi]))


def highlight(text: str, evidence: Iterable[dict[str, Any]], prefix: str = "") -> str:
    """``text`` as escaped HTML with a ``<mark>`` around the words at each evidence span; with a
    ``prefix``, each whole mark has the id :func:`mark_id` gives, for a link to it."""
    out: list[str] = []
    _render(text, _nest(_spans(text, evidence)), 0, len(text), out, prefix)
    return "".join(out)
