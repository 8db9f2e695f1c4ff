"""The command line: help that teaches, exit codes, bad input that never stops the run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from warledger.cli import build_parser, main


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "warledger.cli", *args], input=stdin, capture_output=True,
                          text=True, timeout=120)


def test_help_lists_the_contract_commands() -> None:
    text = build_parser().format_help()
    for cmd in ("extract", "demo"):
        assert cmd in text
    assert "warledger extract --input reports.jsonl" in text


def test_extract_without_input_explains_what_to_give(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract"]) == 1
    assert "--input" in capsys.readouterr().err


def test_extract_exit_status_nonzero_only_when_nothing_read(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "Nothing happened today."}\nnot json\n', encoding="utf-8")
    done = run_cli("extract", "--input", str(good), "--with-reports")
    assert done.returncode == 0
    assert "good.jsonl line 2" in done.stderr
    lines = [json.loads(x) for x in done.stdout.splitlines()]
    assert [x["report_id"] for x in lines] == ["g1"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{{{\n", encoding="utf-8")
    done = run_cli("extract", "--input", str(bad))
    assert done.returncode == 1 and "nothing could be read" in done.stderr


def test_extract_reads_jsonl_from_stdin() -> None:
    done = run_cli("extract", "--input", "-", "--with-reports", stdin='{"id": "s1", "text": "Calm day."}\n')
    assert done.returncode == 0
    assert json.loads(done.stdout.splitlines()[0])["report_id"] == "s1"


def test_extract_json_format_is_one_valid_array(tmp_path: Path) -> None:
    f = tmp_path / "r.jsonl"
    f.write_text('{"id": "a", "text": "x"}\n{"id": "b", "text": "y"}\n', encoding="utf-8")
    done = run_cli("extract", "--input", str(f), "--format", "json", "--with-reports")
    assert [r["report_id"] for r in json.loads(done.stdout)] == ["a", "b"]


# ------------------------------------------------------------------ issue 11: nothing given is silently dropped

@pytest.mark.parametrize("command", ["extract", "ingest"])
@pytest.mark.parametrize("value", ["2019-13-45", "07/11/2019"])
def test_an_unreadable_published_date_is_refused(command: str, value: str, tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("Shelling hit a village yesterday.", encoding="utf-8")
    done = run_cli(command, str(f), "--published", value, "--db", str(tmp_path / "l.db")) if command == "ingest" \
        else run_cli(command, str(f), "--published", value)
    assert done.returncode == 2 and done.stdout == ""
    assert f"'{value}'" in done.stderr and "YYYY-MM-DD" in done.stderr
    assert not (tmp_path / "l.db").exists()


def test_a_published_date_with_the_month_written_out_is_read(tmp_path: Path) -> None:
    f = tmp_path / "r.txt"
    f.write_text("Shelling hit Kafr Halab in the western countryside of Aleppo yesterday, killing 2 civilians.",
                 encoding="utf-8")
    done = run_cli("extract", str(f), "--published", "7 November 2019")
    assert done.returncode == 0
    assert json.loads(done.stdout.splitlines()[0])["event_date"] == "2019-11-06"


def test_tally_dates_must_be_iso_days_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.store import Ledger

    db = str(tmp_path / "l.db")
    Ledger(db).close()
    with pytest.raises(SystemExit) as exc:
        main(["tally", "--db", db, "--by", "month", "--from", "2020-13-01"])
    assert exc.value.code == 2 and "'2020-13-01'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["tally", "--db", db, "--by", "month", "--to", "2020-01"])
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["tally", "--db", db, "--by", "month", "--from", "2020-02-01", "--to", "2020-01-01"]) == 1
    assert "after --to" in capsys.readouterr().err


@pytest.mark.parametrize("args", [["export", "--format", "acled-csv"], ["incidents"], ["tally", "--by", "actor1"],
                                  ["reconcile"]])
def test_reading_commands_refuse_a_ledger_that_does_not_exist(args: list[str], tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    typo, out = tmp_path / "typo.db", tmp_path / "out.csv"
    extra = ["--out", str(out)] if args[0] == "export" else []
    assert main([*args, "--db", str(typo), *extra]) == 1
    err = capsys.readouterr().err
    assert str(typo) in err and "does not exist" in err
    assert not typo.exists() and not out.exists()


def test_ingest_checks_every_path_before_reading_any(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "Calm day in the town."}\n', encoding="utf-8")
    db = tmp_path / "l.db"
    assert main(["ingest", str(good), str(tmp_path / "gone.jsonl"), "--input", str(tmp_path / "typo.txt"),
                 "--db", str(db), "--progress", "off"]) == 1
    err = capsys.readouterr().err
    assert "2 input paths not found" in err and "gone.jsonl" in err and "typo.txt" in err
    assert not db.exists()          # refused before the ledger was opened or anything extracted


def test_ingest_stores_the_readable_inputs_and_exits_nonzero_for_the_others(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.store import Ledger

    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "Calm day in the town."}\n', encoding="utf-8")
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\x00\x01\x02\x03" * 64)
    db = str(tmp_path / "l.db")
    assert main(["ingest", str(good), str(blob), "--db", db, "--progress", "off"]) == 1
    err = capsys.readouterr().err
    assert "blob.txt" in err and "binary" in err and "could not be read" in err
    with Ledger(db) as ledger:
        assert [r["id"] for r in ledger.reports()] == ["g1"]


def test_a_database_password_is_never_echoed(capsys: pytest.CaptureFixture[str]) -> None:
    from warledger.errors import StoreError
    from warledger.store import Ledger

    for url in ("postgresql://analyst:s3cr3t-pw@127.0.0.1:1/ledger", "postgresql://analyst:s3cr3t-pw@127.0.0.1:x/ledger"):
        with pytest.raises(StoreError) as exc:
            Ledger(url)
        assert "s3cr3t" not in str(exc.value) and "analyst:***@127.0.0.1" in str(exc.value)
        assert main(["tally", "--db", url, "--by", "actor1"]) == 1
        err = capsys.readouterr().err
        assert "s3cr3t" not in err and "analyst:***@" in err


@pytest.mark.postgres
def test_the_ingest_summary_masks_the_password(tmp_path: Path) -> None:
    import os

    url = os.environ.get("WARLEDGER_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("WARLEDGER_TEST_POSTGRES_URL is not set")
    user, rest = url.split("://", 1)[1].split("@", 1)
    with_pw = f"postgresql://{user.split(':')[0]}:not-to-be-seen@{rest}"   # the test server trusts local users
    src = tmp_path / "r.jsonl"
    src.write_text('{"id": "pw1", "text": "Calm day in the town."}\n', encoding="utf-8")
    done = run_cli("ingest", "--input", str(src), "--db", with_pw, "--progress", "off")
    assert done.returncode == 0, done.stderr
    assert "not-to-be-seen" not in done.stderr and ":***@" in done.stderr


def test_version_flag_prints_the_package_version() -> None:
    import tomllib

    import warledger

    done = run_cli("--version")
    version = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]["version"]
    assert done.returncode == 0 and done.stdout.strip() == f"warledger {version}" == f"warledger {warledger.__version__}"


def test_the_package_is_marked_typed_and_ships_the_marker() -> None:
    import fnmatch
    import tomllib

    root = Path(__file__).resolve().parents[1]
    assert (root / "warledger" / "py.typed").is_file()
    data = tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]["warledger"]
    assert any(fnmatch.fnmatch("py.typed", pattern) for pattern in data)


LIBRARY_CALLS = """
import json, warledger
text = "Shelling killed 2 civilians in Tell Waridah village in the northern countryside of Hama."
out = []
for kwargs in ({}, {"gazetteer": None}, {"gazetteer": None, "source": "M"}):
    out.append([(i.place.name, i.place.latitude) for i in warledger.extract(text, published="2021-03-09", **kwargs)])
