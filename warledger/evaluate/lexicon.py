"""The evaluation lexicon (``warledger/data/evaluate.tsv``), loaded and validated once."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from warledger.errors import WarledgerError

SECTIONS = ("family", "belligerent", "admin1", "case", "case_unseen", "baseline_gov", "baseline_sub",
            "baseline_actor", "baseline_capital", "ceiling_actor", "ceiling_victim", "ceiling_number")


@dataclass(frozen=True)
class EvalLexicon:
    families: tuple[tuple[str, re.Pattern[str]], ...]
    belligerents: tuple[tuple[str, str], ...]
    admin1: dict[str, str]
    case_labels: dict[str, str]
    case_unseen: frozenset[str]
    baseline_gov: tuple[tuple[str, str], ...]
    baseline_sub: tuple[tuple[re.Pattern[str], str], ...]
    baseline_actor: tuple[tuple[re.Pattern[str], str], ...]
    baseline_capital: dict[str, tuple[float, float]]
    ceiling_actor: tuple[tuple[str, re.Pattern[str]], ...]
    ceiling_victim: dict[str, re.Pattern[str]]
    ceiling_number: dict[str, int]


@lru_cache(maxsize=1)
def lexicon() -> EvalLexicon:
    name = "warledger/data/evaluate.tsv"
    text = resources.files("warledger.data").joinpath("evaluate.tsv").read_text(encoding="utf-8")
    rows: dict[str, list[tuple[str, str]]] = {s: [] for s in SECTIONS}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or parts[0] not in rows:
            raise WarledgerError(f"{name} line {n}: expected 'section<TAB>key<TAB>value' with a section "
                                 f"among {', '.join(SECTIONS)}; fix or remove the line")
        rows[parts[0]].append((parts[1], parts[2]))

    def rx(p: str, n_hint: str) -> re.Pattern[str]:
        try:
            return re.compile(p, re.I)
        except re.error as exc:
            raise WarledgerError(f"{name}: bad regular expression {p!r} ({n_hint}): {exc}; fix the pattern") from exc

    capitals: dict[str, tuple[float, float]] = {}
    for k, v in rows["baseline_capital"]:
        try:
            lat, lon = (float(x) for x in v.split(","))
        except ValueError as exc:
            raise WarledgerError(f"{name}: baseline_capital {k!r} needs 'latitude,longitude', got {v!r}") from exc
        capitals[k] = (lat, lon)
    numbers: dict[str, int] = {}
    for k, v in rows["ceiling_number"]:
        if not v.isdigit():
            raise WarledgerError(f"{name}: ceiling_number {k!r} needs a whole number, got {v!r}; fix the row")
        numbers[k.lower()] = int(v)
    for s in SECTIONS:
        if not rows[s]:
            raise WarledgerError(f"{name}: section {s!r} is empty; the evaluation needs it")
    return EvalLexicon(
        families=tuple((fam, rx(p, "family")) for fam, p in rows["family"]),
        belligerents=tuple(rows["belligerent"]),
        admin1=dict(rows["admin1"]),
        case_labels=dict(rows["case"]),
        case_unseen=frozenset(k for k, _ in rows["case_unseen"]),
        baseline_gov=tuple(rows["baseline_gov"]),
        baseline_sub=tuple((rx(p, "baseline_sub"), v) for p, v in rows["baseline_sub"]),
        baseline_actor=tuple((rx(p, "baseline_actor"), v) for p, v in rows["baseline_actor"]),
        baseline_capital=capitals,
        ceiling_actor=tuple((fam, rx(p, "ceiling_actor")) for fam, p in rows["ceiling_actor"]),
        ceiling_victim={cat: rx(p, "ceiling_victim") for cat, p in rows["ceiling_victim"]},
        ceiling_number=numbers,
    )


_QUOTES = re.compile(r"[`'\u2019\u2018\"]")
_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an)[- ]")
_NONLETTER = re.compile(r"[^a-z]+")


def ascii_lower(value: object) -> str:
    """``value`` as lower-case ascii, accents dropped (``None`` gives ``""``): the first step of every key."""
    return unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode().lower()


def name_key(value: object) -> str:
    """A place name reduced for comparison: ascii, lower case, Arabic article dropped, letters only.
    ``None`` and ``""`` both give ``""``."""
    s = ascii_lower(value)
    s = _ARTICLE.sub("", _QUOTES.sub("", s))
    return _NONLETTER.sub("", s)


def admin1_key(value: object) -> str:
    """A governorate name reduced to one key per governorate ("Idleb" and "Idlib" agree)."""
    k = name_key(value)
    return lexicon().admin1.get(k, k)


def actor_family(name: Optional[str]) -> Optional[str]:
    """The family of an ACLED-style actor name ("russia", "syria_gov", "rebels", ... or "other");
    None for no actor."""
    s = (name or "").lower()
    if not s:
        return None
    for fam, pat in lexicon().families:
        if pat.search(s):
            return fam
    return "other"


def belligerent_families(label: Optional[str]) -> set[str]:
    """Actor families named by an Airwars belligerent label ("Russian Military" -> {"russia"})."""
    s = (label or "").lower()
    return {fam for word, fam in lexicon().belligerents if word in s}
