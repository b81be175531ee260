def test_empty_list(api, tenant):
    r = api.get("/api/v1/clients", headers=tenant.headers)
    assert r.status_code == 200
    assert r.json() == {
        "data": [],
        "meta": {"pagination": {"total": 0, "count": 0, "per_page": 20, "current_page": 1, "total_pages": 1, "links": {}}},
    }
