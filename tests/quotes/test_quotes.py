"""Quotes through the API: JSON, numbering, validity, approval and conversion into a linked draft invoice."""

from datetime import date, timedelta

from sqlalchemy import select

from ninja_api import ids
from ninja_api.billing.settings import company_today
from ninja_api.models import Activity, Invoice

QUOTE_KEYS = [
    "id", "user_id", "assigned_user_id", "amount", "balance", "client_id", "status_id", "design_id", "invoice_id",
    "vendor_id", "updated_at", "archived_at", "created_at", "number", "discount", "po_number", "date",
    "last_sent_date", "next_send_date", "reminder1_sent", "reminder2_sent", "reminder3_sent", "reminder_last_sent",
    "due_date", "terms", "public_notes", "private_notes", "is_deleted", "uses_inclusive_taxes", "tax_name1",
    "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "total_taxes", "is_amount_discount", "footer",
    "partial", "partial_due_date", "custom_value1", "custom_value2", "custom_value3", "custom_value4", "has_tasks",
    "has_expenses", "custom_surcharge1", "custom_surcharge2", "custom_surcharge3", "custom_surcharge4",
    "custom_surcharge_tax1", "custom_surcharge_tax2", "custom_surcharge_tax3", "custom_surcharge_tax4",
    "line_items", "entity_type", "exchange_rate", "paid_to_date", "project_id", "subscription_id", "tax_info",
    "e_invoice", "location_id", "invitations", "documents",
]


def _settings(api, tenant, **values):
    # A company's settings are saved whole: send the current ones with the changes.
    company = api.get("/api/v1/companies", headers=tenant.headers).json()["data"][0]
    settings = {**company["settings"], **values}
    r = api.put(f"/api/v1/companies/{company['id']}", headers=tenant.headers, json={"settings": settings})
    assert r.status_code == 200, r.text


def _action(api, tenant, quote, action, status=200):
    r = api.get(f"/api/v1/quotes/{quote['id']}/{action}", headers=tenant.headers)
    assert r.status_code == status, r.text
    return r.json()


def test_new_quote_shape_and_money(make_quote, client_row, tenant, get_client):
    quote = make_quote(line_items=[{"quantity": 3, "cost": "9.99", "tax_name1": "VAT", "tax_rate1": 10}],
                       is_amount_discount=False)
    assert list(quote) == QUOTE_KEYS
    assert {k: quote[k] for k in ("amount", "balance", "total_taxes", "status_id", "number", "entity_type",
                                  "design_id", "invoice_id", "due_date", "client_id")} == {
        "amount": 32.97, "balance": 0, "total_taxes": 3, "status_id": "1", "number": "0001", "entity_type": "quote",
        "design_id": "Wpmbk5ezJn", "invoice_id": "", "due_date": "", "client_id": client_row["id"]}
    invitation = quote["invitations"][0]
    assert invitation["link"] == f"https://ninja.test/client/quote/{invitation['key']}"
    # Quotes never move the client's money.
    client = get_client()
    assert (client["balance"], client["paid_to_date"], client["credit_balance"]) == (0, 0, 0)


def test_quote_numbers_use_their_own_counter_or_the_shared_invoice_counter(api, tenant, make_quote, make_invoice):
    make_invoice()
    make_invoice()
    assert make_quote()["number"] == "0001"
    _settings(api, tenant, shared_invoice_quote_counter=True)
    assert make_quote()["number"] == "0003"
    assert make_invoice()["number"] == "0004"


def test_counter_applied_when_sent(api, tenant, make_quote):
    _settings(api, tenant, counter_number_applied="when_sent")
    quote = make_quote()
    assert quote["number"] == ""
    assert _action(api, tenant, quote, "mark_sent")["data"]["number"] == "0001"


def test_mark_sent_sets_valid_until_from_the_settings(api, tenant, make_quote):
    _settings(api, tenant, valid_until="14")
    quote = make_quote(date="2030-03-01")
    sent = _action(api, tenant, quote, "mark_sent")["data"]
    assert (sent["status_id"], sent["due_date"]) == ("2", "2030-03-15")
    assert sent["invitations"][0]["sent_date"] != ""


def test_a_sent_quote_past_its_validity_reads_as_expired(api, tenant, make_quote):
    past = (date.today() - timedelta(days=2)).isoformat()
    quote = make_quote("?mark_sent=true", date=past, due_date=past)
    assert quote["status_id"] == "-1"
    # Expired quotes can still be approved: the stored status is sent.
    assert _action(api, tenant, quote, "approve")["data"]["status_id"] == "3"


