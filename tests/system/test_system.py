"""GET /api/v1/ping, /health_check and /statics."""

import json
from pathlib import Path

from ninja_api.models import User
from tests.auth.helpers import INVALID_TOKEN

REFERENCE = Path("/work/shared/reference/statics/statics_en.json")


def test_ping(api, tenant, session_factory):
    r = api.get("/api/v1/ping", headers=tenant.headers)
    assert r.status_code == 200
    assert r.json() == {"company_name": "Demo Company", "user_name": "Demo User"}
    assert r.headers["content-type"] == "application/json"
    # A bare object: no envelope. Upstream joins the names with one space and does not trim.
    with session_factory() as s:
        s.get(User, tenant.user.id).last_name = None
        s.commit()
    assert api.get("/api/v1/ping", headers=tenant.headers).json() == {"company_name": "Demo Company", "user_name": "Demo "}


def test_ping_of_an_unnamed_company(api, tenant):
    api.put(f"/api/v1/companies/{__import__('ninja_api').ids.encode(tenant.company.id)}", headers=tenant.headers,
            json={"settings": {"website": "x.com"}})
    assert api.get("/api/v1/ping", headers=tenant.headers).json()["company_name"] == "Untitled Company"


def test_health_check(api, tenant, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "documents_path", str(tmp_path / "documents"))
    r = api.get("/api/v1/health_check", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()
    assert list(data) == [
        "system_health", "extensions", "php_version", "env_writable", "simple_db_check", "cache_enabled",
        "phantom_enabled", "exec", "open_basedir", "mail_mailer", "flutter_renderer", "pdf_engine", "queue",
        "queue_data", "jobs_pending", "trailing_slash", "file_permissions", "exchange_rate_api_not_configured",
        "api_version", "is_docker", "pending_migrations", "checks",
    ]
    assert data["system_health"] is True and data["simple_db_check"] is True
    assert data["checks"] == {"database": {"ok": True, "message": ""}, "queue": {"ok": True, "message": ""},
                              "storage": {"ok": True, "message": ""}}
    # No QUEUE_URL: jobs run in the server, as upstream's `sync` queue.
    assert data["queue"] == "sync" and data["mail_mailer"] == "array"
    assert data["pending_migrations"] is False and data["is_docker"] is False
    assert data["file_permissions"] == "Ok"
    assert data["api_version"] == r.headers["x-app-version"]
    assert data["queue_data"] == {"failed": 0, "pending": 0, "last_error": ""}
    assert [list(e) for e in data["extensions"]] == [["gd"], ["curl"], ["zip"], ["openssl"], ["mbstring"], ["xml"],
                                                     ["bcmath"], ["iconv"]]
    assert list(data["php_version"]) == ["minimum_php_version", "current_php_version", "current_php_cli_version",
                                         "is_okay", "memory_limit"]
    assert data["trailing_slash"] is False


def test_statics(api, tenant):
    r = api.get("/api/v1/statics", headers=tenant.headers)
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/json; charset=utf-8"
    data = r.json()
    reference = json.loads(REFERENCE.read_text())
    assert list(data) == list(reference) == [
        "industries", "countries", "payment_types", "languages", "currencies", "sizes", "datetime_formats",
        "gateways", "timezones", "date_formats", "templates", "bulk_updates",
    ]
    assert data == reference
    assert data["bulk_updates"]["client"] == ["public_notes", "industry_id", "size_id", "country_id",
                                              "custom_value1", "custom_value2", "custom_value3", "custom_value4"]
    assert all(isinstance(c["id"], str) for c in data["countries"])


def test_include_static_embeds_the_same_object(api, tenant):
    r = api.get("/api/v1/companies?include_static=true", headers=tenant.headers)
    assert list(r.json()) == ["data", "meta", "static"]
    assert r.json()["static"] == api.get("/api/v1/statics", headers=tenant.headers).json()


def test_every_system_route_needs_a_token(api):
    for path in ("/api/v1/ping", "/api/v1/health_check", "/api/v1/statics"):
        r = api.get(path)
        assert r.status_code == 403 and r.json() == INVALID_TOKEN, path
        assert api.get(path, headers={"X-API-TOKEN": "nope"}).json() == INVALID_TOKEN
