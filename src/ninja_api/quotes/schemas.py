"""Quote JSON in upstream's order and types (it differs from the invoice's)."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, obj, text, unix, ymd
from ninja_api.billing import line_items
from ninja_api.billing.settings import company_today
from ninja_api.billing.schemas import datetime_raw, shared_body
from ninja_api.models import Quote

SENT, EXPIRED = 2, -1


def _status(row: Quote, ctx: AuthContext) -> str:
    if row.status_id == SENT and not row.is_deleted and row.due_date is not None \
            and row.due_date.date() <= company_today(ctx.company):
        return code(EXPIRED)
    return code(row.status_id or 1)


def serialize_quote(row: Quote, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "amount": money(row.amount),
        "balance": money(row.balance),
        "client_id": hashed(row.client_id),
        "status_id": _status(row, ctx),
        "design_id": hashed(row.design_id),
        "invoice_id": hashed(row.invoice_id),
        "vendor_id": hashed(row.vendor_id),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "number": text(row.number),
        "discount": money(row.discount),
        "po_number": text(row.po_number),
        # A quote without a date reads as dated today, as upstream's date cast does.
        "date": ymd(row.date or company_today(ctx.company)),
        "last_sent_date": ymd(row.last_sent_date),
        "next_send_date": datetime_raw(row.next_send_date),
        "reminder1_sent": ymd(row.reminder1_sent),
        "reminder2_sent": ymd(row.reminder2_sent),
        "reminder3_sent": ymd(row.reminder3_sent),
        "reminder_last_sent": ymd(row.reminder_last_sent),
        "due_date": ymd(row.due_date),
        "terms": text(row.terms),
        "public_notes": text(row.public_notes),
        "private_notes": text(row.private_notes),
        "is_deleted": bool(row.is_deleted),
        **shared_body(row),
        "custom_surcharge_tax1": bool(row.custom_surcharge_tax1),
        "custom_surcharge_tax2": bool(row.custom_surcharge_tax2),
        "custom_surcharge_tax3": bool(row.custom_surcharge_tax3),
        "custom_surcharge_tax4": bool(row.custom_surcharge_tax4),
        "line_items": line_items.render(row.line_items),
        "entity_type": "quote",
        "exchange_rate": money(row.exchange_rate),
        "paid_to_date": money(row.paid_to_date),
        "project_id": hashed(row.project_id),
        "subscription_id": hashed(row.subscription_id),
        "tax_info": obj(row.tax_data),
        "e_invoice": obj(row.e_invoice),
        "location_id": hashed(row.location_id),
    }