def test_partial_due_date_without_validity_gives_seven_days(make_quote):
    quote = make_quote(date="2026-05-01", partial=5, partial_due_date="2026-05-03")
    assert (quote["due_date"], quote["partial_due_date"]) == ("2026-05-08", "2026-05-03")


def test_approve_once(api, tenant, make_quote):
    quote = make_quote()
    assert _action(api, tenant, quote, "approve")["data"]["status_id"] == "3"
    assert _action(api, tenant, quote, "approve", 400) == {"message": "Unable to approve this quote as it has expired."}


def test_convert_to_invoice_gives_a_linked_draft_invoice_once(api, tenant, make_quote, session, get_client):
    quote = make_quote(line_items=[{"quantity": 2, "cost": 50, "notes": "work"}], terms="quote terms",
                       footer="quote footer", public_notes="pub", po_number="PO-7")
    invoice = _action(api, tenant, quote, "convert_to_invoice")["data"]
    assert (invoice["entity_type"], invoice["status_id"], invoice["amount"], invoice["balance"], invoice["number"]) == (
        "invoice", "1", 100, 0, "0001")
    assert (invoice["po_number"], invoice["public_notes"], invoice["terms"], invoice["footer"]) == ("PO-7", "pub", "", "")
    assert invoice["date"] == company_today(tenant.company).isoformat()
    assert [i["client_contact_id"] for i in invoice["invitations"]] == [i["client_contact_id"] for i in quote["invitations"]]
    assert invoice["line_items"][0]["notes"] == "work"
    again = api.get(f"/api/v1/quotes/{quote['id']}", headers=tenant.headers).json()["data"]
    assert (again["status_id"], again["invoice_id"]) == ("4", invoice["id"])
    assert _action(api, tenant, quote, "convert_to_invoice", 400) == {
        "message": "This quote has already been converted. Cannot convert again."}
    # The bulk route skips a converted quote and answers the list.
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"ids": [quote["id"]], "action": "convert_to_invoice"})
    assert (r.status_code, [q["invoice_id"] for q in r.json()["data"]]) == (200, [invoice["id"]])
    assert len(session.scalars(select(Invoice)).all()) == 1
    assert get_client()["balance"] == 0
    types = session.scalars(select(Activity.activity_type_id).where(Activity.invoice_id == ids.decode(invoice["id"]))).all()
    assert types == [4]


def test_conversion_keeps_terms_when_the_company_says_so_and_reuses_the_shared_counter(api, tenant, make_quote,
                                                                                        session_factory):
    from ninja_api.models import Company

    with session_factory() as s:
        s.get(Company, tenant.company.id).use_quote_terms_on_conversion = True
        s.commit()
    _settings(api, tenant, shared_invoice_quote_counter=True, quote_number_pattern="Q-{$counter}",
              invoice_number_pattern="I-{$counter}")
    quote = make_quote(terms="keep me")
    assert quote["number"] == "Q-0001"
    invoice = _action(api, tenant, quote, "convert")["data"]
    assert (invoice["terms"], invoice["number"]) == ("keep me", "I-0001")


def test_auto_archive_quote_on_conversion(api, tenant, make_quote):
    _settings(api, tenant, auto_archive_quote=True)
    quote = make_quote()
    _action(api, tenant, quote, "convert_to_invoice")
    assert api.get(f"/api/v1/quotes/{quote['id']}", headers=tenant.headers).json()["data"]["archived_at"] > 0


def test_clones_are_unsaved(api, tenant, make_quote, session):
    quote = make_quote(line_items=[{"quantity": 1, "cost": 5}], po_number="PO-1")
    invoice = _action(api, tenant, quote, "clone_to_invoice")["data"]
    assert (invoice["id"], invoice["number"], invoice["entity_type"], invoice["amount"], invoice["po_number"]) == (
        "", "", "invoice", 5, "PO-1")
    copy = _action(api, tenant, quote, "clone_to_quote")["data"]
    assert (copy["id"], copy["number"], copy["status_id"], copy["amount"]) == ("", "", "1", 5)
    assert session.scalars(select(Invoice)).all() == []


