from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, text, unix
from ninja_api.models import TaskStatus


def serialize_task_status(row: TaskStatus, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "name": text(row.name),
        "color": text(row.color),
        "is_deleted": bool(row.is_deleted),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "status_order": None if row.status_order is None else int(row.status_order),
    }
