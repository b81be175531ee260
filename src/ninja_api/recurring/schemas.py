"""Recurring invoice and recurring quote JSON, in upstream's order and types."""

from ninja_api.billing import line_items
from ninja_api.billing.schemas import datetime_raw, shared_body
from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, declares, hashed, money, obj, text, unix, ymd
from ninja_api.recurring import schedule
from ninja_api.recurring.kind import RecurringKind


def serializer(kind: RecurringKind):
    @declares(recurring_dates=schedule.listed_dates)
    def serialize(row, ctx: AuthContext) -> dict:
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
            "created_at": unix(row.created_at),
            "updated_at": unix(row.updated_at),
            "archived_at": unix(row.deleted_at),
            "is_deleted": bool(row.is_deleted),
            "number": text(row.number),
            "discount": money(row.discount),
            "po_number": text(row.po_number),
            "date": ymd(row.date),
            "last_sent_date": datetime_raw(row.last_sent_date),
            # The day the client sees; the UTC moment it goes out follows (recurring invoices only).
            "next_send_date": datetime_raw(row.next_send_date_client),
        }
        if kind.renders_send_moment:
            data["next_send_datetime"] = datetime_raw(row.next_send_date)
        data.update({
            "due_date": ymd(row.due_date),
            "terms": text(row.terms),
            "public_notes": text(row.public_notes),
            "private_notes": text(row.private_notes),
            **shared_body(row),
            "exchange_rate": money(row.exchange_rate),
            "custom_surcharge_tax1": bool(row.custom_surcharge_tax1),
            "custom_surcharge_tax2": bool(row.custom_surcharge_tax2),
            "custom_surcharge_tax3": bool(row.custom_surcharge_tax3),
            "custom_surcharge_tax4": bool(row.custom_surcharge_tax4),
            "line_items": line_items.render(row.line_items),
            "entity_type": kind.entity_type,
            "frequency_id": code(row.frequency_id),
            "remaining_cycles": int(row.remaining_cycles or 0),
            # Worked out for a whole page in the resource's `prepare`, when they are shown.
            "recurring_dates": getattr(row, "listed_dates", None) or [],
            "auto_bill": text(row.auto_bill),
            "auto_bill_enabled": bool(row.auto_bill_enabled),
            "due_date_days": text(row.due_date_days),
            "paid_to_date": money(row.paid_to_date),
            "subscription_id": hashed(row.subscription_id),
        })
        if kind.renders_send_moment:
            data["e_invoice"] = obj(row.e_invoice)
            data["location_id"] = hashed(row.location_id)
        return data

    return serialize
