from datetime import datetime, timedelta

import pytest

from ninja_api import ids
from ninja_api.models import Product
from tests.products.helpers import create_product


@pytest.fixture
def four(api, tenant):
    specs = [
        dict(product_key="Widget", notes="A small widget", price="10", cost="2.5", custom_value1="blue"),
        dict(product_key="Gadget", notes="Shiny", price="99.95", cost="50", custom_value3="Summer SALE"),
        dict(product_key="widget-pro", notes="The big one", price="250", cost="100"),
        dict(product_key="Service hour", notes="Consulting, per hour", price="80", cost="0", custom_value4="100%"),
    ]
    return [create_product(api, tenant, **spec) for spec in specs]


def keys(api, tenant, query):
    r = api.get(f"/api/v1/products?{query}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [p["product_key"] for p in r.json()["data"]]


ALL = ["Widget", "Gadget", "widget-pro", "Service hour"]


@pytest.mark.parametrize("query,expected", [
    ("", ALL),
    ("product_key=Widget", ["Widget"]),
    ("product_key=Gadget", ["Gadget"]),
    ("product_key=idge", []),
    ("product_key=", ALL),
    ("filter=widget", ["Widget", "widget-pro"]),
    ("filter=WIDGET", ["Widget", "widget-pro"]),
    ("filter=shiny", ["Gadget"]),
    ("filter=consulting", ["Service hour"]),
    ("filter=blue", ["Widget"]),
    ("filter=sale", ["Gadget"]),
    ("filter=100%25", ["Service hour"]),
    ("filter=nothing-like-it", []),
    ("sort=price|asc", ["Widget", "Service hour", "Gadget", "widget-pro"]),
    ("sort=price|desc", ["widget-pro", "Gadget", "Service hour", "Widget"]),
    ("sort=cost|ASC", ["Service hour", "Widget", "Gadget", "widget-pro"]),
    ("sort=notes|desc", ["widget-pro", "Gadget", "Service hour", "Widget"]),
    ("sort=notes|asc", ["Widget", "Service hour", "Gadget", "widget-pro"]),
    ("sort=nonsense|asc", ALL),
    ("sort=documents|asc", ALL),
    ("sort=price", ALL),
    ("sort=price|asc&filter=widget", ["Widget", "widget-pro"]),
])
def test_filters_and_sorts(api, tenant, four, query, expected):
    assert keys(api, tenant, query) == expected


def test_with_puts_the_picked_product_first_whatever_the_filters(api, tenant, four):
    # The picker asks for its current value by product_key, not by id.
    assert keys(api, tenant, "with=Service hour") == ["Service hour", "Widget", "Gadget", "widget-pro"]
    assert keys(api, tenant, "filter=widget&with=Gadget") == ["Gadget", "Widget", "widget-pro"]
    assert keys(api, tenant, "with=nobody") == ALL
    api.post("/api/v1/products/bulk", headers=tenant.headers, json={"action": "archive", "ids": [four[1]["id"]]})
    assert keys(api, tenant, "status=active") == ["Widget", "widget-pro", "Service hour"]
    assert keys(api, tenant, "status=active&with=Gadget") == ["Gadget", "Widget", "widget-pro", "Service hour"]
    body = api.get("/api/v1/products?status=active&with=Gadget&per_page=1", headers=tenant.headers).json()
    assert [p["product_key"] for p in body["data"]] == ["Gadget"]
    assert body["meta"]["pagination"]["total"] == 4


def test_status_and_is_deleted(api, tenant, four):
    bulk = "/api/v1/products/bulk"
    api.post(bulk, headers=tenant.headers, json={"action": "archive", "ids": [four[0]["id"]]})
    api.post(bulk, headers=tenant.headers, json={"action": "delete", "ids": [four[1]["id"]]})
    assert keys(api, tenant, "") == ALL  # no status: archived and deleted rows too
    assert keys(api, tenant, "status=active") == ["widget-pro", "Service hour"]
    assert keys(api, tenant, "status=archived") == ["Widget"]
    assert keys(api, tenant, "status=deleted") == ["Gadget"]
    assert keys(api, tenant, "status=archived,deleted") == ["Widget", "Gadget"]
    assert keys(api, tenant, "is_deleted=true") == ["Gadget"]
    assert keys(api, tenant, "is_deleted=false") == ["Widget", "widget-pro", "Service hour"]
    assert keys(api, tenant, "with_trashed=false") == ["Widget", "widget-pro", "Service hour"]


def test_created_and_updated_since(api, tenant, four, session_factory):
    old = datetime(2020, 1, 1)
    with session_factory() as s:
        for p in four[:2]:
            row = s.get(Product, ids.decode(p["id"]))
            row.created_at = old
            row.updated_at = old
        s.commit()
    cutoff = int((old + timedelta(days=1)).timestamp())
    assert keys(api, tenant, f"created_at={cutoff}") == ["widget-pro", "Service hour"]
    assert keys(api, tenant, "updated_at=2020-01-02") == ["widget-pro", "Service hour"]
    assert keys(api, tenant, "created_at=garbage") == ALL


def test_pagination(api, tenant, four):
    body = api.get("/api/v1/products?per_page=3&page=2", headers=tenant.headers).json()
    assert [p["product_key"] for p in body["data"]] == ["Service hour"]
    assert body["meta"] == {"pagination": {
        "total": 4, "count": 1, "per_page": 3, "current_page": 2, "total_pages": 2,
        "links": {"previous": "http://testserver/api/v1/products?page=1"},
    }}


def test_includes(api, tenant, four):
    rows = api.get("/api/v1/products?include=user", headers=tenant.headers).json()["data"]
    assert list(rows[0])[-2:] == ["documents", "user"]
    assert rows[0]["user"]["id"] == ids.encode(tenant.user.id)
    assert rows[0]["user"]["email"] == "demo@example.com"
    company = api.get("/api/v1/products?include=company,user&per_page=1", headers=tenant.headers).json()["data"][0]
    assert list(company)[-3:] == ["documents", "company", "user"]
    assert company["company"]["id"] == ids.encode(tenant.company.id)
    r = api.get("/api/v1/products?include=bogus", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `bogus` is not a valid include."})
    # Relations upstream's model has but its transformer does not render.
    plain = api.get("/api/v1/products?include=vendor,assigned_user", headers=tenant.headers)
    assert plain.status_code == 200 and list(plain.json()["data"][0])[-1] == "documents"
    item = api.get(f"/api/v1/products/{four[0]['id']}?include=user,bogus", headers=tenant.headers).json()["data"]
    assert list(item)[-2:] == ["documents", "user"]


def test_list_page_query_count_does_not_grow_with_rows(api, tenant, session_factory, query_counter):
    with session_factory() as s:
        for i in range(60):
            s.add(Product(company_id=tenant.company.id, user_id=tenant.user.id, product_key=f"P{i:03}"))
        s.commit()
    url = "/api/v1/products?include=user&per_page={}"
    api.get(url.format(5), headers=tenant.headers)  # warm up
    with query_counter:
        assert len(api.get(url.format(5), headers=tenant.headers).json()["data"]) == 5
    small = query_counter.count
    with query_counter:
        assert len(api.get(url.format(60), headers=tenant.headers).json()["data"]) == 60
    assert query_counter.count == small
