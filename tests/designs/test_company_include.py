from ninja_api import ids
from tests.designs.helpers import SYSTEM_NAMES, URL, bulk, create_design

LOGIN = {"email": "demo@example.com", "password": "Password0"}


def login_designs(api) -> list[dict]:
    r = api.post("/api/v1/login", json=LOGIN)
    assert r.status_code == 200, r.text
    return r.json()["data"][0]["company"]["designs"]


def test_login_embeds_system_and_live_custom_designs(api, tenant, other_tenant):
    mine = create_design(api, tenant, name="Mine")
    archived = create_design(api, tenant, name="Archived")
    bulk(api, tenant, action="archive", ids=[archived["id"]])
    create_design(api, other_tenant, name="Theirs")
    designs = login_designs(api)
    assert [d["name"] for d in designs] == SYSTEM_NAMES + ["Mine"]
    assert designs[-1] == api.get(f"{URL}/{mine['id']}", headers=tenant.headers).json()["data"]
    assert designs[1] == api.get(f"{URL}/Wpmbk5ezJn", headers=tenant.headers).json()["data"]
    # Not limited by time: upstream queries the relation afresh.
    r = api.post("/api/v1/refresh?updated_at=4102444800", headers=tenant.headers)
    assert [d["name"] for d in r.json()["data"][0]["company"]["designs"]] == SYSTEM_NAMES + ["Mine"]
    r = api.get(f"/api/v1/companies/{ids.encode(tenant.company.id)}?include=designs", headers=tenant.headers)
    assert [d["name"] for d in r.json()["data"]["designs"]] == SYSTEM_NAMES + ["Mine"]


def test_login_query_count_does_not_grow_with_designs(api, tenant, query_counter):
    create_design(api, tenant, name="One")
    with query_counter:
        login_designs(api)
    few = query_counter.count
    for n in range(5):
        create_design(api, tenant, name=f"More {n}")
    with query_counter:
        assert len(login_designs(api)) == 17
    assert query_counter.count == few
