"""A seeded mutator of warledger's own example reports, and the checks every run must pass (issue 14).

:func:`mutated_reports` yields report dicts (``id``, ``text``, ``published``, ...) made from the bundled
examples (``warledger/examples/bulletins.jsonl``) and a few invented sentences by one or more of the hostile
changes the issue lists; the same seed always gives the same reports.  :func:`check_extract` and
:func:`check_ledger` assert what must hold whatever the input: used by ``tests/fuzz/`` (a few hundred reports,
in CI) and by ``scripts/soak.py`` (ten thousand, SQLite and PostgreSQL)."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

EXAMPLES = Path(__file__).resolve().parents[2] / "warledger" / "examples" / "bulletins.jsonl"
MAX_COUNT = 10_000_000

# invented sentences (our own wording, invented places) mixed into the examples
_INVENTED = (
    "Regime artillery shelled Telmun village in the western countryside of Idlib, killing 4 civilians.",
    "Warplanes carried out 12 air strikes on Ain Qarsa town on 3 May 2022; two children were wounded.",
    "Clashes between the factions near Tell Zorbat left 7 fighters dead, of whom 3 were from the local group.",
    "A landmine exploded west of Deir Malek, injuring a shepherd and his son.",
    "No casualties were reported after the drone attack on Jisr Hadid.",
)


def _seeds() -> list[dict[str, Any]]:
    with EXAMPLES.open(encoding="utf-8") as fh:
        out = [json.loads(line) for line in fh if line.strip()]
    out += [{"id": f"inv-{i}", "text": t, "published": "2022-05-04"} for i, t in enumerate(_INVENTED)]
    return out


def _at(rnd: random.Random, text: str) -> int:
    return rnd.randrange(len(text) + 1)


def _insert(s: str) -> Callable[[random.Random, dict[str, Any]], None]:
    def f(rnd: random.Random, r: dict[str, Any]) -> None:
        i = _at(rnd, r["text"])
        r["text"] = r["text"][:i] + s + r["text"][i:]
    return f


def _sentence(make: Callable[[random.Random], str]) -> Callable[[random.Random, dict[str, Any]], None]:
    def f(rnd: random.Random, r: dict[str, Any]) -> None:
        r["text"] = r["text"] + " " + make(rnd)
    return f


def _published(value: Optional[str]) -> Callable[[random.Random, dict[str, Any]], None]:
    def f(rnd: random.Random, r: dict[str, Any]) -> None:
        r["published"] = value
    return f


def _cut(rnd: random.Random, r: dict[str, Any]) -> None:
    r["text"] = r["text"][:_at(rnd, r["text"])]


def _shuffle_words(rnd: random.Random, r: dict[str, Any]) -> None:
    words = r["text"].split(" ")
    i = rnd.randrange(len(words))
    j = min(len(words), i + rnd.randint(2, 12))
    part = words[i:j]
    rnd.shuffle(part)
    r["text"] = " ".join(words[:i] + part + words[j:])


def _splice(rnd: random.Random, r: dict[str, Any]) -> None:
    t = r["text"]
    a = _at(rnd, t)
    b = min(len(t), a + rnd.randint(1, 400))
    i = _at(rnd, t)
    r["text"] = t[:i] + t[a:b] * rnd.randint(1, 5) + t[i:]


def _byte_noise(rnd: random.Random, r: dict[str, Any]) -> None:
    chars = list(r["text"])
    for _ in range(rnd.randint(1, 20)):
        if chars:
            chars[rnd.randrange(len(chars))] = chr(rnd.choice((rnd.randrange(0, 0x80), rnd.randrange(0x80, 0x2FFF),
                                                              rnd.randrange(0xE000, 0x10FFFF))))
    r["text"] = "".join(chars)


def _no_text(rnd: random.Random, r: dict[str, Any]) -> None:
    r["text"] = rnd.choice(("", " ", "\n\n", "\x00", "<html></html>", "&#0;", "."))


# each kind of hostile change: a name and what it does to one report (in place)
MUTATIONS: dict[str, Callable[[random.Random, dict[str, Any]], None]] = {
    "lone surrogate": _insert("\ud800"),
    "low surrogate": _insert("\udfff"),
    "nul": _insert("\x00"),
    "control characters": _insert("\x07\x1b[2J\x0c\x7f"),
    "bidi and zero-width": _insert("\u202e\u200b\ufeff"),
    "too big for sqlite": _sentence(lambda rnd: f"Warplanes carried out 99999999999999999999 airstrikes on Telmun, "
                                                f"killing {rnd.randint(1, 9)} civilians."),
    "too big for postgres integer": _sentence(lambda rnd: "The shelling of Ain Qarsa left 3,000,000,000 fatalities."),
    "absurd count": _sentence(lambda rnd: f"Regime forces killed {rnd.choice(('5000000', '12,000,000', '987654321'))} "
                                          f"civilians in Tell Zorbat."),
    "negative-looking count": _sentence(lambda rnd: "The strike on Deir Malek killed -5 civilians."),
    "publication date 9999-12-31": _published("9999-12-31"),
    "publication date 0001-01-01": _published("0001-01-01"),
    "publication date not a date": _published("yesterday-ish"),
    "no publication date": _published(None),
    "huge character reference": _insert("&#" + "9" * 3000 + ";"),
    "huge hex reference": _insert("&#x" + "f" * 2000 + ";"),
    "html": _insert("<script>alert(1)</script><p>killed <b>3</b> civilians</p>"),
    "hyphenated capital chain": _insert(" " + "-".join(["Zorbat"] * 80) + " "),
    "blank line run": _insert("\n" * 3000),
    "space line run": _insert(" \n" * 2000),
    "number word run": _insert(" " + " ".join(["two"] * 1500) + " civilians "),
    "casualty group run": _insert("3 civilians and " * 600),
    "cut short": _cut,
    "shuffled words": _shuffle_words,
    "spliced repeat": _splice,
    "character noise": _byte_noise,
    "no text": _no_text,
    "formula id": lambda rnd, r: r.update(id="=HYPERLINK(\"x\")" + r["id"]),
}


def mutated_reports(n: int, seed: int = 14, max_mutations: int = 3) -> Iterator[dict[str, Any]]:
    """``n`` mutated reports, each with a unique id and a ``mutations`` list naming what was done to it.  The
    kinds are dealt in turn (every kind appears once ``n`` reaches their number), extra ones at random."""
    rnd = random.Random(seed)
    seeds = _seeds()
    kinds = list(MUTATIONS)
    for i in range(n):
        base = dict(rnd.choice(seeds))
        chosen = [kinds[i % len(kinds)]] + rnd.sample(kinds, rnd.randint(0, max_mutations - 1))
        for k in chosen:
            MUTATIONS[k](rnd, base)
        base["id"] = f"{base['id']}#{i}"
        base["mutations"] = chosen
        yield base


def _ranges(line: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for what in ("killed", "injured"):
        for cat, r in (line.get(what) or {}).items():
            if r:
                yield f"{what}.{cat}", r
        for g in line.get(f"{what}_groups") or []:
            yield f"{what}_groups.{g.get('group')}", g.get("count") or {}
    if line.get("strikes"):
        yield "strikes", line["strikes"]


def check_extract(reports: list[dict[str, Any]], stdout: bytes) -> list[dict[str, Any]]:
    """Assert ``warledger extract``'s output for ``reports`` is valid UTF-8 JSON lines with evidence offsets
    inside each report's text and every count in 0..10,000,000; returns the parsed lines."""
    texts = {r["id"]: r["text"] for r in reports}
    out = stdout.decode("utf-8")  # raises on invalid UTF-8
    lines = [json.loads(x) for x in out.splitlines() if x.strip()]
    for line in lines:
        rid = line["report_id"]
        assert rid in texts, f"unknown report id {rid!r}"
        n = len(texts[rid])
        for e in line.get("evidence") or []:
            assert 0 <= e["start"] <= e["end"] <= n, f"{rid}: evidence {e} outside the text (length {n})"
        for name, r in _ranges(line):
            for k in ("low", "best", "high"):
                v = r.get(k)
                assert v is None or (isinstance(v, int) and 0 <= v <= MAX_COUNT), f"{rid}: {name}.{k} = {v!r}"
        f = line.get("fatalities")
        assert f is None or (isinstance(f, int) and 0 <= f <= MAX_COUNT), f"{rid}: fatalities = {f!r}"
    return lines


