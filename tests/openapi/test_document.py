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
