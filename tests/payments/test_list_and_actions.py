"""GET /payments filters, sorts and includes; bulk and item actions; the blank payment; tenancy."""

from ninja_api import ids

from tests.payments.conftest import PAYMENT_KEYS


def numbers(response):
    assert response.status_code == 200, response.text
    return [p["number"] for p in response.json()["data"]]


def test_blank_payment(api, tenant):
    from ninja_api.billing.settings import company_today

    data = api.get("/api/v1/payments/create", headers=tenant.headers).json()["data"]
    assert list(data) == PAYMENT_KEYS
    assert (data["id"], data["client_id"], data["status_id"], data["amount"], data["number"], data["currency_id"],
            data["date"], data["is_manual"], data["paymentables"]) == (
        "", ids.encode(0), "1", 0, "", "", company_today(tenant.company).isoformat(), False, [])


def test_filters(api, tenant, pay, make_invoice, client_row, other_client):
    inv = make_invoice(100)
    pay({"client_id": client_row["id"], "amount": 30, "number": "P-A", "date": "2024-01-10",
         "transaction_reference": "wire-xyz", "invoices": [{"invoice_id": inv["id"], "amount": 30}]})
    pay({"client_id": client_row["id"], "amount": 50, "number": "P-B", "date": "2024-02-10"})
    pay({"client_id": other_client["id"], "amount": 7, "number": "P-C", "date": "2024-03-10"})
    h = tenant.headers
    assert numbers(api.get(f"/api/v1/payments?client_id={client_row['id']}", headers=h)) == ["P-A", "P-B"]
    assert numbers(api.get("/api/v1/payments?client_id=nothing", headers=h)) == []
    assert numbers(api.get("/api/v1/payments?number=P-B", headers=h)) == ["P-B"]
    assert numbers(api.get("/api/v1/payments?filter=xyz", headers=h)) == ["P-A"]
    assert numbers(api.get("/api/v1/payments?filter=other", headers=h)) == ["P-C"]
    assert numbers(api.get("/api/v1/payments?date_range=date,2024-02-01,2024-03-10", headers=h)) == ["P-B", "P-C"]
    assert numbers(api.get("/api/v1/payments?date_range=created_at,2024-02-01,2024-03-10", headers=h)) == [
        "P-A", "P-B", "P-C"]
    assert numbers(api.get("/api/v1/payments?client_status=partially_unapplied", headers=h)) == ["P-B", "P-C"]
    assert numbers(api.get("/api/v1/payments?client_status=completed,refunded", headers=h)) == ["P-A", "P-B", "P-C"]
    assert numbers(api.get("/api/v1/payments?client_status=refunded", headers=h)) == []
    assert numbers(api.get("/api/v1/payments?client_status=all", headers=h)) == ["P-A", "P-B", "P-C"]
    assert numbers(api.get("/api/v1/payments?match_transactions=true", headers=h)) == ["P-A", "P-B", "P-C"]
    assert numbers(api.get("/api/v1/payments?sort=amount|desc", headers=h)) == ["P-B", "P-A", "P-C"]
    assert numbers(api.get("/api/v1/payments?sort=client_id|desc", headers=h)) == ["P-C", "P-A", "P-B"]
    assert numbers(api.get("/api/v1/payments?sort=bogus|desc", headers=h)) == ["P-A", "P-B", "P-C"]


def test_status_filter_and_deleted_rows(api, tenant, pay, client_row):
    a = pay({"client_id": client_row["id"], "amount": 1, "number": "A"}).json()["data"]
    b = pay({"client_id": client_row["id"], "amount": 2, "number": "B"}).json()["data"]
    pay({"client_id": client_row["id"], "amount": 3, "number": "C"})
    api.get(f"/api/v1/payments/{a['id']}/archive", headers=tenant.headers)
    api.delete(f"/api/v1/payments/{b['id']}", headers=tenant.headers)
    h = tenant.headers
    assert numbers(api.get("/api/v1/payments", headers=h)) == ["A", "B", "C"]
    assert numbers(api.get("/api/v1/payments?status=active", headers=h)) == ["C"]
    assert numbers(api.get("/api/v1/payments?status=archived", headers=h)) == ["A"]
    assert numbers(api.get("/api/v1/payments?status=deleted", headers=h)) == ["B"]
    assert numbers(api.get("/api/v1/payments?client_status=cancelled", headers=h)) == ["B"]
    assert numbers(api.get("/api/v1/payments?match_transactions=true", headers=h)) == ["A", "C"]


