"""No input is a 500: the shared input limits, and every field of every entity sent as nonsense.

Each entity's blank object names its fields; each is sent, alone, as each value below on a create
and on an update. Every answer must be 2xx or 4xx in upstream's shape; a 500 names the entity,
field and value.
"""

import os

import pytest

from ninja_api.http.input import MAX_DEPTH
from tests.http.entities import ENTITIES, MINIMAL, UNIQUE_NAMES, send as _send

# The sweep CI runs: each value on create and update alike. NINJA_HOSTILE_FULL=1 sends the long list.
NONSENSE = [{}, ["x"], "\ud800", 10**30, True, "x" * 300]
FULL = [{}, [], [{}], {"a": {"b": [1]}}, "\ud800", 10**30, -1e308, True, "x" * 300, "0000-00-00", "-1", 0.1]


@pytest.fixture
def known(api, tenant):
    def made(path, body):
        r = api.post(f"/api/v1/{path}", headers=tenant.headers, json=body)
        assert r.status_code == 200, r.text
        return r.json()["data"]["id"]

    return {"client": made("clients", {"name": "c"}), "vendor": made("vendors", {"name": "v"}),
            "bank_integration": made("bank_integrations", {"bank_account_name": "Checking"})}


@pytest.mark.parametrize("entity", ENTITIES)
def test_every_field_as_nonsense_is_never_a_500(api, tenant, known, entity):
    base = MINIMAL.get(entity, lambda ids: {})(known)
    blank = api.get(f"/api/v1/{entity}/create", headers=tenant.headers).json()["data"]
    fields = [f for f in blank if f not in ("id", "created_at", "updated_at", "archived_at")]
    r = _send(api, tenant, "POST", f"/api/v1/{entity}", base)
    assert r.status_code == 200, r.text
    row_id = r.json()["data"]["id"]
    failures = []
    values = FULL if os.environ.get("NINJA_HOSTILE_FULL") else NONSENSE
    for field in fields:
        for index, value in enumerate(values):
            body = {**base, field: value}
            if entity in UNIQUE_NAMES and field != "name" and "name" in base:
                body["name"] = f"{base['name']}-{field}-{index}"
            # Alternately on create and update: each field meets every value once, on one of them.
            routes = (("POST", f"/api/v1/{entity}"), ("PUT", f"/api/v1/{entity}/{row_id}"))
            for method, path in (routes if os.environ.get("NINJA_HOSTILE_FULL") else [routes[index % 2]]):
                answer = _send(api, tenant, method, path, body)
                if answer.status_code >= 500:
                    failures.append((method, field, repr(value)[:40], answer.status_code, answer.text[:200]))
    assert failures == []


@pytest.mark.parametrize("body, status, message", [
    ('{"a":' + "[" * 5000 + "]" * 5000 + "}", 400, f"The request nests values more than {MAX_DEPTH} levels deep."),
    ('{"a":' + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "}", 400,
     f"The request nests values more than {MAX_DEPTH} levels deep."),
    ('{"name": "x"', 400, "The request body is not valid JSON."),
])
def test_json_limits(api, tenant, body, status, message):
    r = api.post("/api/v1/clients", headers={**tenant.headers, "content-type": "application/json"}, content=body)
    assert (r.status_code, r.json()) == (status, {"message": message})


def test_form_limits(api, tenant):
    form = {**tenant.headers, "content-type": "application/x-www-form-urlencoded"}
    r = api.post("/api/v1/clients", headers=form, content="name=x&a" + "[b]" * 3000 + "=1")
    assert (r.status_code, r.json()) == (400, {"message": f"The request nests values more than {MAX_DEPTH} levels deep."})
    r = api.post("/api/v1/clients", headers=form, content="&".join(f"f{i}=1" for i in range(10_001)))
    assert (r.status_code, r.json()) == (400, {"message": "The request sends more than 10000 fields."})
    # Pairs without a name are dropped, as PHP drops them.
    r = api.post("/api/v1/clients", headers=form, content="[]=1&=2&name=Named")
    assert (r.status_code, r.json()["data"]["name"]) == (200, "Named")
    r = api.post("/api/v1/clients", headers={**tenant.headers, "content-type": "application/json"},
                 content=b"{" + b'"n": "' + b"x" * (10 * 1024 * 1024) + b'"}')
    assert (r.status_code, r.json()) == (413, {"message": "The request body is too large."})


def test_lone_surrogates_and_nul_are_replaced(api, tenant):
    r = _send(api, tenant, "POST", "/api/v1/clients", {"name": "a\ud800b\x00c", "\udfffkey": 1})
    assert (r.status_code, r.json()["data"]["name"]) == (200, "a\ufffdbc")


@pytest.mark.parametrize("action", [{}, [], ["archive"], 1])
def test_bulk_action_that_is_not_text(api, tenant, known, action):
    for entity in ("clients", "invoices", "vendors"):
        r = api.post(f"/api/v1/{entity}/bulk", headers=tenant.headers, json={"action": action, "ids": [known["client"]]})
        assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.",
                                                   "errors": {"action": ["The selected action is invalid."]}})
