"""A real server for the serving suite (uvicorn on 127.0.0.1, a free port) over a ledger built from the
built-in example reports, on SQLite and, when WARLEDGER_TEST_POSTGRES_URL is set, on PostgreSQL.

Test modules import these helpers from here (``from serving import Running``), never from ``conftest``:
several test folders have a conftest.py, and a ``from conftest import`` run inside a test may get another
folder's."""
from __future__ import annotations

import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

PG_URL = os.environ.get("WARLEDGER_TEST_POSTGRES_URL")


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    from warledger.store.schema import database_url, metadata

    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE'))
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Running:
    url: str
    db: str
    token: str
    client: Any

    def get(self, path: str, **kw: Any) -> Any:
        return self.client.get(self.url + path, **kw)

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class ServerThread:
    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started:
            if time.time() > deadline:
                raise RuntimeError("the test server did not start in 20 s")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def make_db(kind: str, tmp: Path) -> str:
    if kind == "sqlite":
        return str(tmp / "ledger.db")
    if not PG_URL:
        pytest.skip("WARLEDGER_TEST_POSTGRES_URL is not set (run: source .ci/postgres.sh)")
    _reset_postgres(PG_URL)
    return PG_URL


def serve_ledger(db: str, reports: Optional[list[Any]] = None, **settings: Any) -> Iterator[Running]:
    from warledger.commands import example_reports_path
    from warledger.ingest import read_reports
    from warledger.serve.app import create_app
    from warledger.serve.settings import Settings
    from warledger.store import Ledger

    with Ledger(db) as ledger:
        ledger.ingest(reports if reports is not None else read_reports(example_reports_path()))
        token = ledger.create_token("tester")
    app = create_app(Settings(db=db, **settings))
    with ServerThread(app) as url, httpx.Client(timeout=30) as client:
        yield Running(url, db, token, client)
    app.state.ledger.close()
