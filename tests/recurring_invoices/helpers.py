"""Expected recurring JSON, built key by key in upstream's order, and small request helpers."""

from ninja_api.models import Company

LINE_DEFAULTS = {
    "quantity": 0, "net_cost": 0, "cost": 0, "product_key": "", "product_cost": 0, "notes": "", "discount": 0,
    "is_amount_discount": False, "tax_name1": "", "tax_rate1": 0, "tax_name2": "", "tax_rate2": 0, "tax_name3": "",
    "tax_rate3": 0, "sort_id": "0", "line_total": 0, "gross_line_total": 0, "tax_amount": 0, "date": "",
    "custom_value1": "", "custom_value2": "", "custom_value3": "", "custom_value4": "", "type_id": "1",
    "tax_id": "1", "task_id": "", "expense_id": "", "unit_code": "C62",
}


def line(**values) -> dict:
    return {**LINE_DEFAULTS, **values}


def expected(row: dict, *, quote: bool = False, **values) -> dict:
    """The whole recurring object: `values` over the defaults; ids and timestamps from `row`."""
    data = {
        "id": row["id"], "user_id": row["user_id"], "project_id": "", "assigned_user_id": "", "amount": 0,
        "balance": 0, "client_id": row["client_id"], "vendor_id": "", "status_id": "1", "design_id": "Wpmbk5ezJn",
        "created_at": row["created_at"], "updated_at": row["updated_at"], "archived_at": 0, "is_deleted": False,
        "number": "0001", "discount": 0, "po_number": "", "date": "", "last_sent_date": "",
        "next_send_date": "", "next_send_datetime": "", "due_date": "", "terms": "", "public_notes": "",
        "private_notes": "", "uses_inclusive_taxes": False, "tax_name1": "", "tax_rate1": 0, "tax_name2": "",
        "tax_rate2": 0, "tax_name3": "", "tax_rate3": 0, "total_taxes": 0, "is_amount_discount": True,
        "footer": "", "partial": 0, "partial_due_date": "", "custom_value1": "", "custom_value2": "",
        "custom_value3": "", "custom_value4": "", "has_tasks": False, "has_expenses": False,
        "custom_surcharge1": 0, "custom_surcharge2": 0, "custom_surcharge3": 0, "custom_surcharge4": 0,
        "exchange_rate": 1, "custom_surcharge_tax1": False, "custom_surcharge_tax2": False,
        "custom_surcharge_tax3": False, "custom_surcharge_tax4": False, "line_items": [],
        "entity_type": "recurringQuote" if quote else "recurringInvoice", "frequency_id": "5",
        "remaining_cycles": -1, "recurring_dates": [], "auto_bill": "off", "auto_bill_enabled": False,
        "due_date_days": "terms", "paid_to_date": 0, "subscription_id": "", "e_invoice": {}, "location_id": "",
        "invitations": row.get("invitations", []), "documents": [],
    }
    if quote:
        for name in ("next_send_datetime", "e_invoice", "location_id"):
            del data[name]
    unknown = set(values) - set(data)
    assert not unknown, unknown
    data.update(values)
    return data


def set_company(session_factory, tenant, **settings) -> None:
    with session_factory() as s:
        company = s.get(Company, tenant.company.id)
        company.settings = {**company.settings, **settings}
        s.commit()
