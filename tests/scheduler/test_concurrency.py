"""Two processes running the job for the same moment: every cycle still yields exactly one invoice
(and one expense for a recurring expense)."""

import threading
from datetime import date, datetime, time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, func, select

from ninja_api.app import create_app
from ninja_api.billing.keywords import add_months
from ninja_api.db import make_sessionmaker
from ninja_api.mail.transport import MemoryTransport
from ninja_api.models import Account, Base, Company, Expense, Invoice, RecurringExpense, RecurringInvoice, User
from ninja_api.scheduler import jobs
from tests.job_env import env_for
from tests.conftest import make_tenant

ROWS, CYCLES, WORKERS = 3, 4, 2


def _purge(sessionmaker, tenant) -> None:
    """Everything the tenant's company owns, children first (whatever tables exist by now)."""
    with sessionmaker() as s:
        company_id = tenant.company.id
        for table in reversed(Base.metadata.sorted_tables):
            if "company_id" in table.c:
                s.execute(delete(table).where(table.c.company_id == company_id))
        s.execute(delete(Company).where(Company.id == company_id))
        s.execute(delete(User).where(User.id == tenant.user.id))
        s.execute(delete(Account).where(Account.id == tenant.account.id))
        s.commit()


@pytest.mark.parametrize("company_lock", [True, False], ids=["company locked first", "claim alone"])
def test_two_workers_same_moment_one_invoice_per_cycle(engine, settings, monkeypatch, company_lock):
    if engine.dialect.name == "sqlite":
        pytest.skip("row locks and concurrent writers: PostgreSQL and MariaDB")
    if not company_lock:
        # Without the company lock both workers read the row as due at once: only the conditional
        # UPDATE that claims the cycle keeps them from sending it twice.
        monkeypatch.setattr(jobs, "lock_company_row", lambda session, company_id: session.get(Company, company_id))
    # Real commits on a real pool: the per-test rollback fixture would serialise everything.
    sessionmaker = make_sessionmaker(engine)
    tenant = make_tenant(sessionmaker, "sched-race@example.com", "s" * 64, "Scheduler Race Co")
    try:
        with sessionmaker() as s:
            company = s.get(Company, tenant.company.id)
            company.settings = {**company.settings, "timezone_id": "34"}
            s.commit()
        with TestClient(create_app(settings, sessionmaker)) as api:
            client = api.post("/api/v1/clients", headers=tenant.headers,
                              json={"name": "Racer", "contacts": [{"email": "r@race.co"}]}).json()["data"]
            for n in range(ROWS):
                r = api.post("/api/v1/recurring_invoices?start=true", headers=tenant.headers,
                             json={"client_id": client["id"], "frequency_id": 5, "remaining_cycles": CYCLES,
                                   "line_items": [{"quantity": 1, "cost": 10 + n}]})
                assert r.status_code == 200, r.text
            r = api.post("/api/v1/recurring_expenses?start=true", headers=tenant.headers,
                         json={"frequency_id": 5, "remaining_cycles": CYCLES, "amount": 5,
                               "next_send_date": "2025-01-31"})
            assert r.status_code == 200, r.text
        start = date(2025, 1, 31)
        with sessionmaker() as s:
            for row in s.scalars(select(RecurringInvoice).where(RecurringInvoice.company_id == tenant.company.id)):
                row.next_send_date_client = datetime.combine(start, time())
                row.next_send_date = datetime.combine(start, time(6))
            s.commit()

        transports = [MemoryTransport() for _ in range(WORKERS)]
        reports: list = []
        day = start
        for _ in range(CYCLES):
            moment = datetime.combine(day, time(6))
            barrier = threading.Barrier(WORKERS)

            def work(transport):
                with sessionmaker() as s:
                    barrier.wait()
                    reports.append(jobs.run(s, moment, env_for(sessionmaker, transport)))

            threads = [threading.Thread(target=work, args=(t,)) for t in transports]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            day = add_months(day, 1)

        assert all(r.failed == [] for r in reports), [r.failed for r in reports]
        assert sum(r.count("invoice") for r in reports) == ROWS * CYCLES
        assert sum(r.count("expense") for r in reports) == CYCLES
        with sessionmaker() as s:
            invoices = list(s.scalars(select(Invoice).where(Invoice.company_id == tenant.company.id)))
            numbers = sorted(i.number for i in invoices)
            assert numbers == [f"{n:04d}" for n in range(1, ROWS * CYCLES + 1)]
            per_cycle = s.execute(select(Invoice.recurring_id, Invoice.date, func.count())
                                  .where(Invoice.company_id == tenant.company.id)
                                  .group_by(Invoice.recurring_id, Invoice.date)).all()
            assert len(per_cycle) == ROWS * CYCLES and all(count == 1 for *_, count in per_cycle)
            rows = list(s.scalars(select(RecurringInvoice).where(RecurringInvoice.company_id == tenant.company.id)))
            assert [(r.status_id, r.remaining_cycles, r.next_send_date) for r in rows] == [(4, 0, None)] * ROWS
            expenses = list(s.scalars(select(Expense).where(Expense.company_id == tenant.company.id)))
            assert sorted(e.date.isoformat() for e in expenses) == ["2025-01-31", "2025-02-28", "2025-03-28",
                                                                    "2025-04-28"]
            assert sorted(e.number for e in expenses) == ["0001", "0002", "0003", "0004"]
            recurring = s.scalars(select(RecurringExpense).where(RecurringExpense.company_id == tenant.company.id)).one()
            assert recurring.remaining_cycles == 0
        # Each invoice was mailed once, by whichever worker generated it.
        assert sum(len(t.sent) for t in transports) == ROWS * CYCLES
    finally:
        _purge(sessionmaker, tenant)
