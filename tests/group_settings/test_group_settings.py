from ninja_api import ids
from ninja_api.models import Client

KEYS = ["id", "name", "settings", "created_at", "updated_at", "archived_at", "is_deleted", "documents"]


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def create(api, tenant, **body) -> dict:
    r = api.post("/api/v1/group_settings", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_create_echoes_settings_as_sent(api, tenant):
    data = create(api, tenant, name="Wholesale", settings={"currency_id": "2", "payment_terms": "14"})
    assert list(data) == KEYS
    assert data["name"] == "Wholesale"
    assert data["settings"] == {"currency_id": "2", "payment_terms": "14"}
    assert data["archived_at"] == 0 and data["is_deleted"] is False and data["documents"] == []


def test_settings_ids_sent_as_numbers_come_back_as_strings(api, tenant):
    data = create(api, tenant, name="G", settings={"currency_id": 3})
    assert data["settings"] == {"currency_id": "3"}


def test_empty_settings_are_stored_as_a_client_level_object(api, tenant):
    assert create(api, tenant, name="A")["settings"] == {"entity": "App\\Models\\Client"}
    assert create(api, tenant, name="B", settings={})["settings"] == {"entity": "App\\Models\\Client"}


def test_name_is_required_and_unique(api, tenant, other_tenant):
    r = api.post("/api/v1/group_settings", headers=tenant.headers, json={})
    assert r.status_code == 422
    assert r.json() == invalid({"name": ["The name field is required."]})
    create(api, tenant, name="Dup")
    r = api.post("/api/v1/group_settings", headers=tenant.headers, json={"name": "Dup"})
    assert r.json() == invalid({"name": ["The name has already been taken."]})
    # Another company may use the same name.
    create(api, other_tenant, name="Dup")


def test_invalid_settings_are_refused(api, tenant):
    r = api.post("/api/v1/group_settings", headers=tenant.headers, json={"name": "X", "settings": {"currency_id": "abc"}})
    assert r.status_code == 422
    assert r.json() == invalid({"settings": ["currency_id is not a valid integer"]})
    r = api.post("/api/v1/group_settings", headers=tenant.headers, json={"name": "X", "settings": "nope"})
    assert r.json() == invalid({"settings": ["settings must be a valid json structure"]})


def test_update_replaces_name_and_settings(api, tenant):
    data = create(api, tenant, name="Old", settings={"currency_id": "1"})
    r = api.put(f"/api/v1/group_settings/{data['id']}", headers=tenant.headers,
                json={"name": "New", "settings": {"currency_id": "2"}})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["name"] == "New"
    assert r.json()["data"]["settings"] == {"currency_id": "2"}
    # Leaving settings out keeps them.
    r = api.put(f"/api/v1/group_settings/{data['id']}", headers=tenant.headers, json={"name": "Newer"})
    assert r.json()["data"]["settings"] == {"currency_id": "2"}


def test_show_list_filter_and_tenancy(api, tenant, other_tenant):
    a = create(api, tenant, name="Alpha")
    create(api, tenant, name="Beta")
    listed = api.get("/api/v1/group_settings?filter=alp", headers=tenant.headers).json()["data"]
    assert [g["id"] for g in listed] == [a["id"]]
    assert api.get(f"/api/v1/group_settings/{a['id']}", headers=tenant.headers).json()["data"] == a
    r = api.get(f"/api/v1/group_settings/{a['id']}", headers=other_tenant.headers)
    assert r.status_code == 401
    assert api.get("/api/v1/group_settings", headers=other_tenant.headers).json()["data"] == []


def test_blank(api, tenant):
    r = api.get("/api/v1/group_settings/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert data["id"] == "" and data["name"] == "" and data["settings"] == {} and data["documents"] == []


def test_bulk_archive_restore_delete(api, tenant):
    a = create(api, tenant, name="A")
    r = api.post("/api/v1/group_settings/bulk", headers=tenant.headers, json={"action": "archive", "ids": [a["id"]]})
    assert r.status_code == 200
    assert r.json()["data"][0]["archived_at"] > 0
    r = api.post("/api/v1/group_settings/bulk", headers=tenant.headers, json={"action": "restore", "ids": [a["id"]]})
    assert r.json()["data"][0]["archived_at"] == 0
    r = api.delete(f"/api/v1/group_settings/{a['id']}", headers=tenant.headers)
    assert r.json()["data"]["is_deleted"] is True
    r = api.post("/api/v1/group_settings/bulk", headers=tenant.headers, json={"action": "nope", "ids": [a["id"]]})
    assert r.status_code == 422
    assert r.json() == invalid({"action": ["The selected action is invalid."]})


def test_clients_take_the_group_and_its_settings_cascade(api, tenant, session):
    group = create(api, tenant, name="EUR clients", settings={"currency_id": "3"})
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme", "group_settings_id": group["id"]})
    assert r.status_code == 200, r.text
    client = r.json()["data"]
    assert client["group_settings_id"] == group["id"]
    # A client without its own currency takes the group's.
    assert client["settings"]["currency_id"] == "3"
    other = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Other"}).json()["data"]
    r = api.post("/api/v1/clients/bulk", headers=tenant.headers,
                 json={"action": "assign_group", "ids": [other["id"]], "group_settings_id": group["id"]})
    assert r.status_code == 200, r.text
    assert session.get(Client, ids.decode(other["id"])).group_settings_id == ids.decode(group["id"])


def test_a_group_setting_reaches_the_clients_invoices(api, tenant):
    group = create(api, tenant, name="Terms group", settings={"invoice_terms": "Pay within the week", "currency_id": "3"})
    client = api.post("/api/v1/clients", headers=tenant.headers,
                      json={"name": "Grouped", "group_settings_id": group["id"]}).json()["data"]
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={
        "client_id": client["id"], "line_items": [{"quantity": 1, "cost": "10.555"}]}).json()["data"]
    # Terms from the group; the group's currency (EUR, 2 decimals) rounds the amount.
    assert (invoice["terms"], invoice["amount"]) == ("Pay within the week", 10.56)
