"""POST /api/v1/login: upstream's LoginController::apiLogin, api_secret_check and login throttle."""

import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from ninja_api.app import create_app
from ninja_api.auth.service import totp_matches
from ninja_api.models import Account, Client, Company, CompanyToken, CompanyUser, ThrottleHit, User
from tests.auth.helpers import (
    ACCOUNT_KEYS, ALNUM64, COMPANY_KEYS, COMPANY_USER_KEYS, FIRST_LOAD_KEYS, MINI_LOAD_KEYS, PASSWORD,
    TOKEN_KEYS, USER_KEYS, add_member, h, pagination, system_token_of,
)

CREDENTIALS = {"email": "demo@example.com", "password": PASSWORD}
BAD_CREDENTIALS = {"message": "These credentials do not match our records"}


def login(api, body=None, **kwargs):
    return api.post("/api/v1/login", json=CREDENTIALS if body is None else body, **kwargs)


@pytest.fixture
def secret_api(settings, session_factory):
    return TestClient(create_app(settings.model_copy(update={"api_secret": "s3cret"}), session_factory))


def test_login_answers_a_company_user_list_with_user_company_token_account(api, tenant, session_factory):
    r = login(api)
    assert r.status_code == 200
    assert r.headers["x-api-version"] == "5.0.16"
    body = r.json()
    assert list(body) == ["data", "meta"]
    assert body["meta"] == pagination(1)
    item = body["data"][0]
    assert list(item) == COMPANY_USER_KEYS + ["user", "company", "token", "account"]
    assert {k: item[k] for k in ("permissions", "notifications", "settings", "react_settings", "is_owner",
                                 "is_admin", "is_locked", "archived_at", "ninja_portal_url")} == {
        "permissions": "", "notifications": {"email": ["all_notifications"]}, "settings": {}, "react_settings": {},
        "is_owner": True, "is_admin": True, "is_locked": False, "archived_at": 0, "ninja_portal_url": "",
    }

    user = item["user"]
    assert list(user) == USER_KEYS + ["company_user"]
    assert list(user["company_user"]) == COMPANY_USER_KEYS
    assert {k: user[k] for k in ("id", "first_name", "last_name", "email", "archived_at", "is_deleted", "phone",
                                 "google_2fa_secret", "has_password", "oauth_user_token", "language_id",
                                 "user_logged_in_notification", "referral_meta")} == {
        "id": h(tenant.user.id), "first_name": "Demo", "last_name": "User", "email": "demo@example.com",
        "archived_at": 0, "is_deleted": False, "phone": "", "google_2fa_secret": False, "has_password": True,
        "oauth_user_token": "", "language_id": "", "user_logged_in_notification": True,
        "referral_meta": {"free": 0, "pro": 0, "enterprise": 0},
    }
    assert isinstance(user["email_verified_at"], int) and user["last_login"] >= int(time.time()) - 60

    # The token clients store: the (user, company) system token, in full.
    system = system_token_of(session_factory, tenant.user.id, tenant.company.id)
    token = item["token"]
    assert list(token) == TOKEN_KEYS
    assert token["token"] == system.token and ALNUM64.fullmatch(token["token"])
    assert {k: token[k] for k in ("id", "user_id", "name", "is_system", "archived_at", "is_deleted")} == {
        "id": h(system.id), "user_id": h(tenant.user.id), "name": "Demo User", "is_system": True,
        "archived_at": 0, "is_deleted": False,
    }

    account = item["account"]
    assert list(account) == ACCOUNT_KEYS
    assert account["id"] == h(tenant.account.id)
    assert account["default_company_id"] == h(tenant.company.id)
    assert account["default_url"] == "https://ninja.test"
    assert account["is_hosted"] is False

    company = item["company"]
    assert list(company) == COMPANY_KEYS[:-1] + FIRST_LOAD_KEYS
    assert company["id"] == h(tenant.company.id)
    assert company["settings"]["name"] == "Demo Company"
    # users carry their company_user; tokens are masked.
    assert [u["id"] for u in company["users"]] == [h(tenant.user.id)]
    assert list(company["users"][0]) == USER_KEYS + ["company_user"]
    assert company["users"][0]["company_user"]["is_owner"] is True
    assert [t["token"] for t in company["tokens_hashed"]] == [system.token[:10] + "xxxxxxxxxxx", "a" * 10 + "x" * 11]
    assert all(list(t) == TOKEN_KEYS for t in company["tokens_hashed"])
    assert company["clients"] == [] and company["documents"] == []


