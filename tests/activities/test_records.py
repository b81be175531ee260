"""The read-only records: activities, notes, the company ledger and system logs."""

from ninja_api import ids
from ninja_api.models import CompanyUser, SystemLog


def _client(api, tenant, name="Acme"):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": name})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_activities_list_newest_first_for_the_company_only(api, tenant, other_tenant):
    client = _client(api, tenant)
    invoice = api.post("/api/v1/invoices?mark_sent=true", headers=tenant.headers,
                       json={"client_id": client["id"], "line_items": [{"quantity": 1, "cost": 5}]}).json()["data"]
    _client(api, other_tenant, "Theirs")
    r = api.get("/api/v1/activities", headers=tenant.headers)
    assert r.status_code == 200
    listed = r.json()["data"]
    types = [a["activity_type_id"] for a in listed]
    # Client created (1), invoice created (4), marked sent (53): newest first.
    assert sorted(types) == ["1", "4", "53"] and types[-1] == "1"
    assert {a["invoice_id"] for a in listed if a["activity_type_id"] != "1"} == {invoice["id"]}
    assert r.json()["meta"]["pagination"]["total"] == 3
    assert [a["activity_type_id"] for a in api.get("/api/v1/activities?client_id=" + client["id"],
                                                   headers=tenant.headers).json()["data"]] == types


def test_notes_and_downloads(api, tenant, other_tenant):
    client = _client(api, tenant)
    r = api.post("/api/v1/activities/notes", headers=tenant.headers,
                 json={"entity": "clients", "entity_id": client["id"], "notes": "Called about the deposit"})
    assert r.status_code == 200, r.text
    note = r.json()["data"]
    assert (note["activity_type_id"], note["client_id"], note["notes"]) == ("141", client["id"],
                                                                           "Called about the deposit")
    theirs = _client(api, other_tenant, "Theirs")
    r = api.post("/api/v1/activities/notes", headers=tenant.headers,
                 json={"entity": "clients", "entity_id": theirs["id"]})
    assert (r.status_code, r.json()["errors"]) == (422, {"entity_id": ["The selected entity id is invalid."],
                                                        "notes": ["The notes field is required."]})
    r = api.post("/api/v1/activities/notes", headers=tenant.headers, json={"entity": "users", "entity_id": "x",
                                                                           "notes": "n"})
    assert r.json()["errors"] == {"entity": ["The selected entity is invalid."]}
    r = api.get(f"/api/v1/activities/download_entity/{note['id']}", headers=tenant.headers)
    assert (r.status_code, r.json()) == (404, {"message": "No backup exists for this activity", "errors": {}})
    assert api.get(f"/api/v1/activities/download_entity/{note['id']}",
                   headers=other_tenant.headers).status_code == 400


def test_ledger_and_system_logs(api, tenant, session_factory):
    client = _client(api, tenant)
    api.post("/api/v1/invoices?mark_sent=true", headers=tenant.headers,
             json={"client_id": client["id"], "line_items": [{"quantity": 2, "cost": "7.50"}]})
    ledger = api.get("/api/v1/company_ledger", headers=tenant.headers).json()["data"]
    assert [(row["adjustment"], row["balance"]) for row in ledger] == [(15, 15)]
    with session_factory() as s:
        for category, event in ((3, 41), (2, 30)):
            s.add(SystemLog(company_id=tenant.company.id, user_id=tenant.user.id, category_id=category,
                            event_id=event, type_id=500, log={"message": "m"}))
        s.commit()
    logs = api.get("/api/v1/system_logs?category_id=3", headers=tenant.headers).json()["data"]
    assert [(row["category_id"], row["event_id"], row["log"]) for row in logs] == [(3, 41, {"message": "m"})]
    assert api.get("/api/v1/system_logs?category_id=three", headers=tenant.headers).json()["data"] == []
    shown = api.get(f"/api/v1/system_logs/{logs[0]['id']}", headers=tenant.headers).json()["data"]
    assert shown == logs[0]
    with session_factory() as s:
        member = s.query(CompanyUser).filter_by(company_id=tenant.company.id, user_id=tenant.user.id).one()
        member.is_owner, member.is_admin = False, False
        s.commit()
    r = api.get("/api/v1/system_logs", headers=tenant.headers)
    assert (r.status_code, r.json()) == (403, {"error": "Insufficient permissions"})


def test_client_gateway_tokens(api, tenant, other_tenant):
    client = _client(api, tenant)
    gateway = ids.encode(7)
    r = api.post("/api/v1/client_gateway_tokens", headers=tenant.headers, json={
        "client_id": client["id"], "company_gateway_id": gateway, "gateway_type_id": 1, "token": "tok_123",
        "gateway_customer_reference": "cus_9", "meta": {"brand": "visa", "last4": 4242, "exp_month": 12,
                                                         "exp_year": 2030, "type": "1"}})
    assert r.status_code == 200, r.text
    token = r.json()["data"]
    assert {k: v for k, v in token.items() if k not in ("id", "created_at", "updated_at")} == {
        "token": "tok_123", "gateway_customer_reference": "cus_9", "gateway_type_id": "1",
        "company_gateway_id": gateway, "is_default": False,
        "meta": {"exp_month": "12", "exp_year": "2030", "brand": "visa", "last4": "4242", "type": 1},
        "archived_at": 0, "is_deleted": False}
    shown = api.get(f"/api/v1/clients/{client['id']}?include=gateway_tokens", headers=tenant.headers).json()["data"]
    assert [t["id"] for t in shown["gateway_tokens"]] == [token["id"]]
    r = api.post("/api/v1/client_gateway_tokens", headers=tenant.headers, json={})
    assert r.json()["errors"] == {"client_id": ["The client id field is required."],
                                  "company_gateway_id": ["The company gateway id field is required."],
                                  "gateway_type_id": ["The gateway type id field is required."],
                                  "meta": ["The meta field is required."]}
    theirs = _client(api, other_tenant, "Theirs")
    r = api.put(f"/api/v1/client_gateway_tokens/{token['id']}", headers=tenant.headers,
                json={"client_id": theirs["id"]})
    assert r.json()["errors"] == {"client_id": ["The selected client id is invalid."]}
    r = api.put(f"/api/v1/client_gateway_tokens/{token['id']}", headers=tenant.headers, json={"token": "tok_456"})
    assert r.json()["data"]["token"] == "tok_456"
    deleted = api.delete(f"/api/v1/client_gateway_tokens/{token['id']}", headers=tenant.headers).json()["data"]
    assert deleted["is_deleted"] is True
    assert api.get(f"/api/v1/client_gateway_tokens/{token['id']}", headers=other_tenant.headers).status_code == 401


def test_client_writes_record_upstreams_activities(api, tenant):
    client = _client(api, tenant)
    api.put(f"/api/v1/clients/{client['id']}", headers=tenant.headers, json={"name": "Acme Ltd"})
    for action in ("archive", "restore", "delete"):
        api.post("/api/v1/clients/bulk", headers=tenant.headers, json={"action": action, "ids": [client["id"]]})
    # Deleting twice changes nothing, so it records nothing.
    api.delete(f"/api/v1/clients/{client['id']}", headers=tenant.headers)
    listed = api.get("/api/v1/activities", headers=tenant.headers).json()["data"]
    assert sorted(int(a["activity_type_id"]) for a in listed) == [1, 2, 3, 26, 61]
