"""auto_bill: unapplied payments settle the invoice; without a gateway the rest stays open."""

from decimal import Decimal

from ninja_api import ids
from ninja_api.models import Company, Payment, Paymentable


def enable_unapplied(session_factory, tenant, mode="always"):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "use_unapplied_payment": mode}
        s.commit()


def overpay(make_invoice):
    """An invoice of 100 paid with 150: 50 of the payment stays unapplied."""
    return make_invoice("?amount_paid=150", line_items=[{"quantity": 1, "cost": 100}])


def test_auto_bill_without_gateway_only_marks_sent(api, tenant, make_invoice, get_client):
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 40}])
    r = api.get(f"/api/v1/invoices/{inv['id']}/auto_bill", headers=tenant.headers)
    data = r.json()["data"]
    assert (r.status_code, data["status_id"], data["balance"], data["paid_to_date"]) == (200, "2", 40, 0)
    assert get_client()["balance"] == 40


def test_auto_bill_applies_unapplied_payments(api, tenant, make_invoice, get_client, session_factory):
    enable_unapplied(session_factory, tenant)
    overpay(make_invoice)
    assert (get_client()["balance"], get_client()["paid_to_date"]) == (-50, 150)
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 30}])
    data = api.get(f"/api/v1/invoices/{inv['id']}/auto_bill", headers=tenant.headers).json()["data"]
    assert (data["status_id"], data["balance"], data["paid_to_date"]) == ("4", 0, 30)
    assert (get_client()["balance"], get_client()["paid_to_date"]) == (-50, 150)
    with session_factory() as s:
        payment = s.query(Payment).one()
        assert (payment.amount, payment.applied) == (Decimal(150), Decimal(130))
        pivot = s.query(Paymentable).filter_by(paymentable_id=ids.decode(inv["id"])).one()
        assert pivot.amount == Decimal(30)

    # The next invoice takes the remaining 20 and stays partial.
    rest = make_invoice(line_items=[{"quantity": 1, "cost": 45}])
    data = api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                    json={"action": "auto_bill", "ids": [rest["id"]]}).json()["data"][0]
    assert (data["status_id"], data["balance"], data["paid_to_date"]) == ("3", 25, 20)
    assert get_client()["balance"] == -50 + 25


def test_unapplied_payments_are_left_alone_when_the_setting_is_off(api, tenant, make_invoice):
    overpay(make_invoice)
    inv = make_invoice("?auto_bill=true", line_items=[{"quantity": 1, "cost": 30}])
    assert (inv["status_id"], inv["balance"]) == ("2", 30)


def test_auto_bill_toggle_on_create(api, tenant, make_invoice, session_factory):
    enable_unapplied(session_factory, tenant)
    overpay(make_invoice)
    inv = make_invoice("?auto_bill=true", line_items=[{"quantity": 1, "cost": 10}])
    assert (inv["status_id"], inv["balance"], inv["paid_to_date"]) == ("4", 0, 10)


def test_zero_invoice_is_marked_paid(api, tenant, make_invoice):
    inv = make_invoice(line_items=[])
    data = api.get(f"/api/v1/invoices/{inv['id']}/auto_bill", headers=tenant.headers).json()["data"]
    assert (data["status_id"], data["balance"]) == ("4", 0)


def test_paid_and_deleted_invoices_are_not_billed(api, tenant, make_invoice):
    paid = make_invoice("?paid=true", line_items=[{"quantity": 1, "cost": 10}])
    data = api.get(f"/api/v1/invoices/{paid['id']}/auto_bill", headers=tenant.headers).json()["data"]
    assert (data["status_id"], data["paid_to_date"]) == ("4", 10)
    draft = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    api.delete(f"/api/v1/invoices/{draft['id']}", headers=tenant.headers)
    data = api.get(f"/api/v1/invoices/{draft['id']}/auto_bill", headers=tenant.headers).json()["data"]
    assert data["status_id"] == "1"


def test_bulk_payment_actions_need_the_create_payment_permission(api, tenant, make_invoice, session_factory):
    from tests.auth.helpers import add_member

    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    editor = add_member(session_factory, tenant, "ed@example.com", "e" * 64, permissions="view_invoice,edit_invoice")
    for action in ("auto_bill", "mark_paid"):
        r = api.post("/api/v1/invoices/bulk", headers=editor["headers"], json={"action": action, "ids": [inv["id"]]})
        assert (r.status_code, r.json()) == (
            422, {"message": "You are not authorized", "errors": {"ids": ["You are not authorized"]}})
    r = api.post("/api/v1/invoices/bulk", headers=editor["headers"], json={"action": "mark_sent", "ids": [inv["id"]]})
    assert r.json()["data"][0]["status_id"] == "2"
    payer = add_member(session_factory, tenant, "pay@example.com", "p" * 64,
                       permissions="view_invoice,edit_invoice,create_payment")
    r = api.post("/api/v1/invoices/bulk", headers=payer["headers"], json={"action": "mark_paid", "ids": [inv["id"]]})
    assert r.json()["data"][0]["status_id"] == "4"
