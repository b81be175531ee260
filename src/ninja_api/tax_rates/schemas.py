"""Tax rate JSON (upstream order: no user_id, no includes)."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, money, text, unix
from ninja_api.models import TaxRate


def serialize_tax_rate(row: TaxRate, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "name": text(row.name),
        "rate": money(row.rate),
        "is_deleted": bool(row.is_deleted),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
    }
