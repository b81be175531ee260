"""Concurrent creates draw distinct, gap-free numbers (the company row is locked while drawing)."""

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from ninja_api.app import create_app
from ninja_api.db import make_sessionmaker
from ninja_api.models import (
    Account, Activity, Client, ClientContact, Company, CompanyLedger, CompanyToken, CompanyUser, Invoice,
    InvoiceInvitation, PaymentTerm, TaskStatus, User,
)
from tests.conftest import make_tenant

CONCURRENT = 20


def _purge(sessionmaker, tenant) -> None:
    with sessionmaker() as s:
        company_id = tenant.company.id
        for model in (InvoiceInvitation, Activity, CompanyLedger, Invoice, ClientContact, Client, CompanyToken,
                      CompanyUser, PaymentTerm, TaskStatus):
            s.execute(delete(model).where(model.company_id == company_id))
        s.execute(delete(Company).where(Company.id == company_id))
        s.execute(delete(User).where(User.id == tenant.user.id))
        s.execute(delete(Account).where(Account.id == tenant.account.id))
        s.commit()


def test_twenty_concurrent_creates_get_twenty_consecutive_numbers(engine, settings):
    # Real commits on a real pool: the per-test rollback fixture would serialise everything.
    sessionmaker = make_sessionmaker(engine)
    tenant = make_tenant(sessionmaker, "race@example.com", "r" * 64, "Race Co")
    try:
        app = create_app(settings, sessionmaker)
        with TestClient(app) as api:
            client = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Racer"}).json()["data"]

            def create(i):
                r = api.post("/api/v1/invoices", headers=tenant.headers,
                             json={"client_id": client["id"], "line_items": [{"quantity": 1, "cost": i}]})
                return r.status_code, r.json()["data"]["number"] if r.status_code == 200 else r.text

            with ThreadPoolExecutor(max_workers=CONCURRENT) as pool:
                results = list(pool.map(create, range(CONCURRENT)))
        assert [status for status, _ in results] == [200] * CONCURRENT, results
        numbers = sorted(number for _, number in results)
        assert numbers == [f"{n:04d}" for n in range(1, CONCURRENT + 1)]
        with sessionmaker() as s:
            company = s.scalar(select(Company).where(Company.id == tenant.company.id))
            assert company.settings["invoice_number_counter"] == CONCURRENT + 1
    finally:
        _purge(sessionmaker, tenant)
