"""What the benchmarks share: a fresh database with one account, and a real uvicorn process serving it."""

import datetime
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import insert, text

from ninja_api.accounts.service import create_account
from ninja_api.db import make_engine, make_sessionmaker
from ninja_api.migrate import upgrade
from ninja_api.models import Base, Client, ClientContact, Invoice, InvoiceInvitation
from ninja_api.models.sort_keys import digits_key

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


def seed_clients(engine, company_id: int, user_id: int, start: int, stop: int, chunk: int = 2_000) -> None:
    """Clients `start`..`stop` (ids n + 1), each with one contact of the same id."""
    # Explicit ids: the bench is the only writer, and it keeps the insert the same on every database.
    for low in range(start, stop, chunk):
        numbers = range(low, min(stop, low + chunk))
        with engine.begin() as conn:
            conn.execute(insert(Client), [
                {"id": n + 1, "company_id": company_id, "user_id": user_id, "name": f"Client {n:07d}",
                 "number": f"{n:07d}", "balance": n % 1000, "settings": {}, "client_hash": f"h{n}"}
                for n in numbers
            ])
            conn.execute(insert(ClientContact), [
                {"id": n + 1, "company_id": company_id, "user_id": user_id, "client_id": n + 1,
                 "email": f"c{n}@bench.test", "first_name": "Bench", "is_primary": True, "contact_key": f"k{n}"}
                for n in numbers
            ])


def _lines(n: int) -> list[dict]:
    return [{"product_key": f"Item {k}", "notes": "Consulting", "cost": 100 + k, "quantity": 1 + n % 3,
             "line_total": (100 + k) * (1 + n % 3), "type_id": "1", "tax_name1": "", "tax_rate1": 0}
            for k in range(3)]


def seed_invoices(engine, company_id: int, user_id: int, clients: int, start: int, stop: int,
                  chunk: int = 20_000) -> None:
    """Invoices `start`..`stop` (ids n + 1) of 3 lines, spread over the first `clients` clients,
    each with an invitation of its client's contact."""
    for low in range(start, stop, chunk):
        numbers = range(low, min(stop, low + chunk))
        with engine.begin() as conn:
            conn.execute(insert(Invoice), [
                {"id": n + 1, "company_id": company_id, "user_id": user_id, "client_id": n % clients + 1,
                 "number": f"INV-{n:07d}", "number_sort": digits_key(f"INV-{n:07d}"), "status_id": 2, "line_items": _lines(n),
                 "amount": sum(line["line_total"] for line in _lines(n)), "balance": n % 1000,
                 "date": datetime.date(2025, n % 12 + 1, n % 28 + 1)}
                for n in numbers
            ])
            conn.execute(insert(InvoiceInvitation), [
                {"id": n + 1, "company_id": company_id, "user_id": user_id, "invoice_id": n + 1,
                 "client_contact_id": n % clients + 1, "key": f"inv{n}"}
                for n in numbers
            ])


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
        [sys.executable, "-m", "uvicorn", app, "--port", str(port), "--log-level", "warning", "--no-access-log",
         "--app-dir", str(Path(__file__).parent)],
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
