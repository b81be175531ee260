"""What the benchmarks share: a fresh database with one account, and a real uvicorn process serving it."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import text

from ninja_api.accounts.service import create_account
from ninja_api.db import make_engine, make_sessionmaker
from ninja_api.migrate import upgrade
from ninja_api.models import Base

TOKEN = "b" * 64
HEADERS = {"X-API-TOKEN": TOKEN, "X-Requested-With": "XMLHttpRequest"}


def fresh_database(url: str | None):
    """A migrated, empty database holding one account whose token is TOKEN: (url, engine, company id, user id).
    SQLite in a temporary file by default; other databases have their tables dropped first."""
    url = url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    engine = make_engine(url)
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            Base.metadata.drop_all(conn)
            conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade(url)
    with make_sessionmaker(engine)() as session:
        _, company, user, _ = create_account(session, email="bench@bench.test", password="bench-password",
                                             token=TOKEN)
        session.commit()
        return url, engine, company.id, user.id


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(database_url: str, app: str = "ninja_api.main:app", **env: str):
    """uvicorn serving `app` in a process of its own (one worker): yields (base url, pid)."""
    port = _free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "MAIL_MAILER": "array", **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--log-level", "warning", "--no-access-log"],
        env=environment)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"{app} did not start")
                time.sleep(0.2)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(10)


def rss_mb(pid: int) -> tuple[float, float]:
    """A process's resident memory now and at its peak, in MB."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
