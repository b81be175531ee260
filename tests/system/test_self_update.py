"""POST /api/v1/self-update/check_version and /self-update: nothing is fetched, nothing is replaced."""

from ninja_api.settings import APP_VERSION
from tests.auth.helpers import INVALID_TOKEN


def test_check_version_answers_our_own_version_as_text(api, tenant):
    r = api.post("/api/v1/self-update/check_version", headers=tenant.headers)
    assert r.status_code == 200
    assert r.text == APP_VERSION
    assert r.headers["content-type"] == "text/html; charset=UTF-8"


def test_check_version_follows_the_configured_version(settings, session_factory, tenant):
    from fastapi.testclient import TestClient

    from ninja_api.app import create_app

    api = TestClient(create_app(settings.model_copy(update={"app_version": "5.12.0 "}), session_factory))
    assert api.post("/api/v1/self-update/check_version", headers=tenant.headers).text == "5.12.0"


def test_self_update_is_not_available(api, tenant):
    r = api.post("/api/v1/self-update", headers=tenant.headers)
    assert (r.status_code, r.json()) == (412, {"message": "Invalid Password", "errors": {}})
    r = api.post("/api/v1/self-update", headers={**tenant.headers, "X-API-PASSWORD": "Password0"})
    assert (r.status_code, r.json()) == (403, {"message": "Self update not available on this system."})


def test_both_need_a_token(api):
    for path in ("/api/v1/self-update/check_version", "/api/v1/self-update"):
        r = api.post(path, headers={"X-API-TOKEN": "nope"})
        assert (r.status_code, r.json()) == (403, INVALID_TOKEN), path
