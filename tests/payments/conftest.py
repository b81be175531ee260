import pytest

from ninja_api.payments.duplicates import recent_requests

PAYMENT_KEYS = [
    "id", "user_id", "assigned_user_id", "amount", "refunded", "applied", "transaction_reference", "transaction_id",
    "date", "is_manual", "created_at", "updated_at", "archived_at", "is_deleted", "type_id", "invitation_id",
    "private_notes", "number", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "client_id",
    "client_contact_id", "company_gateway_id", "gateway_type_id", "status_id", "project_id", "vendor_id",
    "currency_id", "exchange_rate", "exchange_currency_id", "paymentables", "documents",
]
PAYMENTABLE_KEYS = ["id", "invoice_id", "amount", "refunded", "created_at", "updated_at", "archived_at"]


@pytest.fixture
def client_row(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"name": "Acme", "contacts": [{"email": "a@acme.co"}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def other_client(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Other"})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def make_invoice(api, tenant, client_row):
    def make(cost=100, query="?mark_sent=true", **body):
        body.setdefault("client_id", client_row["id"])
        body.setdefault("line_items", [{"quantity": 1, "cost": cost}])
        r = api.post(f"/api/v1/invoices{query}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make


@pytest.fixture
def pay(api, tenant, app):
    """POST /payments as a fresh request (the one-second duplicate guard forgotten first)."""

    def post(body=None, *, headers=None, query="", **kwargs):
        recent_requests(app).clear()
        return api.post(f"/api/v1/payments{query}", headers=headers or tenant.headers, json=body, **kwargs)

    return post


@pytest.fixture
def get(api, tenant):
    def fetch(path):
        r = api.get(f"/api/v1/{path}", headers=tenant.headers)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return fetch


@pytest.fixture
def make_credit(api, tenant, client_row):
    """A credit of `amount` on the client, sent unless `draft`."""

    def make(amount, client=None, draft=False):
        query = "" if draft else "?mark_sent=true"
        r = api.post(f"/api/v1/credits{query}", headers=tenant.headers, json={
            "client_id": (client or client_row)["id"], "line_items": [{"quantity": 1, "cost": amount}]})
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make

