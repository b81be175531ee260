"""No row stores an id of another company: every `*_id` a body names is refused or ignored.

Another company's rows are made first; then each entity is created and updated with each of its
`*_id` fields set to that company's row of the same kind. The answer may be a 422 or may leave the
field empty, but it never shows the foreign id.
"""

import pytest

from tests.http.entities import ENTITIES, MINIMAL, send as _send


def _made(api, tenant, path, body):
    r = api.post(f"/api/v1/{path}", headers=tenant.headers, json=body)
    assert r.status_code == 200, (path, r.text)
    return r.json()["data"]["id"]


@pytest.fixture
def foreign(api, other_tenant):
    t = other_tenant
    client = _made(api, t, "clients", {"name": "theirs"})
    vendor = _made(api, t, "vendors", {"name": "theirs"})
    found = {
        "client_id": client, "vendor_id": vendor,
        "project_id": _made(api, t, "projects", {"name": "p", "client_id": client}),
        "category_id": _made(api, t, "expense_categories", {"name": "c"}),
        "invoice_id": _made(api, t, "invoices", {"client_id": client}),
        "group_settings_id": _made(api, t, "group_settings", {"name": "g", "settings": {}}),
        "design_id": _made(api, t, "designs", {"name": "d", "design": {
            "body": "", "header": "", "footer": "", "includes": "", "product": "", "task": ""}}),
        "task_status_id": _made(api, t, "task_statuses", {"name": "s"}),
        "bank_integration_id": _made(api, t, "bank_integrations", {"bank_account_name": "Theirs"}),
        "subscription_id": _made(api, t, "subscriptions", {"name": "s"}),
        "location_id": _made(api, t, "locations", {"name": "l", "client_id": client}),
        "recurring_id": _made(api, t, "recurring_invoices", {"client_id": client, "frequency_id": "5"}),
    }
    users = api.get("/api/v1/users", headers=t.headers).json()["data"]
    found["assigned_user_id"] = users[0]["id"]
    found["ninja_category_id"] = found["category_id"]
    return found


@pytest.fixture
def own(api, tenant):
    return {"client": _made(api, tenant, "clients", {"name": "c"}), "vendor": _made(api, tenant, "vendors", {"name": "v"}),
            "bank_integration": _made(api, tenant, "bank_integrations", {"bank_account_name": "Checking"})}


@pytest.mark.parametrize("entity", ENTITIES)
def test_no_entity_stores_another_companys_id(api, tenant, foreign, own, entity):
    base = MINIMAL.get(entity, lambda ids: {})(own)
    blank = api.get(f"/api/v1/{entity}/create", headers=tenant.headers).json()["data"]
    fields = [f for f in blank if f in foreign]
    created = _send(api, tenant, "POST", f"/api/v1/{entity}", base)
    assert created.status_code == 200, created.text
    row_id = created.json()["data"]["id"]
    stored = []
    for index, field in enumerate(fields):
        body = {**base, field: foreign[field]}
        if "name" in base:
            body["name"] = f"{base['name']}-{index}"
        for method, path in (("POST", f"/api/v1/{entity}"), ("PUT", f"/api/v1/{entity}/{row_id}")):
            answer = _send(api, tenant, method, path, body)
            assert answer.status_code < 500, (method, field, answer.text)
            if answer.status_code == 200 and answer.json()["data"].get(field) == foreign[field]:
                stored.append((method, field))
    assert stored == [], stored
