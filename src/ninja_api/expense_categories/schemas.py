"""Expense category JSON, in upstream's order."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, text, unix
from ninja_api.models import ExpenseCategory


def serialize_expense_category(row: ExpenseCategory, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "name": text(row.name),
        "color": text(row.color),
        "is_deleted": bool(row.is_deleted),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "created_at": unix(row.created_at),
    }
