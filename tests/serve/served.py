"""Helpers of the serving suite: a real uvicorn server on 127.0.0.1 (a free port) in a thread, over a ledger
built from the built-in example reports, on SQLite or PostgreSQL."""
from __future__ import annotations

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


def serve_ledger(db: str, reports: Optional[list[Any]] = None, **settings: Any) -> Iterator[Running]:
    from warledger.demo import example_reports_path
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


