import json

import pytest

from ninja_api import ids
from ninja_api.models import Activity, Company
from ninja_api.tasks import service
from tests.projects.helpers import create_client, create_project
from tests.tasks.helpers import TASK_KEYS, create_task, invalid

NOW = 1_800_000_000


@pytest.fixture
def clock(monkeypatch):
    moment = {"now": NOW}
    monkeypatch.setattr(service, "now", lambda: moment["now"])
    return moment


def _statuses(api, tenant) -> list[dict]:
    return api.get("/api/v1/task_statuses", headers=tenant.headers).json()["data"]


def test_create_renders_every_upstream_field(api, tenant):
    client = create_client(api, tenant)
    log = json.dumps([[1700000000, 1700003600, "Design", True]])
    data = create_task(api, tenant, client_id=client["id"], description="  Build it  ", time_log=log,
                       custom_value1="c1", status_order=3)
    assert list(data) == TASK_KEYS
    first_status = _statuses(api, tenant)[0]
    assert {k: v for k, v in data.items() if k not in ("created_at", "updated_at")} == {
        "id": data["id"], "user_id": ids.encode(tenant.user.id), "assigned_user_id": "", "number": "0001",
        "description": "Build it", "duration": 0, "rate": 0, "archived_at": 0, "invoice_id": "",
        "client_id": client["id"], "project_id": "", "is_deleted": False,
        "time_log": "[[1700000000,1700003600,\"Design\",true]]", "is_running": False, "custom_value1": "c1",
        "custom_value2": "", "custom_value3": "", "custom_value4": "", "status_id": first_status["id"],
        "status_sort_order": 0, "is_date_based": False, "status_order": 3,
        # The company's default time zone is UTC-11.
        "date": "2023-11-14", "documents": [],
    }


def test_new_company_gets_the_default_statuses(api, tenant):
    assert [(s["name"], s["status_order"]) for s in _statuses(api, tenant)] == [
        ("Backlog", 1), ("Ready to do", 2), ("In progress", 3), ("Done", 4)]


def test_the_project_decides_the_client_and_the_rate(api, tenant):
    client = create_client(api, tenant)
    other = create_client(api, tenant, name="Other")
    project = create_project(api, tenant, client["id"], task_rate=80)
    data = create_task(api, tenant, project_id=project["id"], client_id=other["id"])
    assert data["client_id"] == client["id"] and data["project_id"] == project["id"]
    assert data["rate"] == 80
    assert data["project"]["id"] == project["id"]
    # An unknown project is dropped, not refused.
    data = create_task(api, tenant, project_id="zzzzzzzzzz", client_id=other["id"])
    assert data["project_id"] == "" and data["client_id"] == other["id"] and "project" not in data


def test_rate_falls_back_to_the_client_then_the_company(api, tenant, session):
    company = session.get(Company, tenant.company.id)
    company.settings = {**company.settings, "default_task_rate": 40}
    session.commit()
    assert create_task(api, tenant)["rate"] == 40
    client = create_client(api, tenant, settings={"default_task_rate": 55})
    assert create_task(api, tenant, client_id=client["id"])["rate"] == 55
    assert create_task(api, tenant, client_id=client["id"], rate="12.5")["rate"] == 12.5


def test_time_log_validation_messages(api, tenant):
    h = tenant.headers
    r = api.post("/api/v1/tasks", headers=h, json={"time_log": "not json"})
    assert r.status_code == 422
    assert r.json() == invalid({"time_log": ["The time_log must be a valid array."]})
    r = api.post("/api/v1/tasks", headers=h, json={"time_log": '[[1700000000,"later"]]'})
    assert r.json() == invalid({"time_log": [
        "The time_log - Array\n(\n    [0] => 1700000000\n    [1] => later\n)\n is invalid. Unix timestamps only."]})
    r = api.post("/api/v1/tasks", headers=h, json={"time_log": "[[100,200],[150,300]]"})
    assert r.json() == invalid({"time_log": ["Please correct overlapping values"]})
    r = api.post("/api/v1/tasks", headers=h, json={"time_log": "[[100,0],[150,300]]"})
    assert r.json() == invalid({"time_log": ["Please correct overlapping values"]})
    r = api.post("/api/v1/tasks", headers=h, json={"time_log": "[[300,200]]"})
    assert r.json() == invalid({"time_log": ["Please correct overlapping values"]})


def test_log_entries_are_sorted_and_empty_logs_normalised(api, tenant):
    data = create_task(api, tenant, time_log="[[500,600],[100,200]]")
    assert data["time_log"] == "[[100,200],[500,600]]"
    assert create_task(api, tenant, time_log="{}")["time_log"] == "[]"
    assert create_task(api, tenant, time_log='[""]')["time_log"] == "[]"


