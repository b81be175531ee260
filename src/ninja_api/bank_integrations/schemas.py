"""Bank integration JSON, field for field in upstream's order and types (BankIntegrationTransformer)."""

from sqlalchemy import inspect

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, money, text, unix, ymd
from ninja_api.models import BankIntegration


def _or_empty(value) -> str:
    # `(string) $value ?: ''`: PHP counts "0" as empty too.
    rendered = text(value)
    return "" if rendered == "0" else rendered


def balance_hidden(row: BankIntegration) -> bool:
    """Lists leave the balance out for users who see the accounts only to book transactions."""
    state = inspect(row)
    # Deferred by the list query (not merely expired after a write).
    return state.persistent and "balance" in state.unloaded and "balance" not in state.expired_attributes


def serialize_bank_integration(row: BankIntegration, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "provider_name": _or_empty(row.provider_name),
        "provider_id": int(row.provider_id or 0),
        "bank_account_id": int(row.bank_account_id or 0),
        "bank_account_name": _or_empty(row.bank_account_name),
        "bank_account_number": _or_empty(row.bank_account_number),
        "bank_account_status": _or_empty(row.bank_account_status),
        "bank_account_type": _or_empty(row.bank_account_type),
        "nordigen_institution_id": _or_empty(row.nordigen_institution_id),
        "balance": 0 if balance_hidden(row) else money(row.balance),
        "currency": _or_empty(row.currency),
        "nickname": _or_empty(row.nickname),
        "from_date": ymd(row.from_date),
        "is_deleted": bool(row.is_deleted),
        "disabled_upstream": bool(row.disabled_upstream),
        "auto_sync": bool(row.auto_sync),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "integration_type": _or_empty(row.integration_type),
    }
