"""Payment and paymentable JSON in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, text, unix, ymd
from ninja_api.models import Payment, Paymentable
from ninja_api.models.payment import CREDIT_TYPE
from ninja_api.statics.data import statics


def _raw_id(value) -> str:
    """Upstream casts these to string and falls back to '' for anything falsy, "0" included."""
    return str(value) if value else ""


def serialize_payment(row: Payment, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "amount": money(row.amount),
        "refunded": money(row.refunded),
        "applied": money(row.applied),
        "transaction_reference": text(row.transaction_reference),
        "transaction_id": hashed(row.transaction_id),
        "date": ymd(row.date),
        "is_manual": bool(row.is_manual),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_deleted": bool(row.is_deleted),
        "type_id": _raw_id(row.type_id),
        "invitation_id": _raw_id(row.invitation_id),
        "private_notes": text(row.private_notes),
        "number": text(row.number),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "client_id": hashed(row.client_id),
        "client_contact_id": hashed(row.client_contact_id),
        "company_gateway_id": hashed(row.company_gateway_id),
        "gateway_type_id": _raw_id(row.gateway_type_id),
        "status_id": code(row.status_id),
        "project_id": hashed(row.project_id),
        "vendor_id": hashed(row.vendor_id),
        "currency_id": _raw_id(row.currency_id),
        "exchange_rate": money(row.exchange_rate or 1),
        "exchange_currency_id": _raw_id(row.exchange_currency_id),
    }


def serialize_paymentable(row: Paymentable, ctx: AuthContext) -> dict:
    key = "credit_id" if row.paymentable_type == CREDIT_TYPE else "invoice_id"
    return {
        "id": hashed(row.id),
        key: hashed(row.paymentable_id),
        "amount": money(row.amount),
        "refunded": money(row.refunded),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
    }


def payment_type_name(type_id) -> str:
    """The translated name of a payment type; upstream says "Manual entry" for an unknown one."""
    if not type_id:
        return ""
    for row in statics()["payment_types"]:
        if str(row["id"]) == str(type_id):
            return row["name"]
    return "Manual entry"


def serialize_payment_type(row: Payment, ctx: AuthContext) -> dict:
    return {"name": payment_type_name(row.type_id)}


def serialize_deleted_payment(row: Payment, ctx: AuthContext) -> dict:
    """A delete answers with the payment as it was before (upstream reverses a fresh copy of it)."""
    return getattr(row, "shown_after_delete", None) or serialize_payment(row, ctx)
