"""Purchase order JSON in upstream's order and types: dates raw, the vendor first, the client optional."""

from ninja_api.billing import line_items
from ninja_api.billing.schemas import datetime_raw, shared_body
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, obj, text, unix, ymd
from ninja_api.models import PurchaseOrder


def serialize_purchase_order(row: PurchaseOrder, ctx: AuthContext) -> dict:
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
        "date": ymd(row.date),
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
        **shared_body(row),
        # Upstream's column is a DATETIME without a date cast here: it renders with its time.
        "partial_due_date": datetime_raw(row.partial_due_date),
        "custom_surcharge_tax1": bool(row.custom_surcharge_tax1),
        "custom_surcharge_tax2": bool(row.custom_surcharge_tax2),
        "custom_surcharge_tax3": bool(row.custom_surcharge_tax3),
        "custom_surcharge_tax4": bool(row.custom_surcharge_tax4),
        "line_items": line_items.render(row.line_items),
        "entity_type": "purchaseOrder",
        "exchange_rate": money(row.exchange_rate),
        "paid_to_date": money(row.paid_to_date),
        "subscription_id": hashed(row.subscription_id),
        "expense_id": hashed(row.expense_id),
        "currency_id": code(row.currency_id) if row.currency_id else "",
        "tax_info": obj(row.tax_data),
        "e_invoice": obj(row.e_invoice),
        "location_id": hashed(row.location_id),
    }
