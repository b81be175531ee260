"""POST /api/v1/refresh and POST /api/v1/logout."""

import time

from ninja_api.models import Company
from tests.auth.helpers import (
    COMPANY_KEYS, COMPANY_USER_KEYS, FIRST_LOAD_KEYS, INVALID_TOKEN, add_member, h, pagination, system_token_of,
)


def refresh(api, tenant, query: str = "", **kwargs):
    return api.post(f"/api/v1/refresh{query}", headers=tenant.headers, **kwargs)


def test_refresh_answers_like_login(api, tenant, session_factory):
    api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"})
    r = refresh(api, tenant)
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["data", "meta"] and body["meta"] == pagination(1)
    item = body["data"][0]
    assert list(item) == COMPANY_USER_KEYS + ["user", "company", "token", "account"]
    assert list(item["company"]) == COMPANY_KEYS[:-1] + FIRST_LOAD_KEYS
    assert [c["name"] for c in item["company"]["clients"]] == ["Acme"]
    system = system_token_of(session_factory, tenant.user.id, tenant.company.id)
    # The item's token is the user's system token, even when the request used an API token.
    assert item["token"]["token"] == system.token


def test_refresh_since_now_leaves_the_timed_collections_empty(api, tenant, session_factory):
    api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"})
    now = int(time.time()) + 2
    company = refresh(api, tenant, f"?updated_at={now}").json()["data"][0]["company"]
    assert company["clients"] == []
    # Upstream does not time-limit users, groups, tokens, activities or system logs.
    assert [u["id"] for u in company["users"]] == [h(tenant.user.id)]
    assert len(company["tokens_hashed"]) == 2
    # 0 (and absent) means everything.
    assert len(refresh(api, tenant, "?updated_at=0").json()["data"][0]["company"]["clients"]) == 1
    # In the body too.
    assert refresh(api, tenant, json={"updated_at": now}).json()["data"][0]["company"]["clients"] == []


def test_refresh_of_a_large_company_defaults_to_now(api, tenant, session_factory):
    api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"})
    with session_factory() as s:
        s.get(Company, tenant.company.id).is_large = True
        s.commit()
    assert refresh(api, tenant).json()["data"][0]["company"]["clients"] == []
    assert refresh(api, tenant, "?updated_at=1").json()["data"][0]["company"]["clients"] != []


def test_current_company_restricts_to_the_tokens_company(api, tenant):
    created = api.post("/api/v1/companies", headers=tenant.headers, json={"name": "Second Co"})
    assert created.status_code == 200
    everything = refresh(api, tenant).json()
    assert [i["company"]["settings"]["name"] for i in everything["data"]] == ["Demo Company", "Second Co"]
    only = refresh(api, tenant, "?current_company=true").json()
    assert only["meta"] == pagination(1)
    assert [i["company"]["id"] for i in only["data"]] == [h(tenant.company.id)]
    # Only the string "true" (or JSON true) counts.
    assert len(refresh(api, tenant, "?current_company=1").json()["data"]) == 2
    assert len(refresh(api, tenant, json={"current_company": True}).json()["data"]) == 1


def test_refresh_needs_a_token(api, tenant):
    r = api.post("/api/v1/refresh")
    assert r.status_code == 403 and r.json() == INVALID_TOKEN


def test_logout_rotates_the_companys_system_tokens_only(api, tenant, other_tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    member_login = api.post("/api/v1/login", json={"email": "member@example.com", "password": "Password0"})
    member_system = member_login.json()["data"][0]["token"]["token"]
    owner_system = system_token_of(session_factory, tenant.user.id, tenant.company.id).token
    theirs = system_token_of(session_factory, other_tenant.user.id, other_tenant.company.id).token

    r = api.post("/api/v1/logout", headers={"X-API-TOKEN": owner_system})
    assert r.status_code == 200
    assert r.json() == {"message": "All tokens deleted"}

    # Every system token of the company is rotated, the caller's and other users' alike.
    for old in (owner_system, member_system):
        gone = api.get("/api/v1/ping", headers={"X-API-TOKEN": old})
        assert gone.status_code == 403 and gone.json() == INVALID_TOKEN
    # User API tokens keep working, and other companies are untouched.
    assert api.get("/api/v1/ping", headers=tenant.headers).status_code == 200
    assert api.get("/api/v1/ping", headers=member["headers"]).status_code == 200
    assert system_token_of(session_factory, other_tenant.user.id, other_tenant.company.id).token == theirs

    fresh = system_token_of(session_factory, tenant.user.id, tenant.company.id).token
    assert fresh != owner_system and len(fresh) == 64
    again = api.post("/api/v1/login", json={"email": "demo@example.com", "password": "Password0"})
    assert again.json()["data"][0]["token"]["token"] == fresh
    assert api.get("/api/v1/ping", headers={"X-API-TOKEN": fresh}).status_code == 200


def test_logout_leaves_archived_system_tokens_alone(api, tenant, session_factory):
    from ninja_api.models import CompanyToken

    old = system_token_of(session_factory, tenant.user.id, tenant.company.id)
    with session_factory() as s:
        s.get(CompanyToken, old.id).deleted_at = s.get(Company, tenant.company.id).created_at
        s.commit()
    api.post("/api/v1/login", json={"email": "demo@example.com", "password": "Password0"})
    assert api.post("/api/v1/logout", headers=tenant.headers).status_code == 200
    with session_factory() as s:
        assert s.get(CompanyToken, old.id).token == old.token
    listed = {t["id"]: t["token"] for t in api.get("/api/v1/tokens", headers=tenant.headers).json()["data"]}
    assert listed[h(old.id)] == old.token[:10] + "xxxxxxxxxxx"


def test_logout_needs_a_token(api, tenant):
    r = api.post("/api/v1/logout")
    assert r.status_code == 403 and r.json() == INVALID_TOKEN