def check_ledger(extracted: list[dict[str, Any]], ledger_lines: list[dict[str, Any]]) -> None:
    """Assert every report with an incident in the extract is also in the ledger, and no ledger count is out
    of range."""
    in_ledger = {rid for line in ledger_lines for rid in line.get("reports") or []}
    wanted = {x["report_id"] for x in extracted if x.get("kind") == "incident"}
    missing = wanted - in_ledger
    assert not missing, f"{len(missing)} reports with incidents are not in the ledger, e.g. {sorted(missing)[:3]}"
    for line in ledger_lines:
        for name, r in _ranges(line):
            for k in ("low", "best", "high"):
                v = r.get(k)
                assert v is None or 0 <= v <= MAX_COUNT, f"ledger {line.get('incident_id')}: {name}.{k} = {v!r}"


def check_stored(reports: list[dict[str, Any]], stored_ids: set[str], ingest_stderr: str) -> None:
    """Assert every report is in the ledger, or was skipped by the reader with a message naming its line."""
    skipped = {int(n) for n in re.findall(r"line (\d+): [^\n]*skipped", ingest_stderr)}
    lost = [r["id"] for i, r in enumerate(reports, 1) if r["id"] not in stored_ids and i not in skipped]
    assert not lost, f"{len(lost)} reports neither stored nor reported as skipped, e.g. {lost[:3]}"
