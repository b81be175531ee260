"""POST /payments: exact JSON, how money lands on invoices and the client, and upstream's 422s."""

from decimal import Decimal

from ninja_api import ids
from ninja_api.billing.settings import company_today
from ninja_api.models import Activity, CompanyLedger, Payment, Paymentable

from tests.payments.conftest import PAYMENT_KEYS, PAYMENTABLE_KEYS

VOLATILE = {"created_at", "updated_at"}


def stable(obj):
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def invalid(errors):
    return {"message": "The given data was invalid.", "errors": errors}


def test_full_payment_renders_every_upstream_field_in_order(pay, tenant, make_invoice, client_row, get):
    inv = make_invoice(100)
    r = pay({"client_id": client_row["id"], "date": "2024-03-01", "transaction_reference": "wire 7", "type_id": "1",
             "private_notes": "n", "custom_value1": "c1", "invoices": [{"invoice_id": inv["id"], "amount": 100}]})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert list(data) == PAYMENT_KEYS
    assert list(data["paymentables"][0]) == PAYMENTABLE_KEYS
    payment_id = ids.decode(data["id"])
    assert stable(data) == {
        "id": ids.encode(payment_id), "user_id": ids.encode(tenant.user.id), "assigned_user_id": "", "amount": 100,
        "refunded": 0, "applied": 100, "transaction_reference": "wire 7", "transaction_id": "", "date": "2024-03-01",
        "is_manual": True, "archived_at": 0, "is_deleted": False, "type_id": "1", "invitation_id": "",
        "private_notes": "n", "number": "0001", "custom_value1": "c1", "custom_value2": "", "custom_value3": "",
        "custom_value4": "", "client_id": client_row["id"], "client_contact_id": "", "company_gateway_id": "",
        "gateway_type_id": "", "status_id": "4", "project_id": "", "vendor_id": "", "currency_id": "1",
        "exchange_rate": 1, "exchange_currency_id": "",
        "paymentables": [{"id": data["paymentables"][0]["id"], "invoice_id": inv["id"], "amount": 100, "refunded": 0,
                          "archived_at": 0}],
        "documents": [],
    }
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("4", 0, 100)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (0, 100, 0)
    # The stored response equals what a later GET shows.
    assert stable(get(f"payments/{data['id']}")) == stable(data)


def test_partial_payment_and_cents(pay, make_invoice, client_row, get):
    inv = make_invoice("100.10")
    data = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": "33.37"}]}).json()["data"]
    assert (data["amount"], data["applied"]) == (33.37, 33.37)
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("3", 66.73, 33.37)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"]) == (66.73, 33.37)


def test_over_payment_leaves_the_rest_unapplied(pay, make_invoice, client_row, get):
    inv = make_invoice(10)
    data = pay({"client_id": client_row["id"], "amount": 15, "invoices": [{"invoice_id": inv["id"], "amount": 10}]})
    data = data.json()["data"]
    assert (data["amount"], data["applied"]) == (15, 10)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (0, 15, 5)
    assert get(f"invoices/{inv['id']}")["status_id"] == "4"


def test_payment_without_invoices_is_all_unapplied(pay, client_row, get):
    data = pay({"client_id": client_row["id"], "amount": "25.50"}).json()["data"]
    assert (data["amount"], data["applied"], data["paymentables"]) == (25.5, 0, [])
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (0, 25.5, 25.5)


def test_amount_is_inferred_when_absent_or_zero(pay, make_invoice, client_row):
    first, second = make_invoice(30), make_invoice(12)
    data = pay({"client_id": client_row["id"], "amount": 0,
                "invoices": [{"invoice_id": first["id"], "amount": 30}, {"invoice_id": second["id"], "amount": "2.5"}]})
    assert (data.json()["data"]["amount"], data.json()["data"]["applied"]) == (32.5, 32.5)


def test_a_draft_invoice_is_marked_sent_first(pay, make_invoice, client_row, get, session_factory):
    draft = make_invoice(80, query="")
    assert draft["status_id"] == "1"
    pay({"client_id": client_row["id"], "invoices": [{"invoice_id": draft["id"], "amount": 80}]})
    invoice = get(f"invoices/{draft['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("4", 0, 80)
    assert get(f"clients/{client_row['id']}")["balance"] == 0
    with session_factory() as s:
        kinds = [a.activity_type_id for a in s.query(Activity).filter_by(invoice_id=ids.decode(draft["id"]))
                 .order_by(Activity.id)]
    assert kinds == [4, 53, 10]


def test_partial_deposit_rules(pay, make_invoice, client_row, get, session_factory, tenant):
    from ninja_api.models import Company

    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "payment_terms": "7"}
        s.commit()
    inv = make_invoice(100, partial=40)
    # Marking it sent gave the partial its due date, not the invoice.
    assert (inv["due_date"], inv["partial_due_date"] != "") == ("", True)
    pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 15}]})
    shown = get(f"invoices/{inv['id']}")
    # Less than the partial: the partial shrinks and the status stays.
    assert (shown["status_id"], shown["balance"], shown["partial"]) == ("2", 85, 25)
    pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 25}]})
    shown = get(f"invoices/{inv['id']}")
    # The whole partial: it is cleared, the invoice is partly paid and now has its own due date.
    from datetime import date, timedelta

    due = (date.fromisoformat(shown["date"]) + timedelta(days=7)).isoformat()
    assert (shown["status_id"], shown["balance"], shown["partial"], shown["due_date"]) == ("3", 60, 0, due)


