"""Design JSON in upstream's order (its transformer writes is_template twice; the first place wins)."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, text, unix
from ninja_api.models import Design


def serialize_design(row: Design, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "name": text(row.name),
        "is_custom": bool(row.is_custom),
        "is_active": bool(row.is_active),
        "is_template": bool(row.is_template),
        "design": row.design,
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "is_deleted": bool(row.is_deleted),
        # Upstream's first four designs were the free plan's; an unsaved design (no id) counts too.
        "is_free": (row.id or 0) <= 4,
        "entities": text(row.entities),
    }
