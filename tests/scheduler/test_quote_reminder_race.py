"""Two processes running the scheduled work for the same moment: each quote's reminder goes out once."""

import threading
from datetime import datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from ninja_api.app import create_app
from ninja_api.db import make_sessionmaker
from ninja_api.mail.transport import MemoryTransport
from ninja_api.models import Activity, Company, WebhookDelivery
from ninja_api.scheduler import jobs, reminding
from tests.conftest import make_tenant
from tests.job_env import env_for
from tests.scheduler.test_concurrency import _purge

QUOTES, WORKERS = 3, 2


@pytest.mark.parametrize("company_lock", [True, False], ids=["company locked first", "claim alone"])
def test_two_workers_same_moment_one_reminder_per_quote(engine, settings, monkeypatch, company_lock):
    if engine.dialect.name == "sqlite":
        pytest.skip("row locks and concurrent writers: PostgreSQL and MariaDB")
    if not company_lock:
        # Both workers then read a quote as due at once: only the claim's condition stops the second.
        monkeypatch.setattr(reminding, "lock_company", lambda session, company_id: session.get(Company, company_id))
    sessionmaker = make_sessionmaker(engine)
    tenant = make_tenant(sessionmaker, "quote-race@example.com", "q" * 64, "Quote Race Co")
    try:
        with sessionmaker() as s:
            company = s.get(Company, tenant.company.id)
            company.settings = {**company.settings, "timezone_id": "34", "enable_quote_reminder1": True,
                                "quote_schedule_reminder1": "after_quote_date", "quote_num_days_reminder1": 2}
            s.commit()
        with TestClient(create_app(settings, sessionmaker)) as api:
            client = api.post("/api/v1/clients", headers=tenant.headers,
                              json={"name": "Racer", "contacts": [{"email": "r@race.co"}]}).json()["data"]
            hook = api.post("/api/v1/webhooks", headers=tenant.headers,
                            json={"target_url": "http://127.0.0.1:9/remind", "event_id": "64"})
            assert hook.status_code == 200, hook.text
            for n in range(QUOTES):
                r = api.post("/api/v1/quotes?mark_sent=true", headers=tenant.headers,
                             json={"client_id": client["id"], "date": "2031-05-01", "due_date": "2031-05-30",
                                   "line_items": [{"quantity": 1, "cost": 10 + n}]})
                assert r.status_code == 200, r.text

        transports = [MemoryTransport() for _ in range(WORKERS)]
        reports: list = []
        barrier = threading.Barrier(WORKERS)

        def work(transport):
            with sessionmaker() as s:
                barrier.wait()
                reports.append(jobs.run(s, datetime(2031, 5, 3, 6), env_for(sessionmaker, transport)))

        threads = [threading.Thread(target=work, args=(t,)) for t in transports]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)

        assert len(reports) == WORKERS
        reminded = [i for r in reports for i in r.reminded.get("quote_reminder1", [])]
        assert len(reminded) == len(set(reminded)) == QUOTES
        assert sorted(m.to for t in transports for m in t.sent) == ["r@race.co"] * QUOTES
        with sessionmaker() as s:
            company_id = tenant.company.id
            activities = s.scalar(select(func.count()).select_from(Activity).where(
                Activity.company_id == company_id, Activity.activity_type_id == 142))
            deliveries = s.scalar(select(func.count()).select_from(WebhookDelivery).where(
                WebhookDelivery.company_id == company_id, WebhookDelivery.event_id == 64))
        assert (activities, deliveries) == (QUOTES, QUOTES)
    finally:
        _purge(sessionmaker, tenant)
