from ninja_api import ids
from ninja_api.models import Task
from tests.tasks.helpers import create_task

KEYS = ["id", "name", "color", "is_deleted", "created_at", "updated_at", "archived_at", "status_order"]


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def test_create_and_rules(api, tenant):
    h = tenant.headers
    r = api.post("/api/v1/task_statuses", headers=h, json={"name": "Review", "color": "#abc"})
    assert r.status_code == 200, r.text
    data = r.json()["data"]
    assert list(data) == KEYS
    assert (data["name"], data["color"], data["status_order"], data["is_deleted"]) == ("Review", "#abc", 9999, False)
    r = api.post("/api/v1/task_statuses", headers=h, json={"name": "Review"})
    assert r.status_code == 422
    assert r.json() == invalid({"name": ["The name has already been taken."]})
    assert api.post("/api/v1/task_statuses", headers=h, json={}).json() == invalid({"name": ["The name field is required."]})


def test_moving_a_status_renumbers_the_others(api, tenant):
    h = tenant.headers
    statuses = api.get("/api/v1/task_statuses", headers=h).json()["data"]
    done = statuses[3]
    r = api.put(f"/api/v1/task_statuses/{done['id']}", headers=h, json={"status_order": 1, "color": None})
    assert r.status_code == 200, r.text
    assert r.json()["data"]["color"] == ""
    listed = api.get("/api/v1/task_statuses?sort=status_order|asc", headers=h).json()["data"]
    assert [(s["name"], s["status_order"]) for s in listed] == [
        ("Done", 1), ("Backlog", 2), ("Ready to do", 3), ("In progress", 4)]


def test_deleting_a_status_moves_its_tasks_to_the_first(api, tenant, session):
    h = tenant.headers
    statuses = api.get("/api/v1/task_statuses", headers=h).json()["data"]
    task = create_task(api, tenant, status_id=statuses[2]["id"])
    assert task["status_id"] == statuses[2]["id"]
    r = api.delete(f"/api/v1/task_statuses/{statuses[2]['id']}", headers=h)
    assert r.status_code == 200 and r.json()["data"]["is_deleted"] is True
    session.expire_all()
    assert session.get(Task, ids.decode(task["id"])).status_id == ids.decode(statuses[0]["id"])


def test_foreign_status_is_refused_on_a_task(api, tenant, other_tenant):
    foreign = api.get("/api/v1/task_statuses", headers=other_tenant.headers).json()["data"][0]
    r = api.post("/api/v1/tasks", headers=tenant.headers, json={"status_id": foreign["id"]})
    assert r.status_code == 422
    assert r.json() == invalid({"status_id": ["The selected status id is invalid."]})
    assert api.get(f"/api/v1/task_statuses/{foreign['id']}", headers=tenant.headers).status_code == 401


def test_blank_and_bulk(api, tenant):
    h = tenant.headers
    blank = api.get("/api/v1/task_statuses/create", headers=h).json()["data"]
    assert blank["id"] == "" and blank["status_order"] == 9999
    first = api.get("/api/v1/task_statuses", headers=h).json()["data"][0]
    r = api.post("/api/v1/task_statuses/bulk", headers=h, json={"action": "archive", "ids": [first["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0
