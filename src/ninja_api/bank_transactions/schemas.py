"""Bank transaction JSON, field for field in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, text, unix, ymd
from ninja_api.models import BankTransaction


def serialize_bank_transaction(row: BankTransaction, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "bank_integration_id": hashed(row.bank_integration_id),
        "transaction_id": int(row.transaction_id or 0),
        "amount": money(row.amount),
        "currency_id": code(row.currency_id or 1),
        "account_type": text(row.account_type),
        "category_id": int(row.category_id or 0),
        "ninja_category_id": hashed(row.ninja_category_id),
        "category_type": text(row.category_type),
        "date": ymd(row.date),
        "bank_account_id": int(row.bank_account_id or 0),
        "status_id": code(row.status_id),
        "description": text(row.description),
        "participant": text(row.participant),
        "participant_name": text(row.participant_name),
        "base_type": text(row.base_type),
        "invoice_ids": text(row.invoice_ids),
        "expense_id": text(row.expense_id),
        "payment_id": hashed(row.payment_id),
        "vendor_id": hashed(row.vendor_id),
        "bank_transaction_rule_id": hashed(row.bank_transaction_rule_id),
        "is_deleted": bool(row.is_deleted),
        "nordigen_transaction_id": text(row.nordigen_transaction_id),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
    }
