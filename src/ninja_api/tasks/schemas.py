"""Task JSON, field for field in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, money, text, unix, ymd
from ninja_api.models import Task


def serialize_task(row: Task, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "number": text(row.number),
        "description": text(row.description),
        "duration": int(row.duration or 0),
        "rate": money(row.rate),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "invoice_id": hashed(row.invoice_id),
        "client_id": hashed(row.client_id),
        "project_id": hashed(row.project_id),
        "is_deleted": bool(row.is_deleted),
        "time_log": text(row.time_log),
        "is_running": bool(row.is_running),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "status_id": hashed(row.status_id),
        "status_sort_order": int(row.status_sort_order or 0),
        "is_date_based": bool(row.is_date_based),
        "status_order": None if row.status_order is None else int(row.status_order),
        "date": ymd(row.calculated_start_date),
    }
