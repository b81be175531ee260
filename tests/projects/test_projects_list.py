import json

from tests.projects.helpers import create_client, create_project


def test_filters_and_sorts(api, tenant):
    acme = create_client(api, tenant, name="Acme")
    zed = create_client(api, tenant, name="Zed")
    a = create_project(api, tenant, zed["id"], name="Alpha", public_notes="needle")
    b = create_project(api, tenant, acme["id"], name="Beta")
    c = create_project(api, tenant, acme["id"], name="Gamma", number="10")
    h = tenant.headers
    assert [p["id"] for p in api.get("/api/v1/projects?filter=needle", headers=h).json()["data"]] == [a["id"]]
    assert [p["id"] for p in api.get("/api/v1/projects?filter=acm", headers=h).json()["data"]] == [b["id"], c["id"]]
    assert [p["id"] for p in api.get("/api/v1/projects?number=10", headers=h).json()["data"]] == [c["id"]]
    assert [p["id"] for p in api.get(f"/api/v1/projects?client_id={zed['id']}", headers=h).json()["data"]] == [a["id"]]
    by_client = api.get("/api/v1/projects?sort=client_id|asc", headers=h).json()["data"]
    assert [p["id"] for p in by_client] == [b["id"], c["id"], a["id"]]
    by_number = api.get("/api/v1/projects?sort=number|desc", headers=h).json()["data"]
    assert [p["id"] for p in by_number] == [c["id"], b["id"], a["id"]]


def test_includes_cost_a_constant_number_of_queries(api, tenant, query_counter):
    h = tenant.headers
    for n in range(3):
        project = create_project(api, tenant, name=f"P{n}")
        api.post("/api/v1/tasks", headers=h,
                 json={"project_id": project["id"], "time_log": json.dumps([[1700000000, 1700003600]])})
    url = "/api/v1/projects?include=tasks,client,invoices,expenses,quotes"
    with query_counter as few:
        small = api.get(url + "&per_page=1", headers=h)
    with query_counter as many:
        big = api.get(url, headers=h)
    assert small.status_code == big.status_code == 200
    assert few.count == many.count
    data = big.json()["data"]
    assert [len(p["tasks"]) for p in data] == [1, 1, 1]
    assert data[0]["client"]["id"] == data[0]["client_id"]
    assert data[0]["invoices"] == [] and data[0]["expenses"] == [] and data[0]["quotes"] == []
    assert data[0]["tasks"][0]["project"]["id"] == data[0]["id"]


def test_unknown_include_is_a_400(api, tenant):
    r = api.get("/api/v1/projects?include=nope", headers=tenant.headers)
    assert r.status_code == 400
    assert r.json() == {"message": "Relation `nope` is not a valid include."}


def test_bulk_archive_restore_delete(api, tenant):
    project = create_project(api, tenant)
    h = tenant.headers
    r = api.post("/api/v1/projects/bulk", headers=h, json={"action": "archive", "ids": [project["id"]]})
    assert r.status_code == 200 and r.json()["data"][0]["archived_at"] > 0
    assert api.get("/api/v1/projects?status=active", headers=h).json()["data"] == []
    r = api.post("/api/v1/projects/bulk", headers=h, json={"action": "restore", "ids": [project["id"]]})
    assert r.json()["data"][0]["archived_at"] == 0
    r = api.post("/api/v1/projects/bulk", headers=h, json={"action": "delete", "ids": [project["id"]]})
    assert r.json()["data"][0]["is_deleted"] is True
