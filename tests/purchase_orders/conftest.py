import pytest


@pytest.fixture
def vendor_row(api, tenant):
    r = api.post("/api/v1/vendors", headers=tenant.headers,
                 json={"name": "Parts Ltd", "public_notes": "Deliver to dock 4",
                       "contacts": [{"first_name": "Pat", "email": "pat@parts.test"}, {"email": "ops@parts.test"}]})
    assert r.status_code == 200, r.text
    return r.json()["data"]


@pytest.fixture
def make_order(api, tenant, vendor_row):
    """Stores one purchase order for `vendor_row` (query string and body as given) and returns its JSON."""

    def make(query: str = "", **body):
        body.setdefault("vendor_id", vendor_row["id"])
        r = api.post(f"/api/v1/purchase_orders{query}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]

    return make