def test_the_login_token_authenticates(api, tenant):
    token = login(api).json()["data"][0]["token"]["token"]
    r = api.get("/api/v1/ping", headers={"X-API-TOKEN": token})
    assert r.status_code == 200


def test_wrong_password_or_unknown_email_is_401(api, tenant):
    for body in ({"email": "demo@example.com", "password": "wrong"}, {"email": "nobody@example.com", "password": PASSWORD},
                 {"email": "demo@example.com", "password": PASSWORD + " "}):
        r = login(api, body)
        assert r.status_code == 401, body
        assert r.json() == BAD_CREDENTIALS
        assert r.headers["x-app-version"] == "5.11.48" and r.headers["x-api-version"] == "5.0.16"


def test_email_is_matched_without_regard_to_case(api, tenant):
    assert login(api, {"email": "  DEMO@Example.com ", "password": PASSWORD}).status_code == 200


def test_missing_fields_are_a_422(api, tenant):
    r = login(api, {})
    assert r.status_code == 422
    assert r.json() == {"message": "The given data was invalid.", "errors": {
        "email": ["The email field is required."], "password": ["The password field is required."]}}
    r = login(api, {"email": "demo@example.com", "password": ""})
    assert r.json() == {"message": "The given data was invalid.", "errors": {"password": ["The password field is required."]}}
    r = login(api, {"email": "demo@example.com", "password": "x" * 1001})
    assert r.status_code == 422
    assert r.json()["errors"] == {"password": ["The password must not be greater than 1000 characters."]}


def test_form_encoded_login(api, tenant):
    r = api.post("/api/v1/login", data=CREDENTIALS)
    assert r.status_code == 200 and r.json()["data"][0]["user"]["email"] == "demo@example.com"


def test_the_sixth_attempt_within_a_minute_is_throttled(api, tenant):
    wrong = {"email": "Demo@example.com", "password": "wrong"}
    for _ in range(5):
        assert login(api, wrong).json() == BAD_CREDENTIALS
    # Counted per lower-cased email and IP; even the right password is refused now.
    for body in (wrong, CREDENTIALS):
        r = login(api, body)
        assert r.status_code == 401
        assert r.json() == {"message": "Too many login attempts, you are being throttled"}
        assert r.headers["x-api-version"] == "5.0.16"
    assert login(api, {"email": "other@example.com", "password": "x"}).json() == BAD_CREDENTIALS


def test_a_success_does_not_reset_the_failure_count(api, tenant):
    wrong = {"email": "demo@example.com", "password": "wrong"}
    for _ in range(4):
        login(api, wrong)
    assert login(api).status_code == 200
    assert login(api, wrong).json() == BAD_CREDENTIALS
    assert login(api).json() == {"message": "Too many login attempts, you are being throttled"}


def test_api_secret(secret_api, tenant):
    for headers in ({}, {"X-API-SECRET": "wrong"}, {"X-API-SECRET": ""}):
        r = secret_api.post("/api/v1/login", json=CREDENTIALS, headers=headers)
        assert r.status_code == 403, headers
        assert r.json() == {"message": "Invalid secret", "errors": {}}
        assert r.headers["x-app-version"] == "5.11.48" and r.headers["x-minimum-client-version"] == "5.0.16"
    # The secret is checked before validation.
    assert secret_api.post("/api/v1/login", json={}).status_code == 403
    ok = secret_api.post("/api/v1/login", json=CREDENTIALS, headers={"X-API-SECRET": "s3cret"})
    assert ok.status_code == 200
    # Only login-type routes check it; token routes do not.
    assert secret_api.get("/api/v1/ping", headers=tenant.headers).status_code == 200


def test_without_a_configured_secret_any_header_passes(api, tenant):
    assert login(api, headers={"X-API-SECRET": "anything"}).status_code == 200


def test_an_api_token_header_is_ignored_on_login(api, tenant):
    r = login(api, headers={"X-API-TOKEN": "not-a-token"})
    assert r.status_code == 200


def test_login_creates_missing_system_tokens(api, tenant, session_factory):
    with session_factory() as s:
        s.get(CompanyToken, system_token_of(session_factory, tenant.user.id, tenant.company.id).id).deleted_at = \
            s.get(Company, tenant.company.id).created_at
        s.commit()
    token = login(api).json()["data"][0]["token"]
    assert token["is_system"] is True and token["name"] == "Demo User" and ALNUM64.fullmatch(token["token"])
    with session_factory() as s:
        live = s.scalars(select(CompanyToken).where(CompanyToken.user_id == tenant.user.id,
                                                    CompanyToken.is_system.is_(True),
                                                    CompanyToken.deleted_at.is_(None))).all()
        assert [t.token for t in live] == [token["token"]]