def test_ledger_rows_and_activity(pay, make_invoice, client_row, session_factory, tenant):
    inv = make_invoice(50)
    data = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 20}]}).json()["data"]
    with session_factory() as s:
        rows = [(r.company_ledgerable_type, r.adjustment, r.balance, r.notes) for r in
                s.query(CompanyLedger).filter_by(client_id=ids.decode(client_row["id"])).order_by(CompanyLedger.id)]
        activity = s.query(Activity).filter_by(payment_id=ids.decode(data["id"]), activity_type_id=10).one()
    assert rows == [
        ("invoices", Decimal(50), Decimal(50), "Invoice marked as sent"),
        ("App\\Models\\Payment", Decimal(-20), Decimal(30), "ApplyPaymentInvoice"),
    ]
    assert (activity.activity_type_id, activity.invoice_id) == (10, ids.decode(inv["id"]))


def test_date_defaults_to_today_and_form_bodies_work(api, tenant, app, make_invoice, client_row):
    inv = make_invoice(10)
    body = {"client_id": client_row["id"], "invoices[0][invoice_id]": inv["id"], "invoices[0][amount]": "10.00"}
    r = api.post("/api/v1/payments", headers=tenant.headers, data=body)
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert (data["amount"], data["date"]) == (10, company_today(tenant.company).isoformat())


def test_idempotency_key(pay, client_row, session_factory):
    first = pay({"client_id": client_row["id"], "amount": 5, "idempotency_key": "key-1"})
    assert first.status_code == 200
    again = pay({"client_id": client_row["id"], "amount": 6, "idempotency_key": "key-1"})
    assert (again.status_code, again.json()) == (422, invalid(
        {"idempotency_key": ["The idempotency key has already been taken."]}))
    too_long = pay({"client_id": client_row["id"], "amount": 7, "idempotency_key": "k" * 65})
    assert too_long.json() == invalid({"idempotency_key": ["The idempotency key must not be greater than 64 characters."]})
    # Without one, a key is made of the time, date, amount, credits, raw client id and company key.
    pay({"client_id": client_row["id"], "amount": "8.50", "date": "2024-01-02"})
    with session_factory() as s:
        key = s.query(Payment).filter_by(amount=Decimal("8.5")).one().idempotency_key
    assert len(key) == 64 and key[10:].startswith(f"2024-01-028.500{client_row['id']}")


def test_the_same_request_twice_within_a_second_is_refused(api, tenant, client_row, app):
    from ninja_api.payments.duplicates import recent_requests

    recent_requests(app).clear()
    body = {"client_id": client_row["id"], "amount": 9}
    assert api.post("/api/v1/payments", headers=tenant.headers, json=body).status_code == 200
    r = api.post("/api/v1/payments", headers=tenant.headers, json=body)
    assert (r.status_code, r.json()) == (400, {"message": "Duplicate request"})
    # Another amount is another request.
    assert api.post("/api/v1/payments", headers=tenant.headers, json={**body, "amount": 10}).status_code == 200


def test_client_rules(pay, tenant, api, session_factory, other_tenant):
    assert pay({"amount": 5}).json() == invalid({"client_id": ["The client id field is required."]})
    assert pay({"client_id": "nope", "amount": 5}).json() == invalid({"client_id": ["The selected client id is invalid."]})
    foreign = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    r = pay({"client_id": foreign["id"], "amount": 5})
    assert (r.status_code, r.json()) == (422, invalid({"client_id": ["The selected client id is invalid."]}))
    mine = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Gone"}).json()["data"]
    api.delete(f"/api/v1/clients/{mine['id']}", headers=tenant.headers)
    assert pay({"client_id": mine["id"], "amount": 5}).json() == invalid({"client_id": ["The selected client id is invalid."]})


