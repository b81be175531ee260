from ninja_api import ids
from tests.projects.helpers import create_client

KEYS = [
    "id", "user_id", "vendor_id", "client_id", "name", "address1", "address2", "phone", "city", "state",
    "postal_code", "country_id", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "is_deleted",
    "is_shipping_location", "tax_data", "updated_at", "archived_at", "created_at",
]


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def create(api, tenant, **body) -> dict:
    r = api.post("/api/v1/locations", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_create_renders_every_field(api, tenant):
    client = create_client(api, tenant)
    data = create(api, tenant, name="Warehouse", client_id=client["id"], address1="1 Dock Rd", city="Springfield",
                  country_id="840", is_shipping_location=True, custom_value2="c2")
    assert list(data) == KEYS
    assert {k: v for k, v in data.items() if k not in ("created_at", "updated_at")} == {
        "id": data["id"], "user_id": ids.encode(tenant.user.id), "vendor_id": "", "client_id": client["id"],
        "name": "Warehouse", "address1": "1 Dock Rd", "address2": "", "phone": "", "city": "Springfield",
        "state": "", "postal_code": "", "country_id": "840", "custom_value1": "", "custom_value2": "c2",
        "custom_value3": "", "custom_value4": "", "is_deleted": False, "is_shipping_location": True,
        "tax_data": {}, "archived_at": 0,
    }


def test_store_rules(api, tenant, other_tenant):
    r = api.post("/api/v1/locations", headers=tenant.headers, json={})
    assert r.status_code == 422
    assert r.json() == invalid({
        "name": ["The name field is required."],
        "client_id": ["The client id field is required when vendor id is not present."],
        "vendor_id": ["The vendor id field is required when client id is not present."],
    })
    foreign = create_client(api, other_tenant)
    r = api.post("/api/v1/locations", headers=tenant.headers,
                 json={"name": "X", "client_id": foreign["id"], "country_id": "99999"})
    assert r.json() == invalid({"client_id": ["The selected client id is invalid."],
                                "country_id": ["The selected country id is invalid."]})
    client = create_client(api, tenant)
    create(api, tenant, name="Dup", client_id=client["id"])
    r = api.post("/api/v1/locations", headers=tenant.headers, json={"name": "Dup", "client_id": client["id"]})
    assert r.json() == invalid({"name": ["The name has already been taken."]})


def test_update_ignores_its_own_name(api, tenant):
    client = create_client(api, tenant)
    loc = create(api, tenant, name="Main", client_id=client["id"])
    r = api.put(f"/api/v1/locations/{loc['id']}", headers=tenant.headers, json={"name": "Main", "city": "Paris"})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["city"] == "Paris"
    create(api, tenant, name="Other", client_id=client["id"])
    r = api.put(f"/api/v1/locations/{loc['id']}", headers=tenant.headers, json={"name": "Other"})
    assert r.json() == invalid({"name": ["The name has already been taken."]})


def test_clients_include_their_live_locations(api, tenant, query_counter):
    a = create_client(api, tenant, name="A")
    b = create_client(api, tenant, name="B")
    la = create(api, tenant, name="LA", client_id=a["id"])
    gone = create(api, tenant, name="Gone", client_id=b["id"])
    api.delete(f"/api/v1/locations/{gone['id']}", headers=tenant.headers)
    shown = api.get(f"/api/v1/clients/{a['id']}", headers=tenant.headers).json()["data"]
    assert [loc["id"] for loc in shown["locations"]] == [la["id"]]
    with query_counter as few:
        api.get("/api/v1/clients?per_page=1", headers=tenant.headers)
    with query_counter as many:
        listed = api.get("/api/v1/clients", headers=tenant.headers).json()["data"]
    assert few.count == many.count
    assert {c["name"]: len(c["locations"]) for c in listed} == {"A": 1, "B": 0}


def test_tenancy_blank_and_bulk(api, tenant, other_tenant):
    client = create_client(api, tenant)
    loc = create(api, tenant, name="HQ", client_id=client["id"])
    assert api.get(f"/api/v1/locations/{loc['id']}", headers=other_tenant.headers).status_code == 401
    assert api.get("/api/v1/locations", headers=other_tenant.headers).json()["data"] == []
    assert api.get(f"/api/v1/locations?client_id={client['id']}", headers=tenant.headers).json()["data"][0]["id"] == loc["id"]
    assert api.get("/api/v1/locations?filter=hq", headers=tenant.headers).json()["data"][0]["id"] == loc["id"]
    blank = api.get("/api/v1/locations/create", headers=tenant.headers).json()["data"]
    assert list(blank) == KEYS and blank["id"] == ""
    r = api.post("/api/v1/locations/bulk", headers=tenant.headers, json={"action": "archive", "ids": [loc["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0
