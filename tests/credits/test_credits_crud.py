"""Credits through the API: upstream's JSON, numbers, defaults and validation."""

from ninja_api.billing.settings import company_today
from ninja_api.models import Company

CREDIT_KEYS = [
    "id", "user_id", "project_id", "assigned_user_id", "vendor_id", "amount", "balance", "client_id", "status_id",
    "design_id", "created_at", "updated_at", "archived_at", "is_deleted", "number", "discount", "po_number", "date",
    "last_sent_date", "next_send_date", "reminder1_sent", "reminder2_sent", "reminder3_sent", "reminder_last_sent",
    "due_date", "terms", "public_notes", "private_notes", "uses_inclusive_taxes", "tax_name1", "tax_rate1",
    "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "total_taxes", "is_amount_discount", "footer", "partial",
    "partial_due_date", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "has_tasks",
    "has_expenses", "custom_surcharge1", "custom_surcharge2", "custom_surcharge3", "custom_surcharge4",
    "custom_surcharge_tax1", "custom_surcharge_tax2", "custom_surcharge_tax3", "custom_surcharge_tax4",
    "line_items", "entity_type", "exchange_rate", "paid_to_date", "subscription_id", "invoice_id", "tax_info",
    "e_invoice", "location_id", "invitations", "documents",
]


def _today(session_factory, tenant) -> str:
    with session_factory() as s:
        return company_today(s.get(Company, tenant.company.id)).isoformat()


def test_new_credit_is_a_numbered_draft_with_upstream_keys(make_credit, client_row, session_factory, tenant):
    credit = make_credit(line_items=[{"quantity": 2, "cost": "10.50", "notes": "Refund", "tax_name1": "VAT",
                                      "tax_rate1": 20}], is_amount_discount=False)
    assert list(credit) == CREDIT_KEYS
    today = _today(session_factory, tenant)
    assert {k: credit[k] for k in ("amount", "balance", "total_taxes", "status_id", "number", "entity_type",
                                   "design_id", "paid_to_date", "date", "partial_due_date", "last_sent_date",
                                   "invoice_id", "client_id")} == {
        "amount": 25.2, "balance": 0, "total_taxes": 4.2, "status_id": "1", "number": "0001", "entity_type": "credit",
        "design_id": "Wpmbk5ezJn", "paid_to_date": 0, "date": today, "partial_due_date": today,
        "last_sent_date": "", "invoice_id": "", "client_id": client_row["id"],
    }
    invitation = credit["invitations"][0]
    assert invitation["link"] == f"https://ninja.test/client/credit/{invitation['key']}"
    assert invitation["client_contact_id"] == client_row["contacts"][0]["id"]


def test_credits_number_on_save_whatever_counter_number_applied_says(api, tenant, make_credit):
    with_setting = {"settings": {"counter_number_applied": "when_sent"}}
    r = api.put("/api/v1/companies/" + api.get("/api/v1/companies", headers=tenant.headers).json()["data"][0]["id"],
                headers=tenant.headers, json=with_setting)
    assert r.status_code == 200, r.text
    assert [make_credit()["number"], make_credit()["number"]] == ["0001", "0002"]


def test_uses_inclusive_taxes_comes_from_the_client_not_the_request(make_credit):
    assert make_credit(uses_inclusive_taxes=True)["uses_inclusive_taxes"] is False


def test_client_public_notes_only_fill_a_credit_without_notes(api, tenant):
    client = api.post("/api/v1/clients", headers=tenant.headers,
                      json={"name": "Noted", "public_notes": "client notes"}).json()["data"]
    mine = api.post("/api/v1/credits", headers=tenant.headers,
                    json={"client_id": client["id"], "public_notes": "mine"}).json()["data"]
    theirs = api.post("/api/v1/credits", headers=tenant.headers, json={"client_id": client["id"]}).json()["data"]
    assert (mine["public_notes"], theirs["public_notes"]) == ("mine", "client notes")


def test_store_validation(api, tenant, other_tenant, make_credit, client_row):
    foreign = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    make_credit(number="CR-1")
    cases = [
        ({}, {"client_id": ["The client id field is required."]}),
        ({"client_id": foreign["id"]}, {"client_id": ["The selected client id is invalid."]}),
        ({"client_id": client_row["id"], "number": "CR-1"}, {"number": ["The number has already been taken."]}),
        ({"client_id": client_row["id"], "discount": "lots"}, {"discount": ["The discount must be a number."]}),
        ({"client_id": client_row["id"], "date": "yesterday"}, {"date": ["The date is not a valid date."]}),
        ({"client_id": client_row["id"], "line_items": "x"}, {"line_items": ["The line items must be an array."]}),
    ]
    for body, errors in cases:
        r = api.post("/api/v1/credits", headers=tenant.headers, json=body)
        assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.", "errors": errors}), body
    assert len(api.get("/api/v1/credits", headers=tenant.headers).json()["data"]) == 1


def test_a_deleted_client_may_still_receive_a_credit(api, tenant, client_row):
    api.delete(f"/api/v1/clients/{client_row['id']}", headers=tenant.headers)
    r = api.post("/api/v1/credits", headers=tenant.headers, json={"client_id": client_row["id"]})
    assert r.status_code == 200, r.text


def test_blank_credit(api, tenant, session_factory):
    r = api.get("/api/v1/credits/create", headers=tenant.headers)
    assert r.status_code == 200
    data = r.json()["data"]
    assert list(data) == CREDIT_KEYS
    assert (data["id"], data["number"], data["status_id"], data["invitations"], data["line_items"]) == ("", "", "1", [], [])


def test_update_changes_lines_and_keeps_the_client(api, tenant, make_credit, other_tenant):
    credit = make_credit(line_items=[{"quantity": 1, "cost": 10}])
    r = api.put(f"/api/v1/credits/{credit['id']}", headers=tenant.headers,
                json={"line_items": [{"quantity": 3, "cost": 10}], "po_number": "PO-9"})
    assert r.status_code == 200, r.text
    assert (r.json()["data"]["amount"], r.json()["data"]["po_number"], r.json()["data"]["number"]) == (30, "PO-9", "0001")
    other = api.post("/api/v1/clients", headers=tenant.headers, json={"name": "Other"}).json()["data"]
    r = api.put(f"/api/v1/credits/{credit['id']}", headers=tenant.headers, json={"client_id": other["id"]})
    assert (r.status_code, r.json()["errors"]) == (422, {"client_id": ["The selected client id is invalid."]})
    assert api.get(f"/api/v1/credits/{credit['id']}", headers=other_tenant.headers).status_code == 401


def test_deleted_credit_cannot_be_edited(api, tenant, make_credit):
    credit = make_credit()
    api.delete(f"/api/v1/credits/{credit['id']}", headers=tenant.headers)
    r = api.put(f"/api/v1/credits/{credit['id']}", headers=tenant.headers, json={"po_number": "x"})
    assert (r.status_code, r.json()) == (400, {"message": "Record is deleted and cannot be edited. Restore the record to enable editing"})


def test_save_default_terms_and_footer(api, tenant, make_credit):
    make_credit(query="?save_default_terms=true&save_default_footer=true", terms="Credit terms", footer="Credit footer")
    assert make_credit()["terms"] == "Credit terms"
    assert make_credit()["footer"] == "Credit footer"


def test_dates_are_kept(make_credit):
    credit = make_credit(date="2026-01-31", due_date="2026-02-28", partial=5, partial_due_date="2026-02-10")
    assert (credit["date"], credit["due_date"], credit["partial_due_date"]) == ("2026-01-31", "2026-02-28", "2026-02-10")
