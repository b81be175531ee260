"""Mark sent, mark paid, amount paid, cancel, delete, restore: invoice and client money move as upstream."""

from datetime import date, timedelta

from ninja_api import ids
from ninja_api.models import Activity, Company, Payment, Paymentable


def action(api, tenant, inv, name):
    return api.get(f"/api/v1/invoices/{inv['id']}/{name}", headers=tenant.headers)


def bulk(api, tenant, action_name, *invoices, **extra):
    return api.post("/api/v1/invoices/bulk", headers=tenant.headers,
                    json={"action": action_name, "ids": [i["id"] for i in invoices], **extra})


def test_mark_sent_moves_balance_to_the_client(api, tenant, make_invoice, get_client, session_factory):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "payment_terms": "14"}
        s.commit()
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 100}])
    assert get_client()["balance"] == 0
    r = action(api, tenant, inv, "mark_sent")
    sent = r.json()["data"]
    assert (sent["status_id"], sent["balance"], sent["amount"]) == ("2", 100, 100)
    assert sent["due_date"] == (date.fromisoformat(sent["date"]) + timedelta(days=14)).isoformat()
    assert get_client()["balance"] == 100
    # Marking a sent invoice again changes nothing.
    again = action(api, tenant, inv, "mark_sent").json()["data"]
    assert (again["status_id"], again["balance"]) == ("2", 100)
    assert get_client()["balance"] == 100


def test_mark_paid_creates_the_payment(api, tenant, make_invoice, get_client, session_factory):
    inv = make_invoice(line_items=[{"quantity": 2, "cost": "12.345"}], is_amount_discount=False)
    assert inv["amount"] == 24.69
    paid = action(api, tenant, inv, "mark_paid").json()["data"]
    assert (paid["status_id"], paid["balance"], paid["paid_to_date"]) == ("4", 0, 24.69)
    client = get_client()
    assert (client["balance"], client["paid_to_date"]) == (0, 24.69)
    with session_factory() as s:
        payment = s.query(Payment).filter_by(client_id=ids.decode(inv["client_id"])).one()
        assert (str(payment.amount), str(payment.applied), payment.status_id, payment.number) == ("24.690000", "24.690000", 4, "0001")
        assert payment.transaction_reference == "Manual entry"
        pivot = s.query(Paymentable).filter_by(payment_id=payment.id).one()
        assert (pivot.paymentable_type, pivot.paymentable_id, str(pivot.amount)) == ("invoices", ids.decode(inv["id"]), "24.6900")
    r = api.get(f"/api/v1/invoices/{inv['id']}?include=payments", headers=tenant.headers).json()["data"]
    assert [(p["amount"], p["status_id"], p["paymentables"][0]["invoice_id"]) for p in r["payments"]] == [(24.69, "4", inv["id"])]
    # A paid invoice cannot be paid again.
    r = action(api, tenant, inv, "mark_paid")
    assert (r.status_code, r.json()) == (400, {"error": {"message": "Invoice cannot be marked as paid"}})


def test_amount_paid_makes_a_partial_invoice(api, tenant, make_invoice, get_client):
    inv = make_invoice("?amount_paid=30", line_items=[{"quantity": 1, "cost": 100}])
    assert (inv["status_id"], inv["balance"], inv["paid_to_date"]) == ("3", 70, 30)
    client = get_client()
    assert (client["balance"], client["paid_to_date"]) == (70, 30)
    r = api.put(f"/api/v1/invoices/{inv['id']}?amount_paid=70", headers=tenant.headers, json={})
    assert (r.json()["data"]["status_id"], r.json()["data"]["balance"]) == ("4", 0)


def test_toggles_fire_only_on_true(make_invoice, get_client):
    assert make_invoice("?mark_sent=1", line_items=[{"quantity": 1, "cost": 10}])["status_id"] == "1"
    sent = make_invoice("?mark_sent=true", line_items=[{"quantity": 1, "cost": 10}])
    assert (sent["status_id"], sent["balance"]) == ("2", 10)
    paid = make_invoice("?paid=true&reference=wire-42", line_items=[{"quantity": 1, "cost": 5}])
    assert (paid["status_id"], paid["paid_to_date"]) == ("4", 5)
    assert get_client()["balance"] == 10


