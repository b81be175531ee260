"""Bank transaction rule JSON, field for field in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, text, unix
from ninja_api.models import BankTransactionRule


def serialize_bank_transaction_rule(row: BankTransactionRule, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "name": text(row.name),
        "rules": row.rules or [],
        "auto_convert": bool(row.auto_convert),
        "matches_on_all": bool(row.matches_on_all),
        "applies_to": text(row.applies_to),
        "client_id": hashed(row.client_id),
        "vendor_id": hashed(row.vendor_id),
        "category_id": hashed(row.category_id),
        "is_deleted": bool(row.is_deleted),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
    }
