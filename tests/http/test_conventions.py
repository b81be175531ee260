"""Behaviour every route shares: auth errors, unknown routes, CORS, headers, bad bodies."""


def test_missing_and_invalid_token(api, tenant):
    for headers in ({}, {"X-API-TOKEN": "nope"}):
        r = api.get("/api/v1/clients", headers=headers)
        assert (r.status_code, r.json()) == (403, {"message": "Invalid token", "errors": {}})


def test_legacy_token_header(api, tenant):
    assert api.get("/api/v1/clients", headers={"X-Ninja-Token": tenant.token}).status_code == 200


def test_locked_company_user(api, tenant, session_factory):
    from sqlalchemy import update

    from ninja_api.models import CompanyUser

    with session_factory() as s:
        s.execute(update(CompanyUser).where(CompanyUser.user_id == tenant.user.id).values(is_locked=True))
        s.commit()
    r = api.get("/api/v1/clients", headers=tenant.headers)
    assert (r.status_code, r.json()) == (403, {"message": "User access locked", "errors": {}})


def test_unknown_routes_and_methods(api, tenant):
    r = api.get("/api/v1/nothing_here", headers=tenant.headers)
    assert (r.status_code, r.json()) == (404, {"message": "404 | Nothing to see here!"})
    r = api.put("/api/v1/clients", headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (404, {"message": "Method not supported for this route"})
    r = api.post("/api/v1/nothing_here", headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (404, {"message": "Method not supported for this route"})


def test_preflight_and_cors_headers(api, tenant):
    r = api.options("/api/v1/clients", headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
    assert (r.status_code, r.text) == (200, "OK")
    assert r.headers["access-control-allow-origin"] == "*"
    allowed = r.headers["access-control-allow-headers"].split(",")
    for name in ("X-API-TOKEN", "X-Requested-With", "X-React", "X-API-SECRET", "Content-Type"):
        assert name in allowed
    r = api.get("/api/v1/clients", headers=tenant.headers)
    assert r.headers["access-control-expose-headers"] == "X-APP-VERSION,X-MINIMUM-CLIENT-VERSION,Content-Disposition"
    assert r.headers["x-minimum-client-version"] == "5.0.16"
    assert r.headers["x-api-version"] == "5.0.16"
    assert r.headers["content-type"] == "application/json"
    # Errors carry them too.
    assert api.get("/api/v1/clients").headers["access-control-allow-origin"] == "*"


def test_malformed_json_is_a_400_and_writes_nothing(api, tenant):
    r = api.post("/api/v1/clients", headers={**tenant.headers, "Content-Type": "application/json"}, content=b"{nope")
    assert (r.status_code, r.json()) == (400, {"message": "The request body is not valid JSON."})
    assert api.get("/api/v1/clients", headers=tenant.headers).json()["data"] == []


def test_wrong_types_never_500(api, tenant):
    bodies = [
        {"name": ["a", "b"]}, {"contacts": "x"}, {"contacts": [1, 2]}, {"settings": "x"}, {"country_id": {"a": 1}},
        {"group_settings_id": 5}, {"assigned_user_id": ["x"]}, {"classification": "alien"}, {"number": {"x": 1}},
    ]
    for body in bodies:
        r = api.post("/api/v1/clients", headers=tenant.headers, json=body)
        assert r.status_code in (200, 422), (body, r.status_code, r.text)


def test_nul_bytes_and_huge_numbers_are_not_server_errors(api, tenant):
    r = api.get("/api/v1/clients?name=%00x&filter=a%00", headers=tenant.headers)
    assert r.status_code == 200
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "nul\x00name"})
    assert (r.status_code, r.json()["data"]["name"]) == (200, "nulname")
    client_id = r.json()["data"]["id"]
    r = api.post("/api/v1/invoices", headers=tenant.headers,
                 json={"client_id": client_id, "line_items": [{"quantity": "1e30", "cost": "1e30"}]})
    assert r.status_code == 422, r.text
    r = api.get("/api/v1/clients?balance=lt:1_000", headers=tenant.headers)
    assert r.status_code == 200
