"""/api/v1/tokens against upstream's TokenController, requests, filters and transformers."""

import base64

from tests.auth.helpers import (
    ALNUM64, INVALID_PASSWORD, INVALID_TOKEN, TOKEN_KEYS, UNAUTHORIZED, add_member, h, pagination,
    system_token_of, with_password,
)

API_TOKEN = "a" * 64


def _tokens(tenant, session_factory):
    """(system token row, API token row) of the tenant's owner."""
    system = system_token_of(session_factory, tenant.user.id, tenant.company.id)
    from tests.auth.helpers import token_row

    return system, token_row(session_factory, API_TOKEN)


def _stable(item: dict) -> dict:
    assert isinstance(item["created_at"], int) and item["created_at"] > 1_600_000_000
    assert isinstance(item["updated_at"], int) and item["updated_at"] > 1_600_000_000
    return {k: v for k, v in item.items() if k not in ("created_at", "updated_at")}


def test_list_masks_every_token(api, tenant, session_factory):
    system, api_token = _tokens(tenant, session_factory)
    r = api.get("/api/v1/tokens", headers=tenant.headers)
    assert r.status_code == 200
    body = r.json()
    assert list(body) == ["data", "meta"]
    assert body["meta"] == pagination(2)
    assert [list(t) for t in body["data"]] == [TOKEN_KEYS, TOKEN_KEYS]
    assert [_stable(t) for t in body["data"]] == [
        {"id": h(system.id), "user_id": h(tenant.user.id), "token": system.token[:10] + "xxxxxxxxxxx",
         "name": "Demo User", "is_system": True, "archived_at": 0, "is_deleted": False},
        {"id": h(api_token.id), "user_id": h(tenant.user.id), "token": "aaaaaaaaaaxxxxxxxxxxx",
         "name": "API Token", "is_system": False, "archived_at": 0, "is_deleted": False},
    ]


def test_show_gives_the_whole_token_and_edit_the_masked_one(api, tenant, session_factory):
    _, api_token = _tokens(tenant, session_factory)
    shown = api.get(f"/api/v1/tokens/{h(api_token.id)}", headers=tenant.headers)
    assert shown.status_code == 200
    assert list(shown.json()) == ["data"]
    assert list(shown.json()["data"]) == TOKEN_KEYS
    assert _stable(shown.json()["data"]) == {
        "id": h(api_token.id), "user_id": h(tenant.user.id), "token": API_TOKEN, "name": "API Token",
        "is_system": False, "archived_at": 0, "is_deleted": False,
    }
    edited = api.get(f"/api/v1/tokens/{h(api_token.id)}/edit", headers=tenant.headers)
    assert edited.status_code == 200
    assert edited.json()["data"]["token"] == "aaaaaaaaaaxxxxxxxxxxx"
    assert {k: v for k, v in edited.json()["data"].items() if k != "token"} == \
        {k: v for k, v in shown.json()["data"].items() if k != "token"}


def test_create_requires_a_name(api, tenant):
    for body in ({}, {"name": ""}, {"name": "   "}, {"name": None}):
        r = api.post("/api/v1/tokens", headers=with_password(tenant.headers), json=body)
        assert r.status_code == 422, body
        assert r.json() == {"message": "The given data was invalid.", "errors": {"name": ["The name field is required."]}}


def test_create_shows_the_new_token_once_and_it_authenticates(api, tenant, session_factory):
    r = api.post("/api/v1/tokens", headers=with_password(tenant.headers), json={"name": "  Zapier  ", "is_system": True})
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == TOKEN_KEYS
    assert ALNUM64.fullmatch(data["token"])
    # Only `name` is writable: a sent is_system is ignored, and the name is trimmed.
    assert {k: data[k] for k in ("user_id", "name", "is_system", "archived_at", "is_deleted")} == {
        "user_id": h(tenant.user.id), "name": "Zapier", "is_system": False, "archived_at": 0, "is_deleted": False,
    }
    listed = api.get("/api/v1/tokens", headers=tenant.headers).json()["data"]
    assert [t["token"] for t in listed][-1] == data["token"][:10] + "xxxxxxxxxxx"
    assert api.get(f"/api/v1/tokens/{data['id']}", headers=tenant.headers).json()["data"]["token"] == data["token"]
    ping = api.get("/api/v1/ping", headers={"X-API-TOKEN": data["token"]})
    assert ping.status_code == 200


