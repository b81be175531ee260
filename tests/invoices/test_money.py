"""Invoices created through the API carry upstream's amounts to the cent."""

import pytest

INVOICE_KEYS = [
    "id", "user_id", "project_id", "assigned_user_id", "amount", "balance", "client_id", "vendor_id", "status_id",
    "design_id", "recurring_id", "created_at", "updated_at", "archived_at", "is_deleted", "number", "discount",
    "po_number", "date", "last_sent_date", "next_send_date", "due_date", "terms", "public_notes", "private_notes",
    "uses_inclusive_taxes", "tax_name1", "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3",
    "total_taxes", "is_amount_discount", "footer", "partial", "partial_due_date", "custom_value1", "custom_value2",
    "custom_value3", "custom_value4", "has_tasks", "has_expenses", "custom_surcharge1", "custom_surcharge2",
    "custom_surcharge3", "custom_surcharge4", "exchange_rate", "custom_surcharge_tax1", "custom_surcharge_tax2",
    "custom_surcharge_tax3", "custom_surcharge_tax4", "line_items", "entity_type", "reminder1_sent",
    "reminder2_sent", "reminder3_sent", "reminder_last_sent", "paid_to_date", "subscription_id",
    "auto_bill_enabled", "tax_info", "e_invoice", "backup", "location_id", "invitations", "documents",
]
LINE_KEYS = [
    "quantity", "net_cost", "cost", "product_key", "product_cost", "notes", "discount", "is_amount_discount",
    "tax_name1", "tax_rate1", "tax_name2", "tax_rate2", "tax_name3", "tax_rate3", "sort_id", "line_total",
    "gross_line_total", "tax_amount", "date", "custom_value1", "custom_value2", "custom_value3", "custom_value4",
    "type_id", "tax_id", "task_id", "expense_id", "unit_code",
]


def test_new_draft_invoice_shape_and_totals(make_invoice, client_row, tenant):
    inv = make_invoice(line_items=[{"quantity": 2, "cost": "10.50", "notes": "Widget", "tax_name1": "VAT", "tax_rate1": 20}],
                       discount=5, is_amount_discount=False)
    assert list(inv) == INVOICE_KEYS
    assert list(inv["line_items"][0]) == LINE_KEYS
    # 2 × 10.50 = 21; 5 % off → line tax 21 × 0.95 × 20 % = 3.99; 21 − 1.05 + 3.99 = 23.94.
    assert (inv["amount"], inv["balance"], inv["total_taxes"], inv["status_id"]) == (23.94, 0, 3.99, "1")
    line = inv["line_items"][0]
    assert (line["line_total"], line["tax_amount"], line["gross_line_total"]) == (21, 3.99, 24.99)
    assert (inv["number"], inv["entity_type"], inv["design_id"], inv["is_amount_discount"]) == ("0001", "invoice", "Wpmbk5ezJn", False)
    assert (inv["client_id"], inv["paid_to_date"], inv["partial"], inv["exchange_rate"]) == (client_row["id"], 0, 0, 1)
    # One invitation per contact that receives e-mail.
    assert [i["client_contact_id"] for i in inv["invitations"]] == [client_row["contacts"][0]["id"]]
    invitation = inv["invitations"][0]
    assert invitation["link"] == f"https://ninja.test/client/invoice/{invitation['key']}"
    assert len(invitation["key"]) == 32


def test_is_amount_discount_defaults_to_true(make_invoice):
    inv = make_invoice(line_items=[{"quantity": 1, "cost": 100}], discount=10)
    assert (inv["is_amount_discount"], inv["amount"]) == (True, 90)


def test_per_line_rounding_before_summing(make_invoice):
    # Each 0.333 × 25 line rounds to 8.33 before the sum (upstream), never 8.325 summed.
    lines = [{"quantity": 25, "cost": "0.333"}] * 2 + [{"quantity": 1, "cost": "41.26"}]
    inv = make_invoice(line_items=lines, is_amount_discount=False)
    assert inv["amount"] == 57.92


def test_amount_discount_spread_over_line_taxes(make_invoice):
    # Upstream's worked example: 14191 off 8000 + 9500, each with CA 5 %.
    inv = make_invoice(discount=14191, is_amount_discount=True, line_items=[
        {"quantity": 1, "cost": 8000, "tax_name1": "CA", "tax_rate1": 5},
        {"quantity": 1, "cost": 9500, "tax_name1": "CA", "tax_rate1": 5},
    ])
    assert (inv["amount"], inv["total_taxes"]) == (3474.45, 165.45)
    assert [l["gross_line_total"] for l in inv["line_items"]] == [8075.63, 9589.82]


