from ninja_api import ids
from ninja_api.models import Task
from tests.projects.helpers import create_client, create_project
from tests.tasks.helpers import create_task


def _ids(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [t["id"] for t in r.json()["data"]]


def test_filters(api, tenant, session):
    h = tenant.headers
    acme = create_client(api, tenant, name="Acme")
    project = create_project(api, tenant, acme["id"], name="Rocket")
    a = create_task(api, tenant, project_id=project["id"], description="alpha")
    b = create_task(api, tenant, client_id=acme["id"], description="beta", hash="h1")
    c = create_task(api, tenant, description="gamma")
    assert _ids(api.get(f"/api/v1/tasks?project_tasks={project['id']}", headers=h)) == [a["id"]]
    assert _ids(api.get(f"/api/v1/tasks?client_id={acme['id']}", headers=h)) == [a["id"], b["id"]]
    assert _ids(api.get("/api/v1/tasks?filter=rocket", headers=h)) == [a["id"]]
    assert _ids(api.get("/api/v1/tasks?filter=acm", headers=h)) == [a["id"], b["id"]]
    assert _ids(api.get("/api/v1/tasks?filter=gam", headers=h)) == [c["id"]]
    assert _ids(api.get("/api/v1/tasks?hash=h1", headers=h)) == [b["id"]]
    invoice = api.post("/api/v1/invoices", headers=h, json={"client_id": acme["id"]}).json()["data"]
    session.get(Task, ids.decode(b["id"])).invoice_id = ids.decode(invoice["id"])
    session.commit()
    assert _ids(api.get("/api/v1/tasks?client_status=invoiced", headers=h)) == [b["id"]]
    assert _ids(api.get("/api/v1/tasks?client_status=uninvoiced", headers=h)) == [a["id"], c["id"]]
    status = a["status_id"]
    assert _ids(api.get(f"/api/v1/tasks?task_status={status}", headers=h)) == [a["id"], c["id"]]
    assert _ids(api.get("/api/v1/tasks?sort=number|desc", headers=h)) == [c["id"], b["id"], a["id"]]


def test_includes_cost_a_constant_number_of_queries(api, tenant, query_counter):
    h = tenant.headers
    client = create_client(api, tenant)
    for n in range(3):
        project = create_project(api, tenant, client["id"], name=f"P{n}")
        create_task(api, tenant, project_id=project["id"])
    url = "/api/v1/tasks?include=client,status,project,user,invoice,assigned_user"
    with query_counter as few:
        api.get(url + "&per_page=1", headers=h)
    with query_counter as many:
        r = api.get(url, headers=h)
    assert few.count == many.count
    data = r.json()["data"]
    assert [t["project"]["name"] for t in data] == ["P0", "P1", "P2"]
    assert data[0]["status"]["name"] == "Backlog"
    assert data[0]["client"]["id"] == client["id"]
    assert data[0]["user"]["id"] == ids.encode(tenant.user.id)
    assert "invoice" not in data[0] and "assigned_user" not in data[0]


def test_sort_moves_statuses_and_tasks(api, tenant):
    h = tenant.headers
    statuses = api.get("/api/v1/task_statuses", headers=h).json()["data"]
    a = create_task(api, tenant)
    b = create_task(api, tenant)
    done = statuses[3]["id"]
    r = api.post("/api/v1/tasks/sort", headers=h, json={
        "status_ids": [done, statuses[0]["id"], statuses[1]["id"], statuses[2]["id"]],
        "task_ids": {done: [b["id"], a["id"]]},
    })
    assert r.status_code == 200
    assert r.json() == {"message": "Ok"}
    shown = {t["id"]: t for t in api.get("/api/v1/tasks", headers=h).json()["data"]}
    assert (shown[b["id"]]["status_id"], shown[b["id"]]["status_order"]) == (done, 0)
    assert (shown[a["id"]]["status_id"], shown[a["id"]]["status_order"]) == (done, 1)
    orders = {s["id"]: s["status_order"] for s in api.get("/api/v1/task_statuses", headers=h).json()["data"]}
    assert orders[done] == 0


def test_bulk_lifecycle_and_tenancy(api, tenant, other_tenant):
    h = tenant.headers
    task = create_task(api, tenant)
    r = api.post("/api/v1/tasks/bulk", headers=h, json={"action": "archive", "ids": [task["id"]]})
    assert r.json()["data"][0]["archived_at"] > 0
    r = api.post("/api/v1/tasks/bulk", headers=h, json={"action": "delete", "ids": [task["id"]]})
    assert r.json()["data"][0]["is_deleted"] is True
    r = api.post("/api/v1/tasks/bulk", headers=h, json={"action": "restore", "ids": [task["id"]]})
    assert r.json()["data"][0]["is_deleted"] is False
    r = api.post("/api/v1/tasks/bulk", headers=other_tenant.headers, json={"action": "archive", "ids": [task["id"]]})
    assert r.json()["data"] == []
    assert api.get(f"/api/v1/tasks/{task['id']}", headers=other_tenant.headers).status_code == 401


def test_login_embeds_projects_tasks_and_statuses(api, tenant):
    project = create_project(api, tenant)
    task = create_task(api, tenant, project_id=project["id"])
    r = api.post("/api/v1/login", json={"email": "demo@example.com", "password": "Password0"})
    assert r.status_code == 200, r.text
    company = r.json()["data"][0]["company"]
    assert [p["id"] for p in company["projects"]] == [project["id"]]
    assert [t["id"] for t in company["tasks"]] == [task["id"]]
    assert company["tasks"][0]["project"]["id"] == project["id"]
    assert [s["name"] for s in company["task_statuses"]] == ["Backlog", "Ready to do", "In progress", "Done"]