def test_create_accepts_a_form_body(api, tenant):
    r = api.post("/api/v1/tokens", headers=with_password(tenant.headers), data={"name": "From PHP"})
    assert r.status_code == 200
    assert r.json()["data"]["name"] == "From PHP"


def test_store_and_update_are_password_protected(api, tenant, session_factory):
    _, api_token = _tokens(tenant, session_factory)
    for method, path in (("post", "/api/v1/tokens"), ("put", f"/api/v1/tokens/{h(api_token.id)}")):
        # The password check runs before validation: no name and no password is a 412.
        assert getattr(api, method)(path, headers=tenant.headers, json={}).json() == INVALID_PASSWORD
        wrong = getattr(api, method)(path, headers=with_password(tenant.headers, "nope"), json={"name": "x"})
        assert wrong.status_code == 412 and wrong.json() == INVALID_PASSWORD
    encoded = base64.b64encode(b"Password0").decode()
    r = api.post("/api/v1/tokens", headers={**tenant.headers, "X-API-PASSWORD-BASE64": encoded}, json={"name": "B64"})
    assert r.status_code == 200
    # Once confirmed, the password is remembered for the company's password timeout.
    again = api.post("/api/v1/tokens", headers=tenant.headers, json={"name": "No header"})
    assert again.status_code == 200


def test_update_renames_and_answers_with_the_masked_token(api, tenant, session_factory):
    _, api_token = _tokens(tenant, session_factory)
    r = api.put(f"/api/v1/tokens/{h(api_token.id)}", headers=with_password(tenant.headers), json={"name": "Renamed"})
    assert r.status_code == 200
    assert _stable(r.json()["data"]) == {
        "id": h(api_token.id), "user_id": h(tenant.user.id), "token": "aaaaaaaaaaxxxxxxxxxxx", "name": "Renamed",
        "is_system": False, "archived_at": 0, "is_deleted": False,
    }
    missing = api.put(f"/api/v1/tokens/{h(api_token.id)}", headers=with_password(tenant.headers), json={})
    assert missing.status_code == 422
    assert missing.json()["errors"] == {"name": ["The name field is required."]}
    # PATCH is the same route.
    patched = api.patch(f"/api/v1/tokens/{h(api_token.id)}", headers=with_password(tenant.headers), json={"name": "P"})
    assert patched.status_code == 200 and patched.json()["data"]["name"] == "P"


def test_update_turns_a_system_token_into_a_user_token(api, tenant, session_factory):
    # Quirk kept: upstream's repository saves every token with is_system = false.
    system, _ = _tokens(tenant, session_factory)
    r = api.put(f"/api/v1/tokens/{h(system.id)}", headers=with_password(tenant.headers), json={"name": "Mine"})
    assert r.status_code == 200
    assert r.json()["data"]["is_system"] is False
    assert api.get("/api/v1/tokens?is_system=true", headers=tenant.headers).json()["data"] == []


def test_update_of_a_deleted_token_is_refused_after_validation(api, tenant, session_factory):
    created = api.post("/api/v1/tokens", headers=with_password(tenant.headers), json={"name": "Old"}).json()["data"]
    api.post("/api/v1/tokens/bulk", headers=tenant.headers, json={"action": "delete", "ids": [created["id"]]})
    r = api.put(f"/api/v1/tokens/{created['id']}", headers=tenant.headers, json={"name": "New"})
    assert r.status_code == 400
    assert r.json() == {"message": "Record is deleted and cannot be edited. Restore the record to enable editing"}
    assert api.put(f"/api/v1/tokens/{created['id']}", headers=tenant.headers, json={}).status_code == 422


