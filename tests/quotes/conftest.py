import pytest


@pytest.fixture
def client_row(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers,
                 json={"name": "Acme", "contacts": [{"email": "a@acme.co"}, {"email": "b@acme.co", "send_email": False}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def make_quote(api, tenant, client_row):
    def make(query: str = "", **body):
        body.setdefault("client_id", client_row["id"])
        r = api.post(f"/api/v1/quotes{query}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make


@pytest.fixture
def make_invoice(api, tenant, client_row):
    def make(query: str = "", **body):
        body.setdefault("client_id", client_row["id"])
        r = api.post(f"/api/v1/invoices{query}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make


@pytest.fixture
def get_client(api, tenant, client_row):
    def get():
        return api.get(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers).json()["data"]

    return get
