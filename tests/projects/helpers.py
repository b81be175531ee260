PROJECT_KEYS = [
    "id", "user_id", "assigned_user_id", "client_id", "name", "number", "created_at", "updated_at", "archived_at",
    "is_deleted", "task_rate", "due_date", "private_notes", "public_notes", "budgeted_hours", "custom_value1",
    "custom_value2", "custom_value3", "custom_value4", "color", "current_hours", "documents",
]
VOLATILE = {"created_at", "updated_at"}


def stable(obj):
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def create_client(api, tenant, **body) -> dict:
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme", **body})
    assert r.status_code == 200, r.text
    return r.json()["data"]


def create_project(api, tenant, client_id=None, **body) -> dict:
    if client_id is None:
        client_id = create_client(api, tenant)["id"]
    r = api.post("/api/v1/projects", headers=tenant.headers, json={"name": "Project", "client_id": client_id, **body})
    assert r.status_code == 200, r.text
    return r.json()["data"]
