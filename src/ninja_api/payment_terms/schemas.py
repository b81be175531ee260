"""Payment term JSON: the name is computed from num_days, the stored name is never shown."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, unix
from ninja_api.models import PaymentTerm


def term_name(num_days: int | None) -> str:
    # Upstream's English "Net" and the days, where -1 reads as 0 and no days as nothing.
    days = 0 if num_days == -1 else num_days
    return f"Net {'' if days is None else days}"


def serialize_payment_term(row: PaymentTerm, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "num_days": int(row.num_days or 0),
        "name": term_name(row.num_days),
        "is_deleted": bool(row.is_deleted),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
    }
