"""Expense JSON, field for field in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, obj, text, unix, ymd
from ninja_api.models import Expense


def serialize_expense(row: Expense, ctx: AuthContext) -> dict:
    # Upstream answers a create from the unsaved model, before the database defaults apply:
    # invoice_documents is false and exchange_rate 0 unless the request set them.
    fresh = getattr(row, "fresh_defaults", set())
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "vendor_id": hashed(row.vendor_id),
        "invoice_id": hashed(row.invoice_id),
        "client_id": hashed(row.client_id),
        "bank_id": code(row.bank_id or None),
        "invoice_currency_id": code(row.invoice_currency_id or None),
        "expense_currency_id": "",
        "currency_id": code(row.currency_id or None),
        "category_id": hashed(row.category_id),
        "payment_type_id": code(row.payment_type_id or None),
        "recurring_expense_id": hashed(row.recurring_expense_id),
        "is_deleted": bool(row.is_deleted),
        "should_be_invoiced": bool(row.should_be_invoiced),
        "invoice_documents": False if "invoice_documents" in fresh else bool(row.invoice_documents),
        "amount": money(row.amount),
        "foreign_amount": money(row.foreign_amount),
        "exchange_rate": 0 if "exchange_rate" in fresh else money(row.exchange_rate),
        "tax_name1": text(row.tax_name1),
        "tax_rate1": money(row.tax_rate1),
        "tax_name2": text(row.tax_name2),
        "tax_rate2": money(row.tax_rate2),
        "tax_name3": text(row.tax_name3),
        "tax_rate3": money(row.tax_rate3),
        "private_notes": text(row.private_notes),
        "public_notes": text(row.public_notes),
        "transaction_reference": text(row.transaction_reference),
        "transaction_id": hashed(row.transaction_id),
        "date": ymd(row.date),
        "number": text(row.number),
        "payment_date": ymd(row.payment_date),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "project_id": hashed(row.project_id),
        "tax_amount1": money(row.tax_amount1),
        "tax_amount2": money(row.tax_amount2),
        "tax_amount3": money(row.tax_amount3),
        "uses_inclusive_taxes": bool(row.uses_inclusive_taxes),
        "calculate_tax_by_amount": bool(row.calculate_tax_by_amount),
        "entity_type": "expense",
        "e_invoice": obj(row.e_invoice),
    }
