"""`GET /{invoice|quote|credit}/{invitation_key}/download`: the PDF for a live key, without a token."""

import pytest


@pytest.fixture
def client_row(api, tenant):
    r = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Acme", "contacts": [{"email": "a@acme.co"}]})
    return r.json()["data"]


@pytest.mark.parametrize("entity,label", [("invoice", "Invoice"), ("quote", "Quote"), ("credit", "Credit")])
def test_a_live_key_downloads_the_pdf_without_a_token(api, tenant, client_row, entity, label):
    doc = api.post(f"/api/v1/{entity}s", headers=tenant.headers,
                   json={"client_id": client_row["id"], "line_items": [{"quantity": 1, "cost": 3}]}).json()["data"]
    key = doc["invitations"][0]["key"]
    r = api.get(f"/api/v1/{entity}/{key}/download")
    assert (r.status_code, r.headers["content-type"], r.content[:5]) == (200, "application/pdf", b"%PDF-")
    assert r.headers["content-disposition"] == f'attachment; filename="{label}_{doc["number"]}.pdf"'
    inline = api.get(f"/api/v1/{entity}/{key}/download?inline=true")
    assert inline.headers["content-disposition"] == "inline"
    # Unknown keys, and keys of deleted documents, are refused.
    assert (api.get(f"/api/v1/{entity}/nope/download").status_code,
            api.get(f"/api/v1/{entity}/nope/download").json()) == (400, {"message": "no record found"})
    api.delete(f"/api/v1/{entity}s/{doc['id']}", headers=tenant.headers)
    assert api.get(f"/api/v1/{entity}/{key}/download").status_code == 400


def test_a_trashed_invitation_no_longer_downloads(api, tenant, client_row):
    second = api.put(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers, json={
        "contacts": [{"id": client_row["contacts"][0]["id"], "email": "a@acme.co"}, {"email": "b@acme.co"}]}).json()["data"]
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client_row["id"]}).json()["data"]
    key = invoice["invitations"][0]["key"]
    api.put(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers,
            json={"invitations": [{"client_contact_id": second["contacts"][1]["id"]}]})
    assert api.get(f"/api/v1/invoice/{key}/download").status_code == 400
