TASK_KEYS = [
    "id", "user_id", "assigned_user_id", "number", "description", "duration", "rate", "created_at", "updated_at",
    "archived_at", "invoice_id", "client_id", "project_id", "is_deleted", "time_log", "is_running",
    "custom_value1", "custom_value2", "custom_value3", "custom_value4", "status_id", "status_sort_order",
    "is_date_based", "status_order", "date", "documents",
]


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def create_task(api, tenant, url="/api/v1/tasks", **body) -> dict:
    r = api.post(url, headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]
