"""PDFs of unsaved documents (nothing stored) and the portal's PDF links by invitation key."""

import pytest


def invalid(errors):
    return {"message": "The given data was invalid.", "errors": errors}


def _is_pdf(r):
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/pdf"
    assert r.headers["content-disposition"] == "inline"
    assert r.content.startswith(b"%PDF")


def _count(api, tenant, path):
    return len(api.get(f"/api/v1/{path}", headers=tenant.headers).json()["data"])


def test_live_preview_renders_and_stores_nothing(api, tenant, client_row):
    hook = api.post("/api/v1/webhooks", headers=tenant.headers,
                    json={"target_url": "http://127.0.0.1:9/hook", "event_id": "2"}).json()["data"]
    activities_before = _count(api, tenant, "activities")
    r = api.post("/api/v1/live_preview?entity=invoice", headers=tenant.headers, json={
        "client_id": client_row["id"], "line_items": [{"quantity": 2, "cost": 12.5, "notes": "Widgets"}]})
    _is_pdf(r)
    assert _count(api, tenant, "invoices") == 0
    assert _count(api, tenant, "activities") == activities_before
    assert api.get(f"/api/v1/webhooks/{hook['id']}/deliveries", headers=tenant.headers).json()["data"] == []
    # The counter did not move: the first saved invoice still takes the first number.
    saved = api.post("/api/v1/invoices", headers=tenant.headers, json={"client_id": client_row["id"]}).json()["data"]
    assert saved["number"] == "0001"


@pytest.mark.parametrize("entity", ["quote", "credit", "recurring_invoice"])
def test_live_preview_of_other_documents(api, tenant, client_row, entity):
    body = {"client_id": client_row["id"], "line_items": [{"quantity": 1, "cost": 3}]}
    if entity == "recurring_invoice":
        body["frequency_id"] = "5"
    _is_pdf(api.post(f"/api/v1/live_preview?entity={entity}", headers=tenant.headers, json=body))
    assert _count(api, tenant, f"{entity}s") == 0


def test_preview_of_a_saved_invoice_with_changes_keeps_it_unchanged(api, tenant, client_row):
    saved = api.post("/api/v1/invoices", headers=tenant.headers, json={
        "client_id": client_row["id"], "po_number": "PO-1", "line_items": [{"quantity": 1, "cost": 10}]}).json()["data"]
    _is_pdf(api.post(f"/api/v1/live_preview?entity=invoice&entity_id={saved['id']}", headers=tenant.headers,
                     json={"po_number": "PO-2", "line_items": [{"quantity": 5, "cost": 10}]}))
    _is_pdf(api.post("/api/v1/preview", headers=tenant.headers,
                     json={"entity": "invoice", "entity_id": saved["id"], "po_number": "PO-3"}))
    shown = api.get(f"/api/v1/invoices/{saved['id']}", headers=tenant.headers).json()["data"]
    assert (shown["po_number"], shown["amount"], shown["updated_at"]) == ("PO-1", 10, saved["updated_at"])


def test_preview_failures(api, tenant, other_tenant, client_row):
    r = api.post("/api/v1/live_preview?entity=payment", headers=tenant.headers, json={})
    assert (r.status_code, r.json()) == (422, invalid({"entity": ["The selected entity is invalid."]}))
    r = api.post("/api/v1/live_preview?entity=invoice", headers=tenant.headers, json={"line_items": []})
    assert r.status_code == 422 and "client_id" in r.json()["errors"]
    theirs = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "B"}).json()["data"]
    theirs_invoice = api.post("/api/v1/invoices", headers=other_tenant.headers,
                              json={"client_id": theirs["id"]}).json()["data"]
    r = api.post(f"/api/v1/live_preview?entity=invoice&entity_id={theirs_invoice['id']}", headers=tenant.headers,
                 json={})
    assert r.status_code == 401
    assert api.post("/api/v1/live_preview?entity=invoice", json={}).status_code == 403


def test_portal_pdf_by_invitation_key(api, tenant, client_row):
    invoice = api.post("/api/v1/invoices", headers=tenant.headers, json={
        "client_id": client_row["id"], "line_items": [{"quantity": 1, "cost": 10}]}).json()["data"]
    key = invoice["invitations"][0]["key"]
    r = api.get(f"/client/invoice/{key}/download_pdf")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert api.get("/client/invoice/nope/download_pdf").status_code == 400
    assert api.get(f"/client/quote/{key}/download_pdf").status_code == 400  # an invoice's key opens no quote

    vendor = api.post("/api/v1/vendors", headers=tenant.headers,
                      json={"name": "V", "contacts": [{"email": "v@v.co"}]}).json()["data"]
    order = api.post("/api/v1/purchase_orders", headers=tenant.headers, json={
        "vendor_id": vendor["id"], "line_items": [{"quantity": 1, "cost": 4}]}).json()["data"]
    r = api.get(f"/vendor/purchase_order/{order['invitations'][0]['key']}/download")
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    r = api.post("/api/v1/live_preview/purchase_order?entity=purchase_order", headers=tenant.headers,
                 json={"vendor_id": vendor["id"], "line_items": [{"quantity": 1, "cost": 4}]})
    _is_pdf(r)
    assert _count(api, tenant, "purchase_orders") == 1
