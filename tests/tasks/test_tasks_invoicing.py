import json

from ninja_api import ids
from ninja_api.models import Company
from tests.projects.helpers import create_client, create_project
from tests.tasks.helpers import create_task, invalid

HOUR = 3600
START = 1700000000  # 2023-11-14 22:13:20 UTC, 11:13:20 in the company's default zone (UTC-11)


def test_bulk_invoice_bills_hours_at_the_rate(api, tenant, session):
    h = tenant.headers
    client = create_client(api, tenant)
    project = create_project(api, tenant, client["id"], task_rate=100)
    log = json.dumps([[START, START + HOUR + 1800, "design", True], [START + 2 * HOUR, START + 3 * HOUR, "", False]])
    a = create_task(api, tenant, project_id=project["id"], description="Build", time_log=log)
    b = create_task(api, tenant, client_id=client["id"], rate=60, time_log=json.dumps([[START, START + 900]]))
    r = api.post("/api/v1/tasks/bulk", headers=h, json={"action": "invoice", "ids": [a["id"], b["id"]]})
    assert r.status_code == 200, r.text
    tasks = r.json()["data"]
    invoice_id = tasks[0]["invoice_id"]
    assert invoice_id and tasks[1]["invoice_id"] == invoice_id
    invoice = api.get(f"/api/v1/invoices/{invoice_id}", headers=h).json()["data"]
    assert invoice["client_id"] == client["id"]
    lines = invoice["line_items"]
    assert [(l["type_id"], l["task_id"], l["quantity"], l["cost"]) for l in lines] == [
        ("2", a["id"], 1.5, 100), ("2", b["id"], 0.25, 60)]
    assert lines[0]["notes"] == "Build\n2023-11-14 11:13:20 - 12:43:20 design"
    # 1.5 h × 100 + 0.25 h × 60
    assert invoice["amount"] == 165
    # Billed tasks are refused the second time.
    r = api.post("/api/v1/tasks/bulk", headers=h, json={"action": "invoice", "ids": [a["id"]]})
    assert r.status_code == 422
    assert r.json() == invalid({"ids": ["A selected task is already invoiced."]})


def test_tasks_of_different_clients_cannot_share_an_invoice(api, tenant):
    a = create_task(api, tenant, client_id=create_client(api, tenant)["id"])
    b = create_task(api, tenant, client_id=create_client(api, tenant, name="B")["id"])
    r = api.post("/api/v1/tasks/bulk", headers=tenant.headers, json={"action": "invoice", "ids": [a["id"], b["id"]]})
    assert r.status_code == 422
    assert r.json() == invalid({"ids": ["The tasks must all belong to one client."]})


def test_project_bulk_invoice_takes_its_unbilled_tasks(api, tenant):
    h = tenant.headers
    project = create_project(api, tenant, task_rate=10)
    create_task(api, tenant, project_id=project["id"], time_log=json.dumps([[START, START + 2 * HOUR]]))
    create_task(api, tenant, project_id=project["id"], time_log=json.dumps([[START + 3 * HOUR, START + 4 * HOUR]]))
    r = api.post("/api/v1/projects/bulk", headers=h, json={"action": "invoice", "ids": [project["id"]]})
    assert r.status_code == 200, r.text
    assert r.json()["data"][0]["id"] == project["id"]
    shown = api.get(f"/api/v1/projects/{project['id']}?include=invoices,tasks", headers=h).json()["data"]
    assert len(shown["invoices"]) == 1
    assert shown["invoices"][0]["amount"] == 30 and shown["invoices"][0]["project_id"] == project["id"]
    assert {t["invoice_id"] for t in shown["tasks"]} == {shown["invoices"][0]["id"]}
    r = api.post("/api/v1/projects/bulk", headers=h, json={"action": "invoice", "ids": [project["id"]]})
    assert r.status_code == 422
    assert r.json() == invalid({"ids": [f"Project {project['number']} has no tasks to invoice."]})


def test_saving_an_invoice_links_the_tasks_its_lines_name(api, tenant):
    h = tenant.headers
    client = create_client(api, tenant)
    task = create_task(api, tenant, client_id=client["id"])
    r = api.post("/api/v1/invoices", headers=h, json={"client_id": client["id"], "line_items": [
        {"product_key": "", "notes": "t", "cost": 5, "quantity": 1, "type_id": "2", "task_id": task["id"]}]})
    assert r.status_code == 200, r.text
    invoice = r.json()["data"]
    assert api.get(f"/api/v1/tasks/{task['id']}", headers=h).json()["data"]["invoice_id"] == invoice["id"]
    r = api.put(f"/api/v1/invoices/{invoice['id']}", headers=h, json={"line_items": [
        {"product_key": "x", "notes": "", "cost": 5, "quantity": 1, "type_id": "1"}]})
    assert r.status_code == 200, r.text
    assert api.get(f"/api/v1/tasks/{task['id']}", headers=h).json()["data"]["invoice_id"] == ""


def test_timelog_lines_follow_the_company_flags(api, tenant, session):
    company = session.get(Company, tenant.company.id)
    company.invoice_task_timelog = False
    company.invoice_task_project = True
    session.commit()
    project = create_project(api, tenant, name="Apollo", task_rate=1)
    task = create_task(api, tenant, project_id=project["id"], description="Launch",
                       time_log=json.dumps([[START, START + HOUR]]))
    r = api.post("/api/v1/tasks/bulk", headers=tenant.headers, json={"action": "invoice", "ids": [task["id"]]})
    invoice_id = r.json()["data"][0]["invoice_id"]
    invoice = api.get(f"/api/v1/invoices/{invoice_id}", headers=tenant.headers).json()["data"]
    assert invoice["line_items"][0]["notes"] == "Apollo\nLaunch"
    assert ids.decode(invoice["project_id"]) == ids.decode(project["id"])
