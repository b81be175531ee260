"""Invoice, invitation, payment and paymentable JSON in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, obj, text, unix, ymd
from ninja_api.billing import line_items
from ninja_api.models import Invoice, Payment, Paymentable
from ninja_api.models.payment import CREDIT_TYPE
from ninja_api.settings import get_settings

PORTAL_MODES_WITH_LINKS = {"subdomain", "iframe", "domain"}


def datetime_raw(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""


def shared_body(row) -> dict:
    """The run of keys invoices, quotes and credits render alike, in the same order."""
    return {
    "uses_inclusive_taxes": bool(row.uses_inclusive_taxes),
    "tax_name1": text(row.tax_name1),
    "tax_rate1": money(row.tax_rate1),
    "tax_name2": text(row.tax_name2),
    "tax_rate2": money(row.tax_rate2),
    "tax_name3": text(row.tax_name3),
    "tax_rate3": money(row.tax_rate3),
    "total_taxes": money(row.total_taxes),
    "is_amount_discount": bool(row.is_amount_discount),
    "footer": text(row.footer),
    "partial": money(row.partial),
    "partial_due_date": ymd(row.partial_due_date),
    "custom_value1": text(row.custom_value1),
    "custom_value2": text(row.custom_value2),
    "custom_value3": text(row.custom_value3),
    "custom_value4": text(row.custom_value4),
    "has_tasks": False,
    "has_expenses": False,
    "custom_surcharge1": money(row.custom_surcharge1),
    "custom_surcharge2": money(row.custom_surcharge2),
    "custom_surcharge3": money(row.custom_surcharge3),
    "custom_surcharge4": money(row.custom_surcharge4),
    }


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


def portal_base(ctx: AuthContext) -> str:
    domain = ctx.company.portal_domain or ""
    return domain.rstrip("/") if len(domain) > 5 else get_settings().app_url.rstrip("/")


def serialize_invitation(row, ctx: AuthContext, entity: str = "invoice") -> dict:
    link = ""
    if (ctx.company.portal_mode or "subdomain") in PORTAL_MODES_WITH_LINKS:
        link = f"{portal_base(ctx)}/client/{entity}/{row.key}"
    return {
        "id": hashed(row.id),
        "client_contact_id": hashed(row.client_contact_id),
        "key": text(row.key),
        "link": link,
        "sent_date": datetime_raw(row.sent_date),
        "viewed_date": datetime_raw(row.viewed_date),
        "opened_date": datetime_raw(row.opened_date),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "email_status": text(row.email_status),
        "email_error": text(row.email_error),
        "message_id": text(row.message_id),
    }


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
        "type_id": code(row.type_id),
        "invitation_id": code(row.invitation_id),
        "private_notes": text(row.private_notes),
        "number": text(row.number),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "client_id": hashed(row.client_id),
        "client_contact_id": hashed(row.client_contact_id),
        "company_gateway_id": hashed(row.company_gateway_id),
        "gateway_type_id": code(row.gateway_type_id),
        "status_id": code(row.status_id),
        "project_id": hashed(row.project_id),
        "vendor_id": hashed(row.vendor_id),
        "currency_id": code(row.currency_id),
        "exchange_rate": money(row.exchange_rate or 1),
        "exchange_currency_id": code(row.exchange_currency_id),
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
