"""POST /api/v1/clients/{id}/documents: the client's documents and those of what it owns."""

import pytest

from tests.products.helpers import make_staff

UNAUTHORIZED = {"message": "This action is unauthorized."}


@pytest.fixture(autouse=True)
def documents_folder(tmp_path, settings, monkeypatch):
    monkeypatch.setattr(settings, "documents_path", str(tmp_path / "documents"))


def _post(api, tenant, path, **body):
    r = api.post(f"/api/v1/{path}", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def _upload(api, headers, path, name):
    r = api.post(f"/api/v1/{path}/upload", headers=headers, data={"_method": "PUT"},
                 files=[("documents[]", (name, b"hello", "text/plain"))])
    assert r.status_code == 200, r.text


def _names(r) -> list[str]:
    assert r.status_code == 200, r.text
    return [d["name"] for d in r.json()["data"]]


def test_lists_the_documents_of_the_client_and_its_entities(api, tenant):
    h = tenant.headers
    client = _post(api, tenant, "clients", name="Acme")
    other = _post(api, tenant, "clients", name="Other")
    invoice = _post(api, tenant, "invoices", client_id=client["id"])
    archived = _post(api, tenant, "invoices", client_id=client["id"])
    quote = _post(api, tenant, "quotes", client_id=client["id"])
    project = _post(api, tenant, "projects", client_id=client["id"], name="Build")
    product = _post(api, tenant, "products", product_key="Widget")
    _upload(api, h, f"clients/{client['id']}", "client.txt")
    _upload(api, h, f"invoices/{invoice['id']}", "invoice.txt")
    _upload(api, h, f"invoices/{archived['id']}", "archived.txt")
    _upload(api, h, f"quotes/{quote['id']}", "quote.txt")
    _upload(api, h, f"projects/{project['id']}", "project.txt")
    _upload(api, h, f"products/{product['id']}", "product.txt")
    _upload(api, h, f"clients/{other['id']}", "other.txt")
    api.post("/api/v1/invoices/bulk", headers=h, json={"action": "archive", "ids": [archived["id"]]})
    r = api.post(f"/api/v1/clients/{client['id']}/documents", headers=h)
    assert _names(r) == ["client.txt", "invoice.txt", "quote.txt", "project.txt"]
    assert r.json()["meta"]["pagination"]["total"] == 4
    assert _names(api.post(f"/api/v1/clients/{client['id']}/documents?per_page=1&page=2", headers=h)) == [
        "invoice.txt"]
    # An archived client's own documents drop out; its entities' stay.
    api.post("/api/v1/clients/bulk", headers=h, json={"action": "archive", "ids": [client["id"]]})
    assert _names(api.post(f"/api/v1/clients/{client['id']}/documents", headers=h)) == [
        "invoice.txt", "quote.txt", "project.txt"]


def test_lookups_and_permissions(api, tenant, other_tenant, session_factory):
    theirs = _post(api, other_tenant, "clients", name="Theirs")
    r = api.post(f"/api/v1/clients/{theirs['id']}/documents", headers=tenant.headers)
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
    r = api.post("/api/v1/clients/nothing/documents", headers=tenant.headers)
    assert (r.status_code, r.json()) == (400, {"message": "No query results for model [App\\Models\\Client]."})
    client = _post(api, tenant, "clients", name="Acme")
    _upload(api, tenant.headers, f"clients/{client['id']}", "owner.txt")
    # A user who may see the client but not every document sees only their own documents.
    viewer = make_staff(session_factory, tenant, "view_client")
    assert _names(api.post(f"/api/v1/clients/{client['id']}/documents", headers=viewer)) == []
    clerk = make_staff(session_factory, tenant, "create_client", email="clerk@example.com")
    r = api.post(f"/api/v1/clients/{client['id']}/documents", headers=clerk)
    assert (r.status_code, r.json()) == (401, UNAUTHORIZED)