def test_new_system_tokens_are_named_first_space_last_untrimmed(api, tenant, session_factory):
    with session_factory() as s:
        s.get(User, tenant.user.id).last_name = None
        s.get(CompanyToken, system_token_of(session_factory, tenant.user.id, tenant.company.id).id).deleted_at = \
            s.get(Company, tenant.company.id).created_at
        s.commit()
    assert login(api).json()["data"][0]["token"]["name"] == "Demo "


def test_a_lost_default_company_falls_back_to_the_first(api, tenant, session_factory):
    with session_factory() as s:
        s.get(Account, tenant.account.id).default_company_id = None
        s.commit()
    assert login(api).json()["data"][0]["account"]["default_company_id"] == h(tenant.company.id)


def test_a_user_in_no_company(api, tenant, session_factory):
    member = add_member(session_factory, tenant, "lonely@example.com", "q" * 64)
    with session_factory() as s:
        s.delete(s.get(CompanyUser, member["link_id"]))
        s.commit()
    r = login(api, {"email": "lonely@example.com", "password": PASSWORD})
    assert r.status_code == 400
    assert r.json() == {"message": "User found, but not attached to any companies, please see your administrator"}


def test_an_archived_user_cannot_log_in(api, tenant, session_factory):
    with session_factory() as s:
        s.get(User, tenant.user.id).deleted_at = s.get(Company, tenant.company.id).created_at
        s.commit()
    assert login(api).json() == BAD_CREDENTIALS


