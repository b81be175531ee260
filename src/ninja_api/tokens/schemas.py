from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, text, unix
from ninja_api.models import CompanyToken


def serialize_token(row: CompanyToken, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "token": text(row.token),
        "name": text(row.name),
        "is_system": bool(row.is_system),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
        "is_deleted": bool(row.is_deleted),
    }


def mask(token: str | None) -> str:
    """The first 10 characters and a fixed tail: what every list shows instead of the token."""
    return (token or "")[:10] + "xxxxxxxxxxx"


def serialize_token_hashed(row: CompanyToken, ctx: AuthContext) -> dict:
    data = serialize_token(row, ctx)
    data["token"] = mask(row.token)
    return data
