"""Money under concurrency, through a real server: no lost update, no duplicate payment, no 5xx.

Every operation that moves money locks the company, then the invoices, then the client (each by
id, read again under the lock) before it reads the state it decides on, so concurrent requests
queue and each sees what the one before it committed.
"""

from decimal import Decimal

from sqlalchemy import select

from ninja_api import ids
from ninja_api.models import Client, CompanyLedger, Invoice, Payment, Paymentable

CREATES = 50
MARK_PAID = 20
AMOUNT_PAID = 30


def _no_server_errors(responses) -> None:
    errors = [(r.status_code, r.text[:300]) for r in responses if r.status_code >= 500]
    assert not errors, errors


def _client_and_invoice(live, query: str = "?mark_sent=true", cost: int = 100):
    with live.client() as http:
        client = http.post("/api/v1/clients", json={"name": "Racer", "contacts": [{"email": "r@race.co"}]})
        assert client.status_code == 200, client.text
        client = client.json()["data"]
        invoice = http.post(f"/api/v1/invoices{query}", json={
            "client_id": client["id"], "line_items": [{"quantity": 1, "cost": cost}]})
        assert invoice.status_code == 200, invoice.text
    return client, invoice.json()["data"]


def _stored(live, client, invoice):
    with live.sessionmaker() as s:
        stored = s.get(Invoice, ids.decode(invoice["id"]))
        owner = s.get(Client, ids.decode(client["id"]))
        payments = list(s.scalars(select(Payment).where(Payment.company_id == live.tenant.company.id)
                                  .order_by(Payment.id)))
        pivots = list(s.scalars(select(Paymentable).where(Paymentable.payment_id.in_([p.id for p in payments] or [0]))))
        ledger = s.scalars(select(CompanyLedger).where(CompanyLedger.company_id == live.tenant.company.id)
                           .order_by(CompanyLedger.id.desc())).first()
        s.expunge_all()
    return stored, owner, payments, pivots, ledger


def test_fifty_concurrent_creates_get_fifty_distinct_numbers(live):
    with live.client() as http:
        client = http.post("/api/v1/clients", json={"name": "Racer"}).json()["data"]

    responses = live.race(CREATES, lambda http, i: http.post("/api/v1/invoices", json={
        "client_id": client["id"], "line_items": [{"quantity": 1, "cost": i + 1}]}))

    _no_server_errors(responses)
    assert [r.status_code for r in responses] == [200] * CREATES, [r.text[:200] for r in responses]
    numbers = sorted(r.json()["data"]["number"] for r in responses)
    assert numbers == [f"{n:04d}" for n in range(1, CREATES + 1)]
    with live.sessionmaker() as s:
        stored = list(s.scalars(select(Invoice.number).where(Invoice.company_id == live.tenant.company.id)))
    assert sorted(stored) == numbers


def _assert_paid_once(live, client, invoice) -> None:
    stored, owner, payments, pivots, ledger = _stored(live, client, invoice)
    assert [(p.amount, p.applied) for p in payments] == [(Decimal(100), Decimal(100))]
    assert [p.amount for p in pivots] == [Decimal(100)]
    assert (stored.status_id, stored.balance, stored.paid_to_date) == (4, Decimal(0), Decimal(100))
    assert (owner.balance, owner.paid_to_date) == (Decimal(0), Decimal(100))
    assert ledger.balance == Decimal(0)


def test_twenty_concurrent_bulk_mark_paid_make_one_payment(live, not_sqlite):
    client, invoice = _client_and_invoice(live)

    responses = live.race(MARK_PAID, lambda http, i: http.post(
        "/api/v1/invoices/bulk", json={"action": "mark_paid", "ids": [invoice["id"]]}))

    _no_server_errors(responses)
    # Upstream answers every bulk call with the invoices as they now are: paid.
    assert [(r.status_code, r.json()["data"][0]["status_id"]) for r in responses] == [(200, "4")] * MARK_PAID
    _assert_paid_once(live, client, invoice)


def test_twenty_concurrent_get_mark_paid_make_one_payment(live, not_sqlite):
    client, invoice = _client_and_invoice(live)

    responses = live.race(MARK_PAID, lambda http, i: http.get(f"/api/v1/invoices/{invoice['id']}/mark_paid"))

    _no_server_errors(responses)
    accepted = [r for r in responses if r.status_code == 200]
    rejected = [r for r in responses if r.status_code != 200]
    # The first one pays; every later one finds, under the lock, an invoice that is paid already.
    assert len(accepted) == 1, [(r.status_code, r.text[:200]) for r in responses]
    assert accepted[0].json()["data"]["status_id"] == "4"
    assert all((r.status_code, r.json()) == (400, {"error": {"message": "Invoice cannot be marked as paid"}})
               for r in rejected)
    _assert_paid_once(live, client, invoice)


def test_thirty_concurrent_amount_paid_of_ten_on_one_hundred(live, not_sqlite):
    client, invoice = _client_and_invoice(live)

    def put(http, i):
        # Half send the invoice back as they read it (what the apps do), half an empty body.
        body = invoice if i % 2 else {}
        return http.put(f"/api/v1/invoices/{invoice['id']}?amount_paid=10", json=body)

    responses = live.race(AMOUNT_PAID, put)

    _no_server_errors(responses)
    assert all(r.status_code == 200 or 400 <= r.status_code < 500 for r in responses)
    stored, owner, payments, pivots, ledger = _stored(live, client, invoice)
    paid = sum((p.amount for p in payments), Decimal(0))
    # What the accepted payments explain, and nothing else.
    assert stored.paid_to_date == paid == sum((p.amount for p in pivots), Decimal(0))
    assert stored.balance == Decimal(100) - paid
    assert (owner.balance, owner.paid_to_date) == (Decimal(100) - paid, paid)
    assert ledger.balance == owner.balance
    # Upstream ignores `amount_paid` on a paid invoice: ten payments of ten, then nothing more.
    assert [p.amount for p in payments] == [Decimal(10)] * 10
    assert (stored.status_id, stored.balance) == (4, Decimal(0))
