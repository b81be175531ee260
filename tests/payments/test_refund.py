"""POST /payments/refund (§6.8): per invoice, full and partial, and RefundPaymentRequest's messages."""

from decimal import Decimal

from ninja_api import ids
from ninja_api.models import Activity, CompanyLedger, Payment

from tests.payments.test_store import invalid


def refund(api, tenant, **body):
    body.setdefault("date", "2024-02-02")
    return api.post("/api/v1/payments/refund", headers=tenant.headers, json=body)


def paid(pay, make_invoice, client_row, *costs, amount=None):
    invoices = [make_invoice(c) for c in costs]
    body = {"client_id": client_row["id"], "invoices": [{"invoice_id": i["id"], "amount": c}
                                                         for i, c in zip(invoices, costs)]}
    if amount is not None:
        body["amount"] = amount
    return pay(body).json()["data"], invoices


def test_partial_then_full_refund_of_one_invoice(api, tenant, pay, make_invoice, client_row, get, session_factory):
    payment, (inv,) = paid(pay, make_invoice, client_row, 100)
    r = refund(api, tenant, id=payment["id"], amount=30, invoices=[{"invoice_id": inv["id"], "amount": 30}])
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["amount"], data["refunded"], data["applied"], data["status_id"]) == (100, 30, 100, "5")
    assert [(p["amount"], p["refunded"]) for p in data["paymentables"]] == [(100, 30)]
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"], invoice["auto_bill_enabled"]) == (
        "3", 30, 70, False)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"]) == (30, 70)
    data = refund(api, tenant, id=payment["id"], invoices=[{"invoice_id": inv["id"], "amount": 70}]).json()["data"]
    assert (data["refunded"], data["status_id"]) == (100, "6")
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("2", 100, 0)
    with session_factory() as s:
        notes = [a.notes for a in s.query(Activity).filter_by(payment_id=ids.decode(payment["id"]),
                                                               activity_type_id=40).order_by(Activity.id)]
        ledger = [(r.adjustment, r.notes) for r in s.query(CompanyLedger).order_by(CompanyLedger.id)][-2:]
        meta = s.get(Payment, ids.decode(payment["id"])).refund_meta
    assert notes == ["Refunded : 30 - Gateway Refund : No", "Refunded : 70 - Gateway Refund : No"]
    assert ledger == [(Decimal(30), "Refund of payment # 0001"), (Decimal(70), "Refund of payment # 0001")]
    assert [m["invoices"] for m in meta] == [[{"invoice_id": ids.decode(inv["id"]), "amount": 30}],
                                             [{"invoice_id": ids.decode(inv["id"]), "amount": 70}]]


def test_refund_without_invoices_of_unapplied_money(api, tenant, pay, client_row, get):
    payment = pay({"client_id": client_row["id"], "amount": 50}).json()["data"]
    data = refund(api, tenant, id=payment["id"], amount="12.34").json()["data"]
    assert (data["refunded"], data["status_id"]) == (12.34, "5")
    client = get(f"clients/{client_row['id']}")
    assert (client["paid_to_date"], client["payment_balance"]) == (37.66, 37.66)


def test_refund_across_two_invoices(api, tenant, pay, make_invoice, client_row, get):
    payment, (a, b) = paid(pay, make_invoice, client_row, 40, 60)
    data = refund(api, tenant, id=payment["id"], invoices=[{"invoice_id": a["id"], "amount": 40},
                                                           {"invoice_id": b["id"], "amount": 60}]).json()["data"]
    # The total equals the payment: refunded.
    assert (data["refunded"], data["status_id"]) == (100, "6")
    assert (get(f"invoices/{a['id']}")["balance"], get(f"invoices/{b['id']}")["balance"]) == (40, 60)
    assert get(f"clients/{client_row['id']}")["balance"] == 100


