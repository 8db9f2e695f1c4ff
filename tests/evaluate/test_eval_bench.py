"""warledger bench on the built-in example reports (no ../shared needed)."""
from __future__ import annotations

from typing import Callable, Optional

from warledger.evaluate.bench import BenchResult, _measure, bench_table, bench_texts, run_bench


def test_bench_texts_fall_back_to_examples() -> None:
    texts, where = bench_texts(None, 12)
    assert len(texts) == 12 and "built-in example reports" in where
    assert len({rid for rid, _, _ in texts}) == 12


def test_bench_measures_warledger_and_blank_tokenizer() -> None:
    results, _ = run_bench(None, n=10, memory=True)
    names = [r.name for r in results]
    assert names[0].startswith("warledger") and any("blank" in n for n in names)
    ours = results[0]
    assert ours.reports == 10 and ours.words > 0 and ours.seconds > 0 and ours.peak_mb is not None
    table = bench_table(results)
    assert "1.00x" in table  # warledger against itself


def test_bench_table_ratio_and_missing_system() -> None:
    rs = [BenchResult("warledger", 100, 1000, 1.0, 1.0), BenchResult("other", 100, 1000, 5.0, 2.0),
          BenchResult("absent", 0, 0, 0.0, None, "not installed")]
    table = bench_table(rs)
    assert "5.00x" in table and "not installed" in table


def test_bench_command_writes_its_section(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from warledger.cli import main

    out = tmp_path / "BENCHMARKS.md"
    assert main(["bench", "--n", "6", "--eval-dir", str(tmp_path), "--no-memory", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "built-in example reports" in printed and "reports/s" in printed
    body = out.read_text(encoding="utf-8")
    assert "warledger bench --n 6" in body and "--no-memory" in body
    assert "<!-- warledger bench: begin" in body and "| warledger extract (in-process) |" in body


def test_bench_ratio_is_taken_on_cpu_time_when_measured() -> None:
    """On a shared machine wall time counts other jobs' turns: the ratio uses CPU time, the wall ratio is beside it."""
    rs = [BenchResult("warledger", 100, 1000, 2.0, None, cpu_seconds=1.0),
          BenchResult("other", 100, 1000, 4.0, None, cpu_seconds=8.0)]
    table = bench_table(rs)
    assert "CPU time" in table and "| 8.00x | 2.00x |" in table
    texts: list[tuple[str, str, Optional[str]]] = [("t1", "some words " * 2000, None), ("t2", "more words " * 2000, None)]
    busy = _measure("busy", lambda: (lambda rid, text, pub: sorted(text.split())), texts, 8000, memory=False)
    assert busy.cpu_seconds is not None and busy.cpu_seconds > 0


def test_the_cpu_time_of_each_dev_set_of_the_mix() -> None:
    texts: list[tuple[str, str, Optional[str]]] = [("alpha.jsonl:1", "one text", None),
                                                   ("alpha.jsonl:2", "two texts", None), ("beta.jsonl:7", "three", None)]

    def make() -> Callable[[str, str, Optional[str]], object]:
        return lambda rid, text, pub: text.split()
    r = _measure("toy", make, texts, 6, memory=False)
    assert {k: v[0] for k, v in r.per_set.items()} == {"alpha.jsonl": 2, "beta.jsonl": 1}
    assert all(c >= 0.0 for _, c in r.per_set.values())
    table = bench_table([r])
    assert "CPU milliseconds per text, by dev set: toy: alpha " in table and ", beta " in table


def test_warledger_fills_its_disk_caches_in_a_child_before_the_timed_pass(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A first bench on a new cache folder builds each country's geocoding tables on disk: a one-time cost that
    belongs before the timed pass (spaCy's model load is not timed either); but this process reads the timed
    texts for the first time in the timed pass, as it would new texts (no memo of them from a warm-up)."""
    import warledger.evaluate.bench as bench

    calls: dict[str, int] = {}
    filled: list[int] = []
    made = bench._measure

    def counting(name, make, texts, words, memory, warm=5):  # type: ignore[no-untyped-def]
        def wrapped():  # type: ignore[no-untyped-def]
            run = make()

            def once(rid, text, pub):  # type: ignore[no-untyped-def]
                calls[name] = calls.get(name, 0) + 1
                return run(rid, text, pub)
            return once
        return made(name, wrapped, texts, words, memory, warm)

    monkeypatch.setattr(bench, "_measure", counting)
    monkeypatch.setattr(bench, "fill_disk_caches", lambda texts, memory: (filled.append(len(texts)), (8, 9.5))[1])
    results, _ = run_bench(None, n=8, memory=True)
    ours = next(k for k in calls if k.startswith("warledger"))
    blank = next(k for k in calls if "blank" in k)
    # warledger: the child's pass (memory traced there), then five and the timed eight here; spaCy's systems
    # trace their memory over the texts in this process (they keep no memo of a text)
    assert filled == [8] and calls[ours] == 5 + 8 and calls[blank] == 8 + 5 + 8
    assert results[0].peak_mb == 9.5


def test_the_disk_caches_are_filled_in_a_child_process() -> None:
    from warledger.evaluate.bench import fill_disk_caches

    texts, _ = bench_texts(None, 3)
    read, peak = fill_disk_caches(texts, memory=True)   # warledger reads them in a spawned child
    assert read == 3 and peak is not None and peak > 1.0   # MB: the lexicons at least
