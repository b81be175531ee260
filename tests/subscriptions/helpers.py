from ninja_api import ids

SUBSCRIPTION_KEYS = [
    "id", "user_id", "group_id", "product_ids", "name", "recurring_product_ids", "assigned_user_id",
    "company_id", "price", "promo_price", "frequency_id", "auto_bill", "promo_code", "promo_discount",
    "is_amount_discount", "allow_cancellation", "per_seat_enabled", "max_seats_limit", "trial_enabled",
    "trial_duration", "allow_query_overrides", "allow_plan_changes", "refund_period", "webhook_configuration",
    "purchase_page", "currency_id", "is_deleted", "created_at", "updated_at", "archived_at", "plan_map",
    "use_inventory_management", "optional_recurring_product_ids", "optional_product_ids",
    "registration_required", "steps",
]
VOLATILE = {"created_at", "updated_at", "archived_at"}
UNAUTHORIZED = {"message": "This action is unauthorized."}


def stable(obj):
    if isinstance(obj, dict):
        return {k: stable(v) for k, v in obj.items() if k not in VOLATILE}
    if isinstance(obj, list):
        return [stable(v) for v in obj]
    return obj


def invalid(errors: dict) -> dict:
    return {"message": "The given data was invalid.", "errors": errors}


def expected(tenant, row_id: str, **changes) -> dict:
    """A saved subscription's JSON (clock values left out) with the given differences."""
    data = {
        "id": row_id, "user_id": ids.encode(tenant.user.id), "group_id": "", "product_ids": "", "name": "",
        "recurring_product_ids": "", "assigned_user_id": "", "company_id": ids.encode(tenant.company.id),
        "price": 0, "promo_price": 0, "frequency_id": "", "auto_bill": "", "promo_code": "", "promo_discount": 0,
        "is_amount_discount": False, "allow_cancellation": True, "per_seat_enabled": False, "max_seats_limit": 0,
        "trial_enabled": False, "trial_duration": 0, "allow_query_overrides": False, "allow_plan_changes": False,
        "refund_period": 0, "webhook_configuration": [],
        "purchase_page": f"https://ninja.test/client/subscriptions/{row_id}/purchase", "currency_id": "",
        "is_deleted": False, "plan_map": "", "use_inventory_management": False,
        "optional_recurring_product_ids": "", "optional_product_ids": "", "registration_required": False,
        "steps": "cart,auth.login-or-register",
    }
    data.update(changes)
    return data


def create(api, tenant, **body) -> dict:
    r = api.post("/api/v1/subscriptions", headers=tenant.headers, json=body)
    assert r.status_code == 200, r.text
    return r.json()["data"]


def product(api, tenant, key: str, price, **more) -> str:
    r = api.post("/api/v1/products", headers=tenant.headers, json={"product_key": key, "price": price, **more})
    assert r.status_code == 200, r.text
    return r.json()["data"]["id"]


def activity_types(session_factory, subscription_id: str) -> list[int]:
    from sqlalchemy import select

    from ninja_api.models import Activity

    with session_factory() as s:
        return list(s.scalars(select(Activity.activity_type_id)
                              .where(Activity.subscription_id == ids.decode(subscription_id))
                              .order_by(Activity.id)))
