"""clone_to_quote: an unsaved draft quote with upstream's selection of the invoice's fields."""

from ninja_api.billing.settings import company_today
from ninja_api.models import Quote


def test_clone_to_quote_renders_an_unsaved_quote(api, tenant, make_invoice, session_factory):
    inv = make_invoice(
        "?mark_sent=true", line_items=[{"quantity": 2, "cost": 10, "product_key": "P", "notes": "n"}],
        discount=5, is_amount_discount=True, po_number="PO-1", footer="f", public_notes="pub", private_notes="priv",
        terms="t", tax_name1="GST", tax_rate1=10, tax_name3="X", tax_rate3=2, custom_value1="c1", partial=3,
        partial_due_date=company_today(tenant.company).isoformat(), custom_surcharge1=4,
    )
    r = api.get(f"/api/v1/invoices/{inv['id']}/clone_to_quote", headers=tenant.headers)
    assert r.status_code == 200
    quote = r.json()["data"]
    assert quote == {
        "id": "", "user_id": "", "assigned_user_id": "", "amount": inv["amount"], "balance": 0, "client_id": "",
        "status_id": "1", "design_id": "", "invoice_id": "", "vendor_id": "", "updated_at": 0, "archived_at": 0,
        "created_at": 0, "number": "", "discount": 5, "po_number": "PO-1",
        "date": company_today(tenant.company).isoformat(), "last_sent_date": "", "next_send_date": "",
        "reminder1_sent": "", "reminder2_sent": "", "reminder3_sent": "", "reminder_last_sent": "", "due_date": "",
        "terms": "t", "public_notes": "pub", "private_notes": "priv", "is_deleted": False,
        "uses_inclusive_taxes": False, "tax_name1": "GST", "tax_rate1": 10, "tax_name2": "", "tax_rate2": 0,
        "tax_name3": "", "tax_rate3": 2, "total_taxes": 0, "is_amount_discount": True, "footer": "f", "partial": 3,
        "partial_due_date": "", "custom_value1": "c1", "custom_value2": "", "custom_value3": "",
        "custom_value4": "", "has_tasks": False, "has_expenses": False, "custom_surcharge1": 0,
        "custom_surcharge2": 0, "custom_surcharge3": 0, "custom_surcharge4": 0, "custom_surcharge_tax1": False,
        "custom_surcharge_tax2": False, "custom_surcharge_tax3": False, "custom_surcharge_tax4": False,
        "line_items": inv["line_items"], "entity_type": "quote", "exchange_rate": 0, "paid_to_date": 0,
        "project_id": "", "subscription_id": "", "tax_info": {}, "e_invoice": {}, "location_id": "",
        "invitations": [], "documents": [],
    }
    with session_factory() as s:
        assert s.query(Quote).count() == 0


def test_bulk_clone_to_quote_saves_nothing(api, tenant, make_invoice, session_factory):
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 10}])
    r = api.post("/api/v1/invoices/bulk", headers=tenant.headers, json={"action": "clone_to_quote", "ids": [inv["id"]]})
    assert [i["id"] for i in r.json()["data"]] == [inv["id"]]
    with session_factory() as s:
        assert s.query(Quote).count() == 0
