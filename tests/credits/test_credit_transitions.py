"""What each credit transition does to the credit and to its client's credit balance and paid to date."""

from decimal import Decimal

from sqlalchemy import select

from ninja_api import ids
from ninja_api.models import Activity, Payment, Paymentable
from ninja_api.models.payment import CREDIT_TYPE


def _money(client: dict) -> tuple:
    return client["balance"], client["paid_to_date"], client["credit_balance"]


def _action(api, tenant, credit, action):
    r = api.get(f"/api/v1/credits/{credit['id']}/{action}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_mark_sent_gives_the_client_credit(api, tenant, make_credit, get_client):
    credit = make_credit(line_items=[{"quantity": 1, "cost": 40}])
    assert _money(get_client()) == (0, 0, 0)
    sent = _action(api, tenant, credit, "mark_sent")
    assert (sent["status_id"], sent["balance"], sent["amount"]) == ("2", 40, 40)
    assert sent["invitations"][0]["sent_date"] != ""
    assert _money(get_client()) == (0, 0, 40)
    # A second mark_sent changes nothing.
    _action(api, tenant, credit, "mark_sent")
    assert _money(get_client()) == (0, 0, 40)


def test_mark_sent_toggle_on_store(make_credit, get_client):
    credit = make_credit("?mark_sent=true", line_items=[{"quantity": 2, "cost": 15}])
    assert (credit["status_id"], credit["balance"]) == ("2", 30)
    assert _money(get_client()) == (0, 0, 30)


def test_editing_a_sent_credit_moves_the_credit_balance_by_the_difference(api, tenant, make_credit, get_client):
    credit = make_credit("?mark_sent=true", line_items=[{"quantity": 1, "cost": 40}])
    r = api.put(f"/api/v1/credits/{credit['id']}", headers=tenant.headers,
                json={"line_items": [{"quantity": 1, "cost": "25.55"}]})
    assert (r.json()["data"]["amount"], r.json()["data"]["balance"]) == (25.55, 25.55)
    assert _money(get_client()) == (0, 0, 25.55)


def test_editing_a_draft_leaves_the_client_alone(api, tenant, make_credit, get_client):
    credit = make_credit(line_items=[{"quantity": 1, "cost": 40}])
    api.put(f"/api/v1/credits/{credit['id']}", headers=tenant.headers, json={"line_items": [{"quantity": 1, "cost": 60}]})
    assert _money(get_client()) == (0, 0, 0)


def test_delete_and_restore_take_the_credit_out_and_back(api, tenant, make_credit, get_client):
    credit = make_credit("?mark_sent=true", line_items=[{"quantity": 1, "cost": 40}])
    r = api.delete(f"/api/v1/credits/{credit['id']}", headers=tenant.headers)
    assert (r.status_code, r.json()["data"]["is_deleted"]) == (200, True)
    assert _money(get_client()) == (0, 0, 0)
    api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [credit["id"]], "action": "delete"})
    assert _money(get_client()) == (0, 0, 0)
    r = api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [credit["id"]], "action": "restore"})
    assert (r.json()["data"][0]["is_deleted"], r.json()["data"][0]["archived_at"]) == (False, 0)
    assert _money(get_client()) == (0, 0, 40)


def test_archive_and_restore_do_not_count_the_credit_twice(api, tenant, make_credit, get_client):
    credit = make_credit("?mark_sent=true", line_items=[{"quantity": 1, "cost": 40}])
    for action in ("archive", "restore", "archive", "restore"):
        api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [credit["id"]], "action": action})
    assert _money(get_client()) == (0, 0, 40)


def test_a_credit_note_for_a_paid_invoice(api, tenant, make_credit, make_invoice, get_client):
    invoice = make_invoice("?paid=true", line_items=[{"quantity": 1, "cost": 100}])
    assert _money(get_client()) == (0, 100, 0)
    credit = make_credit(invoice_id=invoice["id"], line_items=[{"quantity": 1, "cost": 30}])
    # Created with an invoice, the credit is marked sent and takes its balance off the paid to date.
    assert (credit["status_id"], credit["balance"], credit["invoice_id"]) == ("2", 30, invoice["id"])
    assert _money(get_client()) == (0, 70, 30)
    # Deleting the credit note gives the paid to date back.
    api.delete(f"/api/v1/credits/{credit['id']}", headers=tenant.headers)
    assert _money(get_client()) == (0, 100, 0)
    api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [credit["id"]], "action": "restore"})
    assert _money(get_client()) == (0, 70, 30)


