"""Concurrent payments on one invoice lose no update: real threads, separate sessions, real commits.

SQLite serialises every writer with one database lock, so only PostgreSQL and MariaDB prove
anything here; the payment service locks the company, the invoices and the client (in that order)
before it reads a balance.
"""

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from ninja_api import ids
from ninja_api.app import create_app
from ninja_api.db import make_sessionmaker
from ninja_api.models import (
    Account, Activity, Client, ClientContact, Company, CompanyLedger, CompanyToken, CompanyUser, Invoice,
    InvoiceInvitation, Payment, Paymentable, PaymentTerm, TaskStatus, User,
)
from tests.conftest import make_tenant

PAYMENTS = 30
MARK_PAID = 20


@pytest.fixture
def race(engine, settings):
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL or MariaDB")
    sessionmaker = make_sessionmaker(engine)
    tenant = make_tenant(sessionmaker, "race-pay@example.com", "q" * 64, "Race Payments")
    app = create_app(settings, sessionmaker)
    yield app, sessionmaker, tenant
    with sessionmaker() as s:
        company_id = tenant.company.id
        payment_ids = list(s.scalars(select(Payment.id).where(Payment.company_id == company_id)))
        s.execute(delete(Paymentable).where(Paymentable.payment_id.in_(payment_ids or [0])))
        for model in (Payment, InvoiceInvitation, Activity, CompanyLedger, Invoice, ClientContact, Client,
                      CompanyToken, CompanyUser, PaymentTerm, TaskStatus):
            s.execute(delete(model).where(model.company_id == company_id))
        s.execute(delete(Company).where(Company.id == company_id))
        s.execute(delete(User).where(User.id == tenant.user.id))
        s.execute(delete(Account).where(Account.id == tenant.account.id))
        s.commit()


def _setup(app, tenant, query):
    with TestClient(app) as api:
        client = api.post("/api/v1/clients", headers=tenant.headers,
                          json={"name": "Racer", "contacts": [{"email": "r@race.co"}]}).json()["data"]
        invoice = api.post(f"/api/v1/invoices{query}", headers=tenant.headers, json={
            "client_id": client["id"], "line_items": [{"quantity": 1, "cost": 100}]}).json()["data"]
    return client, invoice


def test_thirty_concurrent_payments_of_ten_on_an_invoice_of_one_hundred(race):
    app, sessionmaker, tenant = race
    client, invoice = _setup(app, tenant, "?mark_sent=true")

    def post(i):
        # Each caller its own address and key, so neither duplicate guard takes part.
        with TestClient(app, client=(f"10.0.0.{i + 1}", 40000)) as api:
            r = api.post("/api/v1/payments", headers=tenant.headers, json={
                "client_id": client["id"], "idempotency_key": f"race-{i}", "email_receipt": "false",
                "invoices": [{"invoice_id": invoice["id"], "amount": 10}]})
            return r.status_code, r.json()

    with ThreadPoolExecutor(max_workers=PAYMENTS) as pool:
        results = list(pool.map(post, range(PAYMENTS)))
    accepted = [body for status, body in results if status == 200]
    rejected = [body for status, body in results if status != 200]
    assert len(accepted) == 10, results
    assert all(status in (200, 422) for status, _ in results), results
    assert all(body == {"message": "The given data was invalid.", "errors": {
        "invoices": ["One or more of these invoices have been paid"],
        "invoices.0.invoice_id": ["The amount is greater than the invoice balance. You cannot overpay an invoice."]}}
        for body in rejected), rejected
    assert sorted(b["data"]["number"] for b in accepted) == [f"{n:04d}" for n in range(1, 11)]

    with sessionmaker() as s:
        stored = s.get(Invoice, ids.decode(invoice["id"]))
        assert (stored.status_id, stored.balance, stored.paid_to_date) == (4, Decimal(0), Decimal(100))
        owner = s.get(Client, ids.decode(client["id"]))
        assert (owner.balance, owner.paid_to_date, owner.payment_balance) == (Decimal(0), Decimal(100), Decimal(0))
        payments = list(s.scalars(select(Payment).where(Payment.company_id == tenant.company.id)))
        assert [(p.amount, p.applied) for p in payments] == [(Decimal(10), Decimal(10))] * 10
        pivots = list(s.scalars(select(Paymentable).where(Paymentable.payment_id.in_([p.id for p in payments]))))
        assert sum(p.amount for p in pivots) == Decimal(100)
        # The ledger's running balance ends where the client is.
        last = s.scalars(select(CompanyLedger).where(CompanyLedger.company_id == tenant.company.id)
                         .order_by(CompanyLedger.id.desc())).first()
        assert last.balance == Decimal(0)


def test_twenty_concurrent_bulk_mark_paid_create_one_payment(race):
    app, sessionmaker, tenant = race
    client, invoice = _setup(app, tenant, "")

    def mark_paid(i):
        with TestClient(app) as api:
            r = api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                         json={"action": "mark_paid", "ids": [invoice["id"]]})
            return r.status_code, r.json()["data"][0]["status_id"] if r.status_code == 200 else r.text

    with ThreadPoolExecutor(max_workers=MARK_PAID) as pool:
        results = list(pool.map(mark_paid, range(MARK_PAID)))
    assert results == [(200, "4")] * MARK_PAID, results
    with sessionmaker() as s:
        payments = list(s.scalars(select(Payment).where(Payment.company_id == tenant.company.id)))
        assert [(p.amount, p.applied, p.number) for p in payments] == [(Decimal(100), Decimal(100), "0001")]
        stored = s.get(Invoice, ids.decode(invoice["id"]))
        assert (stored.status_id, stored.balance, stored.paid_to_date) == (4, Decimal(0), Decimal(100))
        owner = s.get(Client, ids.decode(client["id"]))
        assert (owner.balance, owner.paid_to_date) == (Decimal(0), Decimal(100))
