"""Invoice JSON in upstream's order and types."""

from ninja_api.billing import line_items
from ninja_api.billing.schemas import datetime_raw, shared_body
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, obj, text, unix, ymd
from ninja_api.models import Invoice


def serialize_invoice(row: Invoice, ctx: AuthContext) -> dict:
    data = {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "project_id": hashed(row.project_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "amount": money(row.amount),
        "balance": money(row.balance),
        "client_id": hashed(row.client_id),
        "vendor_id": hashed(row.vendor_id),
        "status_id": code(row.status_id or 1),
        "design_id": hashed(row.design_id),
        "recurring_id": hashed(row.recurring_id),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_deleted": bool(row.is_deleted),
        "number": text(row.number),
        "discount": money(row.discount),
        "po_number": text(row.po_number),
        "date": ymd(row.date),
        "last_sent_date": ymd(row.last_sent_date),
        "next_send_date": datetime_raw(row.next_send_date),
        "due_date": ymd(row.due_date),
        "terms": text(row.terms),
        "public_notes": text(row.public_notes),
        "private_notes": text(row.private_notes),
        **shared_body(row),
        "exchange_rate": money(row.exchange_rate or 1),
        "custom_surcharge_tax1": bool(row.custom_surcharge_tax1),
        "custom_surcharge_tax2": bool(row.custom_surcharge_tax2),
        "custom_surcharge_tax3": bool(row.custom_surcharge_tax3),
        "custom_surcharge_tax4": bool(row.custom_surcharge_tax4),
        "line_items": line_items.render(row.line_items),
        "entity_type": "invoice",
        "reminder1_sent": ymd(row.reminder1_sent),
        "reminder2_sent": ymd(row.reminder2_sent),
        "reminder3_sent": ymd(row.reminder3_sent),
        "reminder_last_sent": ymd(row.reminder_last_sent),
        "paid_to_date": money(row.paid_to_date),
        "subscription_id": hashed(row.subscription_id),
        "auto_bill_enabled": bool(row.auto_bill_enabled),
        "tax_info": obj(row.tax_data),
        "e_invoice": obj(row.e_invoice),
        "backup": obj(row.backup),
        "location_id": hashed(row.location_id),
    }
    # Fields the query asked for (`reminder_schedule=true`, `is_locked=true`), worked out in `prepare`.
    data.update(getattr(row, "requested_fields", None) or {})
    return data
