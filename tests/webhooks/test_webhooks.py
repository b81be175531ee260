"""Webhook subscriptions through the API: JSON, rules, DELETE, bulk, and the SDK's form PUT."""

from ninja_api import ids

KEYS = ["id", "company_id", "user_id", "archived_at", "updated_at", "created_at", "is_deleted", "target_url",
        "event_id", "format", "rest_method", "headers", "signing_secret"]
URL = "https://example.com/hooks/ninja"


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def _store(api, tenant, status=200, **body):
    r = api.post("/api/v1/webhooks", headers=tenant.headers, json=body)
    assert r.status_code == status, r.text
    return r.json()["data"] if status == 200 else r.json()


def test_store_and_blank(api, tenant):
    hook = _store(api, tenant, target_url=URL, event_id=2, headers={"X-Secret": "abc"})
    assert list(hook) == KEYS
    secret = hook.pop("signing_secret")
    assert len(secret) == 64 and int(secret, 16) >= 0
    assert {k: v for k, v in hook.items() if k not in ("id", "created_at", "updated_at")} == {
        "company_id": ids.encode(tenant.company.id), "user_id": ids.encode(tenant.user.id), "archived_at": 0,
        "is_deleted": False, "target_url": URL, "event_id": "2", "format": "JSON", "rest_method": "post",
        "headers": {"X-Secret": "abc"}}
    blank = api.get("/api/v1/webhooks/create", headers=tenant.headers).json()["data"]
    assert {k: blank[k] for k in ("id", "target_url", "event_id", "format", "rest_method", "headers")} == {
        "id": "", "target_url": "", "event_id": "1", "format": "JSON", "rest_method": "post", "headers": []}
    # Two webhooks never share a signing secret.
    assert _store(api, tenant, target_url=URL, event_id="2")["signing_secret"] != secret


def test_store_rules(api, tenant):
    assert _store(api, tenant, 422) == invalid({"target_url": ["The target url field is required."],
                                                "event_id": ["The event id field is required."]})
    assert _store(api, tenant, 422, target_url="not a url", event_id=1, rest_method="get") == invalid({
        "target_url": ["The target url must be a valid URL."], "rest_method": ["The selected rest method is invalid."]})
    assert _store(api, tenant, 422, target_url=URL, event_id="two") == invalid(
        {"event_id": ["The event id must be an integer."]})
    # Upstream's answer to an event it does not know is a bare JSON string.
    r = api.post("/api/v1/webhooks", headers=tenant.headers, json={"target_url": URL, "event_id": 65})
    assert (r.status_code, r.json()) == (400, "Invalid event")
    assert api.get("/api/v1/webhooks", headers=tenant.headers).json()["data"] == []


def test_form_put_of_the_created_object_answers_it_with_the_new_url(api, tenant):
    created = _store(api, tenant, target_url=URL, event_id=10)
    form = {k: ("0" if v is False else v) for k, v in created.items() if v != []}
    form["target_url"] = URL + "-updated"
    r = api.put(f"/api/v1/webhooks/{created['id']}", headers=tenant.headers, data=form)
    assert r.status_code == 200, r.text
    answered = r.json()["data"]
    assert {k: v for k, v in answered.items() if k != "updated_at"} == {
        **{k: v for k, v in created.items() if k != "updated_at"}, "target_url": URL + "-updated"}
    r = api.put(f"/api/v1/webhooks/{created['id']}", headers=tenant.headers, json={"event_id": 10})
    assert r.json() == invalid({"target_url": ["The target url field is required."]})


def test_delete_archives_and_bulk(api, tenant, other_tenant):
    one, two = _store(api, tenant, target_url=URL, event_id=1), _store(api, tenant, target_url=URL + "/2", event_id=1)
    r = api.delete(f"/api/v1/webhooks/{one['id']}", headers=tenant.headers).json()["data"]
    assert (r["archived_at"] > 0, r["is_deleted"]) == (True, False)
    active = api.get("/api/v1/webhooks?status=active", headers=tenant.headers).json()["data"]
    assert [h["id"] for h in active] == [two["id"]]
    deleted = api.post("/api/v1/webhooks/bulk", headers=tenant.headers,
                       json={"action": "delete", "ids": [two["id"]]}).json()["data"]
    assert [(h["is_deleted"], h["archived_at"] > 0) for h in deleted] == [(True, True)]
    assert api.get("/api/v1/webhooks?filter=hooks/ninja/2", headers=tenant.headers).json()["data"][0]["id"] == two["id"]
    # Another company sees none of them.
    assert api.get(f"/api/v1/webhooks/{two['id']}", headers=other_tenant.headers).status_code == 401
    assert api.get("/api/v1/webhooks", headers=other_tenant.headers).json()["data"] == []
