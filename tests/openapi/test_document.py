import json

from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from ninja_api.app import create_app
from ninja_api.openapi import DEFAULT_PATH, document
from ninja_api.settings import Settings


def test_committed_openapi_is_current():
    # Regenerate with: python -m ninja_api.openapi
    assert DEFAULT_PATH.read_text() == document(), "openapi/openapi.json is stale: run python -m ninja_api.openapi"


def test_the_document_is_valid_openapi():
    spec = json.loads(DEFAULT_PATH.read_text())
    validate(spec)  # raises on the first error
    assert spec["openapi"].startswith("3.1")


def test_every_operation_states_its_answers():
    spec = json.loads(DEFAULT_PATH.read_text())
    operations = [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()]
    assert len(operations) > 300
    for path, method, op in operations:
        assert {"200", "400", "401", "403", "422"} <= set(op["responses"]), (method, path)
    invoices = spec["paths"]["/api/v1/invoices"]
    names = {p["name"] for p in invoices["get"]["parameters"]}
    assert {"client_id", "client_status", "status", "sort", "include", "per_page", "page", "filter"} <= names
    listed = invoices["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert listed["properties"]["data"]["items"] == {"$ref": "#/components/schemas/Invoice"}
    assert listed["required"] == ["data", "meta"]
    body = invoices["post"]["requestBody"]["content"]
    assert sorted(body) == ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]
    balance = next(p for p in spec["paths"]["/api/v1/clients"]["get"]["parameters"] if p["name"] == "balance")
    assert "lt:10" in balance["description"]
    bulk = spec["paths"]["/api/v1/invoices/bulk"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert bulk["required"] == ["ids", "action"] and "mark_paid" in json.dumps(bulk["properties"]["action"])


def test_docs_and_spec_are_served_without_a_cdn():
    api = TestClient(create_app(Settings(database_url="sqlite://")))
    page = api.get("/api/v1/docs")
    assert page.status_code == 200
    assert "/api/v1/docs/assets/swagger-ui-bundle.js" in page.text and "cdn" not in page.text
    script = api.get("/api/v1/docs/assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
    served = api.get("/api/v1/openapi.json")
    assert served.status_code == 200 and served.json() == json.loads(document())


def _operations(spec):
    return [(path, method, op) for path, ops in spec["paths"].items() for method, op in ops.items()]


def test_every_answer_and_body_is_stated():
    spec = json.loads(DEFAULT_PATH.read_text())
    unstated = [(method, path) for path, method, op in _operations(spec)
                if any(c.get("schema") in ({}, None) for c in op["responses"]["200"].get("content", {}).values())]
    assert unstated == []
    bodiless = [(method, path) for path, method, op in _operations(spec)
                if method in ("post", "put", "patch") and "requestBody" not in op]
    assert bodiless == []


def test_custom_routes_answer_what_their_code_builds():
    spec = json.loads(DEFAULT_PATH.read_text())
    paths = spec["paths"]

    def ok(path, method="get"):
        return paths[path][method]["responses"]["200"]["content"]

    action = ok("/api/v1/invoices/{id}/{action}")
    assert action["application/pdf"]["schema"] == {"type": "string", "format": "binary"}
    refs = {o["properties"]["data"].get("$ref") for o in action["application/json"]["schema"]["anyOf"]
            if "data" in o.get("properties", {})}
    assert refs == {"#/components/schemas/Invoice", "#/components/schemas/Quote"}  # clone_to_quote
    upload = paths["/api/v1/invoices/{id}/upload"]["post"]
    assert upload["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["data"] == \
        {"$ref": "#/components/schemas/Invoice"}
    files = upload["requestBody"]["content"]["multipart/form-data"]["schema"]["properties"]
    assert files["documents[]"] == {"type": "array", "items": {"type": "string", "format": "binary"}}
    assert "documents[]" not in upload["requestBody"]["content"]["application/json"]["schema"]["properties"]
    login = ok("/api/v1/login", "post")["application/json"]["schema"]["properties"]
    item = login["data"]["items"]["properties"]
    assert item["company"] == {"$ref": "#/components/schemas/Company"}
    assert item["token"] == {"$ref": "#/components/schemas/CompanyToken2"}
    assert login["meta"] == {"$ref": "#/components/schemas/Meta"}
    login_body = paths["/api/v1/login"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert {"email", "password", "one_time_password"} <= set(login_body["properties"])
    assert "index" not in login_body["properties"]  # the envelope's option, not the route's
    health = ok("/api/v1/health_check")["application/json"]["schema"]["properties"]
    assert health["system_health"] == {"type": "boolean"}
    # The counts (QueueData) or, without a database, the literal zeros: both say the same.
    assert [q["properties"]["failed"] for q in health["queue_data"]["anyOf"]] == [{"type": "integer"}] * 2
    ledger = ok("/api/v1/company_ledger")["application/json"]["schema"]
    assert ledger["properties"]["data"]["items"] == {"$ref": "#/components/schemas/CompanyLedger"}
    assert ok("/api/v1/companies/{id}/logo") == {"image/png": {"schema": {"type": "string", "format": "binary"}}}
    note = paths["/api/v1/activities/notes"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert set(note["properties"]) == {"entity", "entity_id", "notes"}
    refund = paths["/api/v1/payments/refund"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert refund["properties"]["amount"]["type"] == ["number", "string"]  # read through as_decimal