def test_delete_soft_deletes_and_the_token_stops_working(api, tenant, session_factory):
    created = api.post("/api/v1/tokens", headers=with_password(tenant.headers), json={"name": "Temp"}).json()["data"]
    assert api.get("/api/v1/ping", headers={"X-API-TOKEN": created["token"]}).status_code == 200
    r = api.delete(f"/api/v1/tokens/{created['id']}", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == TOKEN_KEYS
    assert data["token"] == created["token"][:10] + "xxxxxxxxxxx"
    # Upstream's destroy is Eloquent's soft delete: archived, but is_deleted stays false.
    assert data["archived_at"] >= created["created_at"] and data["archived_at"] > 0
    assert data["is_deleted"] is False
    gone = api.get("/api/v1/ping", headers={"X-API-TOKEN": created["token"]})
    assert gone.status_code == 403 and gone.json() == INVALID_TOKEN
    # The row still resolves by id (archived rows do).
    assert api.get(f"/api/v1/tokens/{created['id']}", headers=tenant.headers).json()["data"]["archived_at"] > 0


def test_bulk_archive_restore_delete(api, tenant, session_factory):
    created = api.post("/api/v1/tokens", headers=with_password(tenant.headers), json={"name": "Bulk"}).json()["data"]
    other = {"X-API-TOKEN": created["token"]}

    archived = api.post("/api/v1/tokens/bulk", headers=tenant.headers, json={"action": "archive", "ids": [created["id"]]})
    assert archived.status_code == 200
    body = archived.json()
    assert list(body) == ["data", "meta"] and body["meta"] == pagination(1)
    item = body["data"][0]
    assert list(item) == TOKEN_KEYS
    assert item["token"] == created["token"][:10] + "xxxxxxxxxxx"
    assert item["archived_at"] > 0 and item["is_deleted"] is False
    assert api.get("/api/v1/ping", headers=other).json() == INVALID_TOKEN

    restored = api.post("/api/v1/tokens/bulk", headers=tenant.headers, json={"action": "restore", "ids": [created["id"]]})
    assert restored.json()["data"][0]["archived_at"] == 0
    assert api.get("/api/v1/ping", headers=other).status_code == 200

    deleted = api.post("/api/v1/tokens/bulk", headers=tenant.headers, json={"action": "delete", "ids": [created["id"]]})
    assert deleted.json()["data"][0]["is_deleted"] is True and deleted.json()["data"][0]["archived_at"] > 0
    assert api.get("/api/v1/ping", headers=other).status_code == 403
    statuses = api.get("/api/v1/tokens?status=deleted", headers=tenant.headers).json()["data"]
    assert [t["id"] for t in statuses] == [created["id"]]


def test_bulk_with_an_unknown_action_changes_nothing(api, tenant, session_factory):
    _, api_token = _tokens(tenant, session_factory)
    r = api.post("/api/v1/tokens/bulk", headers=tenant.headers, json={"action": "explode", "ids": [h(api_token.id)]})
    assert r.status_code == 200
    assert [(t["id"], t["archived_at"], t["is_deleted"]) for t in r.json()["data"]] == [(h(api_token.id), 0, False)]


def test_bulk_accepts_a_form_body(api, tenant, session_factory):
    _, api_token = _tokens(tenant, session_factory)
    r = api.post("/api/v1/tokens/bulk", headers=tenant.headers, data={"action": "archive", "ids[0]": h(api_token.id)})
    # The caller's own token was archived by its own request; the answer still comes back.
    assert r.status_code == 200 and r.json()["data"][0]["archived_at"] > 0
    assert api.get("/api/v1/tokens", headers=tenant.headers).status_code == 403


def test_blank_token(api, tenant):
    r = api.get("/api/v1/tokens/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == TOKEN_KEYS
    assert ALNUM64.fullmatch(data["token"])
    assert {k: v for k, v in data.items() if k != "token"} == {
        "id": "", "user_id": h(tenant.user.id), "name": "", "is_system": False, "updated_at": 0,
        "archived_at": 0, "created_at": 0, "is_deleted": False,
    }
    # Nothing was stored.
    assert len(api.get("/api/v1/tokens", headers=tenant.headers).json()["data"]) == 2


def test_filters(api, tenant, session_factory):
    system, api_token = _tokens(tenant, session_factory)

    def listed(query: str) -> list[str]:
        r = api.get(f"/api/v1/tokens?{query}", headers=tenant.headers)
        assert r.status_code == 200
        return [t["id"] for t in r.json()["data"]]

    assert listed("filter=api") == [h(api_token.id)]
    assert listed("filter=DEMO") == [h(system.id)]
    assert listed("filter=nothing") == []
    assert listed("is_system=true") == [h(system.id)]
    assert listed("is_system=false") == [h(api_token.id)]
    # Upstream: `value == 'false' ? false : true`, and a present but empty value means 'false'.
    assert listed("is_system=") == [h(api_token.id)]
    assert listed("is_system=0") == [h(system.id)]
    assert listed("sort=name|desc") == [h(system.id), h(api_token.id)]
    assert listed("sort=name|asc") == [h(api_token.id), h(system.id)]


def test_another_companys_tokens_are_unauthorized(api, tenant, other_tenant, session_factory):
    theirs = system_token_of(session_factory, other_tenant.user.id, other_tenant.company.id)
    hashed = h(theirs.id)
    for method, path, kwargs in (
        ("get", f"/api/v1/tokens/{hashed}", {}),
        ("get", f"/api/v1/tokens/{hashed}/edit", {}),
        ("put", f"/api/v1/tokens/{hashed}", {"json": {"name": "x"}}),
        ("delete", f"/api/v1/tokens/{hashed}", {}),
    ):
        r = getattr(api, method)(path, headers=with_password(tenant.headers), **kwargs)
        assert r.status_code == 401, (method, path)
        assert r.json() == UNAUTHORIZED
    bulk = api.post("/api/v1/tokens/bulk", headers=tenant.headers, json={"action": "archive", "ids": [hashed]})
    assert bulk.status_code == 200 and bulk.json()["data"] == []
    assert api.get("/api/v1/ping", headers=other_tenant.headers).status_code == 200
    theirs_listed = [t["id"] for t in api.get("/api/v1/tokens", headers=other_tenant.headers).json()["data"]]
    assert hashed in theirs_listed
    assert hashed not in [t["id"] for t in api.get("/api/v1/tokens", headers=tenant.headers).json()["data"]]


def test_unknown_ids(api, tenant):
    r = api.get("/api/v1/tokens/5", headers=tenant.headers)
    assert r.status_code == 400 and r.json() == {"message": "Record with value 5 not found"}
    r = api.get(f"/api/v1/tokens/{h(999999)}", headers=tenant.headers)
    assert r.status_code == 400 and r.json() == {"message": "No query results for model [App\\Models\\CompanyToken]."}
    r = api.get("/api/v1/tokens/not-a-hash!", headers=tenant.headers)
    assert r.status_code == 400


def test_token_headers(api, tenant):
    assert api.get("/api/v1/tokens").json() == INVALID_TOKEN
    assert api.get("/api/v1/tokens").status_code == 403
    bad = api.get("/api/v1/tokens", headers={"X-API-TOKEN": "z" * 64})
    assert bad.status_code == 403 and bad.json() == INVALID_TOKEN
    # Header names are case-insensitive, and the legacy X-Ninja-Token header is accepted too.
    assert api.get("/api/v1/tokens", headers={"x-api-token": tenant.token}).status_code == 200
    assert api.get("/api/v1/tokens", headers={"X-Ninja-Token": tenant.token}).status_code == 200


def test_a_non_admin_sees_own_tokens_and_may_not_manage_them(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "member@example.com", "m" * 64)
    listed = api.get("/api/v1/tokens", headers=member["headers"])
    assert listed.status_code == 200
    assert [t["id"] for t in listed.json()["data"]] == [h(member["token_id"])]
    for method, path in (("get", "/api/v1/tokens/create"), ("get", f"/api/v1/tokens/{h(member['token_id'])}"),
                         ("get", f"/api/v1/tokens/{h(member['token_id'])}/edit"),
                         ("delete", f"/api/v1/tokens/{h(member['token_id'])}")):
        r = getattr(api, method)(path, headers=member["headers"])
        assert r.status_code == 401 and r.json() == UNAUTHORIZED, path
    r = api.post("/api/v1/tokens", headers=with_password(member["headers"]), json={"name": "x"})
    assert r.status_code == 401 and r.json() == UNAUTHORIZED
    # Bulk is open to anyone; each row needs edit rights, and the owner of a token has them.
    r = api.post("/api/v1/tokens/bulk", headers=member["headers"], json={"action": "archive", "ids": [h(member["token_id"])]})
    assert r.status_code == 200 and r.json()["data"][0]["archived_at"] > 0


def test_a_locked_user_cannot_authenticate(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "locked@example.com", "l" * 64)
    from ninja_api.models import CompanyUser

    with session_factory() as s:
        s.get(CompanyUser, member["link_id"]).is_locked = True
        s.commit()
    r = api.get("/api/v1/tokens", headers=member["headers"])
    assert r.status_code == 403 and r.json() == {"message": "User access locked", "errors": {}}