def test_unnamed_line_tax_is_ignored_in_percent_mode(make_invoice):
    inv = make_invoice(is_amount_discount=False, line_items=[{"quantity": 1, "cost": 100, "tax_rate1": 10}])
    assert (inv["amount"], inv["total_taxes"]) == (100, 0)
    assert inv["line_items"][0]["tax_amount"] == 10


def test_inclusive_taxes_round_per_line(make_invoice):
    inv = make_invoice(uses_inclusive_taxes=True, is_amount_discount=False, line_items=[
        {"quantity": 1, "cost": 50, "tax_name1": "taxy", "tax_rate1": 19},
        {"quantity": 1, "cost": 50, "tax_name1": "taxy", "tax_rate1": 19},
    ])
    assert (inv["amount"], inv["total_taxes"]) == (100, 15.96)


def test_invoice_level_tax_and_taxed_surcharge(make_invoice, session_factory, tenant):
    from ninja_api.models import Company

    with session_factory() as s:
        s.get(Company, tenant.company.id).custom_surcharge_taxes1 = True
        s.commit()
    inv = make_invoice(is_amount_discount=False, tax_name1="GST", tax_rate1=10, custom_surcharge1=10,
                       custom_surcharge2="5", line_items=[{"quantity": 1, "cost": 100}])
    # Tax on 100 plus tax on the taxed surcharge 10: 10 + 1; untaxed surcharge 5 just adds.
    assert (inv["total_taxes"], inv["amount"], inv["custom_surcharge_tax1"]) == (11, 126, True)


def test_negative_and_high_precision_values(make_invoice):
    inv = make_invoice(is_amount_discount=False, discount=-10, tax_name1="T", line_items=[
        {"quantity": -1, "cost": 100, "discount": -10, "tax_name1": "VAT", "tax_rate1": 10}])
    # −110 line; −10 % invoice discount makes it −121; line tax on the discounted base −12.10 → −133.10.
    assert inv["amount"] == -133.1
    inv = make_invoice(is_amount_discount=True, discount="2.52125451", line_items=[{"quantity": 1, "cost": 10}])
    assert inv["amount"] == 7.48


@pytest.mark.parametrize("cost,expected", [("0.1", 0.3), ("1.005", 3.02), ("33.333333", 100)])
def test_no_float_drift(make_invoice, cost, expected):
    inv = make_invoice(is_amount_discount=False, line_items=[{"quantity": 3, "cost": cost}])
    assert inv["amount"] == expected


def test_form_encoded_line_items_from_the_php_sdk(api, tenant, client_row):
    r = api.post("/api/v1/invoices", headers=tenant.headers, data={
        "client_id": client_row["id"], "is_amount_discount": "0",
        "line_items[0][quantity]": "3", "line_items[0][cost]": "19.99", "line_items[0][notes]": "Form",
        "line_items[1][quantity]": "1", "line_items[1][cost]": "0.03",
    })
    assert r.status_code == 200, r.text
    inv = r.json()["data"]
    assert inv["amount"] == 60
    assert [l["notes"] for l in inv["line_items"]] == ["Form", ""]


def test_line_items_filled_from_products(api, tenant, make_invoice, session_factory):
    from decimal import Decimal

    from ninja_api.models import Company
    from ninja_api.models.product import Product

    with session_factory() as s:
        s.add(Product(company_id=tenant.company.id, user_id=tenant.user.id, product_key="WIDGET", notes="A widget",
                      price=Decimal("12.50"), cost=Decimal("7"), tax_name1="VAT", tax_rate1=Decimal("10")))
        s.commit()
    inv = make_invoice(is_amount_discount=False, line_items=[{"product_key": "WIDGET", "quantity": 2},
                                                             {"product_key": "WIDGET", "cost": 1, "notes": "mine"}])
    first, second = inv["line_items"]
    assert (first["cost"], first["notes"], first["product_cost"], first["tax_rate1"], first["line_total"]) == (12.5, "A widget", 7, 10, 25)
    assert (second["cost"], second["notes"], second["quantity"]) == (1, "mine", 1)
    assert inv["amount"] == 28.6  # 25 + 2.50 tax + 1 + 0.10 tax
    with session_factory() as s:
        s.get(Company, tenant.company.id).fill_products = False
        s.commit()
    plain = make_invoice(line_items=[{"product_key": "WIDGET", "quantity": 2}])
    assert (plain["line_items"][0]["cost"], plain["amount"]) == (0, 0)