def test_cancel(api, tenant, make_invoice, get_client):
    inv = make_invoice("?mark_sent=true", line_items=[{"quantity": 1, "cost": 80}])
    draft = make_invoice(line_items=[{"quantity": 1, "cost": 1}])
    r = action(api, tenant, inv, "cancel")
    assert (r.status_code, r.content) == (200, b"")
    shown = api.get(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers).json()["data"]
    assert (shown["status_id"], shown["balance"], shown["backup"]) == ("5", 0, {"cancellation": {"adjustment": -80, "status_id": 2}})
    assert get_client()["balance"] == 0
    # Drafts cannot be cancelled; bulk just returns the list.
    rows = bulk(api, tenant, "cancel", draft).json()["data"]
    assert rows[0]["status_id"] == "1"


def test_delete_and_restore(api, tenant, make_invoice, get_client):
    inv = make_invoice("?mark_sent=true", line_items=[{"quantity": 1, "cost": 100}])
    r = api.put(f"/api/v1/invoices/{inv['id']}?amount_paid=40", headers=tenant.headers, json={})
    assert get_client()["balance"] == 60 and get_client()["paid_to_date"] == 40
    deleted = api.delete(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers).json()["data"]
    assert (deleted["is_deleted"], deleted["number"], deleted["balance"]) == (True, "0001_Deleted", 60)
    client = get_client()
    assert (client["balance"], client["paid_to_date"]) == (0, 0)
    # The number is free again.
    assert make_invoice(number="0001", line_items=[])["number"] == "0001"
    restored = bulk(api, tenant, "restore", inv).json()["data"][0]
    assert (restored["is_deleted"], restored["archived_at"]) == (False, 0)
    # Its number was taken meanwhile, so it gets a new one.
    assert restored["number"] not in ("0001", "0001_Deleted")
    client = get_client()
    assert (client["balance"], client["paid_to_date"]) == (60, 40)
    r = api.put(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers, json={"po_number": "x"})
    assert r.status_code == 200


def test_deleted_invoice_cannot_be_edited(api, tenant, make_invoice):
    inv = make_invoice(line_items=[])
    api.delete(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers)
    r = api.put(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers, json={"po_number": "x"})
    assert r.status_code == 400


def test_editing_a_sent_invoice_updates_client_balance(api, tenant, make_invoice, get_client):
    inv = make_invoice("?mark_sent=true", line_items=[{"quantity": 1, "cost": 100}])
    r = api.put(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers, json={"line_items": [{"quantity": 1, "cost": 150}]})
    assert (r.json()["data"]["amount"], r.json()["data"]["balance"]) == (150, 150)
    assert get_client()["balance"] == 150


def test_locked_invoice(api, tenant, make_invoice, session_factory):
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, "lock_invoices": "when_sent"}
        s.commit()
    inv = make_invoice("?mark_sent=true", line_items=[])
    r = api.put(f"/api/v1/invoices/{inv['id']}", headers=tenant.headers, json={"po_number": "x"})
    assert (r.status_code, r.json()) == (422, {"message": "", "errors": {"number": "This invoice is locked and unable to be modified"}})


def test_bulk_contract(api, tenant, make_invoice, other_tenant):
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 5}])
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "archive", "ids": ["notahash"]})
    assert r.json() == {"message": "No Invoices Found"}
    r = bulk(api, tenant, "explode", inv)
    assert r.status_code == 200 and r.json()["data"][0]["status_id"] == "1"
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"ids": [inv["id"]]})
    assert r.status_code == 422
    rows = bulk(api, tenant, "mark_sent", inv).json()["data"]
    assert rows[0]["status_id"] == "2"
    rows = bulk(api, tenant, "mark_paid", inv).json()["data"]
    assert rows[0]["status_id"] == "4"
    # Already paid: skipped silently in bulk.
    assert bulk(api, tenant, "mark_paid", inv).json()["data"][0]["paid_to_date"] == 5


def test_clone_and_unknown_actions(api, tenant, make_invoice):
    inv = make_invoice(po_number="PO-1", line_items=[{"quantity": 1, "cost": 5}])
    clone = action(api, tenant, inv, "clone_to_invoice").json()["data"]
    assert (clone["id"], clone["number"], clone["status_id"], clone["date"], clone["po_number"]) == ("", "", "1", "", "PO-1")
    assert clone["amount"] == 5 and clone["invitations"] == []
    r = action(api, tenant, inv, "explode")
    assert (r.status_code, r.json()) == (400, {"message": "The requested action explode is not available."})


def test_activities_are_recorded(api, tenant, make_invoice, session_factory):
    inv = make_invoice("?mark_sent=true", line_items=[{"quantity": 1, "cost": 5}])
    action(api, tenant, inv, "mark_paid")
    with session_factory() as s:
        kinds = [a.activity_type_id for a in s.query(Activity).filter_by(invoice_id=ids.decode(inv["id"])).order_by(Activity.id)]
    assert kinds == [4, 53, 10, 54]
