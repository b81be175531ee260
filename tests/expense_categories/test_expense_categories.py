from ninja_api import ids

KEYS = ["id", "user_id", "name", "color", "is_deleted", "updated_at", "archived_at", "created_at"]


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def create(api, tenant, **body) -> dict:
    r = api.post("/api/v1/expense_categories", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def test_create_show_and_blank(api, tenant):
    data = create(api, tenant, name="Travel", color="#f00")
    assert list(data) == KEYS
    assert {k: data[k] for k in ("user_id", "name", "color", "is_deleted", "archived_at")} == {
        "user_id": ids.encode(tenant.user.id), "name": "Travel", "color": "#f00", "is_deleted": False,
        "archived_at": 0}
    assert api.get(f"/api/v1/expense_categories/{data['id']}", headers=tenant.headers).json()["data"] == data
    blank = api.get("/api/v1/expense_categories/create", headers=tenant.headers).json()["data"]
    assert blank == {"id": "", "user_id": ids.encode(tenant.user.id), "name": "", "color": "", "is_deleted": False,
                     "updated_at": 0, "archived_at": 0, "created_at": 0}


def test_null_color_is_empty(api, tenant):
    assert create(api, tenant, name="A", color=None)["color"] == ""
    assert create(api, tenant, name="B")["color"] == ""


def test_name_is_required_and_unique_even_when_deleted(api, tenant):
    r = api.post("/api/v1/expense_categories", headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name field is required."]}))
    first = create(api, tenant, name="Travel")
    deleted = api.delete(f"/api/v1/expense_categories/{first['id']}", headers=tenant.headers).json()["data"]
    assert (deleted["is_deleted"], deleted["archived_at"] > 0) == (True, True)
    r = api.post("/api/v1/expense_categories", headers=tenant.headers, json={"name": "Travel"})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name has already been taken."]}))


def test_update_ignores_itself_and_refuses_anothers_name(api, tenant, other_tenant):
    a = create(api, tenant, name="A")
    create(api, tenant, name="B")
    create(api, other_tenant, name="C")
    h = tenant.headers
    assert api.put(f"/api/v1/expense_categories/{a['id']}", headers=h, json={"name": "A"}).status_code == 200
    r = api.put(f"/api/v1/expense_categories/{a['id']}", headers=h, json={"name": "B"})
    assert (r.status_code, r.json()) == (422, invalid({"name": ["The name has already been taken."]}))
    r = api.put(f"/api/v1/expense_categories/{a['id']}", headers=h, json={"name": "C", "color": None})
    assert r.json()["data"]["name"] == "C" and r.json()["data"]["color"] == ""


def test_bulk_and_status(api, tenant):
    a = create(api, tenant, name="A")
    b = create(api, tenant, name="B")
    h = tenant.headers
    r = api.post("/api/v1/expense_categories/bulk", headers=h, json={"action": "archive", "ids": [a["id"], b["id"]]})
    assert [c["archived_at"] > 0 for c in r.json()["data"]] == [True, True]
    api.post("/api/v1/expense_categories/bulk", headers=h, json={"action": "restore", "ids": [b["id"]]})
    listed = api.get("/api/v1/expense_categories?status=active", headers=h).json()["data"]
    assert [c["name"] for c in listed] == ["B"]
    assert [c["name"] for c in api.get("/api/v1/expense_categories?name=a", headers=h).json()["data"]] == ["A"]
