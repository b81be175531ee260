from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from ninja_api import ids
from ninja_api.models import Client, GroupSetting
from tests.clients.helpers import create_client


@pytest.fixture
def five(api, tenant, session_factory):
    """Five clients with known balances, names, contacts and one in a group."""
    specs = [
        ("Alpha Ltd", "5.00", "a@alpha.co", "ID-1"),
        ("Beta GmbH", "10.00", "b@beta.co", "ID-2"),
        ("Gamma SA", "15.50", "g@gamma.co", "ID-3"),
        ("Delta Inc", "1000.00", "d@delta.co", "ID-4"),
        ("Epsilon", "-3.25", "e@eps.co", "ID-5"),
    ]
    made = []
    for name, balance, email, id_number in specs:
        c = create_client(api, tenant, name=name, id_number=id_number, contacts=[{"email": email, "first_name": name.split()[0]}])
        made.append(c)
    with session_factory() as s:
        group = GroupSetting(company_id=tenant.company.id, user_id=tenant.user.id, name="VIP", settings={})
        s.add(group)
        s.flush()
        for c, (_, balance, _, _) in zip(made, specs):
            row = s.get(Client, ids.decode(c["id"]))
            row.balance = Decimal(balance)
        s.get(Client, ids.decode(made[2]["id"])).group_settings_id = group.id
        s.commit()
        group_hash = ids.encode(group.id)
    return made, group_hash


def names(api, tenant, query):
    r = api.get(f"/api/v1/clients?{query}", headers=tenant.headers)
    assert r.status_code == 200, r.text
    return [c["name"] for c in r.json()["data"]]


@pytest.mark.parametrize("query,expected", [
    ("balance=lt:10", ["Alpha Ltd", "Epsilon"]),
    ("balance=lte:10", ["Alpha Ltd", "Beta GmbH", "Epsilon"]),
    ("balance=gt:15.5", ["Delta Inc"]),
    ("balance=gte:15.5", ["Gamma SA", "Delta Inc"]),
    ("balance=eq:10", ["Beta GmbH"]),
    ("balance=xx:10", ["Beta GmbH"]),
    ("balance=10", ["Alpha Ltd", "Beta GmbH", "Gamma SA", "Delta Inc", "Epsilon"]),
    ("between_balance=5:15.5", ["Alpha Ltd", "Beta GmbH", "Gamma SA"]),
    ("name=ta", ["Beta GmbH", "Delta Inc"]),
    ("name=ALPHA", ["Alpha Ltd"]),
    ("email=g@gamma.co", ["Gamma SA"]),
    ("email=gamma", []),
    ("id_number=ID-4", ["Delta Inc"]),
    ("number=0002", ["Beta GmbH"]),
    ("filter=eps", ["Epsilon"]),
    ("filter=beta.co", ["Beta GmbH"]),
    ("filter=ID-3", ["Gamma SA"]),
    ("sort=name|desc", ["Gamma SA", "Epsilon", "Delta Inc", "Beta GmbH", "Alpha Ltd"]),
    ("sort=display_name|asc", ["Alpha Ltd", "Beta GmbH", "Delta Inc", "Epsilon", "Gamma SA"]),
    ("sort=balance|asc", ["Epsilon", "Alpha Ltd", "Beta GmbH", "Gamma SA", "Delta Inc"]),
    ("sort=number|desc", ["Epsilon", "Delta Inc", "Gamma SA", "Beta GmbH", "Alpha Ltd"]),
    ("sort=nonsense|asc", ["Alpha Ltd", "Beta GmbH", "Gamma SA", "Delta Inc", "Epsilon"]),
    ("sort=documents|asc", ["Alpha Ltd", "Beta GmbH", "Gamma SA", "Delta Inc", "Epsilon"]),
    ("client_id=notahash", []),
    ("group=notahash", []),
])
def test_filters_and_sorts(api, tenant, five, query, expected):
    assert names(api, tenant, query) == expected


def test_id_filters(api, tenant, five):
    made, group = five
    assert names(api, tenant, f"client_id={made[3]['id']}") == ["Delta Inc"]
    assert names(api, tenant, f"group={group}") == ["Gamma SA"]


def test_status_and_is_deleted(api, tenant, five):
    made, _ = five
    api.post("/api/v1/clients/bulk", headers=tenant.headers, json={"action": "archive", "ids": [made[0]["id"]]})
    api.post("/api/v1/clients/bulk", headers=tenant.headers, json={"action": "delete", "ids": [made[1]["id"]]})
    everyone = ["Alpha Ltd", "Beta GmbH", "Gamma SA", "Delta Inc", "Epsilon"]
    assert names(api, tenant, "") == everyone  # no status: archived and deleted rows too
    assert names(api, tenant, "status=active") == ["Gamma SA", "Delta Inc", "Epsilon"]
    assert names(api, tenant, "status=archived") == ["Alpha Ltd"]
    assert names(api, tenant, "status=deleted") == ["Beta GmbH"]
    assert names(api, tenant, "status=active,archived") == ["Alpha Ltd", "Gamma SA", "Delta Inc", "Epsilon"]
    assert names(api, tenant, "status=bogus") == everyone
    assert names(api, tenant, "is_deleted=true") == ["Beta GmbH"]
    assert names(api, tenant, "is_deleted=1") == ["Beta GmbH"]
    assert names(api, tenant, "is_deleted=false") == ["Alpha Ltd", "Gamma SA", "Delta Inc", "Epsilon"]
    assert names(api, tenant, "with_trashed=false") == ["Alpha Ltd", "Gamma SA", "Delta Inc", "Epsilon"]


