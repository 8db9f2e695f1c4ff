"""Geocoding speed on a synthetic gazetteer:  ``python -m warledger.geocode.bench [--places 50000]``.

Builds an index of invented names (random syllables, random points in Syria's bounding box, eight
governorates), then resolves distinct phrases of the shapes reports use ("X village in the southern
countryside of Idlib", "near X", …), one fifth of them names absent from the index, uncached.
Prints the build time, the load time and lookups per second of CPU time on one core.
"""
from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

from warledger.geocode import Geocoder
from warledger.geocode.gazetteer import build_index, load_index

SYLLABLES = ("ka", "fr", "ma", "ar", "ta", "tal", "deir", "jis", "sha", "ghu", "bu", "ni", "za", "ra", "qa", "su",
             "hal", "bab", "kh", "yar", "mi", "nu", "da", "ba", "ham", "lat")
GOVERNORATES = ("Idleb", "Aleppo", "Hama", "Homs", "Ar Raqqa", "Deir ez Zor", "Dara", "Lattakia")
SHAPES = ("{} village in the southern countryside of {}", "{} town in {} countryside", "near {}", "{}", "al-{} area, {}")


def run(places: int = 50_000, phrases: int = 20_000, seed: int = 7) -> dict[str, float]:
    rnd = random.Random(seed)
    names: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "synthetic.tsv"
        with open(tsv, "w", encoding="utf-8") as f:
            f.write("name\tlatitude\tlongitude\tadmin1\tadmin2\tadmin3\tkind\tsource\n")
            for i in range(places):
                n = " ".join("".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(2, 3))).capitalize()
                             for _ in range(rnd.randint(1, 2)))
                names.append(n)
                f.write(f"{n}\t{32.5 + rnd.random() * 4.5:.4f}\t{35.8 + rnd.random() * 6:.4f}\t"
                        f"{rnd.choice(GOVERNORATES)}\tD{i % 60}\tS{i % 270}\tplace\tsynthetic\n")
        out = str(Path(tmp) / "index.sqlite")
        t = time.perf_counter()
        build_index([str(tsv)], out, include_cities=False)
        build_s = time.perf_counter() - t
        t = time.perf_counter()
        geocoder = Geocoder(load_index(out))
        load_s = time.perf_counter() - t
    queries: list[str] = []
    for _ in range(phrases):
        n = rnd.choice(names) if rnd.random() < 0.8 else "Qq" + "".join(rnd.choice(SYLLABLES) for _ in range(3))
        shape = rnd.choice(SHAPES)
        queries.append(shape.format(n, rnd.choice(("Idlib", "Hama", "Aleppo"))) if shape.count("{}") == 2
                       else shape.format(n))
    queries = list(dict.fromkeys(queries))
    t = time.process_time()  # CPU time of this process: other programs on the machine do not count
    for q in queries:
        geocoder.resolver.resolve(q)  # uncached
    lookup_s = time.process_time() - t
    return {"places": places, "build_s": build_s, "load_s": load_s, "lookups": len(queries),
            "lookups_per_s": len(queries) / lookup_s}


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--places", type=int, default=50_000)
    ap.add_argument("--phrases", type=int, default=20_000)
    args = ap.parse_args(argv)
    r = run(args.places, args.phrases)
    print(f"index of {r['places']:,} places built in {r['build_s']:.1f}s, loaded in {r['load_s']:.2f}s; "
          f"{r['lookups']:,} distinct phrases at {r['lookups_per_s']:,.0f} lookups per CPU second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