def test_gateway_refund_is_only_noted(api, tenant, pay, make_invoice, client_row, session_factory):
    payment, (inv,) = paid(pay, make_invoice, client_row, 10)
    r = refund(api, tenant, id=payment["id"], gateway_refund=True, invoices=[{"invoice_id": inv["id"], "amount": 5}])
    assert r.json()["data"]["refunded"] == 5
    with session_factory() as s:
        assert s.query(Activity).filter_by(activity_type_id=40).one().notes == "Refunded : 5 - Gateway Refund : Yes"


def test_refund_rules(api, tenant, pay, make_invoice, client_row, session_factory):
    payment, (inv,) = paid(pay, make_invoice, client_row, 100)
    other, (other_inv,) = paid(pay, make_invoice, client_row, 20)
    pid = payment["id"]
    assert refund(api, tenant).json() == invalid({"id": ["The id field is required."], "amount": [
        "The amount field is required."]})
    assert refund(api, tenant, id="nope", amount=1).json() == invalid({"id": ["Unable to retrieve specified payment"]})
    r = refund(api, tenant, id=pid, amount=5)
    assert r.json() == invalid({"id": ["Attempting to refund a payment with invoices attached, please specify valid "
                                       "invoice/s to be refunded."]})
    r = refund(api, tenant, id=pid, invoices=[{"invoice_id": inv["id"], "amount": 101}])
    assert r.json() == invalid({
        "id": [f"Attempting to refund more than allowed for invoice id {inv['id']}, maximum refundable amount is 100"],
        "invoices": ["Attempting to refund 101 only 100 available for refund"]})
    r = refund(api, tenant, id=pid, invoices=[{"invoice_id": inv["id"], "amount": 10},
                                              {"invoice_id": other_inv["id"], "amount": 1}])
    assert r.json() == invalid({"id": [f"Invoice id {other_inv['id']} is not related to this payment"]})
    r = refund(api, tenant, id=pid, invoices=[{"invoice_id": inv["id"], "amount": 0}])
    assert r.json() == invalid({"invoices.0.amount": ["The invoices.0.amount must be greater than 0."]})
    r = refund(api, tenant, id=pid, date=None, invoices=[{"invoice_id": inv["id"]}])
    assert r.json() == invalid({"date": ["The date field is required."],
                                "invoices.0.amount": ["The invoices.0.amount field is required."]})
    # Fully refunded: the invoice has nothing paid left to refund.
    refund(api, tenant, id=pid, invoices=[{"invoice_id": inv["id"], "amount": 100}])
    r = refund(api, tenant, id=pid, invoices=[{"invoice_id": inv["id"], "amount": 1}])
    assert r.json() == invalid({
        "id": [f"Attempting to refund more than allowed for invoice id {inv['id']}, maximum refundable amount is 0"],
        "invoices": ["Invoice id :number cannot be refunded"]})


def test_only_admins_refund(api, tenant, pay, client_row, session_factory):
    from tests.auth.helpers import add_member

    payment = pay({"client_id": client_row["id"], "amount": 5}).json()["data"]
    editor = add_member(session_factory, tenant, "e@example.com", "e" * 64, permissions="edit_payment")
    r = api.post("/api/v1/payments/refund", headers=editor["headers"], json={"id": payment["id"], "amount": 1,
                                                                             "date": "2024-01-01"})
    assert (r.status_code, r.json()) == (401, {"message": "This action is unauthorized."})


def test_another_companys_payment_cannot_be_refunded(api, tenant, other_tenant, app):
    from ninja_api.payments.duplicates import recent_requests

    theirs = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "T"}).json()["data"]
    recent_requests(app).clear()
    payment = api.post("/api/v1/payments", headers=other_tenant.headers,
                       json={"client_id": theirs["id"], "amount": 5}).json()["data"]
    r = refund(api, tenant, id=payment["id"], amount=1)
    assert r.json() == invalid({"id": ["Unable to retrieve specified payment"]})