def test_end_times_round_to_the_setting(api, tenant, session):
    company = session.get(Company, tenant.company.id)
    company.settings = {**company.settings, "task_round_to_nearest": 900, "task_round_up": True}
    session.commit()
    assert create_task(api, tenant, time_log="[[1000,1100]]")["time_log"] == "[[1000,1900]]"
    company = session.get(Company, tenant.company.id)
    company.settings = {**company.settings, "task_round_up": False}
    session.commit()
    assert create_task(api, tenant, time_log="[[1000,2000]]")["time_log"] == "[[1000,1900]]"


def test_start_and_stop_timers(api, tenant, clock):
    data = create_task(api, tenant, url="/api/v1/tasks?start=true")
    assert data["time_log"] == f"[[{NOW},0]]" and data["is_running"] is True
    clock["now"] = NOW + 60
    r = api.put(f"/api/v1/tasks/{data['id']}?stop=true", headers=tenant.headers,
                json={"time_log": data["time_log"], "number": data["number"]})
    assert r.status_code == 200, r.text
    stopped = r.json()["data"]
    assert stopped["time_log"] == f"[[{NOW},{NOW + 60}]]" and stopped["is_running"] is False
    clock["now"] = NOW + 120
    r = api.post("/api/v1/tasks/bulk", headers=tenant.headers, json={"action": "start", "ids": [data["id"]]})
    assert r.json()["data"][0]["time_log"] == f"[[{NOW},{NOW + 60}],[{NOW + 120},0]]"
    assert r.json()["data"][0]["is_running"] is True
    assert api.get("/api/v1/tasks?is_running=true", headers=tenant.headers).json()["data"][0]["id"] == data["id"]
    clock["now"] = NOW + 180
    r = api.post("/api/v1/tasks/bulk", headers=tenant.headers, json={"action": "stop", "ids": [data["id"]]})
    assert r.json()["data"][0]["time_log"] == f"[[{NOW},{NOW + 60}],[{NOW + 120},{NOW + 180}]]"
    assert api.get("/api/v1/tasks?is_running=true", headers=tenant.headers).json()["data"] == []


def test_action_start_in_the_body(api, tenant, clock):
    data = create_task(api, tenant, action="start")
    assert data["time_log"] == f"[[{NOW},false]]" and data["is_running"] is True


def test_update_rules_and_upstream_number_quirk(api, tenant):
    task = create_task(api, tenant, time_log="[[100,200]]")
    h = tenant.headers
    # Upstream: a body without `number` draws a new one, and a missing time log empties the log.
    r = api.put(f"/api/v1/tasks/{task['id']}", headers=h, json={"description": "x"})
    assert r.json()["data"]["number"] == "0002" and r.json()["data"]["time_log"] == "[]"
    other = create_task(api, tenant)
    r = api.put(f"/api/v1/tasks/{task['id']}", headers=h, json={"number": other["number"]})
    assert r.status_code == 422
    assert r.json() == invalid({"number": ["The number has already been taken."]})


def test_deleted_clients_and_projects_are_refused(api, tenant):
    client = create_client(api, tenant)
    project = create_project(api, tenant, client["id"])
    api.delete(f"/api/v1/projects/{project['id']}", headers=tenant.headers)
    r = api.post("/api/v1/tasks", headers=tenant.headers, json={"project_id": project["id"]})
    assert r.status_code == 422
    assert r.json() == invalid({"project_id": ["The selected project id is invalid."]})
    api.delete(f"/api/v1/clients/{client['id']}", headers=tenant.headers)
    r = api.post("/api/v1/tasks", headers=tenant.headers, json={"client_id": client["id"]})
    assert r.json() == invalid({"client_id": ["The selected client id is invalid."]})


def test_locked_invoiced_task_cannot_be_updated(api, tenant, session):
    from ninja_api.models import Task

    task = create_task(api, tenant)
    client = create_client(api, tenant)
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client["id"]}).json()["data"]
    row = session.get(Task, ids.decode(task["id"]))
    row.invoice_id = ids.decode(invoice["id"])
    session.get(Company, tenant.company.id).invoice_task_lock = True
    session.commit()
    r = api.put(f"/api/v1/tasks/{task['id']}", headers=tenant.headers, json={"description": "x"})
    assert r.status_code == 401
    assert r.json() == {"message": "Insufficient permissions, or task may be locked"}


def test_activities_are_recorded(api, tenant, session):
    task = create_task(api, tenant)
    api.put(f"/api/v1/tasks/{task['id']}", headers=tenant.headers, json={"number": task["number"]})
    kinds = [a.activity_type_id for a in session.query(Activity).filter(Activity.task_id == ids.decode(task["id"]))]
    assert kinds == [42, 43]


def test_blank(api, tenant):
    data = api.get("/api/v1/tasks/create", headers=tenant.headers).json()["data"]
    assert list(data) == TASK_KEYS
    assert data["id"] == "" and data["time_log"] == "[]" and data["status_id"] == ""