def _totp(secret: str) -> str:
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret)
    digest = hmac.new(key, struct.pack(">Q", int(time.time() // 30)), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset:offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


def test_two_factor_users_need_a_one_time_password(api, tenant, session_factory):
    secret = "JBSWY3DPEHPK3PXP"
    with session_factory() as s:
        s.get(User, tenant.user.id).google_2fa_secret = secret
        s.commit()
    invalid = {"message": "Invalid one time password"}
    for extra in ({}, {"one_time_password": ""}, {"one_time_password": "000000" if _totp(secret) != "000000" else "111111"}):
        r = login(api, {**CREDENTIALS, **extra})
        assert r.status_code == 401 and r.json() == invalid, extra
    r = login(api, {**CREDENTIALS, "one_time_password": _totp(secret)})
    assert r.status_code == 200
    assert r.json()["data"][0]["user"]["google_2fa_secret"] is True


def test_totp_known_vector():
    # RFC 6238 SHA1 vector, secret "12345678901234567890", T = 59 s.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
    assert totp_matches(secret, "287082", now=59)
    assert not totp_matches(secret, "287083", now=59)
    assert not totp_matches(secret, "287082", now=59 + 120)


def test_every_company_of_the_user_in_id_order(api, tenant, session_factory):
    second = api.post("/api/v1/companies", headers=tenant.headers, json={"name": "Second Co"})
    assert second.status_code == 200
    data = login(api).json()
    assert data["meta"] == pagination(2)
    names = [item["company"]["settings"]["name"] for item in data["data"]]
    assert names == ["Demo Company", "Second Co"]
    # Each item has its own company's system token.
    tokens = [item["token"]["token"] for item in data["data"]]
    assert len(set(tokens)) == 2
    paged = api.post("/api/v1/login?per_page=1", json=CREDENTIALS).json()
    assert paged["meta"]["pagination"] == {"total": 2, "count": 1, "per_page": 1, "current_page": 1,
                                           "total_pages": 2, "links": {"next": "http://testserver/api/v1/login?page=2"}}
    assert [i["company"]["settings"]["name"] for i in paged["data"]] == ["Demo Company"]


def test_include_is_ignored_and_created_at_limits_collections(api, tenant, session_factory):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme"})
    assert r.status_code == 200
    company = login(api, headers={}, params={"include": "nothing"}).json()["data"][0]["company"]
    assert [c["name"] for c in company["clients"]] == ["Acme"]
    assert list(company["clients"][0])[-4:] == ["contacts", "documents", "gateway_tokens", "locations"]
    later = int(time.time()) + 3600
    company = api.post(f"/api/v1/login?created_at={later}", json=CREDENTIALS).json()["data"][0]["company"]
    assert company["clients"] == []
    assert [u["id"] for u in company["users"]] == [h(tenant.user.id)]


def test_a_large_default_company_gets_the_mini_load(api, tenant, session_factory):
    with session_factory() as s:
        s.get(Company, tenant.company.id).is_large = True
        s.commit()
    company = login(api).json()["data"][0]["company"]
    assert list(company) == COMPANY_KEYS[:-1] + MINI_LOAD_KEYS
    assert company["is_large"] is True


def test_restricted_users_see_only_their_own_clients_on_login(api, tenant, session_factory):
    api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Owner's"})
    member = add_member(session_factory, tenant, "clerk@example.com", "c" * 64, permissions="create_client")
    mine = api.post("/api/v1/clients", headers=member["headers"], json={"name": "Clerk's"})
    assert mine.status_code == 200
    company = login(api, {"email": "clerk@example.com", "password": PASSWORD}).json()["data"][0]["company"]
    assert [c["name"] for c in company["clients"]] == ["Clerk's"]
    # The owner sees both.
    assert [c["name"] for c in login(api).json()["data"][0]["company"]["clients"]] == ["Owner's", "Clerk's"]
    with session_factory() as s:
        assert s.scalar(select(Client.id).where(Client.name == "Clerk's")) is not None


def test_wrong_one_time_passwords_are_throttled_like_passwords(api, tenant, session_factory):
    secret = "JBSWY3DPEHPK3PXP"
    with session_factory() as s:
        s.get(User, tenant.user.id).google_2fa_secret = secret
        s.commit()
    wrong = "000000" if _totp(secret) != "000000" else "111111"
    for _ in range(5):
        assert login(api, {**CREDENTIALS, "one_time_password": wrong}).json() == {"message": "Invalid one time password"}
    r = login(api, {**CREDENTIALS, "one_time_password": _totp(secret)})
    assert (r.status_code, r.json()) == (401, {"message": "Too many login attempts, you are being throttled"})


def test_two_server_processes_share_the_login_throttle(settings, session_factory, tenant):
    # Two apps over one database stand for two workers: neither keeps the count in its memory.
    first, second = TestClient(create_app(settings, session_factory)), TestClient(create_app(settings, session_factory))
    wrong = {"email": "demo@example.com", "password": "wrong"}
    for client in (first, second, first, second, first):
        assert login(client, wrong).json() == BAD_CREDENTIALS
    assert login(second, CREDENTIALS).json() == {"message": "Too many login attempts, you are being throttled"}


def test_the_api_secret_is_required_when_configured(settings, session_factory, tenant):
    client = TestClient(create_app(settings.model_copy(update={"api_secret": "s3cret"}), session_factory))
    for headers in ({}, {"X-API-SECRET": "s3cre"}, {"X-API-SECRET": "s3cret!"}):
        r = login(client, CREDENTIALS, headers=headers)
        assert (r.status_code, r.json()) == (403, {"message": "Invalid secret", "errors": {}})
    assert login(client, CREDENTIALS, headers={"X-API-SECRET": "s3cret"}).status_code == 200


def test_with_redis_the_throttle_counts_there_for_every_process(settings, session_factory, tenant):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/7"
    try:
        redis.Redis.from_url(url).ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    key = "ninja:throttle:login:demo@example.com|testclient"
    redis.Redis.from_url(url).delete(key)
    configured = settings.model_copy(update={"redis_url": url})
    first, second = TestClient(create_app(configured, session_factory)), TestClient(create_app(configured, session_factory))
    try:
        wrong = {"email": "Demo@example.com", "password": "wrong"}
        for client in (first, second, first, second, first):
            assert login(client, wrong).json() == BAD_CREDENTIALS
        assert login(second, CREDENTIALS).json() == {"message": "Too many login attempts, you are being throttled"}
        assert redis.Redis.from_url(url).zcard(key) == 5
        with session_factory() as s:
            assert s.scalars(select(ThrottleHit)).all() == []
    finally:
        redis.Redis.from_url(url).delete(key)


def test_a_redis_that_does_not_answer_leaves_the_count_to_the_database(settings, session_factory, tenant):
    configured = settings.model_copy(update={"redis_url": "redis://127.0.0.1:9/0"})  # nothing listens on 9
    api = TestClient(create_app(configured, session_factory))
    for _ in range(5):
        assert login(api, {"email": "demo@example.com", "password": "wrong"}).json() == BAD_CREDENTIALS
    assert login(api, CREDENTIALS).json() == {"message": "Too many login attempts, you are being throttled"}
    with session_factory() as s:
        assert len(s.scalars(select(ThrottleHit)).all()) == 5
