"""/api/v1/users (list, show) and PUT /api/v1/company_users/{user}."""

from ninja_api.models import CompanyUser, User
from tests.auth.helpers import (
    COMPANY_USER_KEYS, INVALID_PASSWORD, INVALID_TOKEN, UNAUTHORIZED, USER_KEYS, add_member, h, pagination,
    with_password,
)

NO_USER = {"message": "No query results for model [App\\Models\\User]."}


def _user(tenant) -> dict:
    return {
        "id": h(tenant.user.id), "first_name": "Demo", "last_name": "User", "email": "demo@example.com",
        "archived_at": 0, "is_deleted": False, "phone": "", "signature": "", "custom_value1": "",
        "custom_value2": "", "custom_value3": "", "custom_value4": "", "oauth_provider_id": "",
        "last_confirmed_email_address": "", "google_2fa_secret": False, "has_password": True,
        "oauth_user_token": "", "verified_phone_number": False, "language_id": "",
        "user_logged_in_notification": True, "referral_meta": {"free": 0, "pro": 0, "enterprise": 0},
    }


def _stable(user: dict) -> dict:
    for key in ("created_at", "updated_at", "last_login", "email_verified_at"):
        assert isinstance(user[key], int) and user[key] > 1_600_000_000, key
    assert len(user["referral_code"]) == 32
    return {k: v for k, v in user.items()
            if k not in ("created_at", "updated_at", "last_login", "email_verified_at", "referral_code")}


