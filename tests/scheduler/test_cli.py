"""`ninja-api run-scheduled` and the scheduler inside `ninja-api serve`, as a user runs them."""

import os
import subprocess
import sys
import time
from datetime import datetime

from fastapi.testclient import TestClient
from sqlalchemy import select

from ninja_api.accounts.service import create_account
from ninja_api.app import create_app
from ninja_api.db import make_engine, make_sessionmaker
from ninja_api.migrate import upgrade
from ninja_api.models import Company, Invoice, RecurringInvoice
from ninja_api.settings import Settings
from tests.test_cli import free_port

TOKEN = "c" * 64


def prepared_database(tmp_path, next_send: datetime) -> tuple[str, object]:
    """A fresh SQLite file with an account and one active recurring invoice due at `next_send`."""
    url = f"sqlite:///{tmp_path}/ninja.db"
    upgrade(url)
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    with sessionmaker() as s:
        create_account(s, email="cli@example.com", password="Password0", first_name="C", last_name="L",
                       company_name="CLI Co", token=TOKEN)
        s.commit()
    settings = Settings(database_url=url, app_url="https://ninja.test", mail_mailer="array")
    with TestClient(create_app(settings, sessionmaker)) as api:
        headers = {"X-API-TOKEN": TOKEN}
        client = api.post("/api/v1/clients", headers=headers,
                          json={"name": "Acme", "contacts": [{"email": "a@acme.co"}]}).json()["data"]
        r = api.post("/api/v1/recurring_invoices?start=true", headers=headers,
                     json={"client_id": client["id"], "frequency_id": 5, "remaining_cycles": 2,
                           "line_items": [{"quantity": 1, "cost": 30}]})
        assert r.status_code == 200, r.text
    with sessionmaker() as s:
        company = s.scalar(select(Company))
        company.settings = {**company.settings, "timezone_id": "34"}
        row = s.scalar(select(RecurringInvoice))
        row.next_send_date_client = next_send.replace(hour=0)
        row.next_send_date = next_send
        s.commit()
    return url, sessionmaker


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "MAIL_MAILER": "log"}
    return subprocess.run([sys.executable, "-m", "ninja_api.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def test_run_scheduled_once_for_a_given_moment(tmp_path):
    url, sessionmaker = prepared_database(tmp_path, datetime(2031, 5, 1, 6, 0))
    early = cli(url, "run-scheduled", "--now", "2031-05-01T05:59:00")
    assert (early.returncode, early.stdout.splitlines()) == (0, [
        "scheduled work for 2031-05-01 05:59:00 UTC", "invoices generated: 0", "quotes generated: 0", "expenses generated: 0",
        "reminders: 0", "webhook deliveries attempted: 0"])
    on_time = cli(url, "run-scheduled", "--now", "2031-05-01T08:00:00+02:00")
    assert (on_time.returncode, on_time.stdout.splitlines()[1]) == (0, "invoices generated: 1")
    # Running the same moment again finds nothing left to do.
    assert cli(url, "run-scheduled", "--now", "2031-05-01T06:00:00").stdout.splitlines()[1] == "invoices generated: 0"
    with sessionmaker() as s:
        invoices = list(s.scalars(select(Invoice)))
        assert [(i.number, i.date.isoformat(), i.amount, i.status_id) for i in invoices] == \
            [("0001", "2031-05-01", 30, 2)]
        assert s.scalar(select(RecurringInvoice.remaining_cycles)) == 1
    bad = cli(url, "run-scheduled", "--now", "tomorrow")
    assert (bad.returncode, bad.stderr.strip().splitlines()[-1]) == (2, "--now must be an ISO 8601 date or date and time, not 'tomorrow'")


def test_serve_runs_the_scheduler_every_minute(tmp_path):
    # Due long ago: the server's first scheduled run (at start) sends both cycles, each on its day.
    url, sessionmaker = prepared_database(tmp_path, datetime(2020, 1, 1, 6, 0))
    env = {**os.environ, "DATABASE_URL": url, "MAIL_MAILER": "log"}
    proc = subprocess.Popen([sys.executable, "-m", "ninja_api.cli", "serve", "--port", str(free_port())],
                            cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        found = []
        while time.monotonic() < deadline and len(found) < 2:
            time.sleep(0.5)
            with sessionmaker() as s:
                found = list(s.scalars(select(Invoice).order_by(Invoice.id)))
        assert [(i.number, i.date.isoformat()) for i in found] == [("0001", "2020-01-01"), ("0002", "2020-02-01")]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
