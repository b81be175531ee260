"""Subscription JSON, field for field in upstream's order and types (SubscriptionTransformer)."""

from ninja_api.http.auth import AuthContext
from ninja_api.http.rendering import code, hashed, money, text, unix
from ninja_api.models import Subscription
from ninja_api.settings import get_settings


def purchase_page(row: Subscription) -> str:
    # Self-hosted, the company's domain is the app URL.
    return f"{get_settings().app_url.rstrip('/')}/client/subscriptions/{hashed(row.id)}/purchase"


def serialize_subscription(row: Subscription, ctx: AuthContext) -> dict:
    # A create answers from the unsaved model, before the database default applies.
    fresh = getattr(row, "fresh_defaults", set())
    return {
        "id": hashed(row.id),
        "user_id": hashed(row.user_id),
        "group_id": hashed(row.group_id),
        "product_ids": text(row.product_ids),
        "name": text(row.name),
        "recurring_product_ids": text(row.recurring_product_ids),
        "assigned_user_id": hashed(row.assigned_user_id),
        "company_id": hashed(row.company_id),
        "price": money(row.price),
        "promo_price": money(row.promo_price),
        "frequency_id": code(row.frequency_id),
        "auto_bill": text(row.auto_bill),
        "promo_code": text(row.promo_code),
        "promo_discount": money(row.promo_discount),
        "is_amount_discount": bool(row.is_amount_discount),
        "allow_cancellation": False if "allow_cancellation" in fresh else bool(row.allow_cancellation),
        "per_seat_enabled": bool(row.per_seat_enabled),
        "max_seats_limit": int(row.max_seats_limit or 0),
        "trial_enabled": bool(row.trial_enabled),
        "trial_duration": int(row.trial_duration or 0),
        "allow_query_overrides": bool(row.allow_query_overrides),
        "allow_plan_changes": bool(row.allow_plan_changes),
        "refund_period": int(row.refund_period or 0),
        "webhook_configuration": row.webhook_configuration or [],
        "purchase_page": purchase_page(row),
        "currency_id": code(row.currency_id),
        "is_deleted": bool(row.is_deleted),
        "created_at": unix(row.created_at),
        "updated_at": unix(row.updated_at),
        "archived_at": unix(row.deleted_at),
        "plan_map": "",
        "use_inventory_management": bool(row.use_inventory_management),
        "optional_recurring_product_ids": text(row.optional_recurring_product_ids),
        "optional_product_ids": text(row.optional_product_ids),
        "registration_required": bool(row.registration_required),
        "steps": row.steps,
    }
