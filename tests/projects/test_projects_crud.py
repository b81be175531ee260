import json

from ninja_api import ids
from tests.projects.helpers import PROJECT_KEYS, create_client, create_project, invalid, stable


def test_create_renders_every_upstream_field(api, tenant):
    client = create_client(api, tenant)
    data = create_project(
        api, tenant, client["id"], name="Website", task_rate="75.5", budgeted_hours=12, due_date="2026-03-01",
        private_notes="p", public_notes="q", custom_value1="c1", custom_value4="c4", color="#123456",
    )
    assert list(data) == PROJECT_KEYS
    assert stable(data) == {
        "id": data["id"], "user_id": ids.encode(tenant.user.id), "assigned_user_id": "", "client_id": client["id"],
        "name": "Website", "number": "0001", "archived_at": 0, "is_deleted": False, "task_rate": 75.5,
        "due_date": "2026-03-01", "private_notes": "p", "public_notes": "q", "budgeted_hours": 12,
        "custom_value1": "c1", "custom_value2": "", "custom_value3": "", "custom_value4": "c4", "color": "#123456",
        "current_hours": 0, "documents": [],
    }


def test_numbers_count_up_and_a_sent_number_must_be_free(api, tenant):
    client = create_client(api, tenant)
    assert create_project(api, tenant, client["id"])["number"] == "0001"
    assert create_project(api, tenant, client["id"], number="X-1")["number"] == "X-1"
    assert create_project(api, tenant, client["id"])["number"] == "0002"
    r = api.post("/api/v1/projects", headers=tenant.headers, json={"name": "P", "client_id": client["id"], "number": "X-1"})
    assert r.status_code == 422
    assert r.json() == invalid({"number": ["The number has already been taken."]})


def test_store_rules(api, tenant, other_tenant):
    r = api.post("/api/v1/projects", headers=tenant.headers, json={})
    assert r.status_code == 422
    assert r.json() == invalid({"name": ["The name field is required."], "client_id": ["The client id field is required."]})
    foreign = create_client(api, other_tenant)
    r = api.post("/api/v1/projects", headers=tenant.headers,
                 json={"name": "P", "client_id": foreign["id"], "budgeted_hours": "lots", "task_rate": "abc"})
    assert r.json() == invalid({
        "client_id": ["The selected client id is invalid."],
        "budgeted_hours": ["The budgeted hours must be a number."],
        "task_rate": ["The task rate must be a number."],
    })


def test_negative_or_missing_rate_becomes_zero_and_null_color_empty(api, tenant):
    data = create_project(api, tenant, task_rate=-5, color=None)
    assert data["task_rate"] == 0
    assert data["color"] == ""
    assert create_project(api, tenant)["color"] == "#fff"


def test_update_keeps_the_client(api, tenant):
    project = create_project(api, tenant)
    other = create_client(api, tenant, name="Other")
    r = api.put(f"/api/v1/projects/{project['id']}", headers=tenant.headers,
                json={"name": "Renamed", "client_id": other["id"], "budgeted_hours": None})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert data["name"] == "Renamed"
    assert data["client_id"] == project["client_id"]
    assert data["budgeted_hours"] == 0
    assert data["number"] == project["number"]


def test_deleted_project_cannot_be_updated(api, tenant):
    project = create_project(api, tenant)
    assert api.delete(f"/api/v1/projects/{project['id']}", headers=tenant.headers).json()["data"]["is_deleted"] is True
    r = api.put(f"/api/v1/projects/{project['id']}", headers=tenant.headers, json={"name": "x"})
    assert r.status_code == 400
    assert r.json() == {"message": "Record is deleted and cannot be edited. Restore the record to enable editing"}


def test_other_company_is_refused(api, tenant, other_tenant):
    project = create_project(api, tenant)
    r = api.get(f"/api/v1/projects/{project['id']}", headers=other_tenant.headers)
    assert r.status_code == 401
    assert r.json() == {"message": "This action is unauthorized."}


def test_blank_and_edit(api, tenant):
    r = api.get("/api/v1/projects/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == PROJECT_KEYS
    assert data["id"] == "" and data["number"] == "" and data["client_id"] == "" and data["documents"] == []
    project = create_project(api, tenant)
    assert api.get(f"/api/v1/projects/{project['id']}/edit", headers=tenant.headers).json()["data"] == project


def test_current_hours_follow_the_live_tasks(api, tenant):
    project = create_project(api, tenant)
    log = json.dumps([[1700000000, 1700000000 + 5400]])
    r = api.post("/api/v1/tasks", headers=tenant.headers, json={"project_id": project["id"], "time_log": log})
    task = r.json()["data"]
    assert task["project"]["current_hours"] == 2  # 1.5 h rounds half up
    api.post("/api/v1/tasks", headers=tenant.headers,
             json={"project_id": project["id"], "time_log": json.dumps([[1700010000, 1700010000 + 3600]])})
    assert api.get(f"/api/v1/projects/{project['id']}", headers=tenant.headers).json()["data"]["current_hours"] == 3
    api.post("/api/v1/tasks/bulk", headers=tenant.headers, json={"action": "archive", "ids": [task["id"]]})
    assert api.get(f"/api/v1/projects/{project['id']}", headers=tenant.headers).json()["data"]["current_hours"] == 1
