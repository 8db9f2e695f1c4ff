"""`warledger token` and `warledger serve --demo` as a user runs them."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from served import free_port, httpx  # type: ignore[import-not-found]
from warledger.cli import main
from warledger.store import Ledger


def test_token_create_prints_the_token_alone_on_its_last_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "t.db")
    assert main(["token", "create", "field team", "--db", db]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    token = out[-1]
    assert token.startswith("wl_") and " " not in token
    with Ledger(db) as ledger:
        assert ledger.token_name(token) == "field team"
    assert main(["token", "list", "--db", db]) == 0
    assert "field team" in capsys.readouterr().out
    assert main(["token", "revoke", "field team", "--db", db]) == 0
    assert main(["token", "revoke", "nobody", "--db", db]) == 1


def test_serve_demo_builds_the_example_ledger_and_serves_it(tmp_path: Path) -> None:
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "warledger.cli", "serve", "--demo", "--demo-dir",
                             str(tmp_path / "demo"), "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 60
        body = None
        while time.time() < deadline and proc.poll() is None:
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/incidents", timeout=2).json()
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert body is not None, proc.stdout.read() if proc.poll() is not None else "server did not answer in 60 s"
        assert body["total"] == 7
        assert (tmp_path / "demo" / "ledger.db").is_file()
        assert "Incidents" in httpx.get(f"http://127.0.0.1:{port}/", timeout=5).text
    finally:
        proc.terminate()
        proc.wait(timeout=10)