def test_created_and_updated_since(api, tenant, five, session_factory):
    made, _ = five
    old = datetime(2020, 1, 1)
    with session_factory() as s:
        for c in made[:2]:
            row = s.get(Client, ids.decode(c["id"]))
            row.created_at = old
            row.updated_at = old
        s.commit()
    cutoff = int((old + timedelta(days=1)).timestamp())
    assert names(api, tenant, f"created_at={cutoff}") == ["Gamma SA", "Delta Inc", "Epsilon"]
    assert names(api, tenant, "updated_at=2020-01-02") == ["Gamma SA", "Delta Inc", "Epsilon"]
    assert names(api, tenant, "created_at=not-a-date") == [c["name"] for c in made]


def test_pagination_meta_and_links(api, tenant, five):
    r = api.get("/api/v1/clients?per_page=2&page=2&name=a", headers=tenant.headers)
    body = r.json()
    assert [c["name"] for c in body["data"]] == ["Gamma SA", "Delta Inc"]
    assert body["meta"] == {"pagination": {
        "total": 4, "count": 2, "per_page": 2, "current_page": 2, "total_pages": 2,
        "links": {"previous": "http://testserver/api/v1/clients?page=1"},
    }}
    r = api.get("/api/v1/clients?per_page=2", headers=tenant.headers).json()["meta"]["pagination"]
    assert r["links"] == {"next": "http://testserver/api/v1/clients?page=2"}
    # Eloquent's fallback of 15 for 0 or garbage, and the 5000 cap.
    assert api.get("/api/v1/clients?per_page=0", headers=tenant.headers).json()["meta"]["pagination"]["per_page"] == 15
    assert api.get("/api/v1/clients?per_page=abc", headers=tenant.headers).json()["meta"]["pagination"]["per_page"] == 15
    assert api.get("/api/v1/clients?per_page=-3", headers=tenant.headers).json()["meta"]["pagination"]["per_page"] == 3
    assert api.get("/api/v1/clients?per_page=99999", headers=tenant.headers).json()["meta"]["pagination"]["per_page"] == 5000
    beyond = api.get("/api/v1/clients?page=9", headers=tenant.headers).json()
    assert beyond["data"] == [] and beyond["meta"]["pagination"]["current_page"] == 9


def test_includes_on_lists(api, tenant, five):
    made, group = five
    r = api.get("/api/v1/clients?include=group_settings,activities", headers=tenant.headers)
    rows = r.json()["data"]
    assert [("group_settings" in c) for c in rows] == [False, False, True, False, False]
    gamma = rows[2]
    assert list(gamma)[-2:] == ["activities", "group_settings"]  # declared order, not request order
    assert gamma["group_settings"] == {
        "id": group, "name": "VIP", "settings": {}, "created_at": gamma["group_settings"]["created_at"],
        "updated_at": gamma["group_settings"]["updated_at"], "archived_at": 0, "is_deleted": False, "documents": [],
    }
    r = api.get("/api/v1/clients?include=bogus", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "Relation `bogus` is not a valid include."})
    # A relation upstream knows but does not render is loaded silently.
    assert api.get("/api/v1/clients?include=invoices", headers=tenant.headers).status_code == 200


def test_index_envelope_variants(api, tenant, five):
    body = api.get("/api/v1/clients?index=clients&per_page=1", headers=tenant.headers).json()
    assert list(body) == ["clients", "meta"]
    bare = api.get("/api/v1/clients?index=none&per_page=1", headers=tenant.headers).json()
    assert isinstance(bare, list) and bare[0]["name"] == "Alpha Ltd"
    with_static = api.get("/api/v1/clients?per_page=1&include_static=true", headers=tenant.headers).json()
    assert list(with_static) == ["data", "meta", "static"]
    assert "currencies" in with_static["static"]


def test_list_page_query_count_does_not_grow_with_rows(api, tenant, session_factory, query_counter):
    with session_factory() as s:
        for i in range(100):
            c = Client(company_id=tenant.company.id, user_id=tenant.user.id, name=f"Bulk {i:03}", number=f"B{i:03}",
                       client_hash="h", settings={})
            s.add(c)
        s.commit()
    url = "/api/v1/clients?include=activities,ledger,system_logs,group_settings&per_page={}"
    api.get(url.format(5), headers=tenant.headers)  # warm up
    with query_counter:
        r = api.get(url.format(5), headers=tenant.headers)
        assert len(r.json()["data"]) == 5
    small = query_counter.count
    with query_counter:
        r = api.get(url.format(100), headers=tenant.headers)
        assert len(r.json()["data"]) == 100
    assert query_counter.count == small


def test_filter_details_renders_only_four_columns(api, tenant, five):
    rows = api.get("/api/v1/clients?filter_details=true&per_page=1", headers=tenant.headers).json()["data"]
    row = rows[0]
    assert (row["name"], row["number"], row["id_number"]) == ("Alpha Ltd", "0001", "ID-1")
    assert (row["balance"], row["country_id"], row["client_hash"], row["settings"], row["created_at"]) == (0, "", "", {}, 0)
    assert row["contacts"][0]["email"] == "a@alpha.co"
    full = api.get("/api/v1/clients?filter_details=false&per_page=1", headers=tenant.headers).json()["data"][0]
    assert (full["balance"], full["country_id"]) == (5, "840")
