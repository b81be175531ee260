"""DELETE /payments/{id} (§6.9), archive and restore, and PUT /payments/{id} (§6.7)."""

from ninja_api import ids
from ninja_api.models import Activity, Paymentable

from tests.payments.test_store import invalid, stable


def test_delete_reopens_the_invoice_and_answers_with_the_payment_as_it_was(api, tenant, pay, make_invoice,
                                                                          client_row, get, session_factory):
    inv = make_invoice(100)
    payment = pay({"client_id": client_row["id"], "amount": 120,
                   "invoices": [{"invoice_id": inv["id"], "amount": 100}]}).json()["data"]
    r = api.delete(f"/api/v1/payments/{payment['id']}", headers=tenant.headers)
    assert r.status_code == 200
    # Upstream reverses a fresh copy and renders the one it had: old fields, pivots already gone.
    assert stable(r.json()["data"]) == stable({**payment, "paymentables": []})
    shown = get(f"payments/{payment['id']}")
    assert (shown["status_id"], shown["is_deleted"], shown["archived_at"] > 0, shown["paymentables"]) == (
        "2", True, True, [])
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("2", 100, 0)
    client = get(f"clients/{client_row['id']}")
    # The 20 never applied leaves the paid to date too.
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (100, 0, 0)
    with session_factory() as s:
        assert s.query(Paymentable).count() == 0
        deleted = s.query(Activity).filter_by(activity_type_id=13).one()
        assert (deleted.payment_id, deleted.invoice_id) == (ids.decode(payment["id"]), None)
    # Deleting again changes nothing.
    api.delete(f"/api/v1/payments/{payment['id']}", headers=tenant.headers)
    assert get(f"clients/{client_row['id']}")["balance"] == 100


def test_a_deleted_payment_cannot_be_restored_or_edited(api, tenant, pay, client_row, get):
    payment = pay({"client_id": client_row["id"], "amount": 10}).json()["data"]
    api.post("/api/v1/payments/bulk", headers=tenant.headers, json={"action": "delete", "ids": [payment["id"]]})
    rows = api.post("/api/v1/payments/bulk", headers=tenant.headers,
                    json={"action": "restore", "ids": [payment["id"]]}).json()["data"]
    assert (rows[0]["is_deleted"], rows[0]["status_id"]) == (True, "2")
    assert get(f"clients/{client_row['id']}")["paid_to_date"] == 0
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={"private_notes": "x"})
    assert (r.status_code, r.json()) == (400, {
        "message": "Record is deleted and cannot be edited. Restore the record to enable editing"})
    # The rules run first, as upstream's request validates before the controller looks.
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={"client_id": "other"})
    assert r.status_code == 422


def test_a_fully_refunded_payment_deletes_without_moving_money_twice(api, tenant, pay, make_invoice, client_row, get):
    inv = make_invoice(100)
    payment = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 100}]}).json()["data"]
    api.post("/api/v1/payments/refund", headers=tenant.headers, json={
        "id": payment["id"], "date": "2024-01-01", "invoices": [{"invoice_id": inv["id"], "amount": 100}]})
    before = get(f"clients/{client_row['id']}")
    assert (before["balance"], before["paid_to_date"]) == (100, 0)
    api.delete(f"/api/v1/payments/{payment['id']}", headers=tenant.headers)
    after = get(f"clients/{client_row['id']}")
    assert (after["balance"], after["paid_to_date"]) == (100, 0)
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("2", 100, 0)


def test_delete_of_a_partly_refunded_payment(api, tenant, pay, make_invoice, client_row, get):
    inv = make_invoice(100)
    payment = pay({"client_id": client_row["id"], "invoices": [{"invoice_id": inv["id"], "amount": 60}]}).json()["data"]
    api.post("/api/v1/payments/refund", headers=tenant.headers, json={
        "id": payment["id"], "date": "2024-01-01", "invoices": [{"invoice_id": inv["id"], "amount": 25}]})
    api.delete(f"/api/v1/payments/{payment['id']}", headers=tenant.headers)
    invoice = get(f"invoices/{inv['id']}")
    assert (invoice["status_id"], invoice["balance"], invoice["paid_to_date"]) == ("2", 100, 0)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"]) == (100, 0)


