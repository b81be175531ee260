"""Project JSON, field for field in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, money, text, unix, ymd
from ninja_api.models import Project


def serialize_project(row: Project, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "client_id": hashed(row.client_id),
        "name": text(row.name),
        "number": text(row.number),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "is_deleted": bool(row.is_deleted),
        "task_rate": money(row.task_rate),
        "due_date": ymd(row.due_date),
        "private_notes": text(row.private_notes),
        "public_notes": text(row.public_notes),
        "budgeted_hours": money(row.budgeted_hours),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "color": text(row.color),
        "current_hours": int(row.current_hours or 0),
    }