def test_invoice_rules(pay, make_invoice, client_row, other_client, api, tenant, other_tenant):
    inv = make_invoice(50)
    entry = {"invoice_id": inv["id"], "amount": 60}
    r = pay({"client_id": client_row["id"], "invoices": [entry]})
    assert (r.status_code, r.json()) == (422, invalid({"invoices.0.invoice_id": [
        "The amount is greater than the invoice balance. You cannot overpay an invoice."]}))
    draft = make_invoice(20, query="")
    r = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": draft["id"], "amount": 21}]})
    assert r.json() == invalid({"invoices.0.invoice_id": ["Amount cannot be greater than invoice balance"]})
    # The same invoice twice: both entries fail `distinct`.
    twice = [{"invoice_id": inv["id"], "amount": 1}, {"invoice_id": inv["id"], "amount": 2}]
    assert pay({"client_id": client_row["id"], "invoices": twice}).json() == invalid({
        "invoices.0.invoice_id": ["The invoices.0.invoice id field has a duplicate value."],
        "invoices.1.invoice_id": ["The invoices.1.invoice id field has a duplicate value."]})
    # Another client's invoice: the whole array is judged, so every entry carries the message.
    theirs = make_invoice(5, client_id=other_client["id"])
    both = [{"invoice_id": inv["id"], "amount": 1}, {"invoice_id": theirs["id"], "amount": 1}]
    assert pay({"client_id": client_row["id"], "invoices": both}).json() == invalid({
        "invoices.0.invoice_id": ["Selected invoices are not from a single client"],
        "invoices.1.invoice_id": ["Selected invoices are not from a single client"]})
    foreign_client = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "X"}).json()["data"]
    foreign = api.post("/api/v1/invoices?mark_sent=true", headers=other_tenant.headers, json={
        "client_id": foreign_client["id"], "line_items": [{"quantity": 1, "cost": 5}]}).json()["data"]
    assert pay({"client_id": client_row["id"], "invoices": [{"invoice_id": foreign["id"], "amount": 1}]}).json() == \
        invalid({"invoices.0.invoice_id": ["Selected invoices are not from a single client"]})
    assert pay({"client_id": client_row["id"], "invoices": [{"invoice_id": "zzz", "amount": 1}]}).json() == \
        invalid({"invoices.0.invoice_id": ["The requested invoice is not available"]})
    assert pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"]}]}).json() == invalid({
        "invoices.0.amount": ["The invoices.0.amount field is required."],
        "invoices.0.invoice_id": ["Amount required"]})
    assert pay({"client_id": client_row["id"], "invoices": [{"amount": 1}]}).json() == invalid({
        "invoices.0.invoice_id": ["The invoices.0.invoice id field is required."]})
    assert pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": "ten"}]}).json() == \
        invalid({"invoices.0.amount": ["The invoices.0.amount must be a number."]})
    # A paid invoice is not payable.
    pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 50}]})
    assert pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 1}]}).json() == invalid({
        "invoices": ["One or more of these invoices have been paid"],
        "invoices.0.invoice_id": ["The amount is greater than the invoice balance. You cannot overpay an invoice."]})


def test_amount_rules(pay, make_invoice, client_row):
    inv = make_invoice(50)
    r = pay({"client_id": client_row["id"], "amount": 40, "invoices": [{"invoice_id": inv["id"], "amount": 50}]})
    assert r.json() == invalid({"amount": ["Amounts do not balance correctly."]})
    assert pay({"client_id": client_row["id"], "amount": "abc"}).json() == invalid({"amount": ["The amount must be a number."]})
    assert pay({"client_id": client_row["id"], "amount": "100000000000000"}).json() == invalid(
        {"amount": ["The amount must not be greater than 99999999999999."]})
    assert pay({"client_id": client_row["id"], "amount": 3, "number": "P-1"}).status_code == 200
    assert pay({"client_id": client_row["id"], "amount": 4, "number": "P-1"}).json() == invalid(
        {"number": ["The number has already been taken."]})
    assert pay({"client_id": client_row["id"], "amount": 4, "date": "yesterday"}).json() == invalid(
        {"date": ["The date is not a valid date."]})


def test_nothing_is_half_written_when_validation_fails(pay, make_invoice, client_row, get, session_factory):
    inv = make_invoice(50, query="")
    pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 10}], "number": "X",
         "amount": 1})
    assert get(f"invoices/{inv['id']}")["status_id"] == "1"
    with session_factory() as s:
        assert s.query(Payment).count() == 0 and s.query(Paymentable).count() == 0


def test_only_users_who_may_create_payments(pay, tenant, session_factory, client_row):
    from tests.auth.helpers import add_member

    viewer = add_member(session_factory, tenant, "v@example.com", "v" * 64, permissions="view_payment")
    r = pay({"client_id": client_row["id"], "amount": 1}, headers=viewer["headers"])
    assert (r.status_code, r.json()) == (401, {"message": "This action is unauthorized."})


def test_receipt_is_mailed_as_the_client_setting_says(pay, make_invoice, client_row, app):
    sent = app.state.mailer.sent
    inv = make_invoice(30)
    pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 10}]})
    assert [m.subject for m in sent] == ["Payment Received"] and sent[0].to == "a@acme.co"
    pay({"client_id": client_row["id"], "email_receipt": "false", "invoices": [{"invoice_id": inv["id"], "amount": 11}]})
    assert len(sent) == 1
    # A payment with no invoice has nobody to mail (upstream picks the contact through the invoice).
    pay({"client_id": client_row["id"], "amount": 12, "email_receipt": True})
    assert len(sent) == 1


def test_a_client_in_another_currency(pay, api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Euro Co", "settings": {"currency_id": "3"}})
    client = r.json()["data"]
    data = pay({"client_id": client["id"], "amount": 10}).json()["data"]
    assert (data["currency_id"], data["exchange_currency_id"], data["exchange_rate"]) == ("3", "1", 1)
    data = pay({"client_id": client["id"], "amount": 11, "exchange_rate": "1.25"}).json()["data"]
    assert (data["currency_id"], data["exchange_currency_id"], data["exchange_rate"]) == ("3", "", 1.25)
