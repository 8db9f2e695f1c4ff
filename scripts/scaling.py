"""Extraction time per character at growing text sizes (issue 14: it must stay flat from 10 KB to 10 MB).

    python scripts/scaling.py                       # invented text only (no data outside the repository)
    python scripts/scaling.py --real ../shared/data/eval/airwars_en_dev.jsonl   # also a dev text, repeated

Each text is one report made by repeating varied invented sentences (or one real report's text) to the size;
the figure is CPU seconds of ``warledger.extract.extract_text`` divided by the length.  A size whose run
exceeds --max-seconds is stopped and shown as such (the ratio to the 10 KB figure says what is super-linear).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import signal
import sys
from typing import Iterator, Optional

SIZES = (10_000, 100_000, 1_000_000, 10_000_000)
_PLACES = ("Kafr Telmun", "Ain Zarqa", "Tell Bazan", "Deir Malek", "al-Hamra", "Abu Nasr", "Jisr Hadid", "Maarat Surin")
_GOVS = ("Idlib", "Aleppo", "Hama", "Deir ez-Zor", "Raqqa", "Daraa")
_MONTHS = ("January", "March", "May", "July", "September", "November")


def invented(seed: int = 14) -> Iterator[str]:
    """An endless stream of varied invented report sentences (our own wording, invented places)."""
    rnd = random.Random(seed)
    while True:
        p, g, m = rnd.choice(_PLACES), rnd.choice(_GOVS), rnd.choice(_MONTHS)
        n, k, d = rnd.randint(1, 40), rnd.randint(1, 9), rnd.randint(1, 28)
        yield rnd.choice((
            f"Warplanes struck {p} village in the southern countryside of {g} on {d} {m} 2021, killing {n} civilians including {k} children.",
            f"Regime artillery shelled the town of {p}, wounding {n} people.",
            f"Clashes broke out between the factions near {p} in rural {g}; {k} fighters were killed.",
            f"A landmine exploded on the road west of {p}, injuring {k} shepherds.",
            f"The total number of people killed since the start of {m} has risen to {n * 7}.",
            f"Drone attack on a car in {p} killed {k} members of a local group and injured {n} others.",
            f"{n} shells fell on residential areas of {p} on {m} {d}, 2021, damaging a school.",
        ))
        if rnd.random() < 0.2:
            yield "\n\n"


def text_of(size: int, seed_text: Optional[str]) -> str:
    parts: list[str] = []
    total = 0
    source = invented() if seed_text is None else iter(lambda: seed_text + "\n\n", None)
    for s in source:
        parts.append(s if s == "\n\n" or seed_text is not None else s + " ")
        total += len(parts[-1])
        if total >= size:
            break
    return "".join(parts)[:size]


class _Stop(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Stop()


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def measure(text: str, max_seconds: float) -> Optional[float]:
    from warledger.extract import extract_text
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, max_seconds)
    c = cpu()
    try:
        extract_text(text, "2021-12-31")
        return cpu() - c
    except _Stop:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", metavar="JSONL", help="also repeat the longest English text of this dev file")
    ap.add_argument("--sizes", default=",".join(str(s) for s in SIZES), help="comma-separated sizes in characters")
    ap.add_argument("--max-seconds", type=float, default=600.0, help="stop one size after this many seconds")
    a = ap.parse_args(argv)
    sizes = [int(s) for s in a.sizes.split(",")]
    kinds: list[tuple[str, Optional[str]]] = [("invented", None)]
    if a.real:
        with open(a.real, encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh]
        kinds.append(("real: " + a.real.rsplit("/", 1)[-1], max((t for t in texts if t.isascii()), key=len, default=texts[0])))
    for _, seed_text in kinds:  # load and compile the lexicons each text reads before timing anything
        measure(text_of(5000, seed_text), max_seconds=120)
    print("| text | size (chars) | CPU s | µs per char | vs first size |")
    print("|---|---:|---:|---:|---:|")
    for name, seed_text in kinds:
        first: Optional[float] = None
        for size in sizes:
            t = measure(text_of(size, seed_text), a.max_seconds)
            if t is None:
                print(f"| {name} | {size:,} | > {a.max_seconds:g} | - | - |", flush=True)
                break
            per = t / size * 1e6
            first = per if first is None else first
            print(f"| {name} | {size:,} | {t:.2f} | {per:.2f} | {per / first:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