def test_other_actions(api, tenant, make_quote, app):
    quote = make_quote(line_items=[{"quantity": 1, "cost": 5}])
    pdf = api.get(f"/api/v1/quotes/{quote['id']}/download", headers=tenant.headers)
    assert (pdf.status_code, pdf.content[:5], pdf.headers["content-disposition"]) == (
        200, b"%PDF-", 'attachment; filename="Quote_0001.pdf"')
    assert _action(api, tenant, quote, "email") == {"message": "Successfully sent message"}
    assert [m.subject for m in app.state.mailer.sent] == ["New quote 0001 from Demo Company"]
    assert _action(api, tenant, quote, "archive")["data"]["archived_at"] > 0
    assert _action(api, tenant, quote, "restore")["data"]["archived_at"] == 0
    assert _action(api, tenant, quote, "delete")["data"]["is_deleted"] is True
    assert _action(api, tenant, quote, "fly", 400) == {"message": "The requested action fly is not available."}


def test_bulk_validation_and_optional_action(api, tenant, make_quote):
    quote = make_quote()
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"ids": [quote["id"]], "action": "convert"})
    assert (r.status_code, r.json()["errors"]) == (422, {"action": ["The selected action is invalid."]})
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"ids": [quote["id"]]})
    assert (r.status_code, [q["id"] for q in r.json()["data"]]) == (200, [quote["id"]])
    r = api.post("/api/v1/quotes/bulk", headers=tenant.headers, json={"ids": [quote["id"]], "action": "approve"})
    assert r.json()["data"][0]["status_id"] == "3"


def test_store_validation(api, tenant, other_tenant, client_row, make_quote):
    foreign = api.post("/api/v1/clients", headers=other_tenant.headers, json={"name": "Theirs"}).json()["data"]
    make_quote(number="Q-1")
    cases = [
        ({}, {"client_id": ["The client id field is required."]}),
        ({"client_id": foreign["id"]}, {"client_id": ["The selected client id is invalid."]}),
        ({"client_id": client_row["id"], "number": "Q-1"}, {"number": ["The number has already been taken."]}),
        ({"client_id": client_row["id"], "is_amount_discount": "maybe"},
         {"is_amount_discount": ["The is amount discount field must be true or false."]}),
    ]
    for body, errors in cases:
        r = api.post("/api/v1/quotes", headers=tenant.headers, json=body)
        assert (r.status_code, r.json()) == (422, {"message": "The given data was invalid.", "errors": errors}), body


def test_update(api, tenant, make_quote):
    quote = make_quote(line_items=[{"quantity": 1, "cost": 5}])
    r = api.put(f"/api/v1/quotes/{quote['id']}", headers=tenant.headers,
                json={"line_items": [{"quantity": 4, "cost": 5}], "due_date": "2030-01-31"})
    assert (r.status_code, r.json()["data"]["amount"], r.json()["data"]["due_date"]) == (200, 20, "2030-01-31")


def test_deleting_the_converted_invoice_sends_the_quote_back(api, tenant, make_quote):
    quote = make_quote(line_items=[{"quantity": 1, "cost": 5}])
    invoice = _action(api, tenant, quote, "convert_to_invoice")["data"]
    api.delete(f"/api/v1/invoices/{invoice['id']}", headers=tenant.headers)
    back = api.get(f"/api/v1/quotes/{quote['id']}", headers=tenant.headers).json()["data"]
    assert (back["status_id"], back["invoice_id"]) == ("2", "")
    # Free to convert again.
    assert _action(api, tenant, quote, "convert_to_invoice")["data"]["id"] != invoice["id"]


def test_convert_to_project_makes_a_project_and_a_task_per_task_line(api, tenant, make_quote):
    quote = make_quote(public_notes="pub", private_notes="priv", line_items=[
        {"type_id": "2", "quantity": 3, "cost": 40, "notes": "design"},
        {"type_id": "1", "quantity": 1, "cost": 99, "notes": "a product"},
        {"type_id": "2", "quantity": "1.5", "cost": 60, "notes": "build"},
    ])
    project = _action(api, tenant, quote, "convert_to_project")["data"]
    assert (project["name"], project["client_id"], project["budgeted_hours"], project["public_notes"],
            project["private_notes"], project["number"]) == (
        "Quote # 0001 [Acme]", quote["client_id"], 4.5, "pub", "priv", "0001")
    tasks = api.get(f"/api/v1/tasks?project_tasks={project['id']}", headers=tenant.headers).json()["data"]
    assert sorted((t["description"], t["rate"], t["project_id"]) for t in tasks) == [
        ("build", 60, project["id"]), ("design", 40, project["id"])]
    assert api.get(f"/api/v1/quotes/{quote['id']}", headers=tenant.headers).json()["data"]["project_id"] == project["id"]
