"""Credit JSON in upstream's order and types (it differs from the invoice's)."""

from ninja_api.billing import line_items
from ninja_api.billing.schemas import datetime_raw, shared_body
from ninja_api.billing.settings import company_today
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, obj, text, unix, ymd
from ninja_api.models import Credit


def serialize_credit(row: Credit, ctx: AuthContext) -> dict:
    today = company_today(ctx.company)
    body = shared_body(row)
    # Upstream's accessor formats "now" for a credit without a partial due date.
    body["partial_due_date"] = ymd(row.partial_due_date or today)
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "project_id": hashed(row.project_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "vendor_id": hashed(row.vendor_id),
        "amount": money(row.amount),
        "balance": money(row.balance),
        "client_id": hashed(row.client_id),
        "status_id": code(row.status_id or 1),
        "design_id": hashed(row.design_id),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_deleted": bool(row.is_deleted),
        "number": text(row.number),
        "discount": money(row.discount),
        "po_number": text(row.po_number),
        "date": ymd(row.date or today),
        "last_sent_date": datetime_raw(row.last_sent_date),
        "next_send_date": datetime_raw(row.next_send_date),
        "reminder1_sent": ymd(row.reminder1_sent),
        "reminder2_sent": ymd(row.reminder2_sent),
        "reminder3_sent": ymd(row.reminder3_sent),
        "reminder_last_sent": ymd(row.reminder_last_sent),
        "due_date": ymd(row.due_date),
        "terms": text(row.terms),
        "public_notes": text(row.public_notes),
        "private_notes": text(row.private_notes),
        **body,
        "custom_surcharge_tax1": bool(row.custom_surcharge_tax1),
        "custom_surcharge_tax2": bool(row.custom_surcharge_tax2),
        "custom_surcharge_tax3": bool(row.custom_surcharge_tax3),
        "custom_surcharge_tax4": bool(row.custom_surcharge_tax4),
        "line_items": line_items.render(row.line_items),
        "entity_type": "credit",
        "exchange_rate": money(row.exchange_rate),
        "paid_to_date": money(row.paid_to_date),
        "subscription_id": hashed(row.subscription_id),
        "invoice_id": hashed(row.invoice_id),
        "tax_info": obj(row.tax_data),
        "e_invoice": obj(row.e_invoice),
        "location_id": hashed(row.location_id),
    }
