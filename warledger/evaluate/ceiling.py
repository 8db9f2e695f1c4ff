"""Ceilings: upper bounds on the Airwars scores that no extractor could pass on a given set.

An Airwars text is scored against the incident Airwars linked it to, but many texts cannot support the
gold value at all: a login wall, a video menu, a page with no date anywhere, a post that names another
belligerent, a toll other than Airwars' own.  A ceiling counts the texts that *could* be scored right by
some extractor, using tests chosen to be generous (anything that might state the value counts), so that a
ceiling below a target shows the target cannot be met on that set, and the gap between warledger's score
and the ceiling shows what is left to win.

- counts (civilians, children, women): Airwars' range includes 0, or some figure in the text (digits,
  number words, nouns that count one, their sum with one other such figure) lies in the range within 150
  characters of a word of that category (``ceiling_victim`` in ``warledger/data/evaluate.tsv``);
- date±1: the text is datable at all: it has a publication date, a URL date (``/2022/01/26/``, a
  Twitter/X post id) or a full date (day, month and year) anywhere in it;
- perpetrator: the text names a family of Airwars' belligerent anywhere (``ceiling_actor``);
- dedup pairs: both texts of a pair are datable (the ledger never merges undated reports: measured
  necessary, see BENCHMARKS.md), with precision taken as 1.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import Any, Optional

from warledger.evaluate.lexicon import belligerent_families, lexicon
from warledger.evaluate.scoring import Line, gold_range

_AR_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ocak|şubat|mart|nisan|mayıs|haziran|temmuz|"
          r"ağustos|eylül|ekim|kasım|aralık|يناير|فبراير|مارس|أبريل|ابريل|إبريل|مايو|يونيو|يوليو|أغسطس|اغسطس|"
          r"سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|كانون|شباط|آذار|اذار|نيسان|أيار|ايار|حزيران|تموز|آب|اب|أيلول|"
          r"ايلول|تشرين)\S*")
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
FULL_DATE = re.compile(
    rf"(?<!\d)\d{{1,2}}\s*(?:[/.\-]\s*)?(?:of\s+)?{_MONTH}(?:[\s,،/]+[^\s\d]+){{0,2}}?[\s,،/]*{_YEAR}(?!\d)"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}(?!\d)"
    rf"|(?<!\d){_YEAR}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d)|(?<!\d)\d{{1,2}}[-/.]\d{{1,2}}[-/.]{_YEAR}(?!\d)", re.I)
_FIGURE_WINDOW = 150
COUNT_METRICS = (("civilians", "civilians"), ("children", "children"), ("women", "women"))


@dataclass
class Ceiling:
    metric: str
    reachable: int
    scored: int

    @property
    def value(self) -> float:
        return self.reachable / self.scored if self.scored else 0.0


def datable(line: Line) -> bool:
    """The text has a publication date, a URL date or a full date anywhere in it."""
    from warledger.extract.dates import url_date
    from warledger.ingest.reader import parse_published

    pub = line.get("published")
    if pub and parse_published(pub, "ceiling", []):
        return True
    if url_date(line.get("url") if isinstance(line.get("url"), str) else None):
        return True
    return FULL_DATE.search(str(line.get("text") or "").translate(_AR_DIGITS)) is not None


_AR_PREFIX = r"(?:(?:[وف]?(?:ب|ل)?ال)|[وفبل]|لل)?"
_AR_DUAL = re.compile(r"[\u0621-\u064a]{2,}(?:ان|ين)$")
_AR_DROP = re.compile(r"[\u0640\u064b-\u0652]")  # tatweel and diacritics ("قـسد", "شهيداً")


def _number_re() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(lexicon().ceiling_number, key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:\d{{1,4}}|{_AR_PREFIX}(?P<w>{words})|(?P<ar>[\u0621-\u064a]+))(?![\w.])", re.I)


def _figures(text: str, category: str) -> list[int]:
    lex = lexicon()
    near = lex.ceiling_victim[category]
    out: list[int] = []
    for m in _number_re().finditer(text):
        tok = m.group(0).lower()
        if tok.isdigit():
            value: Optional[int] = int(tok)
        elif m.group("w"):
            value = lex.ceiling_number.get(m.group("w").lower())
        else:  # another Arabic word: a dual of a victim word counts two
            value = 2 if _AR_DUAL.search(tok) and near.search(tok) else None
        if value is not None and near.search(text, max(0, m.start() - _FIGURE_WINDOW), m.end() + _FIGURE_WINDOW):
            out.append(value)
    return out


def clean(text: str) -> str:
    """Text as the tests read it: Arabic-Indic digits as digits, no tatweel or diacritics."""
    return _AR_DROP.sub("", text.translate(_AR_DIGITS))


def figure_reachable(text: str, category: str, lo: int, hi: int) -> bool:
    """Some figure in the text, or the sum of two, lies in [lo, hi] (0 always can: "none were killed")."""
    if lo <= 0:
        return True
    values = sorted(set(_figures(clean(text), category)))
    if any(lo <= v <= hi for v in values):
        return True
    small = [v for v in values if v <= hi][:60]
    return any(lo <= a + b <= hi for a, b in itertools.combinations(small, 2))


def names_family(text: str, families: set[str]) -> bool:
    text = clean(text)
    return any(fam in families and pat.search(text) for fam, pat in lexicon().ceiling_actor)


def airwars_ceilings(lines: list[Line], failed: Optional[dict[str, set[str]]] = None) -> list[Ceiling]:
    """Ceilings for the Airwars metrics over the set's lines (texts linked to exactly one incident, as the
    scorer counts them).  With ``failed`` (per metric, the ids a system got wrong), a text that system got
    right counts as reachable whatever the tests say: a safety net for figures and names the generous tests
    still miss (Arabic morphology mostly), so a ceiling is never below a score."""
    failed = failed or {}

    def right(metric: str, gid: str) -> bool:
        return metric in failed and gid not in failed[metric]

    counts = {m: Ceiling(m, 0, 0) for m, _ in COUNT_METRICS}
    date_c, perp_c = Ceiling("date±1", 0, 0), Ceiling("perpetrator", 0, 0)
    for g in lines:
        linked = g["gold"].get("incidents") or []
        if len(linked) != 1:
            continue
        gi, text, gid = linked[0], str(g.get("text") or ""), str(g["id"])
        for metric, col in COUNT_METRICS:
            span = gold_range(gi, col + "_killed_min", col + "_killed_max")
            if span is None:
                continue
            lo, hi = span
            c = counts[metric]
            c.scored += 1
            c.reachable += right(metric, gid) or figure_reachable(text, col, lo, hi)
        if gi.get("incident_date"):
            date_c.scored += 1
            date_c.reachable += right("date±1", gid) or datable(g)
        fams = belligerent_families(gi.get("belligerent"))
        if fams:
            perp_c.scored += 1
            perp_c.reachable += right("perpetrator", gid) or names_family(text, fams)
    return [*counts.values(), date_c, perp_c]


def dedup_ceiling(lines: list[Line], gold_clusters: list[list[str]]) -> tuple[int, int, float]:
    """(pairs both of whose texts are datable, all gold pairs, the pairwise F1 that perfect matching of
    exactly those pairs would score)."""
    ok = {str(g["id"]): datable(g) for g in lines}
    total = reach = 0
    for cluster in gold_clusters:
        for a, b in itertools.combinations(sorted(set(cluster)), 2):
            total += 1
            reach += ok.get(a, False) and ok.get(b, False)
    recall = reach / total if total else 0.0
    return reach, total, (2 * recall / (1 + recall) if recall else 0.0)


def ceiling_table(name: str, ceilings: list[Ceiling], scores: dict[str, Any],
                  dedup: Optional[tuple[int, int, float]] = None, dedup_f1: Optional[float] = None) -> str:
    rows = [f"#### Ceilings: `{name}`\n",
            "_texts any extractor could get right (generous tests: `warledger/evaluate/ceiling.py`)_\n",
            "| metric | warledger | ceiling | reachable/scored |", "|---|---:|---:|---:|"]
    for c in ceilings:
        got = scores.get(c.metric)
        rows.append(f"| {c.metric} | {'' if got is None else f'{got:.3f}'} | {c.value:.3f} | {c.reachable}/{c.scored} |")
    if dedup is not None:
        reach, total, f1 = dedup
        rows.append(f"| dedup pair_f1 | {'' if dedup_f1 is None else f'{dedup_f1:.3f}'} | {f1:.3f} | "
                    f"{reach}/{total} pairs |")
    return "\n".join(rows) + "\n"