def test_includes(api, tenant, pay, make_invoice, make_credit, client_row):
    inv = make_invoice(50)
    credit = make_credit(10)
    payment = pay({"client_id": client_row["id"], "type_id": 2, "invoices": [{"invoice_id": inv["id"], "amount": 50}],
                   "credits": [{"credit_id": credit["id"], "amount": 10}]}).json()["data"]
    data = api.get(f"/api/v1/payments/{payment['id']}?include=credits,type,invoices,client,bogus",
                   headers=tenant.headers).json()["data"]
    assert list(data)[-6:] == ["paymentables", "documents", "client", "invoices", "type", "credits"]
    assert data["client"]["id"] == client_row["id"] and "contacts" in data["client"]
    assert [i["id"] for i in data["invoices"]] == [inv["id"]] and "invitations" in data["invoices"][0]
    assert [c["id"] for c in data["credits"]] == [credit["id"]]
    assert data["type"] == {"name": "Cash"}
    r = api.get("/api/v1/payments?include=bogus", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `bogus` is not a valid include."})
    assert api.get("/api/v1/payments?include=company,user", headers=tenant.headers).status_code == 200
    # The invoice and the client list their payments on request.
    shown = api.get(f"/api/v1/invoices/{inv['id']}?include=payments", headers=tenant.headers).json()["data"]
    assert [p["id"] for p in shown["payments"]] == [payment["id"]]
    shown = api.get(f"/api/v1/clients/{client_row['id']}?include=payments", headers=tenant.headers).json()["data"]
    assert [p["id"] for p in shown["payments"]] == [payment["id"]]
    assert list(shown["payments"][0]) == PAYMENT_KEYS


def test_bulk(api, tenant, pay, client_row, app):
    a = pay({"client_id": client_row["id"], "amount": 1}).json()["data"]
    h = tenant.headers
    r = api.post("/api/v1/payments/bulk", headers=h, json={"action": "archive", "ids": [a["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0 and r.json()["meta"]["pagination"]["total"] == 1
    # No enum upstream: an unknown action returns the unchanged list.
    r = api.post("/api/v1/payments/bulk", headers=h, json={"action": "explode", "ids": [a["id"]]})
    assert r.status_code == 200 and r.json()["data"][0]["id"] == a["id"]
    r = api.post("/api/v1/payments/bulk", headers=h, json={"ids": [a["id"]]})
    assert r.json() == {"message": "The given data was invalid.", "errors": {"action": ["The action field is required."]}}
    r = api.post("/api/v1/payments/bulk", headers=h, json={"action": "archive"})
    assert r.json() == {"message": "The given data was invalid.", "errors": {"ids": ["The ids field is required."]}}


def test_email_actions(api, tenant, pay, make_invoice, client_row, app):
    sent = app.state.mailer.sent
    inv = make_invoice(10)
    payment = pay({"client_id": client_row["id"], "email_receipt": "false",
                   "invoices": [{"invoice_id": inv["id"], "amount": 10}]}).json()["data"]
    assert sent == []
    assert api.get(f"/api/v1/payments/{payment['id']}/email", headers=tenant.headers).status_code == 200
    api.post("/api/v1/payments/bulk", headers=tenant.headers, json={"action": "email_receipt", "ids": [payment["id"]]})
    assert [m.to for m in sent] == ["a@acme.co", "a@acme.co"]
    r = api.get(f"/api/v1/payments/{payment['id']}/explode", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "The requested action explode is not available."})
    deleted = api.get(f"/api/v1/payments/{payment['id']}/delete", headers=tenant.headers).json()["data"]
    assert (deleted["is_deleted"], deleted["status_id"]) == (False, "4")


def test_tenancy(api, tenant, other_tenant, pay, client_row):
    payment = pay({"client_id": client_row["id"], "amount": 3}).json()["data"]
    r = api.get(f"/api/v1/payments/{payment['id']}", headers=other_tenant.headers)
    assert (r.status_code, r.json()) == (401, {"message": "This action is unauthorized."})
    assert api.get("/api/v1/payments", headers=other_tenant.headers).json()["data"] == []
    r = api.get("/api/v1/payments/5", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Record with value 5 not found"})
    r = api.get("/api/v1/payments/xxxxxxxxxx", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Payment]."})
    r = api.post("/api/v1/payments/bulk", headers=other_tenant.headers, json={"action": "delete", "ids": [payment["id"]]})
    assert r.json()["data"] == []
    assert api.get(f"/api/v1/payments/{payment['id']}", headers=tenant.headers).json()["data"]["is_deleted"] is False
