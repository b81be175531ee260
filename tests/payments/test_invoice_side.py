"""Invoice transitions that move money do it through the payment service: mark paid, amount paid,
auto-bill (credits, then unapplied payments), and the payment side of invoice delete and restore."""

from decimal import Decimal

from ninja_api import ids
from ninja_api.models import Activity, Client, Company, CompanyLedger, Payment, Paymentable


def set_company(session_factory, tenant, **values):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, **values}
        s.commit()


def test_mark_paid_payment(api, tenant, make_invoice, client_row, get, session_factory):
    set_company(session_factory, tenant, payment_type_id="2")
    inv = make_invoice(80, partial=20)
    r = api.get(f"/api/v1/invoices/{inv['id']}/mark_paid?reference=cheque 9", headers=tenant.headers)
    data = r.json()["data"]
    assert (data["status_id"], data["balance"], data["paid_to_date"], data["partial"]) == ("4", 0, 80, 0)
    payment = get(f"invoices/{inv['id']}?include=payments")["payments"][0]
    assert (payment["amount"], payment["applied"], payment["type_id"], payment["transaction_reference"],
            payment["is_manual"], payment["status_id"]) == (80, 80, "2", "cheque 9", True, "4")
    with session_factory() as s:
        note = s.query(CompanyLedger).filter_by(company_ledgerable_type="App\\Models\\Payment").one()
        assert (note.adjustment, note.notes) == (Decimal(-80), "Marked Paid Activity")


def test_amount_paid_records_invoice_paid_as_upstream(api, tenant, make_invoice, client_row, get, session_factory):
    inv = make_invoice(100, query="?amount_paid=30")
    with session_factory() as s:
        kinds = [a.activity_type_id for a in s.query(Activity).filter_by(invoice_id=ids.decode(inv["id"]))
                 .order_by(Activity.id)]
    assert kinds[-2:] == [10, 54]
    # An over-payment drives the balance below zero and the payment applies only what was due.
    r = api.put(f"/api/v1/invoices/{inv['id']}?amount_paid=90", headers=tenant.headers, json={})
    assert (r.json()["data"]["balance"], r.json()["data"]["status_id"]) == (-20, "2")
    payments = get(f"invoices/{inv['id']}?include=payments")["payments"]
    assert [(p["amount"], p["applied"], p["paymentables"][0]["amount"]) for p in payments] == [(30, 30, 30),
                                                                                               (90, 70, 90)]
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (-20, 120, 20)


def test_auto_bill_spends_credits_first(api, tenant, make_invoice, make_credit, client_row, get, session_factory):
    set_company(session_factory, tenant, use_credits_payment="always", use_unapplied_payment="always")
    first, second = make_credit(30), make_credit(50)
    inv = make_invoice(60)
    data = api.get(f"/api/v1/invoices/{inv['id']}/auto_bill", headers=tenant.headers).json()["data"]
    assert (data["status_id"], data["balance"], data["paid_to_date"]) == ("4", 0, 60)
    assert (get(f"credits/{first['id']}")["balance"], get(f"credits/{first['id']}")["status_id"]) == (0, "4")
    assert (get(f"credits/{second['id']}")["balance"], get(f"credits/{second['id']}")["status_id"]) == (20, "3")
    payment = get(f"invoices/{inv['id']}?include=payments")["payments"][0]
    assert (payment["amount"], payment["applied"], payment["type_id"], payment["is_manual"]) == (0, 0, "32", False)
    assert [(p.get("invoice_id"), p.get("credit_id"), p["amount"]) for p in payment["paymentables"]] == [
        (inv["id"], None, 60), (None, first["id"], 30), (None, second["id"], 30)]
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["credit_balance"]) == (0, 60, 20)


def test_auto_bill_with_unapplied_money_and_a_partial(api, tenant, pay, make_invoice, client_row, get, session_factory):
    set_company(session_factory, tenant, use_unapplied_payment="always")
    pay({"client_id": client_row["id"], "amount": 25})
    inv = make_invoice(100, partial=40)
    data = api.get(f"/api/v1/invoices/{inv['id']}/auto_bill", headers=tenant.headers).json()["data"]
    # 25 is less than the partial: the partial shrinks, the invoice stays sent.
    assert (data["status_id"], data["balance"], data["partial"]) == ("2", 75, 15)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (75, 25, 0)


def test_deleting_the_only_invoice_deletes_its_payment_and_restoring_brings_it_back(
        api, tenant, pay, make_invoice, client_row, get, session_factory):
    inv = make_invoice(100)
    payment = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 100}]}).json()["data"]
    api.delete(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers)
    shown = get(f"payments/{payment['id']}")
    assert (shown["is_deleted"], shown["amount"], shown["applied"], shown["status_id"], shown["paymentables"]) == (
        True, 0, 0, "4", [])
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"]) == (0, 0)
    api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "restore", "ids": [inv["id"]]})
    shown = get(f"payments/{payment['id']}")
    assert (shown["is_deleted"], shown["amount"], shown["applied"], len(shown["paymentables"])) == (False, 100, 100, 1)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"]) == (0, 100)


def test_deleting_one_of_two_invoices_shrinks_the_payment(api, tenant, pay, make_invoice, make_credit, client_row,
                                                          get, session_factory):
    a, b = make_invoice(60), make_invoice(40)
    credit = make_credit(10)
    payment = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": a["id"], "amount": 60},
                                                               {"invoice_id": b["id"], "amount": 40}],
                   "credits": [{"credit_id": credit["id"], "amount": 10}]}).json()["data"]
    assert (payment["amount"], payment["applied"]) == (90, 90)
    api.delete(f"/api/v1/invoices/{a['id']}", headers=tenant.headers)
    shown = get(f"payments/{payment['id']}")
    # The credit's part is not taken off the payment (upstream excludes it).
    assert (shown["is_deleted"], shown["amount"], shown["applied"]) == (False, 40, 40)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"]) == (0, 40)
    api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "restore", "ids": [a["id"]]})
    shown = get(f"payments/{payment['id']}")
    assert (shown["amount"], shown["applied"], len(shown["paymentables"])) == (90, 90, 3)
    assert get(f"clients/{client_row['id']}")["paid_to_date"] == 100


def test_client_balances_agree_with_a_recompute(api, tenant, pay, make_invoice, client_row, get, session_factory):
    """After a run of payments, refunds and deletes the client's balance is what its open invoices owe."""
    invoices = [make_invoice(c) for c in (10, 20, 30)]
    p1 = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": invoices[0]["id"], "amount": 10},
                                                          {"invoice_id": invoices[1]["id"], "amount": 5}]}).json()["data"]
    pay({"client_id": client_row["id"], "amount": 40, "invoices": [{"invoice_id": invoices[2]["id"], "amount": 30}]})
    api.post("/api/v1/payments/refund", headers=tenant.headers, json={
        "id": p1["id"], "date": "2024-01-01", "invoices": [{"invoice_id": invoices[1]["id"], "amount": 5}]})
    api.delete(f"/api/v1/payments/{p1['id']}", headers=tenant.headers)
    owed = sum(get(f"invoices/{i['id']}")["balance"] for i in invoices)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], owed, client["paid_to_date"], client["payment_balance"]) == (30, 30, 40, 10)
    with session_factory() as s:
        assert s.get(Client, ids.decode(client_row["id"])).balance == Decimal(30)
        assert s.query(Paymentable).join(Payment, Payment.id == Paymentable.payment_id).count() == 1
