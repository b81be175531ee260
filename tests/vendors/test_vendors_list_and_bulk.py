from tests.vendors.helpers import create_vendor


def names(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [v["name"] for v in r.json()["data"]]


def test_filters(api, tenant):
    create_vendor(api, tenant, name="Alpha", id_number="ID-A", custom_value2="blue")
    create_vendor(api, tenant, name="Beta", number="B-7", contacts=[{"first_name": "Zed", "email": "zed@b.test"}])
    h = tenant.headers
    assert names(api.get("/api/v1/vendors?name=alp", headers=h)) == ["Alpha"]
    assert names(api.get("/api/v1/vendors?id_number=ID-A", headers=h)) == ["Alpha"]
    assert names(api.get("/api/v1/vendors?number=B-7", headers=h)) == ["Beta"]
    assert names(api.get("/api/v1/vendors?filter=zed", headers=h)) == ["Beta"]
    assert names(api.get("/api/v1/vendors?filter=BLUE", headers=h)) == ["Alpha"]
    assert names(api.get("/api/v1/vendors?sort=name|desc", headers=h)) == ["Beta", "Alpha"]


def test_status_filter_and_bulk(api, tenant):
    a = create_vendor(api, tenant, name="A")
    b = create_vendor(api, tenant, name="B")
    c = create_vendor(api, tenant, name="C")
    h = tenant.headers
    r = api.post("/api/v1/vendors/bulk", headers=h, json={"action": "archive", "ids": [a["id"]]})
    assert r.status_code == 200 and r.json()["data"][0]["archived_at"] > 0
    r = api.post("/api/v1/vendors/bulk", headers=h, json={"action": "delete", "ids": [b["id"]]})
    assert r.json()["data"][0]["is_deleted"] is True
    assert names(api.get("/api/v1/vendors?status=active", headers=h)) == ["C"]
    assert names(api.get("/api/v1/vendors?status=archived", headers=h)) == ["A"]
    assert names(api.get("/api/v1/vendors?status=deleted", headers=h)) == ["B"]
    r = api.post("/api/v1/vendors/bulk", headers=h, json={"action": "restore", "ids": [a["id"], b["id"]]})
    assert [(v["archived_at"], v["is_deleted"]) for v in r.json()["data"]] == [(0, False), (0, False)]
    assert names(api.get("/api/v1/vendors?status=active", headers=h)) == ["A", "B", "C"]
    missing = api.post("/api/v1/vendors/bulk", headers=h, json={"action": "archive"})
    assert (missing.status_code, missing.json()) == (
        422, {"message": "The given data was invalid.", "errors": {"ids": ["The ids field is required."]}})
    assert c["id"]


def test_bad_include_is_a_400(api, tenant):
    r = api.get("/api/v1/vendors?include=nope", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `nope` is not a valid include."})
    assert api.get("/api/v1/vendors?include=activities", headers=tenant.headers).status_code == 200


def test_list_contacts_cost_constant_queries(api, tenant, query_counter):
    create_vendor(api, tenant, name="V0", contacts=[{"email": "a@x.test"}, {"email": "b@x.test"}])
    with query_counter as few:
        api.get("/api/v1/vendors?include=activities", headers=tenant.headers)
    for n in range(1, 6):
        create_vendor(api, tenant, name=f"V{n}", contacts=[{"email": f"c{n}@x.test"}])
    with query_counter as many:
        r = api.get("/api/v1/vendors?include=activities", headers=tenant.headers)
    assert len(r.json()["data"]) == 6
    assert many.count == few.count


def test_search_skips_removed_contacts(api, tenant):
    v = create_vendor(api, tenant, name="Acme", contacts=[{"first_name": "Gone", "email": "g@x.test"}])
    assert names(api.get("/api/v1/vendors?filter=gone", headers=tenant.headers)) == ["Acme"]
    api.put(f"/api/v1/vendors/{v['id']}", headers=tenant.headers, json={"contacts": [{"first_name": "Kept"}]})
    assert names(api.get("/api/v1/vendors?filter=gone", headers=tenant.headers)) == []
    assert names(api.get("/api/v1/vendors?filter=kept", headers=tenant.headers)) == ["Acme"]
