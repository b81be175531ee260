from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, obj, text, unix
from ninja_api.models import GroupSetting


def serialize_group_setting(row: GroupSetting, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "name": text(row.name),
        "settings": obj(row.settings),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_deleted": bool(row.is_deleted),
    }