def test_archive_and_restore(api, tenant, pay, client_row, session_factory):
    payment = pay({"client_id": client_row["id"], "amount": 10}).json()["data"]
    archived = api.get(f"/api/v1/payments/{payment['id']}/archive", headers=tenant.headers).json()["data"]
    assert (archived["archived_at"] > 0, archived["is_deleted"], archived["status_id"]) == (True, False, "4")
    restored = api.get(f"/api/v1/payments/{payment['id']}/restore", headers=tenant.headers).json()["data"]
    assert restored["archived_at"] == 0
    with session_factory() as s:
        kinds = [a.activity_type_id for a in s.query(Activity).filter_by(payment_id=ids.decode(payment["id"]))
                 .order_by(Activity.id)]
    assert kinds == [10, 12, 27]


def test_update_applies_the_unapplied_rest(api, tenant, pay, make_invoice, client_row, get, session_factory):
    payment = pay({"client_id": client_row["id"], "amount": 100}).json()["data"]
    first, second = make_invoice(30), make_invoice(90)
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={
        "amount": 5, "private_notes": "applied later", "invoices": [{"invoice_id": first["id"], "amount": 30}]})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    # `amount` cannot change through an update.
    assert (data["amount"], data["applied"], data["private_notes"]) == (100, 30, "applied later")
    assert get(f"invoices/{first['id']}")["status_id"] == "4"
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={
        "invoices": [{"invoice_id": second["id"], "amount": 80}]})
    assert r.json() == invalid({"invoices": ["Insufficient applied amount remaining to cover payment."]})
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={
        "invoices": [{"invoice_id": second["id"], "amount": 91}]})
    assert r.json() == invalid({"invoices": ["Amount cannot be greater than invoice balance"]})
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={
        "invoices": [{"invoice_id": second["id"], "amount": 10}, {"invoice_id": second["id"], "amount": 10}]})
    assert r.json() == invalid({"invoices.0.invoice_id": ["Attemping duplicate payment on the same Invoice"],
                                "invoices.1.invoice_id": ["Attemping duplicate payment on the same Invoice"]})
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={
        "invoices": [{"invoice_id": second["id"], "amount": -1}]})
    assert r.json() == invalid({"invoices.0.amount": ["The invoices.0.amount must be at least 0."]})
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers, json={
        "invoices": [{"invoice_id": second["id"], "amount": 70}]})
    assert (r.json()["data"]["applied"], get(f"invoices/{second['id']}")["balance"]) == (100, 20)
    client = get(f"clients/{client_row['id']}")
    assert (client["balance"], client["paid_to_date"], client["payment_balance"]) == (20, 100, 0)
    with session_factory() as s:
        assert s.query(Activity).filter_by(payment_id=ids.decode(payment["id"]), activity_type_id=11).count() == 2


def test_update_refuses_another_client_and_a_taken_number(api, tenant, pay, client_row, other_client):
    one = pay({"client_id": client_row["id"], "amount": 1, "number": "A"}).json()["data"]
    two = pay({"client_id": client_row["id"], "amount": 2}).json()["data"]
    r = api.put(f"/api/v1/payments/{two['id']}", headers=tenant.headers,
                json={"client_id": other_client["id"], "number": "A"})
    assert r.json() == invalid({"client_id": ["The selected client id is invalid."],
                                "number": ["The number has already been taken."]})
    r = api.put(f"/api/v1/payments/{one['id']}", headers=tenant.headers, json={"number": "A"})
    assert r.status_code == 200


def test_refunded_money_is_not_applied_again(api, tenant, pay, make_invoice, client_row, get):
    """Upstream's test: 500 paid, 300 applied, 300 refunded, then 200 more applied → applied 500."""
    first = make_invoice(300)
    payment = pay({"client_id": client_row["id"], "amount": 500,
                   "invoices": [{"invoice_id": first["id"], "amount": 300}]}).json()["data"]
    api.post("/api/v1/payments/refund", headers=tenant.headers, json={
        "id": payment["id"], "date": "2024-01-01", "invoices": [{"invoice_id": first["id"], "amount": 300}]})
    second = make_invoice(200)
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers,
                json={"invoices": [{"invoice_id": second["id"], "amount": 200}]})
    assert (r.json()["data"]["applied"], r.json()["data"]["refunded"]) == (500, 300)
    r = api.put(f"/api/v1/payments/{payment['id']}", headers=tenant.headers,
                json={"invoices": [{"invoice_id": first["id"], "amount": 1}]})
    assert r.json() == invalid({"invoices": ["Insufficient applied amount remaining to cover payment."]})
