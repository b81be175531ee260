"""Product JSON, field for field in upstream's order and types."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import hashed, money, text, unix
from ninja_api.models import Product


def serialize_product(row: Product, ctx: AuthContext) -> dict:
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "assigned_user_id": hashed(row.assigned_user_id),
        "product_key": text(row.product_key),
        "notes": text(row.notes),
        "cost": money(row.cost),
        "price": money(row.price),
        "quantity": 1 if row.quantity is None else money(row.quantity),
        "tax_name1": text(row.tax_name1),
        "tax_rate1": money(row.tax_rate1),
        "tax_name2": text(row.tax_name2),
        "tax_rate2": money(row.tax_rate2),
        "tax_name3": text(row.tax_name3),
        "tax_rate3": money(row.tax_rate3),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "custom_value1": text(row.custom_value1),
        "custom_value2": text(row.custom_value2),
        "custom_value3": text(row.custom_value3),
        "custom_value4": text(row.custom_value4),
        "is_deleted": bool(row.is_deleted),
        "in_stock_quantity": int(row.in_stock_quantity or 0),
        # Upstream answers a create from the unsaved model, where the database default (on) is
        # not applied yet: the POST says false unless the request set it; later reads say true.
        "stock_notification": False if getattr(row, "stock_notification_unsent", False) else bool(row.stock_notification),
        "stock_notification_threshold": int(row.stock_notification_threshold or 0),
        "max_quantity": int(row.max_quantity or 0),
        "product_image": text(row.product_image),
        # Tax category: 1 (physical goods) when unset or 0.
        "tax_id": str(row.tax_id) if row.tax_id else "1",
    }
