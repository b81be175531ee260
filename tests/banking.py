"""Fixtures of the bank tests (transactions, rules, imports): an account, its lines, a paying client."""

import pytest


@pytest.fixture
def account(api, tenant):
    r = api.post("/api/v1/bank_integrations", headers=tenant.headers, json={"bank_account_name": "Checking"})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def line(api, tenant, account):
    """A statement line stored through the API (the company's rules run on it)."""

    def store(description, amount, base_type="CREDIT", **body):
        r = api.post("/api/v1/bank_transactions", headers=tenant.headers, json={
            "bank_integration_id": account["id"], "description": description, "amount": amount,
            "base_type": base_type, "date": "2026-11-20", **body})
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return store


@pytest.fixture
def payer(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"name": "Acme", "id_number": "AC-7", "contacts": [{"email": "pay@acme.co"}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def make_invoice(api, tenant, payer):
    def make(cost, query="?mark_sent=true", **body):
        body.setdefault("client_id", payer["id"])
        body.setdefault("line_items", [{"quantity": 1, "cost": cost}])
        r = api.post(f"/api/v1/invoices{query}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make


@pytest.fixture
def get(api, tenant):
    def fetch(path):
        r = api.get(f"/api/v1/{path}", headers=tenant.headers)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return fetch
