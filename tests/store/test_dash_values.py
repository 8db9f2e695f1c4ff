"""Values that begin with '-' on the command line (ledger21): argparse reads ``-1-2-3`` or ``-Foo`` as an unknown
option and said only "the following arguments are required: value"; the error now names the word and says how to
give it (after '--', or ``--option=VALUE``).  A negative count given to ``correct`` is refused with what to write,
and every whole-number option refuses a value below its least (argparse takes "-1" as a value: ``eval --limit -1``
scored all lines but the last, ``serve --port -1`` died in a traceback)."""
from __future__ import annotations

from pathlib import Path

import pytest

from warledger.cli import dash_words, main
from warledger.store import Ledger


def _one_incident(db: str, tmp_path: Path) -> str:
    src = tmp_path / "r.jsonl"
    src.write_text('{"id": "r1", "text": "On 3 May 2021 a shell killed 4 civilians in Ariha, Idlib.", '
                   '"published": "2021-05-04"}\n', encoding="utf-8")
    assert main(["ingest", str(src), "--db", db, "--progress", "off"]) == 0
    with Ledger(db) as ledger:
        return str(next(iter(ledger.incidents()))["incident_id"])


def test_a_dash_value_is_named_with_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["correct", "inc-1", "actor1", "-Brigade", "--db", "nowhere.db"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "'-Brigade' begins with '-'" in err and "-- -Brigade" in err
    with pytest.raises(SystemExit):
        main(["correct", "inc-1", "actor1", "x", "--who", "-bob"])
    assert "write --who=-bob" in capsys.readouterr().err


def test_dash_words_leaves_options_negative_numbers_and_what_follows_the_double_dash() -> None:
    options = {"--db", "-h", "--who"}
    assert dash_words(["inc", "-1", "-2.5", "-", "--db", "x", "-1-2-3", "--", "-Foo"], options) == ["-1-2-3"]
    assert dash_words(["--who=-bob", "-h"], options) == []


def test_a_negative_count_is_refused_naming_the_value(db: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    incident = _one_incident(db, tmp_path)
    for value in (["-1"], ["--", "-1-2-3"]):
        args = ["correct", "--db", db, incident, "killed.total", *value]
        assert main(args) == 1
        err = capsys.readouterr().err
        assert f"killed.total: '{value[-1]}': a count is never negative" in err
    assert main(["correct", "--db", db, incident, "actor1", "--", "-Brigade"]) == 0    # '--' passes it
    with Ledger(db) as ledger:
        assert ledger.incident(incident)["actor1"] == "-Brigade"


@pytest.mark.parametrize("args", [["eval", "--limit", "-1", "x.jsonl"], ["eval", "--errors", "-3", "x.jsonl"],
                                  ["serve", "--port", "-1"], ["serve", "--port", "70000"],
                                  ["extract", "--block-lines", "0", "x.txt"], ["extract", "--workers", "-2", "x"],
                                  ["ingest", "--batch-size", "-1", "x.jsonl"], ["bench", "--n", "-5"]])
def test_whole_number_options_refuse_a_value_below_their_least(args: list[str],
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(args)
    assert stop.value.code == 2
    assert f"argument {args[1]}: '{args[2]}': write a whole number" in capsys.readouterr().err


def test_correct_refuses_a_ledger_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ledger21: ``correct --db typo.db`` created an empty ledger, then said the incident was missing."""
    typo = tmp_path / "typo.db"
    for args in (["correct", "--db", str(typo), "inc-1", "actor1", "X"], ["history", "--db", str(typo), "inc-1"],
                 ["recheck", "--db", str(typo)]):
        assert main(args) == 1
        assert f"ledger database {str(typo)!r} does not exist" in capsys.readouterr().err
    assert not typo.exists()