import warledger.extract.dates
out.append([(i.place.name, i.place.latitude) for i in warledger.extract(text, "2021-03-09", "r9", gazetteer=None)])
out.append(callable(warledger.extract.extract_report))
print(json.dumps(out))
"""


def test_the_library_extract_is_the_same_on_every_call() -> None:
    """The first call imports the extraction subpackage, which rebinds ``warledger.extract``; every
    later call must still geocode and take ``gazetteer=`` (a fresh interpreter, so that the first call
    really is the first)."""
    done = subprocess.run([sys.executable, "-c", LIBRARY_CALLS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *calls, has_submodule = json.loads(done.stdout)
    assert calls[0] and calls[0][0][1] is not None          # geocoded
    assert all(c == calls[0] for c in calls)
    assert has_submodule is True


def test_an_output_path_that_cannot_be_written_is_named_without_a_traceback(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("On 3 May 2019 a shell hit a market in an invented town.", encoding="utf-8")
    blocker = tmp_path / "plain-file"
    blocker.write_text("x", encoding="utf-8")
    out = str(blocker / "out.jsonl")  # its "folder" is a file: no user can write there
    for args in (["extract", str(report), "--published", "2019-05-04", "--out", out],
                 ["geocode", "an invented village", "--out", out]):
        done = run_cli(*args)
        assert done.returncode == 1, args
        assert "Traceback" not in done.stderr, args
        assert out in done.stderr and "choose another path" in done.stderr, args


def test_export_to_an_unwritable_path_names_out_not_its_temporary_file(tmp_path: Path) -> None:
    from warledger.store import Ledger

    db = str(tmp_path / "l.db")
    with Ledger(db):
        pass
    if not Path("/proc/self").is_dir():
        pytest.skip("needs Linux /proc: a folder that exists where no one, not even root, can create a file")
    out = "/proc/warledger-export-test.csv"
    done = run_cli("export", "--db", db, "--format", "acled-csv", "--out", out)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and ".partial-" not in done.stderr
    assert f"--out {out!r}" in done.stderr


def test_a_ledger_path_naming_a_folder_or_a_text_file_is_explained(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Nothing happened.", encoding="utf-8")
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n" * 200, encoding="utf-8")
    cases = [(["ingest", str(report), "--db", str(tmp_path)], "is a folder"),
             (["ingest", str(report), "--db", str(text)], "not a SQLite database"),
             (["tally", "--db", str(text), "--by", "actor1"], "not a SQLite database")]
    for args, words in cases:
        done = run_cli(*args)
        assert done.returncode == 1, args
        assert words in done.stderr and "sqlalche.me" not in done.stderr, (args, done.stderr)
    assert text.read_text(encoding="utf-8") == "not a database\n" * 200  # nothing overwritten


def test_geocode_input_in_utf16_or_latin1_is_named_without_a_traceback(tmp_path: Path) -> None:
    line = '{"id": "p1", "place": "an invented village"}\n'
    wide = tmp_path / "places16.jsonl"
    wide.write_bytes(line.encode("utf-16"))
    done = run_cli("geocode", "--input", str(wide))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "places16.jsonl line 1" in done.stderr and "UTF-8" in done.stderr
    mixed = tmp_path / "latin.jsonl"
    mixed.write_bytes('{"id": "p0", "place": "caf\u00e9"}\n'.encode("latin-1") + line.encode("utf-8"))
    done = run_cli("geocode", "--input", str(mixed))
    assert "Traceback" not in done.stderr and "latin.jsonl line 1" in done.stderr
    assert [json.loads(x)["id"] for x in done.stdout.splitlines()] == ["p1"]  # the good line still answered
