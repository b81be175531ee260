import pytest


@pytest.fixture
def client_row(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"name": "Acme", "contacts": [{"email": "a@acme.co"}, {"email": "b@acme.co", "send_email": False}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def make_recurring(api, tenant, client_row):
    def make(query: str = "", **body):
        body.setdefault("client_id", client_row["id"])
        body.setdefault("frequency_id", "5")
        r = api.post(f"/api/v1/recurring_invoices{query}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make