def test_credit_note_rules(api, tenant, other_tenant, make_credit, make_invoice, client_row):
    unpaid = make_invoice("?mark_sent=true", line_items=[{"quantity": 1, "cost": 100}])
    paid = make_invoice("?paid=true", line_items=[{"quantity": 1, "cost": 100}])
    make_credit(invoice_id=paid["id"], line_items=[{"quantity": 1, "cost": 60}])
    foreign_client = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "T"}).json()["data"]
    foreign = api.post("/api/v1/invoices?paid=true", headers=other_tenant.headers,
                       json={"client_id": foreign_client["id"], "line_items": [{"quantity": 1, "cost": 5}]}).json()["data"]
    cases = [
        (unpaid["id"], 10, "Cannot reverse an invoice with no payment applied."),
        (paid["id"], 41, "Credit cannot exceed the payment / credits already applied to invoice."),
        (foreign["id"], 1, "The selected invoice id is invalid."),
        ("nonsense", 1, "The selected invoice id is invalid."),
    ]
    for invoice_id, cost, message in cases:
        r = api.post("/api/v1/credits", headers=tenant.headers, json={
            "client_id": client_row["id"], "invoice_id": invoice_id, "line_items": [{"quantity": 1, "cost": cost}]})
        assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                                   "errors": {"invoice_id": [message]}}), invoice_id
    # 40 is exactly what is left of the payment.
    assert make_credit(invoice_id=paid["id"], line_items=[{"quantity": 1, "cost": 40}])["balance"] == 40


def test_mark_paid_settles_a_negative_credit_with_a_credit_payment(api, tenant, make_credit, get_client, session):
    credit = make_credit("?mark_sent=true", line_items=[{"quantity": 1, "cost": -25}])
    assert _money(get_client()) == (0, 0, -25)
    paid = _action(api, tenant, credit, "mark_paid")
    assert (paid["status_id"], paid["balance"], paid["paid_to_date"]) == ("4", 0, -25)
    assert _money(get_client()) == (0, -25, 0)
    payment = session.scalar(select(Payment).where(Payment.client_id == ids.decode(credit["client_id"])))
    assert (payment.amount, payment.applied, payment.type_id, payment.status_id, payment.number) == (
        Decimal("-25"), Decimal("-25"), 32, 4, "0001")
    pivot = session.scalar(select(Paymentable).where(Paymentable.payment_id == payment.id))
    assert (pivot.paymentable_type, pivot.paymentable_id, pivot.amount) == (CREDIT_TYPE, ids.decode(credit["id"]),
                                                                            Decimal("-25"))


def test_mark_paid_leaves_a_positive_credit_alone(api, tenant, make_credit, get_client):
    credit = make_credit("?mark_sent=true", line_items=[{"quantity": 1, "cost": 25}])
    assert _action(api, tenant, credit, "mark_paid")["status_id"] == "2"
    assert _money(get_client()) == (0, 0, 25)


def test_item_actions(api, tenant, make_credit, session):
    credit = make_credit(line_items=[{"quantity": 1, "cost": 25}], po_number="PO-1")
    clone = _action(api, tenant, credit, "clone_to_credit")
    assert (clone["id"], clone["number"], clone["status_id"], clone["po_number"], clone["amount"]) == ("", "", "1", "PO-1", 25)
    pdf = api.get(f"/api/v1/credits/{credit['id']}/download", headers=tenant.headers)
    assert (pdf.status_code, pdf.headers["content-type"], pdf.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert pdf.headers["content-disposition"] == 'attachment; filename="Credit_0001.pdf"'
    archived = _action(api, tenant, credit, "archive")
    assert archived["archived_at"] > 0
    history = api.get(f"/api/v1/credits/{credit['id']}/history", headers=tenant.headers)
    assert (history.status_code, history.content) == (200, b"")
    r = api.get(f"/api/v1/credits/{credit['id']}/fly", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "The requested action fly is not available."})
    types = [a.activity_type_id for a in session.scalars(select(Activity).where(Activity.credit_id == ids.decode(credit["id"])).order_by(Activity.id))]
    assert types == [14, 16]


def test_email_marks_sent_and_mails_every_invitation(api, tenant, make_credit, app, get_client):
    credit = make_credit(line_items=[{"quantity": 1, "cost": 12}])
    r = api.get(f"/api/v1/credits/{credit['id']}/email", headers=tenant.headers)
    assert (r.status_code, r.json()) == (200, {"message": "email sent"})
    mails = app.state.mailer.sent
    assert [m.to for m in mails] == ["a@acme.co"]
    assert mails[0].subject == "New credit 0001 from Demo Company"
    assert f"/client/credit/{credit['invitations'][0]['key']}" in mails[0].html
    assert _money(get_client()) == (0, 0, 12)


def test_bulk_actions(api, tenant, make_credit, other_tenant, get_client):
    a = make_credit(line_items=[{"quantity": 1, "cost": 10}])
    b = make_credit(line_items=[{"quantity": 1, "cost": 20}])
    r = api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [a["id"], b["id"]], "action": "mark_sent"})
    assert [c["status_id"] for c in r.json()["data"]] == ["2", "2"]
    assert _money(get_client()) == (0, 0, 30)
    r = api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [a["id"]], "action": "explode"})
    assert (r.status_code, r.json()["errors"]) == (422, {"action": ["The selected action is invalid."]})
    foreign = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "T"}).json()["data"]
    theirs = api.post("/api/v1/credits", headers=other_tenant.headers, json={"client_id": foreign["id"]}).json()["data"]
    r = api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [a["id"], theirs["id"]], "action": "archive"})
    assert (r.status_code, r.json()["errors"]) == (422, {"ids": ["The selected ids is invalid."]})
    printed = api.post("/api/v1/credits/bulk", headers=tenant.headers, json={"ids": [a["id"], b["id"]], "action": "bulk_print"})
    assert (printed.status_code, printed.content[:5]) == (200, b"%PDF-")