def test_list_users_of_the_company(api, tenant, other_tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    r = api.get("/api/v1/users", headers=tenant.headers)
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["data", "meta"] and body["meta"] == pagination(2)
    assert [list(u) for u in body["data"]] == [USER_KEYS, USER_KEYS]
    assert _stable(body["data"][0]) == _user(tenant)
    assert [u["id"] for u in body["data"]] == [h(tenant.user.id), h(member["user_id"])]
    theirs = api.get("/api/v1/users", headers=other_tenant.headers).json()["data"]
    assert [u["id"] for u in theirs] == [h(other_tenant.user.id)]


def test_list_with_company_user(api, tenant):
    r = api.get("/api/v1/users?include=company_user", headers=tenant.headers)
    user = r.json()["data"][0]
    assert list(user) == USER_KEYS + ["company_user"]
    assert list(user["company_user"]) == COMPANY_USER_KEYS
    assert {k: v for k, v in user["company_user"].items()
            if k not in ("updated_at", "created_at", "permissions_updated_at")} == {
        "permissions": "", "notifications": {"email": ["all_notifications"]}, "settings": {}, "react_settings": {},
        "is_owner": True, "is_admin": True, "is_locked": False, "archived_at": 0, "ninja_portal_url": "",
    }
    both = api.get("/api/v1/users?include=company_user,company_users", headers=tenant.headers).json()["data"][0]
    assert list(both)[-2:] == ["company_users", "company_user"]
    bad = api.get("/api/v1/users?include=nonsense", headers=tenant.headers)
    assert bad.status_code == 400 and bad.json() == {"message": "Relation `nonsense` is not a valid include."}


def test_list_filters(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64, first_name="Zed")

    def listed(query: str) -> list[str]:
        r = api.get(f"/api/v1/users?{query}", headers=tenant.headers)
        assert r.status_code == 200
        return [u["id"] for u in r.json()["data"]]

    assert listed("filter=zed") == [h(member["user_id"])]
    assert listed("filter=DEMO@") == [h(tenant.user.id)]
    assert listed("hideOwnerUsers=") == [h(member["user_id"])]
    assert listed(f"without={h(tenant.user.id)}") == [h(member["user_id"])]
    assert listed("sort=first_name|desc") == [h(member["user_id"]), h(tenant.user.id)]
    with session_factory() as s:
        s.get(CompanyUser, member["link_id"]).deleted_at = s.get(User, tenant.user.id).created_at
        s.commit()
    assert listed("hideRemovedUsers=true") == [h(tenant.user.id)]


def test_a_user_without_view_user_lists_only_themself(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    assert [u["id"] for u in api.get("/api/v1/users", headers=member["headers"]).json()["data"]] == \
        [h(member["user_id"])]
    viewer = add_member(session_factory, tenant, "viewer@example.com", "v" * 64, permissions="view_user")
    assert len(api.get("/api/v1/users", headers=viewer["headers"]).json()["data"]) == 3


def test_show_is_password_protected(api, tenant):
    path = f"/api/v1/users/{h(tenant.user.id)}"
    r = api.get(path, headers=tenant.headers)
    assert r.status_code == 412 and r.json() == INVALID_PASSWORD
    r = api.get(path, headers=with_password(tenant.headers, "wrong"))
    assert r.status_code == 412 and r.json() == INVALID_PASSWORD
    r = api.get(path, headers=with_password(tenant.headers))
    assert r.status_code == 200
    assert list(r.json()) == ["data"] and list(r.json()["data"]) == USER_KEYS
    assert _stable(r.json()["data"]) == _user(tenant)


def test_show_with_company_user(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64, permissions="view_client")
    r = api.get(f"/api/v1/users/{h(member['user_id'])}?include=company_user", headers=with_password(tenant.headers))
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == USER_KEYS + ["company_user"]
    assert data["company_user"]["permissions"] == "view_client"
    assert data["company_user"]["is_admin"] is False
    # Unknown includes are ignored on item routes.
    assert api.get(f"/api/v1/users/{h(member['user_id'])}?include=nonsense",
                   headers=with_password(tenant.headers)).status_code == 200


def test_show_refusals(api, tenant, other_tenant, session_factory):
    headers = with_password(tenant.headers)
    for bad in (h(other_tenant.user.id), h(99999), "5", "not-a-hash"):
        r = api.get(f"/api/v1/users/{bad}", headers=headers)
        assert r.status_code == 400 and r.json() == NO_USER, bad
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    r = api.get(f"/api/v1/users/{h(member['user_id'])}", headers=with_password(member["headers"]))
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    assert api.get(f"/api/v1/users/{h(tenant.user.id)}").json() == INVALID_TOKEN


def test_admin_updates_a_company_user(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    r = api.put(f"/api/v1/company_users/{h(member['user_id'])}", headers=tenant.headers, json={"company_user": {
        "permissions": "view_client,create_invoice", "is_admin": True, "is_locked": "0",
        "settings": {"accent_color": "#000"}, "react_settings": {"show_pdf_preview": True},
        "notifications": {"email": ["invoice_sent_all"]}, "user": {"first_name": "ignored"},
    }, "permissions": "top-level keys are not read"})
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(r.json()) == ["data"] and list(data) == COMPANY_USER_KEYS
    assert {k: v for k, v in data.items() if k not in ("updated_at", "created_at", "permissions_updated_at")} == {
        "permissions": "view_client,create_invoice", "notifications": {"email": ["invoice_sent_all"]},
        "settings": {"accent_color": "#000"}, "react_settings": {"show_pdf_preview": True}, "is_owner": False,
        "is_admin": True, "is_locked": False, "archived_at": 0, "ninja_portal_url": "",
    }
    with session_factory() as s:
        assert s.get(User, member["user_id"]).first_name == "Second"
    shown = api.get(f"/api/v1/company_users/{h(member['user_id'])}", headers=tenant.headers)
    assert shown.status_code == 404
    # Includes on the item answer.
    r = api.put(f"/api/v1/company_users/{h(member['user_id'])}?include=user", headers=tenant.headers,
                json={"company_user": {}})
    assert r.json()["data"]["user"]["id"] == h(member["user_id"])


def test_only_the_nested_company_user_object_is_read(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    r = api.put(f"/api/v1/company_users/{h(member['user_id'])}", headers=tenant.headers,
                json={"is_locked": True, "is_admin": True, "permissions": "edit_all"})
    assert r.status_code == 200
    data = r.json()["data"]
    assert (data["is_locked"], data["is_admin"], data["permissions"]) == (False, False, "")
    assert api.get("/api/v1/ping", headers=member["headers"]).status_code == 200


def test_a_member_may_change_only_their_own_settings_and_notifications(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    r = api.put(f"/api/v1/company_users/{h(member['user_id'])}", headers=member["headers"], json={"company_user": {
        "permissions": "edit_all", "is_admin": True, "settings": {"a": 1}, "notifications": {"email": []},
        "react_settings": {"b": 2},
    }})
    assert r.status_code == 200
    data = r.json()["data"]
    assert (data["permissions"], data["is_admin"], data["settings"], data["notifications"], data["react_settings"]) == \
        ("", False, {"a": 1}, {"email": []}, {"b": 2})
    r = api.put(f"/api/v1/company_users/{h(tenant.user.id)}", headers=member["headers"],
                json={"company_user": {"settings": {}}})
    assert r.status_code == 401 and r.json() == UNAUTHORIZED


def test_company_user_refusals(api, tenant, other_tenant, session_factory):
    r = api.put(f"/api/v1/company_users/{h(other_tenant.user.id)}", headers=tenant.headers, json={"company_user": {}})
    assert r.status_code == 400 and r.json() == NO_USER
    # A user of the same account who is not in this company.
    outsider = api.post("/api/v1/companies", headers=tenant.headers, json={"name": "Second"})
    assert outsider.status_code == 200
    from ninja_api.models import Company
    from sqlalchemy import select

    with session_factory() as s:
        second = s.scalar(select(Company.id).where(Company.account_id == tenant.account.id).order_by(Company.id.desc()))
    stranger = add_member(session_factory, tenant, "stranger@example.com", "s" * 64, company_id=second)
    r = api.put(f"/api/v1/company_users/{h(stranger['user_id'])}", headers=tenant.headers, json={"company_user": {}})
    assert r.status_code == 400 and r.json() == {"message": "Company User record not found"}
    # Upstream has only PUT here.
    r = api.post(f"/api/v1/company_users/{h(tenant.user.id)}", headers=tenant.headers, json={})
    assert r.status_code == 404 and r.json() == {"message": "Method not supported for this route"}
